package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/branchbook/branchbook/model"
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
	if _, err := store.GenerateCards(ctx, c.session, id, model.CardBatch{Count: treeAccounts + 3, Prefix: "leaf", Digits: 4,
		PINLength: 4, Currency: "EUR"}, nil); err != nil {
		t.Fatal(err)
	}
	c.tree.refresh(id)
	uid := uidOf(id)
	if c.tree.isBranch(uid) || len(c.tree.childUIDs(uid)) != 0 {
		t.Fatal("accounts shown before the toggle")
	}
	c.background = func(f func()) { f() }
	c.tree.background = c.background
	c.toggleAccounts()
	c.tree.widget.OpenBranch(uid)
	c.tree.refresh(id)
	kids := c.tree.childUIDs(uid)
	if !c.tree.isBranch(uid) || len(kids) != treeAccounts+1 || kids[0] != accountUID(c.tree.accounts[id][0]) || kids[treeAccounts] != "m"+uid {
		t.Fatalf("%d leaves, first %v, last %v", len(kids), kids[0], kids[len(kids)-1])
	}
	// Selecting a leaf shows its customer with the account selected.
	c.tree.widget.Select(kids[1])
	if a, ok := c.accounts.Selected(); c.shown != id || !ok || a.ID != c.tree.accounts[id][1] {
		t.Fatalf("shown %d, selected account %d", c.shown, a.ID)
	}
	// With the leaf selected, Ctrl+M and F2 act on the account.
	c.showMaintenance()
	if c.maintenance.Target.Holder != model.AccountLedger(c.tree.accounts[id][1]) {
		t.Fatalf("Maintenance on %+v, not the selected leaf", c.maintenance.Target.Holder)
	}
	c.maintenance.Dialog.Dialog.Hide()
	c.plainKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	if fd := uitest.OpenForm(c.win); fd == nil || fd.Form.Entry("username").Text != c.tree.accountRows[c.tree.accounts[id][1]].Username {
		t.Fatal("F2 on a leaf did not open its account")
	}
	uitest.OpenForm(c.win).Dialog.Hide()
	c.tree.widget.Select(uid)
	c.showMaintenance()
	if c.maintenance.Target.Holder != model.CustomerLedger(id) {
		t.Fatal("Maintenance after selecting the customer again is not the customer's")
	}
	c.maintenance.Dialog.Dialog.Hide()
	c.toggleAccounts()
	if len(c.tree.childUIDs(uid)) != 0 {
		t.Fatal("leaves left after the toggle")
	}
}
