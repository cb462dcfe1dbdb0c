package customers

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// customerForm is the Add and Adjust form of a customer.
type customerForm struct {
	tr       *i18n.Translator
	form     *widgets.Form
	tariffs  []model.Tariff
	name     *widgets.Entry
	tariff   *widgets.SearchEntry
	zone     *widgets.SearchEntry
	language *widgets.SearchEntry
	login    *widgets.Entry
	password *widgets.Entry
	again    *widgets.Entry
	balance  *widgets.Entry // nil when adjusting: the balance is read-only
	credit   *widgets.Entry
	company  *widgets.Entry
	contact  *widgets.Entry
	email    *widgets.Entry
	phone    *widgets.Entry
	address  *widgets.TextArea
	notes    *widgets.TextArea
	blocked  *widgets.Check
	// shownBalance is the Adjust form's balance, kept current when a
	// Maintenance entry opened from its link is booked.
	shownBalance *widget.Label
}

// tariffLabel names a tariff in the picker: "Europe (EUR)".
func tariffLabel(t model.Tariff) string { return fmt.Sprintf("%s (%s)", t.Name, t.Currency) }

// newCustomerForm builds the form. existing is nil for a new customer;
// parent gives the defaults of a new one. rates show the balance in USD.
func newCustomerForm(tr *i18n.Translator, tariffs []model.Tariff, existing *model.Customer, parent model.Customer,
	rates model.RateTable, onMaintenance func()) *customerForm {
	f := &customerForm{tr: tr, form: widgets.NewForm(tr), tariffs: tariffs}
	f.name = widgets.NewEntry(model.MaxNameLen)
	var labels []string
	for _, t := range tariffs {
		labels = append(labels, tariffLabel(t))
	}
	f.tariff = widgets.NewChoice(labels, "")
	f.tariff.PlaceHolder = tr.T("Choose a tariff")
	zone, lang := parent.TimeZone, parent.Language
	if existing != nil {
		zone, lang = existing.TimeZone, existing.Language
	}
	f.zone = widgets.NewZonePicker(zone)
	l, _ := i18n.Parse(lang)
	f.language = widgets.NewLanguagePicker(l, nil)
	f.login = widgets.NewEntry(model.MaxLoginLen)
	f.password = widgets.NewPasswordEntry(model.MaxPasswordLen)
	f.again = widgets.NewPasswordEntry(model.MaxPasswordLen)
	f.credit = widgets.NewEntry(model.MaxNumberTextLen)
	f.credit.SetText(tr.Decimal(decimalInt(0), 2))
	f.company, f.contact = widgets.NewEntry(model.MaxShortTextLen), widgets.NewEntry(model.MaxShortTextLen)
	f.email, f.phone = widgets.NewEntry(model.MaxShortTextLen), widgets.NewEntry(model.MaxPhoneLen)
	f.address = widgets.NewTextArea(2, model.MaxAddressLen)
	f.notes = widgets.NewTextArea(3, model.MaxNotesLen)
	f.blocked = widgets.NewCheck(tr.T("Blocked: the customer may not use the service"), nil)

	ff := f.form
	ff.AddRows(
		widgets.Row{Key: "name", Label: tr.T("Name"), Input: f.name},
		widgets.Row{Key: "tariff", Label: tr.T("Tariff"), Input: f.tariff},
		widgets.Row{Key: "time_zone", Label: tr.T("Time zone"), Input: f.zone},
		widgets.Row{Key: "language", Label: tr.T("Language"), Input: f.language},
		widgets.Row{Key: "web_login", Label: tr.T("Web login"), Input: f.login},
		widgets.Row{Key: "password", Label: tr.T("Web password"), Input: f.password},
		widgets.Row{Key: "password_again", Label: tr.T("Password again"), Input: f.again})
	if existing == nil {
		f.balance = ff.AddOpeningBalance(tr.T("In the tariff's currency; may be negative. It becomes the first entry of the customer's history."))
	} else if existing.IsRoot() {
		ff.Add("balance", tr.T("Balance"), widget.NewLabel(tr.T("The root customer is never billed and has no balance.")))
	} else {
		f.shownBalance = widget.NewLabel(widgets.NativeAndUSD(tr, rates, existing.Balance, existing.Currency))
		link := widgets.NewLink(tr.T("Change it with Maintenance…"), nil)
		link.OnTapped = onMaintenance
		ff.Add("balance", tr.T("Balance"), container.NewVBox(f.shownBalance, link))
	}
	ff.Add("credit_limit", tr.T("Credit limit"), f.credit)
	ff.SetHint("credit_limit", tr.T("How far below zero the balance may go."))
	ff.AddRows(
		widgets.Row{Key: "company", Label: tr.T("Company"), Input: f.company},
		widgets.Row{Key: "contact", Label: tr.T("Contact person"), Input: f.contact},
		widgets.Row{Key: "email", Label: tr.T("E-mail"), Input: f.email},
		widgets.Row{Key: "phone", Label: tr.T("Phone"), Input: f.phone},
		widgets.Row{Key: "address", Label: tr.T("Address"), Input: f.address},
		widgets.Row{Key: "notes", Label: tr.T("Notes"), Input: f.notes},
		widgets.Row{Key: "blocked", Input: f.blocked})

	if existing != nil {
		f.fill(*existing)
	} else if len(tariffs) == 1 {
		f.tariff.SetSelectedIndex(0)
	}
	return f
}

// fill puts an existing customer's values in the form. The password stays
// empty: it changes only if the clerk types a new one.
func (f *customerForm) fill(c model.Customer) {
	tr := f.tr
	f.name.SetText(c.Name)
	for i, t := range f.tariffs {
		if t.ID == c.TariffID {
			f.tariff.SetSelectedIndex(i)
		}
	}
	f.login.SetText(c.WebLogin)
	f.password.SetPlaceHolder(tr.T("Leave empty to keep the password"))
	f.credit.SetText(tr.Decimal(c.CreditLimit, widgets.ShownPlaces(c.CreditLimit, c.Currency.MinorUnits())))
	f.company.SetText(c.Company)
	f.contact.SetText(c.Contact)
	f.email.SetText(c.Email)
	f.phone.SetText(c.Phone)
	f.address.SetText(c.Address)
	f.notes.SetText(c.Notes)
	f.blocked.SetChecked(c.Blocked)
}

// input reads the form. Numbers that cannot be read are returned as field
// errors, together with the rest of the input.
func (f *customerForm) input() (model.CustomerInput, model.Errors) {
	var es model.Errors
	in := model.CustomerInput{
		Name: f.name.Text, TimeZone: widgets.ZoneOf(f.zone.Text), WebLogin: f.login.Text,
		Password: f.password.Text, PasswordAgain: f.again.Text, Language: widgets.LanguageCode(f.language),
		Company: f.company.Text, Contact: f.contact.Text, Email: f.email.Text, Phone: f.phone.Text,
		Address: f.address.Text, Notes: f.notes.Text, Blocked: f.blocked.Checked,
	}
	if i := f.tariff.SelectedIndex(); i >= 0 {
		in.TariffID = f.tariffs[i].ID
	}
	in.Balance, in.CreditLimit, es = widgets.ReadBalanceAndCredit(f.tr, f.balance, f.credit)
	if _, e := f.tariff.Chosen("tariff"); e != nil && e.Code == model.CodeNotListed && !f.tariff.Disabled() {
		es = append(es, e)
	}
	return in, es
}

// validate runs the model's rules too, so every problem shows at once.
func (f *customerForm) validate(in model.CustomerInput, es model.Errors, creating bool) error {
	in.Normalize()
	for _, e := range model.FieldErrors(in.Validate(creating)) {
		if es.For(e.Field) == nil {
			es = append(es, e)
		}
	}
	return es.Err()
}

// content lays the form out in two columns: the account on the left, the
// contact details on the right.
func (f *customerForm) content() fyne.CanvasObject {
	return container.New(&widgets.MaxWidthLayout{Width: 980}, f.form.Columns(9))
}

// Add shows the Add Customer form for a customer under parent.
func (s *Screens) Add() {
	parentID := s.SelectedOrTop()
	tr := s.tr
	ctx := context.Background()
	parent, ok := s.CustomerWithRight(parentID, model.RightCustomersAdd)
	if !ok {
		return
	}
	tariffs, err := s.store.TariffsFor(ctx, s.session(), parentID)
	if err != nil {
		s.env.ShowError(err)
		return
	}
	if len(tariffs) == 0 {
		d := dialog.NewConfirm(tr.T("No tariff yet"),
			tr.T("A customer cannot be added without a tariff, and there is none yet. Open the Tariffs window to create one?"),
			func(ok bool) {
				if ok {
					s.hooks.OnTariffs()
				}
			}, s.win)
		d.SetConfirmText(tr.T("Open Tariffs"))
		d.SetDismissText(tr.T("Cancel"))
		d.Show()
		widgets.BindKeys(s.win, d, &widgets.KeyTarget{Enter: d.Confirm})
		return
	}
	f := newCustomerForm(tr, tariffs, nil, parent, s.env.Rates(), nil)
	var saved model.Customer
	read := func() (func() error, error) {
		in, es := f.input()
		if err := f.validate(in, es, true); err != nil {
			return nil, err
		}
		return func() (err error) {
			saved, err = s.store.CreateCustomer(ctx, s.session(), parentID, in)
			return err
		}, nil
	}
	widgets.ShowFormDialog(s.env, widgets.FormSpec{Title: tr.T("Add customer under %s", model.VisibleText(parent.Name)),
		Form: f.form, Content: f.content(), Focus: f.name, Read: read, Saved: func(bool) { s.customerAdded(parentID, saved.ID) }})
}

// Adjust shows the Adjust form of the selected customer.
func (s *Screens) Adjust() {
	id := s.SelectedOrTop()
	tr := s.tr
	ctx := context.Background()
	cust, ok := s.CustomerWithRight(id, model.RightCustomersEdit)
	if !ok {
		return
	}
	var tariffs []model.Tariff
	if !cust.IsRoot() && id != s.session().CustomerID {
		all, err := s.store.TariffsFor(ctx, s.session(), cust.ParentID)
		if err != nil {
			s.env.ShowError(err)
			return
		}
		// Only tariffs in the customer's currency: a balance never changes
		// currency.
		for _, t := range all {
			if t.Currency == cust.Currency {
				tariffs = append(tariffs, t)
			}
		}
	}
	f := newCustomerForm(tr, tariffs, &cust, cust, s.env.Rates(), s.maintenance)
	s.adjusting = adjusting{id: id, balance: f.shownBalance}
	if cust.IsRoot() || id == s.session().CustomerID {
		f.tariff.Disable()
		f.credit.Disable()
		if cust.IsRoot() {
			f.tariff.PlaceHolder = tr.T("The root customer has no tariff")
		}
	}
	read := func() (func() error, error) {
		in, es := f.input()
		if cust.IsRoot() {
			in.TariffID = -1
		}
		if err := f.validate(in, es, false); err != nil {
			return nil, err
		}
		if cust.IsRoot() {
			in.TariffID = 0
		}
		return func() error {
			_, err := s.store.UpdateCustomer(ctx, s.session(), id, in)
			return err
		}, nil
	}
	widgets.ShowFormDialog(s.env, widgets.FormSpec{Title: tr.T("Adjust %s", model.VisibleText(cust.Name)),
		Form: f.form, Content: f.content(), Focus: f.name, Read: read, Saved: func(bool) { s.Changed(id) }})
}
