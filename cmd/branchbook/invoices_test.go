package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
)

// setCompanies saves the company details of the named customers of the
// figure ("Root" among them).
func setCompanies(t *testing.T, db string, f *storage.Figure, names ...string) {
	t.Helper()
	s, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for _, n := range names {
		sess := f.Sessions[n]
		if n == "Root" {
			if sess, err = s.RootSession(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.SetCompany(ctx, sess, model.Company{LegalName: n + " Telecom", InvoicePrefix: n + "-", Paper: model.PaperA4}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestInvoicesIssueFigure: on the figure after its calls, the root's run
// fails for A and B while the root has no company details; A's run for
// December issues C's invoice (the figure's calls at C's cost,
// docs/rating.md: 0.26 in lines, 0.25 due after the rounding line, no
// tax) with its PDF (D had no calls: no invoice), and a second run
// issues nothing twice.
func TestInvoicesIssueFigure(t *testing.T) {
	t.Setenv("LANG", "C")
	db, f := figureDB(t)
	var out, errOut bytes.Buffer
	if code := run([]string{"calls", "import", "--db", db, figureFile(t, t.TempDir())}, &out, &errOut); code != exitImported {
		t.Fatalf("import: exit %d\n%s", code, errOut.String())
	}

	out.Reset()
	errOut.Reset()
	code := run([]string{"invoices", "issue", "--db", db, "--period", "2026-12"}, &out, &errOut)
	if code != exitInvoiceFailed || !strings.Contains(out.String(), "0 issued, 0 skipped (already invoiced), 2 failed") ||
		!strings.Contains(errOut.String(), "branchbook: A:") {
		t.Errorf("root without details: exit %d\nstdout %s\nstderr %s", code, out.String(), errOut.String())
	}

	setCompanies(t, db, f, "Root", "A")
	dir := t.TempDir()
	t.Setenv(passwordEnv, storage.FigurePassword)
	login := "fig.A"
	issue := func() (int, string) {
		out.Reset()
		errOut.Reset()
		code := run([]string{"invoices", "issue", "--db", db, "--period", "2026-12", "--as", login, "--out", dir}, &out, &errOut)
		return code, out.String() + errOut.String()
	}
	code, text := issue()
	t.Logf("first run:\n%s", text)
	if code != exitInvoiced || !strings.Contains(text, "2026-12: 1 issued, 0 skipped (already invoiced), 0 failed; 1 PDF files written") ||
		!strings.Contains(text, "issued A-1 to C: EUR 0.25") {
		t.Errorf("first run: exit %d\n%s", code, text)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) != 1 || filepath.Base(files[0]) != "invoice-A-1.pdf" {
		t.Fatalf("PDFs: %v", files)
	}
	for _, p := range files {
		if b, _ := os.ReadFile(p); !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Errorf("%s is no PDF", p)
		}
	}
	code, text = issue()
	if code != exitInvoiced || !strings.Contains(text, "0 issued, 1 skipped (already invoiced), 0 failed") {
		t.Errorf("second run: exit %d\n%s", code, text)
	}
}

func TestInvoicesIssueUsage(t *testing.T) {
	t.Setenv("LANG", "C")
	t.Setenv(passwordEnv, "")
	db, _ := figureDB(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"invoices"}, "branchbook invoices issue --db PATH"},
		{[]string{"invoices", "issue", "--period", "2026-11"}, "give --db PATH"},
		{[]string{"invoices", "issue", "--db", db}, "give --period YYYY-MM"},
		{[]string{"invoices", "issue", "--db", db, "--period", "November"}, `--period "November" is not a month`},
		{[]string{"invoices", "issue", "--db", db, "--period", "2026-11", "--as", "fig.A"}, "BRANCHBOOK_PASSWORD"},
		{[]string{"invoices", "issue", "--db", db, "--period", "2026-11", "--out", filepath.Join(db, "nope")}, "is not a folder"},
	} {
		var out, errOut bytes.Buffer
		if code := run(tt.args, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%q: exit %d, stderr %s", tt.args, code, errOut.String())
		}
	}
}
