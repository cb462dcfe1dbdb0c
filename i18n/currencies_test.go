package i18n

import (
	"slices"
	"strings"
	"testing"
)

func currencyCodes(list []CurrencyInfo) []string {
	codes := make([]string, len(list))
	for i, c := range list {
		codes[i] = c.Code
	}
	return codes
}

func TestCurrencies(t *testing.T) {
	list := Currencies()
	if len(list) <= 140 {
		t.Errorf("Currencies() has %d entries, want more than 140", len(list))
	}
	codes := currencyCodes(list)
	if !slices.IsSorted(codes) {
		t.Errorf("Currencies() not sorted by code: %v", codes)
	}
	if len(slices.Compact(slices.Clone(codes))) != len(codes) {
		t.Errorf("Currencies() has duplicates: %v", codes)
	}

	places := map[string]int32{}
	for _, c := range list {
		places[c.Code] = c.Places
	}
	for _, tt := range []struct {
		code   string
		places int32
	}{
		{"USD", 2}, {"EUR", 2}, {"JPY", 0}, {"KWD", 3}, {"GBP", 2}, {"BHD", 3}, {"KRW", 0},
	} {
		got, ok := places[tt.code]
		if !ok {
			t.Errorf("Currencies() lacks %s", tt.code)
		} else if got != tt.places {
			t.Errorf("%s has %d places, want %d", tt.code, got, tt.places)
		}
	}

	excluded := []string{
		"XAU", "XAG", "XPT", "XPD", "XTS", "XXX", "XDR", "XBA", "XBB", "XBC", "XBD",
		"XSU", "XUA", "BOV", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "CHE", "CHW",
		"CNH", "HRK", "BGN", "VEF", "MRO",
	}
	for _, code := range excluded {
		if _, ok := places[code]; ok {
			t.Errorf("Currencies() contains excluded %s", code)
		}
	}

	// Modifying the result must not affect later calls.
	list[0].Code = "ZZZ"
	if Currencies()[0].Code == "ZZZ" {
		t.Error("Currencies() returns a shared slice")
	}
}

func TestCurrencyNames(t *testing.T) {
	listed := map[string]bool{}
	for _, c := range Currencies() {
		listed[c.Code] = true
		if c.Name == "" || CurrencyName(c.Code) != c.Name {
			t.Errorf("%s: Name %q, CurrencyName %q; add it to currencyNames", c.Code, c.Name, CurrencyName(c.Code))
		}
	}
	for code := range currencyNames {
		if !listed[code] {
			t.Errorf("currencyNames has %s, which Currencies() does not list", code)
		}
	}
	for _, code := range CommonCurrencies() {
		if !listed[code] {
			t.Errorf("common currency %s is not listed", code)
		}
	}
}

func TestCurrencyName(t *testing.T) {
	tests := []struct{ code, want string }{
		{"EUR", "Euro"},
		{"USD", "US Dollar"},
		{"jpy", "Japanese Yen"},
		{" KWD ", "Kuwaiti Dinar"},
		{"BRL", "Brazilian Real"},
		{"XAU", ""},
		{"HRK", ""},
		{"ABC", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CurrencyName(tt.code); got != tt.want {
			t.Errorf("CurrencyName(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestCommonCurrencies(t *testing.T) {
	want := []string{
		"USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "BRL", "RUB",
		"INR", "MXN", "KWD", "AED", "TRY", "ZAR", "SEK", "NOK", "PLN",
	}
	got := CommonCurrencies()
	if !slices.Equal(got, want) {
		t.Errorf("CommonCurrencies() = %v, want %v", got, want)
	}
	got[0] = "XXX"
	if CommonCurrencies()[0] != "USD" {
		t.Error("CommonCurrencies() returns a shared slice")
	}
}

func TestSearchCurrencies(t *testing.T) {
	var dollars []string
	for _, c := range Currencies() {
		if strings.HasSuffix(c.Name, " Dollar") {
			dollars = append(dollars, c.Code)
		}
	}
	tests := []struct {
		query string
		first string   // wanted first code, "" for an empty result
		want  []string // exact set of codes when not nil
		has   []string // codes the result must contain
		not   []string // codes the result must not contain
	}{
		{query: "eur", first: "EUR", want: []string{"EUR"}},
		{query: "EUR", first: "EUR", want: []string{"EUR"}},
		{query: "euro", first: "EUR", want: []string{"EUR"}},
		{query: "  Euro ", first: "EUR", want: []string{"EUR"}},
		{query: "yen", first: "JPY", want: []string{"JPY"}},
		{query: "real", first: "BRL", want: []string{"BRL"}},
		{query: "dollar", first: "USD", want: dollars, not: []string{"EUR", "JPY"}},
		{query: "DOLLAR", first: "USD", want: dollars},
		{query: "us dollar", first: "USD", want: []string{"USD"}},
		{query: "hong kong", first: "HKD", want: []string{"HKD"}},
		{query: "kuwaiti", first: "KWD", want: []string{"KWD"}},
		{query: "dinar", first: "KWD", has: []string{"BHD", "IQD", "JOD", "KWD", "RSD", "TND"}, not: []string{"USD"}},
		{query: "franc", first: "CHF", has: []string{"CHF", "XAF", "XOF", "XPF"}},
		{query: "pa'anga", first: "TOP", want: []string{"TOP"}},
		{query: "us", first: "USD", has: []string{"USD"}, not: []string{"AUD"}},
		{query: "rub", first: "RUB", want: []string{"RUB", "BYN"}},
		{query: "rup", first: "INR", has: []string{"IDR", "INR", "LKR", "NPR", "PKR"}, not: []string{"RUB"}}, // rupee, rupiah
		{query: "xau", first: "", want: []string{}},
		{query: "zzz", first: "", want: []string{}},
	}
	for _, tt := range tests {
		got := currencyCodes(SearchCurrencies(tt.query))
		if tt.first == "" {
			if len(got) != 0 {
				t.Errorf("SearchCurrencies(%q) = %v, want none", tt.query, got)
			}
			continue
		}
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("SearchCurrencies(%q) = %v, want %s first", tt.query, got, tt.first)
			continue
		}
		if tt.want != nil {
			sorted, want := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(sorted, want) {
				t.Errorf("SearchCurrencies(%q) = %v, want %v", tt.query, got, tt.want)
			}
		}
		for _, code := range tt.has {
			if !slices.Contains(got, code) {
				t.Errorf("SearchCurrencies(%q) = %v, lacks %s", tt.query, got, code)
			}
		}
		for _, code := range tt.not {
			if slices.Contains(got, code) {
				t.Errorf("SearchCurrencies(%q) = %v, has %s", tt.query, got, code)
			}
		}
	}
}

func TestSearchCurrenciesDollarOrder(t *testing.T) {
	got := currencyCodes(SearchCurrencies("dollar"))
	// Common dollars first in CommonCurrencies order, then the rest by code.
	if len(got) < 4 || !slices.Equal(got[:3], []string{"USD", "CAD", "AUD"}) {
		t.Fatalf("SearchCurrencies(%q) = %v, want USD CAD AUD first", "dollar", got)
	}
	if !slices.IsSorted(got[3:]) {
		t.Errorf("SearchCurrencies(%q) rest not sorted: %v", "dollar", got[3:])
	}
}

func TestSearchCurrenciesEmpty(t *testing.T) {
	for _, query := range []string{"", "   "} {
		got := currencyCodes(SearchCurrencies(query))
		all := currencyCodes(Currencies())
		common := CommonCurrencies()
		if len(got) != len(all) {
			t.Fatalf("SearchCurrencies(%q) has %d entries, want %d", query, len(got), len(all))
		}
		if !slices.Equal(got[:len(common)], common) {
			t.Errorf("SearchCurrencies(%q) starts %v, want %v", query, got[:len(common)], common)
		}
		rest := got[len(common):]
		if !slices.IsSorted(rest) {
			t.Errorf("SearchCurrencies(%q) rest not sorted by code: %v", query, rest)
		}
		for _, code := range rest {
			if slices.Contains(common, code) {
				t.Errorf("SearchCurrencies(%q) lists common %s twice", query, code)
			}
		}
	}
}

func TestCurrencyLabel(t *testing.T) {
	tests := []struct {
		c    CurrencyInfo
		want string
	}{
		{CurrencyInfo{Code: "EUR", Name: "Euro", Places: 2}, "EUR — Euro"},
		{CurrencyInfo{Code: "JPY", Name: "Japanese Yen"}, "JPY — Japanese Yen"},
		{CurrencyInfo{Code: "ABC"}, "ABC"},
	}
	for _, tt := range tests {
		if got := tt.c.Label(); got != tt.want {
			t.Errorf("%+v.Label() = %q, want %q", tt.c, got, tt.want)
		}
	}
	if got := SearchCurrencies("usd")[0].Label(); got != "USD — US Dollar" {
		t.Errorf("USD label = %q", got)
	}
}
