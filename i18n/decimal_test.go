package i18n

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestSeparatorsFor(t *testing.T) {
	isNoBreakSpace := func(s string) bool { return s == "\u00a0" || s == "\u202f" }
	tests := []struct {
		lang      Lang
		group     func(string) bool
		wantGroup string
		decimal   string
	}{
		{English, nil, ",", "."},
		{Spanish, nil, ".", ","},
		{PortugueseBR, nil, ".", ","},
		{German, nil, ".", ","},
		{French, isNoBreakSpace, "no-break space", ","},
		{Russian, isNoBreakSpace, "no-break space", ","},
		{ChineseSimplified, nil, ",", "."},
		{"xx", nil, ",", "."},    // unsupported: English
		{"de-AT", nil, ".", ","}, // matched to German
		{"pt_BR.UTF-8", nil, ".", ","},
	}
	for _, tt := range tests {
		got := SeparatorsFor(tt.lang)
		okGroup := got.Group == tt.wantGroup
		if tt.group != nil {
			okGroup = tt.group(got.Group)
		}
		if !okGroup || got.Decimal != tt.decimal {
			t.Errorf("SeparatorsFor(%q) = %+q, want group %q, decimal %q", tt.lang, got, tt.wantGroup, tt.decimal)
		}
	}
}

func TestProbeSeparators(t *testing.T) {
	tests := []struct {
		in   string
		want Separators
	}{
		{"1,234,567.5", Separators{",", "."}},
		{"1.234.567,5", Separators{".", ","}},
		{"1\u00a0234\u00a0567,5", Separators{"\u00a0", ","}},
		{"1'234'567.5", Separators{"'", "."}},
		{"1234567.5", englishSeparators}, // no grouping: unusable
		{"1,234,567,5", englishSeparators},
		{"1.234,567,5", englishSeparators},
		{"", englishSeparators},
		{"1,234,567.5 x", englishSeparators},
	}
	for _, tt := range tests {
		if got := probeSeparators(tt.in); got != tt.want {
			t.Errorf("probeSeparators(%q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}

func TestDecimal(t *testing.T) {
	nbsp := SeparatorsFor(French).Group
	tests := []struct {
		lang   Lang
		in     string
		places int32
		want   string
	}{
		{English, "0", 2, "0.00"},
		{English, "1234567.891", 2, "1,234,567.89"},
		{English, "-1234567.891", 2, "-1,234,567.89"},
		{English, "123", 2, "123.00"},
		{English, "1234", 2, "1,234.00"},
		{English, "999999.995", 2, "1,000,000.00"},
		{English, "-0.001", 2, "0.00"}, // no "-0.00"
		{English, "-0.005", 2, "0.00"}, // half-even down to zero
		{English, "-0.015", 2, "-0.02"},
		{English, "2.345", 2, "2.34"}, // half-even
		{English, "2.355", 2, "2.36"},
		{English, "2.3450001", 2, "2.35"},
		{English, "-2.345", 2, "-2.34"},
		{English, "1234.5", 0, "1,234"}, // JPY: half-even
		{English, "1235.5", 0, "1,236"},
		{English, "1234.56", -1, "1,235"}, // negative places count as 0
		{English, "1.2345", 3, "1.234"},   // KWD
		{English, "1.2355", 3, "1.236"},
		{English, "12345678901234567890.123456789", 4, "12,345,678,901,234,567,890.1235"},
		{English, "1e3", 2, "1,000.00"},
		{German, "1234567.891", 2, "1.234.567,89"},
		{German, "-1234.5", 2, "-1.234,50"},
		{Spanish, "1234567.5", 2, "1.234.567,50"},
		{Spanish, "1234", 2, "1.234,00"},
		{PortugueseBR, "-0.5", 2, "-0,50"},
		{French, "1234567.5", 2, "1" + nbsp + "234" + nbsp + "567,50"},
		{Russian, "-1234.5", 0, "-1" + nbsp + "234"},
		{ChineseSimplified, "1234567.891", 2, "1,234,567.89"},
	}
	for _, tt := range tests {
		d := decimal.RequireFromString(tt.in)
		if got := New(tt.lang).Decimal(d, tt.places); got != tt.want {
			t.Errorf("New(%q).Decimal(%s, %d) = %q, want %q", tt.lang, tt.in, tt.places, got, tt.want)
		}
	}
}

func TestMoney(t *testing.T) {
	nbsp := SeparatorsFor(French).Group
	tests := []struct {
		lang   Lang
		in     string
		code   string
		places int32
		want   string
	}{
		{English, "1234.56", "USD", 2, "USD 1,234.56"},
		{English, "-1234.565", "USD", 2, "USD -1,234.56"},
		{English, "1234.5", "JPY", 0, "JPY 1,234"},
		{English, "1.2345", "KWD", 3, "KWD 1.234"},
		{English, "5", " usd ", 2, "USD 5.00"},
		{English, "5", "", 2, "5.00"},
		{ChineseSimplified, "1234.56", "CNY", 2, "CNY 1,234.56"},
		{German, "1234.56", "EUR", 2, "1.234,56 EUR"},
		{Spanish, "1234.56", "EUR", 2, "1.234,56 EUR"},
		{PortugueseBR, "-1234.56", "BRL", 2, "-1.234,56 BRL"},
		{French, "1234.56", "EUR", 2, "1" + nbsp + "234,56 EUR"},
		{Russian, "1234.56", "RUB", 2, "1" + nbsp + "234,56 RUB"},
	}
	for _, tt := range tests {
		d := decimal.RequireFromString(tt.in)
		if got := New(tt.lang).Money(d, tt.code, tt.places); got != tt.want {
			t.Errorf("New(%q).Money(%s, %q, %d) = %q, want %q", tt.lang, tt.in, tt.code, tt.places, got, tt.want)
		}
	}
}
