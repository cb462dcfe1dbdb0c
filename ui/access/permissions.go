package access

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// RightName names a right in the Permissions form.
func RightName(tr *i18n.Translator, r model.Right) string {
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
	case model.RightVouchers:
		return tr.T("Credit vouchers")
	case model.RightInvoices:
		return tr.T("Issue invoices and credit notes")
	}
	return ""
}

// Permissions is the form that sets a customer's rights. It is given the
// customer and its rights now; Save hands the rights ticked to OnSave,
// which stores them (an error stays in the form).
type Permissions struct {
	// Checks are the boxes, one per right.
	Checks map[model.Right]*widgets.Check
	// Save is "Save & Close".
	Save   *widgets.KeyButton
	dialog *dialog.CustomDialog
	msg    *widget.Label
	OnSave func(model.Right) error
}

// ShowPermissions shows the rights of cust; only rights the session holds
// can be ticked or unticked.
func ShowPermissions(env widgets.Env, cust model.Customer, current model.Right, onSave func(model.Right) error) *Permissions {
	tr := env.Tr
	p := &Permissions{Checks: map[model.Right]*widgets.Check{}, OnSave: onSave}
	box := container.NewVBox()
	for _, r := range model.RightList {
		ch := widgets.NewCheck(RightName(tr, r), nil)
		ch.SetChecked(current.Has(r))
		if !env.Can(r) {
			ch.Disable()
		}
		p.Checks[r] = ch
		box.Add(ch)
	}
	p.msg = widget.NewLabel("")
	p.msg.Importance = widget.DangerImportance
	p.msg.Hide()
	hide := func() { p.dialog.Hide() }
	save := func() { p.save(tr) }
	p.Save = widgets.NewKeyButton(tr.T("Save & Close"), save, nil)
	p.Save.Importance = widget.HighImportance
	cancel := widgets.NewKeyButton(tr.T("Cancel"), hide, nil)
	intro := widget.NewLabel(tr.T("What %s may do in its own part of the tree. It takes effect at its next sign-in.", cust.Name))
	intro.Wrapping = fyne.TextWrapWord
	p.dialog = dialog.NewCustomWithoutButtons(tr.T("Permissions of %s", cust.Name),
		container.New(&widgets.MaxWidthLayout{Width: 460}, container.NewVBox(intro, box, p.msg)), env.Win)
	p.dialog.SetButtons([]fyne.CanvasObject{cancel, p.Save})
	p.dialog.Show()
	widgets.BindKeys(env.Win, p.dialog, &widgets.KeyTarget{Enter: save, Escape: hide}, box, cancel, p.Save)
	return p
}

func (p *Permissions) save(tr *i18n.Translator) {
	var rights model.Right
	for r, ch := range p.Checks {
		if ch.Checked {
			rights |= r
		}
	}
	if err := p.OnSave(rights); err != nil {
		p.msg.SetText(widgets.ErrorText(tr, err))
		p.msg.Show()
		return
	}
	p.dialog.Hide()
}

// AuditLog is the window listing who did what, newest first.
type AuditLog struct {
	Win   fyne.Window
	lines []string
}

// ShowAuditLog opens the audit log of events in a window of app.
func ShowAuditLog(app fyne.App, env widgets.Env, events []model.AuditEvent) *AuditLog {
	tr := env.Tr
	l := &AuditLog{lines: make([]string, len(events))}
	for i, e := range events {
		l.lines[i] = auditLine(tr, env.Zone(), e)
	}
	list := widgets.TextList(func() int { return len(l.lines) }, func(i int) string { return l.lines[i] })
	l.Win = app.NewWindow(tr.T("Audit log") + " — Branchbook")
	l.Win.SetContent(list)
	l.Win.Resize(fyne.NewSize(900, 560))
	widgets.AddShortcuts(l.Win, map[fyne.KeyName]func(){fyne.KeyW: l.Win.Close})
	l.Win.Show()
	return l
}

// Lines are the log's lines as shown.
func (l *AuditLog) Lines() []string { return l.lines }

func auditLine(tr *i18n.Translator, zone *time.Location, e model.AuditEvent) string {
	text := tr.DateTime(e.At, zone) + " · " + AuditActor(tr, e) + " · " + AuditAction(tr, e.Action) + " · " + AuditSubject(tr, e)
	if d := AuditDetails(tr, e); d != "" {
		text += " · " + d
	}
	return text
}
