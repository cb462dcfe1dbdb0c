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
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
	"github.com/shopspring/decimal"
)

// historyPage is how many entries are read at a time; more are read as the
// table scrolls near the end, so 100,000 entries scroll smoothly.
const historyPage = 200

// History shows the ledger of a customer or an account, newest first,
// with a filter by dates and action, Reverse and Export. A reversal is
// booked through the store; OnReversed is told of the reversal, for every
// pane that shows its holder (this one too, through Booked).
type History struct {
	env      widgets.Env
	store    Store
	target   Target
	entries  []model.Entry
	done     bool // no older entries left to read
	loading  bool
	selected int
	filter   model.EntryFilter

	from, to *widgets.Entry
	// Kind picks the action shown; List lists the entries, two lines
	// each; Reverse reverses the selected one.
	Kind    *widget.Select
	kinds   []model.EntryKind
	message *widget.Label
	List    *EntryList
	Reverse *widget.Button
	// ShowCalls lists the calls of the selected "calls" entry, through
	// OnOpenCalls; it is hidden without one.
	ShowCalls   *widget.Button
	OnOpenCalls func(model.Entry)
	// widths are the columns of an entry's first line, as wide as the
	// language needs (the second line takes the row's width).
	widths []float32
	// Content is the pane, for a tab or a window.
	Content    fyne.CanvasObject
	OnReversed func(model.Entry)
}

// historyColumns are the first line of an entry: when, what, how much and
// the balance after. The second line holds what the clerk reads less often
// (the amount as entered in another currency, the notes, who), so an
// entry shows whole in a narrow pane, in every language.
var historyColumns = []widgets.Column{
	{Title: "Date", Width: 130, Fits: func(tr *i18n.Translator) []string {
		return []string{tr.DateTime(time.Date(2026, 12, 28, 23, 58, 0, 0, time.UTC), time.UTC)}
	}},
	{Title: "Action", Width: 100, Fits: func(tr *i18n.Translator) []string {
		var names []string
		for _, k := range []model.EntryKind{model.EntryAddFunds, model.EntryCredit, model.EntryDebit, model.EntryOpening, model.EntryReversal, model.EntryCalls} {
			names = append(names, ActionName(tr, k))
		}
		return names
	}},
	{Title: "Booked", Width: 110, Fits: amountSample},
	{Title: "Balance after", Width: 110, Fits: amountSample},
}

// amountSample is a wide amount, which the money columns show whole.
func amountSample(tr *i18n.Translator) []string {
	return []string{widgets.MoneyText(tr, decimal.RequireFromString("-88888.88"), model.USD)}
}

// NewHistory builds the pane, empty until Show.
func NewHistory(env widgets.Env, store Store, onReversed func(model.Entry)) *History {
	tr := env.Tr
	h := &History{env: env, store: store, selected: -1, OnReversed: onReversed}
	h.from, h.to = widgets.NewEntry(model.MaxDateTextLen), widgets.NewEntry(model.MaxDateTextLen)
	h.from.SetPlaceHolder(tr.T("From %s", tr.DatePattern()))
	h.to.SetPlaceHolder(tr.T("To %s", tr.DatePattern()))
	h.kinds = []model.EntryKind{"", model.EntryAddFunds, model.EntryCredit, model.EntryDebit, model.EntryReversal, model.EntryOpening, model.EntryCalls}
	names := []string{tr.T("All actions")}
	for _, k := range h.kinds[1:] {
		names = append(names, ActionName(tr, k))
	}
	h.Kind = widget.NewSelect(names, nil)
	h.Kind.SetSelectedIndex(0)
	h.from.OnSubmitted = func(string) { h.apply() }
	h.to.OnSubmitted = func(string) { h.apply() }
	h.message = widget.NewLabel("")
	h.message.Importance = widget.DangerImportance
	h.message.Hide()

	for _, col := range historyColumns {
		h.widths = append(h.widths, widgets.ColumnWidth(tr, col))
	}
	h.widths = append(h.widths[:2:2], append([]float32{0}, h.widths[2:]...)...)
	h.List = &EntryList{onEnter: h.OpenCalls}
	h.List.Length, h.List.CreateItem, h.List.UpdateItem = func() int { return len(h.entries) }, h.newRow, h.updateRow
	h.List.ExtendBaseWidget(h.List)
	h.List.OnSelected = func(id widget.ListItemID) {
		h.selected = id
		h.updateTools()
	}
	h.Reverse = widget.NewButtonWithIcon(tr.T("Reverse…"), theme.ContentUndoIcon(), func() { h.AskReverse() })
	h.ShowCalls = widget.NewButtonWithIcon(tr.T("Calls…"), theme.ListIcon(), func() { h.OpenCalls() })
	h.ShowCalls.Hide()
	export := widgets.NewDialogButton(tr.T("Export CSV…"), theme.DocumentSaveIcon(), h.askExport)
	apply := widget.NewButton(tr.T("Filter"), h.apply)
	// Two rows of two, so the date hints show whole in a narrow pane.
	filters := container.NewGridWithColumns(2, h.from, h.to, h.Kind, apply)
	tools := container.NewHBox(h.Reverse, h.ShowCalls, export)
	h.Content = container.NewBorder(container.NewVBox(filters, h.message, tools, h.header()), nil, nil, nil, h.List)
	h.Kind.OnChanged = func(string) { h.apply() }
	h.updateTools()
	return h
}

// EntryList is the history's list of entries: Enter on a selected "calls"
// entry lists its calls (as Calls… does); other keys are the list's.
type EntryList struct {
	widget.List
	onEnter func() bool
}

// TypedKey opens the selected "calls" entry on Enter.
func (l *EntryList) TypedKey(e *fyne.KeyEvent) {
	if (e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter) && l.onEnter != nil && l.onEnter() {
		return
	}
	l.List.TypedKey(e)
}

// historyRow is one entry's two lines: date, action, booked and balance
// after; then, quieter, the amount entered, the notes and who.
type historyRow struct {
	date, action, booked, after, detail, by *widget.Label
}

func (h *History) header() fyne.CanvasObject {
	tr := h.env.Tr
	bold := func(text string, align fyne.TextAlign) *widget.Label {
		l := widget.NewLabelWithStyle(text, align, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	first := container.New(&widgets.WidthsLayout{Widths: h.widths}, bold(tr.T("Date"), fyne.TextAlignLeading),
		bold(tr.T("Action"), fyne.TextAlignLeading), layout.NewSpacer(),
		bold(tr.T("Booked"), fyne.TextAlignTrailing), bold(tr.T("Balance after"), fyne.TextAlignTrailing))
	quiet := func(text string, align fyne.TextAlign) *widget.Label {
		l := widget.NewLabelWithStyle(text, align, fyne.TextStyle{Italic: true})
		l.Importance = widget.LowImportance
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	by := quiet(tr.T("By"), fyne.TextAlignTrailing)
	by.Truncation = fyne.TextTruncateOff
	second := container.NewBorder(nil, nil, nil, by,
		quiet(tr.T("Amount entered")+" · "+tr.T("Notes"), fyne.TextAlignLeading))
	return container.NewVBox(first, second, widget.NewSeparator())
}

func (h *History) newRow() fyne.CanvasObject {
	label := func(align fyne.TextAlign) *widget.Label {
		l := widget.NewLabel("")
		l.Alignment = align
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	quiet := func(align fyne.TextAlign) *widget.Label {
		l := label(align)
		l.TextStyle.Italic = true
		l.Importance = widget.LowImportance
		return l
	}
	r := historyRow{date: label(fyne.TextAlignLeading), action: label(fyne.TextAlignLeading),
		booked: label(fyne.TextAlignTrailing), after: label(fyne.TextAlignTrailing),
		detail: quiet(fyne.TextAlignLeading), by: quiet(fyne.TextAlignTrailing)}
	r.by.Truncation = fyne.TextTruncateOff // a name, short: it takes the room it needs
	first := container.New(&widgets.WidthsLayout{Widths: h.widths}, r.date, r.action, layout.NewSpacer(), r.booked, r.after)
	second := container.NewBorder(nil, nil, nil, r.by, r.detail)
	return container.New(layout.NewCustomPaddedVBoxLayout(0), first, second)
}

// rowOf finds the labels of a row newRow made.
func rowOf(o fyne.CanvasObject) historyRow {
	lines := o.(*fyne.Container).Objects
	first, second := lines[0].(*fyne.Container).Objects, lines[1].(*fyne.Container).Objects
	return historyRow{date: first[0].(*widget.Label), action: first[1].(*widget.Label),
		booked: first[3].(*widget.Label), after: first[4].(*widget.Label),
		detail: second[0].(*widget.Label), by: second[1].(*widget.Label)}
}

func (h *History) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(h.entries) {
		return
	}
	// Read the next page when the list nears the end of what is loaded.
	if id >= len(h.entries)-historyPage/4 {
		h.loadMore()
	}
	tr := h.env.Tr
	e := h.entries[id]
	cur := h.target.Currency
	r := rowOf(o)
	r.date.SetText(tr.DateTime(e.CreatedAt, h.env.Zone()))
	r.action.Importance = widget.MediumImportance
	action := ActionName(tr, e.Kind)
	if e.ReversedBy != 0 {
		action += " " + tr.T("(reversed)")
		r.action.Importance = widget.LowImportance
	}
	r.action.SetText(action)
	r.booked.Importance = widget.MediumImportance
	if e.Booked.IsNegative() {
		r.booked.Importance = widget.DangerImportance
	}
	r.booked.SetText(widgets.ExactMoneyText(tr, e.Booked, cur))
	r.after.SetText(widgets.ExactMoneyText(tr, e.BalanceAfter, cur))
	var detail []string
	if e.Entered.Currency != cur {
		detail = append(detail, widgets.MoneyText(tr, e.Entered.Amount, e.Entered.Currency))
	}
	if notes := EntryNotes(tr, e, h.env.Zone()); notes != "" {
		detail = append(detail, notes)
	}
	r.detail.SetText(strings.Join(detail, " · "))
	r.by.SetText(MadeBy(tr, e))
}

// Show switches the pane to a customer or an account, reading its newest
// entries; the zero target (the root) shows none.
func (h *History) Show(t Target) {
	h.target = t
	h.apply()
}

// apply reads the first page again with the filter the user set.
func (h *History) apply() {
	tr := h.env.Tr
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
			h.message.SetText(tr.T("Write dates as %s, for example %s.", tr.DatePattern(), tr.Date(time.Now(), h.env.Zone())))
			h.message.Show()
			return
		}
		h.message.Hide()
	}
	if i := h.Kind.SelectedIndex(); i > 0 {
		f.Kinds = []model.EntryKind{h.kinds[i]}
	}
	h.filter = f
	h.entries, h.done, h.selected = nil, false, -1
	if h.target.IsZero() {
		h.List.Refresh()
		h.updateTools()
		return
	}
	h.loadMore()
	h.List.UnselectAll()
	h.List.ScrollToTop()
	h.updateTools()
}

// Booked puts an entry just booked on the shown holder at the top of the
// list, when the filter lets it through, and marks the entry a reversal
// reverses: the pane stays current without reading the file again.
func (h *History) Booked(e model.Entry) {
	if h.target.IsZero() || e.Holder != h.target.Holder {
		return
	}
	if e.Reverses != 0 {
		for i := range h.entries {
			if h.entries[i].ID == e.Reverses {
				h.entries[i].ReversedBy = e.ID
			}
		}
	}
	if h.filter.Admits(e) {
		h.entries = append([]model.Entry{e}, h.entries...)
		if h.selected >= 0 {
			h.selected++
			h.List.Select(h.selected)
		}
	}
	h.List.Refresh()
	h.updateTools()
}

// date reads a date (the language's order or YYYY-MM-DD) as the start of
// that day in the viewer's zone; empty text is no limit.
func (h *History) date(text string) (time.Time, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, true
	}
	d, err := h.env.Tr.ParseDate(text, h.env.Zone())
	return d, err == nil
}

// loadMore reads the next page of older entries.
func (h *History) loadMore() {
	if h.done || h.loading || h.target.IsZero() {
		return
	}
	h.loading = true
	defer func() { h.loading = false }()
	f := h.filter
	if n := len(h.entries); n > 0 {
		f.Before = h.entries[n-1].ID
	}
	page, err := h.store.Entries(context.Background(), h.env.Session(), h.target.Holder, f)
	if err != nil {
		h.env.ShowError(err)
		h.done = true
		return
	}
	h.entries = append(h.entries, page...)
	h.done = len(page) < f.Limit
	h.List.Refresh()
}

// OpenCalls lists the calls of the selected "calls" entry; it tells
// whether one was selected.
func (h *History) OpenCalls() bool {
	if h.selected < 0 || h.selected >= len(h.entries) || h.entries[h.selected].Kind != model.EntryCalls || h.OnOpenCalls == nil {
		return false
	}
	h.OnOpenCalls(h.entries[h.selected])
	return true
}

func (h *History) updateTools() {
	calls := h.selected >= 0 && h.selected < len(h.entries) && h.entries[h.selected].Kind == model.EntryCalls
	h.ShowCalls.Hidden = h.OnOpenCalls == nil
	widgets.SetEnabled(h.ShowCalls, calls)
	// A "calls" entry is taken back by undoing its import (Reports →
	// Imports), which voids its calls too: reversing it alone would leave
	// calls charged that no entry pays for.
	ok := h.selected >= 0 && h.selected < len(h.entries) && !calls &&
		h.entries[h.selected].Kind != model.EntryReversal && h.entries[h.selected].ReversedBy == 0 &&
		h.env.Session().Rights.Has(model.RightMaintenance) && h.target.Holder != model.CustomerLedger(h.env.Session().CustomerID)
	widgets.SetEnabled(h.Reverse, ok)
}

// AskReverse asks for the reason and books the opposite of the selected
// entry; it returns the form, or nil when no entry is selected.
func (h *History) AskReverse() *widgets.FormDialog {
	if h.selected < 0 || h.selected >= len(h.entries) {
		return nil
	}
	tr := h.env.Tr
	e := h.entries[h.selected]
	form := widgets.NewForm(tr)
	reason := widgets.NewEntry(model.MaxEntryNotesLen)
	form.Add("reason", tr.T("Reason"), reason)
	form.SetHint("reason", tr.T("Reverses %s of %s booked on %s. The entry stays; a new opposite one is added.",
		ActionName(tr, e.Kind), widgets.MoneyText(tr, e.Entered.Amount, e.Entered.Currency), tr.DateTime(e.CreatedAt, h.env.Zone())))
	key := NewFormKey()
	var reversal model.Entry
	read := func() (func() error, error) {
		text, sess := reason.Text, h.env.Session()
		return func() (err error) {
			reversal, err = h.store.ReverseEntry(context.Background(), sess, e.ID, text, key)
			return err
		}, nil
	}
	return widgets.ShowFormDialog(h.env, widgets.FormSpec{Title: tr.T("Reverse entry"), SaveText: tr.T("Reverse entry"), Form: form,
		Focus: reason, Read: read, Saved: func(bool) {
			if h.OnReversed != nil {
				h.OnReversed(reversal)
			}
		}})
}

// askExport writes the whole filtered history to a CSV file.
func (h *History) askExport() {
	if h.target.IsZero() {
		return
	}
	tr := h.env.Tr
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				h.env.ShowError(err)
			}
			return
		}
		// What is shown now is exported, even if the pane moves on meanwhile.
		filter, target := h.filter, h.target
		write := func(_ context.Context, out io.Writer, _ func(int, int)) (int, error) {
			return h.exportOf(out, filter, target)
		}
		widgets.WriteInBackground(h.env, w, tr.T("Exporting the history…"), write, func(n int) {
			h.env.ShowInfo(tr.T("History exported"), tr.T("%d entries written to %s.", n, w.URI().Path()))
		})
	}, h.env.Win)
	d.SetFileName(h.fileName())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.ShowFileDialog(h.env.Win, d)
}

// Export writes every entry that matches the filter, newest first.
func (h *History) Export(w io.Writer) (int, error) { return h.exportOf(w, h.filter, h.target) }

// exportOf writes the entries of target that match f. It reads nothing else
// of the pane, so it can run off the UI goroutine.
func (h *History) exportOf(w io.Writer, f model.EntryFilter, target Target) (int, error) {
	tr := h.env.Tr
	out := csv.NewWriter(w)
	out.Write([]string{tr.T("Date (UTC)"), tr.T("Action"), tr.T("Amount entered"), tr.T("Currency entered"),
		tr.T("Rate"), tr.T("Booked"), tr.T("Balance after"), tr.T("Currency"), tr.T("Notes"), tr.T("By"), tr.T("Reverses entry")})
	f.Limit, f.Before = 5000, 0
	n := 0
	cur := target.Currency
	for {
		page, err := h.store.Entries(context.Background(), h.env.Session(), target.Holder, f)
		if err != nil {
			return n, err
		}
		for _, e := range page {
			reverses := ""
			if e.Reverses != 0 {
				reverses = fmt.Sprint(e.Reverses)
			}
			out.Write([]string{e.CreatedAt.UTC().Format("2006-01-02 15:04:05"), ActionName(tr, e.Kind),
				e.Entered.Amount.StringFixed(e.Entered.Currency.MinorUnits()), string(e.Entered.Currency), e.Rate.String(),
				e.Booked.String(), e.BalanceAfter.String(), string(cur), widgets.SafeCell(EntryNotes(tr, e, time.UTC)), widgets.SafeCell(MadeBy(tr, e)), reverses})
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
func (h *History) fileName() string {
	if h.target.Holder.IsAccount() {
		return fmt.Sprintf("history-account-%d.csv", h.target.Holder.Account)
	}
	return fmt.Sprintf("history-%d.csv", h.target.Holder.Customer)
}

// Entries are the entries read so far, newest first.
func (h *History) Entries() []model.Entry { return h.entries }

// MadeBy names who booked an entry. The store leaves the name empty when
// that customer is outside the viewer's subtree, which only an owner above
// the viewer can be; the column then says so instead of staying blank.
func MadeBy(tr *i18n.Translator, e model.Entry) string {
	if e.CreatedByName == "" {
		return tr.T("an owner above you")
	}
	return e.CreatedByName
}
