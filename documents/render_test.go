package documents

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// TestRenderSamples writes the samples to $BRANCHBOOK_DOCS_OUT, to look at.
func TestRenderSamples(t *testing.T) {
	dir := os.Getenv("BRANCHBOOK_DOCS_OUT")
	if dir == "" {
		t.Skip("BRANCHBOOK_DOCS_OUT not set")
	}
	for _, lang := range []string{"en", "de", "fr", "ru", "zh-Hans"} {
		var b bytes.Buffer
		if err := InvoicePDF(&b, figureInvoice(lang)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "invoice-"+lang+".pdf"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRenderLongSample(t *testing.T) {
	dir := os.Getenv("BRANCHBOOK_DOCS_OUT")
	if dir == "" {
		t.Skip("BRANCHBOOK_DOCS_OUT not set")
	}
	inv := batchInvoice(7, "en")
	for len(inv.Lines) < 110 {
		inv.Lines = append(inv.Lines, inv.Lines[len(inv.Lines)%20])
	}
	inv.Lines[3].Description = "A debit with a long description that has to wrap onto a second line of the table because it does not fit in the column"
	inv.Lines[3].Kind = model.EntryDebit
	inv.Notes = "Thank you for your business."
	var b bytes.Buffer
	if err := InvoicePDF(&b, inv); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "invoice-long.pdf"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRenderStatementSample(t *testing.T) {
	dir := os.Getenv("BRANCHBOOK_DOCS_OUT")
	if dir == "" {
		t.Skip("BRANCHBOOK_DOCS_OUT not set")
	}
	for _, lang := range []string{"en", "ru"} {
		var b bytes.Buffer
		if err := StatementPDF(&b, figureStatement(), Format{Lang: i18n.Lang(lang), Zone: "Europe/Berlin", Paper: model.PaperLetter}); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "statement-"+lang+".pdf"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
