package customers

import (
	"context"
	"errors"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// amountWidth is the width of the tree's money columns, so they line up
// from row to row whatever the depth of the row.
const amountWidth = 120

// Tree is the lazy customer tree. It keeps what has been loaded in
// maps, so the calls Fyne makes on every layout (ChildUIDs, IsBranch) are
// map look-ups; a branch's children are read from the store only when it is
// opened. All maps are touched on the UI goroutine only.
type Tree struct {
	env   widgets.Env
	store Store
	tr    *i18n.Translator
	// session is the session the tree was made for; a new session (or
	// new rights) makes a new tree.
	session model.Session

	rows     map[model.ID]model.CustomerRow
	children map[model.ID][]model.ID
	// loaded is set when a branch's load starts, applied when its
	// children are in the maps.
	loaded  map[model.ID]bool
	applied map[model.ID]bool
	top     model.ID

	// showTotals adds the subtree total column; totals caches it, per
	// customer, in USD, computed in the background when first drawn.
	showTotals bool
	totals     map[model.ID]subtreeTotal
	// onDelete is told when the red cross of a row is tapped.
	onDelete func(model.ID)
	// onOpen is told when a row is double-clicked.
	onOpen func(model.ID)

	widget *NavTree
	// background runs slow work off the UI goroutine; tests make it
	// synchronous.
	background func(func())
	// onSelect is told which customer the user selected.
	onSelect func(model.ID)
	// onError is told when loading fails.
	onError func(error)

	headerTotal *widget.Label
	// columnWidth is the width of the money columns, set by header.
	columnWidth float32

	// showAccounts adds each customer's accounts as leaves under it, at
	// most TreeAccounts of them (the Accounts tab pages through all).
	showAccounts  bool
	accounts      map[model.ID][]model.ID // a customer's account leaves
	accountTotals map[model.ID]int        // how many accounts it has in all
	accountRows   map[model.ID]model.Account
	// onSelectAccount and onOpenAccount are told when an account leaf is
	// selected or double-clicked.
	onSelectAccount func(model.Account)
	onOpenAccount   func(model.Account)
	// onTopLoaded is told when the top rows are in, after the start.
	onTopLoaded func()
	// selected is the node selected last (Fyne's tree does not say).
	selected widget.TreeNodeID
}

// TreeAccounts is how many accounts the tree shows under one customer; a
// last leaf says how many more there are.
const TreeAccounts = 500

func newTree(env widgets.Env, store Store) *Tree {
	t := &Tree{
		env: env, store: store, tr: env.Tr, session: env.Session(),
		rows:       map[model.ID]model.CustomerRow{},
		children:   map[model.ID][]model.ID{},
		loaded:     map[model.ID]bool{},
		applied:    map[model.ID]bool{},
		background: env.Async,
		accounts:   map[model.ID][]model.ID{}, accountTotals: map[model.ID]int{},
		accountRows: map[model.ID]model.Account{},
	}
	t.widget = newNavTree(t.childUIDs, t.isBranch, t.createRow, t.updateRow)
	t.widget.OnBranchOpened = func(uid widget.TreeNodeID) {
		id := idOf(uid)
		switch {
		case t.widget.entering && !t.applied[id]:
			// → opens a branch and goes into its first child in one key
			// press, so the children must be known before Fyne looks for
			// them: read them now. Left to the background, → would stay on
			// the parent the first time and go in the next, and a clerk's
			// Ctrl+M after → would act on the wrong customer.
			if err := t.load(context.Background(), id); err != nil {
				t.fail(err)
			}
		case !t.loaded[id]:
			t.loadAsync(id)
		}
	}
	t.widget.OnSelected = func(uid widget.TreeNodeID) {
		t.selected = uid
		switch kind, id := kindOf(uid); kind {
		case accountLeaf:
			if t.onSelectAccount != nil {
				t.onSelectAccount(t.accountRows[id])
			}
		case customerNode, moreLeaf: // "more accounts" stands for its customer
			if t.onSelect != nil {
				t.onSelect(id)
			}
		}
	}
	return t
}

// A tree node is a customer ("12"), an account leaf ("a34") or the leaf
// that says a customer has more accounts than shown ("m12").
type nodeKind int

const (
	customerNode nodeKind = iota
	accountLeaf
	moreLeaf
)

// UID is the tree node of a customer.
func UID(id model.ID) widget.TreeNodeID { return strconv.FormatInt(int64(id), 10) }

// AccountUID is the tree node of an account leaf.
func AccountUID(id model.ID) widget.TreeNodeID { return "a" + UID(id) }

func kindOf(uid widget.TreeNodeID) (nodeKind, model.ID) {
	switch {
	case strings.HasPrefix(uid, "a"):
		return accountLeaf, idOf(uid[1:])
	case strings.HasPrefix(uid, "m"):
		return moreLeaf, idOf(uid[1:])
	}
	return customerNode, idOf(uid)
}

// idOf is the customer ID of a customer node (0 for the others).
func idOf(uid widget.TreeNodeID) model.ID {
	n, _ := strconv.ParseInt(uid, 10, 64)
	return model.ID(n)
}

func (t *Tree) childUIDs(uid widget.TreeNodeID) []widget.TreeNodeID {
	if uid == "" {
		if t.top == 0 {
			return nil
		}
		return []widget.TreeNodeID{UID(t.top)}
	}
	kind, id := kindOf(uid)
	if kind != customerNode {
		return nil
	}
	ids := t.children[id]
	out := make([]widget.TreeNodeID, len(ids), len(ids)+len(t.accounts[id])+1)
	for i, id := range ids {
		out[i] = UID(id)
	}
	if t.showAccounts {
		for _, a := range t.accounts[id] {
			out = append(out, AccountUID(a))
		}
		if t.accountTotals[id] > len(t.accounts[id]) {
			out = append(out, "m"+UID(id))
		}
	}
	return out
}

func (t *Tree) isBranch(uid widget.TreeNodeID) bool {
	if uid == "" {
		return true
	}
	kind, id := kindOf(uid)
	r := t.rows[id]
	return kind == customerNode && (r.HasChildren || t.showAccounts && r.HasAccounts)
}

// treeRow is the template of one row: the name, the money columns and the
// red cross that deletes the row's customer.
type treeRow struct {
	icon                                    *widget.Icon
	name, balance, credit, available, total *widget.Label
	remove                                  *widgets.TapIcon
}

func (t *Tree) createRow(bool) fyne.CanvasObject {
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	money := func() *widget.Label {
		l := widget.NewLabel("")
		l.Alignment = fyne.TextAlignTrailing
		return l
	}
	total := money()
	total.TextStyle.Bold = true
	total.Hide()
	cols := container.New(&widgets.ColumnsLayout{Width: max(t.columnWidth, amountWidth)}, money(), money(), money(), total)
	remove := widgets.NewTapIcon(theme.NewErrorThemedResource(theme.CancelIcon()), nil)
	icon := widget.NewIcon(customerIcon())
	return newRowWidget(container.NewBorder(nil, nil, icon, container.NewHBox(cols, remove), name))
}

// The icons that tell customers from accounts in the tree. Functions, not
// variables: a theme icon looks up the running app, which package
// initialisation comes before.
func customerIcon() fyne.Resource { return theme.HomeIcon() }

func accountIcon() fyne.Resource { return theme.AccountIcon() }

func rowLabels(o fyne.CanvasObject) treeRow {
	border := o.(*rowWidget).content
	name := border.Objects[0].(*widget.Label)
	icon := border.Objects[1].(*widget.Icon)
	right := border.Objects[2].(*fyne.Container)
	cols := right.Objects[0].(*fyne.Container)
	return treeRow{icon: icon, name: name, balance: cols.Objects[0].(*widget.Label), credit: cols.Objects[1].(*widget.Label),
		available: cols.Objects[2].(*widget.Label), total: cols.Objects[3].(*widget.Label),
		remove: right.Objects[1].(*widgets.TapIcon)}
}

func (t *Tree) updateRow(uid widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
	switch kind, id := kindOf(uid); kind {
	case accountLeaf:
		t.updateAccountRow(uid, t.accountRows[id], o)
		return
	case moreLeaf:
		t.updateMoreRow(uid, id, o)
		return
	}
	r := t.rows[idOf(uid)]
	t.onRowTaps(uid, o, func() {
		if t.onOpen != nil {
			t.onOpen(idOf(uid))
		}
	})
	l := rowLabels(o)
	l.icon.SetResource(customerIcon())
	l.name.SetText(model.VisibleText(r.Name))
	l.name.Importance = widget.MediumImportance
	if r.Blocked {
		l.name.Importance = widget.LowImportance
	}
	l.name.Refresh()
	if t.showTotals {
		l.total.Show()
		l.total.SetText(t.totalText(r.ID))
	} else {
		l.total.Hide()
	}
	if r.IsRoot() {
		for _, m := range []*widget.Label{l.balance, l.credit, l.available} {
			m.SetText("")
		}
		l.remove.Hide()
		return
	}
	// The top of the tree is the signed-in customer: never deleted here.
	l.remove.Hidden = r.ID == t.top
	l.remove.Refresh()
	cid := r.ID
	l.remove.OnTap = func() {
		if t.onDelete != nil {
			t.onDelete(cid)
		}
	}
	t.showMoney(l, r.Currency, r.Balance, r.CreditLimit)
}

// onRowTaps makes a click select the row and a double click open it.
func (t *Tree) onRowTaps(uid widget.TreeNodeID, o fyne.CanvasObject, open func()) {
	o.(*rowWidget).onTap = func() {
		t.widget.Select(uid)
		if c := fyne.CurrentApp().Driver().CanvasForObject(t.widget); c != nil {
			c.Focus(t.widget)
		}
	}
	o.(*rowWidget).onDoubleTap = func() {
		t.widget.Select(uid)
		open()
	}
}

// updateAccountRow draws an account leaf: its icon, username and money.
func (t *Tree) updateAccountRow(uid widget.TreeNodeID, a model.Account, o fyne.CanvasObject) {
	t.onRowTaps(uid, o, func() {
		if t.onOpenAccount != nil {
			t.onOpenAccount(a)
		}
	})
	l := rowLabels(o)
	l.icon.SetResource(accountIcon())
	name := model.VisibleText(a.Username)
	if a.Description != "" {
		name += " · " + model.VisibleText(a.Description)
	}
	l.name.SetText(name)
	l.name.Importance = widget.MediumImportance
	if a.Blocked {
		l.name.Importance = widget.LowImportance
	}
	l.name.Refresh()
	l.total.Hide()
	l.remove.Hide()
	t.showMoney(l, a.Currency, a.Balance, a.CreditLimit)
}

// updateMoreRow draws the leaf that stands for the accounts not shown.
func (t *Tree) updateMoreRow(uid widget.TreeNodeID, customer model.ID, o fyne.CanvasObject) {
	t.onRowTaps(uid, o, func() {})
	l := rowLabels(o)
	l.icon.SetResource(accountIcon())
	more := t.accountTotals[customer] - len(t.accounts[customer])
	l.name.SetText(t.tr.T("… %d more accounts: see the Accounts tab", more))
	l.name.Importance = widget.LowImportance
	l.name.Refresh()
	for _, m := range []*widget.Label{l.balance, l.credit, l.available} {
		m.SetText("")
	}
	l.total.Hide()
	l.remove.Hide()
}

// showMoney fills the USD columns of a row.
func (t *Tree) showMoney(l treeRow, cur model.Currency, balance, credit decimal.Decimal) {
	_, hasRate := t.env.Rates().Rate(cur)
	show := func(l *widget.Label, amount decimal.Decimal) {
		l.SetText(widgets.USDText(t.tr, t.env.Rates(), amount, cur))
		switch {
		case !hasRate:
			l.Importance = widget.WarningImportance
		case amount.IsNegative():
			l.Importance = widget.DangerImportance
		default:
			l.Importance = widget.MediumImportance
		}
		l.Refresh()
	}
	show(l.balance, balance)
	show(l.credit, credit)
	show(l.available, balance.Add(credit))
}

// topRows is what the top of the tree is drawn from: the session's own
// customer, its children and, when shown, its first accounts.
type topRows struct {
	top   model.CustomerRow
	kids  []model.CustomerRow
	accts model.AccountPage
}

// readTop reads the top of the tree from the store. It touches none of
// the tree's maps, so it runs off the UI goroutine; showAccounts is read
// by the caller, on the UI goroutine.
func (t *Tree) readTop(ctx context.Context, showAccounts bool) (topRows, error) {
	var r topRows
	var err error
	if r.top, err = t.store.Row(ctx, t.session, t.session.CustomerID); err != nil {
		return r, err
	}
	if r.kids, err = t.store.Children(ctx, t.session, r.top.ID); err != nil {
		return r, err
	}
	if showAccounts && r.top.HasAccounts {
		r.accts, err = t.store.Accounts(ctx, t.session, r.top.ID, model.AccountQuery{Limit: TreeAccounts})
	}
	return r, err
}

// loadTop reads the top of the tree and puts it in the maps. It is the one
// way the top is loaded: the window runs it through loadTopAsync, and the
// tests and benchmarks call it directly.
func (t *Tree) loadTop(ctx context.Context) error {
	r, err := t.readTop(ctx, t.showAccounts)
	if err != nil {
		return err
	}
	t.applyTopRows(r)
	return nil
}

func (t *Tree) applyTopRows(r topRows) {
	t.applyAccounts(r.top.ID, r.accts)
	t.applyTop(r.top, r.kids)
}

// fetchAccounts reads the first account leaves of a customer when the
// tree shows accounts (nothing otherwise).
func (t *Tree) fetchAccounts(ctx context.Context, r model.CustomerRow) (model.AccountPage, error) {
	if !t.showAccounts || !r.HasAccounts {
		return model.AccountPage{}, nil
	}
	return t.store.Accounts(ctx, t.session, r.ID, model.AccountQuery{Limit: TreeAccounts})
}

func (t *Tree) applyAccounts(id model.ID, page model.AccountPage) {
	ids := make([]model.ID, len(page.Accounts))
	for i, a := range page.Accounts {
		t.accountRows[a.ID] = a
		ids[i] = a.ID
	}
	t.accounts[id], t.accountTotals[id] = ids, page.Total
}

// setShowAccounts adds or removes the account leaves, reading those of the
// open branches again.
func (t *Tree) setShowAccounts(on bool) {
	t.showAccounts = on
	t.accounts, t.accountTotals, t.accountRows = map[model.ID][]model.ID{}, map[model.ID]int{}, map[model.ID]model.Account{}
	for id := range t.children {
		if t.widget.IsBranchOpen(UID(id)) {
			t.loadAsync(id)
		} else {
			t.loaded[id], t.applied[id] = false, false
		}
	}
	t.widget.Refresh()
}

func (t *Tree) applyTop(top model.CustomerRow, kids []model.CustomerRow) {
	t.top = top.ID
	t.rows[top.ID] = top
	t.applyChildren(top.ID, kids)
	t.widget.Refresh()
	t.widget.OpenBranch(UID(top.ID))
}

// load reads the children of one customer into the maps.
func (t *Tree) load(ctx context.Context, id model.ID) error {
	kids, accts, err := t.fetch(ctx, id)
	if err != nil {
		return err
	}
	t.applyAccounts(id, accts)
	t.applyChildren(id, kids)
	t.widget.Refresh()
	return nil
}

func (t *Tree) applyChildren(id model.ID, kids []model.CustomerRow) {
	ids := make([]model.ID, len(kids))
	for i, k := range kids {
		t.rows[k.ID] = k
		ids[i] = k.ID
	}
	t.children[id] = ids
	t.loaded[id] = true
	t.applied[id] = true
}

// loadTopAsync and loadAsync read off the UI goroutine and hand the result
// back to it with fyne.Do, so a slow disk never freezes the window.
func (t *Tree) loadTopAsync() {
	show := t.showAccounts
	t.background(func() {
		r, err := t.readTop(context.Background(), show)
		fyne.Do(func() {
			if err != nil {
				t.fail(err)
				return
			}
			t.applyTopRows(r)
			t.widget.Select(UID(r.top.ID))
			if t.onTopLoaded != nil {
				t.onTopLoaded()
			}
		})
	})
}

// fetch reads a customer's children and, when shown, its account leaves.
func (t *Tree) fetch(ctx context.Context, id model.ID) ([]model.CustomerRow, model.AccountPage, error) {
	kids, err := t.store.Children(ctx, t.session, id)
	if err != nil {
		return nil, model.AccountPage{}, err
	}
	r, known := t.rows[id]
	if !known {
		r = model.CustomerRow{ID: id, HasAccounts: true}
	}
	accts, err := t.fetchAccounts(ctx, r)
	return kids, accts, err
}

func (t *Tree) loadAsync(id model.ID) {
	t.loaded[id] = true // one load per branch, even if opened twice quickly
	row := t.rows[id]   // read here: the maps belong to the UI goroutine
	show := t.showAccounts
	t.background(func() {
		ctx := context.Background()
		kids, err := t.store.Children(ctx, t.session, id)
		var accts model.AccountPage
		if err == nil && show && row.HasAccounts {
			accts, err = t.store.Accounts(ctx, t.session, id, model.AccountQuery{Limit: TreeAccounts})
		}
		fyne.Do(func() {
			if err != nil {
				t.loaded[id] = false
				t.fail(err)
				return
			}
			if show == t.showAccounts {
				t.applyAccounts(id, accts)
			}
			t.applyChildren(id, kids)
			t.widget.Refresh()
		})
	})
}

func (t *Tree) fail(err error) {
	if t.onError != nil {
		t.onError(err)
	}
}

// header returns the column titles, laid out like a row.
func (t *Tree) header() fyne.CanvasObject {
	bold := func(s string, align fyne.TextAlign) *widget.Label {
		return widget.NewLabelWithStyle(s, align, fyne.TextStyle{Bold: true})
	}
	name := bold(t.tr.T("Customer"), fyne.TextAlignLeading)
	total := bold(t.tr.T("Total (USD)"), fyne.TextAlignTrailing)
	if !t.showTotals {
		total.Hide()
	}
	// "(USD)" goes on a line of its own, so a long word (Russian's
	// "Кредитный лимит") widens its column by itself only.
	twoLines := widgets.TwoLines
	total.SetText(twoLines(total.Text))
	titles := []*widget.Label{bold(twoLines(t.tr.T("Balance (USD)")), fyne.TextAlignTrailing),
		bold(twoLines(t.tr.T("Credit limit (USD)")), fyne.TextAlignTrailing),
		bold(twoLines(t.tr.T("Available (USD)")), fyne.TextAlignTrailing), total}
	// The money columns are as wide as their widest title in the user's
	// language (German's run together at the English width), and the rows
	// drawn after this use the same width.
	t.columnWidth = amountWidth
	for _, l := range titles {
		t.columnWidth = max(t.columnWidth, l.MinSize().Width)
	}
	cols := container.New(&widgets.ColumnsLayout{Width: t.columnWidth}, titles[0], titles[1], titles[2], titles[3])
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(widgets.NewTapIcon(theme.CancelIcon(), nil).MinSize())
	t.headerTotal = total
	return container.NewBorder(nil, nil, nil, container.NewHBox(cols, spacer), name)
}

// setShowTotals shows or hides the subtree total column.
func (t *Tree) setShowTotals(on bool) {
	t.showTotals = on
	if t.headerTotal != nil {
		t.headerTotal.Hidden = !on
		t.headerTotal.Refresh()
	}
	t.widget.Refresh()
}

// subtreeTotal is the USD sum of a customer and all its descendants; ok is
// false when a currency in it has no rate.
type subtreeTotal struct {
	usd     decimal.Decimal
	ok      bool
	pending bool
}

// totalText shows a customer's subtree total, starting its computation in
// the background the first time it is asked for.
func (t *Tree) totalText(id model.ID) string {
	tot, known := t.totals[id]
	switch {
	case !known:
		t.totals[id] = subtreeTotal{pending: true}
		rates := t.env.Rates() // read here: the shell's rates belong to the UI goroutine
		t.background(func() {
			result := t.computeTotal(rates, id)
			fyne.Do(func() {
				t.totals[id] = result
				t.widget.RefreshItem(UID(id))
			})
		})
		return "…"
	case tot.pending:
		return "…"
	case !tot.ok:
		return t.tr.T("no rate")
	}
	return t.tr.Money(tot.usd, string(model.USD), model.USD.MinorUnits())
}

// computeTotal sums the subtree's balances per currency in the store and
// converts each sum to USD.
func (t *Tree) computeTotal(rates model.RateTable, id model.ID) subtreeTotal {
	sums, err := t.store.SubtreeBalances(context.Background(), t.session, id)
	if err != nil {
		return subtreeTotal{}
	}
	total := subtreeTotal{usd: decimal.Zero, ok: true}
	for _, m := range sums {
		usd, err := rates.ToUSD(m.Amount, m.Currency)
		if err != nil {
			return subtreeTotal{}
		}
		total.usd = total.usd.Add(usd)
	}
	return total
}

// refresh reads one customer's row again and, if its branch was loaded,
// its children, after the customer or its children changed. Every cached
// total may now be wrong, so they are all dropped.
func (t *Tree) refresh(id model.ID) {
	if id == 0 {
		return
	}
	ctx := context.Background()
	t.totals = map[model.ID]subtreeTotal{}
	r, err := t.store.Row(ctx, t.session, id)
	if err != nil {
		delete(t.rows, id)
	} else {
		t.rows[id] = r
	}
	if t.loaded[id] || (err == nil && (r.HasChildren || t.showAccounts && r.HasAccounts) && t.widget.IsBranchOpen(UID(id))) {
		if err := t.load(ctx, id); err != nil {
			t.fail(err)
		}
	}
	t.widget.Refresh()
}

// refreshOpen reads again the top row and the children of every open
// branch: every row on screen, after a change that may have touched any of
// them (an import or its undo, another program's writes). A closed branch
// is read again when it is next opened.
func (t *Tree) refreshOpen() {
	if t.top == 0 {
		return
	}
	ctx := context.Background()
	t.totals = map[model.ID]subtreeTotal{}
	if r, err := t.store.Row(ctx, t.session, t.top); err == nil {
		t.rows[t.top] = r
	}
	for id := range t.children {
		if !t.widget.IsBranchOpen(UID(id)) {
			t.loaded[id], t.applied[id] = false, false
			continue
		}
		if err := t.load(ctx, id); err != nil && !errors.Is(err, model.ErrNotFound) {
			t.fail(err)
			return
		}
	}
	t.widget.Refresh()
}

// refreshRow reads one customer's row again after its balance changed; its
// children are untouched. A row the tree has not loaded is not read.
func (t *Tree) refreshRow(id model.ID) {
	if _, known := t.rows[id]; !known {
		return
	}
	r, err := t.store.Row(context.Background(), t.session, id)
	if err != nil {
		t.fail(err)
		return
	}
	t.setRow(r)
}

// setRow puts a row read elsewhere (with its whole customer) in the tree.
// The subtree totals above it are now wrong, so they are all dropped.
func (t *Tree) setRow(r model.CustomerRow) {
	if _, known := t.rows[r.ID]; !known {
		return
	}
	t.rows[r.ID] = r
	t.totals = map[model.ID]subtreeTotal{}
	t.widget.Refresh()
}

// ratesChanged draws every USD figure again with the new rates; the
// subtree totals are computed again.
func (t *Tree) ratesChanged() {
	t.totals = map[model.ID]subtreeTotal{}
	t.widget.Refresh()
}

// reveal opens every branch on the way to a customer, loading what is not
// loaded yet, then selects it and scrolls to it. Fyne's Select does not
// open the way by itself.
func (t *Tree) reveal(id model.ID) {
	ctx := context.Background()
	ancestors, err := t.store.Ancestors(ctx, t.session, id)
	if err != nil {
		t.fail(err)
		return
	}
	for _, a := range ancestors {
		if !t.loaded[a] {
			if err := t.load(ctx, a); err != nil {
				t.fail(err)
				return
			}
		}
		t.widget.OpenBranch(UID(a))
	}
	t.widget.Select(UID(id))
	t.widget.ScrollTo(UID(id))
}

// NavTree is a widget.Tree whose selection follows the keyboard: a clerk
// moving with the arrow keys sees each customer's details at once, as in a
// file manager, instead of pressing Space on every row.
type NavTree struct {
	widget.Tree
	// onKey is offered every key first; it returns true when it used it.
	// Keys without a modifier (F1, F2, Delete, Enter) never reach menu
	// shortcuts in Fyne, so the window handles them here.
	onKey func(*fyne.KeyEvent) bool
	// entering is true while → is handled: a branch it opens must have its
	// children at once.
	entering bool
}

func newNavTree(childUIDs func(widget.TreeNodeID) []widget.TreeNodeID, isBranch func(widget.TreeNodeID) bool,
	create func(bool) fyne.CanvasObject, update func(widget.TreeNodeID, bool, fyne.CanvasObject)) *NavTree {
	t := &NavTree{}
	t.ChildUIDs, t.IsBranch, t.CreateNode, t.UpdateNode = childUIDs, isBranch, create, update
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey moves the focus as widget.Tree does, then selects the focused
// row (Space is how widget.Tree selects it).
func (t *NavTree) TypedKey(e *fyne.KeyEvent) {
	if t.onKey != nil && t.onKey(e) {
		return
	}
	switch e.Name {
	case fyne.KeyHome, fyne.KeyEnd:
		// widget.Tree has no Home or End; a clerk expects the first and
		// the last row in view, as in a file manager.
		if uid := t.edgeRow(e.Name == fyne.KeyEnd); uid != "" {
			t.Select(uid)
			t.ScrollTo(uid)
		}
		return
	}
	t.entering = e.Name == fyne.KeyRight
	t.Tree.TypedKey(e)
	t.entering = false
	switch e.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		t.Tree.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	}
}

// edgeRow is the first row of the tree, or the last one in view: the
// last child of each open branch, down to a closed one or a leaf.
func (t *NavTree) edgeRow(last bool) widget.TreeNodeID {
	uid := widget.TreeNodeID("")
	for {
		kids := t.ChildUIDs(uid)
		if len(kids) == 0 || (uid != "" && !t.IsBranchOpen(uid)) {
			return uid
		}
		if !last {
			return kids[0]
		}
		uid = kids[len(kids)-1]
	}
}

// rowWidget holds one row's content and tells single from double clicks:
// a click selects the row, a double click opens it (Adjust).
type rowWidget struct {
	widget.BaseWidget
	content            *fyne.Container
	onTap, onDoubleTap func()
}

func newRowWidget(content *fyne.Container) *rowWidget {
	r := &rowWidget{content: content}
	r.ExtendBaseWidget(r)
	return r
}

func (r *rowWidget) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

func (r *rowWidget) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *rowWidget) DoubleTapped(*fyne.PointEvent) {
	if r.onDoubleTap != nil {
		r.onDoubleTap()
	}
}

// Widget is the tree's widget: a widget.Tree whose selection follows the
// keyboard.
func (t *Tree) Widget() *NavTree { return t.widget }

// Row is the loaded row of a customer, if the tree has read it.
func (t *Tree) Row(id model.ID) (model.CustomerRow, bool) {
	r, ok := t.rows[id]
	return r, ok
}

// Refresh reads a customer's row again and, when its branch is loaded,
// its children.
func (t *Tree) Refresh(id model.ID) { t.refresh(id) }

// Selected is the node selected last: UID(id) for a customer.
func (t *Tree) Selected() widget.TreeNodeID { return t.selected }

// Top is the customer at the top of the tree (0 until it is loaded).
func (t *Tree) Top() model.ID { return t.top }

// TotalText is what the subtree total column shows for a customer.
func (t *Tree) TotalText(id model.ID) string { return t.totalText(id) }
