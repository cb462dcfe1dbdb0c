package storage

import (
	"context"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/model"
)

// TestAccountTariff checks which tariff an account gets and may get: the
// customer's by default when the currencies agree, else the one usable
// tariff in the account's currency; one owned by the customer or an owner
// up to the session's customer, or the customer's own; never one in
// another currency; and a tariff an account uses cannot be deleted.
func TestAccountTariff(t *testing.T) {
	ctx := context.Background()
	s, root, cs, eur := manual(t)
	c := cs["C"].ID

	a, err := s.CreateAccount(ctx, root, c, accountInput("eur.default", "EUR"))
	if err != nil || a.TariffID != eur.ID || a.TariffName != "Europe" {
		t.Fatalf("an EUR account of an EUR customer: %+v, %v", a, err)
	}
	none, err := s.CreateAccount(ctx, root, c, accountInput("usd.none", "USD"))
	if err != nil || none.TariffID != 0 || none.TariffName != "" {
		t.Fatalf("a USD account with no USD tariff to use: %+v, %v", none, err)
	}

	sessA, sessB := sessionOf(t, s, cs["A"].ID), sessionOf(t, s, cs["B"].ID)
	usd, err := s.CreateTariff(ctx, sessA, model.TariffInput{Name: "A Dollars", Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.CreateTariff(ctx, sessB, model.TariffInput{Name: "B Euro", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	picked, err := s.CreateAccount(ctx, root, c, accountInput("usd.picked", "USD"))
	if err != nil || picked.TariffID != usd.ID || picked.TariffName != "A Dollars" {
		t.Fatalf("the one usable USD tariff: %+v, %v", picked, err)
	}

	for _, tc := range []struct {
		name   string
		sess   model.Session
		tariff model.ID
		cur    model.Currency
		code   model.Code
	}{
		{"another currency", root, eur.ID, "USD", model.CodeLocked},
		{"owned by a customer outside the owners", root, other.ID, "EUR", model.CodeInvalid},
		{"no such tariff", root, 9999, "EUR", model.CodeInvalid},
		{"owned by the customer's owner", root, usd.ID, "USD", ""},
		{"the customer's own, signed in as the customer", sessionOf(t, s, c), eur.ID, "EUR", ""},
		{"owned above the session's customer", sessionOf(t, s, c), usd.ID, "USD", model.CodeInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := accountInput("x."+strings.NewReplacer(" ", ".", "'", "", ",", "").Replace(tc.name), tc.cur)
			in.Username = in.Username[:min(len(in.Username), 30)]
			in.TariffID = tc.tariff
			got, err := s.CreateAccount(ctx, tc.sess, c, in)
			if fieldCode(err, "tariff") != tc.code || tc.code == "" && (err != nil || got.TariffID != tc.tariff) {
				t.Fatalf("got %+v, %v; want %q on tariff", got, err, tc.code)
			}
		})
	}

	// Updates: 0 keeps the tariff; a new currency picks again; a tariff in
	// another currency is refused.
	in := accountInput("eur.default", "EUR")
	in.Password, in.PasswordAgain = "", ""
	if got, err := s.UpdateAccount(ctx, root, a.ID, in); err != nil || got.TariffID != eur.ID {
		t.Fatalf("an update keeping the tariff: %+v, %v", got, err)
	}
	in.Currency = "USD"
	if got, err := s.UpdateAccount(ctx, root, a.ID, in); err != nil || got.TariffID != usd.ID {
		t.Fatalf("a new currency: %+v, %v", got, err)
	}
	in.TariffID = eur.ID
	if _, err := s.UpdateAccount(ctx, root, a.ID, in); fieldCode(err, "tariff") != model.CodeLocked {
		t.Fatalf("a USD account given an EUR tariff: %v", err)
	}
	in.Currency = "EUR"
	if got, err := s.UpdateAccount(ctx, root, a.ID, in); err != nil || got.TariffID != eur.ID || got.TariffName != "Europe" {
		t.Fatalf("back to EUR with its tariff: %+v, %v", got, err)
	}

	// The page shows the names too.
	page, err := s.Accounts(ctx, root, c, model.AccountQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, acc := range page.Accounts {
		if acc.TariffID != 0 && acc.TariffName == "" {
			t.Fatalf("no tariff name on the page: %+v", acc)
		}
	}

	// A batch of cards gets the customer's tariff in its currency.
	cards, err := s.GenerateCards(ctx, root, c, model.CardBatch{Count: 3, Prefix: "tcard", Digits: 4, PINLength: 4,
		Currency: "EUR"}, func(int, int) {})
	if err != nil {
		t.Fatal(err)
	}
	for _, card := range cards {
		if got, err := s.Account(ctx, root, card.ID); err != nil || got.TariffID != eur.ID {
			t.Fatalf("card %+v, %v", got, err)
		}
	}
	if _, err := s.GenerateCards(ctx, root, c, model.CardBatch{Count: 1, Prefix: "bcard", Digits: 4, PINLength: 4,
		Currency: "EUR", TariffID: other.ID}, func(int, int) {}); fieldCode(err, "tariff") != model.CodeInvalid {
		t.Fatalf("a batch with another customer's tariff: %v", err)
	}

	// A tariff an account uses cannot be deleted; once none does, it can.
	if err := s.DeleteTariff(ctx, sessA, usd.ID); model.CodeOf(err) != model.CodeInUse {
		t.Fatalf("deleting a tariff accounts use: %v", err)
	}
	if err := s.DeleteTariff(ctx, sessB, other.ID); err != nil {
		t.Fatalf("deleting a tariff nothing uses: %v", err)
	}

	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
	// What a damaged file would hold: a tariff of another branch, and one
	// in another currency.
	if _, err := s.db.Exec(`UPDATE accounts SET tariff_id = ? WHERE id = ?`, other.ID, picked.ID); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx)
	if err != nil || r.OK() || len(r.Mismatches) != 2 ||
		!strings.Contains(r.Mismatches[0], "may use") || !strings.Contains(r.Mismatches[1], "is in EUR, the account in USD") {
		t.Fatalf("check of a damaged file: %+v, %v", r, err)
	}
}

// Demo accounts are in their customer's currency and get its tariff.
func TestDemoAccountsHaveTheirCustomersTariff(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: 50, Accounts: 200, Seed: 3}, nil); err != nil {
		t.Fatal(err)
	}
	var without, total int
	if err := s.db.QueryRow(`SELECT count(*) - count(tariff_id), count(*) FROM accounts`).Scan(&without, &total); err != nil {
		t.Fatal(err)
	}
	if total != 200 || without != 0 {
		t.Fatalf("%d demo accounts, %d without a tariff", total, without)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}
