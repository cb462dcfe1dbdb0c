package ui

import (
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/accounts"
)

// This file wires the screens of package accounts to the store, to the
// customer selected in the tree and to the panes that show accounts.

// newAccounts makes the accounts screens of the main screen. Drawn again
// over the same session, the History windows of accounts stay open.
func (c *Controller) newAccounts() *accounts.Screens {
	s := accounts.New(c.app, c.env(c.win), c.store, accounts.Hooks{
		Customer: func(right model.Right) (model.Customer, bool) {
			return c.customerWithRight(c.selectedOrTop(), right)
		},
		OnMaintenance:     c.accountMaintenance,
		NewHistory:        c.newHistory,
		OnAccountsChanged: c.accountsChanged,
		OnChanged: func(a model.Account) {
			if c.tree != nil && c.tree.showAccounts {
				c.tree.refresh(a.CustomerID)
			}
		},
	})
	if c.accounts != nil {
		s.KeepWindows(c.accounts)
	}
	return s
}

// The Accounts menu acts on the customer selected in the tree.
func (c *Controller) addAccount()          { c.accounts.Add() }
func (c *Controller) showGenerateCards()   { c.accounts.ShowGenerateCards() }
func (c *Controller) showDeletedAccounts() { c.accounts.ShowDeleted() }

// accountsChanged redraws a customer after accounts were added or deleted:
// its row (which may now open), its details and its Accounts tab.
func (c *Controller) accountsChanged(customer model.ID) {
	c.tree.refresh(customer)
	if c.shown == customer {
		c.selectCustomer(customer)
	}
}
