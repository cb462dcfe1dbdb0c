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
		OnAccountsChanged: c.bus.AccountsChanged.Publish,
		OnChanged:         c.bus.AccountChanged.Publish,
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
func (c *Controller) showVouchers()        { c.vouchers = c.accounts.ShowVouchers(c.store) }
