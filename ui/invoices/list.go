package invoices

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// PageSize is how many documents the list shows at once.
const PageSize = 100

var listColumns = []widgets.Column{
	{Title: "Number", Width: 120}, {Title: "Issuer", Width: 160}, {Title: "Recipient", Width: 160},
	{Title: "Period", Width: 190}, {Title: "Total", Width: 130}, {Title: "Due", Width: 100}, {Title: "Status", Width: 110},
}

// List is the Reports → Invoices window: the invoices and credit notes the
// signed-in customer issued or received, and those issued below it.
type List struct {
	Win      fyne.Window
	Period   *period
	Status   *widgets.SearchEntry
	Search   *widgets.Entry
	Table    *widget.Table
	Count    *widget.Label
	Message  *widget.Label
	Prev     *widget.Button
	Next     *widget.Button
	Open     *widget.Button
	SavePDF  *widget.Button
	SaveXLSX *widget.Button
	Credit   *widget.Button
	page     model.InvoicePage
	offset   int
	selected int
	env      widgets.Env
	store    Store
	runs     int
	statuses []model.InvoiceStatus
	changed  func(model.Invoice)
}

// ShowList opens Reports → Invoices; changed is told of a credit note
// issued from it.
func ShowList(app fyne.App, env widgets.Env, store Store, changed func(model.Invoice), onClosed func()) *List {
	tr := env.Tr
	l := &List{env: env, store: store, selected: -1, changed: changed}
	l.Win = app.NewWindow(tr.T("Invoices") + " — Branchbook")
	l.env.Win = l.Win
	env = l.env
	l.Period = &period{From: widgets.NewEntry(model.MaxDateTextLen), To: widgets.NewEntry(model.MaxDateTextLen), env: env}
	l.statuses = []model.InvoiceStatus{"", model.StatusOpen, model.StatusPartly, model.StatusPaid}
	names := []string{tr.T("any status")}
	for _, s := range l.statuses[1:] {
		names = append(names, StatusText(tr, s))
	}
	l.Status = widgets.NewChoice(names, names[0])
	l.Search = widgets.NewEntry(model.MaxNameLen)
	l.Search.SetPlaceHolder(tr.T("Number or name"))
	run := env.Safe(func() { l.offset = 0; l.Reload() })
	for _, e := range []*widgets.Entry{l.Period.From, l.Period.To, l.Search} {
		e.OnSubmitted = func(string) { run() }
	}
	l.Status.OnSubmitted = func(string) { run() }
	show := widget.NewButtonWithIcon(tr.T("Show"), theme.SearchIcon(), run)
	show.Importance = widget.HighImportance
	l.Table = widgets.NewTable(tr, listColumns, func() int { return len(l.page.Invoices) }, l.updateCell)
	l.Table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(l.page.Invoices) {
			l.selected = id.Row
			l.buttons()
		}
	}
	l.Count = widget.NewLabel("")
	l.Message = widget.NewLabel("")
	l.Message.Importance = widget.DangerImportance
	l.Message.Wrapping = fyne.TextWrapWord
	l.Message.Hide()
	l.Prev = widget.NewButtonWithIcon(tr.T("Previous page"), theme.NavigateBackIcon(), env.Safe(func() { l.offset = max(0, l.offset-PageSize); l.Reload() }))
	l.Next = widget.NewButtonWithIcon(tr.T("Next page"), theme.NavigateNextIcon(), env.Safe(func() { l.offset += PageSize; l.Reload() }))
	l.Open = widget.NewButtonWithIcon(tr.T("Open…"), theme.FileIcon(), env.Safe(func() { l.withSelected(func(inv model.Invoice) { ShowIssued(l.env, store, inv, l.issued) }) }))
	l.SavePDF = widget.NewButtonWithIcon(tr.T("Save PDF…"), theme.DocumentSaveIcon(), env.Safe(func() { l.withSelected(func(inv model.Invoice) { AskSavePDF(l.env, inv) }) }))
	l.SaveXLSX = widget.NewButtonWithIcon(tr.T("Save XLSX…"), theme.DocumentSaveIcon(), env.Safe(func() { l.withSelected(func(inv model.Invoice) { AskSave(l.env, inv, ".xlsx") }) }))
	l.Credit = widget.NewButtonWithIcon(tr.T("Credit note…"), theme.ContentUndoIcon(), env.Safe(func() {
		l.withSelected(func(inv model.Invoice) { ShowCreditNote(l.env, store, inv, l.issued) })
	}))
	filters := container.NewGridWithColumns(5, l.Period.From, l.Period.To, l.Status, l.Search, show)
	top := container.NewVBox(
		widget.NewLabel(tr.T("Issued from and to (%s, both included; empty: any), status, number or name:", tr.DatePattern())),
		filters, l.Message)
	bottom := container.NewHBox(l.Open, l.SavePDF, l.SaveXLSX, l.Credit, widget.NewSeparator(), l.Prev, l.Next, l.Count)
	l.Win.SetContent(container.NewBorder(top, container.NewHScroll(bottom), nil, nil, l.Table))
	l.Win.Resize(fyne.NewSize(1000, 560))
	widgets.AddShortcuts(l.Win, map[fyne.KeyName]func(){fyne.KeyW: l.Win.Close})
	l.Win.SetOnClosed(onClosed)
	l.buttons()
	l.Reload()
	l.Win.Show()
	return l
}

// Page is the page shown.
func (l *List) Page() model.InvoicePage { return l.page }

// Select selects row i, as a click does.
func (l *List) Select(i int) { l.Table.Select(widget.TableCellID{Row: i, Col: 0}) }

func (l *List) issued(inv model.Invoice) {
	if l.changed != nil {
		l.changed(inv)
	}
	l.Reload()
}

func (l *List) buttons() {
	on := l.selected >= 0 && l.selected < len(l.page.Invoices)
	widgets.SetEnabled(l.Open, on)
	widgets.SetEnabled(l.SavePDF, on)
	widgets.SetEnabled(l.SaveXLSX, on)
	widgets.SetEnabled(l.Credit, on && l.env.Can(model.RightInvoices) && l.page.Invoices[l.selected].Kind == model.KindInvoice)
	widgets.SetEnabled(l.Prev, l.offset > 0)
	widgets.SetEnabled(l.Next, l.offset+len(l.page.Invoices) < l.page.Total)
}

// withSelected reads the selected document whole (the list leaves its
// lines out) and hands it to f.
func (l *List) withSelected(f func(model.Invoice)) {
	if l.selected < 0 || l.selected >= len(l.page.Invoices) {
		return
	}
	id, sess := l.page.Invoices[l.selected].ID, l.env.Session()
	l.env.Async(func() {
		inv, err := l.store.Invoice(context.Background(), sess, id)
		fyne.Do(l.env.Safe(func() {
			if err != nil {
				l.env.ShowError(err)
				return
			}
			f(inv)
		}))
	})
}

// query reads the filters.
func (l *List) query() (model.InvoiceQuery, bool) {
	tr := l.env.Tr
	q := model.InvoiceQuery{Search: strings.TrimSpace(l.Search.Text), Offset: l.offset, Limit: PageSize}
	if strings.TrimSpace(l.Period.From.Text) != "" || strings.TrimSpace(l.Period.To.Text) != "" {
		from, to, err := l.Period.read()
		if err != nil {
			l.Message.SetText(tr.T("Write both dates as %s, the first not after the second.", tr.DatePattern()))
			l.Message.Show()
			return q, false
		}
		q.From, q.To = from, to
	}
	if i := l.Status.SelectedIndex(); i > 0 && i < len(l.statuses) {
		q.Status = l.statuses[i]
	}
	return q, true
}

// Reload reads the page again.
func (l *List) Reload() {
	q, ok := l.query()
	if !ok {
		return
	}
	l.Message.Hide()
	l.runs++
	run, sess := l.runs, l.env.Session()
	l.env.Async(func() {
		page, err := l.store.Invoices(context.Background(), sess, q)
		fyne.Do(l.env.Safe(func() {
			if run != l.runs {
				return
			}
			if err != nil {
				l.Message.SetText(widgets.ErrorText(l.env.Tr, err))
				l.Message.Show()
				return
			}
			l.page = page
			l.selected = -1
			l.Table.UnselectAll()
			l.Table.Refresh()
			l.Count.SetText(l.env.Tr.T("%d–%d of %d", min(l.offset+1, page.Total), l.offset+len(page.Invoices), page.Total))
			l.buttons()
		}))
	})
}

func (l *List) updateCell(id widget.TableCellID, lb *widget.Label) {
	lb.Alignment = fyne.TextAlignLeading
	if id.Col == 4 {
		lb.Alignment = fyne.TextAlignTrailing
	}
	lb.SetText(listCell(l.env.Tr, l.env, l.page.Invoices[id.Row], id.Col))
}

func listCell(tr *i18n.Translator, env widgets.Env, inv model.Invoice, col int) string {
	zone := env.Zone()
	switch col {
	case 0:
		if inv.Kind == model.KindCreditNote {
			return tr.T("%s (credit note)", inv.Number)
		}
		return inv.Number
	case 1:
		return partyName(inv.Issuer)
	case 2:
		return partyName(inv.Recipient)
	case 3:
		return tr.Date(inv.From, zone) + " – " + tr.Date(inv.To.AddDate(0, 0, -1), zone)
	case 4:
		return widgets.MoneyText(tr, inv.Total, inv.Currency)
	case 5:
		if inv.Kind == model.KindCreditNote {
			return ""
		}
		return tr.Date(inv.Due, zone)
	case 6:
		if inv.Kind == model.KindCreditNote {
			return ""
		}
		return StatusText(tr, inv.Status)
	}
	return ""
}
