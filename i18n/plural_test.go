package i18n

import (
	"slices"
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

// TestPluralGermanChinese checks German's one/other and that Chinese,
// which has only "other", says the same for every count.
func TestPluralGermanChinese(t *testing.T) {
	de, zh := New(German), New(ChineseSimplified)
	key := "%s · %d rates · %d customers"
	for _, tt := range []struct {
		rates, customers int
		de, zh           string
	}{
		{1, 1, "EUR · 1 Preis · 1 Kunde", "EUR · 1 条费率 · 1 个客户"},
		{0, 2, "EUR · 0 Preise · 2 Kunden", "EUR · 0 条费率 · 2 个客户"},
		{21, 101, "EUR · 21 Preise · 101 Kunden", "EUR · 21 条费率 · 101 个客户"},
	} {
		if got := de.T(key, "EUR", tt.rates, tt.customers); got != tt.de {
			t.Errorf("de: T(%q, %d, %d) = %q, want %q", key, tt.rates, tt.customers, got, tt.de)
		}
		if got := zh.T(key, "EUR", tt.rates, tt.customers); got != tt.zh {
			t.Errorf("zh: T(%q, %d, %d) = %q, want %q", key, tt.rates, tt.customers, got, tt.zh)
		}
	}
	key = "%d customers use this tariff; move them to another tariff first."
	for n, want := range map[int]string{
		1: "1 Kunde nutzt diesen Tarif; stellen Sie ihn zuerst auf einen anderen Tarif um.",
		2: "2 Kunden nutzen diesen Tarif; stellen Sie sie zuerst auf einen anderen Tarif um.",
	} {
		if got := de.T(key, n); got != want {
			t.Errorf("de: T(%q, %d) = %q, want %q", key, n, got, want)
		}
	}
}

// TestPluralFallback checks that a language without a translation of a key
// with plural cases gets the English text, "one" meaning exactly 1.
func TestPluralFallback(t *testing.T) {
	key := "%d files"
	files := `{"id": "%d files", "translation": {"select": {"feature": "plural", "arg": 1, "cases": {"one": "%d file", "other": "%d files"}}}}`
	b, err := buildCatalog([]*locale{
		testLocale(t, "en", files),
		testLocale(t, "de", `{"id": "%d files", "translation": {"select": {"feature": "plural", "arg": 1, "cases": {"one": "%d Datei", "other": "%d Dateien"}}}}`),
		testLocale(t, "ru", ``),
		testLocale(t, "zh-Hans", ``),
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
		{German, 0, "0 Dateien"},
		{English, 1, "1 file"},
		{Russian, 1, "1 file"},
		{Russian, 3, "3 files"},
		{Russian, 21, "21 files"},
		{ChineseSimplified, 1, "1 file"},
		{ChineseSimplified, 2, "2 files"},
	} {
		p := message.NewPrinter(tt.lang.Tag(), message.Catalog(b))
		if got := p.Sprintf(key, tt.n); got != tt.want {
			t.Errorf("%s: Sprintf(%q, %d) = %q, want %q", tt.lang, key, tt.n, got, tt.want)
		}
	}
}

func TestCheckTextErrors(t *testing.T) {
	sel := func(arg, cases string) string {
		return `{"select": {"feature": "plural", "arg": ` + arg + `, "cases": {` + cases + `}}}`
	}
	tests := []struct {
		lang  Lang
		key   string
		trans string // JSON
		want  string // part of the error
	}{
		{German, "%s saved", `"%d gespeichert"`, "prints %[1]d, the id prints %[1]s"},
		{German, "%s in %s", `"%s"`, "prints %[1]s, the id prints %[1]s %[2]s"},
		{German, "%[2]s in %[1]s", `"%s in %s"`, ""},
		{Russian, "%d rows", sel("1", `"one": "%d строка", "other": "%d строки"`), `no "few" case`},
		{German, "%d rows", sel("1", `"one": "%d Zeile", "few": "%d Zeilen", "other": "%d Zeilen"`), `case "few"`},
		{German, "%d rows", sel("1", `"one": "%d Zeile"`), `no "other" case`},
		{German, "%d rows", sel("1", `"one": "Eine Zeile", "other": "%d Zeilen"`), "another case prints"},
		{German, "%d rows", sel("0", `"other": "%d Zeilen"`), "select arg 0"},
		{German, "%s: %d rows", sel("1", `"one": "%s: %d Zeile", "other": "%s: %d Zeilen"`), "prints no %d as argument 1"},
		{German, "%d rows", sel("1", `"=one": "%d Zeile", "one": "%d Zeile", "other": "%d Zeilen"`), `case "=one"`},
		{German, "%d rows", `{"msg": "${n}", "var": {"m": ` + sel("1", `"one": "%d Zeile", "other": "%d Zeilen"`) + `}}`, "no such variable"},
		{German, "%d rows", `{"msg": "x", "select": {"feature": "plural", "arg": 1, "cases": {"other": "%d"}}}`, `"msg" and "select" together`},
		{German, "%d rows", `{"select": {"feature": "gender", "arg": 1, "cases": {"other": "%d"}}}`, `feature "gender"`},
		// A text with variables names every argument.
		{German, "%d of %d", `{"msg": "%[1]d von ${n}", "var": {"n": ` + sel("2", `"one": "%[2]d", "other": "%[2]d"`) + `}}`, ""},
		{German, "%d of %d", `{"msg": "%d von ${n}", "var": {"n": ` + sel("2", `"one": "%[2]d", "other": "%[2]d"`) + `}}`, "names its argument"},
		{German, "%d of %d", `{"msg": "%[1]d von ${n}", "var": {"n": ` + sel("2", `"one": "%d", "other": "%d"`) + `}}`, "names its argument"},
		{German, "%d of %d", `{"msg": "${n} von %[1]d", "var": {"n": ` + sel("2", `"one": "%[1]d", "other": "%[1]d"`) + `}}`, "prints %[1]d %[1]d"},
	}
	for _, tt := range tests {
		var tr msgText
		if err := tr.UnmarshalJSON([]byte(tt.trans)); err != nil {
			t.Fatalf("%s: %v", tt.trans, err)
		}
		err := checkText(tt.lang, tt.key, tr)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("checkText(%s, %q, %s) = %v, want nil", tt.lang, tt.key, tt.trans, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("checkText(%s, %q, %s) = %v, want an error with %q", tt.lang, tt.key, tt.trans, err, tt.want)
		}
	}
}

// TestVariables checks a text with variables, each choosing by its own
// count, in either order.
func TestVariables(t *testing.T) {
	key := "%d of %d"
	b, err := buildCatalog([]*locale{
		testLocale(t, "en", `{"id": "%d of %d", "translation": "%d of %d"}`),
		testLocale(t, "de", `{"id": "%d of %d", "translation": {"msg": "%[1]d von ${n}", "var": {"n": {"select": {"feature": "plural", "arg": 2, "cases": {"one": "%[2]d Zeile", "other": "%[2]d Zeilen"}}}}}}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	p := message.NewPrinter(German.Tag(), message.Catalog(b))
	if got, want := p.Sprintf(key, 3, 1), "3 von 1 Zeile"; got != want {
		t.Errorf("Sprintf(%q, 3, 1) = %q, want %q", key, got, want)
	}
	if got, want := p.Sprintf(key, 1, 5), "1 von 5 Zeilen"; got != want {
		t.Errorf("Sprintf(%q, 1, 5) = %q, want %q", key, got, want)
	}
	// A variable first, then the count it does not choose by.
	b, err = buildCatalog([]*locale{
		testLocale(t, "en", `{"id": "%d of %d", "translation": "%d of %d"}`),
		testLocale(t, "de", `{"id": "%d of %d", "translation": {"msg": "${n}: %[1]d", "var": {"n": {"select": {"feature": "plural", "arg": 2, "cases": {"one": "%[2]d Zeile", "other": "%[2]d Zeilen"}}}}}}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	p = message.NewPrinter(German.Tag(), message.Catalog(b))
	if got, want := p.Sprintf(key, 3, 1), "1 Zeile: 3"; got != want {
		t.Errorf("Sprintf(%q, 3, 1) = %q, want %q", key, got, want)
	}
}

func TestPrintedArgs(t *testing.T) {
	tests := []struct {
		text string
		want []argUse
	}{
		{"plain %s and %d", []argUse{{1, 's'}, {2, 'd'}}},
		{"%[2]s before %[1]s", []argUse{{2, 's'}, {1, 's'}}},
		{"100%% of %s", []argUse{{1, 's'}}},
		{"%[2]s then %s", []argUse{{2, 's'}, {3, 's'}}},
	}
	for _, tt := range tests {
		got, _, err := printedArgs(msgText{Msg: tt.text}, 1, nil, 0, false)
		if err != nil {
			t.Errorf("printedArgs(%q): %v", tt.text, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("printedArgs(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestWholeCategories(t *testing.T) {
	for l, want := range map[Lang]string{
		English:           "one other",
		French:            "one other",
		Russian:           "one few many other",
		ChineseSimplified: "other",
	} {
		if got := strings.Join(wholeCategories(l), " "); got != want {
			t.Errorf("wholeCategories(%s) = %q, want %q", l, got, want)
		}
	}
}
