package accounts

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	_ "github.com/branchbook/branchbook/i18n/localeenv" // no locale noise from Fyne
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/ledger"
	"github.com/branchbook/branchbook/ui/widgets"
)

// shell stands for the window: it holds the accounts screens, shows one
// customer as selected, opens Maintenance on an account and, as the
// window does, shows the customer again when its accounts change.
type shell struct {
	t           *testing.T
	app         fyne.App
	win         fyne.Window
	tr          *i18n.Translator
	store       Store
	db          model.Store // the store beneath, for the ledger's screens
	session     model.Session
	rates       model.RateTable
	screens     *Screens
	shown       model.ID // the customer selected in the tree
	maintenance *ledger.Maintenance
}

// eurCustomer sets up a root with EUR = 0.92 and one EUR customer, shown,
// in English.
func eurCustomer(t *testing.T) (*shell, model.Store, model.ID) {
	return eurCustomerIn(t, i18n.English, nil)
}

// eurCustomerIn is eurCustomer in a language, with the screens on wrap's
// store when wrap is given.
func eurCustomerIn(t *testing.T, lang i18n.Lang, wrap func(model.Store) Store) (*shell, model.Store, model.ID) {
	t.Helper()
	store, err := storage.Open(filepath.Join(t.TempDir(), "accounts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ctx := context.Background()
	root := model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC"}
	sess, err := store.CreateRoot(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	eur, err := store.CreateTariff(ctx, sess, model.TariffInput{Name: "Europe", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.SetExchangeRate(ctx, sess, "EUR", decimal.RequireFromString("0.92")); err != nil {
		t.Fatal(err)
	}
	in := model.CustomerInput{Name: "Euro Client", TariffID: eur.ID, TimeZone: "UTC", WebLogin: "euro.client",
		Password: "secret pass", PasswordAgain: "secret pass", Language: "en", Balance: decimal.NewFromInt(10),
		CreditLimit: decimal.NewFromInt(20)}
	cust, err := store.CreateCustomer(ctx, sess, sess.CustomerID, in)
	if err != nil {
		t.Fatal(err)
	}
	app := test.NewTempApp(t)
	sh := &shell{t: t, app: app, win: app.NewWindow("main"), tr: i18n.New(lang), store: store, db: store, session: sess}
	if wrap != nil {
		sh.store = wrap(store)
	}
	if sh.rates, err = store.ExchangeRates(ctx, sess); err != nil {
		t.Fatal(err)
	}
	sh.win.Resize(fyne.NewSize(1240, 720))
	sh.screens = New(app, sh.env(), sh.store, sh.hooks())
	sh.win.SetContent(sh.screens.Content)
	sh.win.Show()
	sh.selectCustomer(cust.ID)
	return sh, store, cust.ID
}

func (c *shell) env() widgets.Env {
	return widgets.Env{Win: c.win, Tr: c.tr, Background: func(f func()) { f() },
		Session: func() model.Session { return c.session }, Rates: func() model.RateTable { return c.rates },
		Zone: c.zone}
}

func (c *shell) zone() *time.Location { return widgets.ZoneOfSession(c.session) }

func (c *shell) hooks() Hooks {
	return Hooks{
		Customer: func(right model.Right) (model.Customer, bool) {
			cust, err := c.store.Customer(context.Background(), c.session, c.shown)
			if err != nil || !c.session.Rights.Has(right) {
				c.t.Errorf("no customer for the action: %v", err)
				return model.Customer{}, false
			}
			return cust, true
		},
		OnMaintenance: func(a model.Account) {
			c.maintenance = ledger.ShowMaintenance(c.env(), c.db, ledger.AccountTarget(a), c.booked)
		},
		NewHistory: func() *ledger.History { return ledger.NewHistory(c.env(), c.db, c.booked) },
		OnAccountsChanged: func(customer model.ID) {
			if customer == c.shown {
				c.selectCustomer(customer)
			}
		},
		OnChanged: func(model.Account) {},
	}
}

// booked redraws an account after an entry, as the window does.
func (c *shell) booked(e model.Entry) {
	if e.Holder.IsAccount() {
		c.screens.Changed(e.Holder.Account)
	}
}

// selectCustomer shows a customer's accounts, as selecting it in the tree does.
func (c *shell) selectCustomer(id model.ID) {
	c.shown = id
	cust, err := c.store.Customer(context.Background(), c.session, id)
	if err != nil {
		c.t.Fatal(err)
	}
	c.screens.Show(cust)
}

// confirmTop presses Enter on the confirm dialog's focused button.
func confirmTop(t *testing.T, c *shell) {
	t.Helper()
	f := c.win.Canvas().Focused()
	if f == nil {
		t.Fatal("no confirm button has the focus")
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// shownTexts collects the texts drawn in o.
func shownTexts(o fyne.CanvasObject, out *[]string) {
	uitest.Walk(o, func(x fyne.CanvasObject) bool {
		switch w := x.(type) {
		case *widget.Label:
			*out = append(*out, w.Text)
		case *widget.Button:
			*out = append(*out, w.Text)
		case *widgets.KeyButton:
			*out = append(*out, w.Text)
		}
		return false
	})
}

// englishLeft returns the texts shown in English although the language
// has a translation for them.
func englishLeft(tr *i18n.Translator, texts []string) []string {
	var left []string
	for _, s := range texts {
		s = strings.TrimSpace(s)
		if s != "" && i18n.HasKey(s) && tr.T(s) != s {
			left = append(left, s)
		}
	}
	return left
}
