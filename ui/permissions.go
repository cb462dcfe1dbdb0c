package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// rightName names a right in the Permissions form.
func (c *Controller) rightName(r model.Right) string {
	tr := c.tr
	switch r {
	case model.RightCustomersAdd:
		return tr.T("Add customers")
	case model.RightCustomersEdit:
		return tr.T("Adjust and move customers")
	case model.RightCustomersDelete:
		return tr.T("Delete and restore customers")
	case model.RightAccountsAdd:
		return tr.T("Add accounts")
	case model.RightAccountsEdit:
		return tr.T("Adjust accounts")
	case model.RightAccountsDelete:
		return tr.T("Delete accounts")
	case model.RightTariffsAdd:
		return tr.T("Add tariffs")
	case model.RightTariffsEdit:
		return tr.T("Edit tariffs and rates")
	case model.RightTariffsDelete:
		return tr.T("Delete tariffs")
	case model.RightMaintenance:
		return tr.T("Maintenance (Add Funds, Credit, Debit)")
	case model.RightExchangeRates:
		return tr.T("Own exchange rates")
	}
	return ""
}

// showPermissions shows the rights of the selected customer, which must be
// a direct sub-customer of the signed-in one. Only rights the signed-in
// customer holds can be granted.
func (c *Controller) showPermissions() {
	tr := c.tr
	ctx := context.Background()
	id := c.selectedOrTop()
	cust, err := c.store.Customer(ctx, c.session, id)
	if err != nil {
		c.showError(err)
		return
	}
	if cust.ParentID != c.session.CustomerID || id == c.session.CustomerID {
		widgets.ShowInfo(c.win, c.tr, tr.T("Permissions"), tr.T("Permissions are given by a customer to its own direct customers. Select one of yours."))
		return
	}
	current, err := c.store.Rights(ctx, c.session, id)
	if err != nil {
		c.showError(err)
		return
	}
	checks := map[model.Right]*widget.Check{}
	box := container.NewVBox()
	for _, r := range model.RightList {
		ch := widget.NewCheck(c.rightName(r), nil)
		ch.SetChecked(current.Has(r))
		if !c.session.Rights.Has(r) {
			ch.Disable()
		}
		checks[r] = ch
		box.Add(ch)
	}
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Hide()
	var d *dialog.CustomDialog
	save := widgets.NewKeyButton(tr.T("Save & Close"), func() {
		var rights model.Right
		for r, ch := range checks {
			if ch.Checked {
				rights |= r
			}
		}
		if err := c.store.SetRights(ctx, c.session, id, rights); err != nil {
			msg.SetText(widgets.ErrorText(tr, err))
			msg.Show()
			return
		}
		d.Hide()
	}, func() { d.Hide() })
	save.Importance = widget.HighImportance
	cancel := widgets.NewKeyButton(tr.T("Cancel"), func() { d.Hide() }, func() { d.Hide() })
	intro := widget.NewLabel(tr.T("What %s may do in its own part of the tree. It takes effect at its next sign-in.", cust.Name))
	intro.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons(tr.T("Permissions of %s", cust.Name),
		container.New(&widgets.MaxWidthLayout{Width: 460}, container.NewVBox(intro, box, msg)), c.win)
	d.SetButtons([]fyne.CanvasObject{cancel, save})
	d.Show()
	c.permissions = checks
	c.permissionsSave = save
}

// showAuditLog lists who did what, newest first, inside the signed-in
// customer's part of the tree.
func (c *Controller) showAuditLog() {
	tr := c.tr
	events, err := c.store.AuditLog(context.Background(), c.session, 0, 1000)
	if err != nil {
		c.showError(err)
		return
	}
	list := widgets.TextList(func() int { return len(events) }, func(i int) string {
		e := events[i]
		who := e.Actor
		if who == "" {
			who = "—"
		}
		text := tr.DateTime(e.At, c.zone()) + " · " + who + " · " + c.auditAction(e.Action) + " · " + c.auditSubject(e)
		if e.Details != "" {
			text += " · " + e.Details
		}
		return text
	})
	w := c.app.NewWindow(tr.T("Audit log") + " — Branchbook")
	w.SetContent(list)
	w.Resize(fyne.NewSize(900, 560))
	widgets.AddShortcuts(w, map[fyne.KeyName]func(){fyne.KeyW: w.Close})
	w.Show()
	c.auditEvents = events
}
