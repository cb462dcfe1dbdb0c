package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// fieldCode is the code of the first error about field in err, or "".
func fieldCode(err error, field string) model.Code {
	if e := model.FieldErrors(err).For(field); e != nil {
		return e.Code
	}
	return ""
}

// accountInput is a valid new account of the given username and currency.
func accountInput(username string, cur model.Currency) model.AccountInput {
	return model.AccountInput{Username: username, Password: "card secret", PasswordAgain: "card secret",
		Description: "Desk phone", Currency: cur, Balance: dec("5"), CreditLimit: dec("2")}
}

func TestCreateAccount(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
		t.Fatal(err)
	}
	in := accountInput("phone.1", "USD")
	in.ExpiresAt = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	a, err := s.CreateAccount(ctx, root, cs["C"].ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if a.Username != "phone.1" || a.CustomerID != cs["C"].ID || a.CustomerName != "C" || a.Currency != "USD" ||
		!a.Balance.Equal(dec("5")) || !a.Available().Equal(dec("7")) || !a.ExpiresAt.Equal(in.ExpiresAt) {
		t.Fatalf("created %+v", a)
	}
	if !a.Expired(in.ExpiresAt) || a.Expired(in.ExpiresAt.Add(-time.Second)) {
		t.Fatal("expiry is not at the given time")
	}
	var hash string
	if err := s.db.QueryRow("SELECT password_hash FROM accounts WHERE id = ?", a.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$") || !model.CheckPassword(hash, "card secret") {
		t.Fatalf("password stored as %q", hash)
	}
	es, err := s.Entries(ctx, root, model.AccountLedger(a.ID), model.EntryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Kind != model.EntryOpening || !es[0].Booked.Equal(dec("5")) || es[0].Holder != model.AccountLedger(a.ID) {
		t.Fatalf("opening entries %+v", es)
	}
	if c, err := s.Customer(ctx, root, cs["C"].ID); err != nil || c.Accounts != 1 || !c.Balance.Equal(cs["C"].Balance) {
		t.Fatalf("customer after: %d accounts, balance %s (%v)", c.Accounts, c.Balance, err)
	}
}

func TestCreateAccountValidation(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	if _, err := s.CreateAccount(ctx, root, cs["E"].ID, accountInput("taken.1", "EUR")); err != nil {
		t.Fatal(err)
	}
	change := func(f func(*model.AccountInput)) model.AccountInput {
		in := accountInput("good.name", "EUR")
		f(&in)
		return in
	}
	tests := []struct {
		name  string
		in    model.AccountInput
		field string
		code  model.Code
	}{
		{"no username", change(func(in *model.AccountInput) { in.Username = " " }), "username", model.CodeRequired},
		{"space in username", change(func(in *model.AccountInput) { in.Username = "a b c" }), "username", model.CodeInvalidChars},
		{"short username", change(func(in *model.AccountInput) { in.Username = "ab" }), "username", model.CodeTooShort},
		{"taken under another customer", change(func(in *model.AccountInput) { in.Username = "TAKEN.1" }), "username", model.CodeDuplicate},
		{"short password", change(func(in *model.AccountInput) { in.Password, in.PasswordAgain = "short", "short" }), "password", model.CodeTooShort},
		{"passwords differ", change(func(in *model.AccountInput) { in.PasswordAgain = "something else" }), "password_again", model.CodeMismatch},
		{"no currency", change(func(in *model.AccountInput) { in.Currency = "" }), "currency", model.CodeRequired},
		{"bad currency", change(func(in *model.AccountInput) { in.Currency = "E1R" }), "currency", model.CodeInvalid},
		{"currency without a rate", change(func(in *model.AccountInput) { in.Currency = "GBP" }), "currency", model.CodeNoRate},
		{"negative credit", change(func(in *model.AccountInput) { in.CreditLimit = dec("-1") }), "credit_limit", model.CodeOutOfRange},
		{"too precise", change(func(in *model.AccountInput) { in.Balance = dec("0.0000001") }), "balance", model.CodeTooPrecise},
		{"long description", change(func(in *model.AccountInput) { in.Description = strings.Repeat("x", 201) }), "description", model.CodeTooLong},
	}
	for _, tt := range tests {
		before := dump(t, s)
		_, err := s.CreateAccount(ctx, root, cs["C"].ID, tt.in)
		if e := model.FieldErrors(err).For(tt.field); e == nil || e.Code != tt.code {
			t.Errorf("%s: %v, want %s on %s", tt.name, err, tt.code, tt.field)
		}
		if dump(t, s) != before {
			t.Errorf("%s: a refused account changed the file", tt.name)
		}
	}
	if _, err := s.CreateAccount(ctx, root, root.CustomerID, accountInput("on.root", "USD")); model.CodeOf(err) != model.CodeInvalid {
		t.Errorf("account on the root: %v", err)
	}
	noRight := sessionWith(t, s, cs["A"].ID, model.AllRights&^model.RightAccountsAdd)
	if _, err := s.CreateAccount(ctx, noRight, cs["C"].ID, accountInput("no.right", "EUR")); !errors.Is(err, model.ErrNotPermitted) {
		t.Errorf("without the right: %v", err)
	}
}

func TestUpdateAndDeleteAccount(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
		t.Fatal(err)
	}
	a, err := s.CreateAccount(ctx, root, cs["C"].ID, accountInput("port.7", "EUR"))
	if err != nil {
		t.Fatal(err)
	}
	in := accountInput("port.8", "USD")
	in.Password, in.PasswordAgain, in.Blocked = "", "", true
	got, err := s.UpdateAccount(ctx, root, a.ID, in)
	if err != nil || got.Username != "port.8" || got.Currency != "USD" || !got.Blocked || !got.Balance.Equal(dec("5")) {
		t.Fatalf("updated %+v, %v", got, err)
	}
	var hash string
	if err := s.db.QueryRow("SELECT password_hash FROM accounts WHERE id = ?", a.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !model.CheckPassword(hash, "card secret") {
		t.Fatal("an empty password changed the old one")
	}
	// Once the ledger has more than the opening, the currency is fixed.
	if _, err := s.AddEntry(ctx, root, model.AccountLedger(a.ID), entryIn(model.EntryAddFunds, "1", "USD", "u1")); err != nil {
		t.Fatal(err)
	}
	in.Currency = "EUR"
	if _, err := s.UpdateAccount(ctx, root, a.ID, in); fieldCode(err, "currency") != model.CodeLocked {
		t.Fatalf("currency change after an entry: %v", err)
	}
	if err := s.DeleteAccount(ctx, root, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Account(ctx, root, a.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("deleted account still read: %v", err)
	}
	// Its ledger stays; its username is free again.
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM entries WHERE account_id = ?", a.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("%d entries after delete", n)
	}
	again, err := s.CreateAccount(ctx, root, cs["D"].ID, accountInput("port.8", "EUR"))
	if err != nil {
		t.Fatalf("username of a deleted account: %v", err)
	}
	deleted, err := s.DeletedAccounts(ctx, root, cs["C"].ID, 0)
	if err != nil || len(deleted) != 1 || deleted[0].ID != a.ID || deleted[0].DeletedBy != "Switch Owner" || deleted[0].DeletedAt.IsZero() {
		t.Fatalf("deleted accounts %+v, %v", deleted, err)
	}
	// Its username is taken again: restoring is refused until it is free.
	restoreWaitsForClash(t, "username", func() error { return s.RestoreAccount(ctx, root, a.ID) },
		func() error { return s.DeleteAccount(ctx, root, again.ID) })
	if got, err := s.Account(ctx, root, a.ID); err != nil || !got.Balance.Equal(dec("6")) {
		t.Fatalf("restored %+v, %v", got, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() || r.Accounts != 2 {
		t.Fatalf("check: %+v (%v)", r, err)
	}
}

// TestMaintenanceParity runs one table of Maintenance steps on a customer
// and on an account of the same currency and opening: the same code books
// both, so every figure must be the same.
func TestMaintenanceParity(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t) // C: EUR 100.50, credit 50
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
		t.Fatal(err)
	}
	in := accountInput("parity.1", "EUR")
	in.Balance, in.CreditLimit = dec("100.50"), dec("50")
	acct, err := s.CreateAccount(ctx, root, cs["C"].ID, in)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		in      model.EntryInput
		balance string
		code    model.Code
	}{
		{entryIn(model.EntryAddFunds, "10", "EUR", "add"), "110.5", ""},
		{entryIn(model.EntryCredit, "0.5", "EUR", "credit"), "111", ""},
		{entryIn(model.EntryDebit, "200", "EUR", "debit"), "-89", ""},
		{entryIn(model.EntryAddFunds, "100", "USD", "usd"), "3", ""},
		{entryIn(model.EntryAddFunds, "100", "USD", "usd"), "3", ""}, // the same form again books nothing
		{entryIn(model.EntryAddFunds, "1", "GBP", "gbp"), "3", model.CodeNoRate},
		{entryIn(model.EntryAddFunds, "0", "EUR", "zero"), "3", model.CodeOutOfRange},
	}
	for _, h := range []model.Holder{model.CustomerLedger(cs["C"].ID), model.AccountLedger(acct.ID)} {
		var last model.Entry
		for _, st := range steps {
			st.in.Key = fmt.Sprint(h, st.in.Key)
			e, err := s.AddEntry(ctx, root, h, st.in)
			if es := model.FieldErrors(err); st.code == "" && err != nil || st.code != "" && (len(es) == 0 || es[0].Code != st.code) {
				t.Fatalf("%+v %s: %v, want %q", h, st.in.Key, err, st.code)
			}
			if err == nil {
				if e.Holder != h || !e.BalanceAfter.Equal(dec(st.balance)) {
					t.Fatalf("%+v %s: balance after %s, want %s", h, st.in.Key, e.BalanceAfter, st.balance)
				}
				last = e
			}
		}
		r, err := s.ReverseEntry(ctx, root, last.ID, "typo", fmt.Sprint(h, "rev"))
		if err != nil || !r.BalanceAfter.Equal(dec("-89")) || r.Reverses != last.ID || r.Holder != h {
			t.Fatalf("%+v reversal: %+v, %v", h, r, err)
		}
		if _, err := s.ReverseEntry(ctx, root, last.ID, "again", fmt.Sprint(h, "rev2")); model.CodeOf(err) != model.CodeAlreadyReversed {
			t.Fatalf("%+v second reversal: %v", h, err)
		}
		es, err := s.Entries(ctx, root, h, model.EntryFilter{Kinds: []model.EntryKind{model.EntryAddFunds}})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 2 {
			t.Fatalf("%+v: %d add funds entries", h, len(es))
		}
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v (%v)", r, err)
	}
	// The account's own customer may book on the account, never on itself.
	cSess := sessionOf(t, s, cs["C"].ID)
	if _, err := s.AddEntry(ctx, cSess, model.AccountLedger(acct.ID), entryIn(model.EntryCredit, "1", "EUR", "own-acct")); err != nil {
		t.Fatalf("customer on its own account: %v", err)
	}
	if _, err := s.AddEntry(ctx, cSess, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryCredit, "1", "EUR", "own")); model.CodeOf(err) != model.CodeSelf {
		t.Fatalf("customer on itself: %v", err)
	}
}

func TestAccountPages(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	if _, err := s.GenerateCards(ctx, root, cs["D"].ID, model.CardBatch{Count: 300, Prefix: "pc", Digits: 5, PINLength: 4,
		Currency: "EUR", Balance: dec("1")}, nil); err != nil {
		t.Fatal(err)
	}
	// Different balances and expiries, so each order means something.
	if _, err := s.db.Exec(`UPDATE accounts SET balance_micros = (id * 7919) % 1000 * 1000, expires_at = CASE WHEN id % 3 = 0 THEN NULL
		ELSE printf('2027-01-%02dT00:00:00.000000Z', id % 28 + 1) END`); err != nil {
		t.Fatal(err)
	}
	all := func(q model.AccountQuery) []model.Account {
		var out []model.Account
		for q.Offset = 0; ; q.Offset += 70 {
			q.Limit = 70
			p, err := s.Accounts(ctx, root, cs["D"].ID, q)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, p.Accounts...)
			if len(p.Accounts) < 70 {
				if p.Total != len(out) {
					t.Fatalf("total %d, read %d", p.Total, len(out))
				}
				return out
			}
		}
	}
	for _, sort := range []model.AccountSort{model.SortByUsername, model.SortByBalance, model.SortByExpiry} {
		for _, desc := range []bool{false, true} {
			got := all(model.AccountQuery{Sort: sort, Desc: desc})
			if len(got) != 300 {
				t.Fatalf("sort %d: %d accounts", sort, len(got))
			}
			seen := map[model.ID]bool{}
			for i, a := range got {
				if seen[a.ID] {
					t.Fatalf("sort %d desc %v: %s twice", sort, desc, a.Username)
				}
				seen[a.ID] = true
				if i == 0 {
					continue
				}
				c := compareAccounts(sort, got[i-1], a)
				if desc {
					c = -c
				}
				if c > 0 {
					t.Fatalf("sort %d desc %v: %s before %s", sort, desc, got[i-1].Username, a.Username)
				}
			}
		}
	}
	if got := all(model.AccountQuery{Prefix: "PC001"}); len(got) != 100 || got[0].Username != "pc00100" {
		t.Fatalf("prefix: %d accounts, first %s", len(got), got[0].Username)
	}
}

func compareAccounts(by model.AccountSort, a, b model.Account) int {
	switch by {
	case model.SortByBalance:
		if c := a.Balance.Cmp(b.Balance); c != 0 {
			return c
		}
	case model.SortByExpiry:
		if c := a.ExpiresAt.Compare(b.ExpiresAt); c != 0 {
			return c
		}
	default:
		return strings.Compare(a.Username, b.Username)
	}
	return int(a.ID - b.ID)
}

func TestGenerateCards(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	// The batch goes on after an existing card.
	if _, err := s.CreateAccount(ctx, root, cs["E"].ID, accountInput("card000041", "EUR")); err != nil {
		t.Fatal(err)
	}
	batch := model.CardBatch{Count: 1000, Prefix: "card", Digits: 6, PINLength: 10, Currency: "EUR", Balance: dec("20"),
		ExpiresAt: time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)}
	var calls, last int
	cards, err := s.GenerateCards(ctx, root, cs["C"].ID, batch, func(done, total int) {
		calls++
		if done < last || total != 2000 {
			t.Errorf("progress %d of %d after %d", done, total, last)
		}
		last = done
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cards) != 1000 || cards[0].Username != "card000042" || cards[999].Username != "card001041" || last != 2000 || calls < 3 {
		t.Fatalf("%d cards from %s to %s, progress %d in %d calls", len(cards), cards[0].Username, cards[len(cards)-1].Username, last, calls)
	}
	names, pins := map[string]bool{}, map[string]bool{}
	for _, c := range cards {
		if names[c.Username] || len(c.PIN) != 10 || strings.Trim(c.PIN, "0123456789") != "" {
			t.Fatalf("card %+v", c)
		}
		names[c.Username], pins[c.PIN] = true, true
	}
	if len(pins) < 990 {
		t.Fatalf("only %d different PINs in 1000", len(pins))
	}
	var n, hashed, total int64
	if err := s.db.QueryRow(`SELECT count(*), sum(password_hash LIKE '$argon2id$%'), sum(balance_micros) FROM accounts WHERE customer_id = ?`,
		cs["C"].ID).Scan(&n, &hashed, &total); err != nil {
		t.Fatal(err)
	}
	if n != 1000 || hashed != 1000 || total != 20_000_000*1000 {
		t.Fatalf("%d accounts, %d hashed, balance %d", n, hashed, total)
	}
	for _, c := range []model.Card{cards[0], cards[500], cards[999]} {
		var hash string
		if err := s.db.QueryRow("SELECT password_hash FROM accounts WHERE id = ?", c.ID).Scan(&hash); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(hash, c.PIN) || !model.CheckPassword(hash, c.PIN) || model.CheckPassword(hash, c.PIN+"0") {
			t.Fatalf("PIN of %s not stored as its hash", c.Username)
		}
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() || r.Accounts != 1001 {
		t.Fatalf("check: %+v (%v)", r, err)
	}
	// Not enough numbers left in the digits.
	before := dump(t, s)
	small := model.CardBatch{Count: 5, Prefix: "card", Digits: 3, PINLength: 4, Currency: "EUR"}
	if _, err := s.GenerateCards(ctx, root, cs["C"].ID, model.CardBatch{Count: 997, Prefix: "card", Digits: 3, PINLength: 4, Currency: "EUR"}, nil); err != nil {
		t.Fatal(err)
	}
	before = dump(t, s)
	if _, err := s.GenerateCards(ctx, root, cs["C"].ID, small, nil); fieldCode(err, "digits") != model.CodeOutOfRange {
		t.Fatalf("full serials: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused batch changed the file")
	}
}

func TestGenerateCardsCancel(t *testing.T) {
	s, root, cs, _ := manual(t)
	before := dump(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := s.GenerateCards(ctx, root, cs["C"].ID, model.CardBatch{Count: 5000, Prefix: "x", Digits: 6, PINLength: 6,
		Currency: "EUR"}, func(done, total int) {
		if done > 3000 { // while writing: the transaction must roll back
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled batch: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a cancelled batch changed the file")
	}
}

func TestCardBatchValidation(t *testing.T) {
	good := model.CardBatch{Count: 10, Prefix: "pre", Digits: 4, PINLength: 6, Currency: "EUR"}
	change := func(f func(*model.CardBatch)) model.CardBatch { b := good; f(&b); return b }
	tests := []struct {
		b     model.CardBatch
		field string
	}{
		{change(func(b *model.CardBatch) { b.Count = 0 }), "count"},
		{change(func(b *model.CardBatch) { b.Count = 100_001 }), "count"},
		{change(func(b *model.CardBatch) { b.Digits = 2; b.Count = 101 }), "digits"},
		{change(func(b *model.CardBatch) { b.Digits = 13 }), "digits"},
		{change(func(b *model.CardBatch) { b.Prefix = "a b" }), "prefix"},
		{change(func(b *model.CardBatch) { b.Prefix = ""; b.Digits = 2 }), "prefix"},
		{change(func(b *model.CardBatch) { b.Prefix = strings.Repeat("p", 61) }), "prefix"},
		{change(func(b *model.CardBatch) { b.PINLength = 3 }), "pin_length"},
		{change(func(b *model.CardBatch) { b.Currency = "" }), "currency"},
		{change(func(b *model.CardBatch) { b.Balance = dec("-1") }), "balance"},
	}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if model.FieldErrors(tt.b.Validate()).For(tt.field) == nil {
			t.Errorf("%+v: no error on %s", tt.b, tt.field)
		}
	}
}

func TestPaymentsAndCheckCoverAccounts(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	a, err := s.CreateAccount(ctx, root, cs["C"].ID, accountInput("pay.acct", "EUR"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntry(ctx, root, model.AccountLedger(a.ID), entryIn(model.EntryAddFunds, "12.5", "EUR", "p1")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryAddFunds, "3", "EUR", "p2")); err != nil {
		t.Fatal(err)
	}
	lines, err := s.Payments(ctx, root, cs["A"].ID, time.Time{}, time.Now().Add(time.Hour))
	if err != nil || len(lines) != 2 {
		t.Fatalf("payments %+v, %v", lines, err)
	}
	if l := lines[0]; l.AccountID != 0 || !l.Amount.Equal(dec("3")) {
		t.Fatalf("customer line %+v", l)
	}
	if l := lines[1]; l.AccountID != a.ID || l.Username != "pay.acct" || l.Name != "C" || !l.Amount.Equal(dec("12.5")) || l.Count != 1 {
		t.Fatalf("account line %+v", l)
	}
	tamperFound(t, s, fmt.Sprintf("account %d ", a.ID), "UPDATE accounts SET balance_micros = balance_micros + 1 WHERE id = ?", a.ID)
}

func TestAccountCountsFollowEveryChange(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	a, err := s.CreateAccount(ctx, root, cs["C"].ID, accountInput("count.1", "EUR"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAccount(ctx, root, cs["C"].ID, accountInput("count.2", "EUR")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GenerateCards(ctx, root, cs["C"].ID, model.CardBatch{Count: 30, Prefix: "cc", Digits: 3, PINLength: 4, Currency: "EUR"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAccount(ctx, root, a.ID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []model.AccountQuery{{}, {Prefix: "cc"}, {Prefix: "count"}} {
		p, err := s.Accounts(ctx, root, cs["C"].ID, q)
		want := map[string]int{"": 31, "cc": 30, "count": 1}[q.Prefix]
		if err != nil || p.Total != want {
			t.Fatalf("prefix %q: total %d, want %d (%v)", q.Prefix, p.Total, want, err)
		}
	}
	if c, err := s.Customer(ctx, root, cs["C"].ID); err != nil || c.Accounts != 31 {
		t.Fatalf("customer shows %d accounts (%v)", c.Accounts, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v (%v)", r, err)
	}
	if _, err := s.db.Exec("UPDATE customers SET live_accounts = 5 WHERE id = ?", cs["C"].ID); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(ctx); err != nil || r.OK() || !strings.Contains(r.Mismatches[0], "count of its accounts") {
		t.Fatalf("a wrong count passed: %+v (%v)", r, err)
	}
}
