package storage

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

func TestDemoCalls(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: 20, Seed: 4}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DemoCalls(ctx, 10, 1); model.CodeOf(err) != model.CodeRequired {
		t.Fatalf("calls without accounts: %v", err)
	}
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: 0, Accounts: 300, Seed: 4}, nil); err != nil {
		t.Fatal(err)
	}
	read := func() []model.CallRecord {
		d, err := s.DemoCalls(ctx, 1000, 9)
		if err != nil {
			t.Fatal(err)
		}
		if d.Accounts() != 300 {
			t.Fatalf("%d accounts", d.Accounts())
		}
		var all []model.CallRecord
		var sizes []int
		for d.Left() > 0 {
			src := d.Batch(300)
			n := 0
			for {
				c, err := src.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, c)
				n++
			}
			if src.Skipped() != 0 {
				t.Fatal("skipped")
			}
			sizes = append(sizes, n)
		}
		if len(sizes) != 4 || sizes[3] != 100 {
			t.Fatalf("batches of %v", sizes)
		}
		return all
	}
	calls := read()
	ids := map[string]bool{}
	answered := 0
	for i, c := range calls {
		if ids[c.ID] {
			t.Fatalf("id %s twice", c.ID)
		}
		ids[c.ID] = true
		if c.Answered {
			answered++
		} else if c.Seconds != 0 {
			t.Fatalf("unanswered with seconds: %+v", c)
		}
		digits := strings.TrimPrefix(strings.TrimPrefix(c.Called, "+"), "00")
		if len(digits) < 11 || strings.Trim(digits, "0123456789") != "" || c.Seconds < 0 || c.Seconds > 7200 {
			t.Fatalf("call %+v", c)
		}
		if i > 0 && c.Start.Before(calls[i-1].Start.Add(-demoCallSpan/1000)) || c.Start.Location() != time.UTC {
			t.Fatalf("start %v after %v", c.Start, calls[i-1].Start)
		}
	}
	if answered < 750 || answered > 900 {
		t.Fatalf("%d of 1000 answered", answered)
	}
	// The same seed makes the same calls.
	again := read()
	for i := range calls {
		if calls[i] != again[i] {
			t.Fatalf("call %d differs: %+v and %+v", i, calls[i], again[i])
		}
	}
}

// The demo's calls earn every reseller a margin: for the first customer
// (the big reseller, with sub-customers and accounts), no line of Reports →
// Margin is negative, and those that charged something earned something.
func TestDemoCallsEarnMargins(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: 200, Accounts: 2000, Seed: 2}, nil); err != nil {
		t.Fatal(err)
	}
	gen, err := s.DemoCalls(ctx, 5000, 2)
	if err != nil {
		t.Fatal(err)
	}
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportCalls(ctx, root, model.CallImportInput{FileName: "demo", Layout: "branchbook", Source: gen.Batch(5000)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Import.Rated < 3000 || res.Import.Unreasons["no_rate"] > 50 || res.Import.Unreasons["no_tariff"] != 0 {
		t.Fatalf("import: %+v", res.Import)
	}
	checked := 0
	rows, err := s.db.Query(`SELECT c.id, c.path FROM customers c WHERE c.depth BETWEEN 1 AND 3
		AND EXISTS (SELECT 1 FROM customers k WHERE k.parent_id = c.id) ORDER BY c.id LIMIT 5`)
	if err != nil {
		t.Fatal(err)
	}
	var sessions []model.Session
	for rows.Next() {
		sess := model.Session{Rights: model.AllRights, TimeZone: "UTC"}
		if err := rows.Scan(&sess.CustomerID, &sess.Path); err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, sess)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, sess := range sessions {
		lines, err := s.Margin(ctx, sess, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			checked++
			if l.Margin.Amount.IsNegative() || l.Charged.Amount.IsPositive() && !l.Margin.Amount.IsPositive() {
				t.Errorf("customer %d, %s %s: charged %s, cost %s, margin %s", sess.CustomerID, l.HolderName, l.Prefix,
					l.Charged, l.Cost, l.Margin)
			}
		}
	}
	if checked < 20 {
		t.Fatalf("%d margin lines checked", checked)
	}
	t.Logf("%d margin lines of %d resellers, all positive", checked, len(sessions))
}
