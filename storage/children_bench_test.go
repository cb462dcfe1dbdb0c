package storage

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// bigBranch builds, in a temporary file, one customer with n direct
// customers named as the demo names them ("Atlas Call 10004"), every tenth
// with a sub-customer and every seventh with an account, so both flags
// vary. It returns the store, the root session and the big customer.
func bigBranch(b *testing.B, n int) (*Store, model.Session, model.ID) {
	ctx := context.Background()
	s, err := Open(filepath.Join(b.TempDir(), "branch.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	root, err := s.CreateRoot(ctx, rootInput())
	if err != nil {
		b.Fatal(err)
	}
	tariff, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Standard", Currency: "USD"})
	if err != nil {
		b.Fatal(err)
	}
	big, err := s.CreateCustomer(ctx, root, root.CustomerID, customerInput("Big Reseller", tariff.ID))
	if err != nil {
		b.Fatal(err)
	}
	err = s.bulkWrite(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO customers (id, parent_id, path, depth, name, name_key, sort_key,
			language, time_zone, tariff_id, currency, balance_micros, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'en', 'UTC', ?, 'USD', ?, 'x', 'x')`)
		if err != nil {
			return err
		}
		defer ins.Close()
		first, err := nextID(ctx, tx, "customers")
		if err != nil {
			return err
		}
		add := func(id, parent model.ID, path string, depth int, name string) error {
			_, err := ins.ExecContext(ctx, id, parent, path, depth, name, model.Key(name), model.SortKey(name),
				tariff.ID, int64(id)*10_000)
			return err
		}
		next := first + model.ID(n)
		bigPath := fmt.Sprintf("/%d/%d/", root.CustomerID, big.ID)
		for i := range n {
			id := first + model.ID(i)
			path := fmt.Sprintf("%s%d/", bigPath, id)
			if err := add(id, big.ID, path, 2, fmt.Sprintf("Atlas Call %d", (i*7919)%(n*10))); err != nil {
				return err
			}
			if i%10 == 0 {
				if err := add(next, id, fmt.Sprintf("%s%d/", path, next), 3, fmt.Sprintf("Sub %d", next)); err != nil {
					return err
				}
				next++
			}
			if i%7 == 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO accounts (customer_id, username, username_key, username_sort,
					currency, created_at, updated_at) VALUES (?, ?, ?, ?, 'USD', 'x', 'x')`,
					id, fmt.Sprint("u", id), fmt.Sprint("u", id), model.SortKey(fmt.Sprint("u", id))); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	return s, root, big.ID
}

// BenchmarkChildren10000 opens a branch of 10,000 children with
// Store.Children (the tree's own path: scope check, rows, both flags,
// money as decimals) and, alternated in the same loop, with the bare
// query the scale table compares it with (the same rows in the same
// index order, no flags, columns not read), on a connection of its own
// with the same pragmas. For reference it also times the flags as the
// store read them before migration 7, a probe per row. Reports ms-store,
// ms-bare, ms-probes and x-bare = store ÷ bare (target ≤ 3).
func BenchmarkChildren10000(b *testing.B) {
	const n = 10_000
	ctx := context.Background()
	s, root, big := bigBranch(b, n)
	bare, err := sql.Open("sqlite", BareDSN(s.path))
	if err != nil {
		b.Fatal(err)
	}
	defer bare.Close()
	count := func(query string) {
		rows, err := bare.Query(query, big)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		got := 0
		for rows.Next() {
			got++
		}
		if err := rows.Err(); err != nil || got != n {
			b.Fatalf("%d rows, %v", got, err)
		}
	}
	const bareQuery = `SELECT id, name, balance_micros FROM customers WHERE parent_id = ? AND archived_at IS NULL
		ORDER BY sort_key`
	const probesQuery = `SELECT c.id, EXISTS (SELECT 1 FROM customers k WHERE k.parent_id = c.id AND k.archived_at IS NULL),
		EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = c.id AND a.archived_at IS NULL)
		FROM customers c WHERE c.parent_id = ? AND c.archived_at IS NULL ORDER BY c.sort_key`
	var store, plain, probes time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		rows, err := s.Children(ctx, root, big)
		store += time.Since(start)
		if err != nil || len(rows) != n {
			b.Fatalf("%d children, %v", len(rows), err)
		}
		start = time.Now()
		count(bareQuery)
		plain += time.Since(start)
		start = time.Now()
		count(probesQuery)
		probes += time.Since(start)
	}
	per := func(d time.Duration) float64 { return millis(d) / float64(b.N) }
	b.ReportMetric(per(store), "ms-store")
	b.ReportMetric(per(plain), "ms-bare")
	b.ReportMetric(per(probes), "ms-probes")
	b.ReportMetric(float64(store)/float64(plain), "x-bare")
}
