package ui

import (
	"context"
	"log"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/access"
	"github.com/branchbook/branchbook/ui/accounts"
	"github.com/branchbook/branchbook/ui/calls"
	"github.com/branchbook/branchbook/ui/changes"
	"github.com/branchbook/branchbook/ui/customers"
	"github.com/branchbook/branchbook/ui/invoices"
	"github.com/branchbook/branchbook/ui/ledger"
	"github.com/branchbook/branchbook/ui/tariffs"
	"github.com/branchbook/branchbook/ui/widgets"
)

// Preference keys the window keeps between runs.
const (
	PrefLastDatabase = "database.last"
	prefWidth        = "window.width"
	prefHeight       = "window.height"
)

// Options are what the window needs from the program that starts it.
type Options struct {
	// Version is shown in Help → About.
	Version string
	// Open opens or creates the database at path (File → New / Open).
	Open func(path string) (model.Store, error)
	// Restore replaces the database at path by a checked copy of backup
	// and returns where the replaced file was kept. The store on path is
	// closed first.
	Restore func(path, backup string) (kept string, err error)
	// WatchFile makes the window poll the file and show changes made by
	// other windows or programs.
	WatchFile bool
	// Trace, when set, is told of each step of the start (window shown,
	// signed in, tree rows drawn), for --trace-startup.
	Trace func(step string)
}

// Controller owns the main window: it decides whether to show the setup or
// the customers, builds the menus, and switches between database files.
type Controller struct {
	app     fyne.App
	win     fyne.Window
	opts    Options
	store   model.Store
	session model.Session
	tr      *i18n.Translator

	// background runs slow work off the UI goroutine; tests make it
	// synchronous.
	background func(func())

	setup *access.Setup
	// bus carries the changes of the signed-in session to every pane.
	bus       *changes.Bus
	customers *customers.Screens
	tariffs   *tariffs.Window
	exchange  *tariffs.ExchangeWindow
	// rates are the exchange rates in force for the session: the one
	// copy every screen reads, through its Env.
	rates model.RateTable
	// history is the History tab of the detail pane.
	history *ledger.History
	// accounts are the Accounts tab of the detail pane, the account forms
	// and the accounts' History windows.
	accounts *accounts.Screens
	// maintenance is the Maintenance form opened last; at most one is
	// open, since shortcuts do nothing over a dialog.
	maintenance *ledger.Maintenance
	// payments is the payments report open now.
	payments *ledger.Payments
	// vouchers is the Vouchers window opened last.
	vouchers *accounts.Vouchers
	// calls is the Calls tab of the detail pane; importer the import
	// flow; imports and margin the Reports windows open now.
	calls    *calls.Tab
	importer *calls.Importer
	imports  *calls.Imports
	margin   *calls.Margin
	// invoiceList is Reports → Invoices, open now.
	invoiceList *invoices.List
	// company, statement, draft and batch are the invoice dialogs opened
	// last (tests reach their fields through them).
	company   *invoices.CompanyForm
	statement *invoices.Statement
	draft     *invoices.Draft
	batch     *invoices.Batch
	signin    *access.SignIn
	watching  bool
	// reselect is the customer to select again once the tree's first rows
	// are drawn (after a change of language), instead of the top.
	reselect model.ID
}

// NewController makes the main window for store. Call Show, then run the app.
func NewController(a fyne.App, store model.Store, opts Options) *Controller {
	c := &Controller{app: a, opts: opts, store: store, tr: i18n.New(i18n.FromEnvironment()),
		background: func(f func()) { go f() }}
	c.languageChanged()
	c.win = a.NewWindow("Branchbook")
	// The remembered size, kept to a 1920×1080 screen until Show can ask
	// the real one (fitToScreen).
	prefs := a.Preferences()
	c.win.Resize(windowSize(prefs.FloatWithFallback(prefWidth, defaultWidth),
		prefs.FloatWithFallback(prefHeight, defaultHeight), fyne.Size{}))
	c.win.SetMaster()
	c.win.SetCloseIntercept(func() {
		c.rememberSize()
		c.win.Close()
	})
	return c
}

// env is what a dialog over win needs: the language, the guard against
// panics and the way to run a write in the background.
func (c *Controller) env(win fyne.Window) widgets.Env {
	return widgets.Env{Win: win, Tr: c.tr, Guard: c.guard, Background: func(f func()) { c.background(f) },
		Session: func() model.Session { return c.session }, Rates: func() model.RateTable { return c.rates },
		Zone: c.zone}
}

// Window returns the main window.
func (c *Controller) Window() fyne.Window { return c.win }

// Store returns the database the window is showing now; the program closes
// it after the app stops.
func (c *Controller) Store() model.Store { return c.store }

// Show puts the right screen in the window and shows it.
func (c *Controller) Show() {
	c.showStart()
	c.win.Show()
	c.fitToScreen()
	c.trace("window shown")
}

// trace reports a step of the start when Options.Trace asks for it.
func (c *Controller) trace(step string) {
	if c.opts.Trace != nil {
		c.opts.Trace(step)
	}
}

// Quit remembers the window's size and stops the app. Closing the database
// is left to the program, after the app has stopped drawing.
func (c *Controller) Quit() {
	c.rememberSize()
	c.app.Quit()
}

func (c *Controller) rememberSize() {
	size := c.win.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		c.app.Preferences().SetFloat(prefWidth, float64(size.Width))
		c.app.Preferences().SetFloat(prefHeight, float64(size.Height))
	}
}

func (c *Controller) showStart() {
	c.win.SetTitle("Branchbook — " + filepath.Base(c.store.Info().Path))
	c.closeToolWindows()
	c.customers, c.setup, c.reselect = nil, nil, 0
	ctx := context.Background()
	needs, err := c.store.NeedsSetup(ctx)
	if err != nil {
		c.showFailure(err)
		return
	}
	if needs {
		c.showSetup(model.RootInput{Language: string(c.tr.Lang()), TimeZone: i18n.LocalZone(), FirstTariff: "yes"})
		return
	}
	c.showSignIn()
}

func (c *Controller) useSession(s model.Session) {
	c.session = s
	if l, ok := i18n.Parse(s.Language); ok {
		c.tr = i18n.New(l)
		c.languageChanged()
	}
}

func (c *Controller) showMain() {
	c.setMenu(true)
	c.bus = &changes.Bus{}
	c.loadRates()
	c.history = c.newHistory()
	c.accounts = c.newAccounts()
	c.bus.Booked.Subscribe(c.accountBooked)
	c.customers = c.newCustomers()
	left, right := c.customers.Content(c.toolbar())
	split := container.NewHSplit(left, right)
	split.SetOffset(0.56)
	c.win.SetContent(split)
	c.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		// With a dialog open, keys belong to it, never to the tree's actions.
		if c.win.Canvas().Overlays().Top() == nil {
			c.guard(func() { c.plainKey(e) })()
		}
	})
	c.customers.Start(c.reselect)
	c.reselect = 0
	c.watch()
}

// leafAccount is the account whose leaf is selected in the tree, if one
// is: the keys and Maintenance then act on it instead of its customer.
func (c *Controller) leafAccount() (model.Account, bool) {
	if c.customers == nil {
		return model.Account{}, false
	}
	id, ok := c.customers.LeafAccount()
	if !ok {
		return model.Account{}, false
	}
	a, err := c.store.Account(context.Background(), c.session, id)
	return a, err == nil
}

// zone is the signed-in customer's time zone, in which times are shown.
func (c *Controller) zone() *time.Location { return widgets.ZoneOfSession(c.session) }

// loadRates reads the exchange rates in force and hands them to the tree.
func (c *Controller) loadRates() {
	rates, err := c.store.ExchangeRates(context.Background(), c.session)
	if err != nil {
		c.showError(err)
		return
	}
	c.rates = rates
}

// ratesChanged redraws everything that shows money in USD after a rate or
// tariff changed.
func (c *Controller) ratesChanged() {
	c.loadRates()
	if c.bus != nil {
		c.bus.RatesChanged.Publish(struct{}{})
	}
	if c.exchange != nil {
		c.exchange.Reload()
	}
}

// closeToolWindows closes the Tariffs and Exchange Rates windows, which
// belong to the database and session being left.
func (c *Controller) closeToolWindows() {
	if c.tariffs != nil {
		c.tariffs.Win.Close()
		c.tariffs = nil
	}
	if c.exchange != nil {
		c.exchange.Win.Close()
		c.exchange = nil
	}
	if c.payments != nil {
		c.payments.Win.Close()
		c.payments = nil
	}
	if c.accounts != nil {
		c.accounts.CloseWindows()
	}
	c.closeCallWindows()
	c.closeInvoiceWindows()
}

// showFailure replaces the window's content with an explanation, for a file
// that opened but cannot be read.
func (c *Controller) showFailure(err error) {
	log.Printf("branchbook: %v", err)
	c.setMenu(false)
	msg := widget.NewLabel(widgets.ErrorText(c.tr, err))
	msg.Wrapping = fyne.TextWrapWord
	c.win.SetContent(container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 520}, msg)))
}

// switchTo opens the database at path and, if that works, shows it in place
// of the current one. If it fails, the current database stays open.
func (c *Controller) switchTo(path string) {
	if c.opts.Open == nil {
		return
	}
	next, err := c.opts.Open(path)
	if err != nil {
		c.showError(err)
		return
	}
	if err := c.store.Close(); err != nil {
		log.Printf("branchbook: closing %s: %v", c.store.Info().Path, err)
	}
	c.store = next
	c.app.Preferences().SetString(PrefLastDatabase, next.Info().Path)
	c.showStart()
}

// plainKey handles the keys without a modifier that Fyne does not route to
// menu shortcuts. It returns true when it used the key.
func (c *Controller) plainKey(e *fyne.KeyEvent) bool {
	switch e.Name {
	case fyne.KeyF1:
		c.showAbout()
	case fyne.KeyF2, fyne.KeyReturn, fyne.KeyEnter:
		if a, ok := c.leafAccount(); ok {
			c.accounts.Adjust(a)
		} else {
			c.adjustCustomer()
		}
	case fyne.KeyDelete:
		if a, ok := c.leafAccount(); ok {
			c.accounts.AskDelete(a)
		} else {
			c.askDeleteCustomer()
		}
	default:
		return false
	}
	return true
}
