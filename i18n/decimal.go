package i18n

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Decimal formats d rounded half-to-even to places fraction digits (a
// negative places counts as 0), with the integer digits grouped by three and
// the language's separators; negatives get a leading "-". It works on the
// exact decimal value and never on a float.
func (t *Translator) Decimal(d decimal.Decimal, places int32) string {
	return formatDecimal(d, places, t.sep)
}

// Money formats an amount with its ISO 4217 code: "USD 1,234.56" in English
// and Chinese, "1.234,56 EUR" in German and the other languages. The amount
// is formatted as by Decimal with places fraction digits (2 for most
// currencies, 0 for JPY, 3 for KWD).
func (t *Translator) Money(d decimal.Decimal, code string, places int32) string {
	n := t.Decimal(d, places)
	code = strings.ToUpper(strings.TrimSpace(code))
	switch {
	case code == "":
		return n
	case codeFirst(t.lang):
		return code + " " + n
	default:
		return n + " " + code
	}
}

// codeFirst reports whether l writes the currency code before the amount
// (its file's "currencyCodeFirst").
func codeFirst(l Lang) bool {
	loc := localeOf(l)
	return loc != nil && loc.file.CurrencyCodeFirst
}

func formatDecimal(d decimal.Decimal, places int32, sep Separators) string {
	if places < 0 {
		places = 0
	}
	s := d.StringFixedBank(places) // "-1234.50": ASCII digits, '-' and '.'
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")

	var b strings.Builder
	b.Grow(len(s) + len(s)/3*len(sep.Group) + len(sep.Decimal) + 1)
	if neg && strings.Trim(intPart+frac, "0") != "" {
		b.WriteByte('-')
	}
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep.Group)
		}
		b.WriteByte(intPart[i])
	}
	if hasFrac {
		b.WriteString(sep.Decimal)
		b.WriteString(frac)
	}
	return b.String()
}
