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

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// historyPage is how many entries are read at a time; more are read as the
// table scrolls near the end, so 100,000 entries scroll smoothly.
const historyPage = 200

// historyPane shows the ledger of a customer or an account, newest first,
// with a filter by dates and action, Reverse and Export.
type historyPane struct {
	c        *Controller
	target   ledgerTarget
	entries  []model.Entry
	done     bool // no older entries left to read
	loading  bool
	selected int
	filter   model.EntryFilter

	from, to *widget.Entry
	kind     *widget.Select
	kinds    []model.EntryKind
	message  *widget.Label
	table    *widget.Table
	reverse  *widget.Button
	content  fyne.CanvasObject
}

var historyColumns = []widgets.Column{
	{Title: "Date", Width: 140}, {Title: "Action", Width: 120}, {Title: "Amount entered", Width: 130}, {Title: "Booked", Width: 130}, {Title: "Balance after", Width: 130},
	{Title: "Notes", Width: 200}, {Title: "By", Width: 130},
}

func newHistoryPane(c *Controller) *historyPane {
	tr := c.tr
	h := &historyPane{c: c, selected: -1}
	h.from, h.to = widget.NewEntry(), widget.NewEntry()
	h.from.SetPlaceHolder(tr.T("From %s", tr.DatePattern()))
	h.to.SetPlaceHolder(tr.T("To %s", tr.DatePattern()))
	h.kinds = []model.EntryKind{"", model.EntryAddFunds, model.EntryCredit, model.EntryDebit, model.EntryReversal, model.EntryOpening}
	names := []string{tr.T("All actions")}
	for _, k := range h.kinds[1:] {
		names = append(names, c.actionName(k))
	}
	h.kind = widget.NewSelect(names, nil)
	h.kind.SetSelectedIndex(0)
	h.from.OnSubmitted = func(string) { h.apply() }
	h.to.OnSubmitted = func(string) { h.apply() }
	h.message = widget.NewLabel("")
	h.message.Importance = widget.DangerImportance
	h.message.Hide()

	h.table = widgets.NewTable(tr, historyColumns, func() int { return len(h.entries) }, h.updateCell)
	h.table.OnSelected = func(id widget.TableCellID) {
		h.selected = id.Row
		h.updateTools()
	}
	h.reverse = widget.NewButtonWithIcon(tr.T("Reverse…"), theme.ContentUndoIcon(), h.askReverse)
	export := widgets.NewDialogButton(tr.T("Export CSV…"), theme.DocumentSaveIcon(), h.askExport)
	apply := widget.NewButton(tr.T("Filter"), h.apply)
	filters := container.NewGridWithColumns(4, h.from, h.to, h.kind, apply)
	tools := container.NewHBox(h.reverse, export)
	h.content = container.NewBorder(container.NewVBox(filters, h.message, tools), nil, nil, nil, h.table)
	h.kind.OnChanged = func(string) { h.apply() }
	h.updateTools()
	return h
}

func (h *historyPane) updateCell(id widget.TableCellID, l *widget.Label) {
	tr := h.c.tr
	if id.Row >= len(h.entries) {
		return
	}
	// Read the next page when the table nears the end of what is loaded.
	if id.Row >= len(h.entries)-historyPage/4 {
		h.loadMore()
	}
	e := h.entries[id.Row]
	cur := h.target.currency
	l.Alignment = fyne.TextAlignLeading
	l.Importance = widget.MediumImportance
	switch id.Col {
	case 0:
		l.SetText(tr.DateTime(e.CreatedAt, h.c.zone()))
	case 1:
		text := h.c.actionName(e.Kind)
		if e.ReversedBy != 0 {
			text += " " + tr.T("(reversed)")
			l.Importance = widget.LowImportance
		}
		l.SetText(text)
	case 2:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(widgets.MoneyText(tr, e.Entered.Amount, e.Entered.Currency))
	case 3:
		l.Alignment = fyne.TextAlignTrailing
		if e.Booked.IsNegative() {
			l.Importance = widget.DangerImportance
		}
		l.SetText(widgets.MoneyText(tr, e.Booked, cur))
	case 4:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(widgets.MoneyText(tr, e.BalanceAfter, cur))
	case 5:
		l.SetText(strings.ReplaceAll(e.Notes, "\n", " "))
	case 6:
		l.SetText(e.CreatedByName)
	}
	l.Refresh()
}

// show switches the pane to a customer or an account, reading its newest
// entries; the zero target (the root) shows none.
func (h *historyPane) show(t ledgerTarget) {
	h.target = t
	h.apply()
}

// apply reads the first page again with the filter the user set.
func (h *historyPane) apply() {
	tr := h.c.tr
	f := model.EntryFilter{Limit: historyPage}
	var bad []string
	if d, ok := h.date(h.from.Text); ok {
		f.From = d
	} else {
		bad = append(bad, h.from.Text)
	}
	if d, ok := h.date(h.to.Text); ok && !d.IsZero() {
		f.To = d.AddDate(0, 0, 1) // the whole of the last day
	} else if !ok {
		bad = append(bad, h.to.Text)
	}
	if h.message != nil {
		if len(bad) > 0 {
			h.message.SetText(tr.T("Write dates as %s, for example %s.", tr.DatePattern(), tr.Date(time.Now(), h.c.zone())))
			h.message.Show()
			return
		}
		h.message.Hide()
	}
	if i := h.kind.SelectedIndex(); i > 0 {
		f.Kinds = []model.EntryKind{h.kinds[i]}
	}
	h.filter = f
	h.entries, h.done, h.selected = nil, false, -1
	if h.target.isZero() {
		h.table.Refresh()
		h.updateTools()
		return
	}
	h.loadMore()
	h.table.UnselectAll()
	h.table.ScrollToTop()
	h.updateTools()
}

// date reads a date (the language's order or YYYY-MM-DD) as the start of
// that day in the viewer's zone; empty text is no limit.
func (h *historyPane) date(text string) (time.Time, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, true
	}
	d, err := h.c.tr.ParseDate(text, h.c.zone())
	return d, err == nil
}

// loadMore reads the next page of older entries.
func (h *historyPane) loadMore() {
	if h.done || h.loading || h.target.isZero() {
		return
	}
	h.loading = true
	defer func() { h.loading = false }()
	f := h.filter
	if n := len(h.entries); n > 0 {
		f.Before = h.entries[n-1].ID
	}
	page, err := h.c.store.Entries(context.Background(), h.c.session, h.target.holder, f)
	if err != nil {
		h.c.showError(err)
		h.done = true
		return
	}
	h.entries = append(h.entries, page...)
	h.done = len(page) < f.Limit
	h.table.Refresh()
}

func (h *historyPane) updateTools() {
	ok := h.selected >= 0 && h.selected < len(h.entries) &&
		h.entries[h.selected].Kind != model.EntryReversal && h.entries[h.selected].ReversedBy == 0 &&
		h.c.session.Rights.Has(model.RightMaintenance) && h.target.holder != model.CustomerLedger(h.c.session.CustomerID)
	setEnabled(h.reverse, ok)
}

// askReverse asks for the reason and books the opposite of the selected
// entry.
func (h *historyPane) askReverse() {
	if h.selected < 0 || h.selected >= len(h.entries) {
		return
	}
	tr := h.c.tr
	e := h.entries[h.selected]
	form := widgets.NewForm(tr)
	reason := widget.NewEntry()
	form.Add("reason", tr.T("Reason"), reason)
	form.SetHint("reason", tr.T("Reverses %s of %s booked on %s. The entry stays; a new opposite one is added.",
		h.c.actionName(e.Kind), widgets.MoneyText(tr, e.Entered.Amount, e.Entered.Currency), tr.DateTime(e.CreatedAt, h.c.zone())))
	key := newFormKey()
	read := func() (func() error, error) {
		text := reason.Text
		return func() error {
			_, err := h.c.store.ReverseEntry(context.Background(), h.c.session, e.ID, text, key)
			return err
		}, nil
	}
	h.c.openForm = widgets.ShowFormDialog(h.c.env(h.c.win), widgets.FormSpec{Title: tr.T("Reverse entry"), Form: form,
		Focus: reason, Read: read, Saved: func(bool) { h.c.entryBooked(h.target.holder) }})
}

// askExport writes the whole filtered history to a CSV file.
func (h *historyPane) askExport() {
	if h.target.isZero() {
		return
	}
	tr := h.c.tr
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				h.c.showError(err)
			}
			return
		}
		// What is shown now is exported, even if the pane moves on meanwhile.
		filter, target := h.filter, h.target
		write := func(out io.Writer) (int, error) { return h.exportOf(out, filter, target) }
		h.c.writeInBackground(w, tr.T("Exporting the history…"), write, func(n int) {
			widgets.ShowInfo(h.c.win, h.c.tr, tr.T("History exported"), tr.T("%d entries written to %s.", n, w.URI().Path()))
		})
	}, h.c.win)
	d.SetFileName(h.fileName())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	d.Show()
}

// export writes every entry that matches the filter, newest first.
func (h *historyPane) export(w io.Writer) (int, error) { return h.exportOf(w, h.filter, h.target) }

// exportOf writes the entries of target that match f. It reads nothing else
// of the pane, so it can run off the UI goroutine.
func (h *historyPane) exportOf(w io.Writer, f model.EntryFilter, target ledgerTarget) (int, error) {
	tr := h.c.tr
	out := csv.NewWriter(w)
	out.Write([]string{tr.T("Date (UTC)"), tr.T("Action"), tr.T("Amount entered"), tr.T("Currency entered"),
		tr.T("Rate"), tr.T("Booked"), tr.T("Balance after"), tr.T("Currency"), tr.T("Notes"), tr.T("By"), tr.T("Reverses entry")})
	f.Limit, f.Before = 5000, 0
	n := 0
	cur := target.currency
	for {
		page, err := h.c.store.Entries(context.Background(), h.c.session, target.holder, f)
		if err != nil {
			return n, err
		}
		for _, e := range page {
			reverses := ""
			if e.Reverses != 0 {
				reverses = fmt.Sprint(e.Reverses)
			}
			out.Write([]string{e.CreatedAt.UTC().Format("2006-01-02 15:04:05"), h.c.actionName(e.Kind),
				e.Entered.Amount.StringFixed(e.Entered.Currency.MinorUnits()), string(e.Entered.Currency), e.Rate.String(),
				e.Booked.String(), e.BalanceAfter.String(), string(cur), safeCell(e.Notes), safeCell(e.CreatedByName), reverses})
			n++
		}
		if len(page) < f.Limit {
			break
		}
		f.Before = page[len(page)-1].ID
	}
	out.Flush()
	return n, out.Error()
}

// fileName is the export's suggested name: the customer's or account's id.
func (h *historyPane) fileName() string {
	if h.target.holder.IsAccount() {
		return fmt.Sprintf("history-account-%d.csv", h.target.holder.Account)
	}
	return fmt.Sprintf("history-%d.csv", h.target.holder.Customer)
}
