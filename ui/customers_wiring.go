package ui

import (
	"fyne.io/fyne/v2"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/customers"
	"github.com/branchbook/branchbook/ui/ledger"
)

// This file wires the customer screens (tree, search, details, customer
// forms) to the store, to the History and Accounts tabs and to the shell's
// keys and windows.

// newCustomers makes the customer screens of the main screen.
func (c *Controller) newCustomers() *customers.Screens {
	s := customers.New(c.env(c.win), c.store, c.bus, customers.Hooks{
		OnShown: c.customerShown,
		OnSelectAccount: func(a model.Account) {
			c.accounts.Select(a.ID)
			c.calls.SetNote("")
			c.showCallsOf(model.AccountLedger(a.ID), model.VisibleText(a.CustomerName+" / "+a.Username))
		},
		OnOpenAccount: func(a model.Account) { c.accounts.Adjust(a) },
		OnMaintenance: c.showMaintenance,
		OnTariffs:     c.showTariffs,
		OnKey: func(e *fyne.KeyEvent) (used bool) {
			if c.win.Canvas().Overlays().Top() != nil {
				return false // a dialog's keys are the dialog's
			}
			c.guard(func() { used = c.plainKey(e) })()
			return used
		},
		OnTopLoaded: func() {
			c.trace("tree rows loaded")
			// Queued behind this turn of the event loop, which draws them.
			fyne.Do(func() { c.trace("tree rows drawn") })
		},
	}, c.history.Content, c.accounts.Content, c.newCallsTab())
	s.OnTab(func(content fyne.CanvasObject) { c.calls.SetActive(content == c.calls.Content) })
	return s
}

// customerShown has the History and Accounts tabs follow the customer in
// the Details tab.
func (c *Controller) customerShown(cust model.Customer) {
	if cust.IsRoot() {
		c.history.Show(ledger.Target{}) // the root has no ledger
	} else {
		c.history.Show(ledger.CustomerTarget(cust))
	}
	c.accounts.Show(cust)
	note := ""
	if cust.IsRoot() {
		note = c.tr.T("The root is never charged: here is every call in the file, with what each level below it paid.")
	}
	c.calls.SetNote(note)
	c.showCallsOf(model.CustomerLedger(cust.ID), model.VisibleText(cust.Name))
}

// selectedOrTop is the customer actions apply to: the selected one, or the
// top of the tree when nothing is selected.
func (c *Controller) selectedOrTop() model.ID {
	if c.customers == nil {
		return c.session.CustomerID
	}
	return c.customers.SelectedOrTop()
}

// customerWithRight reads the customer id for an action that needs right,
// or says why not and returns false.
func (c *Controller) customerWithRight(id model.ID, right model.Right) (model.Customer, bool) {
	return c.customers.CustomerWithRight(id, right)
}

// The Customers and File menus act on the customer selected in the tree.
func (c *Controller) addCustomer()          { c.customers.Add() }
func (c *Controller) adjustCustomer()       { c.customers.Adjust() }
func (c *Controller) askDeleteCustomer()    { c.customers.AskDelete() }
func (c *Controller) showDeletedCustomers() { c.customers.ShowDeleted() }
func (c *Controller) askMoveCustomer()      { c.customers.AskMove() }
func (c *Controller) askExportCustomers()   { c.customers.AskExport() }

// toggleTotals shows or hides the subtree total column.
func (c *Controller) toggleTotals() {
	c.customers.ToggleTotals()
	c.setMenu(true)
}
