package i18n

import (
	"fmt"
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
		// Not in the table: the English key, formatted, is the fallback.
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

func TestTEveryEntry(t *testing.T) {
	for key, texts := range messages {
		for _, l := range Supported {
			want := texts[l]
			if l == English || want == "" {
				want = key
			}
			if strings.Contains(key, "%") {
				continue // covered with arguments in TestT
			}
			if got := New(l).T(key); got != want {
				t.Errorf("New(%q).T(%q) = %q, want %q", l, key, got, want)
			}
		}
	}
}

func TestCatalogBuilds(t *testing.T) {
	if _, err := buildCatalog(messages); err != nil {
		t.Fatal(err)
	}
}

// TestMessagesWellFormed checks that every text prints the arguments its key
// prints, with the same verbs, and that English entries exist only to say a
// key with plural choices.
func TestMessagesWellFormed(t *testing.T) {
	for key, texts := range messages {
		if key == "" {
			t.Error("empty key")
		}
		if hasChoice(key) {
			t.Errorf("%q: a key cannot contain { or }; put plural choices in an English entry", key)
			continue
		}
		if text, ok := texts[English]; ok && !hasChoice(text) {
			t.Errorf("%q: has an English entry %q without a plural choice; the key is the English text", key, text)
		}
		_, want, err := parseText(key)
		if err != nil {
			t.Errorf("%q: %v", key, err)
			continue
		}
		slices.SortFunc(want, compareArgs)
		for l, text := range texts {
			if !slices.Contains(Supported, l) {
				t.Errorf("%q: unsupported language %q", key, l)
			}
			if strings.TrimSpace(text) != text && strings.TrimSpace(key) == key {
				t.Errorf("%q (%s) = %q: spaces around the text", key, l, text)
			}
			_, got, err := parseText(text)
			if err != nil {
				t.Errorf("%q (%s) = %q: %v", key, l, text, err)
				continue
			}
			slices.SortFunc(got, compareArgs)
			if !slices.Equal(got, want) {
				t.Errorf("%q (%s) = %q: prints %s, want %s", key, l, text, argsString(got), argsString(want))
			}
		}
	}
}

func compareArgs(a, b argUse) int {
	if a.Arg != b.Arg {
		return a.Arg - b.Arg
	}
	return int(a.Verb) - int(b.Verb)
}

func argsString(args []argUse) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%%[%d]%c", a.Arg, a.Verb)
	}
	return b.String()
}

// TestNothingMissing fails when a key of the table lacks a translation in
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
	table := map[string]map[Lang]string{
		"Complete": {Spanish: "a", PortugueseBR: "b", French: "c", German: "d", Russian: "e", ChineseSimplified: "f"},
		"Beta":     {Spanish: "a", PortugueseBR: "b", French: "c", German: "", Russian: "e"},
		"Alpha":    {German: "d"},
	}
	want := map[Lang][]string{
		Spanish:           {"Alpha"},
		PortugueseBR:      {"Alpha"},
		French:            {"Alpha"},
		German:            {"Beta"},
		Russian:           {"Alpha"},
		ChineseSimplified: {"Alpha", "Beta"},
	}
	got := missingIn(table)
	if len(got) != len(want) {
		t.Fatalf("missingIn() = %v, want %v", got, want)
	}
	for l, keys := range want {
		if !slices.Equal(got[l], keys) {
			t.Errorf("missingIn()[%q] = %v, want %v", l, got[l], keys)
		}
	}
	if _, ok := got[English]; ok {
		t.Error("missingIn() lists English")
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
