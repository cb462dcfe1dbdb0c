package i18n

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// parseCase is one ParseDecimal input: want is the value, or err the error.
type parseCase struct {
	in   string
	want string
	err  error
}

func runParseCases(t *testing.T, l Lang, tests []parseCase) {
	t.Helper()
	tr := New(l)
	for _, tt := range tests {
		got, err := tr.ParseDecimal(tt.in)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("%s: ParseDecimal(%q) = %v, %v; want error %v", l, tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("%s: ParseDecimal(%q) = %v, %v; want %s", l, tt.in, got, err, tt.want)
		}
	}
}

// malformed is rejected as ErrAmountFormat in every language.
var malformed = []string{
	"", " ", "-", "--1", "+1", "1-", "- 1", "1e3", "1E3", "0x10", "abc", "1a",
	"1.2.3", "1,2,3", "12,34,5", "12.34.5", ".", ",", ".5", ",5", "1.", "1,",
	"1 .5", "NaN", "Inf", "1_000", "١٢٣", "1,234.567,8", "1.234,567.8",
	"--", "1..5", "1,,5", "−1",
}

func TestParseDecimalEnglish(t *testing.T) {
	tests := []parseCase{
		{"0", "0", nil},
		{"1234.56", "1234.56", nil},
		{"1,234.56", "1234.56", nil},
		{"1,234", "1234", nil},
		{"1,234,567", "1234567", nil},
		{"1,234,567.891", "1234567.891", nil},
		{"-1,234.56", "-1234.56", nil},
		{"  -12.5\t", "-12.5", nil},
		{"1.5", "1.5", nil},
		{"0.001", "0.001", nil},
		{"-0", "0", nil},
		{"007", "7", nil},
		{"12345678901234567890.12345678901234567890", "12345678901234567890.12345678901234567890", nil},
		// Decimal comma: a clerk may have meant 1.5.
		{"1,5", "", ErrAmountAmbiguous},
		{"1,50", "", ErrAmountAmbiguous},
		{"1,2345", "", ErrAmountAmbiguous},
		{"0,123", "", ErrAmountAmbiguous},
		{"1.234,56", "", ErrAmountAmbiguous},
		{"-1.234.567,8", "", ErrAmountAmbiguous},
		// Misplaced groups.
		{"12,34", "", ErrAmountAmbiguous},
		{"1,23.5", "", ErrAmountFormat},
		{"1234,567", "", ErrAmountAmbiguous},
		{"1,2345,678", "", ErrAmountFormat},
		{"1 234.5", "", ErrAmountFormat},
		{"1,234 567", "", ErrAmountFormat},
	}
	for _, s := range malformed {
		tests = append(tests, parseCase{s, "", ErrAmountFormat})
	}
	runParseCases(t, English, tests)
	runParseCases(t, ChineseSimplified, tests)
}

func TestParseDecimalGerman(t *testing.T) {
	tests := []parseCase{
		{"0", "0", nil},
		{"1234,56", "1234.56", nil},
		{"1.234,56", "1234.56", nil},
		{"1.234", "1234", nil},
		{"1.234.567", "1234567", nil},
		{"-1.234.567,891", "-1234567.891", nil},
		{" 12,5 ", "12.5", nil},
		{"0,5", "0.5", nil},
		// Decimal point: a clerk may have meant 1,5.
		{"1.5", "", ErrAmountAmbiguous},
		{"1.50", "", ErrAmountAmbiguous},
		{"1.2345", "", ErrAmountAmbiguous},
		{"0.123", "", ErrAmountAmbiguous},
		{"1234.567", "", ErrAmountAmbiguous},
		{"1,234.56", "", ErrAmountAmbiguous},
		{"1.23,5", "", ErrAmountFormat},
		{"1 234,5", "", ErrAmountFormat},
	}
	for _, s := range malformed {
		tests = append(tests, parseCase{s, "", ErrAmountFormat})
	}
	runParseCases(t, German, tests)
	runParseCases(t, Spanish, tests)
	runParseCases(t, PortugueseBR, tests)
}

func TestParseDecimalFrenchRussian(t *testing.T) {
	tests := []parseCase{
		{"1234,56", "1234.56", nil},
		{"1 234,56", "1234.56", nil},
		{"1\u00a0234,56", "1234.56", nil},
		{"1\u202f234\u202f567,5", "1234567.5", nil},
		{"-1 234 567", "-1234567", nil},
		{"1.234,56", "1234.56", nil}, // '.' between groups of three groups too
		{"1.234", "1234", nil},
		{"1.5", "", ErrAmountAmbiguous},
		{"1,234.56", "", ErrAmountAmbiguous},
		{"1 234.567", "", ErrAmountFormat}, // mixed group separators
		{"1  234", "", ErrAmountFormat},
		{"12 34", "", ErrAmountFormat},
	}
	for _, s := range malformed {
		tests = append(tests, parseCase{s, "", ErrAmountFormat})
	}
	runParseCases(t, French, tests)
	runParseCases(t, Russian, tests)
}

func TestParseDecimalErrorText(t *testing.T) {
	_, err := New(English).ParseDecimal("1,5")
	if err == nil || !strings.Contains(err.Error(), `"1,5"`) || errors.Is(err, ErrAmountFormat) {
		t.Errorf("ParseDecimal(1,5) error = %v; want it to quote the input and be only ambiguous", err)
	}
}

func TestParseDecimalRoundTrip(t *testing.T) {
	values := []string{"0", "1", "-1", "0.5", "999.999", "1000", "-1234567.891", "12345678901234567890.5"}
	for _, l := range Supported {
		tr := New(l)
		for _, v := range values {
			for _, places := range []int32{0, 2, 3} {
				d := decimal.RequireFromString(v)
				s := tr.Decimal(d, places)
				got, err := tr.ParseDecimal(s)
				if err != nil || !got.Equal(d.RoundBank(places)) {
					t.Errorf("%s: ParseDecimal(Decimal(%s, %d) = %q) = %v, %v", l, v, places, s, got, err)
				}
				m := tr.Money(d, "EUR", places)
				if !strings.Contains(m, s) {
					t.Errorf("%s: Money %q does not contain Decimal %q", l, m, s)
				}
			}
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	f.Add("1,234.56", int64(123456), int8(-2), uint8(2))
	f.Add("1.234,56", int64(-123456), int8(-2), uint8(2))
	f.Add("1\u00a0234,5", int64(12345), int8(-1), uint8(0))
	f.Add("1,5", int64(5), int8(-3), uint8(2))
	f.Add("-0", int64(-1), int8(-3), uint8(2))
	f.Add("", int64(0), int8(0), uint8(0))
	f.Add("--1", int64(9223372036854775807), int8(10), uint8(3))
	f.Add("1e3", int64(-9223372036854775808), int8(-20), uint8(8))
	f.Add("12,34,5", int64(2345), int8(-3), uint8(2))
	f.Add("1.2.3", int64(2355), int8(-3), uint8(2))
	translators := make([]*Translator, len(Supported))
	for i, l := range Supported {
		translators[i] = New(l)
	}
	f.Fuzz(func(t *testing.T, s string, unscaled int64, exp int8, places uint8) {
		d := decimal.New(unscaled, int32(exp)%40)
		p := int32(places % 10)
		for _, tr := range translators {
			// Any text: no panic, and what parses formats back to a value
			// that parses to the same number.
			if v, err := tr.ParseDecimal(s); err == nil {
				out := tr.Decimal(v, max(-v.Exponent(), 0))
				if back, err := tr.ParseDecimal(out); err != nil || !back.Equal(v) {
					t.Errorf("%s: %q parsed as %v, formatted %q, parsed back %v, %v", tr.Lang(), s, v, out, back, err)
				}
			} else if !errors.Is(err, ErrAmountFormat) && !errors.Is(err, ErrAmountAmbiguous) {
				t.Errorf("%s: ParseDecimal(%q) error %v is neither format nor ambiguous", tr.Lang(), s, err)
			}
			// Any value: formatting round-trips.
			out := tr.Decimal(d, p)
			back, err := tr.ParseDecimal(out)
			if err != nil || !back.Equal(d.RoundBank(p)) {
				t.Errorf("%s: ParseDecimal(Decimal(%v, %d) = %q) = %v, %v; want %v", tr.Lang(), d, p, out, back, err, d.RoundBank(p))
			}
		}
	})
}
