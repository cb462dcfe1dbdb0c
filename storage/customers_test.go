package storage

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func customerInput(name string, tariff model.ID) model.CustomerInput {
	login := "cust." + strings.ToLower(strings.ReplaceAll(name, " ", "."))
	return model.CustomerInput{Name: name, TariffID: tariff, TimeZone: "Europe/Berlin", WebLogin: login,
		Password: "secret pass", PasswordAgain: "secret pass", Language: "de", Balance: dec("100.50"),
		CreditLimit: dec("50"), Company: name + " GmbH", Email: login + "@example.com"}
}

// manual builds the hierarchy of the manual's figure: Root owns A and B,
// A owns C and D, B owns E. It returns the store, the root session and the
// customers by name.
func manual(t testing.TB) (*Store, model.Session, map[string]model.Customer, model.Tariff) {
	t.Helper()
	ctx := context.Background()
	s, root := setUp(t)
	eur, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Europe", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	cs := map[string]model.Customer{}
	add := func(name string, parent model.ID) {
		c, err := s.CreateCustomer(ctx, root, parent, customerInput(name, eur.ID))
		if err != nil {
			t.Fatalf("add %s: %v", name, err)
		}
		cs[name] = c
	}
	add("A", root.CustomerID)
	add("B", root.CustomerID)
	add("C", cs["A"].ID)
	add("D", cs["A"].ID)
	add("E", cs["B"].ID)
	return s, root, cs, eur
}

// sessionOf returns a session for a customer holding every right: the
// customer and every owner above it are granted everything in the file.
func sessionOf(t *testing.T, s *Store, id model.ID) model.Session {
	t.Helper()
	return sessionWith(t, s, id, model.AllRights)
}

// sessionWith returns a session for a customer holding exactly rights (its
// owners hold everything).
func sessionWith(t *testing.T, s *Store, id model.ID, rights model.Right) model.Session {
	t.Helper()
	var sess model.Session
	err := s.db.QueryRow("SELECT id, path, name, language, time_zone FROM customers WHERE id = ?", id).
		Scan(&sess.CustomerID, &sess.Path, &sess.Name, &sess.Language, &sess.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range chain(sess.Path)[1:] {
		r := model.AllRights
		if model.ID(v.(int64)) == id {
			r = rights
		}
		if _, err := s.db.Exec(`INSERT INTO permissions (customer_id, rights, granted_by, granted_at) VALUES (?, ?, 1, 'x')
			ON CONFLICT (customer_id) DO UPDATE SET rights = excluded.rights`, v, r); err != nil {
			t.Fatal(err)
		}
	}
	sess.Rights = rights
	return sess
}

func ledgerSum(t *testing.T, s *Store, id model.ID) (cached, sum int64) {
	t.Helper()
	if err := s.db.QueryRow(`SELECT balance_micros, (SELECT ifnull(sum(booked_micros), 0) FROM entries WHERE customer_id = c.id)
		FROM customers c WHERE id = ?`, id).Scan(&cached, &sum); err != nil {
		t.Fatal(err)
	}
	return
}

func TestCreateCustomer(t *testing.T) {
	ctx := context.Background()
	s, root, cs, eur := manual(t)
	a := cs["A"]
	if a.Currency != "EUR" || !a.Balance.Equal(dec("100.5")) || !a.CreditLimit.Equal(dec("50")) || a.TariffName != "Europe" {
		t.Fatalf("A: %+v", a)
	}
	if a.Language != "de" || a.TimeZone != "Europe/Berlin" || a.SubCustomers != 0 {
		t.Fatalf("A: %+v", a)
	}
	if a, err := s.Customer(ctx, root, a.ID); err != nil || a.SubCustomers != 2 {
		t.Fatalf("A has %d sub-customers (%v)", a.SubCustomers, err)
	}
	// The opening balance is the first ledger entry.
	if cached, sum := ledgerSum(t, s, a.ID); cached != sum || cached != 100_500_000 {
		t.Fatalf("cached %d, entries %d", cached, sum)
	}
	var kind string
	if err := s.db.QueryRow("SELECT kind FROM entries WHERE customer_id = ?", a.ID).Scan(&kind); err != nil {
		t.Fatal(err)
	}
	if kind != "opening" {
		t.Fatalf("first entry is %q", kind)
	}
	var hash string
	if err := s.db.QueryRow("SELECT password_hash FROM customers WHERE id = ?", a.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !model.CheckPassword(hash, "secret pass") {
		t.Fatal("password not stored as its hash")
	}

	// Negative and zero opening balances are fine.
	in := customerInput("Debtor", eur.ID)
	in.Balance = dec("-20")
	if c, err := s.CreateCustomer(ctx, root, root.CustomerID, in); err != nil || !c.Balance.Equal(dec("-20")) {
		t.Fatalf("negative opening: %+v %v", c, err)
	}
}

func TestCreateCustomerValidation(t *testing.T) {
	ctx := context.Background()
	s, root, cs, eur := manual(t)
	other, err := s.CreateTariff(ctx, sessionOf(t, s, cs["B"].ID), model.TariffInput{Name: "B's own", Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*model.CustomerInput)
		field  string
		code   model.Code
	}{
		{"empty name", func(in *model.CustomerInput) { in.Name = "  " }, "name", model.CodeRequired},
		{"long name", func(in *model.CustomerInput) { in.Name = strings.Repeat("n", 101) }, "name", model.CodeTooLong},
		{"duplicate name, other case", func(in *model.CustomerInput) { in.Name = "a" }, "name", model.CodeDuplicate},
		{"duplicate login", func(in *model.CustomerInput) { in.WebLogin = "CUST.A" }, "web_login", model.CodeDuplicate},
		{"short login", func(in *model.CustomerInput) { in.WebLogin = "xy" }, "web_login", model.CodeTooShort},
		{"login with space", func(in *model.CustomerInput) { in.WebLogin = "x y z" }, "web_login", model.CodeInvalidChars},
		{"no tariff", func(in *model.CustomerInput) { in.TariffID = 0 }, "tariff", model.CodeRequired},
		{"another owner's tariff", func(in *model.CustomerInput) { in.TariffID = other.ID }, "tariff", model.CodeInvalid},
		{"short password", func(in *model.CustomerInput) { in.Password, in.PasswordAgain = "short", "short" }, "password", model.CodeTooShort},
		{"password mismatch", func(in *model.CustomerInput) { in.PasswordAgain = "other pass" }, "password_again", model.CodeMismatch},
		{"bad e-mail", func(in *model.CustomerInput) { in.Email = "not-an-address" }, "email", model.CodeInvalid},
		{"e-mail with name", func(in *model.CustomerInput) { in.Email = "Bob <bob@example.com>" }, "email", model.CodeInvalid},
		{"negative credit", func(in *model.CustomerInput) { in.CreditLimit = dec("-1") }, "credit_limit", model.CodeOutOfRange},
		{"over-precise balance", func(in *model.CustomerInput) { in.Balance = dec("1.0000001") }, "balance", model.CodeTooPrecise},
		{"huge balance", func(in *model.CustomerInput) { in.Balance = dec("1e20") }, "balance", model.CodeOutOfRange},
		{"bad zone", func(in *model.CustomerInput) { in.TimeZone = "Nowhere/City" }, "time_zone", model.CodeUnknownZone},
		{"bad phone", func(in *model.CustomerInput) { in.Phone = "call me" }, "phone", model.CodeInvalidChars},
		{"control chars", func(in *model.CustomerInput) { in.Company = "a\x07b" }, "company", model.CodeInvalidChars},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := customerInput("New One", eur.ID)
			tt.change(&in)
			before := dump(t, s)
			_, err := s.CreateCustomer(ctx, root, cs["A"].ID, in)
			e := model.FieldErrors(err).For(tt.field)
			if e == nil || e.Code != tt.code {
				t.Fatalf("want %s on %s, got %v", tt.code, tt.field, err)
			}
			if dump(t, s) != before {
				t.Fatal("a refused customer changed the file")
			}
		})
	}
	// Text that is stored and shown back exactly.
	for _, name := range []string{`O'Brien "Ltd"`, `Robert'); DROP TABLE customers;--`, "Телеком 📞", "שלום עולם", "%_\\"} {
		in := customerInput("x", eur.ID)
		in.Name, in.WebLogin = name, "login"+string(rune('a'+len(name)%26))+strings.Repeat("x", len(name)%5)
		c, err := s.CreateCustomer(ctx, root, root.CustomerID, in)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if got, err := s.Customer(ctx, root, c.ID); err != nil || got.Name != name {
			t.Fatalf("stored %q, read %q (%v)", name, got.Name, err)
		}
	}
}

// dump is a cheap fingerprint of everything a refused call must not change.
func dump(t *testing.T, s *Store) string {
	t.Helper()
	var out string
	for _, q := range []string{
		"SELECT group_concat(id || ':' || name || ':' || path || ':' || ifnull(archived_at, '') || ':' || balance_micros, ',') FROM customers",
		"SELECT count(*) || ':' || ifnull(sum(booked_micros), 0) FROM entries",
		"SELECT count(*) FROM audit_log",
		"SELECT count(*) || ':' || count(used_at) || ':' || count(void_at) FROM vouchers",
		"SELECT count(*) || ':' || ifnull(sum(used), 0) || ':' || ifnull(sum(void), 0) FROM voucher_batches",
		"SELECT count(*) FROM voucher_failures",
	} {
		var v string
		if err := s.db.QueryRow(q).Scan(&v); err != nil {
			t.Fatal(err)
		}
		out += v + "|"
	}
	return out
}

func TestUpdateCustomer(t *testing.T) {
	ctx := context.Background()
	s, root, cs, eur := manual(t)
	a := cs["A"]
	var oldHash string
	if err := s.db.QueryRow("SELECT password_hash FROM customers WHERE id = ?", a.ID).Scan(&oldHash); err != nil {
		t.Fatal(err)
	}

	in := customerInput("A renamed", eur.ID)
	in.Password, in.PasswordAgain = "", ""
	in.Balance = dec("999999") // ignored: only Maintenance changes a balance
	got, err := s.UpdateCustomer(ctx, root, a.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "A renamed" || !got.Balance.Equal(dec("100.5")) {
		t.Fatalf("after update: %+v", got)
	}
	var hash string
	if err := s.db.QueryRow("SELECT password_hash FROM customers WHERE id = ?", a.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if hash != oldHash {
		t.Fatal("an empty password changed the password")
	}
	in.Password, in.PasswordAgain = "new secret", "new secret"
	if _, err := s.UpdateCustomer(ctx, root, a.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("SELECT password_hash FROM customers WHERE id = ?", a.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !model.CheckPassword(hash, "new secret") {
		t.Fatal("a typed password was not set")
	}
	var details string
	if err := s.db.QueryRow("SELECT details FROM audit_log WHERE action = 'customer.update' ORDER BY id DESC LIMIT 1").Scan(&details); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(details, "new secret") || !strings.Contains(details, "password changed") {
		t.Fatalf("audit details %q", details)
	}

	// Tariff: another EUR tariff is fine, a USD one is not.
	eur2, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Europe 2", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	usd, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Dollars", Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	in.Password, in.PasswordAgain = "", ""
	in.TariffID = eur2.ID
	if got, err = s.UpdateCustomer(ctx, root, a.ID, in); err != nil || got.TariffID != eur2.ID {
		t.Fatalf("same-currency tariff: %v", err)
	}
	in.TariffID = usd.ID
	_, err = s.UpdateCustomer(ctx, root, a.ID, in)
	if e := model.FieldErrors(err).For("tariff"); e == nil || e.Code != model.CodeLocked {
		t.Fatalf("other-currency tariff: %v", err)
	}
	// Duplicate of another customer's name.
	in.TariffID = eur2.ID
	in.Name = "b"
	if _, err := s.UpdateCustomer(ctx, root, a.ID, in); model.FieldErrors(err).For("name") == nil {
		t.Fatalf("duplicate name on update: %v", err)
	}
	// The root can be renamed; its money stays none.
	r, err := s.Customer(ctx, root, root.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	rin := model.CustomerInput{Name: "Owner", WebLogin: r.WebLogin, Language: "en", TimeZone: "UTC"}
	if got, err := s.UpdateCustomer(ctx, root, root.CustomerID, rin); err != nil || got.Name != "Owner" || got.TariffID != 0 {
		t.Fatalf("root update: %+v %v", got, err)
	}
}

func TestDeleteAndRestore(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	err := s.DeleteCustomer(ctx, root, cs["A"].ID)
	var me *model.Error
	if !errors.As(err, &me) || me.Code != model.CodeHasChildren || me.Params["customers"] != 2 || me.Params["accounts"] != 0 {
		t.Fatalf("delete of an owner: %v", err)
	}
	if err := s.DeleteCustomer(ctx, root, root.CustomerID); !errors.Is(err, model.ErrNotPermitted) {
		t.Fatalf("delete of the root: %v", err)
	}
	c := cs["C"]
	if err := s.DeleteCustomer(ctx, root, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Customer(ctx, root, c.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatal("a deleted customer is still found")
	}
	kids, err := s.Children(ctx, root, cs["A"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) != 1 || kids[0].Name != "D" {
		t.Fatalf("A's children after deleting C: %+v", kids)
	}
	var entries int
	if err := s.db.QueryRow("SELECT count(*) FROM entries WHERE customer_id = ?", c.ID).Scan(&entries); err != nil {
		t.Fatal(err)
	}
	if entries != 1 {
		t.Fatal("the deleted customer's history is gone")
	}
	deleted, err := s.DeletedCustomers(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	if len(deleted) != 1 || deleted[0].ID != c.ID || deleted[0].DeletedBy != "Switch Owner" {
		t.Fatalf("deleted list %+v", deleted)
	}
	// While C is deleted its name is free; a restore then clashes.
	eur := cs["A"].TariffID
	in := customerInput("C", eur)
	in.WebLogin = "cust.c2"
	clash, err := s.CreateCustomer(ctx, root, root.CustomerID, in)
	if err != nil {
		t.Fatal(err)
	}
	restoreWaitsForClash(t, "name", func() error { return s.RestoreCustomer(ctx, root, c.ID) },
		func() error { return s.DeleteCustomer(ctx, root, clash.ID) })
	if got, err := s.Customer(ctx, root, c.ID); err != nil || !got.Balance.Equal(dec("100.5")) {
		t.Fatalf("restored C: %+v %v", got, err)
	}
	// A customer under a deleted owner waits for the owner.
	if err := s.DeleteCustomer(ctx, root, cs["E"].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCustomer(ctx, root, cs["B"].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreCustomer(ctx, root, cs["E"].ID); model.CodeOf(err) != model.CodeOwnerArchived {
		t.Fatalf("restore under a deleted owner: %v", err)
	}
	if err := s.RestoreCustomer(ctx, root, cs["D"].ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("restore of a live customer: %v", err)
	}
}

func TestMoveCustomer(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	a, b, c := cs["A"], cs["B"], cs["C"]
	if err := s.MoveCustomer(ctx, root, a.ID, a.ID); model.CodeOf(err) != model.CodeUnderItself {
		t.Fatalf("move under itself: %v", err)
	}
	if err := s.MoveCustomer(ctx, root, a.ID, c.ID); model.CodeOf(err) != model.CodeUnderItself {
		t.Fatalf("move under a descendant: %v", err)
	}
	before := dump(t, s)
	if err := s.MoveCustomer(ctx, root, root.CustomerID, a.ID); !errors.Is(err, model.ErrNotPermitted) {
		t.Fatalf("move of the root: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused move changed the file")
	}
	// Move A, with C and D, under B.
	if err := s.MoveCustomer(ctx, root, a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	var badPaths int
	if err := s.db.QueryRow(`SELECT count(*) FROM customers c JOIN customers p ON p.id = c.parent_id
		WHERE c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1`).Scan(&badPaths); err != nil {
		t.Fatal(err)
	}
	if badPaths != 0 {
		t.Fatalf("%d customers with a wrong path after the move", badPaths)
	}
	anc, err := s.Ancestors(ctx, root, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(anc) != 3 || anc[0] != root.CustomerID || anc[1] != b.ID || anc[2] != a.ID {
		t.Fatalf("ancestors of C after the move: %v", anc)
	}
	kids, err := s.Children(ctx, root, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) != 2 {
		t.Fatalf("B's children: %+v", kids)
	}
	// Seen from B, C's ancestors start at B.
	if anc, err := s.Ancestors(ctx, sessionOf(t, s, b.ID), c.ID); err != nil || len(anc) != 2 || anc[0] != b.ID {
		t.Fatalf("ancestors seen from B: %v (%v)", anc, err)
	}
}

func TestSearchCustomers(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	names := func(hits []model.CustomerHit) string {
		var out []string
		for _, h := range hits {
			out = append(out, h.Name)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		sess  model.Session
		query string
		want  string
	}{
		{root, "d", "D"},         // name
		{root, "C GMBH", "C"},    // company, any case
		{root, "e@example", "E"}, // e-mail
		{root, "cust.b", "B"},    // login
		{root, "%", ""},          // wildcards are literal
		{root, "_", ""},          //
		{root, "example.com", "A,B,C,D,E"},
		{sessionOf(t, s, cs["A"].ID), "example.com", "A,C,D"}, // only A's subtree
		{sessionOf(t, s, cs["A"].ID), "cust.e", ""},
	}
	for _, tt := range tests {
		hits, err := s.SearchCustomers(ctx, tt.sess, tt.query, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(hits); got != tt.want {
			t.Errorf("%s searching %q: %q, want %q", tt.sess.Name, tt.query, got, tt.want)
		}
	}
}

func TestSubtreeBalancesAgainstBruteForce(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: underRace(3000, 1000), Seed: 5}, nil); err != nil {
		t.Fatal(err)
	}
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	churnSubtrees(t, s, root, underRace(300, 100))
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check after moves, deletes and entries: %+v, %v", r, err)
	}
	type row struct {
		path, cur string
		bal       int64
		archived  bool
	}
	var all []row
	rows, err := s.db.Query("SELECT path, ifnull(currency, ''), balance_micros, archived_at IS NOT NULL FROM customers")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.path, &r.cur, &r.bal, &r.archived); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	var ids []model.ID
	r2, err := s.db.Query("SELECT id FROM customers WHERE archived_at IS NULL ORDER BY random() LIMIT 30")
	if err != nil {
		t.Fatal(err)
	}
	for r2.Next() {
		var id model.ID
		if err := r2.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := r2.Close(); err != nil {
		t.Fatal(err)
	}
	ids = append(ids, root.CustomerID)
	for _, id := range ids {
		var path string
		if err := s.db.QueryRow("SELECT path FROM customers WHERE id = ?", id).Scan(&path); err != nil {
			t.Fatal(err)
		}
		want := map[string]int64{}
		for _, r := range all {
			if strings.HasPrefix(r.path, path) && r.cur != "" && !r.archived {
				want[r.cur] += r.bal
			}
		}
		got, err := s.SubtreeBalances(ctx, root, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%d: %d currencies, want %d", id, len(got), len(want))
		}
		for _, m := range got {
			if micros, err := model.ToMicros(m.Amount); err != nil || micros != want[string(m.Currency)] {
				t.Fatalf("%d %s: %d, want %d (%v)", id, m.Currency, micros, want[string(m.Currency)], err)
			}
		}
	}
}

// churnSubtrees changes the demo tree every way that moves a subtree
// total: entries, moves of whole branches, deletes and restores, a new
// customer.
func churnSubtrees(t *testing.T, s *Store, root model.Session, rounds int) {
	t.Helper()
	ctx := context.Background()
	rnd := rand.New(rand.NewPCG(7, 7))
	var ids []model.ID
	rows, err := s.db.Query("SELECT id FROM customers WHERE parent_id IS NOT NULL ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id model.ID
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	pick := func() model.ID { return ids[rnd.IntN(len(ids))] }
	var tariff model.ID
	if err := s.db.QueryRow("SELECT id FROM tariffs LIMIT 1").Scan(&tariff); err != nil {
		t.Fatal(err)
	}
	// A random pick may be archived by now (not found), under the other
	// pick (under itself) or an owner (has children): those refusals are
	// expected; anything else fails.
	for i := range rounds {
		id := pick()
		switch i % 4 {
		case 0:
			_, err := s.AddEntry(ctx, root, model.CustomerLedger(id), entryIn(model.EntryDebit, "12.5", "USD", fmt.Sprint("churn", i)))
			refusedAs(t, err, "entry", model.CodeNotFound)
		case 1:
			err := s.MoveCustomer(ctx, root, id, pick())
			refusedAs(t, err, "move", model.CodeNotFound, model.CodeUnderItself)
		case 2:
			err := s.DeleteCustomer(ctx, root, id)
			refusedAs(t, err, "delete", model.CodeNotFound, model.CodeHasChildren)
			if err == nil && i%8 == 2 {
				if err := s.RestoreCustomer(ctx, root, id); err != nil {
					t.Fatal(err)
				}
			}
		case 3:
			_, err := s.CreateCustomer(ctx, root, id, customerInput(fmt.Sprint("Churn ", i), tariff))
			refusedAs(t, err, "create", model.CodeNotFound)
		}
	}
}

// refusedAs fails the test unless err is nil or a refusal with one of the
// expected codes.
func refusedAs(t testing.TB, err error, what string, codes ...model.Code) {
	t.Helper()
	if err != nil && !slices.Contains(codes, model.CodeOf(err)) {
		t.Fatalf("%s: %v, want success or one of %v", what, err, codes)
	}
}

func TestCheckCatchesWrongSubtreeTotals(t *testing.T) {
	ctx := context.Background()
	s, _, cs, _ := manual(t)
	tamperFound(t, s, "subtree", "UPDATE subtree_totals SET balance_micros = balance_micros + 1 WHERE customer_id = ?", cs["A"].ID)
	if _, err := s.db.Exec("DELETE FROM subtree_totals WHERE customer_id = ?", cs["A"].ID); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(ctx); err != nil || r.OK() {
		t.Fatal("a missing total passed the check:", err)
	}
}

func TestExportCustomers(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	var paths []string
	err := s.ExportCustomers(ctx, sessionOf(t, s, cs["A"].ID), func(r model.ExportRow) error {
		paths = append(paths, strings.Join(r.Path, " / "))
		if r.ID == cs["A"].ID && r.ParentID != 0 {
			t.Error("the export tells A who owns it")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths, "|"); got != "A|A / C|A / D" {
		t.Fatalf("paths %q", got)
	}
	n := 0
	if err := s.ExportCustomers(ctx, root, func(model.ExportRow) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 6 {
		t.Fatalf("root exports %d customers", n)
	}
}

func TestScopeHidesOutsiders(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	a := sessionOf(t, s, cs["A"].ID)
	for _, id := range []model.ID{root.CustomerID, cs["B"].ID, cs["E"].ID, 99999} {
		if _, err := s.Customer(ctx, a, id); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("A reads %d: %v", id, err)
		}
		if _, err := s.Children(ctx, a, id); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("A lists children of %d: %v", id, err)
		}
		if err := s.DeleteCustomer(ctx, a, id); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("A deletes %d: %v", id, err)
		}
		if err := s.MoveCustomer(ctx, a, cs["C"].ID, id); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("A moves C under %d: %v", id, err)
		}
	}
	if self, err := s.Customer(ctx, a, a.CustomerID); err != nil || self.ParentID != 0 {
		t.Fatal("A learns its owner's id:", err)
	}
}

func TestCustomerAdjustsItselfButNotItsMoney(t *testing.T) {
	ctx := context.Background()
	s, _, cs, _ := manual(t)
	a := sessionOf(t, s, cs["A"].ID)
	self, err := s.Customer(ctx, a, a.CustomerID)
	if err != nil || self.ParentID != 0 || self.IsRoot() {
		t.Fatalf("A sees itself as %+v, %v", self, err)
	}
	if row, err := s.Row(ctx, a, a.CustomerID); err != nil || row.ParentID != 0 || row.IsRoot() {
		t.Fatalf("A's own row %+v (%v)", row, err)
	}
	in := customerInput("A", 0) // no tariff given, and a credit limit of 50 asked below
	in.Password, in.PasswordAgain = "", ""
	in.Company, in.CreditLimit = "A Holding", dec("5000")
	got, err := s.UpdateCustomer(ctx, a, a.CustomerID, in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Company != "A Holding" || got.TariffID != cs["A"].TariffID || !got.CreditLimit.Equal(dec("50")) {
		t.Fatalf("A after adjusting itself: %+v", got)
	}
}

func FuzzSearchCustomers(f *testing.F) {
	s, root, _, _ := manual(f)
	for _, seed := range []string{"a", "cust.", "\x00", "\"", `"""`, "%_\\", "\xff", "NEAR(a b)", "a OR b", "*", "^x", "-x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.SearchCustomers(context.Background(), root, q, 10); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
	})
}

func TestHugeTextIsRefusedQuickly(t *testing.T) {
	ctx := context.Background()
	s, root, _, eur := manual(t)
	size := underRace(10<<20, 1<<20) // still thousands of times any limit
	huge := strings.Repeat("10 MB ", size/6)
	in := customerInput("Huge", eur.ID)
	in.Name, in.Notes, in.Company = huge, huge, huge
	before := dump(t, s)
	start := time.Now()
	_, err := s.CreateCustomer(ctx, root, root.CustomerID, in)
	es := model.FieldErrors(err)
	if es.For("name") == nil || es.For("notes") == nil || es.For("company") == nil {
		t.Fatalf("10 MB texts: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("refusing 10 MB took %s", d)
	}
	if hits, err := s.SearchCustomers(ctx, root, huge, 10); err != nil || len(hits) != 0 {
		t.Fatalf("searching 10 MB: %v %v", hits, err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused customer changed the file")
	}
}

// TestSearchBoundsCommonWords: a common word reads a bounded number of
// candidates, and a subtree whose matches are not among them still finds
// every one of its matches.
func TestSearchBoundsCommonWords(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: 600, Seed: 3}, nil); err != nil {
		t.Fatal(err)
	}
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old := searchCandidates
	searchCandidates = 10
	defer func() { searchCandidates = old }()
	hits, err := s.SearchCustomers(ctx, root, "tel", 5)
	if err != nil || len(hits) != 5 {
		t.Fatalf("root: %d hits, %v", len(hits), err)
	}
	for i := 1; i < len(hits); i++ {
		if model.Key(hits[i-1].Name) > model.Key(hits[i].Name) {
			t.Fatalf("not in name order: %q before %q", hits[i-1].Name, hits[i].Name)
		}
	}
	// The newest top-level customer's subtree: its matches come after the
	// first ten in the index.
	var top model.ID
	if err := s.db.QueryRow(`SELECT c.id FROM customers c WHERE depth = 1 AND EXISTS (SELECT 1 FROM customers k
		WHERE k.path LIKE c.path || '%' AND k.name_key LIKE '%tel%') ORDER BY c.id DESC LIMIT 1`).Scan(&top); err != nil {
		t.Fatal(err)
	}
	sess := sessionOf(t, s, top)
	var want int
	if err := s.db.QueryRow(`SELECT count(*) FROM customers WHERE path LIKE ? AND archived_at IS NULL AND
		(name_key LIKE '%tel%' OR login_key LIKE '%tel%' OR lower(company) LIKE '%tel%' OR lower(email) LIKE '%tel%')`,
		sess.Path+"%").Scan(&want); err != nil {
		t.Fatal(err)
	}
	hits, err = s.SearchCustomers(ctx, sess, "tel", 1000)
	if err != nil || want == 0 || len(hits) != want {
		t.Fatalf("subtree: %d hits, want %d (%v)", len(hits), want, err)
	}
}
