package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// confirmTop presses Enter on the confirm dialog's focused button.
func confirmTop(t *testing.T, c *Controller) {
	t.Helper()
	f := c.win.Canvas().Focused()
	if f == nil {
		t.Fatal("no confirm button has the focus")
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// cellText is what the Accounts tab draws in one cell.
func cellText(p *accountsPane, row, col int) string {
	l := widget.NewLabel("")
	p.updateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

func accountByName(t *testing.T, store model.Store, c *Controller, customer model.ID, username string) model.Account {
	t.Helper()
	page, err := store.Accounts(context.Background(), c.session, customer, model.AccountQuery{Prefix: username})
	if err != nil || len(page.Accounts) != 1 {
		t.Fatalf("account %s: %+v, %v", username, page, err)
	}
	return page.Accounts[0]
}

func TestAccountThroughTheWindow(t *testing.T) {
	c, store, id := eurCustomer(t)
	c.addAccount()
	fd := openForm(c.win)
	if fd == nil {
		t.Fatal("no account form")
	}
	f := accountFields(fd)
	if f.currency.Selected != "EUR" {
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
	test.Tap(findButton(c.win, "Generate"))
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
	p := c.accounts
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
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.NewFromInt(10)) {
		t.Fatalf("the customer's balance moved to %s", got)
	}
	if cellText(p, 0, 2) != "EUR 97.00" {
		t.Fatalf("tab not redrawn: %q", cellText(p, 0, 2))
	}

	// Its history window lists both entries; reversing restores the balance.
	test.Tap(p.buttons[1])
	w := c.accountWindows[a.ID]
	if w == nil || len(w.history.Entries()) != 2 {
		t.Fatalf("history window: %+v", w)
	}
	w.history.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	fd = w.history.AskReverse()
	fd.Form.Field("reason").Input.(*widget.Entry).SetText("wrong card")
	test.Tap(fd.Save)
	if a = accountByName(t, store, c, id, "desk.phone"); !a.Balance.Equal(decimal.NewFromInt(5)) || len(w.history.Entries()) != 3 {
		t.Fatalf("after reversal: balance %s, %d entries shown", a.Balance, len(w.history.Entries()))
	}

	// Adjust: blocked; Delete: gone from the tab, history kept.
	c.adjustAccount(a)
	openForm(c.win).Form.Field("blocked").Input.(*widget.Check).SetChecked(true)
	test.Tap(openForm(c.win).Save)
	if a = accountByName(t, store, c, id, "desk.phone"); !a.Blocked || cellText(p, 0, 6) != "Yes" {
		t.Fatalf("not blocked: %+v", a)
	}
	c.askDeleteAccount(a)
	confirmTop(t, c)
	if p.total != 0 {
		t.Fatalf("%d accounts after delete", p.total)
	}
	// Accounts → Deleted accounts…: Enter restores it, with its balance.
	c.showDeletedAccounts()
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
	p := c.accounts
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

func TestTreeShowsAccountLeaves(t *testing.T) {
	c, store, id := eurCustomer(t)
	ctx := context.Background()
	if _, err := store.GenerateCards(ctx, c.session, id, model.CardBatch{Count: treeAccounts + 3, Prefix: "leaf", Digits: 4,
		PINLength: 4, Currency: "EUR"}, nil); err != nil {
		t.Fatal(err)
	}
	c.tree.refresh(id)
	uid := uidOf(id)
	if c.tree.isBranch(uid) || len(c.tree.childUIDs(uid)) != 0 {
		t.Fatal("accounts shown before the toggle")
	}
	c.background = func(f func()) { f() }
	c.tree.background = c.background
	c.toggleAccounts()
	c.tree.widget.OpenBranch(uid)
	c.tree.refresh(id)
	kids := c.tree.childUIDs(uid)
	if !c.tree.isBranch(uid) || len(kids) != treeAccounts+1 || kids[0] != accountUID(c.tree.accounts[id][0]) || kids[treeAccounts] != "m"+uid {
		t.Fatalf("%d leaves, first %v, last %v", len(kids), kids[0], kids[len(kids)-1])
	}
	// Selecting a leaf shows its customer with the account selected.
	c.tree.widget.Select(kids[1])
	if c.shown != id || c.accounts.selected != 1 {
		t.Fatalf("shown %d, selected row %d", c.shown, c.accounts.selected)
	}
	// With the leaf selected, Ctrl+M and F2 act on the account.
	c.showMaintenance()
	if c.maintenance.Target.Holder != model.AccountLedger(c.tree.accounts[id][1]) {
		t.Fatalf("Maintenance on %+v, not the selected leaf", c.maintenance.Target.Holder)
	}
	c.maintenance.Dialog.Dialog.Hide()
	c.plainKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	if fd := openForm(c.win); fd == nil || accountFields(fd).username.Text != c.tree.accountRows[c.tree.accounts[id][1]].Username {
		t.Fatal("F2 on a leaf did not open its account")
	}
	openForm(c.win).Dialog.Hide()
	c.tree.widget.Select(uid)
	c.showMaintenance()
	if c.maintenance.Target.Holder != model.CustomerLedger(id) {
		t.Fatal("Maintenance after selecting the customer again is not the customer's")
	}
	c.maintenance.Dialog.Dialog.Hide()
	c.toggleAccounts()
	if len(c.tree.childUIDs(uid)) != 0 {
		t.Fatal("leaves left after the toggle")
	}
}

// accountInputs are the inputs of an account form, found by their keys.
type accountInputs struct {
	username, password, again, balance, expires *widget.Entry
	currency                                    *widget.Select
}

func accountFields(fd *widgets.FormDialog) accountInputs {
	entry := func(key string) *widget.Entry {
		switch in := fd.Form.Field(key).Input.(type) {
		case *widget.Entry:
			return in
		case *fyne.Container: // the password, with its Generate button
			for _, o := range in.Objects {
				if e, ok := o.(*widget.Entry); ok {
					return e
				}
			}
		}
		return widget.NewEntry()
	}
	return accountInputs{username: entry("username"), password: entry("password"), again: entry("password_again"),
		balance: entry("balance"), expires: entry("expires"), currency: fd.Form.Field("currency").Input.(*widget.Select)}
}
