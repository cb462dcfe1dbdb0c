package invoices

import (
	"context"
	"errors"
	"fmt"
	"os"
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

// BatchResult is what a batch did: the documents it issued, how many
// recipients it skipped because they were invoiced for the period already,
// and the ones it could not invoice.
type BatchResult struct {
	Issued   []model.Invoice
	Skipped  int
	Failures []model.BatchFailure
}

// RunBatch invoices every direct customer and own account of the session's
// customer for [from, to), telling progress how far it got; it stops at a
// cancelled ctx.
type RunBatch func(ctx context.Context, s model.Session, from, to time.Time, progress func(done, total int)) (BatchResult, error)

// WritePDFs writes each issued invoice as a PDF named by its number in
// dir, reading each whole from the store when the batch left its lines
// out. It returns the files written.
func WritePDFs(ctx context.Context, store Store, s model.Session, dir string, issued []model.Invoice) ([]string, error) {
	return documents.WriteInvoicePDFs(ctx, dir, issued, func(ctx context.Context, id model.ID) (model.Invoice, error) {
		return store.Invoice(ctx, s, id)
	})
}

// Batch is Reports → Invoice all my customers…: the period, an optional
// folder for the PDFs, then a progress bar with Cancel, then what it did.
type Batch struct {
	Dialog   *dialog.CustomDialog
	Period   *period
	Form     *widgets.Form
	Folder   *widgets.Entry
	Bar      *widget.ProgressBar
	Result   *widget.Label
	StartB   *widgets.KeyButton
	CancelB  *widgets.KeyButton
	Done     *BatchResult
	env      widgets.Env
	store    Store
	run      RunBatch
	cancel   context.CancelFunc
	running  bool
	finished func()
}

// ShowBatch opens the batch dialog; finished runs after a batch issued
// something.
func ShowBatch(env widgets.Env, store Store, run RunBatch, finished func()) *Batch {
	tr := env.Tr
	b := &Batch{env: env, store: store, run: run, finished: finished}
	from, to := LastMonth(time.Now(), env.Zone())
	b.Period = newPeriod(env, from, to)
	b.Folder = widgets.NewEntry(4000)
	b.Folder.SetPlaceHolder(tr.T("No folder: no PDFs written"))
	choose := widgets.NewDialogButton(tr.T("Choose…"), theme.FolderOpenIcon(), env.Safe(b.askFolder))
	b.Form = widgets.NewForm(tr)
	b.Form.Add("from", tr.T("From (%s)", tr.DatePattern()), b.Period.From)
	b.Form.Add("to", tr.T("To, included (%s)", tr.DatePattern()), b.Period.To)
	b.Form.Add("folder", tr.T("Folder for the PDFs"), container.NewBorder(nil, nil, nil, choose, b.Folder))
	note := widget.NewLabel(tr.T("Every direct customer and every account of %s with calls or debits in the period gets an invoice for it; those invoiced for it already are skipped.", model.VisibleText(env.Session().Name)))
	note.Wrapping = fyne.TextWrapWord
	b.Bar = widget.NewProgressBar()
	b.Bar.Hide()
	b.Result = widget.NewLabel("")
	b.Result.Wrapping = fyne.TextWrapWord
	content := container.New(&widgets.MaxWidthLayout{Width: 600}, container.NewVBox(note, b.Form.Object(), b.Bar, b.Result))
	b.CancelB = widgets.NewKeyButton(tr.T("Cancel"), b.Cancel, nil)
	b.StartB = widgets.NewKeyButton(tr.T("Issue invoices"), env.Safe(b.AskStart), nil)
	b.StartB.Importance = widget.HighImportance
	if !env.Can(model.RightInvoices) {
		b.StartB.Disable()
	}
	buttons := []fyne.CanvasObject{b.CancelB, b.StartB}
	b.Dialog = dialog.NewCustomWithoutButtons(tr.T("Invoice all my customers"), container.NewVScroll(content), env.Win)
	b.Dialog.SetButtons(buttons)
	b.Dialog.Resize(dialogSize(env.Win, 640, 480))
	b.Dialog.Show()
	widgets.BindKeys(env.Win, b.Dialog, &widgets.KeyTarget{Enter: env.Safe(b.AskStart), Escape: b.Cancel}, append(buttons, content, choose)...)
	env.Win.Canvas().Focus(b.Period.From)
	return b
}

// Cancel stops a running batch, or closes the dialog.
func (b *Batch) Cancel() {
	if b.running {
		b.cancel()
		b.CancelB.Disable()
		return
	}
	b.Dialog.Hide()
}

func (b *Batch) askFolder() {
	tr := b.env.Tr
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			b.env.ShowError(err)
			return
		}
		if u != nil {
			b.Folder.SetText(u.Path())
		}
	}, b.env.Win)
	sizeFileDialog(b.env, d)
	if dir := strings.TrimSpace(b.Folder.Text); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.SetConfirmText(tr.T("Choose"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.ShowFileDialog(b.env.Win, d)
}

// AskStart checks the form, confirms and runs the batch.
func (b *Batch) AskStart() {
	tr := b.env.Tr
	if b.running || b.Done != nil {
		if b.Done != nil {
			b.Dialog.Hide()
		}
		return
	}
	from, to, err := b.Period.read()
	var errs model.Errors
	if err != nil {
		errs, _ = err.(model.Errors)
	}
	dir := strings.TrimSpace(b.Folder.Text)
	if dir != "" {
		if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
			errs = append(errs, model.FieldError("folder", model.CodeInvalid, map[string]any{"folder": true}))
		}
	}
	if len(errs) > 0 {
		b.Form.ShowErrors(errs)
		return
	}
	b.Form.ClearErrors()
	widgets.Confirm(b.env.Win, tr, tr.T("Invoice all my customers"),
		tr.T("Issue the invoices for %s – %s? Issued invoices never change.", tr.Date(from, b.env.Zone()), tr.Date(to.AddDate(0, 0, -1), b.env.Zone())),
		tr.T("Issue"), b.env.Safe(func() { b.start(from, to, dir) }))
}

func (b *Batch) start(from, to time.Time, dir string) {
	tr, env := b.env.Tr, b.env
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel, b.running = cancel, true
	b.StartB.Disable()
	b.Bar.SetValue(0)
	b.Bar.Show()
	b.Result.SetText(tr.T("Issuing…"))
	sess := env.Session()
	env.Async(func() {
		res, err := b.run(ctx, sess, from, to, func(done, total int) {
			fyne.Do(func() {
				if total > 0 {
					b.Bar.SetValue(float64(done) / float64(total))
				}
			})
		})
		var files []string
		var werr error
		if dir != "" && len(res.Issued) > 0 {
			files, werr = WritePDFs(context.Background(), b.store, sess, dir, res.Issued)
		}
		fyne.Do(env.Safe(func() {
			cancel()
			b.running = false
			b.Done = &res
			b.Bar.SetValue(1)
			b.CancelB.Hide()
			b.StartB.SetText(tr.T("Close"))
			b.StartB.Enable()
			b.Result.SetText(b.summary(res, err, dir, files, werr))
			if len(res.Issued) > 0 && b.finished != nil {
				b.finished()
			}
		}))
	})
}

// summary says what the batch did.
func (b *Batch) summary(res BatchResult, err error, dir string, files []string, werr error) string {
	tr := b.env.Tr
	lines := []string{tr.T("Issued: %d. Skipped (already invoiced): %d. Failed: %d.", len(res.Issued), res.Skipped, len(res.Failures))}
	if errors.Is(err, context.Canceled) {
		lines = append(lines, tr.T("Cancelled: the rest were not invoiced."))
	} else if err != nil {
		lines = append(lines, widgets.ErrorText(tr, err))
	}
	for _, f := range res.Failures {
		lines = append(lines, "• "+model.VisibleText(f.Name)+": "+RefusalText(b.env, f.Err))
	}
	if dir != "" {
		lines = append(lines, tr.T("%d PDF files written to %s.", len(files), dir))
	}
	if werr != nil {
		lines = append(lines, widgets.ErrorText(tr, werr))
	}
	return strings.Join(lines, "\n")
}

// Recipients is what a batch needs of the store to know whom to invoice.
type Recipients interface {
	Children(ctx context.Context, s model.Session, parent model.ID) ([]model.CustomerRow, error)
	Accounts(ctx context.Context, s model.Session, customer model.ID, q model.AccountQuery) (model.AccountPage, error)
}

// recipient is one customer or account a batch invoices.
type recipient struct {
	holder model.Holder
	name   string
}

// listRecipients lists the direct customers and the accounts of the
// session's customer.
func listRecipients(ctx context.Context, r Recipients, sess model.Session) ([]recipient, error) {
	var out []recipient
	rows, err := r.Children(ctx, sess, sess.CustomerID)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		out = append(out, recipient{model.CustomerLedger(row.ID), row.Name})
	}
	const page = 500
	for offset := 0; ; offset += page {
		p, err := r.Accounts(ctx, sess, sess.CustomerID, model.AccountQuery{Offset: offset, Limit: page})
		if err != nil {
			return nil, err
		}
		for _, a := range p.Accounts {
			out = append(out, recipient{model.AccountLedger(a.ID), a.Username})
		}
		if len(p.Accounts) < page || offset+len(p.Accounts) >= p.Total {
			break
		}
	}
	return out, nil
}

// alreadyInvoiced tells the store's refusal of a period that overlaps an
// issued invoice of the same recipient.
func alreadyInvoiced(err error) bool {
	for _, e := range model.FieldErrors(err) {
		if e.Code == model.CodeDuplicate && e.Field == "period" {
			return true
		}
	}
	return false
}

// StoreBatch invoices every direct customer and every account of the
// session's customer for [from, to): through the store's own batch when
// it has one (model.InvoiceBatcher: only those with calls or debits in
// the period), else one IssueInvoice each. A recipient already invoiced
// for an overlapping period is skipped (so running it twice issues
// nothing twice), one that cannot be invoiced is listed with why, and the
// rest go on. It stops at a cancelled ctx.
func StoreBatch(ctx context.Context, s Store, r Recipients, sess model.Session, from, to time.Time, progress func(done, total int)) (BatchResult, error) {
	if b, ok := s.(model.InvoiceBatcher); ok {
		issued, skipped, failures, err := b.InvoiceAll(ctx, sess, from, to, progress)
		return BatchResult{Issued: issued, Skipped: skipped, Failures: failures}, err
	}
	return eachRecipient(ctx, s, r, sess, from, to, progress)
}

// eachRecipient is the batch over a store without one: one IssueInvoice
// per direct customer and account.
func eachRecipient(ctx context.Context, s Store, r Recipients, sess model.Session, from, to time.Time, progress func(done, total int)) (BatchResult, error) {
	var res BatchResult
	list, err := listRecipients(ctx, r, sess)
	if err != nil {
		return res, err
	}
	key := newKey()
	for i, to2 := range list {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if progress != nil {
			progress(i, len(list))
		}
		in := model.InvoiceInput{Recipient: to2.holder, From: from, To: to,
			Key: fmt.Sprintf("%s-%d-%d", key, to2.holder.Customer, to2.holder.Account)}
		inv, err := s.IssueInvoice(ctx, sess, in)
		switch {
		case err == nil:
			res.Issued = append(res.Issued, inv)
		case alreadyInvoiced(err):
			res.Skipped++
		case ctx.Err() != nil:
			return res, ctx.Err()
		default:
			res.Failures = append(res.Failures, model.BatchFailure{Recipient: to2.holder, Name: to2.name, Err: err})
		}
	}
	if progress != nil {
		progress(len(list), len(list))
	}
	return res, nil
}
