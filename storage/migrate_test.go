package storage

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// releasedNames are the names the migration files had when files were
// made with them; the number alone tracks a migration, so a renamed file
// must not be applied again.
var releasedNames = map[int]string{1: "0001_initial.sql", 3: "0003_accounts.sql"}

// withMigrationsUpTo makes the program know only the first n migrations,
// under their released names, as an older Branchbook did.
func withMigrationsUpTo(t *testing.T, n int) {
	t.Helper()
	saved := migrationSet
	t.Cleanup(func() { migrationSet = saved })
	migrationSet = append([]migration(nil), saved[:n]...)
	for i, m := range migrationSet {
		if old, ok := releasedNames[m.version]; ok {
			migrationSet[i].name = old
		}
	}
}

// TestOpensFilesOfEveryEarlierSchema makes a file with a root, a customer
// and its opening entry at every schema version, opens it with this
// program, and checks the upgrade kept and completed everything. The
// latest version's file, made under the released file names, is opened
// without a migration applied twice.
func TestOpensFilesOfEveryEarlierSchema(t *testing.T) {
	for v := 1; v <= latestVersion(); v++ {
		t.Run(fmt.Sprint("version ", v), func(t *testing.T) {
			path := fileAtVersion(t, v)
			s, err := Open(path)
			if err != nil {
				t.Fatalf("opening a version %d file: %v", v, err)
			}
			defer s.Close()
			if got := s.Info().SchemaVersion; got != latestVersion() {
				t.Fatalf("schema %d after opening, want %d", got, latestVersion())
			}
			checkUpgraded(t, s)
		})
	}
}

// fileAtVersion writes a file as the program of schema version v left it.
func fileAtVersion(t *testing.T, v int) string {
	t.Helper()
	withMigrationsUpTo(t, v)
	s, path := openTemp(t)
	hash, err := model.HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	// Plain SQL that every version's schema takes: today's queries may
	// read or write columns an old file does not have yet.
	steps := []struct {
		query string
		args  []any
	}{
		{`INSERT INTO customers (id, path, depth, name, name_key, web_login, login_key, password_hash, language,
			time_zone, created_at, updated_at)
			VALUES (1, '/1/', 0, 'Old Root', 'old root', 'root', 'root', ?, 'en', 'UTC', 'x', 'x')`, []any{hash}},
		{`INSERT INTO tariffs (id, owner_id, name, name_key, currency, created_at, updated_at)
			VALUES (1, 1, 'Old Tariff', 'old tariff', 'USD', 'x', 'x')`, nil},
		{`INSERT INTO customers (id, parent_id, path, depth, name, name_key, language, time_zone, tariff_id, currency,
			balance_micros, created_at, updated_at)
			SELECT 2, 1, '/1/2/', 1, 'Old Customer', 'old customer', 'en', 'UTC', id, currency, 7500000, 'x', 'x'
			FROM tariffs LIMIT 1`, nil},
		{`INSERT INTO entries (customer_id, kind, entered_micros, entered_currency, rate, booked_micros,
			balance_after_micros, created_by, created_at)
			SELECT 2, 'opening', 7500000, currency, '1', 7500000, 7500000, 1, 'x' FROM customers WHERE id = 2`, nil},
		{`INSERT INTO tariff_rates (id, tariff_id, prefix, description, price_micros, connect_fee_micros,
			first_interval, next_interval) VALUES (7, 1, '44', 'United Kingdom', 12345, 500, 30, 6)`, nil},
		{`INSERT INTO tariff_rates (id, tariff_id, prefix, price_micros) VALUES (8, 1, '4477', 20000)`, nil},
	}
	for _, st := range steps {
		res, err := s.db.Exec(st.query, st.args...)
		if err != nil {
			t.Fatalf("version %d: %v", v, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			t.Fatalf("version %d: %d rows, %v", v, n, err)
		}
	}
	if v >= 6 { // the program of that version wrote the sort keys itself
		for _, st := range []struct{ table, name string }{{"customers", "Old Root"}, {"customers", "Old Customer"}, {"tariffs", "Old Tariff"}} {
			if _, err := s.db.Exec("UPDATE "+st.table+" SET sort_key = ? WHERE name = ?", model.SortKey(st.name), st.name); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	migrationSet = loadMigrations() // this program's, for the caller to open with
	return path
}

// checkUpgraded checks an upgraded file: the old customer is read with its
// balance, the old rates with their prices, the cached totals agree with
// the ledger, a new customer can be added below the old one, and a price
// change can be stored as an end on the old rate and a new rate after it.
func checkUpgraded(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	checkUpgradedRates(t, s, root)
	old, err := s.Customer(ctx, root, 2)
	if err != nil || !old.Balance.Equal(dec("7.5")) {
		t.Fatalf("the old customer: %+v, %v", old, err)
	}
	in := customerInput("New After Upgrade", old.TariffID)
	if _, err := s.CreateCustomer(ctx, root, old.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAccount(ctx, root, old.ID, model.AccountInput{Username: "after.upgrade",
		Password: "secret pass", PasswordAgain: "secret pass", Currency: old.Currency, Balance: dec("1")}); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() || r.Customers != 3 || r.Accounts != 1 {
		t.Fatalf("check after the upgrade: %+v, %v", r, err)
	}
}

// checkUpgradedRates checks the rates an old file held: kept with their
// ids and prices, taking the tariff's allowances and in force always, and
// still one rate per prefix at a time.
func checkUpgradedRates(t *testing.T, s *Store, root model.Session) {
	t.Helper()
	ctx := context.Background()
	tariff, err := s.Tariff(ctx, root, 1)
	if err != nil || tariff.Rates != 2 || tariff.GraceSeconds != 0 || tariff.FreeSeconds != 0 {
		t.Fatalf("the old tariff: %+v, %v", tariff, err)
	}
	rates, err := s.TariffRates(ctx, root, 1)
	if err != nil || len(rates) != 2 {
		t.Fatalf("the old rates: %+v, %v", rates, err)
	}
	uk := rates[0]
	if uk.ID != 7 || uk.Prefix != "44" || uk.Description != "United Kingdom" || !uk.Price.Equal(dec("0.012345")) ||
		!uk.ConnectFee.Equal(dec("0.0005")) || uk.FirstInterval != 30 || uk.NextInterval != 6 ||
		uk.GraceSeconds != nil || uk.FreeSeconds != nil || !uk.EffectiveFrom.IsZero() || !uk.Ends.IsZero() {
		t.Fatalf("the old rate: %+v", uk)
	}
	if r := rates[1]; r.ID != 8 || r.Prefix != "4477" || r.FirstInterval != model.DefaultRateInterval || !r.Price.Equal(dec("0.02")) {
		t.Fatalf("the second old rate: %+v", r)
	}
	change := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	next := model.Rate{Prefix: "44", Price: dec("0.01"), FirstInterval: 60, NextInterval: 60, EffectiveFrom: change}
	if _, err := s.SaveRate(ctx, root, 1, next); model.FieldErrors(err).For("effective_from") == nil {
		t.Fatalf("a rate over the old open one: %v", err)
	}
	uk.Ends = change
	if _, err := s.SaveRate(ctx, root, 1, uk); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRate(ctx, root, 1, next); err != nil {
		t.Fatal(err)
	}
}

// TestVersion9AccountsGetTariffs opens a version 9 file whose accounts have
// no tariff yet: each gets its customer's when the currencies agree, else
// the one tariff in its currency that its customer or an owner above it
// owns, else none (its calls are unrated, no_tariff).
func TestVersion9AccountsGetTariffs(t *testing.T) {
	withMigrationsUpTo(t, 9)
	s, path := openTemp(t)
	hash, err := model.HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	steps := []string{
		`INSERT INTO customers (id, path, depth, name, name_key, sort_key, web_login, login_key, password_hash, language,
			time_zone, created_at, updated_at) VALUES (1, '/1/', 0, 'Old Root', 'old root', '` + model.SortKey("Old Root") +
			`', 'root', 'root', '` + hash + `', 'en', 'UTC', 'x', 'x')`,
		`INSERT INTO tariffs (id, owner_id, name, name_key, sort_key, currency, created_at, updated_at) VALUES
			(1, 1, 'Dollars', 'dollars', 'dollars', 'USD', 'x', 'x'),
			(2, 1, 'Euro', 'euro', 'euro', 'EUR', 'x', 'x'),
			(3, 1, 'Pounds', 'pounds', 'pounds', 'GBP', 'x', 'x'),
			(4, 1, 'More Pounds', 'more pounds', 'more pounds', 'GBP', 'x', 'x'),
			(5, 1, 'Yen', 'yen', 'yen', 'JPY', 'x', 'x')`,
		`INSERT INTO customers (id, parent_id, path, depth, name, name_key, sort_key, language, time_zone, tariff_id,
			currency, created_at, updated_at) VALUES
			(2, 1, '/1/2/', 1, 'Shop', 'shop', 'shop', 'en', 'UTC', 1, 'USD', 'x', 'x'),
			(3, 1, '/1/3/', 1, 'Other', 'other', 'other', 'en', 'UTC', 1, 'USD', 'x', 'x')`,
		`INSERT INTO tariffs (id, owner_id, name, name_key, sort_key, currency, created_at, updated_at) VALUES
			(6, 3, 'Other Yen', 'other yen', 'other yen', 'JPY', 'x', 'x')`,
		`INSERT INTO accounts (id, customer_id, username, username_key, username_sort, currency, created_at, updated_at) VALUES
			(10, 2, 'usd', 'usd', 'usd', 'USD', 'x', 'x'),
			(11, 2, 'eur', 'eur', 'eur', 'EUR', 'x', 'x'),
			(12, 2, 'gbp', 'gbp', 'gbp', 'GBP', 'x', 'x'),
			(13, 2, 'jpy', 'jpy', 'jpy', 'JPY', 'x', 'x'),
			(14, 2, 'chf', 'chf', 'chf', 'CHF', 'x', 'x')`,
	}
	for _, q := range steps {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	migrationSet = loadMigrations()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := map[model.ID]model.ID{
		10: 1, // the customer's tariff, in the same currency
		11: 2, // the one EUR tariff the customer may use
		12: 0, // two GBP tariffs: none picked
		13: 5, // the yen tariff of customer 3 is not on customer 2's path
		14: 0, // no CHF tariff
	}
	for id, tariff := range want {
		var got sql.NullInt64
		if err := s.db.QueryRow(`SELECT tariff_id FROM accounts WHERE id = ?`, id).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if model.ID(got.Int64) != tariff || got.Valid != (tariff != 0) {
			t.Errorf("account %d: tariff %v, want %d", id, got, tariff)
		}
	}
	ctx := context.Background()
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a, err := s.Account(ctx, root, 11); err != nil || a.TariffID != 2 || a.TariffName != "Euro" {
		t.Fatalf("an upgraded account: %+v, %v", a, err)
	}
	if r, err := s.Check(ctx); err != nil || len(r.Mismatches) != 0 {
		t.Fatalf("check after the upgrade: %+v, %v", r, err)
	}
}
