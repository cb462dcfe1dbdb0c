package storage

import (
	"context"
	"testing"
)

func TestGenerateDemo(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	entries := underRace(20_000, 5000)
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: 3000, Entries: entries, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	var n, maxDepth, maxFan, badPaths, entryMismatch, orphans int
	if err := s.db.QueryRow("SELECT count(*), max(depth) FROM customers WHERE parent_id IS NOT NULL").Scan(&n, &maxDepth); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("SELECT max(c) FROM (SELECT count(*) c FROM customers GROUP BY parent_id)").Scan(&maxFan); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow(`SELECT count(*) FROM customers c JOIN customers p ON p.id = c.parent_id
		WHERE c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1`).Scan(&badPaths); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow(`SELECT count(*) FROM customers c WHERE c.parent_id IS NOT NULL AND c.balance_micros <>
		(SELECT ifnull(sum(booked_micros), 0) FROM entries e WHERE e.customer_id = c.id)`).Scan(&entryMismatch); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow(`SELECT count(*) FROM customers c WHERE tariff_id IS NOT NULL AND currency <>
		(SELECT currency FROM tariffs t WHERE t.id = c.tariff_id)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if n != 3000 || maxDepth != demoMaxDepth || maxFan < 300 || badPaths != 0 || entryMismatch != 0 || orphans != 0 {
		t.Fatalf("customers %d, depth %d, max fan-out %d, bad paths %d, balance mismatches %d, currency mismatches %d",
			n, maxDepth, maxFan, badPaths, entryMismatch, orphans)
	}
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	top, err := s.Children(ctx, root, root.CustomerID)
	if err != nil || len(top) != 40 {
		t.Fatalf("top level: %d rows, %v", len(top), err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() || r.Entries != 3000+entries {
		t.Fatalf("check after demo: %+v %v", r, err)
	}
	// A second run adds to the same file without clashing.
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: 10, Seed: 2}, nil); err != nil {
		t.Fatal(err)
	}
}
