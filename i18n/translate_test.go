package i18n

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestNew(t *testing.T) {
	tests := []struct {
		in   Lang
		want Lang
	}{
		{English, English},
		{German, German},
		{"pt-br", PortugueseBR},
		{"de_DE.UTF-8", German},
		{"xx", English},
		{"", English},
	}
	for _, tt := range tests {
		if got := New(tt.in).Lang(); got != tt.want {
			t.Errorf("New(%q).Lang() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestT(t *testing.T) {
	tests := []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		{English, "Name", nil, "Name"},
		{Spanish, "Name", nil, "Nombre"},
		{PortugueseBR, "Cancel", nil, "Cancelar"},
		{French, "Save & Close", nil, "Enregistrer et fermer"},
		{German, "Save & Close", nil, "Speichern und schließen"},
		{Russian, "Cancel", nil, "Отмена"},
		{ChineseSimplified, "Save & Close", nil, "保存并关闭"},
		{English, "Balance: %s", []any{"USD 1.00"}, "Balance: USD 1.00"},
		{German, "Balance: %s", []any{"1,00 EUR"}, "Saldo: 1,00 EUR"},
		{ChineseSimplified, "Balance: %s", []any{"CNY 1.00"}, "余额：CNY 1.00"},
		// A JSON escape in the file: French puts a no-break space before ":".
		{French, "Balance: %s", []any{"1,00 EUR"}, "Solde\u00a0: 1,00 EUR"},
		// Not in the files: the English key, formatted, is the fallback.
		{German, "No such message", nil, "No such message"},
		{Russian, "%d rows", []any{3}, "3 rows"},
		// Integer arguments get the language's grouping.
		{German, "%d rows", []any{1234567}, "1.234.567 rows"},
	}
	for _, tt := range tests {
		if got := New(tt.lang).T(tt.key, tt.args...); got != tt.want {
			t.Errorf("New(%q).T(%q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

// TestTEveryEntry checks that every plain translation without arguments
// is what T gives.
func TestTEveryEntry(t *testing.T) {
	for _, loc := range locales {
		tr := New(loc.lang)
		for _, m := range loc.file.Messages {
			if !m.Translation.plain() || strings.Contains(m.ID, "%") {
				continue // plurals and arguments: TestT and plural_test.go
			}
			if got := tr.T(m.ID); got != m.Translation.Msg {
				t.Errorf("New(%q).T(%q) = %q, want %q", loc.lang, m.ID, got, m.Translation.Msg)
			}
		}
	}
}

// TestLocaleFiles fails when an embedded file does not parse or is not
// named after its language, and checks that the languages the code names
// have files.
func TestLocaleFiles(t *testing.T) {
	if localesErr != nil {
		t.Fatal(localesErr)
	}
	for _, l := range []Lang{English, Spanish, PortugueseBR, French, German, Russian, ChineseSimplified} {
		if localeOf(l) == nil {
			t.Errorf("no locales/%s.json", l)
		}
	}
}

// TestCatalogBuilds fails on a translation that prints other arguments
// than its id, a plural select without the language's categories, and an
// id that en.json does not have.
func TestCatalogBuilds(t *testing.T) {
	if _, err := buildCatalog(locales); err != nil {
		t.Fatal(err)
	}
}

func TestNoSpacesAround(t *testing.T) {
	for _, loc := range locales {
		for _, m := range loc.file.Messages {
			tr := m.Translation.Msg
			if m.Translation.plain() && strings.TrimSpace(tr) != tr && strings.TrimSpace(m.ID) == m.ID {
				t.Errorf("%q (%s) = %q: spaces around the text", m.ID, loc.lang, tr)
			}
		}
	}
}

// TestNothingMissing fails when a key of en.json lacks a translation in
// one of the languages, naming the keys.
func TestNothingMissing(t *testing.T) {
	missing := Missing()
	for _, l := range Supported {
		if keys := missing[l]; len(keys) > 0 {
			t.Errorf("%d keys have no %s (%s) translation:\n\t%s", len(keys), l, l.NativeName(), strings.Join(keys, "\n\t"))
		}
	}
}

func TestMissing(t *testing.T) {
	locs := []*locale{
		testLocale(t, "en", `{"id": "Beta", "translation": "Beta"}, {"id": "Alpha", "translation": "Alpha"}, {"id": "Gamma", "translation": "Gamma"}`),
		testLocale(t, "de", `{"id": "Alpha", "translation": "A"}, {"id": "Beta", "translation": "B"}`),
		testLocale(t, "fr", `{"id": "Beta", "translation": "B"}`), // sorted: Alpha, Gamma
		testLocale(t, "ru", `{"id": "Alpha", "translation": ""}, {"id": "Beta", "translation": "B"}`),
	}
	got := missingIn(locs)
	want := map[Lang][]string{French: {"Alpha", "Gamma"}, German: {"Gamma"}, Russian: {"Alpha", "Gamma"}}
	if len(got) != len(want) {
		t.Fatalf("missingIn() = %v, want %v", got, want)
	}
	for l, keys := range want {
		if !slices.Equal(got[l], keys) {
			t.Errorf("missingIn()[%q] = %v, want %v", l, got[l], keys)
		}
	}
}

func TestHasKey(t *testing.T) {
	if !HasKey("Cancel") {
		t.Error(`HasKey("Cancel") = false`)
	}
	if HasKey("No such message") {
		t.Error(`HasKey("No such message") = true`)
	}
}

func TestTranslatorConcurrent(t *testing.T) {
	tr := New(German)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if got := tr.T("Cancel"); got != "Abbrechen" {
					t.Errorf("T(Cancel) = %q", got)
					return
				}
			}
		})
	}
	wg.Wait()
}
