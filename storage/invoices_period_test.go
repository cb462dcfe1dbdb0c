package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// lineAmounts maps an invoice's lines to their printed amounts: a calls
// line by its prefix, a late line by its kind, any other by its
// description.
func lineAmounts(inv model.Invoice) map[string]string {
	out := map[string]string{}
	for _, l := range inv.Lines {
		key := l.Prefix
		switch {
		case l.Late != "":
			key = "late " + string(l.Late)
		case l.Kind != model.EntryCalls:
			key = string(l.Kind) + " " + l.Description
		}
		out[key] = l.Amount.String()
	}
	return out
}

func sameAmounts(got map[string]string, want map[string]string) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

// importLate imports, as the root, calls of c-desk that started at the
// given times, each to the figure's first destination (4420, 95 s: 0.0192
// EUR at C's level).
func importLate(t *testing.T, s *Store, f *Figure, ids []string, starts ...string) model.CallImportResult {
	t.Helper()
	var recs []model.CallRecord
	for i, at := range starts {
		start, err := time.Parse(time.RFC3339, at)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, model.CallRecord{ID: ids[i], Account: "c-desk", Called: "+44 20 7946 0018", Start: start,
			Answered: true, Seconds: 95, Line: i + 2})
	}
	res, err := s.ImportCalls(context.Background(), f.Sessions["Root"], model.CallImportInput{FileName: "late.csv",
		Layout: "branchbook", Source: &RecordSource{Records: recs}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestInvoiceBillsCallsByWhenTheyWereMade: the figure's calls (30 November
// and 1 December) were imported on 2 December. November's invoice, issued
// then, holds the two calls of 30 November; December's holds the rest, and
// its previous balance is what November's asked, tax included.
func TestInvoiceBillsCallsByWhenTheyWereMade(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	a, c := f.Sessions["A"], f.Holder("C")
	nov := model.InvoiceInput{Recipient: c, From: day("2026-11-01"), To: day("2026-12-01")}
	inv, err := s.IssueInvoice(ctx, a, nov)
	if err != nil {
		t.Fatal(err)
	}
	// Rows 1 and 2: 4420 0.0192, 447 0.035; 0.0542 in the ledger.
	if got := lineAmounts(inv); !sameAmounts(got, map[string]string{"4420": "0.02", "447": "0.04"}) {
		t.Errorf("November's lines: %v", got)
	}
	if !inv.Subtotal.Equal(dec("0.06")) || !inv.Tax.Equal(dec("0.01")) || !inv.Previous.IsZero() ||
		!inv.AmountDue.Equal(dec("0.06")) {
		t.Errorf("November: subtotal %s tax %s previous %s due %s", inv.Subtotal, inv.Tax, inv.Previous, inv.AmountDue)
	}
	// Issuing booked the tax on C, so the ledger owes what the invoice asks.
	var balance int64
	if err := s.db.QueryRow(`SELECT balance_micros FROM customers WHERE id = ?`, c.Customer).Scan(&balance); err != nil {
		t.Fatal(err)
	}
	if got := model.FromMicros(balance); !got.Equal(dec("-0.2625")) {
		t.Errorf("C's balance after November's invoice: %s, want -(0.2525 + 0.01)", got)
	}
	clock(s, "2027-01-02T08:00:00Z")
	dec1 := model.InvoiceInput{Recipient: c, From: day("2026-12-01"), To: day("2027-01-01")}
	d, err := s.DraftInvoice(ctx, a, dec1)
	if err != nil {
		t.Fatal(err)
	}
	// Rows 3 to 9: 1 0.09, 33 0.0198, 336 0.048, 44 0, 447 0.0325, 49 0.008.
	want := map[string]string{"1": "0.09", "33": "0.02", "336": "0.05", "44": "0", "447": "0.03", "49": "0.01"}
	if got := lineAmounts(d); !sameAmounts(got, want) {
		t.Errorf("December's lines: %v, want %v", got, want)
	}
	// Previous: 0.0542 of calls and 0.01 of tax, 0.0642 → 0.06; due:
	// 0.0642 + 0.1983 = 0.2625 → 0.26, plus 20 % of 0.20.
	if !d.Previous.Equal(dec("0.06")) || !d.Subtotal.Equal(dec("0.20")) || !d.Tax.Equal(dec("0.04")) ||
		!d.AmountDue.Equal(dec("0.30")) {
		t.Errorf("December: previous %s subtotal %s tax %s due %s", d.Previous, d.Subtotal, d.Tax, d.AmountDue)
	}
	// A period before the last invoice's is refused, with the day to
	// start from; one overlapping it too.
	oct := model.InvoiceInput{Recipient: c, From: day("2026-10-01"), To: day("2026-11-01")}
	if _, err := s.DraftInvoice(ctx, a, oct); model.CodeOf(err) != model.CodeOutOfRange {
		t.Errorf("October after November: %v", err)
	} else if fe := model.FieldErrors(err); len(fe) != 1 || fe[0].Params["after"] != day("2026-12-01") {
		t.Errorf("October after November: %+v", fe)
	}
	if _, err := s.IssueInvoice(ctx, a, oct); model.CodeOf(err) != model.CodeOutOfRange {
		t.Errorf("issuing October after November: %v", err)
	}
	late := model.InvoiceInput{Recipient: c, From: day("2026-11-15"), To: day("2026-12-15")}
	if _, err := s.DraftInvoice(ctx, a, late); model.CodeOf(err) != model.CodeDuplicate {
		t.Errorf("a period overlapping November's: %v", err)
	}
}

// TestLateCallsAreOnTheNextInvoice: calls of November imported after
// November's invoice was issued are a line of December's; an import undone
// after it was invoiced is credited back there; an import booked and undone
// between two invoices is on neither.
func TestLateCallsAreOnTheNextInvoice(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	a, c := f.Sessions["A"], f.Holder("C")
	nov := model.InvoiceInput{Recipient: c, From: day("2026-11-01"), To: day("2026-12-01")}
	if _, err := s.IssueInvoice(ctx, a, nov); err != nil {
		t.Fatal(err)
	}
	clock(s, "2026-12-05T08:00:00Z")
	importLate(t, s, f, []string{"late-1", "late-2"}, "2026-11-29T10:00:00Z", "2026-11-29T11:00:00Z")
	// A file booked and undone before December's invoice: on neither.
	gone := importLate(t, s, f, []string{"gone-1"}, "2026-11-28T10:00:00Z")
	if err := s.UndoCallImport(ctx, f.Sessions["Root"], gone.Import.ID, "wrong file"); err != nil {
		t.Fatal(err)
	}
	clock(s, "2027-01-02T08:00:00Z")
	dec1 := model.InvoiceInput{Recipient: c, From: day("2026-12-01"), To: day("2027-01-01")}
	d, err := s.DraftInvoice(ctx, a, dec1)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"1": "0.09", "33": "0.02", "336": "0.05", "44": "0", "447": "0.03", "49": "0.01",
		"late booked": "0.04"}
	if got := lineAmounts(d); !sameAmounts(got, want) {
		t.Errorf("December's lines: %v, want %v", got, want)
	}
	for _, l := range d.Lines {
		if l.Late == model.LateBooked && (l.Calls != 2 || l.Seconds != 2*96) {
			t.Errorf("the late line: %+v", l)
		}
	}
	// November's previous is unchanged: 0.0642 → 0.06. Due: 0.0642 +
	// 0.1983 + 0.0384 = 0.3009 → 0.30, plus 20 % of 0.24.
	if !d.Previous.Equal(dec("0.06")) || !d.Subtotal.Equal(dec("0.24")) || !d.AmountDue.Equal(dec("0.35")) {
		t.Errorf("December: previous %s subtotal %s due %s", d.Previous, d.Subtotal, d.AmountDue)
	}
	issued, err := s.IssueInvoice(ctx, a, dec1)
	if err != nil {
		t.Fatal(err)
	}
	// The figure's file is undone in January, after both invoices: its
	// calls were billed, so January's invoice credits them back, all
	// eight, and the late file stays billed.
	clock(s, "2027-01-10T08:00:00Z")
	imports, err := s.CallImports(ctx, f.Sessions["Root"], 10)
	if err != nil {
		t.Fatal(err)
	}
	var figure model.ID
	for _, im := range imports {
		if im.FileName == "figure20.csv" {
			figure = im.ID
		}
	}
	if err := s.UndoCallImport(ctx, f.Sessions["Root"], figure, "sent twice"); err != nil {
		t.Fatal(err)
	}
	clock(s, "2027-02-02T08:00:00Z")
	jan := model.InvoiceInput{Recipient: c, From: day("2027-01-01"), To: day("2027-02-01")}
	j, err := s.DraftInvoice(ctx, a, jan)
	if err != nil {
		t.Fatal(err)
	}
	if got := lineAmounts(j); !sameAmounts(got, map[string]string{"late undone": "-0.25"}) {
		t.Errorf("January's lines: %v", got)
	}
	for _, l := range j.Lines {
		if l.Calls != 8 {
			t.Errorf("the undone line: %+v", l)
		}
	}
	// What C owes adds up across the three: December asked 0.3009 +
	// 0.048 of tax; 0.2525 is credited back, with 20 % of 0.25 off.
	if !j.Previous.Equal(dec("0.35")) || !j.AmountDue.Equal(dec("0.05")) {
		t.Errorf("January: previous %s due %s (December was due %s)", j.Previous, j.AmountDue, issued.AmountDue)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %v %+v", err, r)
	}
}

// TestBatchInvoicesLateImports: a month whose calls were all imported in
// the next month is invoiced by the batch, and a second run issues nothing.
func TestBatchInvoicesLateImports(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	a := f.Sessions["A"]
	issued, skipped, failures, err := s.InvoiceAll(ctx, a, day("2026-11-01"), day("2026-12-01"), nil)
	if err != nil || len(failures) != 0 || skipped != 0 || len(issued) != 1 || issued[0].Recipient.Holder != f.Holder("C") {
		t.Fatalf("the batch for November: %v skipped %d failures %v issued %+v", err, skipped, failures, issued)
	}
	if !issued[0].Subtotal.Equal(dec("0.06")) {
		t.Errorf("November's subtotal %s", issued[0].Subtotal)
	}
	issued, skipped, failures, err = s.InvoiceAll(ctx, a, day("2026-11-01"), day("2026-12-01"), nil)
	if err != nil || len(failures) != 0 || skipped != 1 || len(issued) != 0 {
		t.Errorf("the batch again: %v skipped %d failures %v issued %d", err, skipped, failures, len(issued))
	}
}

// TestCheckFindsAnInvoiceWithoutItsTax: `branchbook check` proves every
// invoice with tax booked it on its recipient.
func TestCheckFindsAnInvoiceWithoutItsTax(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	inv, err := s.IssueInvoice(ctx, f.Sessions["A"], forC(f, ""))
	if err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check after the issue: %v %+v", err, r.Mismatches)
	}
	if _, err := s.db.Exec(`DROP TRIGGER invoices_no_update; UPDATE invoices SET entry_id = NULL WHERE id = ?`, inv.ID); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx)
	if err != nil || r.OK() || len(r.Mismatches) != 1 || !strings.Contains(r.Mismatches[0], "A-1") {
		t.Errorf("check without the tax entry: %v %+v", err, r.Mismatches)
	}
}
