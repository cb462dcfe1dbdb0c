package accounts

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// accountForm is the Add and Adjust form of an account.
type accountForm struct {
	tr          *i18n.Translator
	zone        *time.Location
	form        *widgets.Form
	username    *widgets.Entry
	password    *widgets.Entry
	again       *widgets.Entry
	description *widgets.Entry
	currency    *widgets.SearchEntry
	tariff      *tariffPicker
	balance     *widgets.Entry // nil when adjusting: the balance is read-only
	credit      *widgets.Entry
	blocked     *widgets.Check
	expires     *widgets.Entry
}

// newAccountForm builds the form. existing is nil for a new account, which
// gets the customer's currency and tariff by default; currencies are those
// the account may be kept in, tariffs those the customer may use (the
// form lists the ones in the chosen currency).
func newAccountForm(s *Screens, owner model.Customer, existing *model.Account, currencies []string,
	tariffs []model.Tariff) *accountForm {
	tr := s.tr
	f := &accountForm{tr: tr, zone: s.zone(), form: widgets.NewForm(tr)}
	f.username = widgets.NewEntry(model.MaxLoginLen)
	f.password = widgets.NewPasswordEntry(model.MaxPasswordLen)
	f.again = widgets.NewPasswordEntry(model.MaxPasswordLen)
	generate := widgets.NewDialogButton(tr.T("Generate"), theme.ViewRefreshIcon(), f.generatePassword)
	f.description = widgets.NewEntry(model.MaxAccountDescriptionLen)
	f.currency = widgets.NewChoice(currencies, string(owner.Currency))
	f.tariff = newTariffPicker(tr, owner, tariffs)
	f.tariff.follow(f.currency)
	f.credit = widgets.NewEntry(model.MaxNumberTextLen)
	f.credit.SetText(tr.Decimal(decimalInt(0), 2))
	f.blocked = widgets.NewCheck(tr.T("Blocked: the account may not use the service"), nil)
	f.expires = widgets.NewEntry(model.MaxDateTextLen)
	f.expires.SetPlaceHolder(tr.DatePattern())

	ff := f.form
	ff.Add("username", tr.T("Username"), f.username)
	ff.SetHint("username", tr.T("3 to 64 letters, digits and . _ - @; unique in the whole file."))
	ff.Add("password", tr.T("Password"), container.NewBorder(nil, nil, nil, generate, f.password))
	ff.Add("password_again", tr.T("Password again"), f.again)
	ff.Add("description", tr.T("Description"), f.description)
	ff.Add("currency", tr.T("Currency"), f.currency)
	ff.Add("tariff", tr.T("Tariff"), f.tariff.entry)
	if existing == nil {
		f.balance = ff.AddOpeningBalance(tr.T("In the account's currency; may be negative. It becomes the first entry of the account's history."))
	} else {
		ff.Add("balance", tr.T("Balance"), widget.NewLabel(widgets.MoneyText(tr, existing.Balance, existing.Currency)))
	}
	ff.Add("credit_limit", tr.T("Credit limit"), f.credit)
	ff.Add("expires", tr.T("Expires"), f.expires)
	ff.SetHint("expires", tr.T("The last day the account may be used; empty for never."))
	ff.Add("blocked", "", f.blocked)
	if existing != nil {
		f.fill(*existing)
	}
	return f
}

// generatePassword puts a fresh random password in both fields, shown so
// the clerk can hand it over.
func (f *accountForm) generatePassword() {
	p := randomPassword(12)
	f.password.SetText(p)
	f.again.SetText(p)
	f.form.SetHint("password", f.tr.T("Generated: %s (shown this once; write it down before saving)", p))
}

// randomPassword draws n characters from crypto/rand, leaving out those
// easily mistaken for each other (0/O, 1/l/I).
func randomPassword(n int) string {
	const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	return randomFrom(alphabet, n)
}

func randomFrom(alphabet string, n int) string {
	b := make([]byte, n)
	buf := make([]byte, 1)
	for i := 0; i < n; {
		rand.Read(buf)
		// Reject the top of the byte range so every character is as likely.
		if int(buf[0]) >= 256-256%len(alphabet) {
			continue
		}
		b[i] = alphabet[int(buf[0])%len(alphabet)]
		i++
	}
	return string(b)
}

// fill puts an existing account's values in the form. The password stays
// empty: it changes only if the clerk types a new one.
func (f *accountForm) fill(a model.Account) {
	tr := f.tr
	f.username.SetText(a.Username)
	f.password.SetPlaceHolder(tr.T("Leave empty to keep the password"))
	f.description.SetText(a.Description)
	f.currency.SetSelected(string(a.Currency))
	f.tariff.refilter(f.currency)
	f.tariff.selectID(a.TariffID)
	f.credit.SetText(tr.Decimal(a.CreditLimit, widgets.ShownPlaces(a.CreditLimit, a.Currency.MinorUnits())))
	f.blocked.SetChecked(a.Blocked)
	if !a.ExpiresAt.IsZero() {
		f.expires.SetText(expiryText(tr, a.ExpiresAt, f.zone))
	}
}

// tariffLabel names a tariff in the picker: "Europe (EUR)".
func tariffLabel(t model.Tariff) string { return fmt.Sprintf("%s (%s)", t.Name, t.Currency) }

// accountTariffs are the tariffs an account of owner may get: those
// TariffsFor lists (owned by the customer or an owner up to the session's
// customer) and the customer's own tariff.
func (s *Screens) accountTariffs(owner model.Customer) ([]model.Tariff, error) {
	list, err := s.store.TariffsFor(context.Background(), s.session(), owner.ID)
	if err != nil {
		return nil, err
	}
	for _, t := range list {
		if t.ID == owner.TariffID {
			return list, nil
		}
	}
	return append(list, model.Tariff{ID: owner.TariffID, Name: owner.TariffName, Currency: owner.Currency}), nil
}

// tariffPicker is the Tariff field of the account form and the card batch
// dialog: the tariffs the customer may use, listed for one currency.
type tariffPicker struct {
	entry   *widgets.SearchEntry
	own     model.ID       // the customer's tariff, the default
	tariffs []model.Tariff // every tariff the customer may use
	shown   []model.Tariff // those in the chosen currency, as listed
}

func newTariffPicker(tr *i18n.Translator, owner model.Customer, tariffs []model.Tariff) *tariffPicker {
	p := &tariffPicker{entry: widgets.NewChoice(nil, ""), own: owner.TariffID, tariffs: tariffs}
	p.entry.PlaceHolder = tr.T("Choose a tariff")
	return p
}

// follow lists the tariffs in currency's choice now and whenever it
// changes.
func (p *tariffPicker) follow(currency *widgets.SearchEntry) {
	p.refilter(currency)
	currency.OnChanged = func(string) { p.refilter(currency) }
}

// refilter lists the tariffs in the chosen currency. A tariff already
// chosen in it stays; otherwise the customer's own when in that currency,
// else the only one, else none.
func (p *tariffPicker) refilter(currency *widgets.SearchEntry) {
	cur, _ := currency.Chosen("currency")
	p.shown = nil
	var labels []string
	for _, t := range p.tariffs {
		if string(t.Currency) == cur {
			p.shown = append(p.shown, t)
			labels = append(labels, tariffLabel(t))
		}
	}
	p.entry.SetChoices(labels)
	if _, err := p.entry.Chosen("tariff"); err == nil {
		return
	}
	pick := ""
	for _, t := range p.shown {
		if t.ID == p.own {
			pick = tariffLabel(t)
		}
	}
	if pick == "" && len(labels) == 1 {
		pick = labels[0]
	}
	p.entry.SetText(pick)
}

// selectID shows the tariff id when it is listed.
func (p *tariffPicker) selectID(id model.ID) {
	for _, t := range p.shown {
		if t.ID == id {
			p.entry.SetSelected(tariffLabel(t))
		}
	}
}

// chosen is the tariff the field holds; 0 when empty (none in this
// currency: the store gives none, or its default).
func (p *tariffPicker) chosen() (model.ID, *model.Error) {
	if strings.TrimSpace(p.entry.Text) == "" {
		return 0, nil
	}
	label, e := p.entry.Chosen("tariff")
	if e != nil {
		return 0, e
	}
	for _, t := range p.shown {
		if tariffLabel(t) == label {
			return t.ID, nil
		}
	}
	return 0, nil
}

// expiryText shows the last day an account may be used: the day before
// the instant it expires.
func expiryText(tr *i18n.Translator, expires time.Time, zone *time.Location) string {
	return tr.Date(expires.Add(-time.Nanosecond), zone)
}

// input reads the form, with every number or date that cannot be read as
// a field error, and the model's own rules.
func (f *accountForm) input(creating bool) (model.AccountInput, error) {
	var es model.Errors
	in := model.AccountInput{Username: f.username.Text, Password: f.password.Text, PasswordAgain: f.again.Text,
		Description: f.description.Text, Blocked: f.blocked.Checked}
	in.Balance, in.CreditLimit, es = widgets.ReadBalanceAndCredit(f.tr, f.balance, f.credit)
	code, e := f.currency.Chosen("currency")
	if e != nil {
		es = append(es, e)
	}
	in.Currency = model.Currency(code)
	var te *model.Error
	if in.TariffID, te = f.tariff.chosen(); te != nil {
		es = append(es, te)
	}
	if text := strings.TrimSpace(f.expires.Text); text != "" {
		day, err := f.tr.ParseDate(text, f.zone)
		if err != nil {
			es = append(es, model.FieldError("expires", model.CodeInvalid, map[string]any{"date": true}))
		} else {
			in.ExpiresAt = day.AddDate(0, 0, 1) // usable through the whole of that day
		}
	}
	in.Normalize()
	for _, e := range model.FieldErrors(in.Validate(creating)) {
		if es.For(e.Field) == nil {
			es = append(es, e)
		}
	}
	return in, es.Err()
}

// Add shows the Add Account form for the selected customer.
func (s *Screens) Add() {
	tr := s.tr
	owner, ok := s.hooks.Customer(model.RightAccountsAdd)
	if !ok {
		return
	}
	if owner.IsRoot() {
		widgets.ShowInfo(s.win, s.tr, tr.T("Add account"), tr.T("Accounts belong to customers below the root. Select one in the tree first."))
		return
	}
	tariffs, err := s.accountTariffs(owner)
	if err != nil {
		s.showError(err)
		return
	}
	f := newAccountForm(s, owner, nil, s.currenciesFrom(owner.Currency), tariffs)
	var saved model.Account
	read := func() (func() error, error) {
		in, err := f.input(true)
		if err != nil {
			return nil, err
		}
		return func() (err error) {
			saved, err = s.store.CreateAccount(context.Background(), s.session(), owner.ID, in)
			return err
		}, nil
	}
	widgets.ShowFormDialog(s.env, widgets.FormSpec{Title: tr.T("Add account for %s", owner.Name),
		Form: f.form, Focus: f.username, Read: read, Saved: func(bool) {
			s.hooks.OnAccountsChanged(owner.ID)
			s.pane.selectAccount(saved.ID)
		}})
}

// Adjust shows the Adjust form of an account.
func (s *Screens) Adjust(a model.Account) {
	tr := s.tr
	if !s.session().Rights.Has(model.RightAccountsEdit) {
		s.showError(model.ErrNotPermitted)
		return
	}
	owner, err := s.store.Customer(context.Background(), s.session(), a.CustomerID)
	if err != nil {
		s.showError(err)
		return
	}
	tariffs, err := s.accountTariffs(owner)
	if err != nil {
		s.showError(err)
		return
	}
	if a.TariffID != 0 && !slices.ContainsFunc(tariffs, func(t model.Tariff) bool { return t.ID == a.TariffID }) {
		tariffs = append(tariffs, model.Tariff{ID: a.TariffID, Name: a.TariffName, Currency: a.Currency})
	}
	f := newAccountForm(s, owner, &a, s.currenciesFrom(owner.Currency), tariffs)
	read := func() (func() error, error) {
		in, err := f.input(false)
		if err != nil {
			return nil, err
		}
		return func() error {
			_, err := s.store.UpdateAccount(context.Background(), s.session(), a.ID, in)
			return err
		}, nil
	}
	widgets.ShowFormDialog(s.env, widgets.FormSpec{Title: tr.T("Adjust account %s", model.VisibleText(a.Username)),
		Form: f.form, Focus: f.username, Read: read, Saved: func(bool) { s.Changed(a.ID) }})
}

// AskDelete confirms, then archives an account; its history stays.
func (s *Screens) AskDelete(a model.Account) {
	tr := s.tr
	if !s.session().Rights.Has(model.RightAccountsDelete) {
		s.showError(model.ErrNotPermitted)
		return
	}
	widgets.Confirm(s.win, s.tr, tr.T("Delete account %s", model.VisibleText(a.Username)),
		tr.T("Delete account %s? Balance: %s.\n\nIts history stays in the file.", model.VisibleText(a.Username), widgets.MoneyText(tr, a.Balance, a.Currency)),
		tr.T("Delete"), func() {
			if err := s.store.DeleteAccount(context.Background(), s.session(), a.ID); err != nil {
				s.showError(err)
				return
			}
			s.hooks.OnAccountsChanged(a.CustomerID)
		})
}
