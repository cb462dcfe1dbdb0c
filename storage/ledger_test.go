package storage

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

func entryIn(kind model.EntryKind, amount string, cur model.Currency, key string) model.EntryInput {
	return model.EntryInput{Kind: kind, Amount: dec(amount), Currency: cur, Notes: "test", Key: key}
}

func TestMaintenanceActions(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t) // A has EUR 100.50, credit 50
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
		t.Fatal(err)
	}
	a := cs["A"].ID
	steps := []struct {
		in      model.EntryInput
		booked  string
		balance string
	}{
		{entryIn(model.EntryAddFunds, "10", "EUR", "k1"), "10", "110.5"},
		{entryIn(model.EntryCredit, "0.5", "EUR", "k2"), "0.5", "111"},
		{entryIn(model.EntryDebit, "200", "EUR", "k3"), "-200", "-89"},
		// 100 USD is 92 EUR at 0.92.
		{entryIn(model.EntryAddFunds, "100", "USD", "k4"), "92", "3"},
	}
	for _, st := range steps {
		e, err := s.AddEntry(ctx, root, model.CustomerLedger(a), st.in)
		if err != nil {
			t.Fatalf("%+v: %v", st.in, err)
		}
		if !e.Booked.Equal(dec(st.booked)) || !e.BalanceAfter.Equal(dec(st.balance)) || e.CreatedByName != "Switch Owner" {
			t.Fatalf("%s %s: booked %s, balance after %s", st.in.Kind, st.in.Amount, e.Booked, e.BalanceAfter)
		}
		if !e.Booked.Equal(model.Book(e.Entered.Amount, e.Rate).Mul(dec(fmt.Sprint(st.in.Kind.Sign())))) {
			t.Fatalf("booked %s is not entered %s × stored rate %s", e.Booked, e.Entered.Amount, e.Rate)
		}
	}
	c, err := s.Customer(ctx, root, a)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Balance.Equal(dec("3")) || !c.Available().Equal(dec("53")) {
		t.Fatalf("balance %s, available %s", c.Balance, c.Available())
	}
	if cached, sum := ledgerSum(t, s, a); cached != sum {
		t.Fatalf("cached %d, entries %d", cached, sum)
	}
	var rate string
	if err := s.db.QueryRow("SELECT rate FROM entries WHERE idempotency_key = 'k4'").Scan(&rate); err != nil {
		t.Fatal(err)
	}
	if rate != "0.92" {
		t.Fatalf("stored rate %q", rate)
	}
}

func TestEntryValidation(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	a := cs["A"].ID
	tests := []struct {
		in    model.EntryInput
		field string
		code  model.Code
	}{
		{entryIn(model.EntryAddFunds, "0", "EUR", "v1"), "amount", model.CodeOutOfRange},
		{entryIn(model.EntryAddFunds, "-5", "EUR", "v2"), "amount", model.CodeOutOfRange},
		{entryIn(model.EntryAddFunds, "0.0000001", "EUR", "v3"), "amount", model.CodeTooPrecise},
		{entryIn(model.EntryAddFunds, "123456789012345678901234567890", "EUR", "v4"), "amount", model.CodeOutOfRange},
		{entryIn(model.EntryAddFunds, "10", "GBP", "v5"), "currency", model.CodeNoRate},
		{entryIn("refund", "10", "EUR", "v6"), "action", model.CodeInvalid},
		{model.EntryInput{Kind: model.EntryCredit, Amount: dec("1"), Currency: "EUR", Key: "v7", Notes: string(make([]rune, 1001))}, "notes", model.CodeInvalidChars},
	}
	for _, tt := range tests {
		before := dump(t, s)
		_, err := s.AddEntry(ctx, root, model.CustomerLedger(a), tt.in)
		if e := model.FieldErrors(err).For(tt.field); e == nil || e.Code != tt.code {
			t.Errorf("%+v: %v, want %s on %s", tt.in.Amount, err, tt.code, tt.field)
		}
		if dump(t, s) != before {
			t.Errorf("%s: a refused entry changed the file", tt.in.Key)
		}
	}
	// Not on the root, not on oneself.
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(root.CustomerID), entryIn(model.EntryCredit, "1", "USD", "v8")); model.CodeOf(err) != model.CodeSelf {
		t.Errorf("entry on the root: %v", err)
	}
	aSess := sessionOf(t, s, a)
	if _, err := s.AddEntry(ctx, aSess, model.CustomerLedger(a), entryIn(model.EntryCredit, "1", "EUR", "v9")); model.CodeOf(err) != model.CodeSelf {
		t.Errorf("entry on oneself: %v", err)
	}
	noRight := sessionWith(t, s, cs["B"].ID, model.AllRights&^model.RightMaintenance)
	if _, err := s.AddEntry(ctx, noRight, model.CustomerLedger(cs["E"].ID), entryIn(model.EntryCredit, "1", "EUR", "v10")); !errors.Is(err, model.ErrNotPermitted) {
		t.Errorf("entry without the right: %v", err)
	}
}

func TestOneEntryPerKey(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	a := cs["A"].ID
	first, err := s.AddEntry(ctx, root, model.CustomerLedger(a), entryIn(model.EntryAddFunds, "10", "EUR", "same-form"))
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := s.AddEntry(ctx, root, model.CustomerLedger(a), entryIn(model.EntryAddFunds, "10", "EUR", "same-form"))
		if err != nil || again.ID != first.ID {
			t.Fatalf("a second submit made %+v, %v", again, err)
		}
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM entries WHERE customer_id = ? AND kind = 'add_funds'", a).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if c, err := s.Customer(ctx, root, a); err != nil || n != 1 || !c.Balance.Equal(dec("110.5")) {
		t.Fatalf("%d entries, balance %s (%v)", n, c.Balance, err)
	}
}

func TestReverseEntry(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
		t.Fatal(err)
	}
	a := cs["A"].ID
	e, err := s.AddEntry(ctx, root, model.CustomerLedger(a), entryIn(model.EntryAddFunds, "100", "USD", "r1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReverseEntry(ctx, root, e.ID, "  ", "r2"); model.FieldErrors(err).For("reason") == nil {
		t.Fatalf("reversal without a reason: %v", err)
	}
	rev, err := s.ReverseEntry(ctx, root, e.ID, "typed the wrong customer", "r3")
	if err != nil {
		t.Fatal(err)
	}
	if rev.Kind != model.EntryReversal || rev.Reverses != e.ID || !rev.Booked.Equal(e.Booked.Neg()) || rev.Notes != "typed the wrong customer" {
		t.Fatalf("reversal %+v", rev)
	}
	if c, err := s.Customer(ctx, root, a); err != nil || !c.Balance.Equal(dec("100.5")) {
		t.Fatalf("balance after reversal %s (%v)", c.Balance, err)
	}
	if _, err := s.ReverseEntry(ctx, root, e.ID, "again", "r4"); model.CodeOf(err) != model.CodeAlreadyReversed {
		t.Fatalf("second reversal: %v", err)
	}
	if _, err := s.ReverseEntry(ctx, root, rev.ID, "undo the undo", "r5"); model.CodeOf(err) != model.CodeInvalid {
		t.Fatalf("reversal of a reversal: %v", err)
	}
	got, err := s.Entries(ctx, root, model.CustomerLedger(a), model.EntryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != rev.ID || got[1].ReversedBy != rev.ID {
		t.Fatalf("history %+v", got)
	}
	// B cannot see or reverse A's entries.
	if _, err := s.ReverseEntry(ctx, sessionOf(t, s, cs["B"].ID), got[2].ID, "x", "r6"); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("B reverses A's entry: %v", err)
	}
}

func TestEntriesFilterAndPages(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	a := cs["A"].ID
	base := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for i := range 30 {
		s.now = func() time.Time { return base.Add(time.Duration(i) * 24 * time.Hour) }
		kind := []model.EntryKind{model.EntryAddFunds, model.EntryCredit, model.EntryDebit}[i%3]
		if _, err := s.AddEntry(ctx, root, model.CustomerLedger(a), entryIn(kind, "1", "EUR", fmt.Sprint("p", i))); err != nil {
			t.Fatal(err)
		}
	}
	var all []model.Entry
	f := model.EntryFilter{Limit: 7}
	for {
		page, err := s.Entries(ctx, root, model.CustomerLedger(a), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		f.Before = page[len(page)-1].ID
	}
	if len(all) != 31 { // 30 and the opening entry
		t.Fatalf("%d entries over the pages", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID >= all[i-1].ID {
			t.Fatal("not newest first")
		}
	}
	jan := model.EntryFilter{From: base, To: base.Add(10 * 24 * time.Hour), Kinds: []model.EntryKind{model.EntryDebit}}
	got, err := s.Entries(ctx, root, model.CustomerLedger(a), jan)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 { // days 2, 5, 8
		t.Fatalf("%d debits in the first ten days", len(got))
	}
}

func TestPayments(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryAddFunds, "10", "EUR", "pay1")); err != nil {
		t.Fatal(err)
	}
	p2, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryAddFunds, "5", "EUR", "pay2"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["D"].ID), entryIn(model.EntryAddFunds, "7", "EUR", "pay3")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["D"].ID), entryIn(model.EntryCredit, "100", "EUR", "notpay")); err != nil {
		t.Fatal(err)
	}
	// E is under B, outside A's report.
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["E"].ID), entryIn(model.EntryAddFunds, "1", "EUR", "pay4")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReverseEntry(ctx, root, p2.ID, "bounced", "rev"); err != nil {
		t.Fatal(err)
	}
	from, to := time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
	lines, err := s.Payments(ctx, root, cs["A"].ID, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[0].Name != "C" || !lines[0].Amount.Equal(dec("10")) || lines[0].Count != 2 ||
		lines[1].Name != "D" || !lines[1].Amount.Equal(dec("7")) {
		t.Fatalf("payments under A: %+v", lines)
	}
	if lines, err := s.Payments(ctx, root, cs["A"].ID, to, to.Add(time.Hour)); err != nil || len(lines) != 0 {
		t.Fatalf("payments outside the range: %+v (%v)", lines, err)
	}
}

// TestBalanceIsTheSumOfEntries makes 10,000 random actions and reversals
// on random customers and checks every balance against its entries.
func TestBalanceIsTheSumOfEntries(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetExchangeRate(ctx, root, "JPY", dec("151.3")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetExchangeRate(ctx, root, "KWD", dec("0.3075")); err != nil {
		t.Fatal(err)
	}
	ids := []model.ID{cs["A"].ID, cs["B"].ID, cs["C"].ID, cs["D"].ID, cs["E"].ID}
	rnd := rand.New(rand.NewPCG(1, 2))
	var booked []model.ID
	n := underRace(10_000, 1000)
	if testing.Short() {
		n = 1000
	}
	for i := range n {
		if len(booked) > 0 && rnd.IntN(10) == 0 {
			// A second reversal of the same entry is refused, as it must be.
			_, err := s.ReverseEntry(ctx, root, booked[rnd.IntN(len(booked))], "random", fmt.Sprint("rr", i))
			refusedAs(t, err, "reversal", model.CodeAlreadyReversed)
			continue
		}
		kind := []model.EntryKind{model.EntryAddFunds, model.EntryCredit, model.EntryDebit}[rnd.IntN(3)]
		cur := []model.Currency{"EUR", "USD", "JPY", "KWD"}[rnd.IntN(4)]
		amount := model.RoundToStorage(dec(fmt.Sprintf("%d.%06d", rnd.IntN(10_000), rnd.IntN(1_000_000))))
		if amount.IsZero() {
			continue
		}
		e, err := s.AddEntry(ctx, root, model.CustomerLedger(ids[rnd.IntN(len(ids))]), model.EntryInput{Kind: kind, Amount: amount, Currency: cur, Key: fmt.Sprint("e", i)})
		if err != nil {
			t.Fatal(err)
		}
		booked = append(booked, e.ID)
	}
	report, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !report.OK() || report.Entries < n/2 {
		t.Fatalf("check: %+v", report)
	}
}

func TestCheckCatchesTampering(t *testing.T) {
	ctx := context.Background()
	s, _, cs, _ := manual(t)
	if r, err := s.Check(ctx); err != nil || !r.OK() || r.Customers != 6 {
		t.Fatalf("clean file: %+v (%v)", r, err)
	}
	if _, err := s.db.Exec("UPDATE customers SET balance_micros = balance_micros + 1 WHERE id = ?", cs["D"].ID); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || len(r.Mismatches) != 1 {
		t.Fatalf("tampered file: %+v", r)
	}
}

// TestFailedKeyLookupIsNotNotFound: only a key that is not there is "not
// found"; a read that fails is a storage failure, so a reversal or an
// entry is never booked again on a failed look-up.
func TestFailedKeyLookupIsNotNotFound(t *testing.T) {
	s, root, _, _ := manual(t)
	ctx := context.Background()
	if _, err := s.entryByKey(ctx, root, "never used"); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("unused key: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.entryByKey(ctx, root, "never used"); model.CodeOf(err) != model.CodeStorageFailure {
		t.Fatalf("failed look-up: %v, want %s", err, model.CodeStorageFailure)
	}
}
