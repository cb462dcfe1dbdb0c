package customers

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// customerAdded shows a new customer in the tree, under its opened owner,
// selected.
func (s *Screens) customerAdded(parent, id model.ID) {
	s.tree.refresh(parent)
	s.tree.reveal(id)
}

// AskDelete confirms, then archives the selected customer. A
// customer with sub-customers or accounts is not deleted: the message says
// how many, and what to do first.
func (s *Screens) AskDelete() {
	id := s.SelectedOrTop()
	tr := s.tr
	cust, ok := s.CustomerWithRight(id, model.RightCustomersDelete)
	if !ok {
		return
	}
	name := model.VisibleText(cust.Name)
	if cust.IsRoot() || id == s.session().CustomerID {
		widgets.ShowInfo(s.win, s.tr, tr.T("Delete customer"), tr.T("%s is at the top of the tree and cannot be deleted.", name))
		return
	}
	if cust.SubCustomers > 0 || cust.Accounts > 0 {
		s.env.ShowError(&model.Error{Code: model.CodeHasChildren,
			Params: map[string]any{"customers": cust.SubCustomers, "accounts": cust.Accounts}})
		return
	}
	widgets.Confirm(s.win, s.tr, tr.T("Delete %s", name),
		tr.T("Delete %s? Balance: %s.\n\nThe customer and its history can be restored from View → Deleted customers.",
			name, widgets.NativeAndUSD(tr, s.env.Rates(), cust.Balance, cust.Currency)),
		tr.T("Delete"), func() { s.deleteCustomer(cust) })
}

func (s *Screens) deleteCustomer(cust model.Customer) {
	if err := s.store.DeleteCustomer(context.Background(), s.session(), cust.ID); err != nil {
		s.env.ShowError(err)
		return
	}
	s.tree.refresh(cust.ParentID)
	s.tree.widget.Select(UID(cust.ParentID))
}

// ShowDeleted lists the archived customers, newest first. The
// Restore button has the focus, so Enter brings back the selected one (the
// most recently deleted at first).
func (s *Screens) ShowDeleted() {
	tr := s.tr
	deleted, err := s.store.DeletedCustomers(context.Background(), s.session())
	if err != nil {
		s.env.ShowError(err)
		return
	}
	if len(deleted) == 0 {
		widgets.ShowInfo(s.win, s.tr, tr.T("Deleted customers"), tr.T("No customer has been deleted."))
		return
	}
	widgets.ShowRestoreList(s.env, tr.T("Deleted customers"), len(deleted), func(i int) string {
		dc := deleted[i]
		return widgets.DeletedLine(tr, s.env.Zone(), model.VisibleText(dc.Name), widgets.MoneyText(tr, dc.Balance, dc.Currency), dc.DeletedAt, dc.DeletedBy)
	}, func(i int) error { return s.restoreCustomer(deleted[i]) })
}

// restoreCustomer brings a deleted customer back and shows it.
func (s *Screens) restoreCustomer(dc model.DeletedCustomer) error {
	if err := s.store.RestoreCustomer(context.Background(), s.session(), dc.ID); err != nil {
		return err
	}
	s.tree.refresh(dc.ParentID)
	s.tree.reveal(dc.ID)
	return nil
}

// AskMove asks for the new owner of the selected customer, with a
// search over the tree, and moves it with its whole subtree.
func (s *Screens) AskMove() {
	id := s.SelectedOrTop()
	tr := s.tr
	ctx := context.Background()
	cust, err := s.store.Customer(ctx, s.session(), id)
	if err != nil {
		s.env.ShowError(err)
		return
	}
	name := model.VisibleText(cust.Name)
	if cust.IsRoot() || id == s.session().CustomerID {
		widgets.ShowInfo(s.win, s.tr, tr.T("Move customer"), tr.T("%s is at the top of the tree and cannot be moved.", name))
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
			text := model.VisibleText(h.Name)
			if h.Company != "" {
				text += " · " + h.Company
			}
			o.(*widget.Label).SetText(text)
		})
	results.OnSelected = func(i widget.ListItemID) { chosen = hits[i].ID }
	search := func(text string) {
		found, err := s.store.SearchCustomers(ctx, s.session(), text, 100)
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
		if err := s.moveCustomer(cust, chosen); err != nil {
			errLabel.SetText(widgets.ErrorText(tr, err))
			return
		}
		d.Hide()
	}
	query.OnSubmitted = func(string) { move() }
	ok := widgets.NewKeyButton(tr.T("Move"), move, nil)
	ok.Importance = widget.HighImportance
	cancel := widgets.NewKeyButton(tr.T("Cancel"), func() { d.Hide() }, nil)
	top := container.NewVBox(widget.NewLabel(tr.T("Move %s, with all its customers, under:", name)), query)
	d = dialog.NewCustomWithoutButtons(tr.T("Move %s", name), container.NewBorder(top, errLabel, nil, nil, results), s.win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(560, 460))
	d.Show()
	widgets.BindKeys(s.win, d, &widgets.KeyTarget{Enter: move}, top, results, cancel, ok)
	s.win.Canvas().Focus(query)
}

// moveCustomer puts cust under a new owner and shows it there.
func (s *Screens) moveCustomer(cust model.Customer, owner model.ID) error {
	if err := s.store.MoveCustomer(context.Background(), s.session(), cust.ID, owner); err != nil {
		return err
	}
	s.tree.refresh(cust.ParentID)
	s.tree.refresh(owner)
	s.tree.reveal(cust.ID)
	return nil
}
