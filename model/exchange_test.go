package model

import (
	"testing"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestConvert(t *testing.T) {
	table := NewRateTable([]ExchangeRate{
		{Currency: "EUR", Rate: dec("0.92")},
		{Currency: "JPY", Rate: dec("151.3")},
		{Currency: "KWD", Rate: dec("0.3075")},
		{Currency: "XYZ", Rate: dec("1.23456789012")}, // 12 significant digits
		{Currency: "THR", Rate: dec("3")},
	})
	tests := []struct {
		amount   string
		from, to Currency
		want     string
	}{
		{"1000", "EUR", "USD", "1086.956522"}, // 1086.9565217...
		{"100", "USD", "EUR", "92"},
		{"1", "USD", "JPY", "151.3"},
		{"1000", "JPY", "USD", "6.609385"}, // 6.6093853...
		{"1", "KWD", "USD", "3.252033"},    // 3.2520325...
		{"1.5", "KWD", "EUR", "4.487805"},  // 1.5*0.92/0.3075 = 4.48780487...
		{"100", "XYZ", "USD", "81.000001"}, // 81.00000065610...
		{"-1000", "EUR", "USD", "-1086.956522"},
		{"0", "EUR", "JPY", "0"},
		{"12.3456785", "USD", "USD", "12.345678"}, // same currency: half-even at the 7th place
		{"12.3456795", "USD", "USD", "12.34568"},
		// Exact halves: 1/3*... cannot be; use THR=3 so 0.0000015/… build halves.
		{"0.0000025", "USD", "USD", "0.000002"},
		{"0.0000075", "THR", "USD", "0.000002"}, // 0.0000025 → even
		{"0.0000105", "THR", "USD", "0.000004"}, // 0.0000035 → even 4
		{"-0.0000105", "THR", "USD", "-0.000004"},
	}
	for _, tt := range tests {
		got, err := table.Convert(dec(tt.amount), tt.from, tt.to)
		if err != nil {
			t.Errorf("%s %s→%s: %v", tt.amount, tt.from, tt.to, err)
			continue
		}
		if !got.Equal(dec(tt.want)) {
			t.Errorf("%s %s→%s = %s, want %s", tt.amount, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestConvertRoundTrip(t *testing.T) {
	table := NewRateTable([]ExchangeRate{{Currency: "EUR", Rate: dec("0.92")}, {Currency: "JPY", Rate: dec("151.3")}})
	for _, s := range []string{"0.01", "1", "99.99", "123456.78", "1000000"} {
		usd, err := table.Convert(dec(s), "EUR", "USD")
		if err != nil {
			t.Fatal(err)
		}
		back, err := table.Convert(usd, "USD", "EUR")
		if err != nil {
			t.Fatal(err)
		}
		if diff := back.Sub(dec(s)).Abs(); diff.GreaterThan(dec("0.000001")) {
			t.Errorf("EUR %s → USD %s → EUR %s: off by %s", s, usd, back, diff)
		}
	}
}

func TestConvertMissingRate(t *testing.T) {
	table := NewRateTable(nil)
	for _, pair := range [][2]Currency{{"EUR", "USD"}, {"USD", "EUR"}, {"GBP", "EUR"}} {
		got, err := table.Convert(dec("10"), pair[0], pair[1])
		if CodeOf(err) != CodeNoRate || !got.IsZero() {
			t.Errorf("%v: got %s, %v; want a no-rate error", pair, got, err)
		}
	}
	if _, ok := table.Rate(USD); !ok {
		t.Error("USD has no rate")
	}
}

func TestValidateExchangeRate(t *testing.T) {
	tests := map[string]Code{
		"0.92": "", "151.3": "", "123456789012": "", "0.000000000001": "", "1.23456789012": "",
		"0": CodeOutOfRange, "-1": CodeOutOfRange, "1.234567890123": CodeTooPrecise, "1234567890123": CodeTooPrecise,
		"1.10000000000000000": "", // trailing zeros are not significant
	}
	for s, want := range tests {
		err := ValidateExchangeRate("rate", dec(s))
		if want == "" && err != nil || want != "" && (err == nil || err.Code != want) {
			t.Errorf("%s: got %v, want %q", s, err, want)
		}
	}
}

func TestTariffInput(t *testing.T) {
	in := TariffInput{Name: "  Europe  ", Currency: " eur ", Description: "line one\nline two"}
	in.Normalize()
	if err := in.Validate(); err != nil || in.Currency != "EUR" || in.Name != "Europe" {
		t.Fatalf("%+v: %v", in, err)
	}
	bad := TariffInput{Name: "", Currency: "EURO", Description: "a\x00b"}
	es := FieldErrors(bad.Validate())
	if es.For("name") == nil || es.For("currency") == nil || es.For("description") == nil {
		t.Fatalf("want three errors, got %v", es)
	}
}
