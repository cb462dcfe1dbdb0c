package rating

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// rule makes a rate rule for tables: the prefix, the price per minute,
// 60/60, no connect fee.
func rule(prefix, price string) RateRule {
	return RateRule{Prefix: prefix, Price: decimal.RequireFromString(price), FirstInterval: 60, NextInterval: 60}
}

func during(r RateRule, from, ends string) RateRule {
	if from != "" {
		r.EffectiveFrom = mustTime(from)
	}
	if ends != "" {
		r.Ends = mustTime(ends)
	}
	return r
}

// mustTime reads an RFC 3339 time written in a test table; a typo there
// panics, which fails the test.
func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestLookupExamples: docs/rating.md, "Which rate", examples D1 to D5.
func TestLookupExamples(t *testing.T) {
	deck, err := NewDeck(TariffRules{ID: 1, Currency: "EUR"}, []RateRule{
		rule("44", "0.015"),
		rule("447", "0.09"),
		during(rule("4477", "0.07"), "", "2026-12-01T00:00:00Z"),
		during(rule("4477", "0.065"), "2026-12-01T00:00:00Z", ""),
		during(rule("4420", "0.012"), "2027-01-01T00:00:00Z", ""),
		during(rule("33", "0.02"), "", "2026-12-01T00:00:00Z"),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, number, at string
		prefix, price    string // "" prefix: no rate
	}{
		{"D1 longest prefix: 447 over 44", "447911123456", "2026-11-15T12:00:00Z", "447", "0.09"},
		{"D1 only 44 matches", "441612345678", "2026-11-15T12:00:00Z", "44", "0.015"},
		{"D2 last second of the old rate", "447700900123", "2026-11-30T23:59:59Z", "4477", "0.07"},
		{"D2 first second of the new rate", "447700900123", "2026-12-01T00:00:00Z", "4477", "0.065"},
		{"D3 a rate not yet in force is passed over", "442079460018", "2026-12-31T23:59:59Z", "44", "0.015"},
		{"D3 once in force it wins", "442079460018", "2027-01-01T00:00:00Z", "4420", "0.012"},
		{"D4 no prefix", "4930123", "2026-11-15T12:00:00Z", "", ""},
		{"D5 a rate that has ended", "33140205050", "2026-12-01T00:00:00Z", "", ""},
		{"D5 before it ended", "33140205050", "2026-11-30T23:59:59Z", "33", "0.02"},
		{"the number is the prefix", "44", "2026-11-15T12:00:00Z", "44", "0.015"},
		{"shorter than any prefix", "4", "2026-11-15T12:00:00Z", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := mustTime(tc.at)
			m, ok := deck.Lookup(tc.number, at)
			if ok != (tc.prefix != "") || m.Prefix != tc.prefix {
				t.Fatalf("Lookup(%s) = %q, %v; want %q", tc.number, m.Prefix, ok, tc.prefix)
			}
			if ok && m.PriceMicros != micros(t, tc.price) {
				t.Errorf("price %d micros, want %s", m.PriceMicros, tc.price)
			}
		})
	}
}

// TestNewDeckAllowances: per-rate grace and free seconds override the
// tariff's defaults (docs/rating.md, "Grace and free seconds").
func TestNewDeckAllowances(t *testing.T) {
	own := rule("44", "0.01")
	grace, free := 0, 30
	own.GraceSeconds, own.FreeSeconds = &grace, &free
	deck, err := NewDeck(TariffRules{GraceSeconds: 5, FreeSeconds: 10}, []RateRule{rule("33", "0.01"), own})
	if err != nil {
		t.Fatal(err)
	}
	m, ok := deck.Lookup("33", time.Now())
	if !ok || m.GraceSeconds != 5 || m.FreeSeconds != 10 {
		t.Errorf("tariff defaults: %+v", m.Billing)
	}
	m, ok = deck.Lookup("44", time.Now())
	if !ok || m.GraceSeconds != 0 || m.FreeSeconds != 30 {
		t.Errorf("rate's own: %+v", m.Billing)
	}
}

// TestNewDeckRefuses: the rules a deck refuses, each by its model code.
func TestNewDeckRefuses(t *testing.T) {
	neg, big := -1, MaxAllowanceSeconds+1
	for _, tc := range []struct {
		name   string
		tariff TariffRules
		rules  []RateRule
		code   model.Code
		field  string
	}{
		{"letters in a prefix", TariffRules{}, []RateRule{rule("44a", "0.01")}, model.CodeInvalidChars, "prefix"},
		{"seven places", TariffRules{}, []RateRule{rule("44", "0.0000001")}, model.CodeTooPrecise, "price"},
		{"a negative price", TariffRules{}, []RateRule{rule("44", "-0.01")}, model.CodeOutOfRange, "price"},
		{"no interval", TariffRules{}, []RateRule{func() RateRule { r := rule("44", "0.01"); r.NextInterval = 0; return r }()}, model.CodeOutOfRange, "next_interval"},
		{"negative tariff grace", TariffRules{GraceSeconds: -1}, nil, model.CodeOutOfRange, "grace_seconds"},
		{"too many free seconds", TariffRules{FreeSeconds: MaxAllowanceSeconds + 1}, nil, model.CodeOutOfRange, "free_seconds"},
		{"negative rate grace", TariffRules{}, []RateRule{func() RateRule { r := rule("44", "0.01"); r.GraceSeconds = &neg; return r }()}, model.CodeOutOfRange, "grace_seconds"},
		{"too many rate free seconds", TariffRules{}, []RateRule{func() RateRule { r := rule("44", "0.01"); r.FreeSeconds = &big; return r }()}, model.CodeOutOfRange, "free_seconds"},
		{"ends before it starts", TariffRules{}, []RateRule{during(rule("44", "0.01"), "2026-12-01T00:00:00Z", "2026-11-01T00:00:00Z")}, model.CodeOutOfRange, "ends"},
		{"ends when it starts", TariffRules{}, []RateRule{during(rule("44", "0.01"), "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z")}, model.CodeOutOfRange, "ends"},
		{"the same prefix twice", TariffRules{}, []RateRule{rule("44", "0.01"), rule("44", "0.02")}, model.CodeDuplicate, "effective_from"},
		{"overlapping periods", TariffRules{}, []RateRule{
			during(rule("44", "0.01"), "", "2026-12-02T00:00:00Z"),
			during(rule("44", "0.02"), "2026-12-01T00:00:00Z", ""),
		}, model.CodeDuplicate, "effective_from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewDeck(tc.tariff, tc.rules)
			var me *model.Error
			if !errors.As(err, &me) {
				var es model.Errors
				if errors.As(err, &es) && len(es) > 0 {
					me = es[0]
				}
			}
			if me == nil || me.Code != tc.code || me.Field != tc.field {
				t.Errorf("NewDeck: %v; want %s on %s", err, tc.code, tc.field)
			}
		})
	}
}

// TestNewDeckPeriodsThatTouch: a rate may end the second the next starts.
func TestNewDeckPeriodsThatTouch(t *testing.T) {
	_, err := NewDeck(TariffRules{}, []RateRule{
		during(rule("44", "0.02"), "2026-12-01T00:00:00Z", ""),
		during(rule("44", "0.01"), "", "2026-12-01T00:00:00Z"),
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestLookupAllocatesNothing: a lookup costs no allocation.
func TestLookupAllocatesNothing(t *testing.T) {
	deck, err := NewDeck(TariffRules{}, []RateRule{rule("44", "0.01"), rule("447", "0.02")})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now()
	if n := testing.AllocsPerRun(100, func() { deck.Lookup("447700900123", at) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// TestNodeFillsACacheLine: the walk's speed rests on one node per line.
func TestNodeFillsACacheLine(t *testing.T) {
	if s := unsafe.Sizeof(node{}); s != 64 {
		t.Errorf("a node is %d bytes", s)
	}
}

// TestLookupAgainstScan compares Lookup with the rule read literally (of
// the rates in force, the longest prefix of the number) on random decks
// whose prefixes change price at random dates.
func TestLookupAgainstScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return base.AddDate(0, 0, n) }
	var rules []RateRule
	for len(rules) < 3000 {
		p := strconv.Itoa(rng.IntN(10))
		for l := rng.IntN(5); l > 0; l-- {
			p += strconv.Itoa(rng.IntN(10))
		}
		if slices.ContainsFunc(rules, func(r RateRule) bool { return r.Prefix == p }) {
			continue
		}
		// Up to three periods, with gaps, some open-ended.
		cut1, cut2 := 1+rng.IntN(100), 101+rng.IntN(100)
		for i, span := range [][2]time.Time{{{}, day(cut1)}, {day(cut1 + rng.IntN(3)), day(cut2)}, {day(cut2), {}}} {
			if rng.IntN(3) == 0 {
				continue
			}
			r := rule(p, "0.01")
			r.ID = model.ID(len(rules) + 1)
			r.Price = decimal.New(int64(i+1), -3)
			r.EffectiveFrom, r.Ends = span[0], span[1]
			rules = append(rules, r)
		}
	}
	deck, err := NewDeck(TariffRules{}, rules)
	if err != nil {
		t.Fatal(err)
	}
	for range 5_000 {
		number := strconv.FormatInt(rng.Int64N(1e9), 10)
		at := base.Add(time.Duration(rng.Int64N(220*24*3600)) * time.Second)
		var want *RateRule
		for i := range rules {
			r := &rules[i]
			in := (r.EffectiveFrom.IsZero() || !at.Before(r.EffectiveFrom)) && (r.Ends.IsZero() || at.Before(r.Ends))
			if in && strings.HasPrefix(number, r.Prefix) && (want == nil || len(r.Prefix) > len(want.Prefix)) {
				want = r
			}
		}
		got, ok := deck.Lookup(number, at)
		switch {
		case want == nil && ok:
			t.Fatalf("%s at %s: got %s, want none", number, at, got.Prefix)
		case want != nil && (!ok || got.RateID != want.ID):
			t.Fatalf("%s at %s: got rate %d (%s), want %d (%s)", number, at, got.RateID, got.Prefix, want.ID, want.Prefix)
		}
	}
}
