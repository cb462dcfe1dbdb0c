package access

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
)

// TestAuditDetailsOfEveryWriter makes the store write every kind of event
// that has details, then reads the log: each event's details must be read
// and said in German (so a new wording in storage fails here, instead of
// showing English to a German clerk), and the stored text stays English.
func TestAuditDetailsOfEveryWriter(t *testing.T) {
	store, err := storage.Open(filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	root, err := store.CreateRoot(ctx, model.RootInput{Name: "Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC", FirstTariff: "Standard, USD"})
	must(err)
	tariffs, err := store.Tariffs(ctx, root)
	must(err)
	cust := func(name string) model.CustomerInput {
		return model.CustomerInput{Name: name, TariffID: tariffs[0].ID, TimeZone: "UTC", WebLogin: "login." + strings.ToLower(name[:1]),
			Password: "secret pass", PasswordAgain: "secret pass", Language: "en", Balance: decimal.RequireFromString("10.5")}
	}
	a, err := store.CreateCustomer(ctx, root, root.CustomerID, cust("A"))
	must(err)
	b, err := store.CreateCustomer(ctx, root, root.CustomerID, cust("B"))
	must(err)
	in := cust("A; renamed")
	in.Language, in.Blocked, in.Notes, in.Password, in.PasswordAgain = "de", true, "line → one; \"two\"", "other pass", "other pass"
	_, err = store.UpdateCustomer(ctx, root, a.ID, in)
	must(err)
	must(store.MoveCustomer(ctx, root, a.ID, b.ID))
	must(store.SetRights(ctx, root, b.ID, model.RightCustomersAdd|model.RightMaintenance))
	must(store.SetRights(ctx, root, b.ID, 0))
	must(store.SetOwnLanguage(ctx, root, "fr"))
	_, err = store.AddEntry(ctx, root, model.CustomerLedger(b.ID), model.EntryInput{Kind: model.EntryAddFunds,
		Amount: decimal.RequireFromString("1234.5"), Currency: "USD", Key: "k1"})
	must(err)
	_, err = store.SetExchangeRate(ctx, root, "EUR", decimal.RequireFromString("0.925"))
	must(err)
	tariff, err := store.CreateTariff(ctx, root, model.TariffInput{Name: "Zone \"1\"", Currency: "EUR"})
	must(err)
	_, err = store.UpdateTariff(ctx, root, tariff.ID, model.TariffInput{Name: "Zone 2", Currency: "EUR"})
	must(err)
	rate, err := store.SaveRate(ctx, root, tariff.ID, model.Rate{Prefix: "49", Price: decimal.RequireFromString("0.125"),
		ConnectFee: decimal.RequireFromString("0.05"), FirstInterval: 60, NextInterval: 60})
	must(err)
	must(store.DeleteRate(ctx, root, tariff.ID, rate.ID))
	_, err = store.ImportRates(ctx, root, tariff.ID, []model.Rate{{Prefix: "44", Price: decimal.RequireFromString("0.1"),
		FirstInterval: 60, NextInterval: 60}})
	must(err)
	acct, err := store.CreateAccount(ctx, root, b.ID, model.AccountInput{Username: "acct.one", Password: "secret pass",
		PasswordAgain: "secret pass", Currency: "USD", Balance: decimal.RequireFromString("3")})
	must(err)
	_, err = store.UpdateAccount(ctx, root, acct.ID, model.AccountInput{Username: "acct.two", Description: "desk",
		Currency: "USD", Balance: decimal.RequireFromString("3"), ExpiresAt: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)})
	must(err)
	_, err = store.GenerateCards(ctx, root, b.ID, model.CardBatch{Count: 3, Prefix: "card", Digits: 4, PINLength: 6,
		Currency: "USD", Balance: decimal.RequireFromString("5")}, nil)
	must(err)

	_, err = store.SetExchangeRate(ctx, root, "EUR", decimal.RequireFromString("0.92"))
	must(err)
	batch, codes, err := store.CreateVouchers(ctx, root, b.ID, model.VoucherBatchInput{Count: 3, Value: decimal.RequireFromString("5"),
		Currency: "EUR", ExpiresAt: time.Now().Add(time.Hour), Label: `Shop "A"`}, nil)
	must(err)
	_, err = store.RedeemVoucher(ctx, root, acct.ID, codes[0].Code)
	must(err)
	_, err = store.VoidVouchers(ctx, root, batch.ID, "printed twice")
	must(err)

	events, err := store.AuditLog(ctx, root, 0, 1000)
	must(err)
	de := i18n.New(i18n.German)
	seen := map[string]bool{}
	for _, e := range events {
		if e.Details == "" {
			continue
		}
		seen[e.Action] = true
		got, ok := auditDetails(de, e.Action, e.Details)
		if !ok {
			t.Errorf("%s: details %q not read", e.Action, e.Details)
			continue
		}
		for _, english := range []string{"opening balance", "booked", "balance ", "under ", "was ", "cards", "added",
			"updated", "password changed", "web login", "Blocked", "prefix", "price", "none", "true", "Customers",
			"batch", "vouchers", "last day", "reason"} {
			if strings.Contains(got, english) {
				t.Errorf("%s: %q still says %q in German (stored %q)", e.Action, got, english, e.Details)
			}
		}
	}
	for _, action := range []string{"customer.create", "customer.update", "customer.move", "permissions.set",
		"customer.language", "entry.add_funds", "exchange_rate.set", "tariff.create", "tariff.update", "rate.save",
		"rate.delete", "rate.import", "account.create", "account.update", "account.generate",
		"voucher.create", "voucher.redeem", "voucher.void"} {
		if !seen[action] {
			t.Errorf("no %s event with details was written", action)
		}
	}
}

func TestAuditDetailsWords(t *testing.T) {
	de := i18n.New(i18n.German)
	en := i18n.New(i18n.English)
	cases := []struct {
		tr            *i18n.Translator
		action, store string
		want          string
	}{
		{de, "entry.add_funds", "1234.5 USD, booked 1234.5, balance 1245", "1.234,50 USD, gebucht 1.234,5, Saldo 1.245"},
		{en, "entry.add_funds", "1234.5 USD, booked 1234.5, balance 1245", "USD 1,234.50, booked 1,234.5, balance 1,245"},
		{de, "customer.create", "tariff Standard, USD, opening balance 10.5 USD", "Tarif Standard, USD, Anfangssaldo 10,50 USD"},
		{de, "customer.update", `name: "A" → "B; C"; blocked: "false" → "true"; language: "en" → "de"; password changed`,
			`Name: "A" → "B; C"; Gesperrt: Nein → Ja; Sprache: English → Deutsch; Passwort geändert`},
		{de, "permissions.set", "customers.add, maintenance",
			RightName(de, model.RightCustomersAdd) + ", " + RightName(de, model.RightMaintenance)},
		{de, "permissions.set", "none", "keine Rechte"},
		{de, "customer.language", "fr", "Français"},
		{de, "rate.import", "2 added, 1 updated", "hinzugefügt: 2, geändert: 1"},
		{de, "account.update", `expires: "0001-01-01T00:00:00.000000Z" → "2030-01-02T00:00:00.000000Z"`, "Läuft ab: nie → 02.01.2030"},
		{de, "calls.import", "20 calls, 18 rated, 2 unrated, 0 duplicates, 1 skipped, 6 entries",
			"Anrufe: 20, tarifiert: 18, nicht tarifiert: 2, Duplikate: 0, fehlerhaft: 1, Buchungen: 6"},
		{en, "calls.undo", "import 3, 6 entries reversed: wrong file: again", "import 3, entries reversed: 6, reason: wrong file: again"},
		{en, "calls.rerate", "import 3: 2 of 2 unrated calls rated, 2 entries", "import 3: 2 of 2 unrated calls rated, entries: 2"},
		// Unknown wording (an older or newer file): shown as stored.
		{de, "customer.update", "something new", "something new"},
		{de, "tariff.update", "was unquoted", "was unquoted"},
		{de, "entry.debit", "five dollars", "five dollars"},
	}
	for _, c := range cases {
		got := AuditDetails(c.tr, model.AuditEvent{Action: c.action, Details: c.store})
		if got != c.want {
			t.Errorf("%s %q in %s:\n got %q\nwant %q", c.action, c.store, c.tr.Lang(), got, c.want)
		}
	}
}

func TestAuditActorIsNeverEmpty(t *testing.T) {
	de := i18n.New(i18n.German)
	if got := AuditActor(de, model.AuditEvent{Actor: "Kim", Action: "customer.create"}); got != "Kim" {
		t.Errorf("named actor: %q", got)
	}
	above := AuditActor(de, model.AuditEvent{Action: "customer.create"})
	failed := AuditActor(de, model.AuditEvent{Action: "signin.failed"})
	if above == "" || above == "—" || failed == "" || above == failed || above == "an owner above you" {
		t.Errorf("unnamed actors: %q and %q", above, failed)
	}
}
