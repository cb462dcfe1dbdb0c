package storage

import (
	"context"

	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/model"
)

func childNames(t *testing.T, s *Store, sess model.Session, parent model.ID) []string {
	t.Helper()
	rows, err := s.Children(context.Background(), sess, parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows {
		names = append(names, r.Name)
	}
	return names
}

func TestListsSortNumbersByValue(t *testing.T) {
	ctx := context.Background()
	s, root := setUp(t)
	want := []string{"Atlas Call 2", "Atlas Call 1538", "Atlas Call 10004", "atlas call 10005", "Blue 9"}
	var tariff model.Tariff
	for i, name := range []string{"Plan 10", "Plan 9", "Plan 100"} {
		tr, err := s.CreateTariff(ctx, root, model.TariffInput{Name: name, Currency: "USD"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			tariff = tr
		}
	}
	byName := map[string]model.Customer{}
	for _, i := range []int{2, 0, 4, 3, 1} {
		c, err := s.CreateCustomer(ctx, root, root.CustomerID, customerInput(want[i], tariff.ID))
		if err != nil {
			t.Fatal(err)
		}
		byName[want[i]] = c
	}
	if got := childNames(t, s, root, root.CustomerID); !slices.Equal(got, want) {
		t.Fatalf("children %q, want %q", got, want)
	}
	// A rename takes the new place.
	in := customerInput("Atlas Call 3", tariff.ID)
	in.WebLogin, in.Password, in.PasswordAgain = "cust.blue.9", "", ""
	if _, err := s.UpdateCustomer(ctx, root, byName["Blue 9"].ID, in); err != nil {
		t.Fatal(err)
	}
	wantAfter := []string{"Atlas Call 2", "Atlas Call 3", "Atlas Call 1538", "Atlas Call 10004", "atlas call 10005"}
	if got := childNames(t, s, root, root.CustomerID); !slices.Equal(got, wantAfter) {
		t.Fatalf("after the rename %q, want %q", got, wantAfter)
	}
	ts, err := s.Tariffs(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	var tnames []string
	for _, tr := range ts {
		tnames = append(tnames, tr.Name)
	}
	if want := []string{"Plan 9", "Plan 10", "Plan 100"}; !slices.Equal(tnames, want) {
		t.Fatalf("tariffs %q, want %q", tnames, want)
	}
	hits, err := s.SearchCustomers(ctx, root, "at", 10)
	if err != nil || len(hits) != 5 || hits[1].Name != "Atlas Call 3" || hits[2].Name != "Atlas Call 1538" {
		t.Fatalf("short search in name order: %+v, %v", hits, err)
	}
	hits, err = s.SearchCustomers(ctx, root, "atlas", 10)
	if err != nil || len(hits) != 5 || hits[2].Name != "Atlas Call 1538" {
		t.Fatalf("search in name order: %+v, %v", hits, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}

func TestAccountsSortNumbersByValue(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	for _, u := range []string{"line10", "line9", "line100", "desk2", "desk10"} {
		if _, err := s.CreateAccount(ctx, root, cs["C"].ID, accountInput(u, "EUR")); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		q    model.AccountQuery
		want []string
	}{
		{model.AccountQuery{}, []string{"desk2", "desk10", "line9", "line10", "line100"}},
		{model.AccountQuery{Desc: true}, []string{"line100", "line10", "line9", "desk10", "desk2"}},
		{model.AccountQuery{Prefix: "LINE"}, []string{"line9", "line10", "line100"}},
		{model.AccountQuery{Prefix: "line1"}, []string{"line10", "line100"}},
	}
	for _, c := range cases {
		p, err := s.Accounts(ctx, root, cs["C"].ID, c.q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range p.Accounts {
			got = append(got, a.Username)
		}
		if !slices.Equal(got, c.want) || p.Total != len(c.want) {
			t.Errorf("%+v: %q (total %d), want %q", c.q, got, p.Total, c.want)
		}
	}
}

// TestChildrenUseTheSortIndex holds the children query to one index walk
// in name order: no temporary b-tree for the order, no search per row
// for the flags but the account count's primary key.
func TestChildrenUseTheSortIndex(t *testing.T) {
	s, _ := setUp(t)
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN SELECT `+rowColumns+` FROM customers c
		WHERE c.parent_id = ? AND c.archived_at IS NULL ORDER BY c.sort_key, c.id`, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(plan, "\n")
	if !strings.Contains(text, "USING INDEX customers_children (parent_id=?)") || strings.Contains(text, "TEMP B-TREE") ||
		strings.Contains(text, "SCAN") {
		t.Fatalf("plan:\n%s", text)
	}
}

// TestMigrationFillsSortKeysAndCounts writes a file at schema 5 by hand,
// as an older program left it, and opens it with this one.
func TestMigrationFillsSortKeysAndCounts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	saved := migrationSet
	migrationSet = saved[:5]
	old, err := Open(path)
	if err != nil {
		migrationSet = saved
		t.Fatal(err)
	}
	// One customer is archived: it counts for nobody.
	stmts := []string{
		`INSERT INTO customers (id, parent_id, path, depth, name, name_key, web_login, login_key, language, time_zone,
			created_at, updated_at) VALUES (1, NULL, '/1/', 0, 'Root', 'root', 'root', 'root', 'en', 'UTC', 'x', 'x')`,
		`INSERT INTO tariffs (id, owner_id, name, name_key, currency, created_at, updated_at)
			VALUES (1, 1, 'Plan 10', 'plan 10', 'USD', 'x', 'x')`,
		`INSERT INTO customers (id, parent_id, path, depth, name, name_key, language, time_zone, tariff_id, currency,
			created_at, updated_at) VALUES (2, 1, '/1/2/', 1, 'Atlas 10004', 'atlas 10004', 'en', 'UTC', 1, 'USD', 'x', 'x'),
			(3, 1, '/1/3/', 1, 'Atlas 1538', 'atlas 1538', 'en', 'UTC', 1, 'USD', 'x', 'x'),
			(4, 3, '/1/3/4/', 2, 'Sub 1', 'sub 1', 'en', 'UTC', 1, 'USD', 'x', 'x')`,
		`INSERT INTO customers (id, parent_id, path, depth, name, name_key, language, time_zone, tariff_id, currency,
			created_at, updated_at, archived_at) VALUES (5, 3, '/1/3/5/', 2, 'Gone 2', 'gone 2', 'en', 'UTC', 1, 'USD', 'x', 'x', 'x')`,
		`INSERT INTO accounts (customer_id, username, username_key, currency, created_at, updated_at)
			VALUES (2, 'u10', 'u10', 'USD', 'x', 'x'), (2, 'u9', 'u9', 'USD', 'x', 'x')`,
	}
	for _, q := range stmts {
		if _, err := old.db.Exec(q); err != nil {
			old.Close()
			migrationSet = saved
			t.Fatal(err)
		}
	}
	err = old.Close()
	migrationSet = saved
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var key string
	if err := s.db.QueryRow(`SELECT sort_key FROM customers WHERE id = 3`).Scan(&key); err != nil || key != model.SortKey("Atlas 1538") {
		t.Fatalf("sort key %q, %v", key, err)
	}
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Children(ctx, root, 1)
	if err != nil || len(rows) != 2 || rows[0].Name != "Atlas 1538" || !rows[0].HasChildren || rows[0].HasAccounts ||
		rows[1].HasChildren || !rows[1].HasAccounts {
		t.Fatalf("children after migrating: %+v, %v", rows, err)
	}
	r, err := s.Check(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("check after migrating: %+v, %v", r, err)
	}
}

func TestCheckCatchesStaleSortKeys(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	if _, err := s.db.Exec(`UPDATE customers SET name = 'Renamed 7' WHERE id = ?`, cs["D"].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`UPDATE tariffs SET sort_key = 'x' WHERE owner_id = ?`, root.CustomerID); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(r.Mismatches, "\n")
	if r.OK() || !strings.Contains(text, `customer`) || !strings.Contains(text, `"Renamed 7": its sort key`) ||
		!strings.Contains(text, "tariff") {
		t.Fatalf("stale keys passed: %+v", r)
	}
}

func TestStoreRefusesInvisibleCharacters(t *testing.T) {
	ctx := context.Background()
	s, root, cs, eur := manual(t)
	in := customerInput("Acme\u202Emoc.exe", eur.ID)
	if _, err := s.CreateCustomer(ctx, root, cs["A"].ID, in); fieldCode(err, "name") != model.CodeInvisibleChars {
		t.Fatalf("customer name: %v", err)
	}
	in = customerInput("Acme", eur.ID)
	in.Company = "Acme\u200B"
	if _, err := s.CreateCustomer(ctx, root, cs["A"].ID, in); fieldCode(err, "company") != model.CodeInvisibleChars {
		t.Fatalf("company: %v", err)
	}
	if _, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Cheap\u2066", Currency: "EUR"}); fieldCode(err, "name") != model.CodeInvisibleChars {
		t.Fatalf("tariff: %v", err)
	}
	if _, err := s.CreateAccount(ctx, root, cs["C"].ID, accountInput("line\uFEFF1", "EUR")); fieldCode(err, "username") != model.CodeInvisibleChars {
		t.Fatalf("account: %v", err)
	}
	// A name saved before the rule still opens.
	if _, err := s.db.Exec(`UPDATE customers SET name = 'Old' || char(8238) || 'name' WHERE id = ?`, cs["D"].ID); err != nil {
		t.Fatal(err)
	}
	c, err := s.Customer(ctx, root, cs["D"].ID)
	if err != nil || model.VisibleText(c.Name) != "Old⟨U+202E⟩name" {
		t.Fatalf("old name: %q, %v", c.Name, err)
	}
}
