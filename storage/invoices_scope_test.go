package storage

import (
	"context"
	"errors"
	"testing"

	"github.com/branchbook/branchbook/model"
)

// TestInvoicesStayInsideTheSubtree issues Root → A, A → C, C → c-desk and
// E → e-phone, then signs in as each customer: a document is seen by its
// issuer, by those above the issuer and by its recipient, never by anyone
// else (C never sees Root's invoice to A); every new method answers not
// found outside the session's subtree.
func TestInvoicesStayInsideTheSubtree(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	for _, who := range []string{"C", "E"} {
		if _, err := s.SetCompany(ctx, f.Sessions[who], model.Company{LegalName: who + " Ltd", InvoicePrefix: who + "-"}); err != nil {
			t.Fatal(err)
		}
	}
	type doc struct {
		issuer, recipient string
		id                model.ID
	}
	docs := []*doc{{issuer: "Root", recipient: "A"}, {issuer: "A", recipient: "C"}, {issuer: "C", recipient: "c-desk"},
		{issuer: "E", recipient: "e-phone"}}
	for _, d := range docs {
		in := novDec
		in.Recipient = f.Holder(d.recipient)
		inv, err := s.IssueInvoice(ctx, f.Sessions[d.issuer], in)
		if err != nil {
			t.Fatalf("%s → %s: %v", d.issuer, d.recipient, err)
		}
		d.id = inv.ID
	}
	owner := map[string]string{"c-desk": "C", "e-phone": "E"}
	for _, who := range []string{"Root", "A", "B", "C", "D", "E"} {
		sess := f.Sessions[who]
		page, err := s.Invoices(ctx, sess, model.InvoiceQuery{})
		if err != nil {
			t.Fatal(err)
		}
		listed := map[model.ID]bool{}
		for _, inv := range page.Invoices {
			listed[inv.ID] = true
		}
		for _, d := range docs {
			visible := figureInside(who, d.issuer) || d.recipient == who || owner[d.recipient] == who
			_, err := s.Invoice(ctx, sess, d.id)
			if visible && err != nil || !visible && !errors.Is(err, model.ErrNotFound) || listed[d.id] != visible {
				t.Errorf("%s reads %s → %s: %v, listed %v, want visible %v", who, d.issuer, d.recipient, err, listed[d.id], visible)
			}
			// Only the issuer credits its invoices.
			_, err = s.IssueCreditNote(ctx, sess, model.CreditNoteInput{Invoice: d.id, Amount: dec("0.01"), Reason: "scope"})
			if who == d.issuer && err != nil || who != d.issuer && !errors.Is(err, model.ErrNotFound) {
				t.Errorf("%s credits %s → %s: %v", who, d.issuer, d.recipient, err)
			}
		}
		if len(page.Invoices) != page.Total {
			t.Errorf("%s: %d listed of %d", who, len(page.Invoices), page.Total)
		}
		for _, target := range []string{"A", "B", "C", "D", "E", "c-desk", "e-phone"} {
			h := f.Holder(target)
			inside := figureInside(who, target)
			_, err := s.Statement(ctx, sess, h, novDec.From, novDec.To)
			if inside != (err == nil) || !inside && !errors.Is(err, model.ErrNotFound) {
				t.Errorf("%s's statement of %s: %v", who, target, err)
			}
			if !h.IsAccount() {
				_, err := s.Company(ctx, sess, h.Customer)
				_, eerr := s.EffectiveCompany(ctx, sess, h.Customer)
				if inside != (err == nil) || inside != (eerr == nil) || !inside && (!errors.Is(err, model.ErrNotFound) || !errors.Is(eerr, model.ErrNotFound)) {
					t.Errorf("%s reads %s's company: %v, %v", who, target, err, eerr)
				}
			}
			in := novDec
			in.From, in.To = day("2027-01-01"), day("2027-02-01")
			in.Recipient = h
			_, derr := s.DraftInvoice(ctx, sess, in)
			_, ierr := s.IssueInvoice(ctx, sess, in)
			if !inside && (!errors.Is(derr, model.ErrNotFound) || !errors.Is(ierr, model.ErrNotFound)) {
				t.Errorf("%s invoices %s (outside): %v, %v", who, target, derr, ierr)
			}
		}
	}
	// Setting another's details: not permitted.
	if _, err := s.SetCompany(ctx, f.Sessions["C"], model.Company{Customer: f.Customers["A"], LegalName: "x"}); !errors.Is(err, model.ErrNotPermitted) {
		t.Errorf("C sets A's details: %v", err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %v %+v", err, r)
	}
}

// TestStatementFigure: C's statement for the period: an opening balance,
// a payment, a debit and its calls by destination at C's level; the
// closing balance is the ledger's.
func TestStatementFigure(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	a, c := f.Sessions["A"], f.Holder("C")
	clock(s, "2026-10-15T08:00:00Z")
	addEntry(t, s, a, c, model.EntryDebit, "2")
	clock(s, "2026-11-15T08:00:00Z")
	addEntry(t, s, a, c, model.EntryAddFunds, "1.5")
	st, err := s.Statement(ctx, f.Sessions["C"], c, novDec.From, novDec.To)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Opening.Equal(dec("-2")) || !st.Closing.Equal(dec("-0.7525")) || st.Currency != "EUR" || st.HolderName != "C" {
		t.Errorf("statement: opening %s closing %s %s", st.Opening, st.Closing, st.Currency)
	}
	var calls, n int
	sum := st.Opening
	for _, l := range st.Lines {
		sum = sum.Add(l.Amount)
		if l.Kind == model.EntryCalls {
			calls += l.Calls
			n++
		}
	}
	if n != 7 || calls != 8 || !sum.Equal(st.Closing) || st.USDRate.IsZero() {
		t.Errorf("lines: %d destinations, %d calls, sum %s; %+v", n, calls, sum, st)
	}
	// The invoice for the same period: previous 2, payment 1.5.
	d, err := s.DraftInvoice(ctx, a, forC(f, ""))
	if err != nil || !d.Previous.Equal(dec("2")) || !d.Payments.Equal(dec("1.5")) || !d.AmountDue.Equal(dec("0.80")) {
		t.Errorf("draft: %v previous %s payments %s due %s", err, d.Previous, d.Payments, d.AmountDue)
	}
}
