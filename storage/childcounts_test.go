package storage

import (
	"context"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/model"
)

func liveChildren(t *testing.T, s *Store, id model.ID) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT live_children FROM customers WHERE id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestChildCountsFollowEveryChange: add, delete, restore and move each
// change the counts of exactly the owners concerned, and the tree's flags
// and the details' count follow.
func TestChildCountsFollowEveryChange(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	a, b, c, d, e := cs["A"].ID, cs["B"].ID, cs["C"].ID, cs["D"].ID, cs["E"].ID
	expect := func(step string, want map[model.ID]int) {
		t.Helper()
		for id, n := range want {
			if got := liveChildren(t, s, id); got != n {
				t.Errorf("%s: customer %d has %d live children, want %d", step, id, got, n)
			}
			row, err := s.Row(ctx, root, id)
			if err != nil {
				t.Fatal(err)
			}
			if row.HasChildren != (n > 0) {
				t.Errorf("%s: customer %d HasChildren %v with %d", step, id, row.HasChildren, n)
			}
			cust, err := s.Customer(ctx, root, id)
			if err != nil || cust.SubCustomers != n {
				t.Errorf("%s: customer %d shows %d sub-customers, want %d (%v)", step, id, cust.SubCustomers, n, err)
			}
		}
		r, err := s.Check(ctx)
		if err != nil || !r.OK() {
			t.Fatalf("%s: check %+v, %v", step, r, err)
		}
	}
	expect("built", map[model.ID]int{root.CustomerID: 2, a: 2, b: 1, c: 0, e: 0})
	if err := s.DeleteCustomer(ctx, root, c); err != nil {
		t.Fatal(err)
	}
	expect("C deleted", map[model.ID]int{a: 1, b: 1})
	if err := s.MoveCustomer(ctx, root, d, b); err != nil {
		t.Fatal(err)
	}
	expect("D moved under B", map[model.ID]int{a: 0, b: 2, d: 0})
	if err := s.RestoreCustomer(ctx, root, c); err != nil {
		t.Fatal(err)
	}
	expect("C restored", map[model.ID]int{a: 1, b: 2})
	if err := s.MoveCustomer(ctx, root, b, a); err != nil {
		t.Fatal(err)
	}
	expect("B moved under A", map[model.ID]int{root.CustomerID: 1, a: 2, b: 2, e: 0})
}

func TestCheckCatchesWrongChildCounts(t *testing.T) {
	ctx := context.Background()
	s, _, cs, _ := manual(t)
	if _, err := s.db.Exec(`UPDATE customers SET live_children = 7 WHERE id = ?`, cs["E"].ID); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || !strings.Contains(strings.Join(r.Mismatches, "\n"), "0 sub-customers counted, 7 cached") {
		t.Fatalf("a wrong count passed: %+v", r)
	}
}

// TestRowFlagsAreIndependent: the three flags share one column; each must
// come back on its own.
func TestRowFlagsAreIndependent(t *testing.T) {
	ctx := context.Background()
	s, root, cs, eur := manual(t)
	in := customerInput("Flagged", eur.ID)
	in.Blocked = true
	f, err := s.CreateCustomer(ctx, root, cs["E"].ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAccount(ctx, root, cs["D"].ID, accountInput("flag.acct", "EUR")); err != nil {
		t.Fatal(err)
	}
	want := map[model.ID][3]bool{ // blocked, has children, has accounts
		f.ID: {true, false, false}, cs["E"].ID: {false, true, false}, cs["D"].ID: {false, false, true},
		cs["A"].ID: {false, true, false},
	}
	for id, w := range want {
		r, err := s.Row(ctx, root, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := [3]bool{r.Blocked, r.HasChildren, r.HasAccounts}; got != w {
			t.Errorf("%s: blocked, children, accounts = %v, want %v", r.Name, got, w)
		}
	}
}
