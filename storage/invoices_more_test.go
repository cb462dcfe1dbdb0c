package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

func addEntry(t testing.TB, s *Store, sess model.Session, h model.Holder, kind model.EntryKind, amount string) model.Entry {
	t.Helper()
	e, err := s.AddEntry(context.Background(), sess, h, model.EntryInput{Kind: kind, Amount: dec(amount), Currency: "EUR",
		Notes: "test", Key: fmt.Sprint(time.Now().UnixNano())})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestIssuedInvoiceNeverChanges changes, after the issue, the rates, the
// names, the company details of both parties and the exchange rates: the
// invoice reads back the same document.
func TestIssuedInvoiceNeverChanges(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	a, root := f.Sessions["A"], f.Sessions["Root"]
	inv, err := s.IssueInvoice(ctx, a, forC(f, ""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.5")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetCompany(ctx, a, model.Company{LegalName: "Renamed AG", Address: "Elsewhere", TaxName: "GST",
		TaxRate: dec("7.5"), PaymentTermsDays: 30, Paper: model.PaperA4, Logo: []byte("\x89PNG\r\n\x1a\nxx")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetCompany(ctx, f.Sessions["C"], model.Company{LegalName: "C Renamed SARL"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetCompany(ctx, root, model.Company{LegalName: "Root Renamed", BankDetails: "IBAN NEW"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE customers SET name = name || ' renamed', language = 'de', time_zone = 'Europe/Berlin'`,
		`UPDATE tariff_rates SET price_micros = price_micros * 3`} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Invoice(ctx, a, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !sameDocument(got, inv) {
		t.Errorf("after the changes:\n%+v\nissued:\n%+v", got, inv)
	}
	// A draft now shows the new details: the issued one did not follow.
	in := forC(f, "")
	in.From, in.To = day("2027-01-01"), day("2027-02-01")
	d, err := s.DraftInvoice(ctx, a, in)
	if err != nil || d.Issuer.LegalName != "Renamed AG" || d.Recipient.LegalName != "C Renamed SARL" || d.TaxName != "GST" ||
		d.Issuer.Bank != "IBAN NEW" || d.Language != "de" {
		t.Errorf("a new draft: %v %+v", err, d)
	}
}

// TestCreditNoteAndStatus: payments after the issue make an invoice partly
// paid, then paid; a credit note takes the next number, books a credit on
// the recipient and lowers what the invoice owes; more than the invoice
// still credits is refused.
func TestCreditNoteAndStatus(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	a := f.Sessions["A"]
	inv, err := s.IssueInvoice(ctx, a, forC(f, ""))
	if err != nil {
		t.Fatal(err)
	}
	if inv.Status != model.StatusOpen || !inv.Paid.IsZero() {
		t.Fatalf("issued: %s %s", inv.Status, inv.Paid)
	}
	status := func(want model.InvoiceStatus, paid, credited string) {
		t.Helper()
		got, err := s.Invoice(ctx, f.Sessions["C"], inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != want || !got.Paid.Equal(dec(paid)) || !got.Credited.Equal(dec(credited)) {
			t.Errorf("status %s paid %s credited %s, want %s %s %s", got.Status, got.Paid, got.Credited, want, paid, credited)
		}
	}
	c := f.Holder("C")
	balance := func() string {
		t.Helper()
		var b int64
		if err := s.db.QueryRow(`SELECT balance_micros FROM customers WHERE id = ?`, c.Customer).Scan(&b); err != nil {
			t.Fatal(err)
		}
		return model.FromMicros(b).String()
	}
	before := balance()
	for _, bad := range []string{"0", "-1", "0.001", "0.32"} {
		if _, err := s.IssueCreditNote(ctx, a, model.CreditNoteInput{Invoice: inv.ID, Amount: dec(bad), Reason: "x"}); model.CodeOf(err) == "" || err == nil {
			t.Errorf("credit note of %s: %v", bad, err)
		}
	}
	if _, err := s.IssueCreditNote(ctx, a, model.CreditNoteInput{Invoice: inv.ID, Amount: dec("0.1")}); model.CodeOf(err) != model.CodeRequired {
		t.Errorf("no reason: %v", err)
	}
	// C may not credit A's invoice, nor read it as A's issuer would.
	if _, err := s.IssueCreditNote(ctx, f.Sessions["C"], model.CreditNoteInput{Invoice: inv.ID, Amount: dec("0.1"), Reason: "x"}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("C credits A's invoice: %v", err)
	}
	clock(s, "2026-12-03T08:00:00Z")
	note, err := s.IssueCreditNote(ctx, a, model.CreditNoteInput{Invoice: inv.ID, Amount: dec("0.10"), Reason: "goodwill", Key: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	if note.Kind != model.KindCreditNote || note.Number != "A-2" || note.CreditFor != inv.ID || note.CreditForNumber != "A-1" ||
		!note.Total.Equal(dec("0.10")) || !note.AmountDue.Equal(dec("-0.10")) || note.Recipient.Name != "C" {
		t.Errorf("credit note: %+v", note)
	}
	if again, err := s.IssueCreditNote(ctx, a, model.CreditNoteInput{Invoice: inv.ID, Amount: dec("0.10"), Reason: "goodwill", Key: "n1"}); err != nil || again.ID != note.ID {
		t.Errorf("the same key: %v %+v", err, again)
	}
	if after := balance(); !dec(after).Sub(dec(before)).Equal(dec("0.10")) {
		t.Errorf("C's balance %s before, %s after the credit note", before, after)
	}
	status(model.StatusOpen, "0", "0.10")
	// A period inside the issued invoice's cannot be drafted again.
	in := forC(f, "")
	in.From, in.To = day("2026-12-03"), day("2026-12-04")
	if _, err := s.DraftInvoice(ctx, a, in); model.CodeOf(err) != model.CodeDuplicate {
		t.Errorf("a draft inside the invoiced period: %v", err)
	}
	if _, err := s.IssueCreditNote(ctx, a, model.CreditNoteInput{Invoice: inv.ID, Amount: dec("0.22"), Reason: "x"}); model.CodeOf(err) != model.CodeOutOfRange {
		t.Errorf("more than is left: %v", err)
	}
	// C owes 0.31 - 0.01 - 0.10 = 0.20 on the invoice.
	addEntry(t, s, a, c, model.EntryAddFunds, "0.15")
	status(model.StatusPartly, "0.15", "0.10")
	addEntry(t, s, a, c, model.EntryAddFunds, "0.05")
	status(model.StatusPaid, "0.20", "0.10")
	page, err := s.Invoices(ctx, a, model.InvoiceQuery{Status: model.StatusPaid})
	if err != nil || page.Total != 2 {
		t.Errorf("paid documents: %v %+v", err, page)
	}
	page, err = s.Invoices(ctx, a, model.InvoiceQuery{Search: "a-2"})
	if err != nil || page.Total != 1 || page.Invoices[0].ID != note.ID || page.Invoices[0].Lines != nil {
		t.Errorf("search: %v %+v", err, page)
	}
	// The next invoice starts from what A-1 asked: C owed 0.2525 of calls
	// and 0.05 of tax (booked when A-1 was issued), 0.3025 → 0.30. The
	// credit note's credit and the payments were booked after A-1 inside
	// its period: late, so they are this invoice's payments, and what is
	// left is the 0.0025 below the cent.
	in.From, in.To = day("2027-01-01"), day("2027-02-01")
	clock(s, "2027-02-01T08:00:00Z")
	d, err := s.DraftInvoice(ctx, a, in)
	if err != nil || !d.Previous.Equal(dec("0.30")) || !d.Payments.Equal(dec("0.30")) || !d.AmountDue.IsZero() ||
		len(d.Lines) != 0 {
		t.Errorf("next month: %v previous %s payments %s due %s lines %+v", err, d.Previous, d.Payments, d.AmountDue, d.Lines)
	}
	if b := balance(); !dec(b).Equal(dec("-0.0025")) {
		t.Errorf("C's balance after paying A-1 in full: %s, want -0.0025", b)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() || r.Invoices != 2 {
		t.Errorf("check: %v %+v", err, r)
	}
}

// TestInvoiceNumbersUnderTwoWriters issues from two stores on one file at
// once, as two windows would: the issuer's numbers are 1..n, each once.
func TestInvoiceNumbersUnderTwoWriters(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	other, err := Open(s.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.now = s.now
	const each = 8
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for i, st := range []*Store{s, other} {
		target := []string{"C", "D"}[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := 1; m <= each; m++ {
				in := model.InvoiceInput{Recipient: f.Holder(target), From: day(fmt.Sprintf("2027-%02d-01", m)),
					To: day(fmt.Sprintf("2027-%02d-01", m+1))}
				if _, err := st.IssueInvoice(ctx, f.Sessions["A"], in); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	rows, err := s.db.Query(`SELECT sequence, number FROM invoices WHERE issuer_id = ? ORDER BY sequence`, f.Customers["A"])
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var seq int
		var number string
		if err := rows.Scan(&seq, &number); err != nil {
			t.Fatal(err)
		}
		n++
		if seq != n || number != fmt.Sprintf("A-%d", n) {
			t.Errorf("document %d: %d %s", n, seq, number)
		}
	}
	if n != 2*each {
		t.Errorf("%d documents, want %d", n, 2*each)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %v %+v", err, r)
	}
}

// TestCheckFindsTamperedInvoices: a hole in the numbers, a counter moved
// and a total changed behind the triggers' back are each found.
func TestCheckFindsTamperedInvoices(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, sql string
	}{
		{"hole", `DROP TRIGGER invoices_no_delete; DELETE FROM invoices WHERE sequence = 1`},
		{"counter", `DROP TRIGGER companies_number_gapless; UPDATE companies SET next_number = next_number + 1`},
		{"total", `DROP TRIGGER invoices_no_update; UPDATE invoices SET total_micros = total_micros + 10000 WHERE sequence = 2`},
		{"document", `DROP TRIGGER invoices_no_update; UPDATE invoices SET document = replace(document, '"Subtotal":"0.26"', '"Subtotal":"0.27"') WHERE sequence = 1`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, f := invoiceFigure(t)
			a := f.Sessions["A"]
			for _, m := range []string{"C", "D"} {
				in := novDec
				in.Recipient = f.Holder(m)
				if _, err := s.IssueInvoice(ctx, a, in); err != nil {
					t.Fatal(err)
				}
			}
			if r, err := s.Check(ctx); err != nil || !r.OK() {
				t.Fatalf("before: %v %+v", err, r)
			}
			if _, err := s.db.Exec(c.sql); err != nil {
				t.Fatal(err)
			}
			if r, err := s.Check(ctx); err != nil || r.OK() {
				t.Errorf("after: %v %+v", err, r)
			} else {
				t.Log(r.Mismatches)
			}
		})
	}
}

// TestInvoiceAll invoices A's customers with charges in the period (C;
// D has none), skips them the second time, and lists a failure without
// stopping.
func TestInvoiceAll(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	a := f.Sessions["A"]
	addEntry(t, s, a, f.Holder("D"), model.EntryDebit, "5")
	var last [2]int
	issued, skipped, failures, err := s.InvoiceAll(ctx, a, novDec.From, novDec.To, func(done, total int) { last = [2]int{done, total} })
	if err != nil || len(issued) != 2 || skipped != 0 || len(failures) != 0 || last != [2]int{2, 2} {
		t.Fatalf("first run: %v %d issued, %d skipped, %v, progress %v", err, len(issued), skipped, failures, last)
	}
	if !issued[1].AmountDue.Equal(dec("6")) || issued[1].Recipient.Name != "D" {
		t.Errorf("D's invoice: %+v", issued[1])
	}
	issued, skipped, failures, err = s.InvoiceAll(ctx, a, novDec.From, novDec.To, nil)
	if err != nil || len(issued) != 0 || skipped != 2 || len(failures) != 0 {
		t.Errorf("second run: %v %d issued, %d skipped, %v", err, len(issued), skipped, failures)
	}
	// C invoices c-desk without company details of its own: the root's
	// are not C's name, so it fails, listed.
	issued, _, failures, err = s.InvoiceAll(ctx, f.Sessions["C"], novDec.From, novDec.To, nil)
	if err != nil || len(issued) != 0 || len(failures) != 1 || failures[0].Name != "c-desk" {
		t.Errorf("C without details: %v %v %v", err, issued, failures)
	}
	// Without the right: refused.
	if _, err := s.db.Exec(`UPDATE permissions SET rights = rights & ~? WHERE customer_id = ?`, model.RightInvoices, f.Customers["B"]); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.InvoiceAll(ctx, f.Sessions["B"], novDec.From, novDec.To, nil); !errors.Is(err, model.ErrNotPermitted) {
		t.Errorf("B without the right: %v", err)
	}
}
