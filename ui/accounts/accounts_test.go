package accounts

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// cellText is what the Accounts tab draws in one cell.
func cellText(p *accountsPane, row, col int) string {
	l := widget.NewLabel("")
	p.updateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

func accountByName(t *testing.T, store model.Store, c *shell, customer model.ID, username string) model.Account {
	t.Helper()
	page, err := store.Accounts(context.Background(), c.session, customer, model.AccountQuery{Prefix: username})
	if err != nil || len(page.Accounts) != 1 {
		t.Fatalf("account %s: %+v, %v", username, page, err)
	}
	return page.Accounts[0]
}

func TestAccountThroughTheWindow(t *testing.T) {
	c, store, id := eurCustomer(t)
	c.screens.Add()
	fd := uitest.OpenForm(c.win)
	if fd == nil {
		t.Fatal("no account form")
	}
	f := accountFields(fd)
	if f.currency.Text != "EUR" {
		t.Fatal("no account form with the customer's currency")
	}
	// Every problem at once, and nothing saved.
	f.username.SetText("two words")
	f.password.SetText("short")
	f.again.SetText("short")
	f.balance.SetText("1.2.3")
	f.expires.SetText("31.31.2031")
	test.Tap(fd.Save)
	for _, key := range []string{"username", "password", "balance", "expires"} {
		if fd.Form.ErrorText(key) == "" {
			t.Errorf("no error under %s", key)
		}
	}
	if page, _ := store.Accounts(context.Background(), c.session, id, model.AccountQuery{}); page.Total != 0 {
		t.Fatalf("%d accounts after a refused form", page.Total)
	}
	f.username.SetText("desk.phone")
	test.Tap(uitest.Button(c.win, "Generate"))
	pass := f.password.Text
	if len(pass) != 12 || f.again.Text != pass || !strings.Contains(fd.Form.Field("password").Hint.Text, pass) {
		t.Fatalf("generated password %q, hint %q", pass, fd.Form.Field("password").Hint.Text)
	}
	f.balance.SetText("5")
	f.expires.SetText("2031-12-31")
	test.Tap(fd.Save)
	if msg := fd.Form.ErrorText(""); msg != "" {
		t.Fatal(msg)
	}
	a := accountByName(t, store, c, id, "desk.phone")
	if !a.Balance.Equal(decimal.NewFromInt(5)) || a.ExpiresAt.Format("2006-01-02") != "2032-01-01" {
		t.Fatalf("saved %+v", a)
	}
	p := c.screens.pane
	if p.total != 1 || cellText(p, 0, 0) != "desk.phone" || cellText(p, 0, 2) != "EUR 5.00" || cellText(p, 0, 7) != "2031-12-31" {
		t.Fatalf("tab shows %d rows: %q %q %q", p.total, cellText(p, 0, 0), cellText(p, 0, 2), cellText(p, 0, 7))
	}

	// Maintenance on the account: the shared dialog, 100 USD in EUR.
	p.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(p.buttons[0])
	m := c.maintenance
	if m == nil || m.Target.Holder != model.AccountLedger(a.ID) {
		t.Fatal("no Maintenance dialog for the account")
	}
	m.Currency.SetSelected("USD")
	m.Amount.SetText("100")
	test.Tap(m.Dialog.Save)
	a = accountByName(t, store, c, id, "desk.phone")
	if !a.Balance.Equal(decimal.NewFromInt(97)) {
		t.Fatalf("account balance %s after 100 USD", a.Balance)
	}
	if cust, err := store.Customer(context.Background(), c.session, id); err != nil || !cust.Balance.Equal(decimal.NewFromInt(10)) {
		t.Fatalf("the customer's balance moved to %s (%v)", cust.Balance, err)
	}
	if cellText(p, 0, 2) != "EUR 97.00" {
		t.Fatalf("tab not redrawn: %q", cellText(p, 0, 2))
	}

	// Its history window lists both entries; reversing restores the balance.
	test.Tap(p.buttons[1])
	w := c.screens.windows[a.ID]
	if w == nil || len(w.history.Entries()) != 2 {
		t.Fatalf("history window: %+v", w)
	}
	w.history.List.Select(0)
	fd = w.history.AskReverse()
	fd.Form.Field("reason").Input.(*widgets.Entry).SetText("wrong card")
	test.Tap(fd.Save)
	if a = accountByName(t, store, c, id, "desk.phone"); !a.Balance.Equal(decimal.NewFromInt(5)) || len(w.history.Entries()) != 3 {
		t.Fatalf("after reversal: balance %s, %d entries shown", a.Balance, len(w.history.Entries()))
	}

	// Adjust: blocked; Delete: gone from the tab, history kept.
	c.screens.Adjust(a)
	uitest.OpenForm(c.win).Form.Field("blocked").Input.(*widgets.Check).SetChecked(true)
	test.Tap(uitest.OpenForm(c.win).Save)
	if a = accountByName(t, store, c, id, "desk.phone"); !a.Blocked || cellText(p, 0, 6) != "Yes" {
		t.Fatalf("not blocked: %+v", a)
	}
	c.screens.AskDelete(a)
	confirmTop(t, c)
	if p.total != 0 {
		t.Fatalf("%d accounts after delete", p.total)
	}
	// Accounts → Deleted accounts…: Enter restores it, with its balance.
	c.screens.ShowDeleted()
	confirmTop(t, c)
	if p.total != 1 || cellText(p, 0, 0) != "desk.phone" || cellText(p, 0, 2) != "EUR 5.00" {
		t.Fatalf("after restore: %d accounts, %q %q", p.total, cellText(p, 0, 0), cellText(p, 0, 2))
	}
}

func TestAccountsTabPagesAndSorts(t *testing.T) {
	c, store, id := eurCustomer(t)
	ctx := context.Background()
	if _, err := store.GenerateCards(ctx, c.session, id, model.CardBatch{Count: 450, Prefix: "tab", Digits: 4,
		PINLength: 4, Currency: "EUR", Balance: decimal.NewFromInt(1)}, nil); err != nil {
		t.Fatal(err)
	}
	c.selectCustomer(id)
	p := c.screens.pane
	if p.total != 450 || len(p.pages) != 1 || cellText(p, 0, 0) != "tab0001" {
		t.Fatalf("%d accounts, %d pages read, first %q", p.total, len(p.pages), cellText(p, 0, 0))
	}
	// Drawing the last row reads its page only.
	if cellText(p, 449, 0) != "tab0450" || len(p.pages) != 2 {
		t.Fatalf("last row %q, %d pages read", cellText(p, 449, 0), len(p.pages))
	}
	p.desc.SetChecked(true)
	if cellText(p, 0, 0) != "tab0450" {
		t.Fatalf("descending starts with %q", cellText(p, 0, 0))
	}
	p.filter.SetText("TAB01")
	if p.total != 100 || cellText(p, 0, 0) != "tab0199" {
		t.Fatalf("filter: %d accounts, first %q", p.total, cellText(p, 0, 0))
	}
}

// accountInputs are the inputs of an account form, found by their keys.
type accountInputs struct {
	username, password, again, balance, expires *widget.Entry
	currency                                    *widgets.SearchEntry
}

func accountFields(fd *widgets.FormDialog) accountInputs {
	f := fd.Form
	return accountInputs{username: f.Entry("username"), password: f.Entry("password"), again: f.Entry("password_again"),
		balance: f.Entry("balance"), expires: f.Entry("expires"), currency: f.Field("currency").Input.(*widgets.SearchEntry)}
}

// Screens built again over the same session (rights changed elsewhere)
// keep the History windows open before: redrawn after a change, closed
// with the session, never opened twice.
func TestRebuiltScreensKeepHistoryWindows(t *testing.T) {
	c, store, id := eurCustomer(t)
	a, err := store.CreateAccount(context.Background(), c.session, id, model.AccountInput{Username: "kept.window",
		Password: "secret pass", PasswordAgain: "secret pass", Currency: "EUR", Balance: decimal.NewFromInt(3)})
	if err != nil {
		t.Fatal(err)
	}
	c.screens.showHistory(a)
	w := c.screens.windows[a.ID]
	old := c.screens
	c.screens = New(c.app, c.env(), c.store, c.hooks())
	c.screens.KeepWindows(old)
	c.screens.showHistory(a)
	if len(c.screens.windows) != 1 || c.screens.windows[a.ID] != w {
		t.Fatal("the History window was not kept, or a second one opened")
	}
	if _, err := store.AddEntry(context.Background(), c.session, model.AccountLedger(a.ID),
		model.EntryInput{Kind: model.EntryAddFunds, Amount: decimal.NewFromInt(2), Currency: "EUR", Key: "kept-window-1"}); err != nil {
		t.Fatal(err)
	}
	c.screens.Changed(a.ID)
	if !strings.Contains(w.title.Text, "EUR 5.00") {
		t.Fatalf("kept window not redrawn: %q", w.title.Text)
	}
	c.screens.CloseWindows()
	if len(old.windows) != 0 {
		t.Fatal("a kept window outlived the session")
	}
}
