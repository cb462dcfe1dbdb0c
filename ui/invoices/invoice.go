package invoices

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/documents"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// newKey names one filled-in form, so that issuing it twice issues once.
func newKey() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// LastMonth is the calendar month before now's, in zone: [from, to).
func LastMonth(now time.Time, zone *time.Location) (from, to time.Time) {
	now = now.In(zone)
	to = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, zone)
	return to.AddDate(0, -1, 0), to
}

// period is a pair of date fields, both days included.
type period struct {
	From, To *widgets.Entry
	env      widgets.Env
}

func newPeriod(env widgets.Env, from, to time.Time) *period {
	p := &period{From: widgets.NewEntry(model.MaxDateTextLen), To: widgets.NewEntry(model.MaxDateTextLen), env: env}
	p.From.SetText(env.Tr.Date(from, env.Zone()))
	p.To.SetText(env.Tr.Date(to.AddDate(0, 0, -1), env.Zone()))
	return p
}

// read returns [from, to) or the field errors.
func (p *period) read() (time.Time, time.Time, error) {
	tr, zone := p.env.Tr, p.env.Zone()
	from, err1 := tr.ParseDate(strings.TrimSpace(p.From.Text), zone)
	to, err2 := tr.ParseDate(strings.TrimSpace(p.To.Text), zone)
	var errs model.Errors
	if err1 != nil {
		errs = append(errs, model.FieldError("from", model.CodeInvalid, map[string]any{"date": tr.DatePattern()}))
	}
	if err2 != nil {
		errs = append(errs, model.FieldError("to", model.CodeInvalid, map[string]any{"date": tr.DatePattern()}))
	}
	if len(errs) == 0 && to.Before(from) {
		errs = append(errs, model.FieldError("to", model.CodeInvalid, map[string]any{"after_from": true}))
	}
	if len(errs) > 0 {
		return from, to, errs
	}
	return from, to.AddDate(0, 0, 1), nil
}

// Draft is the invoice dialog: the period, the issue date and the notes,
// the preview worked out by the store, and Issue.
type Draft struct {
	Dialog  *dialog.CustomDialog
	Period  *period
	IssueOn *widgets.Entry
	Notes   *widgets.Entry
	Form    *widgets.Form
	Preview *Preview
	Message *widget.Label
	IssueB  *widgets.KeyButton
	// Issued is the invoice once issued.
	Issued  model.Invoice
	env     widgets.Env
	store   Store
	to      model.Holder
	key     string
	runs    int
	onIssue func(model.Invoice)
}

// ShowDraft opens the invoice dialog for recipient (a direct customer of
// the session's customer, or one of its accounts) over the last month;
// issued is told of the invoice once issued.
func ShowDraft(env widgets.Env, store Store, recipient model.Holder, issued func(model.Invoice)) *Draft {
	tr := env.Tr
	d := &Draft{env: env, store: store, to: recipient, key: newKey(), onIssue: issued}
	from, to := LastMonth(time.Now(), env.Zone())
	d.Period = newPeriod(env, from, to)
	d.IssueOn = widgets.NewEntry(model.MaxDateTextLen)
	d.IssueOn.SetText(tr.Date(time.Now(), env.Zone()))
	d.Notes = widgets.NewEntry(model.MaxNotesLen)
	d.Form = widgets.NewForm(tr)
	d.Form.Add("from", tr.T("From (%s)", tr.DatePattern()), d.Period.From)
	d.Form.Add("to", tr.T("To, included (%s)", tr.DatePattern()), d.Period.To)
	d.Form.Add("issued", tr.T("Issue date"), d.IssueOn)
	d.Form.Add("notes", tr.T("Notes"), d.Notes)
	d.Preview = NewPreview(env)
	d.Message = widget.NewLabel("")
	d.Message.Wrapping = fyne.TextWrapWord
	d.Message.Importance = widget.DangerImportance
	d.Message.Hide()
	refresh := widgets.NewDialogButton(tr.T("Preview"), theme.ViewRefreshIcon(), env.Safe(d.Refresh))
	left := container.NewVBox(d.Form.Object(), refresh, d.Message)
	body := container.NewBorder(nil, nil, container.New(&widgets.MaxWidthLayout{Width: 380}, left), nil, d.Preview.Content)
	cancel := widgets.NewKeyButton(tr.T("Cancel"), func() { d.Dialog.Hide() }, nil)
	d.IssueB = widgets.NewKeyButton(tr.T("Issue…"), env.Safe(d.AskIssue), nil)
	d.IssueB.Importance = widget.HighImportance
	d.IssueB.Disable()
	d.Dialog = dialog.NewCustomWithoutButtons(tr.T("Invoice"), body, env.Win)
	d.Dialog.SetButtons([]fyne.CanvasObject{cancel, d.IssueB})
	d.Dialog.Resize(dialogSize(env.Win, 980, 600))
	d.Dialog.Show()
	widgets.BindKeys(env.Win, d.Dialog, &widgets.KeyTarget{Enter: env.Safe(d.Refresh), Escape: func() { d.Dialog.Hide() }}, cancel, d.IssueB, refresh, body)
	env.Win.Canvas().Focus(d.Period.From)
	d.Refresh()
	return d
}

// dialogSize is w×h, or less in a smaller window.
func dialogSize(win fyne.Window, w, h float32) fyne.Size {
	size := win.Canvas().Size()
	if size.Width > 0 {
		w = min(w, size.Width*0.95)
	}
	if size.Height > 0 {
		h = min(h, size.Height*0.9)
	}
	return fyne.NewSize(w, h)
}

// input reads the form.
func (d *Draft) input() (model.InvoiceInput, error) {
	from, to, err := d.Period.read()
	errs, _ := err.(model.Errors)
	issued, ierr := d.env.Tr.ParseDate(strings.TrimSpace(d.IssueOn.Text), d.env.Zone())
	if ierr != nil {
		errs = append(errs, model.FieldError("issued", model.CodeInvalid, map[string]any{"date": d.env.Tr.DatePattern()}))
	}
	in := model.InvoiceInput{Recipient: d.to, From: from, To: to, Notes: strings.TrimSpace(d.Notes.Text), Key: d.key}
	if !issued.IsZero() && !sameDay(issued, time.Now().In(d.env.Zone())) {
		in.Issued = issued
	}
	if len(errs) > 0 {
		return in, errs
	}
	return in, nil
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// Refresh works the draft out again for what the form holds.
func (d *Draft) Refresh() {
	in, err := d.input()
	if err != nil {
		d.showErr(err)
		return
	}
	d.Form.ClearErrors()
	d.Message.Hide()
	d.runs++
	run, sess := d.runs, d.env.Session()
	d.IssueB.Disable()
	d.env.Async(func() {
		inv, err := d.store.DraftInvoice(context.Background(), sess, in)
		fyne.Do(d.env.Safe(func() {
			if run != d.runs {
				return
			}
			if err != nil {
				d.Preview.Clear()
				d.showErr(err)
				return
			}
			d.Preview.Show(inv)
			d.IssueB.Enable()
		}))
	})
}

// showErr puts err next to its field, or under the form in words.
func (d *Draft) showErr(err error) {
	if first := d.Form.ShowErrors(err); first != nil {
		if f, ok := first.(fyne.Focusable); ok {
			d.env.Win.Canvas().Focus(f)
		}
	}
	// An error of no field shows under the form already; one of a field
	// the form does not have (the period, the company details) is said in
	// words beside it instead.
	for _, e := range model.FieldErrors(err) {
		if d.Form.Field(e.Field) == nil {
			d.Form.ClearErrors()
			d.Message.SetText(RefusalText(d.env, err))
			d.Message.Show()
			return
		}
	}
}

// RefusalText says in words why the store refused to issue.
func RefusalText(env widgets.Env, err error) string {
	tr := env.Tr
	for _, e := range model.FieldErrors(err) {
		if e.Field == "period" && e.Code == model.CodeDuplicate {
			return tr.T("This period overlaps an invoice already issued to this recipient.")
		}
		if e.Field == "period" && e.Code == model.CodeOutOfRange {
			if after, ok := e.Params["after"].(time.Time); ok {
				return tr.T("Invoices to this recipient follow each other: start this period on %s or later, after the last invoice's.",
					tr.Date(after, widgets.ZoneOfSession(env.Session())))
			}
		}
		if e.Field == "period" && e.Code == model.CodeInvalid {
			return tr.T("The period is empty: its last day is before its first.")
		}
		if e.Field == "legal_name" && e.Code == model.CodeRequired {
			return tr.T("Your company details have no legal name: fill them in under Customer → My company… first.")
		}
	}
	return widgets.ErrorText(tr, err)
}

// AskIssue confirms, then issues the invoice the form holds.
func (d *Draft) AskIssue() {
	tr := d.env.Tr
	if !d.env.Can(model.RightInvoices) {
		d.env.ShowError(model.ErrNotPermitted)
		return
	}
	in, err := d.input()
	if err != nil {
		d.showErr(err)
		return
	}
	inv := d.Preview.Invoice()
	msg := tr.T("Issue this invoice to %s for %s? Once issued it never changes; only a credit note corrects it.",
		partyName(inv.Recipient), widgets.MoneyText(tr, inv.Total, inv.Currency))
	widgets.Confirm(d.env.Win, tr, tr.T("Issue invoice"), msg, tr.T("Issue"), d.env.Safe(func() { d.issue(in) }))
}

func (d *Draft) issue(in model.InvoiceInput) {
	sess := d.env.Session()
	d.IssueB.Disable()
	d.env.Async(func() {
		inv, err := d.store.IssueInvoice(context.Background(), sess, in)
		fyne.Do(d.env.Safe(func() {
			if err != nil {
				d.IssueB.Enable()
				d.showErr(err)
				return
			}
			d.Issued = inv
			d.Dialog.Hide()
			if d.onIssue != nil {
				d.onIssue(inv)
			}
			ShowIssued(d.env, d.store, inv, d.onIssue)
		}))
	})
}

// Issued is the dialog of one issued invoice or credit note: its preview,
// Save PDF… and Credit note….
type Issued struct {
	Dialog  *dialog.CustomDialog
	Preview *Preview
	Invoice model.Invoice
	SavePDF *widgets.KeyButton
	Credit  *widgets.KeyButton
	env     widgets.Env
	store   Store
}

// ShowIssued shows an issued document; changed is told of a credit note.
func ShowIssued(env widgets.Env, store Store, inv model.Invoice, changed func(model.Invoice)) *Issued {
	tr := env.Tr
	v := &Issued{Invoice: inv, env: env, store: store}
	v.Preview = NewPreview(env)
	v.Preview.Show(inv)
	status := widget.NewLabel(tr.T("Status: %s", StatusText(tr, inv.Status)))
	body := container.NewBorder(status, nil, nil, nil, v.Preview.Content)
	closeB := widgets.NewKeyButton(tr.T("Close"), func() { v.Dialog.Hide() }, nil)
	v.SavePDF = widgets.NewKeyButton(tr.T("Save PDF…"), env.Safe(func() { AskSavePDF(env, inv) }), nil)
	v.SavePDF.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{closeB}
	if inv.Kind == model.KindInvoice {
		v.Credit = widgets.NewKeyButton(tr.T("Credit note…"), env.Safe(func() {
			v.Dialog.Hide()
			ShowCreditNote(env, store, inv, changed)
		}), nil)
		if !env.Can(model.RightInvoices) {
			v.Credit.Disable()
		}
		buttons = append(buttons, v.Credit)
	}
	xlsx := widgets.NewKeyButton(tr.T("Save XLSX…"), env.Safe(func() { AskSave(env, inv, ".xlsx") }), nil)
	buttons = append(buttons, xlsx, v.SavePDF)
	v.Dialog = dialog.NewCustomWithoutButtons(Title(tr, inv), body, env.Win)
	v.Dialog.SetButtons(buttons)
	v.Dialog.Resize(dialogSize(env.Win, 760, 560))
	v.Dialog.Show()
	widgets.BindKeys(env.Win, v.Dialog, &widgets.KeyTarget{Enter: env.Safe(func() { AskSavePDF(env, inv) }), Escape: func() { v.Dialog.Hide() }},
		append(buttons, body)...)
	env.Win.Canvas().Focus(v.SavePDF)
	return v
}

// FileName is the name a document is saved under: its number.
func FileName(inv model.Invoice, ext string) string { return documents.FileName(inv, ext) }

// AskSavePDF asks where to save inv as PDF and writes it there.
func AskSavePDF(env widgets.Env, inv model.Invoice) { AskSave(env, inv, ".pdf") }

// AskSave asks where to save inv as PDF (ext ".pdf") or as an XLSX sheet
// (".xlsx") and writes it there.
func AskSave(env widgets.Env, inv model.Invoice, ext string) {
	tr := env.Tr
	d := dialog.NewFileSave(func(f fyne.URIWriteCloser, err error) {
		if err != nil || f == nil {
			if err != nil {
				env.ShowError(err)
			}
			return
		}
		env.Async(func() {
			var err error
			if ext == ".xlsx" {
				err = documents.InvoiceXLSX(f, inv)
			} else {
				err = documents.InvoicePDF(f, inv)
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			fyne.Do(env.Safe(func() {
				if err != nil {
					env.ShowError(err)
					return
				}
				rememberFolder(f.URI())
				env.ShowInfo(tr.T("Saved"), tr.T("%s saved to %s.", Title(tr, inv), f.URI().Path()))
			}))
		})
	}, env.Win)
	d.SetFileName(FileName(inv, ext))
	sizeFileDialog(env, d)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.SetConfirmText(tr.T("Save"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.ShowFileDialog(env.Win, d)
}

// ShowCreditNote asks for the amount and the reason of a credit note that
// corrects inv, issues it and shows it.
func ShowCreditNote(env widgets.Env, store Store, inv model.Invoice, changed func(model.Invoice)) *widgets.FormDialog {
	tr := env.Tr
	amount := widgets.NewEntry(40)
	reason := widgets.NewEntry(model.MaxNotesLen)
	form := widgets.NewForm(tr)
	form.Add("amount", tr.T("Amount (%s)", string(inv.Currency)), amount)
	form.Add("reason", tr.T("Reason"), reason)
	form.SetHint("amount", tr.T("The invoice's total, less earlier credit notes, is the most: %s", widgets.MoneyText(tr, inv.Total, inv.Currency)))
	key := newKey()
	var note model.Invoice
	return widgets.ShowFormDialog(env, widgets.FormSpec{
		Title: tr.T("Credit note for %s", inv.Number),
		Form:  form,
		Focus: amount,
		Read: func() (func() error, error) {
			a, err := widgets.ParseAmount(tr, "amount", amount.Text)
			var errs model.Errors
			if err != nil {
				errs = append(errs, err)
			}
			r := strings.TrimSpace(reason.Text)
			if r == "" {
				errs = append(errs, model.FieldError("reason", model.CodeRequired, nil))
			}
			if len(errs) > 0 {
				return nil, errs
			}
			in := model.CreditNoteInput{Invoice: inv.ID, Amount: a, Reason: r, Key: key}
			sess := env.Session()
			return func() error {
				var err error
				note, err = store.IssueCreditNote(context.Background(), sess, in)
				return err
			}, nil
		},
		AskFirst: func(proceed func()) {
			widgets.Confirm(env.Win, tr, tr.T("Issue credit note"),
				tr.T("Issue a credit note for %s? It cannot be undone.", strings.TrimSpace(amount.Text)+" "+string(inv.Currency)), tr.T("Issue"), proceed)
		},
		Saved: func(bool) {
			if changed != nil {
				changed(note)
			}
			ShowIssued(env, store, note, changed)
		},
	})
}

// folder is where the last document was saved, where the next file
// dialog starts ("" at first: the user's home).
var folder string

// sizeFileDialog gives a file dialog room and starts it where the last
// document went; saving remembers the folder (rememberFolder).
func sizeFileDialog(env widgets.Env, d *dialog.FileDialog) {
	start := folder
	if start == "" {
		start, _ = os.UserHomeDir()
	}
	widgets.SizeFileDialog(env.Win, d, start)
}

// rememberFolder keeps the folder of a saved file for the next dialog.
func rememberFolder(u fyne.URI) {
	if u != nil && u.Scheme() == "file" {
		folder = filepath.Dir(u.Path())
	}
}
