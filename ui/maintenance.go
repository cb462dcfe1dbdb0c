package ui

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
)

// newFormKey returns a fresh key for one filled-in Maintenance form: the
// store books at most one entry per key.
func newFormKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// maintenanceDialog is the Maintenance form of one customer or account:
// Add Funds, Credit or Debit. Save books and clears the form for the next
// entry; Save & Close books and closes.
type maintenanceDialog struct {
	c        *Controller
	target   ledgerTarget
	dialog   *dialog.CustomDialog
	form     *fieldForm
	action   *widget.Select
	amount   *widget.Entry
	currency *widget.Select
	notes    *textArea
	status   *widget.Label
	save     *widget.Button
	saveExit *widget.Button
	key      string
	busy     bool
	kinds    []model.EntryKind
}

// actionNames are the Maintenance actions as the clerk sees them.
func (c *Controller) actionName(k model.EntryKind) string {
	switch k {
	case model.EntryAddFunds:
		return c.tr.T("Add Funds")
	case model.EntryCredit:
		return c.tr.T("Credit")
	case model.EntryDebit:
		return c.tr.T("Debit")
	case model.EntryOpening:
		return c.tr.T("Opening balance")
	case model.EntryReversal:
		return c.tr.T("Reversal")
	}
	return string(k)
}

// showMaintenance opens the Maintenance form of the selected customer.
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
		c.showInfoIn(c.win, tr.T("Maintenance"), tr.T("Maintenance changes the balance of a customer below you. Select one in the tree first."))
		return
	}
	c.openMaintenance(customerTarget(cust))
}

// openMaintenance opens the Maintenance form of a customer or an account.
func (c *Controller) openMaintenance(target ledgerTarget) {
	tr := c.tr
	m := &maintenanceDialog{c: c, target: target, form: newFieldForm(tr), key: newFormKey(),
		kinds: []model.EntryKind{model.EntryAddFunds, model.EntryCredit, model.EntryDebit}}
	var names []string
	for _, k := range m.kinds {
		names = append(names, c.actionName(k))
	}
	m.action = widget.NewSelect(names, nil)
	m.action.SetSelectedIndex(0)
	m.amount = widget.NewEntry()
	m.currency = widget.NewSelect(c.currenciesFrom(target.currency), func(string) { m.preview() })
	m.currency.SetSelected(string(target.currency))
	m.notes = newTextArea(2)
	m.amount.OnChanged = func(string) { m.preview() }
	m.form.add("action", tr.T("Action"), m.action)
	m.form.add("amount", tr.T("Amount"), m.amount)
	m.form.add("currency", tr.T("Currency"), m.currency)
	m.form.add("notes", tr.T("Notes"), m.notes)
	m.status = widget.NewLabel("")
	m.status.Wrapping = fyne.TextWrapWord
	m.showBalance()
	m.amount.OnSubmitted = func(string) { c.guard(func() { m.submit(true) })() }

	cancel := widget.NewButton(tr.T("Cancel"), func() { m.dialog.Hide() })
	m.save = widget.NewButton(tr.T("Save"), c.guard(func() { m.submit(false) }))
	m.saveExit = widget.NewButton(tr.T("Save & Close"), c.guard(func() { m.submit(true) }))
	m.saveExit.Importance = widget.HighImportance
	body := container.NewVBox(m.status, m.form.object())
	m.dialog = dialog.NewCustomWithoutButtons(tr.T("Maintenance: %s", target.name), container.New(&maxWidthLayout{width: 560}, body), c.win)
	m.dialog.SetButtons([]fyne.CanvasObject{cancel, m.save, m.saveExit})
	m.dialog.Show()
	c.win.Canvas().Focus(m.amount)
	c.maintenance = m
}

func (m *maintenanceDialog) showBalance() {
	tr := m.c.tr
	m.status.SetText(tr.T("Balance %s · available %s", nativeAndUSD(tr, m.c.rates, m.target.balance, m.target.currency),
		moneyText(tr, m.target.available(), m.target.currency)))
}

// preview shows, under the amount, what it books in the customer's
// currency when the entry is in another one.
func (m *maintenanceDialog) preview() {
	tr := m.c.tr
	cur := model.Currency(m.currency.Selected)
	d, err := tr.ParseDecimal(m.amount.Text)
	if cur == m.target.currency || err != nil || !d.IsPositive() {
		m.form.setHint("amount", "")
		return
	}
	rate, rerr := m.c.rates.CrossRate(cur, m.target.currency)
	if rerr != nil {
		m.form.setHint("amount", ErrorText(tr, rerr))
		return
	}
	m.form.setHint("amount", tr.T("= %s at %s %s per %s", moneyText(tr, model.Book(d, rate), m.target.currency),
		tr.Decimal(rate, min(shownPlaces(rate, 2), 8)), string(m.target.currency), string(cur)))
}

// input reads the form.
func (m *maintenanceDialog) input() (model.EntryInput, error) {
	var es model.Errors
	in := model.EntryInput{Currency: model.Currency(m.currency.Selected), Notes: m.notes.Text, Key: m.key}
	if i := m.action.SelectedIndex(); i >= 0 {
		in.Kind = m.kinds[i]
	}
	d, e := parseAmount(m.c.tr, "amount", m.amount.Text)
	if e != nil {
		es = append(es, e)
	}
	in.Amount = d
	for _, e := range model.FieldErrors(in.Validate()) {
		if es.For(e.Field) == nil {
			es = append(es, e)
		}
	}
	return in, es.Err()
}

// submit books the entry. A debit that takes Available below zero asks
// first. While one save runs, others are ignored; and the form's key makes
// the store refuse to book the same form twice anyway.
func (m *maintenanceDialog) submit(closeAfter bool) {
	if m.busy {
		return
	}
	in, err := m.input()
	if err != nil {
		m.form.showErrors(err)
		return
	}
	m.form.clearErrors()
	if in.Kind == model.EntryDebit {
		if rate, err := m.c.rates.CrossRate(in.Currency, m.target.currency); err == nil {
			after := m.target.available().Sub(model.Book(in.Amount, rate))
			if after.IsNegative() {
				tr := m.c.tr
				m.c.confirm(m.c.win, tr.T("Below the credit limit"),
					tr.T("This debit takes the available amount of %s below zero, to %s. Book it anyway?",
						m.target.name, moneyText(tr, after, m.target.currency)),
					tr.T("Book the debit"), func() { m.book(in, closeAfter) })
				return
			}
		}
	}
	m.book(in, closeAfter)
}

func (m *maintenanceDialog) book(in model.EntryInput, closeAfter bool) {
	tr := m.c.tr
	m.busy = true
	m.save.Disable()
	m.saveExit.Disable()
	defer func() {
		m.busy = false
		m.save.Enable()
		m.saveExit.Enable()
	}()
	e, err := m.c.store.AddEntry(context.Background(), m.c.session, m.target.holder, in)
	if err != nil {
		m.form.showErrors(err)
		return
	}
	m.target.balance = e.BalanceAfter
	m.c.entryBooked(m.target.holder)
	if closeAfter {
		m.dialog.Hide()
		return
	}
	// Ready for the next entry: a new key, an empty amount and notes.
	m.key = newFormKey()
	m.amount.SetText("")
	m.notes.SetText("")
	m.showBalance()
	m.status.SetText(tr.T("Saved: %s %s. ", m.c.actionName(e.Kind), moneyText(tr, e.Entered.Amount, e.Entered.Currency)) + m.status.Text)
	m.c.win.Canvas().Focus(m.amount)
}

// entryBooked redraws what shows a balance after an entry: the customer's
// row and pane, or the account's row, tab and window.
func (c *Controller) entryBooked(h model.Holder) {
	if h.IsAccount() {
		c.accountChanged(h.Account)
		return
	}
	c.tree.refresh(h.Customer)
	if c.shown == h.Customer {
		c.selectCustomer(h.Customer)
	}
}
