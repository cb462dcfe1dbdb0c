package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/customers"
	"github.com/branchbook/branchbook/ui/widgets"
)

// eurCustomer sets up a root with EUR = 0.92 and one EUR customer, shown.
func eurCustomer(t *testing.T) (*Controller, model.Store, model.ID) {
	t.Helper()
	c, store := setUpRoot(t, "")
	ctx := context.Background()
	eur, err := store.CreateTariff(ctx, c.session, model.TariffInput{Name: "Europe", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.SetExchangeRate(ctx, c.session, "EUR", decimal.RequireFromString("0.92")); err != nil {
		t.Fatal(err)
	}
	c.ratesChanged()
	in := model.CustomerInput{Name: "Euro Client", TariffID: eur.ID, TimeZone: "UTC", WebLogin: "euro.client",
		Password: "secret pass", PasswordAgain: "secret pass", Language: "en", Balance: decimal.NewFromInt(10),
		CreditLimit: decimal.NewFromInt(20)}
	cust, err := store.CreateCustomer(ctx, c.session, c.session.CustomerID, in)
	if err != nil {
		t.Fatal(err)
	}
	c.customers.Tree().Refresh(c.session.CustomerID)
	c.customers.Reveal(cust.ID)
	return c, store, cust.ID
}

func balanceOf(t *testing.T, store model.Store, c *Controller, id model.ID) decimal.Decimal {
	t.Helper()
	cust, err := store.Customer(context.Background(), c.session, id)
	if err != nil {
		t.Fatal(err)
	}
	return cust.Balance
}

func TestMaintenanceSaveKeepsTheDialogOpen(t *testing.T) {
	c, store, id := eurCustomer(t)
	c.showMaintenance()
	m := c.maintenance
	if m == nil || m.Currency.Text != "EUR" {
		t.Fatal("no Maintenance dialog for the EUR customer")
	}
	// 100 USD to a EUR customer: the dialog shows the EUR amount and rate.
	m.Currency.SetSelected("USD")
	m.Amount.SetText("100")
	if hint := m.Dialog.Form.Field("amount").Hint.Text; !strings.Contains(hint, "EUR 92.00") || !strings.Contains(hint, "0.92") {
		t.Fatalf("preview %q", hint)
	}
	test.Tap(m.Dialog.SaveOnly)
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.NewFromInt(102)) {
		t.Fatalf("balance %s after Add Funds 100 USD", got)
	}
	if m.Amount.Text != "" || !strings.Contains(m.Status.Text, "Saved") {
		t.Fatalf("the form was not cleared for the next entry: %q %q", m.Amount.Text, m.Status.Text)
	}
	// A second entry from the same dialog, then Save & Close.
	m.Action.SetSelectedIndex(1) // Credit
	m.Currency.SetSelected("EUR")
	m.Amount.SetText("3.5")
	test.Tap(m.Dialog.Save)
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.RequireFromString("105.5")) {
		t.Fatalf("balance %s after the credit", got)
	}
	entries, err := store.Entries(context.Background(), c.session, model.CustomerLedger(id), model.EntryFilter{})
	if err != nil || len(entries) != 3 {
		t.Fatalf("%d entries: %v", len(entries), err)
	}
	// The tree and the History tab show the new state.
	if !rowOf(c, id).Balance.Equal(decimal.RequireFromString("105.5")) || len(c.history.Entries()) != 3 {
		t.Fatalf("tree balance %s, history rows %d", rowOf(c, id).Balance, len(c.history.Entries()))
	}
}

func TestMaintenanceNeverBooksAFormTwice(t *testing.T) {
	c, store, id := eurCustomer(t)
	c.showMaintenance()
	m := c.maintenance
	m.Amount.SetText("7")
	// The write runs in the background: hold it, as a slow disk would.
	var held []func()
	c.background = func(f func()) { held = append(held, f) }
	m.Dialog.Submit(false)
	if !m.Dialog.Busy() || !m.Dialog.SaveOnly.Disabled() || !m.Dialog.Save.Disabled() {
		t.Fatal("the buttons were not disabled while saving")
	}
	// A second click and an Enter while the first save runs do nothing.
	test.Tap(m.Dialog.SaveOnly)
	m.Dialog.Submit(true)
	if len(held) != 1 {
		t.Fatalf("%d writes started from one form", len(held))
	}
	held[0]()
	if m.Dialog.Busy() || m.Dialog.Save.Disabled() {
		t.Fatal("the form stayed busy after the write")
	}
	// The next filled-in form, its write run twice (a retry), books once:
	// the form's key.
	m.Amount.SetText("7")
	write, err := m.Read()
	if err != nil {
		t.Fatal(err)
	}
	if err := write(); err != nil {
		t.Fatal(err)
	}
	if err := write(); err != nil {
		t.Fatal(err)
	}
	entries, err := store.Entries(context.Background(), c.session, model.CustomerLedger(id), model.EntryFilter{Kinds: []model.EntryKind{model.EntryAddFunds}})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("%d entries from two filled-in forms, one of them written twice", len(entries))
	}
}

func TestMaintenanceValidatesAndWarnsOnDebit(t *testing.T) {
	c, store, id := eurCustomer(t)
	c.showMaintenance()
	m := c.maintenance
	for text, want := range map[string]string{
		"":          "This field is required.",
		"0":         "Enter an amount greater than 0.",
		"-3":        "Enter an amount greater than 0.",
		"1e3":       "Enter a number, for example 1,234.56.",
		"1,5":       "This number could be read two ways; write it like 1,234.56.",
		"0.0000001": "Use at most 6 decimal places.",
	} {
		m.Amount.SetText(text)
		test.Tap(m.Dialog.SaveOnly)
		if got := m.Dialog.Form.ErrorText("amount"); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.NewFromInt(10)) {
		t.Fatalf("a refused entry changed the balance to %s", got)
	}
	// Available is 30: a debit of 50 asks first and books nothing yet.
	m.Action.SetSelectedIndex(2)
	m.Amount.SetText("50")
	test.Tap(m.Dialog.SaveOnly)
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.NewFromInt(10)) {
		t.Fatal("the debit was booked without asking")
	}
	// Confirmed, it books.
	confirmTop(t, c)
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.NewFromInt(-40)) {
		t.Fatalf("balance %s after the confirmed debit", got)
	}
}

func TestReverseFromHistoryAndExport(t *testing.T) {
	c, store, id := eurCustomer(t)
	ctx := context.Background()
	e, err := store.AddEntry(ctx, c.session, model.CustomerLedger(id), model.EntryInput{Kind: model.EntryAddFunds, Amount: decimal.NewFromInt(40),
		Currency: "EUR", Notes: "=cmd|' /C calc'!A0", Key: "k"})
	if err != nil {
		t.Fatal(err)
	}
	c.customers.Show(id)
	h := c.history
	if len(h.Entries()) != 2 || h.Entries()[0].ID != e.ID {
		t.Fatalf("history %+v", h.Entries())
	}
	h.List.Select(0)
	fd := h.AskReverse()
	test.Tap(fd.Save)
	if fd.Form.ErrorText("reason") != "This field is required." {
		t.Fatalf("reason error %q", fd.Form.ErrorText("reason"))
	}
	fd.Form.Field("reason").Input.(*widgets.Entry).SetText("paid twice")
	test.Tap(fd.Save)
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.NewFromInt(10)) {
		t.Fatalf("balance %s after the reversal", got)
	}
	if len(h.Entries()) != 3 || h.Entries()[1].ReversedBy == 0 {
		t.Fatalf("history after the reversal: %+v", h.Entries())
	}
	h.List.Select(1)
	if !h.Reverse.Disabled() {
		t.Fatal("a reversed entry can be reversed again")
	}

	var buf bytes.Buffer
	n, err := h.Export(&buf)
	if err != nil || n != 3 {
		t.Fatalf("exported %d: %v", n, err)
	}
	rows, _ := csv.NewReader(&buf).ReadAll()
	if rows[2][8] != "'=cmd|' /C calc'!A0" {
		t.Fatalf("a formula in the notes was not neutralised: %q", rows[2][8])
	}

	// The payments report nets the payment and its reversal.
	c.customers.Tree().Widget().Select(customers.UID(c.session.CustomerID))
	c.showPayments()
	w := c.payments
	if len(w.Lines()) != 1 || !w.Lines()[0].Amount.IsZero() || w.Lines()[0].Count != 1 {
		t.Fatalf("payments %+v", w.Lines())
	}
	w.From.SetText("2026-13-01")
	w.Run()
	if !w.Message.Visible() {
		t.Fatal("a bad date was accepted")
	}
	w.From.SetText(time.Now().AddDate(0, 0, -1).Format("2006-01-02"))
	w.Run()
	if w.Message.Visible() || w.Total.Text != "Total: USD 0.00" {
		t.Fatalf("total %q", w.Total.Text)
	}
}

func TestParseAmountFollowsTheLanguage(t *testing.T) {
	tests := []struct {
		lang i18n.Lang
		text string
		want string
		code model.Code
	}{
		{i18n.English, "1,234.56", "1234.56", ""},
		{i18n.English, "1,5", "", model.CodeAmbiguous},
		{i18n.German, "1,5", "1.5", ""},
		{i18n.German, "1.234,56", "1234.56", ""},
		{i18n.German, "1.5", "", model.CodeAmbiguous},
		{i18n.English, " 42 ", "42", ""},
		{i18n.English, "1e3", "", model.CodeInvalid},
		{i18n.English, "123456789012345678901234567890", "123456789012345678901234567890", ""},
		{i18n.English, "", "", model.CodeRequired},
	}
	for _, tt := range tests {
		d, e := widgets.ParseAmount(i18n.New(tt.lang), "amount", tt.text)
		if tt.code != "" {
			if e == nil || e.Code != tt.code {
				t.Errorf("%s %q: %v, want %s", tt.lang, tt.text, e, tt.code)
			}
			continue
		}
		if e != nil || !d.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("%s %q: %s %v, want %s", tt.lang, tt.text, d, e, tt.want)
		}
	}
}

// readCounter is a real store that lists the reads made through it.
type readCounter struct {
	model.Store
	reads []string
}

func (s *readCounter) Customer(ctx context.Context, sess model.Session, id model.ID) (model.Customer, error) {
	s.reads = append(s.reads, "Customer")
	return s.Store.Customer(ctx, sess, id)
}

func (s *readCounter) Row(ctx context.Context, sess model.Session, id model.ID) (model.CustomerRow, error) {
	s.reads = append(s.reads, "Row")
	return s.Store.Row(ctx, sess, id)
}

func (s *readCounter) Children(ctx context.Context, sess model.Session, id model.ID) ([]model.CustomerRow, error) {
	s.reads = append(s.reads, "Children")
	return s.Store.Children(ctx, sess, id)
}

func (s *readCounter) Accounts(ctx context.Context, sess model.Session, id model.ID, q model.AccountQuery) (model.AccountPage, error) {
	s.reads = append(s.reads, "Accounts")
	return s.Store.Accounts(ctx, sess, id, q)
}

func (s *readCounter) Entries(ctx context.Context, sess model.Session, h model.Holder, f model.EntryFilter) ([]model.Entry, error) {
	s.reads = append(s.reads, "Entries")
	return s.Store.Entries(ctx, sess, h, f)
}

func (s *readCounter) ExchangeRates(ctx context.Context, sess model.Session) (model.RateTable, error) {
	s.reads = append(s.reads, "ExchangeRates")
	return s.Store.ExchangeRates(ctx, sess)
}

func (s *readCounter) RightsNow(ctx context.Context, sess model.Session) (model.Right, error) {
	s.reads = append(s.reads, "RightsNow")
	return s.Store.RightsNow(ctx, sess)
}

func (s *readCounter) SubtreeBalances(ctx context.Context, sess model.Session, id model.ID) ([]model.Money, error) {
	s.reads = append(s.reads, "SubtreeBalances")
	return s.Store.SubtreeBalances(ctx, sess, id)
}

// Maintenance → Save redraws the tree row, the Details tab and the History
// tab from one read of the file: the customer. The History tab takes the
// booked entry as the store returned it.
func TestMaintenanceSaveReadsTheFileOnce(t *testing.T) {
	ctx := context.Background()
	base := openStore(t)
	if err := base.GenerateDemo(ctx, storage.DemoOptions{Customers: 5, Seed: 3}, nil); err != nil {
		t.Fatal(err)
	}
	store := &readCounter{Store: base}
	c := newTestController(t, store)
	root, err := base.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kids, err := base.Children(ctx, root, root.CustomerID)
	if err != nil || len(kids) == 0 {
		t.Fatalf("children %v: %v", kids, err)
	}
	id := kids[0].ID
	c.customers.Reveal(id)
	before := len(c.history.Entries())
	c.showMaintenance()
	m := c.maintenance
	m.Amount.SetText("5")
	store.reads = nil
	test.Tap(m.Dialog.SaveOnly)
	if !slices.Equal(store.reads, []string{"Customer"}) {
		t.Fatalf("Save read %v, want the customer once", store.reads)
	}
	cust, err := base.Customer(ctx, root, id)
	if err != nil {
		t.Fatal(err)
	}
	if !rowOf(c, id).Balance.Equal(cust.Balance) || len(c.history.Entries()) != before+1 ||
		!c.history.Entries()[0].BalanceAfter.Equal(cust.Balance) {
		t.Fatalf("tree %s, history %d rows (newest %+v), file %s", rowOf(c, id).Balance, len(c.history.Entries()),
			c.history.Entries()[0], cust.Balance)
	}
	want := widgets.NativeAndUSD(c.tr, c.rates, cust.Balance, cust.Currency)
	if !slices.Contains(labelTexts(c.win.Content()), want) {
		t.Fatalf("the Details tab lacks the new balance %q", want)
	}
}
