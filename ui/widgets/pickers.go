package widgets

import (
	"strings"
	"time"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// NewZonePicker returns a field for an IANA time zone whose list narrows
// as the user types ("berl" offers Europe/Berlin). Each option shows the
// zone's current UTC offset; ZoneOf reads the zone name back.
func NewZonePicker(initial string) *SearchEntry {
	pick := NewSearchEntry(func(text string) []string {
		now := time.Now()
		q := ZoneOf(text)
		if strings.Contains(text, " (UTC") {
			q = "" // a whole label was chosen: offer everything again
		}
		var out []string
		for _, z := range i18n.SearchZones(q, now) {
			out = append(out, i18n.ZoneLabel(z, now))
			if len(out) == MaxSuggestions {
				break
			}
		}
		return out
	})
	pick.SetText(i18n.ZoneLabel(initial, time.Now()))
	return pick
}

// ZoneOf returns the zone name from a picker's text: "Europe/Berlin
// (UTC+01:00)" gives "Europe/Berlin".
func ZoneOf(text string) string {
	name, _, _ := strings.Cut(strings.TrimSpace(text), " (")
	return strings.TrimSpace(name)
}

// NewLanguagePicker returns a choice of the supported languages, each
// named in its own language ("deu" narrows to Deutsch). onChange is told
// when the field comes to hold another language.
func NewLanguagePicker(initial i18n.Lang, onChange func(i18n.Lang)) *SearchEntry {
	var names []string
	for _, l := range i18n.Supported {
		names = append(names, l.NativeName())
	}
	pick := NewChoice(names, initial.NativeName())
	last := initial
	pick.OnChanged = func(string) {
		l, ok := LangOfPicker(pick)
		if ok && l != last && onChange != nil {
			last = l
			onChange(l)
		}
	}
	return pick
}

// LangOfPicker is the language a language picker holds, and false when its
// text names none.
func LangOfPicker(pick *SearchEntry) (i18n.Lang, bool) {
	name, err := pick.Chosen("language")
	if err != nil || name == "" {
		return i18n.English, false
	}
	return LangOf(name), true
}

// LanguageCode is the code of the language a language picker holds or,
// when its text names none, that text, which the model's check of a
// language refuses next to the field ("Choose a language from the list.").
func LanguageCode(pick *SearchEntry) string {
	if l, ok := LangOfPicker(pick); ok {
		return string(l)
	}
	return strings.TrimSpace(pick.Text)
}

// LangOf maps a language's native name back to the language.
func LangOf(name string) i18n.Lang {
	for _, l := range i18n.Supported {
		if l.NativeName() == name {
			return l
		}
	}
	return i18n.English
}

// currencyCodes returns the codes a picker offers: model.Currencies, every
// currency ISO 4217 lists today as legal tender.
func currencyCodes() []string {
	var codes []string
	for _, c := range model.Currencies() {
		codes = append(codes, string(c))
	}
	return codes
}

// NewCurrencyPicker returns a field for an ISO 4217 currency, "EUR —
// Euro", whose list narrows as the user types a code or a name;
// CurrencyOf reads the code back. It offers model.Currencies; an initial
// code ISO has withdrawn since it was saved (HRK) still shows.
func NewCurrencyPicker(initial string) *SearchEntry {
	pick := NewSearchEntry(func(text string) []string {
		q := strings.TrimSpace(text)
		if strings.Contains(text, " — ") {
			q = ""
		}
		var out []string
		for _, c := range i18n.SearchCurrencies(currencyCodes(), q) {
			out = append(out, c.Label())
			if len(out) == MaxSuggestions {
				break
			}
		}
		return out
	})
	if initial != "" {
		pick.SetText(i18n.CurrencyInfo{Code: initial, Name: i18n.CurrencyName(initial)}.Label())
	}
	return pick
}

// CurrencyOf returns the code from a currency picker's text: "EUR — Euro"
// and "eur" both give "EUR".
func CurrencyOf(text string) string {
	code, _, _ := strings.Cut(strings.TrimSpace(text), " ")
	return strings.ToUpper(code)
}
