package accounts

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/ledger"
	"github.com/branchbook/branchbook/ui/widgets"
)

// Store is what the accounts screens ask of the store.
type Store interface {
	Customer(ctx context.Context, s model.Session, id model.ID) (model.Customer, error)
	TariffsFor(ctx context.Context, s model.Session, parent model.ID) ([]model.Tariff, error)
	Accounts(ctx context.Context, s model.Session, customer model.ID, q model.AccountQuery) (model.AccountPage, error)
	Account(ctx context.Context, s model.Session, id model.ID) (model.Account, error)
	CreateAccount(ctx context.Context, s model.Session, customer model.ID, in model.AccountInput) (model.Account, error)
	UpdateAccount(ctx context.Context, s model.Session, id model.ID, in model.AccountInput) (model.Account, error)
	DeleteAccount(ctx context.Context, s model.Session, id model.ID) error
	DeletedAccounts(ctx context.Context, s model.Session, customer model.ID, limit int) ([]model.DeletedAccount, error)
	RestoreAccount(ctx context.Context, s model.Session, id model.ID) error
	GenerateCards(ctx context.Context, s model.Session, customer model.ID, b model.CardBatch,
		progress func(done, total int)) ([]model.Card, error)
	Info() model.StoreInfo
}

// Hooks are what the accounts screens leave to the shell.
type Hooks struct {
	// Customer is the customer the account actions act on (the one
	// selected in the tree) when the session holds right on it; when it
	// does not, Customer has said why and returns false.
	Customer func(right model.Right) (model.Customer, bool)
	// OnMaintenance opens the Maintenance form of an account.
	OnMaintenance func(model.Account)
	// NewHistory makes the history pane of an account's History window,
	// its reversals wired to redraw the balances.
	NewHistory func() *ledger.History
	// OnAccountsChanged is told after accounts of a customer were added,
	// deleted or restored: its row, details and Accounts tab (Show) need
	// drawing again.
	OnAccountsChanged func(customer model.ID)
	// OnChanged is told after one account changed, for its leaf in the
	// tree.
	OnChanged func(model.Account)
}

// Screens are the accounts screens of one signed-in session: the
// Accounts tab, the account forms, the History windows of accounts and
// the prepaid cards dialog.
type Screens struct {
	env   widgets.Env
	tr    *i18n.Translator
	win   fyne.Window
	app   fyne.App
	store Store
	hooks Hooks
	pane  *accountsPane
	// windows are the open History windows of accounts, by account.
	windows map[model.ID]*historyWindow
	// Content is the Accounts tab, for the detail pane.
	Content fyne.CanvasObject
}

// New makes the accounts screens over env's window; History windows are
// windows of app.
func New(app fyne.App, env widgets.Env, store Store, hooks Hooks) *Screens {
	s := &Screens{env: env, tr: env.Tr, win: env.Win, app: app, store: store, hooks: hooks,
		windows: map[model.ID]*historyWindow{}}
	s.pane = newAccountsPane(s)
	s.Content = s.pane.content
	return s
}

// KeepWindows takes over the History windows open in old, screens of the
// same session built again (after its rights changed elsewhere): they stay
// open, are redrawn after changes and are closed with the session.
func (s *Screens) KeepWindows(old *Screens) { s.windows = old.windows }

// Show switches the Accounts tab to a customer's accounts, keeping the
// selected account when the customer stays.
func (s *Screens) Show(cust model.Customer) { s.pane.show(cust) }

// Select selects an account in the Accounts tab.
func (s *Screens) Select(id model.ID) { s.pane.selectAccount(id) }

// Selected is the account selected in the Accounts tab, if one is.
func (s *Screens) Selected() (model.Account, bool) { return s.pane.selectedAccount() }

func (s *Screens) session() model.Session { return s.env.Session() }

func (s *Screens) zone() *time.Location { return s.env.Zone() }

func (s *Screens) guard(f func()) func() { return s.env.Safe(f) }

func (s *Screens) background(f func()) { s.env.Async(f) }

func (s *Screens) showError(err error) { s.env.ShowError(err) }

// currenciesFrom lists the currencies a new account or card may be kept
// in, its customer's first.
func (s *Screens) currenciesFrom(first model.Currency) []string {
	return widgets.Currencies(s.env.Rates(), first)
}

func decimalInt(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }
