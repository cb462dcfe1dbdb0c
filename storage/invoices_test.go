package storage

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// clock sets the store's clock to a fixed time.
func clock(s *Store, at string) {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		panic(err)
	}
	s.now = func() time.Time { return t }
}

// invoiceFigure is the figure after the import of its 20 calls on
// 2 December 2026, with A's and C's company details saved.
func invoiceFigure(t testing.TB) (*Store, *Figure) {
	t.Helper()
	ctx := context.Background()
	s, f := figureStore(t)
	clock(s, "2026-12-02T08:00:00Z")
	importFigure(t, s, f.Sessions["Root"])
	if _, err := s.SetCompany(ctx, f.Sessions["Root"], model.Company{LegalName: "Root Telecom Ltd", Address: "1 Root Street",
		BankDetails: "IBAN ROOT", Paper: model.PaperA4}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetCompany(ctx, f.Sessions["A"], model.Company{LegalName: "A Networks GmbH", Address: "Street 1\nBerlin",
		TaxNumber: "DE123", InvoicePrefix: "A-", PaymentTermsDays: 14, TaxName: "VAT", TaxRate: dec("20"),
		Paper: model.PaperLetter}); err != nil {
		t.Fatal(err)
	}
	return s, f
}

var novDec = model.InvoiceInput{From: day("2026-11-01"), To: day("2027-01-01")}

func forC(f *Figure, key string) model.InvoiceInput {
	in := novDec
	in.Recipient, in.Key = f.Holder("C"), key
	return in
}

// TestInvoiceFigure: A invoices C for November and December; the lines
// are C's costs of docs/rating.md section 7 per destination, rounded once
// to cents, and the rounding line carries what the cents left.
func TestInvoiceFigure(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	a := f.Sessions["A"]
	draft, err := s.DraftInvoice(ctx, a, forC(f, ""))
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		prefix         string
		calls, seconds int
		amount         string
	}
	want := []line{{"1", 1, 600, "0.09"}, {"33", 1, 66, "0.02"}, {"336", 1, 48, "0.05"}, {"44", 1, 0, "0"},
		{"4420", 1, 96, "0.02"}, {"447", 2, 60, "0.07"}, {"49", 1, 30, "0.01"}}
	if len(draft.Lines) != len(want) {
		t.Fatalf("lines: %+v", draft.Lines)
	}
	for i, w := range want {
		l := draft.Lines[i]
		if l.Kind != model.EntryCalls || l.Prefix != w.prefix || l.Calls != w.calls || l.Seconds != w.seconds ||
			!l.Amount.Equal(dec(w.amount)) {
			t.Errorf("line %d: %+v, want %+v", i, l, w)
		}
	}
	for _, c := range []struct {
		name      string
		got, want decimal.Decimal
	}{
		{"subtotal", draft.Subtotal, dec("0.26")}, {"tax", draft.Tax, dec("0.05")}, {"total", draft.Total, dec("0.31")},
		{"previous", draft.Previous, dec("0")}, {"payments", draft.Payments, dec("0")},
		{"rounding", draft.Rounding, dec("-0.01")}, {"due", draft.AmountDue, dec("0.30")},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s: %s, want %s", c.name, c.got, c.want)
		}
	}
	if draft.Currency != "EUR" || draft.Issuer.LegalName != "A Networks GmbH" || draft.Recipient.Name != "C" ||
		draft.Paper != model.PaperLetter || draft.Number != "" || draft.Status != model.StatusDraft ||
		!draft.Due.Equal(day("2026-12-16").Add(8*time.Hour)) || draft.Issuer.Bank != "IBAN ROOT" {
		t.Errorf("draft: %+v", draft)
	}
	inv, err := s.IssueInvoice(ctx, a, forC(f, "k1"))
	if err != nil {
		t.Fatal(err)
	}
	if inv.Number != "A-1" || inv.ID == 0 || inv.Status != model.StatusOpen || !inv.AmountDue.Equal(dec("0.30")) {
		t.Errorf("issued: %+v", inv)
	}
	again, err := s.IssueInvoice(ctx, a, forC(f, "k1"))
	if err != nil || again.ID != inv.ID {
		t.Errorf("the same key issued again: %v, %+v", err, again)
	}
	// Any period overlapping it is refused, on the field.
	in := forC(f, "k2")
	in.From, in.To = day("2026-12-31"), day("2027-02-01")
	if _, err := s.IssueInvoice(ctx, a, in); model.CodeOf(err) != model.CodeDuplicate {
		t.Errorf("overlapping period: %v", err)
	}
	// The next period is not.
	in.From = day("2027-01-01")
	next, err := s.IssueInvoice(ctx, a, in)
	if err != nil || next.Number != "A-2" {
		t.Errorf("the next period: %v, %+v", err, next)
	}
	got, err := s.Invoice(ctx, a, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !sameDocument(got, inv) {
		t.Errorf("read back:\n%+v\nissued:\n%+v", got, inv)
	}
	// The triggers refuse any change of an issued document.
	if _, err := s.db.Exec(`UPDATE invoices SET total_micros = 0 WHERE id = ?`, inv.ID); err == nil {
		t.Error("an issued invoice was changed")
	}
	if _, err := s.db.Exec(`DELETE FROM invoices WHERE id = ?`, inv.ID); err == nil {
		t.Error("an issued invoice was deleted")
	}
	if _, err := s.db.Exec(`UPDATE companies SET next_number = 10 WHERE customer_id = ?`, f.Customers["A"]); err == nil {
		t.Error("the counter jumped")
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %v %+v", err, r)
	}
}

// TestInvoiceRecipients: only direct customers and own accounts; the
// right is needed to issue.
func TestInvoiceRecipients(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	for _, c := range []struct {
		who, target string
		want        error
	}{
		{"A", "C", nil}, {"A", "D", nil}, {"A", "c-desk", model.ErrNotPermitted}, {"A", "A", model.ErrNotPermitted},
		{"A", "E", model.ErrNotFound}, {"A", "B", model.ErrNotFound}, {"C", "c-desk", nil}, {"C", "A", model.ErrNotFound},
		{"Root", "A", nil}, {"Root", "C", model.ErrNotPermitted}, {"E", "e-phone", nil}, {"D", "c-desk", model.ErrNotFound},
	} {
		in := novDec
		in.Recipient = f.Holder(c.target)
		_, err := s.DraftInvoice(ctx, f.Sessions[c.who], in)
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s invoices %s: %v, want %v", c.who, c.target, err, c.want)
		}
	}
}

// sameDocument compares two documents as they are stored and printed.
func sameDocument(a, b model.Invoice) bool {
	ja, err := json.Marshal(a)
	if err != nil {
		panic(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		panic(err)
	}
	return string(ja) == string(jb)
}

// TestInvoiceRightBits: migration 0013 grants bit 12 to whoever holds bit
// 9; the constants must stay those bits.
func TestInvoiceRightBits(t *testing.T) {
	if model.RightMaintenance != 1<<9 || model.RightInvoices != 1<<12 {
		t.Fatalf("maintenance %d, invoices %d: migration 0013 names bits 9 and 12", model.RightMaintenance, model.RightInvoices)
	}
}

// TestSetCompanyFields: every wrong field is its own field error; the
// next number is locked once a document is issued; the effective details
// take empty texts from the root's.
func TestSetCompanyFields(t *testing.T) {
	ctx := context.Background()
	s, f := invoiceFigure(t)
	c := f.Sessions["C"]
	bad := model.Company{LegalName: strings.Repeat("x", model.MaxCompanyTextLen+1), Email: "no at sign",
		InvoicePrefix: strings.Repeat("p", model.MaxInvoicePrefixLen+1), PaymentTermsDays: 366, TaxRate: dec("20.00001"),
		Paper: "A5", Logo: []byte("GIF89a"), NextNumber: -1}
	_, err := s.SetCompany(ctx, c, bad)
	errs := model.FieldErrors(err)
	for field, code := range map[string]model.Code{"legal_name": model.CodeTooLong, "email": model.CodeInvalid,
		"invoice_prefix": model.CodeTooLong, "payment_terms_days": model.CodeOutOfRange, "tax_rate": model.CodeTooPrecise,
		"paper": model.CodeNotListed, "logo": model.CodeInvalid, "next_number": model.CodeOutOfRange} {
		if e := errs.For(field); e == nil || e.Code != code {
			t.Errorf("%s: %v, want %s", field, e, code)
		}
	}
	if _, err := s.SetCompany(ctx, c, model.Company{TaxRate: dec("100.5")}); model.FieldErrors(err).For("tax_rate") == nil {
		t.Errorf("tax rate 100.5: %v", err)
	}
	big := append([]byte("\xff\xd8\xff"), make([]byte, model.MaxLogoBytes)...)
	if _, err := s.SetCompany(ctx, c, model.Company{Logo: big}); model.FieldErrors(err).For("logo") == nil {
		t.Errorf("a logo too big: %v", err)
	}
	saved, err := s.SetCompany(ctx, c, model.Company{LegalName: "C SARL", NextNumber: 100, Logo: []byte("\xff\xd8\xffjpeg")})
	if err != nil || saved.NextNumber != 100 || saved.Address != "" {
		t.Fatalf("saved: %v %+v", err, saved)
	}
	eff, err := s.EffectiveCompany(ctx, c, f.Customers["C"])
	if err != nil || eff.LegalName != "C SARL" || eff.Address != "1 Root Street" || eff.BankDetails != "IBAN ROOT" ||
		eff.Paper != model.PaperA4 {
		t.Errorf("effective: %v %+v", err, eff)
	}
	in := novDec
	in.Recipient = f.Holder("c-desk")
	inv, err := s.IssueInvoice(ctx, c, in)
	if err != nil || inv.Number != "100" {
		t.Fatalf("issued: %v %+v", err, inv.Number)
	}
	if _, err := s.SetCompany(ctx, c, model.Company{LegalName: "C SARL", NextNumber: 5}); model.CodeOf(err) != model.CodeLocked {
		t.Errorf("the counter moved after an issue: %v", err)
	}
	if got, err := s.SetCompany(ctx, c, model.Company{LegalName: "C SARL 2"}); err != nil || got.NextNumber != 101 {
		t.Errorf("details saved after an issue: %v %+v", err, got)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %v %+v", err, r)
	}
}
