package calltext

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/cdr"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/rating"
)

// reasonConsts returns the values of the string constants of type Reason
// declared in a source file, by the doc comment of their const block, so
// a reason added to the file is tested without anyone listing it here.
func reasonConsts(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		doc := ""
		if g.Doc != nil {
			doc = g.Doc.Text()
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Reason" {
				continue
			}
			for _, val := range v.Values {
				if lit, ok := val.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatalf("%s: %v", lit.Value, err)
					}
					out[doc] = append(out[doc], s)
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no reasons found in %s", path)
	}
	return out
}

// checkTranslated fails unless text is a message of its own in every
// language: not the code, not a broken format, and not English outside
// English.
func checkTranslated(t *testing.T, what string, text func(tr *i18n.Translator) string) {
	t.Helper()
	english := text(i18n.New(i18n.English))
	for _, l := range i18n.Supported {
		got := text(i18n.New(l))
		switch {
		case got == "" || strings.Contains(got, "%!") || strings.Contains(got, "reason:"):
			t.Errorf("%s in %s: %q", what, l, got)
		case l != i18n.English && got == english:
			t.Errorf("%s has no %s translation: %q", what, l, got)
		}
	}
}

func TestEveryRatingReasonHasAMessageInEveryLanguage(t *testing.T) {
	n := 0
	for _, codes := range reasonConsts(t, "../../rating/reason.go") {
		for _, code := range codes {
			n++
			if got := Reason(i18n.New(i18n.English), rating.Reason(code)); got == code {
				t.Errorf("rating reason %q has no message", code)
			}
			checkTranslated(t, "rating reason "+code, func(tr *i18n.Translator) string { return Reason(tr, rating.Reason(code)) })
		}
	}
	if n < 13 {
		t.Fatalf("found %d rating reasons", n)
	}
}

// params gives every parameter a cdr refusal may carry.
func params(r cdr.Reason) map[string]any {
	return map[string]any{"reason": r, "max": cdr.MaxLineLen, "fields": 3, "want": 16, "layout": cdr.FreeSWITCH,
		"column": "billed_seconds", "duration": 10, "whole": true, "min": 0}
}

func TestEveryCDRReasonHasAMessageInEveryLanguage(t *testing.T) {
	var file, row int
	for doc, codes := range reasonConsts(t, "../../cdr/errors.go") {
		whole := strings.Contains(doc, "whole file")
		for _, code := range codes {
			r := cdr.Reason(code)
			if whole {
				file++
				err := &model.Error{Code: model.CodeInvalid, Field: cdr.FieldFile, Params: params(r)}
				checkTranslated(t, "file refusal "+code, func(tr *i18n.Translator) string {
					text, ok := Refusal(tr, err)
					if !ok {
						return ""
					}
					return text
				})
				continue
			}
			row++
			err := &cdr.RowError{Line: 47, Err: &model.Error{Code: model.CodeInvalid, Field: cdr.FieldBilled, Params: params(r)}}
			checkTranslated(t, "row reason "+code, func(tr *i18n.Translator) string {
				text, ok := Refusal(tr, err)
				if !ok || !strings.Contains(text, "47") || strings.Contains(text, err.Err.Error()) {
					return ""
				}
				return text
			})
		}
	}
	if file < 8 || row < 14 {
		t.Fatalf("found %d file and %d row reasons", file, row)
	}
}

func TestFieldsAndLayouts(t *testing.T) {
	for _, f := range []string{cdr.FieldCallID, cdr.FieldAccount, cdr.FieldCaller, cdr.FieldCalled, cdr.FieldStart,
		cdr.FieldBilled, cdr.FieldAnswered, cdr.FieldDuration} {
		if Field(i18n.New(i18n.English), f) == f {
			t.Errorf("field %s has no title", f)
		}
	}
	for _, l := range cdr.Layouts {
		if Layout(l) == string(l) {
			t.Errorf("layout %s has no name", l)
		}
	}
	tr := i18n.New(i18n.English)
	err := &model.Error{Code: model.CodeInvalid, Field: cdr.FieldFile, Params: params(cdr.ReasonNotLayout)}
	if text, _ := Refusal(tr, err); text != "The file is not a FreeSWITCH call file." {
		t.Errorf("not_layout: %q", text)
	}
	row := &cdr.RowError{Line: 3, Err: &model.Error{Code: model.CodeRequired, Field: cdr.FieldStart, Params: params(cdr.ReasonRequired)}}
	if text := RowError(i18n.New("de"), row); text != "Zeile 3: Das Feld „Beginn“ ist leer." {
		t.Errorf("required in German: %q", text)
	}
	if text, _ := Refusal(tr, &model.Error{Code: model.CodeInvalid, Field: cdr.FieldFile, Params: params(cdr.ReasonFirstLineLong)}); !strings.Contains(text, "64 KiB") {
		t.Errorf("first_line_long: %q", text)
	}
	if _, ok := Refusal(tr, model.FieldError("name", model.CodeRequired, nil)); ok {
		t.Error("a model error of another field is not a refusal")
	}
}

// TestKeysAreInTheTable checks every text this package translates is in
// the message table with a translation in every language.
func TestKeysAreInTheTable(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "calltext.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	missing := i18n.Missing()
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		call, ok := node.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "T" || len(call.Args) == 0 {
			return true
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok {
			t.Errorf("T with a key that is not a literal")
			return true
		}
		key, err := strconv.Unquote(lit.Value)
		if err != nil {
			t.Fatalf("%s: %v", lit.Value, err)
		}
		n++
		if !i18n.HasKey(key) {
			t.Errorf("%q is not in i18n/locales/en.json", key)
		}
		for l, keys := range missing {
			if _, found := slices.BinarySearch(keys, key); found {
				t.Errorf("%q has no %s translation", key, l)
			}
		}
		return true
	})
	if n < 40 {
		t.Fatalf("found %d keys", n)
	}
}
