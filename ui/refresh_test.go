package ui

import (
	"context"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// TestFileChangeRedrawsEveryOpenBranch: a change made behind the window's
// back (another program, or an import that moves many balances at once)
// must reach every row on screen, not only the selected customer's
// branch. Two owners are open; a customer under the one not selected is
// charged through the store; after the file-changed signal its row shows
// the new balance.
func TestFileChangeRedrawsEveryOpenBranch(t *testing.T) {
	c, store, eurID := eurCustomer(t)
	ctx := context.Background()
	cust, err := store.Customer(ctx, c.session, eurID)
	if err != nil {
		t.Fatal(err)
	}
	made := 0
	add := func(name string, parent model.ID) model.ID {
		made++
		login := fmt.Sprintf("login.%d", made)
		in := model.CustomerInput{Name: name, TariffID: cust.TariffID, TimeZone: "UTC", Language: "en",
			WebLogin: login, Password: "secret pass", PasswordAgain: "secret pass",
			Balance: decimal.NewFromInt(10), CreditLimit: decimal.Zero}
		added, err := store.CreateCustomer(ctx, c.session, parent, in)
		if err != nil {
			t.Fatal(err)
		}
		return added.ID
	}
	ownerA, ownerB := add("Owner A", c.session.CustomerID), add("Owner B", c.session.CustomerID)
	underA, underB := add("Under A", ownerA), add("Under B", ownerB)
	c.customers.Tree().Refresh(c.session.CustomerID)
	c.customers.Reveal(underA)
	c.customers.Reveal(underB) // shown: Owner B's branch is the selected one
	if _, ok := c.customers.Tree().Row(underA); !ok {
		t.Fatal("Owner A's branch is not open")
	}
	if _, err := store.AddEntry(ctx, c.session, model.CustomerLedger(underA), model.EntryInput{Kind: model.EntryDebit,
		Amount: decimal.NewFromInt(3), Currency: "EUR", Key: fmt.Sprintf("behind-%d", underA)}); err != nil {
		t.Fatal(err)
	}
	c.bus.FileChanged.Publish(struct{}{})
	row, ok := c.customers.Tree().Row(underA)
	if !ok || !row.Balance.Equal(decimal.NewFromInt(7)) {
		t.Fatalf("Under A shows %s after the change, want 7", row.Balance)
	}
}
