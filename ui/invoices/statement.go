package invoices

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/documents"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/ledger"
	"github.com/branchbook/branchbook/ui/widgets"
)

// BigStatement is how many lines make a statement large enough to write
// with a progress bar and Cancel.
const BigStatement = 2000

var statementColumns = []widgets.Column{
	{Title: "Date", Width: 110}, {Title: "Description", Width: 240}, {Title: "Calls", Width: 70},
	{Title: "Minutes", Width: 80}, {Title: "Amount", Width: 140}, {Title: "USD", Width: 120},
}

// Statement is the statement dialog of a customer or an account: the
// period, the opening balance, every line, the closing balance, in the
// holder's currency with USD beside, and the exports.
type Statement struct {
	Dialog  *dialog.CustomDialog
	Period  *period
	Form    *widgets.Form
	Head    *widget.Label
	Table   *widget.Table
	Foot    *widget.Label
	Exports []*widgets.KeyButton
	st      model.Statement
	holder  model.Holder
	env     widgets.Env
	store   Store
	runs    int
}

// ShowStatement opens the statement of h for the last month.
func ShowStatement(env widgets.Env, store Store, h model.Holder) *Statement {
	tr := env.Tr
	s := &Statement{env: env, store: store, holder: h}
	from, to := LastMonth(time.Now(), env.Zone())
	s.Period = newPeriod(env, from, to)
	s.Form = widgets.NewForm(tr)
	s.Form.Add("from", tr.T("From (%s)", tr.DatePattern()), s.Period.From)
	s.Form.Add("to", tr.T("To, included (%s)", tr.DatePattern()), s.Period.To)
	show := widgets.NewDialogButton(tr.T("Show"), theme.SearchIcon(), env.Safe(s.Reload))
	s.Head = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.Head.Wrapping = fyne.TextWrapWord
	s.Foot = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	s.Foot.Wrapping = fyne.TextWrapWord
	s.Table = widgets.NewTable(tr, statementColumns, func() int { return len(s.st.Lines) }, s.updateCell)
	labels := []string{tr.T("Export PDF…"), tr.T("Export XLSX…"), tr.T("Export CSV…")}
	for i, ext := range []string{".pdf", ".xlsx", ".csv"} {
		b := widgets.NewDialogButton(labels[i], theme.DocumentSaveIcon(), env.Safe(func() { s.askExport(ext) }))
		b.Disable()
		s.Exports = append(s.Exports, b)
	}
	top := container.NewVBox(container.New(&widgets.MaxWidthLayout{Width: 700}, container.NewGridWithColumns(3,
		container.NewVBox(widget.NewLabel(tr.T("From (%s)", tr.DatePattern())), s.Period.From),
		container.NewVBox(widget.NewLabel(tr.T("To, included (%s)", tr.DatePattern())), s.Period.To),
		container.NewVBox(widget.NewLabel(" "), show))), s.Head)
	body := container.NewBorder(top, s.Foot, nil, nil, s.Table)
	closeB := widgets.NewKeyButton(tr.T("Close"), func() { s.Dialog.Hide() }, nil)
	buttons := []fyne.CanvasObject{closeB}
	for _, b := range s.Exports {
		buttons = append(buttons, b)
	}
	s.Dialog = dialog.NewCustomWithoutButtons(tr.T("Statement"), body, env.Win)
	s.Dialog.SetButtons(buttons)
	s.Dialog.Resize(dialogSize(env.Win, 900, 580))
	s.Dialog.Show()
	widgets.BindKeys(env.Win, s.Dialog, &widgets.KeyTarget{Enter: env.Safe(s.Reload), Escape: func() { s.Dialog.Hide() }}, append(buttons, body, show)...)
	env.Win.Canvas().Focus(s.Period.From)
	s.Reload()
	return s
}

// Statement is the statement shown.
func (s *Statement) Statement() model.Statement { return s.st }

// Reload reads the statement for the period in the form.
func (s *Statement) Reload() {
	tr := s.env.Tr
	from, to, err := s.Period.read()
	if err != nil {
		s.Head.SetText(tr.T("Write both dates as %s, the first not after the second.", tr.DatePattern()))
		return
	}
	s.runs++
	run, sess := s.runs, s.env.Session()
	s.env.Async(func() {
		st, err := s.store.Statement(context.Background(), sess, s.holder, from, to)
		fyne.Do(s.env.Safe(func() {
			if run != s.runs {
				return
			}
			if err != nil {
				s.Head.SetText(widgets.ErrorText(tr, err))
				return
			}
			s.st = st
			s.Table.Refresh()
			s.Head.SetText(tr.T("%s, %s – %s, in %s. Opening balance: %s", model.VisibleText(st.HolderName),
				tr.Date(st.From, s.env.Zone()), tr.Date(st.To.AddDate(0, 0, -1), s.env.Zone()), string(st.Currency), s.withUSD(st.Opening)))
			s.Foot.SetText(tr.T("Closing balance: %s", s.withUSD(st.Closing)))
			for _, b := range s.Exports {
				b.Enable()
			}
		}))
	})
}

// usd is amount in USD at the statement's rate, or "".
func usd(tr *i18n.Translator, st model.Statement, amount decimal.Decimal) string {
	if st.Currency == model.USD || st.USDRate.IsZero() {
		return ""
	}
	return widgets.MoneyText(tr, amount.Div(st.USDRate), model.USD)
}

func (s *Statement) withUSD(amount decimal.Decimal) string {
	tr := s.env.Tr
	m := widgets.MoneyText(tr, amount, s.st.Currency)
	if u := usd(tr, s.st, amount); u != "" {
		m += " (" + u + ")"
	}
	return m
}

func (s *Statement) updateCell(id widget.TableCellID, l *widget.Label) {
	l.Alignment = fyne.TextAlignTrailing
	if id.Col <= 1 {
		l.Alignment = fyne.TextAlignLeading
	}
	l.SetText(statementCell(s.env, s.st, s.st.Lines[id.Row], id.Col))
}

func statementCell(env widgets.Env, st model.Statement, l model.StatementLine, col int) string {
	tr := env.Tr
	switch col {
	case 0:
		return tr.Date(l.At, env.Zone())
	case 1:
		if l.Kind == model.EntryCalls {
			return tr.T("Calls to %s", l.Prefix)
		}
		if l.Notes != "" {
			return model.VisibleText(l.Notes)
		}
		return ledger.ActionName(tr, l.Kind)
	case 2:
		if l.Kind == model.EntryCalls {
			return fmt.Sprint(l.Calls)
		}
	case 3:
		if l.Kind == model.EntryCalls {
			return tr.Decimal(decimal.NewFromInt(int64(l.Seconds)).Div(decimal.NewFromInt(60)), 1)
		}
	case 4:
		return widgets.MoneyText(tr, l.Amount, st.Currency)
	case 5:
		return usd(tr, st, l.Amount)
	}
	return ""
}

// Format is the format the statement is written in: the window's language
// and time zone, the issuer's paper.
func (s *Statement) Format(paper string) documents.Format {
	return documents.Format{Lang: s.env.Tr.Lang(), Zone: s.env.Zone().String(), Paper: paper}
}

// WriteStatement writes st in the format ext names.
func WriteStatement(w io.Writer, st model.Statement, f documents.Format, ext string) error {
	switch ext {
	case ".pdf":
		return documents.StatementPDF(w, st, f)
	case ".xlsx":
		return documents.StatementXLSX(w, st, f)
	}
	return documents.StatementCSV(w, st, f)
}

func (s *Statement) askExport(ext string) {
	tr := s.env.Tr
	st := s.st
	d := dialog.NewFileSave(func(f fyne.URIWriteCloser, err error) {
		if err != nil || f == nil {
			if err != nil {
				s.env.ShowError(err)
			}
			return
		}
		s.export(f, st, ext)
	}, s.env.Win)
	d.SetFileName(fmt.Sprintf("statement-%s%s", st.From.In(s.env.Zone()).Format("2006-01"), ext))
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	sizeFileDialog(s.env, d)
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.ShowFileDialog(s.env.Win, d)
}

// errCancelled stops a document being written.
var errCancelled = errors.New("cancelled")

// cancelWriter fails every write once cancelled, which stops the document
// writer at its next write.
type cancelWriter struct {
	w    io.Writer
	stop *atomic.Bool
}

func (c cancelWriter) Write(p []byte) (int, error) {
	if c.stop.Load() {
		return 0, errCancelled
	}
	return c.w.Write(p)
}

// export writes st off the UI goroutine; a large one shows a progress bar
// with Cancel.
func (s *Statement) export(f fyne.URIWriteCloser, st model.Statement, ext string) {
	tr, env := s.env.Tr, s.env
	var stop atomic.Bool
	var progress *dialog.CustomDialog
	if len(st.Lines) >= BigStatement {
		bar := widget.NewProgressBarInfinite()
		cancel := widgets.NewKeyButton(tr.T("Cancel"), func() { stop.Store(true) }, nil)
		progress = dialog.NewCustomWithoutButtons(tr.T("Writing %s…", f.URI().Name()), bar, env.Win)
		progress.SetButtons([]fyne.CanvasObject{cancel})
		progress.Show()
		widgets.BindKeys(env.Win, progress, &widgets.KeyTarget{Escape: func() { stop.Store(true) }}, cancel)
	}
	sess := env.Session()
	env.Async(func() {
		paper := model.PaperA4
		if c, err := s.store.EffectiveCompany(context.Background(), sess, sess.CustomerID); err == nil && c.Paper != "" {
			paper = c.Paper
		}
		err := WriteStatement(cancelWriter{w: f, stop: &stop}, st, s.Format(paper), ext)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			storage.Delete(f.URI())
		}
		fyne.Do(env.Safe(func() {
			if progress != nil {
				progress.Hide()
			}
			switch {
			case errors.Is(err, errCancelled):
				env.ShowInfo(tr.T("Export cancelled"), tr.T("Nothing was written."))
			case err != nil:
				env.ShowError(err)
			default:
				rememberFolder(f.URI())
				env.ShowInfo(tr.T("Report exported"), tr.T("%d lines written to %s.", len(st.Lines), f.URI().Path()))
			}
		}))
	})
}
