package ledger

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// Payments is the payments report: the Add Funds booked in a date range
// for a customer and everything below it, per customer and in total.
type Payments struct {
	env   widgets.Env
	store Store
	Win   fyne.Window
	top   model.Customer
	// From and To are the dates; Message says what is wrong with them;
	// Total is the sum in USD.
	From, To *widgets.Entry
	Message  *widget.Label
	Total    *widget.Label
	table    *widget.Table
	lines    []model.PaymentLine
	start    time.Time
	end      time.Time
	// A year of a large tree takes seconds to sum: the report is read in
	// the background, with busy shown and Show disabled meanwhile; runs
	// numbers each reading, so only the last one is shown.
	show *widget.Button
	busy *widget.ProgressBarInfinite
	runs int
}

// A line is a customer's own payments or, with its username in the Account
// column, one of its accounts'.
var paymentColumns = []widgets.Column{{Title: "Customer", Width: 200}, {Title: "Account", Width: 140}, {Title: "Payments", Width: 90}, {Title: "Amount", Width: 150}, {Title: "Amount (USD)", Width: 150}}

// ShowPayments opens the payments report for top in a window of app.
// onClosed is told when the window closes.
func ShowPayments(app fyne.App, env widgets.Env, store Store, top model.Customer, onClosed func()) *Payments {
	tr := env.Tr
	w := &Payments{env: env, store: store, top: top}
	w.Win = app.NewWindow(tr.T("Payments") + " — Branchbook")
	w.env.Win = w.Win
	now := time.Now().In(env.Zone())
	w.From, w.To = widgets.NewEntry(model.MaxDateTextLen), widgets.NewEntry(model.MaxDateTextLen)
	w.From.SetText(tr.Date(time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location()), now.Location()))
	w.To.SetText(tr.Date(now, now.Location()))
	w.From.OnSubmitted = func(string) { w.Run() }
	w.To.OnSubmitted = func(string) { w.Run() }
	w.Message = widget.NewLabel("")
	w.Message.Importance = widget.DangerImportance
	w.Message.Hide()
	w.Total = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	w.table = widgets.NewTable(tr, paymentColumns, func() int { return len(w.lines) }, w.updateCell)
	title := widget.NewLabelWithStyle(tr.T("Payments received by %s and the customers below it", top.Name),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.show = widget.NewButtonWithIcon(tr.T("Show"), theme.SearchIcon(), w.Run)
	w.show.Importance = widget.HighImportance
	export := widgets.NewDialogButton(tr.T("Export CSV…"), theme.DocumentSaveIcon(), w.askExport)
	dates := container.New(&widgets.MaxWidthLayout{Width: 700}, container.NewGridWithColumns(4,
		w.From, w.To, w.show, export))
	w.busy = widget.NewProgressBarInfinite()
	w.busy.Hide()
	top2 := container.NewVBox(title, widget.NewLabel(tr.T("From and to (%s), both days included:", tr.DatePattern())), dates,
		w.Message, w.busy)
	w.Win.SetContent(container.NewBorder(top2, w.Total, nil, nil, w.table))
	w.Win.Resize(fyne.NewSize(900, 520))
	widgets.AddShortcuts(w.Win, map[fyne.KeyName]func(){fyne.KeyW: w.Win.Close})
	w.Win.SetOnClosed(onClosed)
	w.Run()
	w.Win.Show()
	return w
}

// Lines are the report's lines as read last.
func (w *Payments) Lines() []model.PaymentLine { return w.lines }

func (w *Payments) updateCell(id widget.TableCellID, l *widget.Label) {
	tr := w.env.Tr
	p := w.lines[id.Row]
	l.Alignment = fyne.TextAlignTrailing
	switch id.Col {
	case 0:
		l.Alignment = fyne.TextAlignLeading
		l.SetText(p.Name)
	case 1:
		l.Alignment = fyne.TextAlignLeading
		l.SetText(p.Username)
	case 2:
		l.SetText(fmt.Sprint(p.Count))
	case 3:
		l.SetText(widgets.MoneyText(tr, p.Amount, p.Currency))
	case 4:
		l.SetText(widgets.USDText(tr, w.env.Rates(), p.Amount, p.Currency))
	}
}

// Run reads the report for the dates in the form.
func (w *Payments) Run() {
	tr := w.env.Tr
	zone := w.env.Zone()
	from, err1 := tr.ParseDate(strings.TrimSpace(w.From.Text), zone)
	to, err2 := tr.ParseDate(strings.TrimSpace(w.To.Text), zone)
	if err1 != nil || err2 != nil || to.Before(from) {
		w.Message.SetText(tr.T("Write both dates as %s, the first not after the second.", tr.DatePattern()))
		w.Message.Show()
		return
	}
	w.Message.Hide()
	w.start, w.end = from, to.AddDate(0, 0, 1)
	w.runs++
	run, store, sess, top, start, end := w.runs, w.store, w.env.Session(), w.top.ID, w.start, w.end
	w.busy.Show()
	w.show.Disable()
	w.env.Async(func() {
		lines, err := store.Payments(context.Background(), sess, top, start, end)
		fyne.Do(func() {
			if run == w.runs {
				w.showLines(lines, err)
			}
		})
	})
}

// showLines puts a reading of the report in the window.
func (w *Payments) showLines(lines []model.PaymentLine, err error) {
	tr := w.env.Tr
	w.busy.Hide()
	w.show.Enable()
	if err != nil {
		widgets.ShowError(w.Win, w.env.Tr, err)
		return
	}
	w.lines = lines
	w.table.Refresh()
	total, missing := w.totalUSD()
	text := tr.T("Total: %s", tr.Money(total, "USD", 2))
	if missing {
		text += " " + tr.T("(without currencies that have no rate)")
	}
	w.Total.SetText(text)
}

// totalUSD adds the lines up in USD; missing says a currency had no rate.
func (w *Payments) totalUSD() (decimal.Decimal, bool) {
	total, missing := decimal.Zero, false
	for _, p := range w.lines {
		usd, err := w.env.Rates().ToUSD(p.Amount, p.Currency)
		if err != nil {
			missing = true
			continue
		}
		total = total.Add(usd)
	}
	return total, missing
}

func (w *Payments) askExport() {
	tr := w.env.Tr
	d := dialog.NewFileSave(func(f fyne.URIWriteCloser, err error) {
		if err != nil || f == nil {
			if err != nil {
				widgets.ShowError(w.Win, w.env.Tr, err)
			}
			return
		}
		err = w.export(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			widgets.ShowError(w.Win, w.env.Tr, err)
			return
		}
		widgets.ShowInfo(w.Win, w.env.Tr, tr.T("Report exported"), tr.T("%d customers written to %s.", len(w.lines), f.URI().Path()))
	}, w.Win)
	d.SetFileName("payments.csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.ShowFileDialog(w.Win, d)
}

// export writes the report as CSV, plain numbers, a total line last.
func (w *Payments) export(out io.Writer) error {
	tr := w.env.Tr
	cw := csv.NewWriter(out)
	cw.Write([]string{tr.T("Customer"), tr.T("Account"), tr.T("Payments"), tr.T("Amount"), tr.T("Currency"), tr.T("Amount (USD)")})
	for _, p := range w.lines {
		usd := ""
		if v, err := w.env.Rates().ToUSD(p.Amount, p.Currency); err == nil {
			usd = v.StringFixed(model.USD.MinorUnits())
		}
		cw.Write([]string{widgets.SafeCell(p.Name), widgets.SafeCell(p.Username), fmt.Sprint(p.Count), p.Amount.StringFixed(p.Currency.MinorUnits()), string(p.Currency), usd})
	}
	total, _ := w.totalUSD()
	cw.Write([]string{tr.T("Total"), "", "", "", "", total.StringFixed(model.USD.MinorUnits())})
	cw.Flush()
	return cw.Error()
}
