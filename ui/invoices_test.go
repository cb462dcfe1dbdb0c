package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/documents"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/invoices"
)

// invoiceFigure is the manual's figure after the import of its 20 calls,
// with a window signed in as A.
func invoiceFigure(t *testing.T) (*Controller, *storage.Store, *storage.Figure) {
	t.Helper()
	store := openStore(t)
	ctx := context.Background()
	fig, err := storage.SetUpFigure(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.ImportCalls(ctx, fig.Sessions["Root"], model.CallImportInput{FileName: "figure20.csv", Layout: "branchbook",
		Source: &storage.RecordSource{Records: storage.FigureCalls()}}); err != nil {
		t.Fatal(err)
	}
	c := newTestController(t, store)
	c.enter(fig.Sessions["A"])
	return c, store, fig
}

// TestInvoiceThroughTheWindow: A fills in its company, drafts and issues
// an invoice to C for November and December through the dialog, finds it
// in Reports → Invoices, and a credit note from there lowers what C owes.
func TestInvoiceThroughTheWindow(t *testing.T) {
	c, store, fig := invoiceFigure(t)
	ctx := context.Background()

	// Customer → My company…: a store error shows next to its field.
	c.showMyCompany()
	f := c.company
	if f == nil || uitest.OpenForm(c.win) == nil {
		t.Fatal("My company… opened no form")
	}
	f.LegalName.SetText("A Networks GmbH")
	f.Address.SetText("Street 1\nBerlin")
	f.Prefix.SetText("A-")
	f.Terms.SetText("14")
	f.TaxName.SetText("VAT")
	f.TaxRate.SetText("20")
	f.Email.SetText("not an address")
	f.Dialog.Submit(true)
	if got := f.Dialog.Form.ErrorText("email"); got == "" {
		t.Fatal("a wrong e-mail address shows no error under its field")
	}
	f.Email.SetText("billing@a.example")
	f.Dialog.Submit(true)
	if uitest.OpenForm(c.win) != nil {
		t.Fatalf("My company did not save: %q", f.Dialog.Form.ErrorText(""))
	}
	saved, err := store.Company(ctx, c.session, fig.Customers["A"])
	if err != nil || saved.LegalName != "A Networks GmbH" || !saved.TaxRate.Equal(decimal.NewFromInt(20)) || saved.PaymentTermsDays != 14 {
		t.Fatalf("company saved as %+v, %v", saved, err)
	}

	// Customer → Invoice… for C.
	c.customers.Reveal(fig.Customers["C"])
	c.showInvoiceDraft()
	d := c.draft
	if d == nil {
		t.Fatal("Invoice… opened no draft")
	}
	d.Period.From.SetText(c.tr.Date(day(t, "2026-11-01"), c.zone()))
	d.Period.To.SetText(c.tr.Date(day(t, "2026-12-31"), c.zone()))
	d.Refresh()
	draft := d.Preview.Invoice()
	if len(draft.Lines) != 7 || !draft.Total.Equal(decimal.RequireFromString("0.31")) ||
		!draft.AmountDue.Equal(decimal.RequireFromString("0.30")) {
		t.Fatalf("draft: %d lines, total %s, due %s; message %q", len(draft.Lines), draft.Total, draft.AmountDue, d.Message.Text)
	}
	if !strings.Contains(d.Preview.Totals.Text, "Amount due") || !strings.Contains(d.Preview.Totals.Text, "Rounding") {
		t.Errorf("preview totals: %q", d.Preview.Totals.Text)
	}
	// Issue asks first; Escape there issues nothing.
	d.AskIssue()
	pressIn(c.win, fyne.KeyEscape)
	if page, _ := store.Invoices(ctx, c.session, model.InvoiceQuery{Limit: 10}); page.Total != 0 {
		t.Fatal("Escape on the question issued the invoice")
	}
	d.AskIssue()
	pressIn(c.win, fyne.KeyReturn)
	inv := d.Issued
	if inv.Number != "A-1" || inv.Status != model.StatusOpen {
		t.Fatalf("issued %+v", inv)
	}
	if !strings.Contains(topLabelText(c.win), "Invoice A-1") {
		t.Errorf("the issued invoice is not shown: %q", topLabelText(c.win))
	}
	clearOverlays(c.win)

	// Issuing the same period again is refused, in words.
	c.showInvoiceDraft()
	d = c.draft
	d.Period.From.SetText(c.tr.Date(day(t, "2026-12-01"), c.zone()))
	d.Period.To.SetText(c.tr.Date(day(t, "2026-12-31"), c.zone()))
	d.Refresh()
	d.AskIssue()
	pressIn(c.win, fyne.KeyReturn)
	if !d.Message.Visible() || !strings.Contains(d.Message.Text, "overlaps") {
		t.Errorf("an overlapping period: message %q", d.Message.Text)
	}
	clearOverlays(c.win)

	// Reports → Invoices lists it; a credit note from there.
	c.showInvoices()
	l := c.invoiceList
	if len(l.Page().Invoices) != 1 || l.Page().Invoices[0].Number != "A-1" {
		t.Fatalf("Reports → Invoices lists %+v", l.Page())
	}
	balance := func() decimal.Decimal {
		row, err := store.Row(ctx, c.session, fig.Customers["C"])
		if err != nil {
			t.Fatal(err)
		}
		return row.Balance
	}
	// What C owes before the next period's lines, as the next invoice's
	// draft shows it: its previous balance less the payments (a credit
	// note booked after the invoice counts with them).
	nextPrevious := func() decimal.Decimal {
		c.showInvoiceDraft()
		d := c.draft
		d.Period.From.SetText(c.tr.Date(day(t, "2027-01-01"), c.zone()))
		d.Period.To.SetText(c.tr.Date(day(t, "2027-01-31"), c.zone()))
		d.Refresh()
		clearOverlays(c.win)
		inv := d.Preview.Invoice()
		return inv.Previous.Sub(inv.Payments)
	}
	before, owed := balance(), nextPrevious()
	l.Select(0)
	test.Tap(l.Credit)
	fd := uitest.OpenForm(l.Win)
	if fd == nil {
		t.Fatal("Credit note… opened no form")
	}
	fd.Form.Entry("amount").SetText("0.10")
	fd.Form.Entry("reason").SetText("goodwill")
	fd.Submit(true)
	pressIn(l.Win, fyne.KeyReturn) // the question
	if after := balance(); !after.Sub(before).Equal(decimal.RequireFromString("0.10")) {
		t.Errorf("C's balance %s → %s after a credit note of 0.10", before, after)
	}
	if page := l.Page(); page.Total != 2 {
		t.Fatalf("after the credit note the list holds %d documents", page.Total)
	}
	got, err := store.Invoice(ctx, c.session, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if now := nextPrevious(); !owed.Sub(now).Equal(decimal.RequireFromString("0.10")) {
		t.Errorf("the next invoice's previous balance less payments %s → %s after a credit note of 0.10", owed, now)
	}
	if !got.Credited.Equal(decimal.RequireFromString("0.10")) {
		t.Errorf("the invoice says %s credited, want 0.10", got.Credited)
	}
	if !sameInvoice(got, inv) {
		t.Errorf("the issued invoice changed: %+v", got)
	}

	// Save PDF writes a PDF file.
	path := filepath.Join(t.TempDir(), "A-1.pdf")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := documents.InvoicePDF(out, got); err != nil {
		t.Fatal(err)
	}
	out.Close()
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "%PDF") {
		t.Error("no PDF written")
	}
	l.Win.Close()
}

// day is a date at midnight UTC.
func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestStatementAndBatchThroughTheWindow: A's statement of C for November
// shows C's calls between the balances; the batch then invoices A's
// customers for December (C: D had no calls) and, run again, issues
// nothing twice.
func TestStatementAndBatchThroughTheWindow(t *testing.T) {
	c, store, fig := invoiceFigure(t)
	ctx := context.Background()
	if _, err := store.SetCompany(ctx, c.session, model.Company{LegalName: "A Networks GmbH", InvoicePrefix: "A-", Paper: model.PaperA4}); err != nil {
		t.Fatal(err)
	}
	c.customers.Reveal(fig.Customers["C"])
	c.showStatement()
	s := c.statement
	s.Period.From.SetText(c.tr.Date(day(t, "2026-11-01"), c.zone()))
	s.Period.To.SetText(c.tr.Date(day(t, "2026-12-31"), c.zone()))
	s.Reload()
	st := s.Statement()
	if len(st.Lines) == 0 || st.Currency != "EUR" {
		t.Fatalf("statement: %+v (%q)", st, s.Head.Text)
	}
	sum := st.Opening
	for _, l := range st.Lines {
		sum = sum.Add(l.Amount)
	}
	if !sum.Equal(st.Closing) {
		t.Errorf("opening %s and the lines make %s, closing %s", st.Opening, sum, st.Closing)
	}
	if !strings.Contains(s.Foot.Text, "Closing balance") {
		t.Errorf("foot %q", s.Foot.Text)
	}
	var csv strings.Builder
	if err := invoices.WriteStatement(&csv, st, s.Format(model.PaperA4), ".csv"); err != nil || !strings.Contains(csv.String(), "EUR") {
		t.Errorf("statement CSV: %v\n%s", err, csv.String())
	}
	clearOverlays(c.win)

	dir := t.TempDir()
	run := func() string {
		c.showInvoiceBatch()
		b := c.batch
		b.Period.From.SetText(c.tr.Date(day(t, "2026-12-01"), c.zone()))
		b.Period.To.SetText(c.tr.Date(day(t, "2026-12-31"), c.zone()))
		b.Folder.SetText(dir)
		b.AskStart()
		pressIn(c.win, fyne.KeyReturn)
		if b.Done == nil {
			t.Fatal("the batch did not run")
		}
		text := b.Result.Text
		clearOverlays(c.win)
		return text
	}
	first := run()
	t.Logf("first batch: %s", first)
	if !strings.Contains(first, "Issued: 1.") {
		t.Errorf("first batch: %s", first)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) != 1 {
		t.Errorf("PDFs written: %v", files)
	}
	second := run()
	if !strings.Contains(second, "Issued: 0. Skipped (already invoiced): 1.") {
		t.Errorf("second batch: %s", second)
	}
}

// sameInvoice compares what an issued invoice prints.
func sameInvoice(a, b model.Invoice) bool {
	return a.Number == b.Number && a.Total.Equal(b.Total) && a.AmountDue.Equal(b.AmountDue) && len(a.Lines) == len(b.Lines)
}
