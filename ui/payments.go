package ui

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

// paymentsWindow is the payments report: the Add Funds booked in a date
// range for a customer and everything below it, per customer and in total.
type paymentsWindow struct {
	c        *Controller
	win      fyne.Window
	top      model.Customer
	from, to *widget.Entry
	message  *widget.Label
	total    *widget.Label
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

// showPayments opens the payments report for the selected customer.
func (c *Controller) showPayments() {
	tr := c.tr
	top, err := c.store.Customer(context.Background(), c.session, c.selectedOrTop())
	if err != nil {
		c.showError(err)
		return
	}
	w := &paymentsWindow{c: c, top: top}
	w.win = c.app.NewWindow(tr.T("Payments") + " — Branchbook")
	now := time.Now().In(c.zone())
	w.from, w.to = widget.NewEntry(), widget.NewEntry()
	w.from.SetText(tr.Date(time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location()), now.Location()))
	w.to.SetText(tr.Date(now, now.Location()))
	w.from.OnSubmitted = func(string) { w.run() }
	w.to.OnSubmitted = func(string) { w.run() }
	w.message = widget.NewLabel("")
	w.message.Importance = widget.DangerImportance
	w.message.Hide()
	w.total = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	w.table = widgets.NewTable(tr, paymentColumns, func() int { return len(w.lines) }, w.updateCell)
	title := widget.NewLabelWithStyle(tr.T("Payments received by %s and the customers below it", top.Name),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.show = widget.NewButtonWithIcon(tr.T("Show"), theme.SearchIcon(), w.run)
	w.show.Importance = widget.HighImportance
	export := widgets.NewDialogButton(tr.T("Export CSV…"), theme.DocumentSaveIcon(), w.askExport)
	dates := container.New(&widgets.MaxWidthLayout{Width: 700}, container.NewGridWithColumns(4,
		w.from, w.to, w.show, export))
	w.busy = widget.NewProgressBarInfinite()
	w.busy.Hide()
	top2 := container.NewVBox(title, widget.NewLabel(tr.T("From and to (%s), both days included:", tr.DatePattern())), dates,
		w.message, w.busy)
	w.win.SetContent(container.NewBorder(top2, w.total, nil, nil, w.table))
	w.win.Resize(fyne.NewSize(900, 520))
	widgets.AddShortcuts(w.win, map[fyne.KeyName]func(){fyne.KeyW: w.win.Close})
	w.win.SetOnClosed(func() {
		if c.payments == w {
			c.payments = nil
		}
	})
	w.run()
	w.win.Show()
	c.payments = w
}

func (w *paymentsWindow) updateCell(id widget.TableCellID, l *widget.Label) {
	tr := w.c.tr
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
		l.SetText(widgets.USDText(tr, w.c.rates, p.Amount, p.Currency))
	}
}

// run reads the report for the dates in the form.
func (w *paymentsWindow) run() {
	tr := w.c.tr
	zone := w.c.zone()
	from, err1 := tr.ParseDate(strings.TrimSpace(w.from.Text), zone)
	to, err2 := tr.ParseDate(strings.TrimSpace(w.to.Text), zone)
	if err1 != nil || err2 != nil || to.Before(from) {
		w.message.SetText(tr.T("Write both dates as %s, the first not after the second.", tr.DatePattern()))
		w.message.Show()
		return
	}
	w.message.Hide()
	w.start, w.end = from, to.AddDate(0, 0, 1)
	w.runs++
	run, store, sess, top, start, end := w.runs, w.c.store, w.c.session, w.top.ID, w.start, w.end
	w.busy.Show()
	w.show.Disable()
	w.c.background(func() {
		lines, err := store.Payments(context.Background(), sess, top, start, end)
		fyne.Do(func() {
			if run == w.runs {
				w.showLines(lines, err)
			}
		})
	})
}

// showLines puts a reading of the report in the window.
func (w *paymentsWindow) showLines(lines []model.PaymentLine, err error) {
	tr := w.c.tr
	w.busy.Hide()
	w.show.Enable()
	if err != nil {
		widgets.ShowError(w.win, w.c.tr, err)
		return
	}
	w.lines = lines
	w.table.Refresh()
	total, missing := w.totalUSD()
	text := tr.T("Total: %s", tr.Money(total, "USD", 2))
	if missing {
		text += " " + tr.T("(without currencies that have no rate)")
	}
	w.total.SetText(text)
}

// totalUSD adds the lines up in USD; missing says a currency had no rate.
func (w *paymentsWindow) totalUSD() (decimal.Decimal, bool) {
	total, missing := decimal.Zero, false
	for _, p := range w.lines {
		usd, err := w.c.rates.ToUSD(p.Amount, p.Currency)
		if err != nil {
			missing = true
			continue
		}
		total = total.Add(usd)
	}
	return total, missing
}

func (w *paymentsWindow) askExport() {
	tr := w.c.tr
	d := dialog.NewFileSave(func(f fyne.URIWriteCloser, err error) {
		if err != nil || f == nil {
			if err != nil {
				widgets.ShowError(w.win, w.c.tr, err)
			}
			return
		}
		err = w.export(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			widgets.ShowError(w.win, w.c.tr, err)
			return
		}
		widgets.ShowInfo(w.win, w.c.tr, tr.T("Report exported"), tr.T("%d customers written to %s.", len(w.lines), f.URI().Path()))
	}, w.win)
	d.SetFileName("payments.csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	d.Show()
}

// export writes the report as CSV, plain numbers, a total line last.
func (w *paymentsWindow) export(out io.Writer) error {
	tr := w.c.tr
	cw := csv.NewWriter(out)
	cw.Write([]string{tr.T("Customer"), tr.T("Account"), tr.T("Payments"), tr.T("Amount"), tr.T("Currency"), tr.T("Amount (USD)")})
	for _, p := range w.lines {
		usd := ""
		if v, err := w.c.rates.ToUSD(p.Amount, p.Currency); err == nil {
			usd = v.StringFixed(model.USD.MinorUnits())
		}
		cw.Write([]string{safeCell(p.Name), safeCell(p.Username), fmt.Sprint(p.Count), p.Amount.StringFixed(p.Currency.MinorUnits()), string(p.Currency), usd})
	}
	total, _ := w.totalUSD()
	cw.Write([]string{tr.T("Total"), "", "", "", "", total.StringFixed(model.USD.MinorUnits())})
	cw.Flush()
	return cw.Error()
}
