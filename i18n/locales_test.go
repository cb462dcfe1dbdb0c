package i18n

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/message"
)

// localeJSON is a file for language lang with the given messages.
func localeJSON(lang, messages string) string {
	return `{"language": "` + lang + `", "name": "N-` + lang + `", "dateTimeLayout": "2006-01-02 15:04", "datePattern": "YYYY-MM-DD",
		"messages": [` + messages + `]}`
}

func testLocale(t *testing.T, lang, messages string) *locale {
	t.Helper()
	loc, err := readLocaleFile("locales/"+lang+".json", []byte(localeJSON(lang, messages)))
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestReadLocaleFileErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       string // part of the error
	}{
		{"locales/de.json", `{"language": "de", "messages": [`, "unexpected EOF"},
		{"locales/de.json", `{"language": "de", "name": "Deutsch", "dateTimeLayout": "x", "datePattern": "y", "mesages": []}`, "unknown field"},
		{"locales/de.json", localeJSON("de", `{"id": "a", "translation": {"select": {"feature": "plural", "arg": 1, "case": {}}}}`), "unknown field"},
		{"locales/de.json", localeJSON("de", `{"id": "a", "translation": 5}`), "cannot unmarshal"},
		{"locales/de.json", localeJSON("fr", ``), "must be named after it"},
		{"locales/pt-br.json", localeJSON("pt-br", ``), "canonical form"},
		{"locales/de.json", localeJSON("de", `{"id": "a", "translation": "A"}, {"id": "a", "translation": "B"}`), "given twice"},
		{"locales/de.json", localeJSON("de", `{"translation": "B"}`), "no id"},
		{"locales/de.json", `{"language": "de", "messages": []}`, "no name"},
	}
	for _, tt := range tests {
		if _, err := readLocaleFile(tt.name, []byte(tt.data)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("readLocaleFile(%s, %.60q…) = %v, want an error with %q", tt.name, tt.data, err, tt.want)
		}
	}
}

// TestNewLanguageIsOneFile adds a language as one file and no code: it is
// offered, named, translated, and counts with its own plural rules.
func TestNewLanguageIsOneFile(t *testing.T) {
	en, err := localeFS.ReadFile("locales/en.json")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"locales/en.json": {Data: en},
		"locales/pl.json": {Data: []byte(localeJSON("pl", `
			{"id": "Cancel", "translation": "Anuluj"},
			{"id": "%d rows have errors, so nothing was imported.", "translation": {"select": {"feature": "plural", "arg": 1, "cases": {
				"one": "%d wiersz ma błędy, nic nie zaimportowano.",
				"few": "%d wiersze mają błędy, nic nie zaimportowano.",
				"many": "%d wierszy ma błędy, nic nie zaimportowano.",
				"other": "%d wiersza ma błędy, nic nie zaimportowano."}}}}`))},
	}
	locs, err := loadLocales(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(locs) != 2 || locs[0].lang != English || locs[1].lang != "pl" || locs[1].file.Name != "N-pl" {
		t.Fatalf("loadLocales: %v", locs)
	}
	cat, err := buildCatalog(locs)
	if err != nil {
		t.Fatal(err)
	}
	p := message.NewPrinter(Lang("pl").Tag(), message.Catalog(cat))
	key := "%d rows have errors, so nothing was imported."
	for n, want := range map[int]string{
		1:  "1 wiersz ma błędy, nic nie zaimportowano.",
		3:  "3 wiersze mają błędy, nic nie zaimportowano.",
		5:  "5 wierszy ma błędy, nic nie zaimportowano.",
		22: "22 wiersze mają błędy, nic nie zaimportowano.",
	} {
		if got := p.Sprintf(key, n); got != want {
			t.Errorf("pl: Sprintf(%q, %d) = %q, want %q", key, n, got, want)
		}
	}
	if got := p.Sprintf("Cancel"); got != "Anuluj" {
		t.Errorf("pl: Cancel = %q", got)
	}
	// Not translated: English, with English's "one" as exactly 1.
	if got := p.Sprintf("Use at most %d characters.", 1); got != "Use at most 1 character." {
		t.Errorf("pl fallback: %q", got)
	}
	if missing := missingIn(locs)["pl"]; len(missing) != len(locs[0].file.Messages)-2 {
		t.Errorf("missingIn: %d keys, want %d", len(missing), len(locs[0].file.Messages)-2)
	}
}

func TestLoadLocalesErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"locales/de.json": {Data: []byte(localeJSON("de", `{"id": "Cancel", "translation": "Abbrechen"}`))},
		"locales/fr.json": {Data: []byte(`{`)},
	}
	locs, err := loadLocales(fsys)
	if err == nil || !strings.Contains(err.Error(), "fr.json") || !strings.Contains(err.Error(), "no English file") {
		t.Errorf("loadLocales: error %v, want fr.json's and no English", err)
	}
	if len(locs) != 1 || locs[0].lang != German {
		t.Errorf("loadLocales: %v, want German only", locs)
	}
}

// TestBuildCatalogErrors checks that a bad translation is reported, and
// that the language then shows English.
func TestBuildCatalogErrors(t *testing.T) {
	en := testLocale(t, "en", `{"id": "Hello %s", "translation": "Hello %s"}, {"id": "Bye", "translation": "Bye"}`)
	de := testLocale(t, "de", `{"id": "Hello %s", "translation": "Hallo %d"}, {"id": "Unknown", "translation": "x"}`)
	cat, err := buildCatalog([]*locale{en, de})
	if err == nil || !strings.Contains(err.Error(), `"Hello %s"`) || !strings.Contains(err.Error(), `"Unknown" is not in en.json`) {
		t.Errorf("buildCatalog: %v", err)
	}
	if got := message.NewPrinter(German.Tag(), message.Catalog(cat)).Sprintf("Hello %s", "Welt"); got != "Hello Welt" {
		t.Errorf("bad translation: got %q, want the English", got)
	}
	en = testLocale(t, "en", `{"id": "Bye", "translation": "Goodbye"}`)
	if _, err := buildCatalog([]*locale{en}); err == nil || !strings.Contains(err.Error(), "is the id itself") {
		t.Errorf("buildCatalog with English that is not its id: %v", err)
	}
}
