package access

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// storageAuditCodes parses the storage sources and returns every action
// code they write to the audit log: the action argument of audit, s.audit
// and auditSignIn when it is a string literal, and for "entry." + kind one
// code per entry kind.
func storageAuditCodes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "storage", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no storage sources: %v", err)
	}
	// The position of the action among each writer's arguments.
	actionArg := map[string]int{"audit": 3, "auditSignIn": 2}
	var codes []string
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("parse %s: %v", path, err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			i, ok := actionArg[name]
			if !ok || len(call.Args) <= i {
				return true
			}
			switch arg := call.Args[i].(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(arg.Value); err == nil {
					codes = append(codes, s)
				}
			case *ast.BinaryExpr:
				if lit, ok := arg.X.(*ast.BasicLit); ok && lit.Value == `"entry."` {
					for _, k := range []model.EntryKind{model.EntryOpening, model.EntryAddFunds,
						model.EntryCredit, model.EntryDebit, model.EntryReversal} {
						codes = append(codes, "entry."+string(k))
					}
					return true
				}
				if more, ok := holderActions(arg); ok {
					codes = append(codes, more...)
					return true
				}
				t.Errorf("%s: an audit action the test cannot read", fset.Position(arg.Pos()))
			}
			return true
		})
	}
	return codes
}

// TestAuditActionsNamed fails when storage writes an audit action the
// audit log window shows only as its code.
func TestAuditActionsNamed(t *testing.T) {
	codes := storageAuditCodes(t)
	if len(codes) < 15 {
		t.Fatalf("found only %d audit codes in storage: %q", len(codes), codes)
	}
	tr := i18n.New(i18n.German)
	for _, code := range codes {
		if got := AuditAction(tr, code); got == code {
			t.Errorf("audit action %q has no name", code)
		}
	}
	if got := AuditAction(tr, "something.new"); got != "something.new" {
		t.Errorf("an unknown code shows as %q", got)
	}
	if got := AuditAction(tr, "entry.add_funds"); got != "Einzahlung" {
		t.Errorf("entry.add_funds in German: %q", got)
	}
	if got := AuditAction(tr, "entry.other"); got != "entry.other" {
		t.Errorf("an unknown entry kind shows as %q", got)
	}
}

// holderActions reads storage's shared create / delete / restore path for
// customers and accounts, which writes k.action + ".create" and
// k.action + event (".delete" or ".restore").
func holderActions(e *ast.BinaryExpr) ([]string, bool) {
	sel, ok := e.X.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "action" {
		return nil, false
	}
	var suffixes []string
	switch y := e.Y.(type) {
	case *ast.BasicLit:
		s, err := strconv.Unquote(y.Value)
		if err != nil {
			return nil, false
		}
		suffixes = []string{s}
	case *ast.Ident:
		if y.Name != "event" {
			return nil, false
		}
		suffixes = []string{".delete", ".restore"}
	default:
		return nil, false
	}
	var out []string
	for _, kind := range []string{"customer", "account"} {
		for _, s := range suffixes {
			out = append(out, kind+s)
		}
	}
	return out, true
}
