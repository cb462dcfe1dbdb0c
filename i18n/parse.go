package i18n

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

// Errors returned, wrapped, by ParseDecimal; test for them with errors.Is.
var (
	// ErrAmountFormat means the text is not a number as the language writes
	// one.
	ErrAmountFormat = errors.New("not a valid amount")
	// ErrAmountAmbiguous means the text is not valid in the language but is
	// a number with the separators the other way round ("1,5" in English,
	// "1.5" in German), so the clerk may have meant something else than a
	// reading would guess. Ask them to retype it.
	ErrAmountAmbiguous = errors.New("ambiguous amount: group and decimal separators are unclear")
)

// numberStyle is a way of writing numbers that ParseDecimal accepts.
type numberStyle struct {
	groups  []string // accepted group separators; one kind per number
	decimal string
}

// spaceGroups are accepted for languages whose group separator is a space.
var spaceGroups = []string{"\u00a0", "\u202f", " "}

// parseStyles returns the style the language writes and the opposite style
// (decimal '.' vs ','), which only serves to tell ambiguous text from
// malformed text.
func parseStyles(sep Separators) (own, other numberStyle) {
	own = numberStyle{groups: []string{sep.Group}, decimal: sep.Decimal}
	if strings.TrimFunc(sep.Group, isSpace) == "" {
		own.groups = spaceGroups
	}
	if sep.Decimal == "," {
		if sep.Group != "." {
			// fr, ru: a '.' between groups of three also groups digits.
			own.groups = append(own.groups[:len(own.groups):len(own.groups)], ".")
		}
		return own, numberStyle{groups: []string{","}, decimal: "."}
	}
	return own, numberStyle{groups: []string{"."}, decimal: ","}
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u202f' }

// ParseDecimal reads an amount typed in t's language. Surrounding spaces are
// ignored; a leading '-' is allowed; the integer digits may be grouped by
// threes with the language's group separator (any of the usual spaces where
// that is a space, and '.' too where the decimal separator is ','); one
// decimal separator may be followed by the fraction digits. In English
// "1,234.56" and "1234.56" are accepted, in German "1.234,56", "1234,56" and
// "1.234" (one thousand two hundred thirty-four).
//
// Text written the other way round ("1,5" in English, "1.5" or "1.2345" in
// German, "0,123" in English) gives an error wrapping ErrAmountAmbiguous;
// other bad text ("", "1e3", "--1", "1.2.3", "12,34,5") wraps
// ErrAmountFormat.
func (t *Translator) ParseDecimal(s string) (decimal.Decimal, error) {
	own, other := parseStyles(t.sep)
	text := strings.TrimFunc(s, isSpace)
	if d, ok := own.parse(text); ok {
		return d, nil
	}
	if _, ok := other.parse(text); ok {
		return decimal.Zero, fmt.Errorf("i18n: %q: %w", s, ErrAmountAmbiguous)
	}
	return decimal.Zero, fmt.Errorf("i18n: %q: %w", s, ErrAmountFormat)
}

// parse reads s strictly in style ns.
func (ns numberStyle) parse(s string) (decimal.Decimal, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ns.decimal)
	if hasFrac && (frac == "" || !allDigits(frac)) {
		return decimal.Zero, false
	}
	digits, ok := ns.integerDigits(intPart)
	if !ok {
		return decimal.Zero, false
	}
	canonical := digits
	if hasFrac {
		canonical += "." + frac
	}
	if neg {
		canonical = "-" + canonical
	}
	d, err := decimal.NewFromString(canonical)
	return d, err == nil
}

// integerDigits checks the integer part and returns it without group
// separators. Grouped digits must be 1-3 digits not starting with '0', then
// groups of exactly three, all with the same separator.
func (ns numberStyle) integerDigits(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	end := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		return s, true // no grouping
	}
	sep := ""
	for _, g := range ns.groups {
		if strings.HasPrefix(s[end:], g) {
			sep = g
			break
		}
	}
	if sep == "" {
		return "", false
	}
	parts := strings.Split(s, sep)
	first := parts[0]
	if len(first) < 1 || len(first) > 3 || first[0] == '0' {
		return "", false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !allDigits(p) {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
