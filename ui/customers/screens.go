package customers

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/changes"
	"github.com/branchbook/branchbook/ui/widgets"
)

// Store is what the customer screens ask of the store.
type Store interface {
	Customer(ctx context.Context, s model.Session, id model.ID) (model.Customer, error)
	Row(ctx context.Context, s model.Session, id model.ID) (model.CustomerRow, error)
	Children(ctx context.Context, s model.Session, parent model.ID) ([]model.CustomerRow, error)
	Accounts(ctx context.Context, s model.Session, customer model.ID, q model.AccountQuery) (model.AccountPage, error)
	Ancestors(ctx context.Context, s model.Session, id model.ID) ([]model.ID, error)
	SubtreeBalances(ctx context.Context, s model.Session, id model.ID) ([]model.Money, error)
	SearchCustomers(ctx context.Context, s model.Session, query string, limit int) ([]model.CustomerHit, error)
	TariffsFor(ctx context.Context, s model.Session, parent model.ID) ([]model.Tariff, error)
	CreateCustomer(ctx context.Context, s model.Session, parent model.ID, in model.CustomerInput) (model.Customer, error)
	UpdateCustomer(ctx context.Context, s model.Session, id model.ID, in model.CustomerInput) (model.Customer, error)
	DeleteCustomer(ctx context.Context, s model.Session, id model.ID) error
	DeletedCustomers(ctx context.Context, s model.Session) ([]model.DeletedCustomer, error)
	RestoreCustomer(ctx context.Context, s model.Session, id model.ID) error
	MoveCustomer(ctx context.Context, s model.Session, id, parent model.ID) error
	StreamCustomers(ctx context.Context, s model.Session, progress func(done, total int), each func(model.ExportRow) error) error
}

// Hooks are what the customer screens leave to the shell.
type Hooks struct {
	// OnShown is told which customer the Details tab now shows, so the
	// History and Accounts tabs follow it.
	OnShown func(model.Customer)
	// OnSelectAccount is told when an account leaf is selected in the
	// tree (its customer is shown first, with the Accounts tab in front);
	// OnOpenAccount when one is double-clicked.
	OnSelectAccount func(model.Account)
	OnOpenAccount   func(model.Account)
	// OnMaintenance opens the Maintenance form of the selected customer
	// (the Details tab's button and the Adjust form's balance link).
	OnMaintenance func()
	// OnTariffs opens the Tariffs window, offered when a customer cannot
	// be added for want of a tariff.
	OnTariffs func()
	// OnKey is offered the tree's keys first (F2, Enter, Delete…); it
	// returns true when it used the key.
	OnKey func(*fyne.KeyEvent) bool
	// OnTopLoaded is told when the top rows are in, after the start.
	OnTopLoaded func()
}

// Screens are the customer screens of one signed-in session.
type Screens struct {
	env    widgets.Env
	tr     *i18n.Translator
	win    fyne.Window
	store  Store
	hooks  Hooks
	tree   *Tree
	detail *detailPane
	search *searchBar
	// shown is the customer in the Details tab.
	shown model.ID
	// leaf is the account last selected as a leaf of the tree.
	leaf model.ID
	// adjusting is the Adjust form opened last, whose balance follows
	// the entries booked from its Maintenance link.
	adjusting adjusting
}

type adjusting struct {
	id      model.ID
	balance *widget.Label
}

// New makes the customer screens over env's window. history and accounts
// are the History and Accounts tabs, which the shell owns, and more are
// the tabs after them (Calls). The screens
// subscribe to bus for changes made by other screens and other programs.
func New(env widgets.Env, store Store, bus *changes.Bus, hooks Hooks, history, accounts fyne.CanvasObject, more ...*container.TabItem) *Screens {
	s := &Screens{env: env, tr: env.Tr, win: env.Win, store: store, hooks: hooks}
	s.detail = newDetailPane(env.Tr, env.Zone(), env.Safe(s.maintenance), history, accounts, more...)
	s.tree = newTree(env, store)
	s.tree.onSelect = s.Show
	s.tree.onError = env.ShowError
	s.tree.onDelete = func(id model.ID) {
		s.tree.widget.Select(UID(id))
		s.AskDelete()
	}
	s.tree.onOpen = func(model.ID) { s.Adjust() }
	s.tree.onSelectAccount = s.selectAccount
	s.tree.onOpenAccount = func(a model.Account) {
		if hooks.OnOpenAccount != nil {
			hooks.OnOpenAccount(a)
		}
	}
	s.tree.widget.onKey = hooks.OnKey
	s.search = newSearchBar(s)
	s.subscribe(bus)
	return s
}

// subscribe redraws what the screens show when the bus says it changed.
func (s *Screens) subscribe(bus *changes.Bus) {
	bus.Booked.Subscribe(func(e model.Entry) {
		if !e.Holder.IsAccount() {
			s.balanceChanged(e.Holder.Customer)
		}
	})
	bus.AccountsChanged.Subscribe(s.Changed)
	bus.AccountChanged.Subscribe(func(a model.Account) {
		if s.tree.showAccounts {
			s.tree.refresh(a.CustomerID)
		}
	})
	bus.RatesChanged.Subscribe(func(struct{}) {
		s.tree.ratesChanged()
		s.redraw()
	})
	bus.FileChanged.Subscribe(func(struct{}) { s.reloadShown() })
}

// Content is the left side of the main window (toolbar, search, column
// titles, tree) and the right side (the detail tabs).
func (s *Screens) Content(toolbar fyne.CanvasObject) (left, right fyne.CanvasObject) {
	// The toolbar scrolls sideways rather than widen the window: its
	// labels are long in some languages.
	top := container.NewVBox(container.NewHScroll(toolbar), s.search.object(), s.tree.header())
	return container.NewBorder(top, nil, nil, nil, s.tree.widget), s.detail.content
}

// Start reads the top of the tree in the background and puts the focus
// on the tree. Once the top is read, the tree selects reselect (a customer
// shown before the screens were made again, in another language), or its
// top when reselect is 0.
func (s *Screens) Start(reselect model.ID) {
	s.tree.onTopLoaded = func() {
		if reselect != 0 {
			s.tree.reveal(reselect)
		}
		if s.hooks.OnTopLoaded != nil {
			s.hooks.OnTopLoaded()
		}
	}
	s.tree.loadTopAsync()
	s.win.Canvas().Focus(s.tree.widget)
}

// Tree is the customer tree.
func (s *Screens) Tree() *Tree { return s.tree }

// Shown is the customer in the Details tab (0 before the first).
func (s *Screens) Shown() model.ID { return s.shown }

// SelectedOrTop is the customer actions apply to: the selected one, or the
// top of the tree when nothing is selected.
func (s *Screens) SelectedOrTop() model.ID {
	if s.shown != 0 {
		return s.shown
	}
	return s.session().CustomerID
}

// Show reads a customer and shows it in the Details tab; the shell's
// History and Accounts tabs follow through OnShown.
func (s *Screens) Show(id model.ID) {
	s.shown = id
	cust, err := s.store.Customer(context.Background(), s.session(), id)
	if err != nil {
		s.detail.clear(widgets.ErrorText(s.tr, err))
		return
	}
	s.showDetails(cust)
	if s.hooks.OnShown != nil {
		s.hooks.OnShown(cust)
	}
}

func (s *Screens) showDetails(cust model.Customer) {
	sess := s.session()
	canMaintain := !cust.IsRoot() && cust.ID != sess.CustomerID && sess.Rights.Has(model.RightMaintenance)
	s.detail.show(cust, s.env.Rates(), canMaintain)
}

// balanceChanged redraws a customer whose balance changed: its row and,
// when shown, its details, from one read of the file.
func (s *Screens) balanceChanged(id model.ID) {
	if s.shown != id {
		s.tree.refreshRow(id)
		return
	}
	cust, err := s.store.Customer(context.Background(), s.session(), id)
	if err != nil {
		s.detail.clear(widgets.ErrorText(s.tr, err))
		return
	}
	s.tree.setRow(rowOf(cust))
	s.showDetails(cust)
	if s.adjusting.id == id && s.adjusting.balance != nil {
		s.adjusting.balance.SetText(widgets.NativeAndUSD(s.tr, s.env.Rates(), cust.Balance, cust.Currency))
	}
}

// Changed redraws a customer after a change to it or to its accounts: its
// row (which may now open), its details and, through OnShown, its tabs.
func (s *Screens) Changed(id model.ID) {
	s.tree.refresh(id)
	if s.shown == id {
		s.Show(id)
	}
}

// redraw shows the selected customer again, for new rates.
func (s *Screens) redraw() {
	if s.shown != 0 {
		s.Show(s.shown)
	}
}

// reloadShown reads again what is in view after the file changed under
// the window (another program, or an import or its undo that moved many
// balances at once): every open branch, one read each, and the selected
// customer.
func (s *Screens) reloadShown() {
	s.tree.refreshOpen()
	if s.shown == 0 {
		return
	}
	s.Show(s.shown)
}

// Reveal opens the way to a customer in the tree and selects it.
func (s *Screens) Reveal(id model.ID) { s.tree.reveal(id) }

// selectAccount shows an account selected in the tree: its customer, with
// the Accounts tab in front; the shell selects the account there.
func (s *Screens) selectAccount(a model.Account) {
	if s.shown != a.CustomerID {
		s.Show(a.CustomerID)
	}
	s.detail.showAccountsTab()
	s.leaf = a.ID
	if s.hooks.OnSelectAccount != nil {
		s.hooks.OnSelectAccount(a)
	}
}

// LeafAccount is the account whose leaf is selected in the tree, if one
// is: the keys and Maintenance then act on it instead of its customer.
func (s *Screens) LeafAccount() (model.ID, bool) {
	if s.leaf == 0 || s.tree.selected != AccountUID(s.leaf) {
		return 0, false
	}
	return s.leaf, true
}

// Title is the heading of the Details tab: the customer's name, or why
// none is shown.
func (s *Screens) Title() string { return s.detail.title.Text }

// SearchEntry is the search field; SearchStatus says which match of how
// many is selected.
func (s *Screens) SearchEntry() *widgets.Entry { return &s.search.entry.Entry }
func (s *Screens) SearchStatus() string        { return s.search.status.Text }

// ShowAccountsTab brings the Accounts tab to the front.
func (s *Screens) ShowAccountsTab() { s.detail.showAccountsTab() }

// OnTab has f told which tab's content comes to the front, so a tab that
// is costly to fill (Calls) reads only once it is shown.
func (s *Screens) OnTab(f func(content fyne.CanvasObject)) { s.detail.onTab = f }

// ShowTab brings the tab of content to the front (one of the more tabs).
func (s *Screens) ShowTab(content fyne.CanvasObject) {
	for _, it := range s.detail.tabs.Items {
		if it.Content == content {
			s.detail.tabs.Select(it)
		}
	}
}

// NextTab and PreviousTab step through the Details, History and Accounts
// tabs (Ctrl+Tab, Ctrl+Shift+Tab).
func (s *Screens) NextTab()     { s.detail.stepTab(1) }
func (s *Screens) PreviousTab() { s.detail.stepTab(-1) }

// FocusSearch puts the cursor in the search field (Ctrl+F).
func (s *Screens) FocusSearch() { s.win.Canvas().Focus(s.search.entry) }

// ShowsTotals and ShowsAccounts tell whether the tree shows the subtree
// total column and the account leaves; the toggles switch them.
func (s *Screens) ShowsTotals() bool   { return s.tree.showTotals }
func (s *Screens) ShowsAccounts() bool { return s.tree.showAccounts }
func (s *Screens) ToggleTotals()       { s.tree.setShowTotals(!s.tree.showTotals) }
func (s *Screens) ToggleAccounts()     { s.tree.setShowAccounts(!s.tree.showAccounts) }

// CustomerWithRight reads a customer for an action that needs right. It
// tells the user and returns false when the right is missing or the
// customer cannot be read.
func (s *Screens) CustomerWithRight(id model.ID, right model.Right) (model.Customer, bool) {
	if !s.env.Can(right) {
		s.env.ShowError(model.ErrNotPermitted)
		return model.Customer{}, false
	}
	cust, err := s.store.Customer(context.Background(), s.session(), id)
	if err != nil {
		s.env.ShowError(err)
		return model.Customer{}, false
	}
	return cust, true
}

// Export writes the CSV of the visible tree to w (the File menu's Export
// asks where first: AskExport).
func (s *Screens) Export(w io.Writer) (int, error) {
	return s.customersWriter()(context.Background(), w, nil)
}

func (s *Screens) session() model.Session { return s.env.Session() }

func (s *Screens) maintenance() {
	if s.hooks.OnMaintenance != nil {
		s.hooks.OnMaintenance()
	}
}

// rowOf is the tree row of a customer read whole.
func rowOf(c model.Customer) model.CustomerRow {
	currency := c.Currency
	if c.IsRoot() {
		currency = ""
	}
	return model.CustomerRow{ID: c.ID, ParentID: c.ParentID, Name: c.Name, Currency: currency,
		Balance: c.Balance, CreditLimit: c.CreditLimit, Blocked: c.Blocked,
		HasChildren: c.SubCustomers > 0, HasAccounts: c.Accounts > 0}
}
