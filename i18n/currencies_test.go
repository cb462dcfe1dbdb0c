package i18n

import (
	"maps"
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

// namedCodes is every code with a name, sorted: the list the search tests
// look in (ui's tests search model.Currencies).
func namedCodes() []string {
	return slices.Sorted(maps.Keys(currencyNames))
}

func TestCurrencyNamesAreClean(t *testing.T) {
	for code, name := range currencyNames {
		if len(code) != 3 || strings.ToUpper(code) != code || strings.TrimSpace(name) != name || name == "" {
			t.Errorf("currencyNames[%q] = %q", code, name)
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
		{"VES", "Venezuelan Bolivar"},
		{"zwg", "Zimbabwe Gold"},
		{"HRK", "Croatian Kuna (withdrawn)"},
		{"XAU", ""},
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
	codes := namedCodes()
	var dollars []string
	for _, code := range codes {
		if strings.HasSuffix(currencyNames[code], " Dollar") {
			dollars = append(dollars, code)
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
		{query: "bolivar", first: "VED", has: []string{"VES", "VED"}},
		{query: "zimbabwe", first: "ZWG", want: []string{"ZWG"}},
		{query: "xau", first: "", want: []string{}},
		{query: "zzz", first: "", want: []string{}},
	}
	for _, tt := range tests {
		got := currencyCodes(SearchCurrencies(codes, tt.query))
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
	got := currencyCodes(SearchCurrencies(namedCodes(), "dollar"))
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
		all := namedCodes()
		got := currencyCodes(SearchCurrencies(all, query))
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
		{CurrencyInfo{Code: "EUR", Name: "Euro"}, "EUR — Euro"},
		{CurrencyInfo{Code: "JPY", Name: "Japanese Yen"}, "JPY — Japanese Yen"},
		{CurrencyInfo{Code: "ABC"}, "ABC"},
	}
	for _, tt := range tests {
		if got := tt.c.Label(); got != tt.want {
			t.Errorf("%+v.Label() = %q, want %q", tt.c, got, tt.want)
		}
	}
	if got := SearchCurrencies([]string{"EUR", "USD"}, "usd")[0].Label(); got != "USD — US Dollar" {
		t.Errorf("USD label = %q", got)
	}
}

func TestSearchCurrenciesOnlyGivenCodes(t *testing.T) {
	codes := []string{"QQQ", "EUR", "VES"}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"kuna", nil},           // HRK has a name but is not among codes
		{"qq", []string{"QQQ"}}, // a code without a name is still found by its code
		{"", []string{"EUR", "QQQ", "VES"}},
		{"bol", []string{"VES"}},
	} {
		got := SearchCurrencies(codes, tt.query)
		if !slices.Equal(currencyCodes(got), tt.want) {
			t.Errorf("SearchCurrencies(%v, %q) = %v, want %v", codes, tt.query, currencyCodes(got), tt.want)
		}
	}
	if got := SearchCurrencies(codes, "qqq")[0].Label(); got != "QQQ" {
		t.Errorf("label of a code without a name = %q", got)
	}
}
