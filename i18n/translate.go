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

// messageCatalog is built from messages once, on first use.
var messageCatalog = sync.OnceValue(func() catalog.Catalog {
	cat, _ := buildCatalog(messages) // a bad entry falls back to English; TestCatalogBuilds catches it
	return cat
})

func buildCatalog(table map[string]map[Lang]string) (*catalog.Builder, error) {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	var errs []error
	for key, texts := range table {
		if err := b.SetString(English.Tag(), key, key); err != nil {
			errs = append(errs, fmt.Errorf("i18n: message %q (%s): %w", key, English, err))
		}
		for l, text := range texts {
			if text == "" {
				continue
			}
			if err := b.SetString(l.Tag(), key, text); err != nil {
				errs = append(errs, fmt.Errorf("i18n: message %q (%s): %w", key, l, err))
			}
		}
	}
	if len(errs) > 0 {
		return b, errors.Join(errs...)
	}
	return b, nil
}

// Missing returns, for each supported language other than English, the
// sorted keys of the message table that have no translation in it.
// Languages with nothing missing are left out, so a complete table gives an
// empty map.
func Missing() map[Lang][]string {
	return missingIn(messages)
}

func missingIn(table map[string]map[Lang]string) map[Lang][]string {
	out := map[Lang][]string{}
	for key, texts := range table {
		for _, l := range Supported {
			if l == English {
				continue
			}
			if texts[l] == "" {
				out[l] = append(out[l], key)
			}
		}
	}
	for _, keys := range out {
		slices.Sort(keys)
	}
	return out
}
