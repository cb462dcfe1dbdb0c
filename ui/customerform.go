package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// customerForm is the Add and Adjust form of a customer.
type customerForm struct {
	tr       *i18n.Translator
	form     *fieldForm
	tariffs  []model.Tariff
	name     *widget.Entry
	tariff   *widget.Select
	zone     *searchEntry
	language *widget.Select
	login    *widget.Entry
	password *widget.Entry
	again    *widget.Entry
	balance  *widget.Entry // nil when adjusting: the balance is read-only
	credit   *widget.Entry
	company  *widget.Entry
	contact  *widget.Entry
	email    *widget.Entry
	phone    *widget.Entry
	address  *textArea
	notes    *textArea
	blocked  *widget.Check
}

// tariffLabel names a tariff in the picker: "Europe (EUR)".
func tariffLabel(t model.Tariff) string { return fmt.Sprintf("%s (%s)", t.Name, t.Currency) }

// newCustomerForm builds the form. existing is nil for a new customer;
// parent gives the defaults of a new one. rates show the balance in USD.
func newCustomerForm(tr *i18n.Translator, tariffs []model.Tariff, existing *model.Customer, parent model.Customer,
	rates model.RateTable, onMaintenance func()) *customerForm {
	f := &customerForm{tr: tr, form: newFieldForm(tr), tariffs: tariffs}
	f.name = widget.NewEntry()
	var labels []string
	for _, t := range tariffs {
		labels = append(labels, tariffLabel(t))
	}
	f.tariff = widget.NewSelect(labels, nil)
	f.tariff.PlaceHolder = tr.T("Choose a tariff")
	zone, lang := parent.TimeZone, parent.Language
	if existing != nil {
		zone, lang = existing.TimeZone, existing.Language
	}
	f.zone = newZonePicker(zone)
	l, _ := i18n.Parse(lang)
	f.language = newLanguagePicker(l, nil)
	f.login = widget.NewEntry()
	f.password = widget.NewPasswordEntry()
	f.again = widget.NewPasswordEntry()
	f.credit = widget.NewEntry()
	f.credit.SetText(tr.Decimal(decimalInt(0), 2))
	f.company, f.contact, f.email, f.phone = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.address = newTextArea(2)
	f.notes = newTextArea(3)
	f.blocked = widget.NewCheck(tr.T("Blocked: the customer may not use the service"), nil)

	ff := f.form
	ff.add("name", tr.T("Name"), f.name)
	ff.add("tariff", tr.T("Tariff"), f.tariff)
	ff.add("time_zone", tr.T("Time zone"), f.zone)
	ff.add("language", tr.T("Language"), f.language)
	ff.add("web_login", tr.T("Web login"), f.login)
	ff.add("password", tr.T("Web password"), f.password)
	ff.add("password_again", tr.T("Password again"), f.again)
	if existing == nil {
		f.balance = widget.NewEntry()
		f.balance.SetText(tr.Decimal(decimalInt(0), 2))
		ff.add("balance", tr.T("Opening balance"), f.balance)
		ff.setHint("balance", tr.T("In the tariff's currency; may be negative. It becomes the first entry of the customer's history."))
	} else if existing.IsRoot() {
		ff.add("balance", tr.T("Balance"), widget.NewLabel(tr.T("The root customer is never billed and has no balance.")))
	} else {
		shown := widget.NewLabel(nativeAndUSD(tr, rates, existing.Balance, existing.Currency))
		link := widget.NewHyperlink(tr.T("Change it with Maintenance…"), nil)
		link.OnTapped = onMaintenance
		ff.add("balance", tr.T("Balance"), container.NewVBox(shown, link))
	}
	ff.add("credit_limit", tr.T("Credit limit"), f.credit)
	ff.setHint("credit_limit", tr.T("How far below zero the balance may go."))
	ff.add("company", tr.T("Company"), f.company)
	ff.add("contact", tr.T("Contact person"), f.contact)
	ff.add("email", tr.T("E-mail"), f.email)
	ff.add("phone", tr.T("Phone"), f.phone)
	ff.add("address", tr.T("Address"), f.address)
	ff.add("notes", tr.T("Notes"), f.notes)
	ff.add("blocked", "", f.blocked)

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
	f.credit.SetText(tr.Decimal(c.CreditLimit, shownPlaces(c.CreditLimit, c.Currency.MinorUnits())))
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
		Name: f.name.Text, TimeZone: zoneOf(f.zone.Text), WebLogin: f.login.Text,
		Password: f.password.Text, PasswordAgain: f.again.Text, Language: string(langOf(f.language.Selected)),
		Company: f.company.Text, Contact: f.contact.Text, Email: f.email.Text, Phone: f.phone.Text,
		Address: f.address.Text, Notes: f.notes.Text, Blocked: f.blocked.Checked,
	}
	if i := f.tariff.SelectedIndex(); i >= 0 {
		in.TariffID = f.tariffs[i].ID
	}
	in.Balance, in.CreditLimit, es = readBalanceAndCredit(f.tr, f.balance, f.credit)
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
	return container.New(&maxWidthLayout{width: 980}, f.form.columns(9))
}

// addCustomer shows the Add Customer form for a customer under parent.
func (c *Controller) addCustomer() {
	parentID := c.selectedOrTop()
	tr := c.tr
	ctx := context.Background()
	parent, ok := c.customerWithRight(parentID, model.RightCustomersAdd)
	if !ok {
		return
	}
	tariffs, err := c.store.TariffsFor(ctx, c.session, parentID)
	if err != nil {
		c.showError(err)
		return
	}
	if len(tariffs) == 0 {
		d := dialog.NewConfirm(tr.T("No tariff yet"),
			tr.T("A customer cannot be added without a tariff, and there is none yet. Open the Tariffs window to create one?"),
			func(ok bool) {
				if ok {
					c.showTariffs()
				}
			}, c.win)
		d.SetConfirmText(tr.T("Open Tariffs"))
		d.SetDismissText(tr.T("Cancel"))
		d.Show()
		return
	}
	f := newCustomerForm(tr, tariffs, nil, parent, c.rates, nil)
	var saved model.Customer
	save := func() error {
		in, es := f.input()
		if err := f.validate(in, es, true); err != nil {
			return err
		}
		var err error
		saved, err = c.store.CreateCustomer(ctx, c.session, parentID, in)
		return err
	}
	c.openForm = showFormDialogWith(c.win, tr, tr.T("Add customer under %s", parent.Name), f.form, f.content(), f.name, save, func() {
		c.customerAdded(parentID, saved.ID)
	})
}

// adjustCustomer shows the Adjust form of the selected customer.
func (c *Controller) adjustCustomer() {
	id := c.selectedOrTop()
	tr := c.tr
	ctx := context.Background()
	cust, ok := c.customerWithRight(id, model.RightCustomersEdit)
	if !ok {
		return
	}
	var tariffs []model.Tariff
	if !cust.IsRoot() && id != c.session.CustomerID {
		all, err := c.store.TariffsFor(ctx, c.session, cust.ParentID)
		if err != nil {
			c.showError(err)
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
	f := newCustomerForm(tr, tariffs, &cust, cust, c.rates, func() { c.maintenanceHint() })
	if cust.IsRoot() || id == c.session.CustomerID {
		f.tariff.Disable()
		f.credit.Disable()
		if cust.IsRoot() {
			f.tariff.PlaceHolder = tr.T("The root customer has no tariff")
		}
	}
	save := func() error {
		in, es := f.input()
		if cust.IsRoot() {
			in.TariffID = -1
		}
		if err := f.validate(in, es, false); err != nil {
			return err
		}
		if cust.IsRoot() {
			in.TariffID = 0
		}
		_, err := c.store.UpdateCustomer(ctx, c.session, id, in)
		return err
	}
	c.openForm = showFormDialogWith(c.win, tr, tr.T("Adjust %s", cust.Name), f.form, f.content(), f.name, save, func() {
		c.customerChanged(id)
	})
}

// maintenanceHint tells where the balance is changed until the
// Maintenance dialog exists.
func (c *Controller) maintenanceHint() {
	c.showInfoIn(c.win, c.tr.T("Maintenance"), c.tr.T("A balance changes only through Maintenance entries (Add Funds, Credit, Debit), never by editing the customer."))
}
