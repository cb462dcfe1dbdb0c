package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// selectedOrTop is the customer actions apply to: the selected one, or the
// top of the tree when nothing is selected.
func (c *Controller) selectedOrTop() model.ID {
	if c.shown != 0 {
		return c.shown
	}
	return c.session.CustomerID
}

// customerWithRight reads a customer for an action that needs right. It
// tells the user and returns false when the right is missing or the
// customer cannot be read.
func (c *Controller) customerWithRight(id model.ID, right model.Right) (model.Customer, bool) {
	if !c.session.Rights.Has(right) {
		c.showError(model.ErrNotPermitted)
		return model.Customer{}, false
	}
	cust, err := c.store.Customer(context.Background(), c.session, id)
	if err != nil {
		c.showError(err)
		return model.Customer{}, false
	}
	return cust, true
}

// customerAdded shows a new customer in the tree, under its opened owner,
// selected.
func (c *Controller) customerAdded(parent, id model.ID) {
	c.tree.refresh(parent)
	c.tree.reveal(id)
}

// customerChanged redraws a customer's row and details after a change.
func (c *Controller) customerChanged(id model.ID) {
	c.tree.refresh(id)
	c.selectCustomer(id)
}

// askDeleteCustomer confirms, then archives the selected customer. A
// customer with sub-customers or accounts is not deleted: the message says
// how many, and what to do first.
func (c *Controller) askDeleteCustomer() {
	id := c.selectedOrTop()
	tr := c.tr
	cust, ok := c.customerWithRight(id, model.RightCustomersDelete)
	if !ok {
		return
	}
	if cust.IsRoot() || id == c.session.CustomerID {
		widgets.ShowInfo(c.win, c.tr, tr.T("Delete customer"), tr.T("%s is at the top of the tree and cannot be deleted.", cust.Name))
		return
	}
	if cust.SubCustomers > 0 || cust.Accounts > 0 {
		c.showError(&model.Error{Code: model.CodeHasChildren,
			Params: map[string]any{"customers": cust.SubCustomers, "accounts": cust.Accounts}})
		return
	}
	widgets.Confirm(c.win, c.tr, tr.T("Delete %s", cust.Name),
		tr.T("Delete %s? Balance: %s.\n\nThe customer and its history can be restored from View → Deleted customers.",
			cust.Name, widgets.NativeAndUSD(tr, c.rates, cust.Balance, cust.Currency)),
		tr.T("Delete"), func() { c.deleteCustomer(cust) })
}

func (c *Controller) deleteCustomer(cust model.Customer) {
	if err := c.store.DeleteCustomer(context.Background(), c.session, cust.ID); err != nil {
		c.showError(err)
		return
	}
	c.tree.refresh(cust.ParentID)
	c.tree.widget.Select(uidOf(cust.ParentID))
}

// showDeletedCustomers lists the archived customers, newest first. The
// Restore button has the focus, so Enter brings back the selected one (the
// most recently deleted at first).
func (c *Controller) showDeletedCustomers() {
	tr := c.tr
	deleted, err := c.store.DeletedCustomers(context.Background(), c.session)
	if err != nil {
		c.showError(err)
		return
	}
	if len(deleted) == 0 {
		widgets.ShowInfo(c.win, c.tr, tr.T("Deleted customers"), tr.T("No customer has been deleted."))
		return
	}
	c.showRestoreList(tr.T("Deleted customers"), len(deleted), func(i int) string {
		dc := deleted[i]
		return c.deletedLine(dc.Name, widgets.MoneyText(tr, dc.Balance, dc.Currency), dc.DeletedAt, dc.DeletedBy)
	}, func(i int) error { return c.restoreCustomer(deleted[i]) })
}

// deletedLine is one line of a list of deleted customers or accounts.
func (c *Controller) deletedLine(name, balance string, at time.Time, by string) string {
	if by == "" {
		by = "—" // deleted by someone outside the viewer's subtree
	}
	return c.tr.T("%s · %s · deleted %s by %s", name, balance, c.tr.DateTime(at, c.zone()), by)
}

// showRestoreList lists n deleted things, newest first. Restore has the
// focus, so Enter brings back the selected one (the newest at first);
// restore is told which.
func (c *Controller) showRestoreList(title string, n int, line func(i int) string, restore func(i int) error) {
	tr := c.tr
	selected := 0
	list := widgets.TextList(func() int { return n }, line)
	list.OnSelected = func(i widget.ListItemID) { selected = i }
	list.Select(0)
	var d *dialog.CustomDialog
	restoreButton := widgets.NewKeyButton(tr.T("Restore"), func() {
		if err := restore(selected); err != nil {
			c.showError(err)
			return
		}
		d.Hide()
	}, func() { d.Hide() })
	restoreButton.Importance = widget.HighImportance
	closeButton := widgets.NewKeyButton(tr.T("Close"), func() { d.Hide() }, func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, list, c.win)
	d.SetButtons([]fyne.CanvasObject{closeButton, restoreButton})
	d.Resize(fyne.NewSize(720, 440))
	d.Show()
	widgets.BindKeys(c.win, d, &widgets.KeyTarget{Enter: restoreButton.OnTapped}, list, closeButton, restoreButton)
	c.win.Canvas().Focus(restoreButton)
}

// restoreCustomer brings a deleted customer back and shows it.
func (c *Controller) restoreCustomer(dc model.DeletedCustomer) error {
	if err := c.store.RestoreCustomer(context.Background(), c.session, dc.ID); err != nil {
		return err
	}
	c.tree.refresh(dc.ParentID)
	c.tree.reveal(dc.ID)
	return nil
}

// askMoveCustomer asks for the new owner of the selected customer, with a
// search over the tree, and moves it with its whole subtree.
func (c *Controller) askMoveCustomer() {
	id := c.selectedOrTop()
	tr := c.tr
	ctx := context.Background()
	cust, err := c.store.Customer(ctx, c.session, id)
	if err != nil {
		c.showError(err)
		return
	}
	if cust.IsRoot() || id == c.session.CustomerID {
		widgets.ShowInfo(c.win, c.tr, tr.T("Move customer"), tr.T("%s is at the top of the tree and cannot be moved.", cust.Name))
		return
	}
	var hits []model.CustomerHit
	var chosen model.ID
	query := widgets.NewEntry(model.MaxSearchLen)
	query.SetPlaceHolder(tr.T("Type part of the new owner's name"))
	results := widgets.NewList(
		func() int { return len(hits) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			h := hits[i]
			text := h.Name
			if h.Company != "" {
				text += " · " + h.Company
			}
			o.(*widget.Label).SetText(text)
		})
	results.OnSelected = func(i widget.ListItemID) { chosen = hits[i].ID }
	search := func(text string) {
		found, err := c.store.SearchCustomers(ctx, c.session, text, 100)
		if err != nil {
			return
		}
		hits = hits[:0]
		for _, h := range found {
			if h.ID != id {
				hits = append(hits, h)
			}
		}
		chosen = 0
		results.UnselectAll()
		results.Refresh()
	}
	query.OnChanged = search
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	move := func() {
		if chosen == 0 && len(hits) > 0 {
			chosen = hits[0].ID
		}
		if chosen == 0 {
			errLabel.SetText(tr.T("Choose the new owner from the list."))
			return
		}
		if err := c.moveCustomer(cust, chosen); err != nil {
			errLabel.SetText(widgets.ErrorText(tr, err))
			return
		}
		d.Hide()
	}
	query.OnSubmitted = func(string) { move() }
	ok := widgets.NewKeyButton(tr.T("Move"), move, nil)
	ok.Importance = widget.HighImportance
	cancel := widgets.NewKeyButton(tr.T("Cancel"), func() { d.Hide() }, nil)
	top := container.NewVBox(widget.NewLabel(tr.T("Move %s, with all its customers, under:", cust.Name)), query)
	d = dialog.NewCustomWithoutButtons(tr.T("Move %s", cust.Name), container.NewBorder(top, errLabel, nil, nil, results), c.win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(560, 460))
	d.Show()
	widgets.BindKeys(c.win, d, &widgets.KeyTarget{Enter: move}, top, results, cancel, ok)
	c.win.Canvas().Focus(query)
}

// moveCustomer puts cust under a new owner and shows it there.
func (c *Controller) moveCustomer(cust model.Customer, owner model.ID) error {
	if err := c.store.MoveCustomer(context.Background(), c.session, cust.ID, owner); err != nil {
		return err
	}
	c.tree.refresh(cust.ParentID)
	c.tree.refresh(owner)
	c.tree.reveal(cust.ID)
	return nil
}

// toggleTotals shows or hides the subtree total column.
func (c *Controller) toggleTotals() {
	c.tree.setShowTotals(!c.tree.showTotals)
	c.setMenu(true)
}
