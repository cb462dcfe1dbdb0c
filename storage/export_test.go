package storage

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/model"
)

// TestStreamCustomersTreeOrderAndProgress: every live customer once, owners
// before their customers, each with its path of names, the tariff's name
// and the money in its own currency; progress ends at the total.
func TestStreamCustomersTreeOrderAndProgress(t *testing.T) {
	ctx := context.Background()
	s, root, cs, eur := manual(t)
	if err := s.DeleteCustomer(ctx, root, cs["E"].ID); err != nil {
		t.Fatal(err)
	}
	moved := customerInput("F", eur.ID)
	f, err := s.CreateCustomer(ctx, root, cs["D"].ID, moved)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MoveCustomer(ctx, root, cs["D"].ID, cs["B"].ID); err != nil {
		t.Fatal(err)
	}
	var paths []string
	var calls [][2]int
	err = s.StreamCustomers(ctx, root, func(done, total int) { calls = append(calls, [2]int{done, total}) },
		func(r model.ExportRow) error {
			paths = append(paths, strings.Join(r.Path, "/"))
			if r.ID == f.ID && (r.TariffName != "Europe" || r.Currency != "EUR" || !r.Balance.Equal(dec("100.50"))) {
				t.Errorf("F exported as %+v", r.Customer)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	want := "Switch Owner|Switch Owner/A|Switch Owner/A/C|Switch Owner/B|Switch Owner/B/D|Switch Owner/B/D/F"
	if got := strings.Join(paths, "|"); got != want {
		t.Fatalf("paths\n%s\nwant\n%s", got, want)
	}
	if len(calls) < 2 || calls[0] != [2]int{0, 6} || calls[len(calls)-1] != [2]int{6, 6} {
		t.Fatalf("progress %v", calls)
	}
	// A sub-session sees its own subtree, from itself down.
	paths = nil
	if err := s.StreamCustomers(ctx, sessionOf(t, s, cs["B"].ID), nil, func(r model.ExportRow) error {
		paths = append(paths, strings.Join(r.Path, "/"))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths, "|"); got != "B|B/D|B/D/F" {
		t.Fatalf("B's export: %s", got)
	}
}

func TestStreamCustomersStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, root := setUp(t)
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: 3000, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := s.StreamCustomers(ctx, root, nil, func(model.ExportRow) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n >= 3000 {
		t.Fatalf("after a cancel: %d rows, %v", n, err)
	}
	stop := errors.New("disk full")
	n = 0
	err = s.StreamCustomers(context.Background(), root, nil, func(model.ExportRow) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("an error from each: %d rows, %v", n, err)
	}
}
