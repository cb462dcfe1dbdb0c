package rating

import (
	"strings"
	"testing"
)

// TestNormalizeNumberExamples: docs/rating.md, "The called number",
// examples N1 to N12.
func TestNormalizeNumberExamples(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		reason         Reason
	}{
		{"N1 plus and spaces", "+44 20 7946 0018", "442079460018", ""},
		{"N2 00, brackets and a dash", "0044 (20) 7946-0018", "442079460018", ""},
		{"N3 plain digits", "442079460018", "442079460018", ""},
		{"N4 a national 0 is kept", "020 7946 0018", "02079460018", ""},
		{"N5 dots", "1.212.555.0100", "12125550100", ""},
		{"N6 square brackets", "+1 [212] 555 0100", "12125550100", ""},
		{"N7 only one international prefix is dropped", "+0044 20 7946 0018", "00442079460018", ""},
		{"N7 00 then 00", "00004420", "004420", ""},
		{"N8 a service code", "*98", "", ReasonNumberInvalid},
		{"N8 a plus inside", "44+20", "", ReasonNumberInvalid},
		{"N8 a SIP address", "sip:442079460018@example.net", "", ReasonNumberInvalid},
		{"N8 a tab", "44\t20", "", ReasonNumberInvalid},
		{"N8 Arabic-Indic digits", "٤٤٢٠", "", ReasonNumberInvalid},
		{"N9 empty", "", "", ReasonNumberEmpty},
		{"N9 only a plus", "+", "", ReasonNumberEmpty},
		{"N9 only 00", "00", "", ReasonNumberEmpty},
		{"N9 only separators", " - ", "", ReasonNumberEmpty},
		{"N10 32 digits", strings.Repeat("1", 32), strings.Repeat("1", 32), ""},
		{"N10 33 digits", strings.Repeat("1", 33), "", ReasonNumberTooLong},
		{"N10 32 digits after 00", "00" + strings.Repeat("1", 32), strings.Repeat("1", 32), ""},
		{"N10 a megabyte of digits", "+" + strings.Repeat("1 ", 1<<19), "", ReasonNumberTooLong},
		{"N11 a plus after a bracket leads", "(+44) 20", "4420", ""},
		{"N12 a single 0", "0", "0", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, reason := NormalizeNumber(tc.in)
			if got != tc.want || reason != tc.reason {
				t.Errorf("NormalizeNumber(%q) = %q, %q; want %q, %q", tc.in, got, reason, tc.want, tc.reason)
			}
		})
	}
}

// TestNormalizeNumberPlainDigitsNoCopy: a switch's usual export (digits
// only) costs no allocation.
func TestNormalizeNumberPlainDigitsNoCopy(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, r := NormalizeNumber("00442079460018"); r != "" {
			t.Fatal(r)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations", allocs)
	}
}
