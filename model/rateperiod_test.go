package model

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse(RateDateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestRateValidateAllowancesAndPeriod(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Rate)
		field  string
	}{
		{"no allowances, open", func(*Rate) {}, ""},
		{"allowances 0 and 3600", func(r *Rate) { r.GraceSeconds, r.FreeSeconds = Seconds(0), Seconds(MaxAllowanceSeconds) }, ""},
		{"negative grace", func(r *Rate) { r.GraceSeconds = Seconds(-1) }, "grace_seconds"},
		{"free beyond an hour", func(r *Rate) { r.FreeSeconds = Seconds(MaxAllowanceSeconds + 1) }, "free_seconds"},
		{"from only", func(r *Rate) { r.EffectiveFrom = day("2026-01-01") }, ""},
		{"ends only", func(r *Rate) { r.Ends = day("2026-01-01") }, ""},
		{"from before ends", func(r *Rate) { r.EffectiveFrom, r.Ends = day("2026-01-01"), day("2026-01-02") }, ""},
		{"ends at the start", func(r *Rate) { r.EffectiveFrom, r.Ends = day("2026-01-01"), day("2026-01-01") }, "ends"},
		{"ends before the start", func(r *Rate) { r.EffectiveFrom, r.Ends = day("2026-02-01"), day("2026-01-01") }, "ends"},
		{"ends within the start's second", func(r *Rate) {
			r.EffectiveFrom, r.Ends = day("2026-01-01"), day("2026-01-01").Add(500*time.Millisecond)
		}, "ends"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := validRate()
			tc.change(&r)
			err := r.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if e := FieldErrors(err).For(tc.field); e == nil || e.Code != CodeOutOfRange {
				t.Fatalf("error %v, want %s on %s", err, CodeOutOfRange, tc.field)
			}
		})
	}
}

func TestRateNormalizeBounds(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	r := validRate()
	r.EffectiveFrom = time.Date(2026, 3, 1, 0, 0, 0, 999_000_000, paris)
	r.Normalize()
	if want := time.Date(2026, 2, 28, 23, 0, 0, 0, time.UTC); !r.EffectiveFrom.Equal(want) || r.EffectiveFrom.Location() != time.UTC {
		t.Fatalf("from %v, want %v in UTC", r.EffectiveFrom, want)
	}
	if !r.Ends.IsZero() {
		t.Fatalf("an open end became %v", r.Ends)
	}
}

func TestCheckRatePeriods(t *testing.T) {
	rate := func(prefix, from, ends string) Rate {
		r := validRate()
		r.Prefix = prefix
		if from != "" {
			r.EffectiveFrom = day(from)
		}
		if ends != "" {
			r.Ends = day(ends)
		}
		return r
	}
	tests := []struct {
		name    string
		rates   []Rate
		overlap string // the prefix refused, "" for none
	}{
		{"one open rate per prefix", []Rate{rate("44", "", ""), rate("49", "", "")}, ""},
		{"two open rates", []Rate{rate("44", "", ""), rate("44", "", "")}, "44"},
		{"a change of price", []Rate{rate("44", "", "2026-06-01"), rate("44", "2026-06-01", "")}, ""},
		{"typed in any order", []Rate{rate("44", "2026-06-01", ""), rate("44", "", "2026-06-01")}, ""},
		{"one second of overlap", []Rate{rate("44", "", "2026-06-01"), {Prefix: "44", EffectiveFrom: day("2026-06-01").Add(-time.Second)}}, "44"},
		{"inside another", []Rate{rate("44", "2026-01-01", "2026-12-01"), rate("44", "2026-03-01", "2026-04-01")}, "44"},
		{"an open one after a bounded one", []Rate{rate("44", "2026-01-01", "2026-02-01"), rate("44", "", "")}, "44"},
		{"three in a row", []Rate{rate("7", "2026-02-01", "2026-03-01"), rate("7", "", "2026-02-01"), rate("7", "2026-03-01", "")}, ""},
		{"other prefixes apart", []Rate{rate("4", "", ""), rate("44", "", ""), rate("441", "", "")}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckRatePeriods(tc.rates)
			if tc.overlap == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			e := FieldErrors(err).For("effective_from")
			if e == nil || e.Code != CodeDuplicate || e.Params["prefix"] != tc.overlap {
				t.Fatalf("error %v, want %s on effective_from for %s", err, CodeDuplicate, tc.overlap)
			}
			for i := range tc.rates {
				for j := range tc.rates {
					if i != j && tc.rates[i].Overlaps(tc.rates[j]) {
						return
					}
				}
			}
			t.Fatal("CheckRatePeriods refused rates that Overlaps finds apart")
		})
	}
}

func TestTariffInputAllowances(t *testing.T) {
	in := TariffInput{Name: "Grace", Currency: "EUR", GraceSeconds: 5, FreeSeconds: MaxAllowanceSeconds}
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	in.GraceSeconds, in.FreeSeconds = -1, MaxAllowanceSeconds+1
	es := FieldErrors(in.Validate())
	for _, f := range []string{"grace_seconds", "free_seconds"} {
		if e := es.For(f); e == nil || e.Code != CodeOutOfRange {
			t.Fatalf("%s: %v", f, es)
		}
	}
}

func TestParseRatesCSVAllowancesAndDates(t *testing.T) {
	t.Run("old file without the columns", func(t *testing.T) {
		for _, in := range []string{
			"prefix,description,price,connect_fee,first_interval,next_interval\n44,UK,0.1,0,60,60\n",
			"44,UK,0.1,0,60,60,note,2026-01-01,x\n",
		} {
			f, err := ParseRatesCSV(strings.NewReader(in))
			if err != nil || len(f.Rows) != 1 || f.Rows[0].Err != nil {
				t.Fatalf("%q: %+v %v", in, f, err)
			}
			r := f.Rows[0].Rate
			if r.GraceSeconds != nil || r.FreeSeconds != nil || !r.EffectiveFrom.IsZero() || !r.Ends.IsZero() {
				t.Fatalf("%q: %+v", in, r)
			}
		}
	})
	t.Run("new columns", func(t *testing.T) {
		in := "prefix;price;grace_seconds;free_seconds;effective_from;ends\n" +
			"44;0,1;5;;;2026-06-01\n" +
			"44;0,2;;30;2026-06-01;\n" +
			"49;0,3;;;2026-01-01;2026-01-01\n" +
			"33;0,3;x;4000;2026-13-01;01.02.2026\n" +
			"44;0,4;;;2026-05-01;2026-07-01\n"
		f, err := ParseRatesCSV(strings.NewReader(in))
		if err != nil || len(f.Rows) != 5 {
			t.Fatalf("%+v %v", f, err)
		}
		a, b := f.Rows[0], f.Rows[1]
		if a.Err != nil || b.Err != nil {
			t.Fatalf("good rows refused: %v, %v", a.Err, b.Err)
		}
		if a.Rate.GraceSeconds == nil || *a.Rate.GraceSeconds != 5 || a.Rate.FreeSeconds != nil ||
			!a.Rate.EffectiveFrom.IsZero() || !a.Rate.Ends.Equal(day("2026-06-01")) {
			t.Fatalf("first row %+v", a.Rate)
		}
		if b.Rate.FreeSeconds == nil || *b.Rate.FreeSeconds != 30 || !b.Rate.EffectiveFrom.Equal(day("2026-06-01")) || !b.Rate.Ends.IsZero() {
			t.Fatalf("second row %+v", b.Rate)
		}
		if e := FieldErrors(f.Rows[2].Err).For("ends"); e == nil || e.Code != CodeOutOfRange {
			t.Fatalf("an end at the start: %v", f.Rows[2].Err)
		}
		es := FieldErrors(f.Rows[3].Err)
		for field, code := range map[string]Code{"grace_seconds": CodeInvalid, "free_seconds": CodeOutOfRange,
			"effective_from": CodeInvalid, "ends": CodeInvalid} {
			if e := es.For(field); e == nil || e.Code != code {
				t.Fatalf("%s: %v, want %s", field, es, code)
			}
		}
		if e := FieldErrors(f.Rows[4].Err).For("prefix"); e == nil || e.Code != CodeDuplicate || e.Params["line"] != 2 {
			t.Fatalf("an overlapping row: %v", f.Rows[4].Err)
		}
	})
	t.Run("dates in the importer's zone", func(t *testing.T) {
		tokyo, err := time.LoadLocation("Asia/Tokyo")
		if err != nil {
			t.Fatal(err)
		}
		f, err := ParseRatesCSVIn(strings.NewReader("prefix,price,effective_from\n81,0.1,2026-04-01\n"), tokyo)
		if err != nil || len(f.Rows) != 1 || f.Rows[0].Err != nil {
			t.Fatalf("%+v %v", f, err)
		}
		if got, want := f.Rows[0].Rate.EffectiveFrom, time.Date(2026, 3, 31, 15, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Fatalf("from %v, want %v", got, want)
		}
	})
}
