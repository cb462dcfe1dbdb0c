package ledger

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// Store is what the ledger's screens ask of the store.
type Store interface {
	AddEntry(ctx context.Context, s model.Session, h model.Holder, in model.EntryInput) (model.Entry, error)
	ReverseEntry(ctx context.Context, s model.Session, entry model.ID, reason, key string) (model.Entry, error)
	Entries(ctx context.Context, s model.Session, h model.Holder, f model.EntryFilter) ([]model.Entry, error)
	Payments(ctx context.Context, s model.Session, top model.ID, from, to time.Time) ([]model.PaymentLine, error)
	RedeemVoucher(ctx context.Context, s model.Session, account model.ID, code string) (model.Entry, error)
}

// NewFormKey returns a fresh key for one filled-in Maintenance form: the
// store books at most one entry per key.
func NewFormKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Maintenance is the Maintenance form of one customer or account: Add
// Funds, Credit or Debit. Save books and clears the form for the next
// entry; Save & Close books and closes. After each entry OnBooked is told
// whose balance changed.
type Maintenance struct {
	env    widgets.Env
	store  Store
	Target Target
	// Dialog is the form dialog; its fields are the form's.
	Dialog   *widgets.FormDialog
	Action   *widgets.Select
	Amount   *widgets.Entry
	Currency *widgets.SearchEntry
	Notes    *widgets.TextArea
	// Code is the voucher code, on an account's form only: the last
	// action, Voucher, redeems it instead of booking an amount.
	Code   *widgets.Entry
	Status *widget.Label
	form   *widgets.Form
	key    string
	// pending is the entry read last; booked the entry booked last.
	pending model.EntryInput
	booked  model.Entry
	kinds   []model.EntryKind
	// OnBooked is told of each entry booked, for every pane that shows
	// its holder.
	OnBooked func(model.Entry)
}

// ShowMaintenance opens the Maintenance form of a customer or an account.
func ShowMaintenance(env widgets.Env, store Store, target Target, onBooked func(model.Entry)) *Maintenance {
	tr := env.Tr
	m := &Maintenance{env: env, store: store, Target: target, form: widgets.NewForm(tr), key: NewFormKey(),
		kinds: []model.EntryKind{model.EntryAddFunds, model.EntryCredit, model.EntryDebit}, OnBooked: onBooked}
	var names []string
	for _, k := range m.kinds {
		names = append(names, ActionName(tr, k))
	}
	if target.Holder.IsAccount() {
		names = append(names, tr.T("Voucher"))
	}
	m.Action = widgets.NewSelect(names, func(string) { m.actionChanged() })
	m.Action.SetSelectedIndex(0)
	m.Amount = widgets.NewEntry(model.MaxNumberTextLen)
	m.Currency = widgets.NewChoice(widgets.Currencies(env.Rates(), target.Currency), string(target.Currency))
	m.Currency.OnChanged = func(string) { m.preview() }
	m.Notes = widgets.NewTextArea(2, model.MaxEntryNotesLen)
	m.Amount.OnChanged = func(string) { m.preview() }
	m.form.Add("action", tr.T("Action"), m.Action)
	m.form.Add("amount", tr.T("Amount"), m.Amount)
	m.form.Add("currency", tr.T("Currency"), m.Currency)
	m.form.Add("notes", tr.T("Notes"), m.Notes)
	if target.Holder.IsAccount() {
		m.Code = widgets.NewEntry(2 * model.VoucherDigits)
		m.Code.SetPlaceHolder(model.GroupVoucherDigits(strings.Repeat("0", model.VoucherDigits)))
		m.Code.Disable()
		m.form.Add("code", tr.T("Voucher code"), m.Code)
	}
	m.Status = widget.NewLabel("")
	m.Status.Wrapping = fyne.TextWrapWord
	m.showBalance()
	body := container.NewVBox(m.Status, m.form.Object())
	m.Dialog = widgets.ShowFormDialog(env, widgets.FormSpec{
		Title:    tr.T("Maintenance: %s", target.Name),
		Form:     m.form,
		Content:  container.New(&widgets.MaxWidthLayout{Width: 560}, body),
		Focus:    m.Amount,
		Read:     m.Read,
		AskFirst: m.askDebit,
		KeepOpen: true,
		Saved:    m.saved,
	})
	return m
}

// voucher reports whether the action chosen is Voucher.
func (m *Maintenance) voucher() bool {
	return m.Code != nil && m.Action.SelectedIndex() == len(m.kinds)
}

// actionChanged enables the fields of the action chosen: the code for a
// voucher, the amount, currency and notes for the others.
func (m *Maintenance) actionChanged() {
	if m.Code == nil || m.Amount == nil {
		return
	}
	on := m.voucher()
	for _, in := range []fyne.Disableable{m.Amount, m.Currency, m.Notes} {
		if on {
			in.Disable()
		} else {
			in.Enable()
		}
	}
	if on {
		m.Code.Enable()
		m.env.Win.Canvas().Focus(m.Code)
	} else {
		m.Code.Disable()
	}
}

func (m *Maintenance) showBalance() {
	tr := m.env.Tr
	m.Status.SetText(tr.T("Balance %s · available %s", widgets.NativeAndUSD(tr, m.env.Rates(), m.Target.Balance, m.Target.Currency),
		widgets.MoneyText(tr, m.Target.Available(), m.Target.Currency)))
}

// preview shows, under the amount, what it books in the customer's
// currency when the entry is in another one.
func (m *Maintenance) preview() {
	tr := m.env.Tr
	code, cerr := m.Currency.Chosen("currency")
	cur := model.Currency(code)
	d, err := tr.ParseDecimal(m.Amount.Text)
	if cur == m.Target.Currency || cerr != nil || err != nil || !d.IsPositive() {
		m.form.SetHint("amount", "")
		return
	}
	rate, rerr := m.env.Rates().CrossRate(cur, m.Target.Currency)
	if rerr != nil {
		m.form.SetHint("amount", widgets.ErrorText(tr, rerr))
		return
	}
	m.form.SetHint("amount", tr.T("= %s at %s %s per %s", widgets.MoneyText(tr, model.Book(d, rate), m.Target.Currency),
		tr.Decimal(rate, min(widgets.ShownPlaces(rate, 2), 8)), string(m.Target.Currency), string(cur)))
}

// input reads the form.
func (m *Maintenance) input() (model.EntryInput, error) {
	var es model.Errors
	code, e := m.Currency.Chosen("currency")
	if e != nil {
		es = append(es, e)
	}
	in := model.EntryInput{Currency: model.Currency(code), Notes: m.Notes.Text, Key: m.key}
	if i := m.Action.SelectedIndex(); i >= 0 {
		in.Kind = m.kinds[i]
	}
	d, e := widgets.ParseAmount(m.env.Tr, "amount", m.Amount.Text)
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

// Read checks the form and returns the write that books it. The form's
// key makes the store refuse to book one filled-in form twice, whatever
// happens to the buttons.
func (m *Maintenance) Read() (func() error, error) {
	if m.voucher() {
		// A mistyped code is told apart here, before the store is asked.
		code := m.Code.Text
		if _, _, err := model.ParseVoucherCode(code); err != nil {
			return nil, err
		}
		m.pending = model.EntryInput{}
		store, sess, account := m.store, m.env.Session(), m.Target.Holder.Account
		return func() (err error) {
			m.booked, err = store.RedeemVoucher(context.Background(), sess, account, code)
			return err
		}, nil
	}
	in, err := m.input()
	if err != nil {
		return nil, err
	}
	m.pending = in
	store, sess, holder := m.store, m.env.Session(), m.Target.Holder
	return func() (err error) {
		m.booked, err = store.AddEntry(context.Background(), sess, holder, in)
		return err
	}, nil
}

// askDebit asks first when a debit takes Available below zero.
func (m *Maintenance) askDebit(proceed func()) {
	in := m.pending
	if in.Kind != model.EntryDebit {
		proceed()
		return
	}
	rate, err := m.env.Rates().CrossRate(in.Currency, m.Target.Currency)
	if err != nil {
		proceed() // the store refuses it with the reason
		return
	}
	after := m.Target.Available().Sub(model.Book(in.Amount, rate))
	if !after.IsNegative() {
		proceed()
		return
	}
	tr := m.env.Tr
	// The amount starts a line of its own: wrapped mid-sentence, its code
	// and its number fell on two lines ("USD" / "-50.12").
	widgets.Confirm(m.env.Win, tr, tr.T("Below the credit limit"),
		tr.T("This debit takes the available amount of %s below zero, to %s. Book it anyway?",
			m.Target.Name, "\n"+widgets.MoneyText(tr, after, m.Target.Currency)),
		tr.T("Book the debit"), proceed)
}

// saved redraws what shows the balance and, when the dialog stays open,
// readies it for the next entry: a new key, an empty amount and notes.
func (m *Maintenance) saved(closed bool) {
	e := m.booked
	m.Target.Balance = e.BalanceAfter
	if m.OnBooked != nil {
		m.OnBooked(e)
	}
	if closed {
		return
	}
	tr := m.env.Tr
	m.key = NewFormKey()
	m.Amount.SetText("")
	m.Notes.SetText("")
	m.showBalance()
	if m.voucher() {
		m.Code.SetText("")
		m.Status.SetText(tr.T("Voucher redeemed: %s, booked %s. ", widgets.MoneyText(tr, e.Entered.Amount, e.Entered.Currency),
			widgets.MoneyText(tr, e.Booked, m.Target.Currency)) + m.Status.Text)
		m.env.Win.Canvas().Focus(m.Code)
		return
	}
	m.Status.SetText(tr.T("Saved: %s %s. ", ActionName(tr, e.Kind), widgets.MoneyText(tr, e.Entered.Amount, e.Entered.Currency)) + m.Status.Text)
	m.env.Win.Canvas().Focus(m.Amount)
}
