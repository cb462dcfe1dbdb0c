package i18n

import (
	"strings"
	"testing"

	"golang.org/x/text/message"
)

func TestPluralEnglish(t *testing.T) {
	tr := New(English)
	tests := []struct {
		key  string
		args []any
		want string
	}{
		{"%d customers written to %s.", []any{1, "/tmp/a.csv"}, "1 customer written to /tmp/a.csv."},
		{"%d customers written to %s.", []any{5, "/tmp/a.csv"}, "5 customers written to /tmp/a.csv."},
		{"%d customers written to %s.", []any{0, "/tmp/a.csv"}, "0 customers written to /tmp/a.csv."},
		{"%d customers written to %s.", []any{1234567, "x"}, "1,234,567 customers written to x."},
		{"%s · %d rates · %d customers", []any{"EUR", 1, 2}, "EUR · 1 rate · 2 customers"},
		{"%s · %d rates · %d customers", []any{"EUR", 3, 1}, "EUR · 3 rates · 1 customer"},
		{"%d rates added, %d updated.", []any{1, 1}, "1 rate added, 1 updated."},
		{"%s: %d rows can be imported into %s; %d rows have errors.", []any{"a.csv", 1, "Gold", 2},
			"a.csv: 1 row can be imported into Gold; 2 rows have errors."},
		{"%s: %d rows can be imported into %s; %d rows have errors.", []any{"a.csv", 7, "Gold", 1},
			"a.csv: 7 rows can be imported into Gold; 1 row has errors."},
		{"%d customers use this tariff; move them to another tariff first.", []any{1},
			"1 customer uses this tariff; move it to another tariff first."},
		{"%d customers use this tariff; move them to another tariff first.", []any{4},
			"4 customers use this tariff; move them to another tariff first."},
		{"Use at most %d characters.", []any{1}, "Use at most 1 character."},
		// Arguments of type any, as the error messages pass them.
		{"Use at most %d characters.", []any{any(80)}, "Use at most 80 characters."},
		{"This customer has %d sub-customers and %d accounts. Move or delete them first; then it can be deleted.", []any{1, 0},
			"This customer has 1 sub-customer and 0 accounts. Move or delete them first; then it can be deleted."},
	}
	for _, tt := range tests {
		if got := tr.T(tt.key, tt.args...); got != tt.want {
			t.Errorf("T(%q, %v) = %q, want %q", tt.key, tt.args, got, tt.want)
		}
	}
}

func TestPluralRussian(t *testing.T) {
	tr := New(Russian)
	key := "%d customers written to %s."
	for n, want := range map[int]string{
		1:   "1 клиент записан в файл x.csv.",
		2:   "2 клиента записаны в файл x.csv.",
		4:   "4 клиента записаны в файл x.csv.",
		5:   "5 клиентов записано в файл x.csv.",
		11:  "11 клиентов записано в файл x.csv.",
		12:  "12 клиентов записано в файл x.csv.",
		21:  "21 клиент записан в файл x.csv.",
		22:  "22 клиента записаны в файл x.csv.",
		0:   "0 клиентов записано в файл x.csv.",
		111: "111 клиентов записано в файл x.csv.",
	} {
		if got := tr.T(key, n, "x.csv"); got != want {
			t.Errorf("T(%q, %d) = %q, want %q", key, n, got, want)
		}
	}
	// Two counts in one message, each with its own form.
	got := tr.T("%s · %d rates · %d customers", "RUB", 21, 3)
	if want := "RUB · 21 ставка · 3 клиента"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A choice that prints nothing, following the count.
	got = tr.T("%d customers use this tariff; move them to another tariff first.", 1)
	if want := "Этот тариф использует 1 клиент; сначала переведите его на другой тариф."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPluralOtherLanguages(t *testing.T) {
	tests := []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		// French and Brazilian Portuguese count 0 as singular.
		{French, "%d entries written to %s.", []any{0, "a"}, "0 écriture exportée vers a."},
		{French, "%d entries written to %s.", []any{1, "a"}, "1 écriture exportée vers a."},
		{French, "%d entries written to %s.", []any{2, "a"}, "2 écritures exportées vers a."},
		{PortugueseBR, "%d customers written to %s.", []any{0, "a"}, "0 cliente exportado para a."},
		{PortugueseBR, "%d customers written to %s.", []any{3, "a"}, "3 clientes exportados para a."},
		{Spanish, "%d rates added, %d updated.", []any{1, 4}, "1 precio añadido, 4 actualizados."},
		{Spanish, "%d rates added, %d updated.", []any{0, 1}, "0 precios añadidos, 1 actualizado."},
		{German, "%d entries written to %s.", []any{1, "a"}, "1 Buchung wurde nach a exportiert."},
		// Numbers keep the language's grouping inside a choice.
		{German, "%d entries written to %s.", []any{1234567, "a"}, "1.234.567 Buchungen wurden nach a exportiert."},
		{ChineseSimplified, "%d customers written to %s.", []any{1, "a"}, "已将 1 个客户写入 a。"},
	}
	for _, tt := range tests {
		if got := New(tt.lang).T(tt.key, tt.args...); got != tt.want {
			t.Errorf("New(%q).T(%q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

// TestPluralFallback checks that a language without a translation of a key
// with plural choices gets the English text with its choices.
func TestPluralFallback(t *testing.T) {
	key := "%d files"
	b, err := buildCatalog(map[string]map[Lang]string{
		key: {English: "{%d file|%d files}", German: "{%d Datei|%d Dateien}"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang Lang
		n    int
		want string
	}{
		{German, 1, "1 Datei"},
		{Russian, 1, "1 file"},
		{Russian, 3, "3 files"},
		{ChineseSimplified, 1, "1 file"},
	} {
		p := message.NewPrinter(tt.lang.Tag(), message.Catalog(b))
		if got := p.Sprintf(key, tt.n); got != tt.want {
			t.Errorf("%s: Sprintf(%q, %d) = %q, want %q", tt.lang, key, tt.n, got, tt.want)
		}
	}
}

func TestCompileTextErrors(t *testing.T) {
	tests := []struct {
		lang Lang
		text string
		want string // part of the error
	}{
		{Russian, "{%d клиент|%d клиента}", "needs 3"},
		{English, "{%d a|%d b|%d c}", "needs 2"},
		{English, "{%d a|%d b", "without }"},
		{English, "%d a|%d b}", "without {"},
		{English, "{a|b}", "no form prints the count"},
		{English, "{%s a|%s b}", "only verb"},
		{English, "{%d a %d|%d b}", "more than one"},
		{English, "{{%d a|%d b}}", "nest"},
	}
	for _, tt := range tests {
		_, err := compileText(tt.lang, tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("compileText(%s, %q) = %v, want an error with %q", tt.lang, tt.text, err, tt.want)
		}
	}
}

func TestParseTextArgs(t *testing.T) {
	tests := []struct {
		text string
		want []argUse
	}{
		{"plain %s and %d", []argUse{{1, 's'}, {2, 'd'}}},
		{"%[2]s before %[1]s", []argUse{{2, 's'}, {1, 's'}}},
		{"100%% of %s", []argUse{{1, 's'}}},
		{"%s: {%d row|%d rows} in %s", []argUse{{1, 's'}, {2, 'd'}, {3, 's'}}},
		{"{%d a|%d b}, {[1]it|them}, %d", []argUse{{1, 'd'}, {2, 'd'}}},
		{"в %[2]s {%[1]d a|%[1]d b}", []argUse{{2, 's'}, {1, 'd'}}},
	}
	for _, tt := range tests {
		_, got, err := parseText(tt.text)
		if err != nil {
			t.Errorf("parseText(%q): %v", tt.text, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("parseText(%q) args = %v, want %v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("parseText(%q) args = %v, want %v", tt.text, got, tt.want)
				break
			}
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
