package calls

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

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// marginColumns are the columns of Reports → Margin.
var marginColumns = []widgets.Column{
	{Title: "Customer or account", Width: 200}, {Title: "Prefix", Width: 90}, {Title: "Calls", Width: 70},
	{Title: "Charged", Width: 150}, {Title: "Cost", Width: 150}, {Title: "Margin", Width: 150},
}

// Margin is the Reports → Margin window: for the signed-in customer, per
// direct customer (or own account) and destination over a period, what
// they were charged, what it was charged for those calls, and the
// difference.
type Margin struct {
	env   widgets.Env
	store Store
	Win   fyne.Window
	// From and To are the dates, both included; Message says what is
	// wrong with them; Total sums the lines.
	From, To *widgets.Entry
	Message  *widget.Label
	Total    *widget.Label
	Table    *widget.Table
	lines    []model.MarginLine
	show     *widget.Button
	busy     *widget.ProgressBarInfinite
	runs     int
}

// ShowMargin opens the Margin window of app, for this month.
func ShowMargin(app fyne.App, env widgets.Env, store Store, onClosed func()) *Margin {
	tr := env.Tr
	w := &Margin{env: env, store: store}
	w.Win = app.NewWindow(tr.T("Margin") + " — Branchbook")
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
	w.Total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.Total.Wrapping = fyne.TextWrapWord
	w.Table = widgets.NewTable(tr, marginColumns, func() int { return len(w.lines) }, w.updateCell)
	title := widget.NewLabelWithStyle(tr.T("Margin of %s on calls", env.Session().Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.show = widget.NewButtonWithIcon(tr.T("Show"), theme.SearchIcon(), w.Run)
	w.show.Importance = widget.HighImportance
	export := widgets.NewDialogButton(tr.T("Export CSV…"), theme.DocumentSaveIcon(), w.askExport)
	dates := container.New(&widgets.MaxWidthLayout{Width: 700}, container.NewGridWithColumns(4, w.From, w.To, w.show, export))
	w.busy = widget.NewProgressBarInfinite()
	w.busy.Hide()
	top := container.NewVBox(title, widget.NewLabel(tr.T("From and to (%s), both days included:", tr.DatePattern())), dates, w.Message, w.busy)
	w.Win.SetContent(container.NewBorder(top, w.Total, nil, nil, w.Table))
	w.Win.Resize(fyne.NewSize(900, 520))
	widgets.AddShortcuts(w.Win, map[fyne.KeyName]func(){fyne.KeyW: w.Win.Close})
	w.Win.SetOnClosed(onClosed)
	w.Run()
	w.Win.Show()
	return w
}

// Lines are the report's lines as read last.
func (w *Margin) Lines() []model.MarginLine { return w.lines }

func (w *Margin) updateCell(id widget.TableCellID, l *widget.Label) {
	l.Alignment = fyne.TextAlignTrailing
	if id.Col <= 1 {
		l.Alignment = fyne.TextAlignLeading
	}
	l.SetText(marginCell(w.env.Tr, w.lines[id.Row], id.Col))
}

func marginCell(tr *i18n.Translator, m model.MarginLine, col int) string {
	switch col {
	case 0:
		return model.VisibleText(m.HolderName)
	case 1:
		return m.Prefix
	case 2:
		return fmt.Sprint(m.Calls)
	case 3:
		return CostText(tr, m.Charged)
	case 4:
		return CostText(tr, m.Cost)
	case 5:
		return CostText(tr, m.Margin)
	}
	return ""
}

// Run reads the report for the dates in the form, in the background.
func (w *Margin) Run() {
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
	w.runs++
	run, sess, end := w.runs, w.env.Session(), to.AddDate(0, 0, 1)
	w.busy.Show()
	w.busy.Start()
	w.show.Disable()
	w.env.Async(func() {
		lines, err := w.store.Margin(context.Background(), sess, from, end)
		fyne.Do(func() {
			if run != w.runs {
				return
			}
			w.busy.Stop()
			w.busy.Hide()
			w.show.Enable()
			if err != nil {
				widgets.ShowError(w.Win, tr, err)
				return
			}
			w.lines = lines
			w.Table.Refresh()
			w.Total.SetText(w.totalText())
		})
	})
}

// totalText sums the lines per currency.
func (w *Margin) totalText() string {
	tr := w.env.Tr
	var charged, cost, margin []model.Money
	calls := 0
	for _, m := range w.lines {
		calls += m.Calls
		charged = addMoney(charged, m.Charged)
		cost = addMoney(cost, m.Cost)
		margin = addMoney(margin, m.Margin)
	}
	return tr.T("Total — calls: %d, charged: %s, cost: %s, margin: %s", calls, TotalsText(tr, charged), TotalsText(tr, cost), TotalsText(tr, margin))
}

func (w *Margin) askExport() {
	tr := w.env.Tr
	d := dialog.NewFileSave(func(f fyne.URIWriteCloser, err error) {
		if err != nil || f == nil {
			if err != nil {
				widgets.ShowError(w.Win, tr, err)
			}
			return
		}
		err = w.Export(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			widgets.ShowError(w.Win, tr, err)
			return
		}
		widgets.ShowInfo(w.Win, tr, tr.T("Report exported"), tr.T("%d lines written to %s.", len(w.lines), f.URI().Path()))
	}, w.Win)
	d.SetFileName("margin.csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.ShowFileDialog(w.Win, d)
}

// Export writes the report as CSV: plain numbers, each with its currency.
func (w *Margin) Export(out io.Writer) error {
	tr := w.env.Tr
	cw := csv.NewWriter(out)
	cw.Write([]string{tr.T("Customer or account"), tr.T("Prefix"), tr.T("Calls"), tr.T("Charged"), tr.T("Currency"),
		tr.T("Cost"), tr.T("Currency"), tr.T("Margin"), tr.T("Currency")})
	for _, m := range w.lines {
		cw.Write([]string{widgets.SafeCell(m.HolderName), m.Prefix, fmt.Sprint(m.Calls), m.Charged.Amount.String(), string(m.Charged.Currency),
			m.Cost.Amount.String(), string(m.Cost.Currency), m.Margin.Amount.String(), string(m.Margin.Currency)})
	}
	cw.Flush()
	return cw.Error()
}
