package calls

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// Tab is the Calls tab of the selected customer or account: a date range,
// a number search and "Unrated only" over a list that reads its calls page
// by page; totals by destination and a CSV export of what the filter
// keeps.
type Tab struct {
	env    widgets.Env
	store  Store
	holder model.Holder
	name   string

	From, To, Number *widgets.Entry
	Unrated          *widgets.Check
	// Message says what is wrong with the dates; Count how many calls the
	// filter keeps.
	Message, Count *widget.Label
	// Note explains what the list holds when that needs saying (the
	// root's calls).
	Note   *widget.Label
	Totals *widget.Button
	Export *widgets.KeyButton
	list   *callList
	// Content is the tab.
	Content fyne.CanvasObject
	// active says the tab is in front: a tab behind others only notes
	// whom to show (stale) and reads once it comes to the front, so
	// clicking through the tree never counts a million calls.
	active, stale bool
}

// NewTab builds the tab, empty until Show.
func NewTab(env widgets.Env, store Store) *Tab {
	tr := env.Tr
	t := &Tab{env: env, store: store}
	t.From, t.To = widgets.NewEntry(model.MaxDateTextLen), widgets.NewEntry(model.MaxDateTextLen)
	t.From.SetPlaceHolder(tr.T("From %s", tr.DatePattern()))
	t.To.SetPlaceHolder(tr.T("To %s", tr.DatePattern()))
	t.Number = widgets.NewEntry(40)
	t.Number.SetPlaceHolder(tr.T("Called number contains…"))
	t.Unrated = widgets.NewCheck(tr.T("Unrated only"), func(bool) { t.Apply() })
	for _, e := range []*widgets.Entry{t.From, t.To, t.Number} {
		e.OnSubmitted = func(string) { t.Apply() }
	}
	t.Message = widget.NewLabel("")
	t.Message.Importance = widget.DangerImportance
	t.Message.Wrapping = fyne.TextWrapWord
	t.Message.Hide()
	t.Count = widget.NewLabel("")
	t.Note = widget.NewLabel("")
	t.Note.Wrapping = fyne.TextWrapWord
	t.Note.Importance = widget.LowImportance
	t.Note.Hide()
	t.list = newCallList(env, store)
	t.list.onTotal = func(n int) { t.Count.SetText(tr.T("%d calls", n)) }
	apply := widget.NewButtonWithIcon(tr.T("Filter"), theme.SearchIcon(), t.Apply)
	t.Totals = widget.NewButton(tr.T("By destination…"), env.Safe(func() { t.ShowTotals() }))
	t.Export = widgets.NewDialogButton(tr.T("Export CSV…"), theme.DocumentSaveIcon(), env.Safe(t.askExport))
	// Two rows of two, and the buttons on a line of their own, so the
	// tab is no wider than the History tab in any language.
	filters := container.NewGridWithColumns(2, t.From, t.To, t.Number, t.Unrated)
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(apply, t.Totals, t.Export), t.Count)
	t.Content = container.NewBorder(container.NewVBox(filters, t.Message, t.Note, tools), nil, nil, nil, t.list.Table)
	t.update()
	return t
}

// Show switches the tab to a customer or an account (name as titles show
// it); the zero holder (the root) shows nothing.
func (t *Tab) Show(h model.Holder, name string) {
	t.holder, t.name = h, name
	if !t.active {
		t.stale = true
		t.list.show(model.Holder{}, model.CallQuery{})
		t.update()
		return
	}
	t.Apply()
}

// SetNote shows a note above the list, or hides it when text is "".
func (t *Tab) SetNote(text string) {
	t.Note.SetText(text)
	t.Note.Hidden = text == ""
	t.Note.Refresh()
}

// SetActive tells the tab whether it is in front; brought to the front, it
// reads what it was last asked to show.
func (t *Tab) SetActive(on bool) {
	t.active = on
	if on && t.stale {
		t.stale = false
		t.Apply()
	}
}

// Reload reads the calls again with the same filter, after an import, an
// undo or a change made by another program.
func (t *Tab) Reload() {
	if !t.active {
		t.stale = true
		return
	}
	t.list.reload()
	t.update()
}

// Holder is who the tab shows.
func (t *Tab) Holder() model.Holder { return t.holder }

// Apply reads the first page with the filter the user set.
func (t *Tab) Apply() {
	q, ok := t.query()
	if !ok {
		return
	}
	t.list.show(t.holder, q)
	t.update()
}

// query reads the filter; it says what is wrong and returns false when a
// date cannot be read.
func (t *Tab) query() (model.CallQuery, bool) {
	tr := t.env.Tr
	var q model.CallQuery
	from, ok1 := t.date(t.From.Text)
	to, ok2 := t.date(t.To.Text)
	if !ok1 || !ok2 {
		t.Message.SetText(tr.T("Write dates as %s, for example %s.", tr.DatePattern(), tr.Date(time.Now(), t.env.Zone())))
		t.Message.Show()
		return q, false
	}
	t.Message.Hide()
	q.From = from
	if !to.IsZero() {
		q.To = to.AddDate(0, 0, 1) // the whole of the last day
	}
	q.Number = digitsOf(t.Number.Text)
	q.Unrated = t.Unrated.Checked
	return q, true
}

// digitsOf keeps the digits of a number search.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (t *Tab) date(text string) (time.Time, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, true
	}
	d, err := t.env.Tr.ParseDate(text, t.env.Zone())
	return d, err == nil
}

func (t *Tab) update() {
	shown := t.holder != (model.Holder{})
	widgets.SetEnabled(t.Totals, shown)
	widgets.SetEnabled(&t.Export.Button, shown)
	if !shown {
		t.Count.SetText("")
	}
}

// Rows is how many calls the filter keeps; Call returns one of them.
func (t *Tab) Rows() int                     { return t.list.total }
func (t *Tab) Call(i int) (model.Call, bool) { return t.list.Call(i) }
func (t *Tab) CellText(row, col int) string {
	c, _ := t.list.Call(row)
	return cellText(t.env, t.holder, c, col)
}
func (t *Tab) Table() *widget.Table           { return t.list.Table }
func (t *Tab) Query() (model.CallQuery, bool) { return t.query() }
func (t *Tab) readTotals() ([]model.DestinationTotal, error) {
	q, ok := t.query()
	if !ok {
		return nil, nil
	}
	return t.store.CallTotals(context.Background(), t.env.Session(), t.holder, q)
}
