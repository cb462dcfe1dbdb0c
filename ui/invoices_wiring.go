package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/invoices"
	"github.com/branchbook/branchbook/ui/widgets"
)

// This file wires the screens of package invoices (My company…, the
// statement and the invoice of the selected customer or account, Reports →
// Invoices and the batch) to the store and to the tree's selection.

// invoiceStore is the store's invoices part, or nil when the store has
// none.
func (c *Controller) invoiceStore() invoices.Store {
	s, _ := c.store.(invoices.Store)
	return s
}

// withInvoiceStore runs f with the store's invoices part, or says it has
// none.
func (c *Controller) withInvoiceStore(f func(invoices.Store)) {
	s := c.invoiceStore()
	if s == nil {
		c.showError(model.ErrNotPermitted)
		return
	}
	f(s)
}

// selectedHolder is the customer or account the statement and invoice act
// on: the account selected as a leaf of the tree, or the selected
// customer.
func (c *Controller) selectedHolder() model.Holder {
	if c.customers != nil {
		if id, ok := c.customers.LeafAccount(); ok {
			return model.AccountLedger(id)
		}
	}
	return model.CustomerLedger(c.selectedOrTop())
}

// showMyCompany is Customer → My company….
func (c *Controller) showMyCompany() {
	c.withInvoiceStore(func(s invoices.Store) {
		invoices.ShowCompany(c.env(c.win), s, func(f *invoices.CompanyForm) { c.company = f }, nil)
	})
}

// showStatement is Customer → Statement…, of the selected customer or
// account.
func (c *Controller) showStatement() {
	c.withInvoiceStore(func(s invoices.Store) { c.statement = invoices.ShowStatement(c.env(c.win), s, c.selectedHolder()) })
}

// showInvoiceDraft is Customer → Invoice…, to the selected customer or
// account.
func (c *Controller) showInvoiceDraft() {
	h := c.selectedHolder()
	if !h.IsAccount() && h.Customer == c.session.CustomerID {
		widgets.ShowInfo(c.win, c.tr, c.tr.T("Invoice"), c.tr.T("Select one of your direct customers, or one of your accounts, to invoice it."))
		return
	}
	c.withInvoiceStore(func(s invoices.Store) { c.draft = invoices.ShowDraft(c.env(c.win), s, h, c.invoiceIssued) })
}

// invoiceIssued has the panes read again what an invoice or a credit note
// changed.
func (c *Controller) invoiceIssued(model.Invoice) {
	if c.invoiceList != nil {
		c.invoiceList.Reload()
	}
	c.callsChanged()
}

// showInvoices opens Reports → Invoices.
func (c *Controller) showInvoices() {
	if c.invoiceList != nil {
		c.invoiceList.Win.RequestFocus()
		c.invoiceList.Reload()
		return
	}
	c.withInvoiceStore(func(s invoices.Store) {
		var w *invoices.List
		w = invoices.ShowList(c.app, c.env(c.win), s, c.invoiceIssued, func() {
			if c.invoiceList == w {
				c.invoiceList = nil
			}
		})
		c.invoiceList = w
	})
}

// showInvoiceBatch is Reports → Invoice all my customers….
func (c *Controller) showInvoiceBatch() {
	if !c.session.Rights.Has(model.RightInvoices) {
		c.showError(model.ErrNotPermitted)
		return
	}
	c.withInvoiceStore(func(s invoices.Store) {
		c.batch = invoices.ShowBatch(c.env(c.win), s, c.invoiceBatch(s), func() { c.invoiceIssued(model.Invoice{}) })
	})
}

// invoiceBatch runs the store's batch.
func (c *Controller) invoiceBatch(s invoices.Store) invoices.RunBatch {
	return func(ctx context.Context, sess model.Session, from, to time.Time, progress func(done, total int)) (invoices.BatchResult, error) {
		return invoices.StoreBatch(ctx, s, c.store, sess, from, to, progress)
	}
}

// closeInvoiceWindows closes Reports → Invoices, which belongs to the
// session being left.
func (c *Controller) closeInvoiceWindows() {
	if c.invoiceList != nil {
		c.invoiceList.Win.Close()
		c.invoiceList = nil
	}
}

// invoiceCustomerItems are Customer → My company…, Statement… and
// Invoice….
func (c *Controller) invoiceCustomerItems() []*fyne.MenuItem {
	company := fyne.NewMenuItem(c.tr.T("My company…"), c.showMyCompany)
	company.Shortcut = shortcut(fyne.KeyY, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	statement := fyne.NewMenuItem(c.tr.T("Statement…"), c.showStatement)
	statement.Shortcut = shortcut(fyne.KeyS, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	invoice := fyne.NewMenuItem(c.tr.T("Invoice…"), c.showInvoiceDraft)
	invoice.Shortcut = shortcut(fyne.KeyV, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	return []*fyne.MenuItem{company, statement, invoice}
}

// invoiceReportItems are Reports → Invoices… and Invoice all my
// customers….
func (c *Controller) invoiceReportItems() []*fyne.MenuItem {
	list := fyne.NewMenuItem(c.tr.T("Invoices…"), c.showInvoices)
	list.Shortcut = shortcut(fyne.KeyU, fyne.KeyModifierShortcutDefault)
	batch := fyne.NewMenuItem(c.tr.T("Invoice all my customers…"), c.showInvoiceBatch)
	batch.Shortcut = shortcut(fyne.KeyU, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	batch.Disabled = !c.session.Rights.Has(model.RightInvoices)
	return []*fyne.MenuItem{list, batch}
}
