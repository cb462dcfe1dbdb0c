package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// newZonePicker returns a field for an IANA time zone whose list narrows
// as the user types ("berl" offers Europe/Berlin). Each option shows the
// zone's current UTC offset; zoneOf reads the zone name back.
func newZonePicker(initial string) *searchEntry {
	pick := newSearchEntry(func(text string) []string {
		now := time.Now()
		q := zoneOf(text)
		if strings.Contains(text, " (UTC") {
			q = "" // a whole label was chosen: offer everything again
		}
		var out []string
		for _, z := range i18n.SearchZones(q, now) {
			out = append(out, i18n.ZoneLabel(z, now))
			if len(out) == maxSuggestions {
				break
			}
		}
		return out
	})
	pick.SetText(i18n.ZoneLabel(initial, time.Now()))
	return pick
}

// zoneOf returns the zone name from a picker's text: "Europe/Berlin
// (UTC+01:00)" gives "Europe/Berlin".
func zoneOf(text string) string {
	name, _, _ := strings.Cut(strings.TrimSpace(text), " (")
	return strings.TrimSpace(name)
}

// newLanguagePicker returns a drop-down of the supported languages, each
// named in its own language.
func newLanguagePicker(initial i18n.Lang, onChange func(i18n.Lang)) *widget.Select {
	var names []string
	for _, l := range i18n.Supported {
		names = append(names, l.NativeName())
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelected(initial.NativeName())
	sel.OnChanged = func(name string) {
		if onChange != nil {
			onChange(langOf(name))
		}
	}
	return sel
}

// langOf maps a language's native name back to the language.
func langOf(name string) i18n.Lang {
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

// newCurrencyPicker returns a field for an ISO 4217 currency, "EUR —
// Euro", whose list narrows as the user types a code or a name;
// currencyOf reads the code back. It offers model.Currencies; an initial
// code ISO has withdrawn since it was saved (HRK) still shows.
func newCurrencyPicker(initial string) *searchEntry {
	pick := newSearchEntry(func(text string) []string {
		q := strings.TrimSpace(text)
		if strings.Contains(text, " — ") {
			q = ""
		}
		var out []string
		for _, c := range i18n.SearchCurrencies(currencyCodes(), q) {
			out = append(out, c.Label())
			if len(out) == maxSuggestions {
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

// currencyOf returns the code from a currency picker's text: "EUR — Euro"
// and "eur" both give "EUR".
func currencyOf(text string) string {
	code, _, _ := strings.Cut(strings.TrimSpace(text), " ")
	return strings.ToUpper(code)
}
