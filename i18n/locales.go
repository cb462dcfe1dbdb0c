package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// The translations are data, one file per language in locales/ (see
// docs/translations.md). A file looks like this:
//
//	{
//	  "language": "de",
//	  "name": "Deutsch",
//	  "dateTimeLayout": "02.01.2006 15:04",
//	  "datePattern": "TT.MM.JJJJ",
//	  "messages": [
//	    {"id": "Save & Close", "translation": "Speichern und schließen"},
//	    {"id": "%d customers written to %s.", "translation": {"select": {
//	      "feature": "plural", "arg": 1, "cases": {
//	        "one": "%d Kunde wurde nach %s exportiert.",
//	        "other": "%d Kunden wurden nach %s exportiert."}}}}
//	  ]
//	}
//
// The id is the English text the program passes to Translator.T, a
// fmt-style format string; the translation says the same in the file's
// language. A translation is a string, or, where a count chooses the words,
// gotext's structure (golang.org/x/text/message/pipeline): a "select" of
// the plural feature on argument number "arg" with one text per CLDR plural
// category, and "var" for texts that hold several counts
// ("msg": "%[1]s · ${rates} · ${customers}"). The set of languages is the
// set of files.

//go:embed locales/*.json
var localeFS embed.FS

// localeFile is one file of locales/.
type localeFile struct {
	Language          string          `json:"language"`
	Name              string          `json:"name"`
	DateTimeLayout    string          `json:"dateTimeLayout"`
	DatePattern       string          `json:"datePattern"`
	CurrencyCodeFirst bool            `json:"currencyCodeFirst,omitempty"`
	Messages          []localeMessage `json:"messages"`
}

// localeMessage is one translated text.
type localeMessage struct {
	ID          string  `json:"id"`
	Comment     string  `json:"comment,omitempty"`
	Translation msgText `json:"translation"`
}

// msgText is a translation: Msg alone for a plain text (written as a JSON
// string), or a Select by a count, or Msg with Vars that Msg names as
// ${name}.
type msgText struct {
	Msg    string             `json:"msg,omitempty"`
	Var    map[string]msgText `json:"var,omitempty"`
	Select *msgSelect         `json:"select,omitempty"`
}

// msgSelect chooses a text by the plural category of argument Arg
// (1-based). Cases are keyed by category ("one", "few", "many", "other")
// or by an exact number ("=0").
type msgSelect struct {
	Feature string             `json:"feature"`
	Arg     int                `json:"arg"`
	Cases   map[string]msgText `json:"cases"`
}

// UnmarshalJSON reads a string as a plain text, and an object strictly
// (an unknown field is an error, so a misspelt "cases" is not lost).
func (t *msgText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		*t = msgText{}
		return json.Unmarshal(b, &t.Msg)
	}
	type raw msgText // without this method
	var r raw
	if err := strictDecode(b, &r); err != nil {
		return err
	}
	*t = msgText(r)
	return nil
}

func (t msgText) plain() bool { return t.Var == nil && t.Select == nil }

func (t msgText) empty() bool { return t.plain() && t.Msg == "" }

func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the JSON value")
	}
	return nil
}

// locale is a parsed file.
type locale struct {
	lang Lang
	file localeFile
	byID map[string]msgText
}

// readLocaleFile reads one file; name is its file name, which must be the
// language tag followed by ".json".
func readLocaleFile(name string, data []byte) (*locale, error) {
	var f localeFile
	if err := strictDecode(data, &f); err != nil {
		return nil, fmt.Errorf("i18n: %s: %w", name, err)
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("i18n: %s: "+format, append([]any{name}, args...)...))
	}
	if want := strings.TrimSuffix(path.Base(name), ".json"); f.Language != want {
		bad("language is %q; the file must be named after it (%s.json)", f.Language, f.Language)
	}
	if t, err := language.Parse(f.Language); err != nil || t.String() != f.Language {
		bad("language %q is not a BCP 47 tag in canonical form (%v)", f.Language, t)
	}
	if f.Name == "" {
		bad("no name (the language's name in that language)")
	}
	if f.DateTimeLayout == "" || f.DatePattern == "" {
		bad("no dateTimeLayout or datePattern")
	}
	loc := &locale{lang: Lang(f.Language), file: f, byID: make(map[string]msgText, len(f.Messages))}
	for i, m := range f.Messages {
		switch _, dup := loc.byID[m.ID]; {
		case m.ID == "":
			bad("message %d has no id", i+1)
		case dup:
			bad("message %q given twice", m.ID)
		default:
			loc.byID[m.ID] = m.Translation
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return loc, nil
}

// loadLocales parses every locales/*.json of fsys. It returns the files that
// parse, English first and the others by tag, and the errors of those that
// do not.
func loadLocales(fsys fs.FS) ([]*locale, error) {
	names, err := fs.Glob(fsys, "locales/*.json")
	if err != nil {
		return nil, err
	}
	var locs []*locale
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err == nil {
			var loc *locale
			if loc, err = readLocaleFile(name, data); err == nil {
				locs = append(locs, loc)
			}
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	slices.SortFunc(locs, func(a, b *locale) int {
		switch {
		case a.lang == English:
			return -1
		case b.lang == English:
			return 1
		}
		return strings.Compare(string(a.lang), string(b.lang))
	})
	if len(locs) == 0 || locs[0].lang != English {
		errs = append(errs, errors.New("i18n: no English file (locales/en.json)"))
	}
	return locs, errors.Join(errs...)
}

// locales are the embedded files; localesErr says what is wrong with those
// left out (TestLocaleFiles fails on it).
var locales, localesErr = loadLocales(localeFS)

// localeOf returns the file of l, or nil.
func localeOf(l Lang) *locale {
	for _, loc := range locales {
		if loc.lang == l {
			return loc
		}
	}
	return nil
}
