package invoices

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// CompanyForm is Customer → My company…: the details the signed-in
// customer prints on its own invoices and statements.
type CompanyForm struct {
	Dialog                                *widgets.FormDialog
	LegalName, TaxNumber, Email, Phone    *widgets.Entry
	Prefix, Next, Terms, TaxName, TaxRate *widgets.Entry
	Address, Bank                         *widgets.TextArea
	Paper                                 *widgets.SearchEntry
	Logo                                  []byte
	logoBox                               *fyne.Container
	remove                                *widget.Button
	env                                   widgets.Env
}

// ShowCompany reads the session customer's details and opens the form;
// opened is told of the form, saved of the details once saved.
func ShowCompany(env widgets.Env, store Store, opened func(*CompanyForm), saved func(model.Company)) {
	sess := env.Session()
	env.Async(func() {
		c, err := store.Company(context.Background(), sess, sess.CustomerID)
		fyne.Do(env.Safe(func() {
			if err != nil {
				env.ShowError(err)
				return
			}
			f := openCompany(env, store, c, saved)
			if opened != nil {
				opened(f)
			}
		}))
	})
}

func openCompany(env widgets.Env, store Store, c model.Company, saved func(model.Company)) *CompanyForm {
	tr := env.Tr
	f := &CompanyForm{env: env, Logo: c.Logo}
	text := func(s string, max int) *widgets.Entry {
		e := widgets.NewEntry(max)
		e.SetText(s)
		return e
	}
	f.LegalName = text(c.LegalName, model.MaxCompanyTextLen)
	f.TaxNumber = text(c.TaxNumber, model.MaxCompanyTextLen)
	f.Email = text(c.Email, model.MaxCompanyTextLen)
	f.Phone = text(c.Phone, model.MaxCompanyTextLen)
	f.Prefix = text(c.InvoicePrefix, model.MaxInvoicePrefixLen)
	next := ""
	if c.NextNumber > 0 {
		next = strconv.FormatInt(c.NextNumber, 10)
	}
	f.Next = text(next, 12)
	terms := ""
	if c.PaymentTermsDays > 0 {
		terms = strconv.Itoa(c.PaymentTermsDays)
	}
	f.Terms = text(terms, 4)
	f.TaxName = text(c.TaxName, model.MaxCompanyTextLen)
	f.TaxRate = text(tr.Decimal(c.TaxRate, widgets.ShownPlaces(c.TaxRate, 0)), 12)
	f.Address = widgets.NewTextArea(3, model.MaxCompanyBlockLen)
	f.Address.SetText(c.Address)
	f.Bank = widgets.NewTextArea(2, model.MaxCompanyBlockLen)
	f.Bank.SetText(c.BankDetails)
	paper := c.Paper
	if paper == "" {
		paper = model.PaperA4
	}
	f.Paper = widgets.NewChoice([]string{model.PaperA4, model.PaperLetter}, paper)
	f.logoBox = container.NewStack()
	choose := widgets.NewDialogButton(tr.T("Choose logo…"), theme.FileImageIcon(), f.askLogo)
	f.remove = widget.NewButtonWithIcon(tr.T("Remove logo"), theme.DeleteIcon(), func() { f.setLogo(nil) })
	f.setLogo(c.Logo)

	form := widgets.NewForm(tr)
	form.Add("legal_name", tr.T("Legal name"), f.LegalName)
	form.Add("address", tr.T("Address"), f.Address)
	form.Add("tax_number", tr.T("Tax number"), f.TaxNumber)
	form.Add("email", tr.T("E-mail"), f.Email)
	form.Add("phone", tr.T("Phone"), f.Phone)
	form.Add("bank_details", tr.T("Bank details"), f.Bank)
	form.Add("invoice_prefix", tr.T("Invoice number prefix"), f.Prefix)
	form.Add("next_number", tr.T("Next invoice number"), f.Next)
	form.Add("payment_terms_days", tr.T("Payment terms (days)"), f.Terms)
	form.Add("tax_name", tr.T("Tax name"), f.TaxName)
	form.Add("tax_rate", tr.T("Tax rate, percent"), f.TaxRate)
	form.Add("paper", tr.T("Paper"), f.Paper)
	form.Add("logo", tr.T("Logo"), container.NewVBox(container.NewHBox(f.logoBox), container.NewHBox(choose, f.remove)))
	note := widget.NewLabel(tr.T("A field left empty takes the root's, which are the defaults of every document."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	content := container.New(&widgets.MaxWidthLayout{Width: 900}, container.NewVBox(note, form.Columns(7)))
	f.Dialog = widgets.ShowFormDialog(env, widgets.FormSpec{
		Title:   tr.T("My company"),
		Form:    form,
		Content: container.NewVScroll(content),
		Focus:   f.LegalName,
		Read: func() (func() error, error) {
			in, err := f.read(c)
			if err != nil {
				return nil, err
			}
			sess := env.Session()
			return func() error {
				out, err := store.SetCompany(context.Background(), sess, in)
				if err == nil && saved != nil {
					fyne.Do(func() { saved(out) })
				}
				return err
			}, nil
		},
	})
	f.Dialog.Dialog.Resize(dialogSize(env.Win, 960, 640))
	return f
}

// read checks the form and returns the details it holds.
func (f *CompanyForm) read(c model.Company) (model.Company, error) {
	tr := f.env.Tr
	var errs model.Errors
	c.LegalName = strings.TrimSpace(f.LegalName.Text)
	c.Address = strings.TrimSpace(f.Address.Text)
	c.TaxNumber = strings.TrimSpace(f.TaxNumber.Text)
	c.Email = strings.TrimSpace(f.Email.Text)
	c.Phone = strings.TrimSpace(f.Phone.Text)
	c.BankDetails = strings.TrimSpace(f.Bank.Text)
	c.InvoicePrefix = strings.TrimSpace(f.Prefix.Text)
	c.TaxName = strings.TrimSpace(f.TaxName.Text)
	c.NextNumber = 0
	if s := strings.TrimSpace(f.Next.Text); s != "" {
		n, err := widgets.ParseCount("next_number", s)
		if err != nil {
			errs = append(errs, err)
		}
		c.NextNumber = int64(n)
	}
	c.PaymentTermsDays = 0
	if s := strings.TrimSpace(f.Terms.Text); s != "" {
		n, err := widgets.ParseCount("payment_terms_days", s)
		if err != nil {
			errs = append(errs, err)
		}
		c.PaymentTermsDays = n
	}
	c.TaxRate = c.TaxRate.Sub(c.TaxRate)
	if s := strings.TrimSpace(f.TaxRate.Text); s != "" {
		r, err := widgets.ParseAmount(tr, "tax_rate", s)
		if err != nil {
			errs = append(errs, err)
		}
		c.TaxRate = r
	}
	paper, perr := f.Paper.Chosen("paper")
	if perr != nil {
		errs = append(errs, perr)
	}
	c.Paper = paper
	c.Logo = f.Logo
	if len(errs) > 0 {
		return c, errs
	}
	return c, nil
}

// setLogo shows logo small, or that there is none.
func (f *CompanyForm) setLogo(logo []byte) {
	f.Logo = logo
	f.logoBox.RemoveAll()
	if len(logo) == 0 {
		f.logoBox.Add(widget.NewLabel(f.env.Tr.T("No logo")))
		f.remove.Disable()
		return
	}
	img := canvas.NewImageFromReader(bytes.NewReader(logo), "logo")
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(96, 48))
	f.logoBox.Add(img)
	f.remove.Enable()
}

// askLogo picks a PNG or JPEG file with the file dialog.
func (f *CompanyForm) askLogo() {
	tr := f.env.Tr
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				f.env.ShowError(err)
			}
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, model.MaxLogoBytes+1))
		if err != nil {
			f.env.ShowError(err)
			return
		}
		if msg := logoProblem(f.env, data); msg != "" {
			f.Dialog.Form.SetError("logo", msg)
			return
		}
		if fl := f.Dialog.Form.Field("logo"); fl != nil {
			fl.Error.Hide()
		}
		f.setLogo(data)
	}, f.env.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
	sizeFileDialog(f.env, d)
	d.SetConfirmText(tr.T("Choose"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.ShowFileDialog(f.env.Win, d)
}

// logoProblem says what is wrong with a logo file, or "".
func logoProblem(env widgets.Env, data []byte) string {
	tr := env.Tr
	if len(data) > model.MaxLogoBytes {
		return tr.T("The logo is larger than %d KB.", model.MaxLogoBytes>>10)
	}
	if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || (format != "png" && format != "jpeg") {
		return tr.T("The logo must be a PNG or JPEG picture.")
	}
	return ""
}
