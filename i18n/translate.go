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
	// set adds text for language l; its plural choices have the forms of
	// language forms.
	set := func(l Lang, key, text string, forms Lang) {
		msgs, err := compileTextFor(l, forms, text)
		if err == nil {
			err = b.Set(l.Tag(), key, msgs...)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("i18n: message %q (%s): %w", key, l, err))
		}
	}
	for key, texts := range table {
		english := key
		if text := texts[English]; text != "" {
			english = text // the key said with plural choices
		}
		for _, l := range Supported {
			text := texts[l]
			if l == English || text == "" {
				// English, and the fallback for a missing translation,
				// so that its plural choices still apply.
				set(l, key, english, English)
				continue
			}
			set(l, key, text, l)
		}
		for l := range texts {
			if !slices.Contains(Supported, l) {
				errs = append(errs, fmt.Errorf("i18n: message %q: unsupported language %q", key, l))
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

// HasKey reports whether key is in the message table. English needs no
// entry of its own (the key is the English text), but every key the program
// translates should be in the table so that Missing can see its gaps.
func HasKey(key string) bool {
	_, ok := messages[key]
	return ok
}
