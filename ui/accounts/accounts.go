package accounts

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/ledger"
	"github.com/branchbook/branchbook/ui/widgets"
)

// PageSize is how many accounts are read at a time. The table reads
// only the pages it draws, so a customer with 100,000 accounts opens as
// fast as one with ten.
const PageSize = 200

// maxCachedPages bounds the pages kept while scrolling far.
const maxCachedPages = 32

// accountsPane is the Accounts tab of the detail pane: the selected
// customer's accounts with sort, a username filter and the account
// actions.
type accountsPane struct {
	s        *Screens
	customer model.Customer
	query    model.AccountQuery
	total    int
	pages    map[int][]model.Account
	// asked holds the pages being read in the background (or that failed:
	// not asked again until the next reload); reads counts the reloads, so
	// a page read for an earlier query is dropped.
	asked    map[int]bool
	reads    int
	selected int
	now      time.Time // expiry is judged once per read, so rows agree

	filter  *widgets.Entry
	sort    *widget.Select
	desc    *widget.Check
	count   *widget.Label
	table   *widget.Table
	buttons []*widget.Button // the actions on the selected account
	add     *widget.Button
	cards   *widget.Button
	content fyne.CanvasObject
}

var accountColumns = []widgets.Column{
	{Title: "Username", Width: 150}, {Title: "Description", Width: 150}, {Title: "Balance", Width: 120}, {Title: "Credit limit", Width: 110}, {Title: "Available", Width: 120},
	{Title: "Currency", Width: 70}, {Title: "Blocked", Width: 80}, {Title: "Expires", Width: 110},
}

func newAccountsPane(s *Screens) *accountsPane {
	tr := s.tr
	p := &accountsPane{s: s, selected: -1, pages: map[int][]model.Account{}, asked: map[int]bool{}}
	p.filter = widgets.NewEntry(model.MaxLoginLen)
	p.filter.SetPlaceHolder(tr.T("Username starts with…"))
	p.filter.OnChanged = func(string) { p.reload() }
	sorts := []string{tr.T("By username"), tr.T("By balance"), tr.T("By expiry")}
	p.sort = widget.NewSelect(sorts, func(string) { p.reload() })
	p.sort.SetSelectedIndex(0)
	p.desc = widget.NewCheck(tr.T("Descending"), func(bool) { p.reload() })
	p.count = widget.NewLabel("")
	p.table = widgets.NewTable(tr, accountColumns, func() int { return p.total }, p.updateCell)
	p.table.OnSelected = func(id widget.TableCellID) {
		p.selected = id.Row
		p.updateTools()
	}
	p.add = widget.NewButtonWithIcon(tr.T("Add…"), theme.ContentAddIcon(), s.guard(s.Add))
	p.cards = widget.NewButtonWithIcon(tr.T("Generate cards…"), theme.GridIcon(), s.guard(s.ShowGenerateCards))
	onSelected := func(f func(model.Account)) func() {
		return s.guard(func() {
			if a, ok := p.selectedAccount(); ok {
				f(a)
			}
		})
	}
	p.buttons = []*widget.Button{
		widget.NewButtonWithIcon(tr.T("Maintenance…"), theme.ContentAddIcon(), onSelected(s.maintenance)),
		widget.NewButtonWithIcon(tr.T("History…"), theme.HistoryIcon(), onSelected(s.showHistory)),
		widget.NewButtonWithIcon(tr.T("Adjust…"), theme.DocumentCreateIcon(), onSelected(s.Adjust)),
		widget.NewButtonWithIcon(tr.T("Delete"), theme.DeleteIcon(), onSelected(s.AskDelete)),
	}
	// Three rows of two: the pane is often narrow, and a clerk should see
	// every action without scrolling, in the longest language too.
	tools := container.NewGridWithColumns(2, p.add, p.cards)
	for _, b := range p.buttons {
		tools.Add(b)
	}
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(p.sort, p.desc), p.filter)
	p.content = container.NewBorder(container.NewVBox(filters, tools, p.count), nil, nil, nil, p.table)
	p.updateTools()
	return p
}

// show switches the pane to a customer's accounts. Shown again (after a
// change here or in another window), it keeps the selected account.
func (p *accountsPane) show(cust model.Customer) {
	var keep model.ID
	if a, ok := p.selectedAccount(); ok && cust.ID == p.customer.ID {
		keep = a.ID
	}
	p.customer = cust
	p.reload()
	if keep != 0 {
		p.selectLoaded(keep)
	}
}

// reload counts the accounts that match and reads the first page again.
func (p *accountsPane) reload() {
	if p.sort == nil || p.desc == nil {
		return // still being built
	}
	tr := p.s.tr
	p.query = model.AccountQuery{Prefix: p.filter.Text, Sort: model.AccountSort(max(p.sort.SelectedIndex(), 0)),
		Desc: p.desc.Checked, Limit: PageSize}
	p.pages, p.total, p.selected = map[int][]model.Account{}, 0, -1
	p.asked = map[int]bool{}
	p.reads++
	p.now = time.Now()
	switch {
	case p.customer.ID == 0:
		p.count.SetText("")
	case p.customer.IsRoot():
		p.count.SetText(tr.T("The root customer has no accounts: they belong to the customers below it."))
	default:
		if p.load(0) {
			p.count.SetText(tr.T("%d accounts", p.total))
		}
	}
	p.table.UnselectAll()
	p.table.Refresh()
	p.table.ScrollToTop()
	p.updateTools()
}

// load reads one page and the total; false when it failed (the error is
// shown).
func (p *accountsPane) load(page int) bool {
	res, err := p.s.store.Accounts(context.Background(), p.s.session(), p.customer.ID, p.pageQuery(page))
	return p.keep(page, res, err)
}

func (p *accountsPane) pageQuery(page int) model.AccountQuery {
	q := p.query
	q.Offset = page * PageSize
	return q
}

// keep stores a page that was read, or shows why it could not be.
func (p *accountsPane) keep(page int, res model.AccountPage, err error) bool {
	if err != nil {
		p.count.SetText(widgets.ErrorText(p.s.tr, err))
		return false
	}
	if len(p.pages) >= maxCachedPages {
		p.pages = map[int][]model.Account{}
	}
	p.pages[page], p.total = res.Accounts, res.Total
	return true
}

// loadLater reads a page the table scrolled to, off the UI goroutine: the
// table asks for rows while it draws, which must never wait for the disk.
// The rows stay empty until the page is in.
func (p *accountsPane) loadLater(page int) {
	if p.asked[page] {
		return
	}
	p.asked[page] = true
	store, sess, customer, q, reads := p.s.store, p.s.session(), p.customer.ID, p.pageQuery(page), p.reads
	p.s.background(func() {
		res, err := store.Accounts(context.Background(), sess, customer, q)
		fyne.Do(func() {
			if reads != p.reads {
				return
			}
			if p.keep(page, res, err) {
				delete(p.asked, page)
				p.table.Refresh()
			}
		})
	})
}

// row returns the account drawn in a row, reading its page when needed.
func (p *accountsPane) row(i int) (model.Account, bool) {
	page := i / PageSize
	list, ok := p.pages[page]
	if !ok {
		p.loadLater(page)
		if list, ok = p.pages[page]; !ok { // read already when background runs in place (tests)
			return model.Account{}, false
		}
	}
	if i%PageSize >= len(list) {
		return model.Account{}, false
	}
	return list[i%PageSize], true
}

func (p *accountsPane) updateCell(id widget.TableCellID, l *widget.Label) {
	tr := p.s.tr
	a, ok := p.row(id.Row)
	l.Alignment = fyne.TextAlignLeading
	l.Importance = widget.MediumImportance
	if !ok {
		l.SetText("")
		return
	}
	money := func(d model.Money) {
		l.Alignment = fyne.TextAlignTrailing
		if d.Amount.IsNegative() {
			l.Importance = widget.DangerImportance
		}
		l.SetText(widgets.MoneyText(tr, d.Amount, d.Currency))
	}
	switch id.Col {
	case 0:
		l.SetText(model.VisibleText(a.Username))
	case 1:
		l.SetText(model.VisibleText(a.Description))
	case 2:
		money(model.Money{Amount: a.Balance, Currency: a.Currency})
	case 3:
		money(model.Money{Amount: a.CreditLimit, Currency: a.Currency})
	case 4:
		money(model.Money{Amount: a.Available(), Currency: a.Currency})
	case 5:
		l.SetText(string(a.Currency))
	case 6:
		if a.Blocked {
			l.Importance = widget.WarningImportance
			l.SetText(tr.T("Yes"))
		} else {
			l.SetText("")
		}
	case 7:
		l.SetText(p.expiryText(a))
		if a.Expired(p.now) {
			l.Importance = widget.DangerImportance
		}
	}
}

// expiryText is the last day of use, "Expired" after it, or empty.
func (p *accountsPane) expiryText(a model.Account) string {
	if a.ExpiresAt.IsZero() {
		return ""
	}
	text := expiryText(p.s.tr, a.ExpiresAt, p.s.zone())
	if a.Expired(p.now) {
		return p.s.tr.T("Expired %s", text)
	}
	return text
}

func (p *accountsPane) selectedAccount() (model.Account, bool) {
	if p.selected < 0 || p.selected >= p.total {
		return model.Account{}, false
	}
	return p.row(p.selected)
}

// selectAccount selects an account if it is on a page read already,
// reading the first page again when it is not (it may be new).
func (p *accountsPane) selectAccount(id model.ID) {
	if !p.selectLoaded(id) {
		p.reload()
		p.selectLoaded(id)
	}
}

func (p *accountsPane) selectLoaded(id model.ID) bool {
	for page, list := range p.pages {
		for i, a := range list {
			if a.ID == id {
				row := page*PageSize + i
				p.table.Select(widget.TableCellID{Row: row, Col: 0})
				p.table.ScrollTo(widget.TableCellID{Row: row, Col: 0})
				return true
			}
		}
	}
	return false
}

// updateTools enables what the session's rights and the selection allow.
func (p *accountsPane) updateTools() {
	rights := p.s.session().Rights
	usable := p.customer.ID != 0 && !p.customer.IsRoot()
	widgets.SetEnabled(p.add, usable && rights.Has(model.RightAccountsAdd))
	widgets.SetEnabled(p.cards, usable && rights.Has(model.RightAccountsAdd))
	_, picked := p.selectedAccount()
	need := []model.Right{model.RightMaintenance, 0, model.RightAccountsEdit, model.RightAccountsDelete}
	for i, b := range p.buttons {
		widgets.SetEnabled(b, picked && rights.Has(need[i]))
	}
}

// maintenance opens the Maintenance form on an account; the shell owns it,
// since a shortcut must never open a second one.
func (s *Screens) maintenance(a model.Account) { s.hooks.OnMaintenance(a) }

// historyWindow is the History window of one account.
type historyWindow struct {
	win     fyne.Window
	history *ledger.History
	title   *widget.Label
}

// showHistory opens (or brings up) an account's History window, with its
// Maintenance button.
func (s *Screens) showHistory(a model.Account) {
	if w, ok := s.windows[a.ID]; ok {
		w.win.RequestFocus()
		return
	}
	tr := s.tr
	w := &historyWindow{win: s.app.NewWindow(tr.T("History: %s", ledger.AccountTarget(a).Name))}
	w.history = s.hooks.NewHistory()
	w.title = widget.NewLabel("")
	w.title.TextStyle.Bold = true
	maintenance := widget.NewButtonWithIcon(tr.T("Maintenance…"), theme.ContentAddIcon(), s.guard(func() {
		if fresh, err := s.store.Account(context.Background(), s.session(), a.ID); err == nil {
			s.maintenance(fresh)
		} else {
			widgets.ShowError(w.win, s.tr, err)
		}
	}))
	widgets.SetEnabled(maintenance, s.session().Rights.Has(model.RightMaintenance))
	w.win.SetContent(container.NewBorder(container.NewBorder(nil, nil, nil, maintenance, w.title), nil, nil, nil, w.history.Content))
	w.win.Resize(fyne.NewSize(1000, 560))
	w.win.SetOnClosed(func() { delete(s.windows, a.ID) })
	s.windows[a.ID] = w
	w.show(s, a)
	w.win.Show()
}

func (w *historyWindow) show(s *Screens, a model.Account) {
	w.title.SetText(s.tr.T("%s · balance %s · available %s", ledger.AccountTarget(a).Name,
		widgets.MoneyText(s.tr, a.Balance, a.Currency), widgets.MoneyText(s.tr, a.Available(), a.Currency)))
	w.history.Show(ledger.AccountTarget(a))
}

// Changed redraws what shows one account after it changed: the Accounts
// tab and its History window here, and (through OnChanged) its leaf in
// the tree.
func (s *Screens) Changed(id model.ID) {
	s.pane.show(s.pane.customer)
	a, err := s.store.Account(context.Background(), s.session(), id)
	if err != nil {
		return
	}
	s.hooks.OnChanged(a)
	if w, ok := s.windows[id]; ok {
		w.show(s, a)
	}
}

// CloseWindows closes the History windows of accounts, which belong to
// the session being left.
func (s *Screens) CloseWindows() {
	for id, w := range s.windows {
		w.win.Close()
		delete(s.windows, id)
	}
}

// ShowDeleted lists the selected customer's deleted accounts, newest
// first; Restore (Enter) brings the selected one back.
func (s *Screens) ShowDeleted() {
	tr := s.tr
	cust, ok := s.hooks.Customer(model.RightAccountsDelete)
	if !ok {
		return
	}
	deleted, err := s.store.DeletedAccounts(context.Background(), s.session(), cust.ID, 0)
	if err != nil {
		s.showError(err)
		return
	}
	if len(deleted) == 0 {
		widgets.ShowInfo(s.win, s.tr, tr.T("Deleted accounts"), tr.T("No account of %s has been deleted.", cust.Name))
		return
	}
	widgets.ShowRestoreList(s.env, tr.T("Deleted accounts of %s", cust.Name), len(deleted), func(i int) string {
		d := deleted[i]
		return widgets.DeletedLine(tr, s.zone(), model.VisibleText(d.Username), widgets.MoneyText(tr, d.Balance, d.Currency), d.DeletedAt, d.DeletedBy)
	}, func(i int) error {
		if err := s.store.RestoreAccount(context.Background(), s.session(), deleted[i].ID); err != nil {
			return err
		}
		s.hooks.OnAccountsChanged(cust.ID)
		s.pane.selectAccount(deleted[i].ID)
		return nil
	})
}
