package ui

import (
	"context"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/ledger"
	"github.com/branchbook/branchbook/ui/widgets"
)

// This file wires the screens of package ledger (Maintenance, history,
// payments) to the store and to the panes that show balances.

// showMaintenance opens the Maintenance form of the selected customer, or
// of the account whose leaf is selected in the tree.
func (c *Controller) showMaintenance() {
	if a, ok := c.leafAccount(); ok {
		c.accountMaintenance(a)
		return
	}
	tr := c.tr
	id := c.selectedOrTop()
	cust, ok := c.customerWithRight(id, model.RightMaintenance)
	if !ok {
		return
	}
	if cust.IsRoot() || id == c.session.CustomerID {
		widgets.ShowInfo(c.win, c.tr, tr.T("Maintenance"), tr.T("Maintenance changes the balance of a customer below you. Select one in the tree first."))
		return
	}
	c.openMaintenance(ledger.CustomerTarget(cust))
}

// openMaintenance opens the Maintenance form of a customer or an account.
// The window keeps it: a menu shortcut must never open a second one.
func (c *Controller) openMaintenance(target ledger.Target) {
	c.maintenance = ledger.ShowMaintenance(c.env(c.win), c.store, target, c.bus.Booked.Publish)
}

// newHistory makes a history pane whose reversals redraw the balances and
// which takes in every entry booked on what it shows.
func (c *Controller) newHistory() *ledger.History {
	h := ledger.NewHistory(c.env(c.win), c.store, c.bus.Booked.Publish)
	h.OnOpenCalls = c.openEntryCalls
	c.bus.Booked.Subscribe(h.Booked)
	return h
}

// accountBooked redraws what shows an account's balance after an entry on
// it: its row, tab and window. (Customers redraw themselves from the bus.)
func (c *Controller) accountBooked(e model.Entry) {
	if e.Holder.IsAccount() {
		c.accounts.Changed(e.Holder.Account)
	}
}

// showPayments opens the payments report for the selected customer.
func (c *Controller) showPayments() {
	top, err := c.store.Customer(context.Background(), c.session, c.selectedOrTop())
	if err != nil {
		c.showError(err)
		return
	}
	var w *ledger.Payments
	w = ledger.ShowPayments(c.app, c.env(c.win), c.store, top, func() {
		if c.payments == w {
			c.payments = nil
		}
	})
	c.payments = w
}

// accountMaintenance opens the Maintenance form on an account.
func (c *Controller) accountMaintenance(a model.Account) {
	if !c.session.Rights.Has(model.RightMaintenance) {
		c.showError(model.ErrNotPermitted)
		return
	}
	c.openMaintenance(ledger.AccountTarget(a))
}
