package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestVersion10LedgerRebuiltForCalls opens a version 10 file whose ledger
// holds entries and reversals of them: migration 0011 rebuilds entries to
// admit the 'calls' kind, and every entry keeps its id, its reversal link,
// and the table its indexes and its no-update and no-delete triggers.
func TestVersion10LedgerRebuiltForCalls(t *testing.T) {
	withMigrationsUpTo(t, 10)
	s, path := openTemp(t)
	ctx := context.Background()
	sess := createRootWith(t, s, "Europe")
	tariffs, err := s.Tariffs(ctx, sess)
	if err != nil || len(tariffs) != 1 {
		t.Fatal(tariffs, err)
	}
	c, err := s.CreateCustomer(ctx, sess, sess.CustomerID, customerInput("Old Shop", tariffs[0].ID))
	if err != nil {
		t.Fatal(err)
	}
	// Plain SQL: today's entry reads join tables a version 10 file lacks.
	var reversed []int64
	for i := range 3 {
		var id int64
		if err := s.db.QueryRow(`INSERT INTO entries (customer_id, kind, entered_micros, entered_currency, rate, booked_micros,
			balance_after_micros, idempotency_key, created_by, created_at) VALUES (?, 'add_funds', 2000000, ?, '1', 2000000, 0,
			?, 1, 'x') RETURNING id`, c.ID, c.Currency, fmt.Sprint("k", i)).Scan(&id); err != nil {
			t.Fatal(err)
		}
		if i != 1 {
			var r int64
			if err := s.db.QueryRow(`INSERT INTO entries (customer_id, kind, entered_micros, entered_currency, rate,
				booked_micros, balance_after_micros, notes, reverses_id, created_by, created_at)
				VALUES (?, 'reversal', 2000000, ?, '1', -2000000, 0, 'typo', ?, 1, 'x') RETURNING id`,
				c.ID, c.Currency, id).Scan(&r); err != nil {
				t.Fatal(err)
			}
			reversed = append(reversed, id, r)
		}
	}
	type row struct {
		id, reverses int64
		kind         string
		booked       int64
	}
	read := func(s *Store) []row {
		rows, err := s.db.Query(`SELECT id, ifnull(reverses_id, 0), kind, booked_micros FROM entries ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.reverses, &r.kind, &r.booked); err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		return out
	}
	before := read(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	migrationSet = loadMigrations()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after := read(s)
	if len(after) != len(before) || len(before) != 6 {
		t.Fatalf("%d entries before, %d after", len(before), len(after))
	}
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("entry %d: %+v before, %+v after", i, before[i], after[i])
		}
	}
	var fk int
	if err := s.db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil || fk != 0 {
		t.Fatalf("foreign key check: %d, %v", fk, err)
	}
	var schema string
	if err := s.db.QueryRow(`SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema
		WHERE tbl_name = 'entries' ORDER BY name)`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"entries_customer", "entries_account", "entries_kind_time", "entries_no_update",
		"entries_no_delete", "sqlite_autoindex_entries_1", "sqlite_autoindex_entries_2"} {
		if !strings.Contains(schema, want) {
			t.Errorf("entries lacks %s: %s", want, schema)
		}
	}
	if strings.Contains(schema, "old") {
		t.Errorf("something of the old table is left: %s", schema)
	}
	var sql string
	if err := s.db.QueryRow(`SELECT group_concat(sql, ' ') FROM sqlite_schema`).Scan(&sql); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sql, "entries_old") {
		t.Errorf("a reference to the old table is left")
	}
	if _, err := s.db.Exec(`UPDATE entries SET notes = 'x' WHERE id = ?`, reversed[0]); err == nil {
		t.Error("an entry could be changed")
	}
	if _, err := s.db.Exec(`DELETE FROM entries WHERE id = ?`, reversed[1]); err == nil {
		t.Error("an entry could be deleted")
	}
	// A second reversal of an entry is still refused by the schema.
	if _, err := s.db.Exec(`INSERT INTO entries (customer_id, kind, entered_micros, entered_currency, rate, booked_micros,
		balance_after_micros, reverses_id, created_by, created_at) VALUES (?, 'reversal', 1, ?, '1', 1, 1, ?, 1, 'x')`,
		c.ID, c.Currency, reversed[0]); err == nil {
		t.Error("an entry could be reversed twice")
	}
	if _, err := s.db.Exec(`INSERT INTO entries (customer_id, kind, entered_micros, entered_currency, rate, booked_micros,
		balance_after_micros, created_by, created_at) VALUES (?, 'calls', 0, ?, '1', 0, 0, 1, 'x')`, c.ID, c.Currency); err != nil {
		t.Errorf("a calls entry: %v", err)
	}
}
