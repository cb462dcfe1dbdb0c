package storage

import (
	"context"
	"testing"

	"github.com/branchbook/branchbook/model"
)

// TestDataVersionSeesOthersNotItself: the window's watcher polls
// DataVersion. The store's own commits must not change it (the window
// already shows what it saved), another store's commit on the same file
// must.
func TestDataVersionSeesOthersNotItself(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	root := createRootWith(t, s, "Standard")
	tariffs, err := s.Tariffs(ctx, root)
	if err != nil || len(tariffs) != 1 {
		t.Fatalf("tariffs %+v, %v", tariffs, err)
	}
	before, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cust, err := s.CreateCustomer(ctx, root, root.CustomerID, customerInput("Own Change", tariffs[0].ID))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cust.ID), model.EntryInput{Kind: model.EntryAddFunds,
		Amount: dec("5"), Currency: cust.Currency, Key: "own-entry"}); err != nil {
		t.Fatal(err)
	}
	if after, err := s.DataVersion(ctx); err != nil || after != before {
		t.Fatalf("the store's own commits changed its data version: %d → %d (%v)", before, after, err)
	}

	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.AddEntry(ctx, root, model.CustomerLedger(cust.ID), model.EntryInput{Kind: model.EntryCredit,
		Amount: dec("1"), Currency: cust.Currency, Key: "other-entry"}); err != nil {
		t.Fatal(err)
	}
	if after, err := s.DataVersion(ctx); err != nil || after == before {
		t.Fatalf("another store's commit left the data version at %d (%v)", after, err)
	}
}
