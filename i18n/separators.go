package i18n

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Separators are the strings a language puts between groups of three
// integer digits and before the fraction.
type Separators struct{ Group, Decimal string }

var englishSeparators = Separators{Group: ",", Decimal: "."}

// probeNumber is formatted with x/text's locale data to learn the
// separators. It is a constant, not an amount: amounts never become floats.
const probeNumber = 1234567.5

var separatorsBy = sync.OnceValue(func() map[Lang]Separators {
	m := make(map[Lang]Separators, len(Supported))
	for _, l := range Supported {
		m[l] = probeSeparators(message.NewPrinter(l.Tag()).Sprint(number.Decimal(probeNumber)))
	}
	return m
})

// SeparatorsFor returns the group and decimal separators of l as CLDR gives
// them (via golang.org/x/text): "," and "." for English, "." and "," for
// German, a no-break space and "," for French. An unsupported language is
// first matched to a supported one.
func SeparatorsFor(l Lang) Separators {
	return separatorsBy()[l.supported()]
}

// probeSeparators reads the separators out of the formatted probe number,
// "1<g>234<g>567<d>5"; anything else gives English separators.
func probeSeparators(s string) Separators {
	var runs []string
	inDigits := false
	start := 0
	for i, r := range s {
		switch d := unicode.IsDigit(r); {
		case d && !inDigits && i > 0:
			runs = append(runs, s[start:i])
		case !d && inDigits:
			start = i
		}
		inDigits = unicode.IsDigit(r)
	}
	if !inDigits || len(runs) != 3 || runs[0] != runs[1] || runs[0] == runs[2] ||
		runs[0] == "" || runs[2] == "" || strings.ContainsFunc(runs[0]+runs[2], unicode.IsDigit) {
		return englishSeparators
	}
	return Separators{Group: runs[0], Decimal: runs[2]}
}
