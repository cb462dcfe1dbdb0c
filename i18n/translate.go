package i18n

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Translator translates and formats for one language. It is safe for
// concurrent use.
type Translator struct {
	lang    Lang
	printer *message.Printer
	sep     Separators
	layout  string // time layout for DateTime
}

// New returns a Translator for l. A language that is not supported is first
// matched to one that is (see Match), so the result is never nil.
func New(l Lang) *Translator {
	l = l.supported()
	return &Translator{
		lang:    l,
		printer: message.NewPrinter(l.Tag(), message.Catalog(messageCatalog())),
		sep:     SeparatorsFor(l),
		layout:  dateTimeLayout(l),
	}
}

// Lang returns the supported language t works in.
func (t *Translator) Lang() Lang { return t.lang }

// T translates the English text key and formats args into it as
// fmt.Sprintf would, with the language's number formatting. A key with no
// translation for t's language is formatted as is, so English is the
// fallback.
func (t *Translator) T(key string, args ...any) string {
	return t.printer.Sprintf(key, args...)
}

// messageCatalog is built from the embedded files once, on first use.
var messageCatalog = sync.OnceValue(func() catalog.Catalog {
	cat, _ := buildCatalog(locales) // a bad translation falls back to English; TestCatalogBuilds catches it
	return cat
})

// buildCatalog puts every message of the English file into the catalog for
// every language: its translation, or the English text where the language
// has none (a missing or bad translation), so that English plural cases
// still apply. It reports the bad translations and the ids that English
// does not have.
func buildCatalog(locs []*locale) (*catalog.Builder, error) {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	var errs []error
	var en *locale
	for _, loc := range locs {
		if loc.lang == English {
			en = loc
		}
	}
	if en == nil {
		return b, errors.New("i18n: no English file")
	}
	for _, loc := range locs {
		for _, m := range loc.file.Messages {
			if _, ok := en.byID[m.ID]; !ok {
				errs = append(errs, fmt.Errorf("i18n: %s: message %q is not in en.json", loc.lang, m.ID))
			}
		}
	}
	set := func(l Lang, key string, t msgText, oneIsExact bool) error {
		msgs, err := compileText(t, oneIsExact)
		if err == nil {
			err = b.Set(l.Tag(), key, msgs...)
		}
		return err
	}
	for _, m := range en.file.Messages {
		key, english := m.ID, m.Translation
		if err := checkEnglish(key, english); err != nil {
			errs = append(errs, fmt.Errorf("i18n: en: message %q: %w", key, err))
			english = msgText{Msg: key}
		}
		for _, loc := range locs {
			if loc.lang != English {
				t, ok := loc.byID[key]
				if ok && !t.empty() {
					err := checkText(loc.lang, key, t)
					if err == nil {
						err = set(loc.lang, key, t, false)
					}
					if err == nil {
						continue
					}
					errs = append(errs, fmt.Errorf("i18n: %s: message %q: %w", loc.lang, key, err))
				}
			}
			// English, and the fallback for a missing or bad translation.
			if err := set(loc.lang, key, english, loc.lang != English); err != nil {
				errs = append(errs, fmt.Errorf("i18n: %s: message %q: %w", loc.lang, key, err))
			}
		}
	}
	return b, errors.Join(errs...)
}

// checkEnglish checks an English translation: a plain one is the id itself
// (the id is the English text); one that chooses by a count must print
// what the id prints.
func checkEnglish(key string, t msgText) error {
	if t.plain() {
		if t.Msg != key {
			return fmt.Errorf("translation %q: a plain English translation is the id itself", t.Msg)
		}
		return nil
	}
	return checkText(English, key, t)
}

// Missing returns, for each supported language other than English, the
// sorted keys of en.json that have no translation in its file. Languages with nothing missing are left out, so complete files
// give an empty map.
func Missing() map[Lang][]string {
	return missingIn(locales)
}

func missingIn(locs []*locale) map[Lang][]string {
	out := map[Lang][]string{}
	var en *locale
	for _, loc := range locs {
		if loc.lang == English {
			en = loc
		}
	}
	if en == nil {
		return out
	}
	for _, loc := range locs {
		if loc.lang == English {
			continue
		}
		for _, m := range en.file.Messages {
			if t, ok := loc.byID[m.ID]; !ok || t.empty() {
				out[loc.lang] = append(out[loc.lang], m.ID)
			}
		}
		slices.Sort(out[loc.lang])
	}
	return out
}

// HasKey reports whether key is in en.json. Every key the program
// translates should be there, so that Missing can see its gaps.
func HasKey(key string) bool {
	en := localeOf(English)
	if en == nil {
		return false
	}
	_, ok := en.byID[key]
	return ok
}
