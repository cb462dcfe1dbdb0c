package calls

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/ledger"
	"github.com/branchbook/branchbook/ui/widgets"
)

// sized lays out one object at a fixed least size: a table (whose own
// least size is one cell) in a dialog.
type sized struct{ size fyne.Size }

func (l *sized) MinSize([]fyne.CanvasObject) fyne.Size { return l.size }
func (l *sized) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// dialogSize is the size of a dialog with a table over win: most of it.
func dialogSize(win fyne.Window, w, h float32) fyne.Size {
	size := win.Canvas().Size()
	if size.Width > 0 {
		w = min(w, size.Width*0.85)
		h = min(h, size.Height*0.7)
	}
	return fyne.NewSize(w, h)
}

// totalColumns are the columns of the totals by destination.
var totalColumns = []widgets.Column{
	{Title: "Prefix", Width: 110}, {Title: "Calls", Width: 80}, {Title: "Minutes", Width: 100}, {Title: "Cost", Width: 150},
}

// ShowTotals shows the calls the filter keeps summed by destination (the
// prefix the holder's own tariff matched): calls, minutes and cost.
func (t *Tab) ShowTotals() *dialog.CustomDialog {
	if t.holder == (model.Holder{}) {
		return nil
	}
	tr := t.env.Tr
	totals, err := t.readTotals()
	if err != nil {
		t.env.ShowError(err)
		return nil
	}
	table := widgets.NewTable(tr, totalColumns, func() int { return len(totals) }, func(id widget.TableCellID, l *widget.Label) {
		l.Alignment = fyne.TextAlignTrailing
		if id.Col == 0 {
			l.Alignment = fyne.TextAlignLeading
		}
		l.SetText(totalCell(tr, totals[id.Row], id.Col))
	})
	title := tr.T("Calls of %s by destination", t.name)
	sum := widget.NewLabelWithStyle(totalsLine(tr, totals), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewBorder(nil, sum, nil, nil, table)
	return widgets.ShowMessage(t.env.Win, tr, title, container.New(&sized{dialogSize(t.env.Win, 560, 420)}, body))
}

// totalCell is one cell of the totals by destination.
func totalCell(tr *i18n.Translator, d model.DestinationTotal, col int) string {
	switch col {
	case 0:
		return d.Prefix
	case 1:
		return tr.Decimal(decimalInt(d.Calls), 0)
	case 2:
		return minutesOf(tr, d.Seconds)
	case 3:
		return CostText(tr, d.Cost)
	}
	return ""
}

// totalsLine sums the destinations: calls, minutes and cost per currency.
func totalsLine(tr *i18n.Translator, ds []model.DestinationTotal) string {
	calls, seconds := 0, 0
	var money []model.Money
	for _, d := range ds {
		calls += d.Calls
		seconds += d.Seconds
		money = addMoney(money, d.Cost)
	}
	return tr.T("Total — calls: %d, minutes: %s, cost: %s", calls, minutesOf(tr, seconds), TotalsText(tr, money))
}

// addMoney adds m to the sum of its currency in ms.
func addMoney(ms []model.Money, m model.Money) []model.Money {
	for i := range ms {
		if ms[i].Currency == m.Currency {
			ms[i].Amount = ms[i].Amount.Add(m.Amount)
			return ms
		}
	}
	return append(ms, m)
}

// askExport writes every call the filter keeps to a CSV file chosen by the
// user, off the UI goroutine with a progress bar and Cancel.
func (t *Tab) askExport() {
	if t.holder == (model.Holder{}) {
		return
	}
	q, ok := t.query()
	if !ok {
		return
	}
	tr := t.env.Tr
	holder := t.holder
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				t.env.ShowError(err)
			}
			return
		}
		write := func(ctx context.Context, out io.Writer, progress func(int, int)) (int, error) {
			return ExportCalls(ctx, t.env, t.store, holder, q, out, progress)
		}
		widgets.WriteInBackground(t.env, w, tr.T("Exporting the calls…"), write, func(n int) {
			t.env.ShowInfo(tr.T("Calls exported"), tr.T("%d calls written to %s.", n, w.URI().Path()))
		})
	}, t.env.Win)
	if holder.IsAccount() {
		d.SetFileName(fmt.Sprintf("calls-account-%d.csv", holder.Account))
	} else {
		d.SetFileName(fmt.Sprintf("calls-%d.csv", holder.Customer))
	}
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.SizeFileDialog(t.env.Win, d, "")
	widgets.ShowFileDialog(t.env.Win, d)
}

// ExportCalls writes the calls of h that q keeps (paging aside) as CSV,
// newest first, reading them a page at a time; it stops when ctx is
// cancelled. Costs are plain numbers with every digit kept.
func ExportCalls(ctx context.Context, env widgets.Env, store Store, h model.Holder, q model.CallQuery, w io.Writer, progress func(done, total int)) (int, error) {
	tr := env.Tr
	out := csv.NewWriter(w)
	out.Write([]string{tr.T("Start (UTC)"), tr.T("Account"), tr.T("Caller"), tr.T("Called number"), tr.T("Seconds"),
		tr.T("Answered"), tr.T("Status"), tr.T("Prefix"), tr.T("Cost"), tr.T("Currency"), tr.T("Levels below"), tr.T("Call id")})
	n := 0
	q.Limit = 2000
	for q.Offset = 0; ; q.Offset += q.Limit {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		page, err := store.Calls(ctx, env.Session(), h, q)
		if err != nil {
			return n, err
		}
		for _, c := range page.Calls {
			prefix, cost, cur := "", "", ""
			if own, ok := ownCharge(h, c); ok {
				prefix, cost, cur = own.Prefix, own.Cost.Amount.String(), string(own.Cost.Currency)
			}
			answered := tr.T("No")
			if c.Answered {
				answered = tr.T("Yes")
			}
			out.Write([]string{c.Start.UTC().Format("2006-01-02 15:04:05"), widgets.SafeCell(c.Username), widgets.SafeCell(c.Caller),
				widgets.SafeCell(c.Called), strconv.Itoa(c.Seconds), answered, StatusText(tr, c), prefix, cost, cur,
				widgets.SafeCell(belowText(tr, h, c)), widgets.SafeCell(c.Key)})
			n++
		}
		if progress != nil {
			progress(n, page.Total)
		}
		if len(page.Calls) < q.Limit {
			break
		}
	}
	out.Flush()
	return n, out.Error()
}

// ShowEntryCalls lists the calls one "calls" entry charged, in a dialog
// over env's window.
func ShowEntryCalls(env widgets.Env, store Store, e model.Entry) *dialog.CustomDialog {
	tr := env.Tr
	l := newCallList(env, store)
	l.show(e.Holder, model.CallQuery{Entry: e.ID})
	title := tr.T("Calls of the entry of %s", tr.DateTime(e.CreatedAt, env.Zone()))
	note := widget.NewLabel(ledger.CallsNote(tr, e.Calls, env.Zone()))
	body := container.NewBorder(note, nil, nil, nil, l.Table)
	return widgets.ShowMessage(env.Win, tr, title, container.New(&sized{dialogSize(env.Win, 900, 520)}, body))
}
