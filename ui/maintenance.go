package ui

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
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
	fd       *widgets.FormDialog
	form     *widgets.Form
	action   *widget.Select
	amount   *widget.Entry
	currency *widget.Select
	notes    *widgets.TextArea
	status   *widget.Label
	key      string
	// pending is the entry read last; booked the entry booked last.
	pending model.EntryInput
	booked  model.Entry
	kinds   []model.EntryKind
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
		widgets.ShowInfo(c.win, c.tr, tr.T("Maintenance"), tr.T("Maintenance changes the balance of a customer below you. Select one in the tree first."))
		return
	}
	c.openMaintenance(customerTarget(cust))
}

// openMaintenance opens the Maintenance form of a customer or an account.
func (c *Controller) openMaintenance(target ledgerTarget) {
	tr := c.tr
	m := &maintenanceDialog{c: c, target: target, form: widgets.NewForm(tr), key: newFormKey(),
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
	m.notes = widgets.NewTextArea(2)
	m.amount.OnChanged = func(string) { m.preview() }
	m.form.Add("action", tr.T("Action"), m.action)
	m.form.Add("amount", tr.T("Amount"), m.amount)
	m.form.Add("currency", tr.T("Currency"), m.currency)
	m.form.Add("notes", tr.T("Notes"), m.notes)
	m.status = widget.NewLabel("")
	m.status.Wrapping = fyne.TextWrapWord
	m.showBalance()
	body := container.NewVBox(m.status, m.form.Object())
	m.fd = widgets.ShowFormDialog(c.env(c.win), widgets.FormSpec{
		Title:    tr.T("Maintenance: %s", target.name),
		Form:     m.form,
		Content:  container.New(&widgets.MaxWidthLayout{Width: 560}, body),
		Focus:    m.amount,
		Read:     m.read,
		AskFirst: m.askDebit,
		KeepOpen: true,
		Saved:    m.saved,
	})
	c.maintenance = m
}

func (m *maintenanceDialog) showBalance() {
	tr := m.c.tr
	m.status.SetText(tr.T("Balance %s · available %s", widgets.NativeAndUSD(tr, m.c.rates, m.target.balance, m.target.currency),
		widgets.MoneyText(tr, m.target.available(), m.target.currency)))
}

// preview shows, under the amount, what it books in the customer's
// currency when the entry is in another one.
func (m *maintenanceDialog) preview() {
	tr := m.c.tr
	cur := model.Currency(m.currency.Selected)
	d, err := tr.ParseDecimal(m.amount.Text)
	if cur == m.target.currency || err != nil || !d.IsPositive() {
		m.form.SetHint("amount", "")
		return
	}
	rate, rerr := m.c.rates.CrossRate(cur, m.target.currency)
	if rerr != nil {
		m.form.SetHint("amount", widgets.ErrorText(tr, rerr))
		return
	}
	m.form.SetHint("amount", tr.T("= %s at %s %s per %s", widgets.MoneyText(tr, model.Book(d, rate), m.target.currency),
		tr.Decimal(rate, min(widgets.ShownPlaces(rate, 2), 8)), string(m.target.currency), string(cur)))
}

// input reads the form.
func (m *maintenanceDialog) input() (model.EntryInput, error) {
	var es model.Errors
	in := model.EntryInput{Currency: model.Currency(m.currency.Selected), Notes: m.notes.Text, Key: m.key}
	if i := m.action.SelectedIndex(); i >= 0 {
		in.Kind = m.kinds[i]
	}
	d, e := widgets.ParseAmount(m.c.tr, "amount", m.amount.Text)
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

// read checks the form and returns the write that books it. The form's
// key makes the store refuse to book one filled-in form twice, whatever
// happens to the buttons.
func (m *maintenanceDialog) read() (func() error, error) {
	in, err := m.input()
	if err != nil {
		return nil, err
	}
	m.pending = in
	store, sess, holder := m.c.store, m.c.session, m.target.holder
	return func() (err error) {
		m.booked, err = store.AddEntry(context.Background(), sess, holder, in)
		return err
	}, nil
}

// askDebit asks first when a debit takes Available below zero.
func (m *maintenanceDialog) askDebit(proceed func()) {
	in := m.pending
	if in.Kind != model.EntryDebit {
		proceed()
		return
	}
	rate, err := m.c.rates.CrossRate(in.Currency, m.target.currency)
	if err != nil {
		proceed() // the store refuses it with the reason
		return
	}
	after := m.target.available().Sub(model.Book(in.Amount, rate))
	if !after.IsNegative() {
		proceed()
		return
	}
	tr := m.c.tr
	widgets.Confirm(m.c.win, tr, tr.T("Below the credit limit"),
		tr.T("This debit takes the available amount of %s below zero, to %s. Book it anyway?",
			m.target.name, widgets.MoneyText(tr, after, m.target.currency)),
		tr.T("Book the debit"), proceed)
}

// saved redraws what shows the balance and, when the dialog stays open,
// readies it for the next entry: a new key, an empty amount and notes.
func (m *maintenanceDialog) saved(closed bool) {
	e := m.booked
	m.target.balance = e.BalanceAfter
	m.c.entryBooked(m.target.holder)
	if closed {
		return
	}
	tr := m.c.tr
	m.key = newFormKey()
	m.amount.SetText("")
	m.notes.SetText("")
	m.showBalance()
	m.status.SetText(tr.T("Saved: %s %s. ", m.c.actionName(e.Kind), widgets.MoneyText(tr, e.Entered.Amount, e.Entered.Currency)) + m.status.Text)
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
