package storage

import (
	"context"
	"fmt"
	"testing"

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
// balance, the cached totals agree with the ledger, and a new customer can
// be added below the old one.
func checkUpgraded(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
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
