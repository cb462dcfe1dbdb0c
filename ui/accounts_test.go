package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/customers"
	"github.com/branchbook/branchbook/ui/internal/uitest"
)

// confirmTop presses Enter on the confirm dialog's focused button.
func confirmTop(t *testing.T, c *Controller) {
	t.Helper()
	f := c.win.Canvas().Focused()
	if f == nil {
		t.Fatal("no confirm button has the focus")
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func TestTreeShowsAccountLeaves(t *testing.T) {
	c, store, id := eurCustomer(t)
	ctx := context.Background()
	if _, err := store.GenerateCards(ctx, c.session, id, model.CardBatch{Count: customers.TreeAccounts + 3, Prefix: "leaf", Digits: 4,
		PINLength: 4, Currency: "EUR"}, nil); err != nil {
		t.Fatal(err)
	}
	c.customers.Tree().Refresh(id)
	uid := customers.UID(id)
	if c.customers.Tree().Widget().IsBranch(uid) || len(c.customers.Tree().Widget().ChildUIDs(uid)) != 0 {
		t.Fatal("accounts shown before the toggle")
	}
	c.background = func(f func()) { f() }
	c.toggleAccounts()
	c.customers.Tree().Widget().OpenBranch(uid)
	c.customers.Tree().Refresh(id)
	kids := c.customers.Tree().Widget().ChildUIDs(uid)
	page, err := store.Accounts(ctx, c.session, id, model.AccountQuery{Limit: 2})
	if err != nil || len(page.Accounts) != 2 {
		t.Fatalf("accounts %+v, %v", page, err)
	}
	firstLeaf, second := page.Accounts[0].ID, page.Accounts[1]
	if !c.customers.Tree().Widget().IsBranch(uid) || len(kids) != customers.TreeAccounts+1 || kids[0] != customers.AccountUID(firstLeaf) || kids[customers.TreeAccounts] != "m"+uid {
		t.Fatalf("%d leaves, first %v, last %v", len(kids), kids[0], kids[len(kids)-1])
	}
	// Selecting a leaf shows its customer with the account selected.
	c.customers.Tree().Widget().Select(kids[1])
	if a, ok := c.accounts.Selected(); c.customers.Shown() != id || !ok || a.ID != second.ID {
		t.Fatalf("shown %d, selected account %d", c.customers.Shown(), a.ID)
	}
	// With the leaf selected, Ctrl+M and F2 act on the account.
	c.showMaintenance()
	if c.maintenance.Target.Holder != model.AccountLedger(second.ID) {
		t.Fatalf("Maintenance on %+v, not the selected leaf", c.maintenance.Target.Holder)
	}
	c.maintenance.Dialog.Dialog.Hide()
	c.plainKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	if fd := uitest.OpenForm(c.win); fd == nil || fd.Form.Entry("username").Text != second.Username {
		t.Fatal("F2 on a leaf did not open its account")
	}
	uitest.OpenForm(c.win).Dialog.Hide()
	c.customers.Tree().Widget().Select(uid)
	c.showMaintenance()
	if c.maintenance.Target.Holder != model.CustomerLedger(id) {
		t.Fatal("Maintenance after selecting the customer again is not the customer's")
	}
	c.maintenance.Dialog.Dialog.Hide()
	c.toggleAccounts()
	if len(c.customers.Tree().Widget().ChildUIDs(uid)) != 0 {
		t.Fatal("leaves left after the toggle")
	}
}
