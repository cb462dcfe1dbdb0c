package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/i18n"
)

// columnTables are the package-level tables whose title fields are passed to
// tr.T indirectly (tr.T(col.title)), so their titles are message keys too.
var columnTables = []string{"rateColumns", "exchangeColumns", "historyColumns", "paymentColumns", "accountColumns",
	"callColumns", "totalColumns", "previewColumns", "importColumns", "marginColumns"}

// uiKey is one message key found in the ui sources, with where it was seen.
type uiKey struct {
	key string
	pos string
}

// collectUIKeys parses every non-test .go file in dir and returns the message
// keys the code translates: every constant string passed as the first argument
// of a method call named T (tr.T("…"), c.tr.T("…"), w.c.tr.T("…")), and the
// title fields of the column tables. It also returns the places where T is
// called with something that is not a constant string; apart from the
// column tables, such keys cannot be checked.
func collectUIKeys(t *testing.T, dir string) (keys []uiKey, dynamic []string) {
	t.Helper()
	// The shell and every feature package below it.
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	tables := map[string]bool{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("parse %s: %v", path, err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "T" || len(n.Args) == 0 {
					return true
				}
				if s, ok := constString(n.Args[0]); ok {
					keys = append(keys, uiKey{s, fset.Position(n.Args[0].Pos()).String()})
				} else if !isColumnTitle(n.Args[0]) {
					dynamic = append(dynamic, fset.Position(n.Args[0].Pos()).String())
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if !slices.Contains(columnTables, name.Name) || i >= len(n.Values) {
						continue
					}
					lit, ok := n.Values[i].(*ast.CompositeLit)
					if !ok {
						t.Errorf("%s: %s is not a composite literal", fset.Position(name.Pos()), name.Name)
						continue
					}
					tables[name.Name] = true
					titles := columnTitles(t, fset, lit)
					if len(titles) == 0 {
						t.Errorf("%s: found no titles in %s", fset.Position(name.Pos()), name.Name)
					}
					keys = append(keys, titles...)
				}
			}
			return true
		})
	}
	for _, name := range columnTables {
		if !tables[name] {
			t.Errorf("column table %s not found in %s", name, dir)
		}
	}
	return keys, dynamic
}

// constString returns the value of a string literal, or of a constant
// concatenation of string literals.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return constString(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := constString(e.X)
		y, ok2 := constString(e.Y)
		return x + y, ok1 && ok2
	}
	return "", false
}

// isColumnTitle reports whether e is table[i].title for one of the column
// tables, whose titles are collected from the tables themselves.
func isColumnTitle(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "title" && sel.Sel.Name != "Title") {
		return false
	}
	if idx, ok := sel.X.(*ast.IndexExpr); ok {
		if id, ok := idx.X.(*ast.Ident); ok {
			return slices.Contains(columnTables, id.Name)
		}
	}
	return false
}

// columnTitles returns the title field of every element of a table literal
// of the form []column{{"…", …}, {title: "…", …}} (column's first field is
// the title) or []struct{title string; …}{…}.
func columnTitles(t *testing.T, fset *token.FileSet, lit *ast.CompositeLit) []uiKey {
	t.Helper()
	titleIndex := -1
	if at, ok := lit.Type.(*ast.ArrayType); ok {
		if id, ok := at.Elt.(*ast.Ident); ok && id.Name == "Column" {
			titleIndex = 0
		}
		if sel, ok := at.Elt.(*ast.SelectorExpr); ok && sel.Sel.Name == "Column" {
			titleIndex = 0
		}
		if st, ok := at.Elt.(*ast.StructType); ok {
			i := 0
			for _, field := range st.Fields.List {
				if len(field.Names) == 0 { // embedded
					i++
				}
				for _, n := range field.Names {
					if n.Name == "title" {
						titleIndex = i
					}
					i++
				}
			}
		}
	}
	var out []uiKey
	for _, elt := range lit.Elts {
		row, ok := elt.(*ast.CompositeLit)
		if !ok {
			t.Errorf("%s: column is not a composite literal", fset.Position(elt.Pos()))
			continue
		}
		var title ast.Expr
		for i, v := range row.Elts {
			if kv, ok := v.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && (id.Name == "title" || id.Name == "Title") {
					title = kv.Value
				}
			} else if i == titleIndex {
				title = v
			}
		}
		if title == nil {
			t.Errorf("%s: column without a title", fset.Position(row.Pos()))
			continue
		}
		s, ok := constString(title)
		if !ok {
			t.Errorf("%s: column title is not a string literal", fset.Position(title.Pos()))
			continue
		}
		out = append(out, uiKey{s, fset.Position(title.Pos()).String()})
	}
	return out
}

// TestCatalogCoversUI fails when a text the ui package translates is not in
// the message table, or lacks a translation in one of the languages.
func TestCatalogCoversUI(t *testing.T) {
	keys, dynamic := collectUIKeys(t, ".")
	if len(keys) == 0 {
		t.Fatal("no message keys found in the ui sources")
	}
	for _, pos := range dynamic {
		t.Logf("%s: T called with a key that is not a constant string; it is not checked", pos)
	}
	missing := i18n.Missing()
	seen := map[string]bool{}
	var notInTable []string
	byLang := map[i18n.Lang][]string{}
	for _, k := range keys {
		if seen[k.key] {
			continue
		}
		seen[k.key] = true
		if !i18n.HasKey(k.key) {
			notInTable = append(notInTable, strconv.Quote(k.key)+" ("+k.pos+")")
			continue
		}
		for l, ks := range missing {
			if _, found := slices.BinarySearch(ks, k.key); found {
				byLang[l] = append(byLang[l], strconv.Quote(k.key))
			}
		}
	}
	if len(notInTable) > 0 {
		sort.Strings(notInTable)
		t.Errorf("%d of %d ui keys are not in the message table (i18n/locales/en.json):\n\t%s",
			len(notInTable), len(seen), strings.Join(notInTable, "\n\t"))
	}
	for _, l := range i18n.Supported {
		if ks := byLang[l]; len(ks) > 0 {
			sort.Strings(ks)
			t.Errorf("%d ui keys have no %s (%s) translation:\n\t%s",
				len(ks), l, l.NativeName(), strings.Join(ks, "\n\t"))
		}
	}
}

// TestCatalogCollector checks the collector itself on a small source.
func TestCatalogCollector(t *testing.T) {
	dir := t.TempDir()
	src := `package x

var rateColumns = []struct {
	width float32
	title string
}{{110, "Prefix"}, {width: 1, title: "Desc" + "ription"}}
var exchangeColumns = []struct{ title string }{{"Currency"}}
var historyColumns = []struct{ title string }{{title: "Date"}}
var paymentColumns = []struct{ title string }{{"Customer"}}
var accountColumns = []struct{ title string }{{"Username"}}
var callColumns = []struct{ title string }{{"Start"}}
var totalColumns = []struct{ title string }{{"Minutes"}}
var previewColumns = []struct{ title string }{{"Line"}}
var importColumns = []struct{ title string }{{"When"}}
var marginColumns = []struct{ title string }{{"Margin"}}

func f(tr, c, w any, n int) {
	tr.T("One")
	c.tr.T("Two %d", n)
	w.c.tr.T(("Three"))
	tr.T(rateColumns[0].title)
	tr.T(someVar)
	T("not a method")
	tr.Other("not T")
}
`
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x_test.go"), []byte("package x\nfunc g() { tr.T(\"test only\") }\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, dynamic := collectUIKeys(t, dir)
	var got []string
	for _, k := range keys {
		got = append(got, k.key)
	}
	sort.Strings(got)
	want := []string{"Currency", "Customer", "Date", "Description", "Line", "Margin", "Minutes", "One", "Prefix", "Start", "Three", "Two %d", "Username", "When"}
	if !slices.Equal(got, want) {
		t.Errorf("keys = %q, want %q", got, want)
	}
	if len(dynamic) != 1 {
		t.Errorf("dynamic = %v, want one place (someVar)", dynamic)
	}
}
