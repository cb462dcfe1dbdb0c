package ledger

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	_ "github.com/branchbook/branchbook/i18n/localeenv" // no locale noise from Fyne
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/widgets"
)

// customerWithEntries makes a file with a root and one EUR customer with
// an opening balance and n credits.
func customerWithEntries(t *testing.T, n int) (*storage.Store, model.Session, model.Customer) {
	t.Helper()
	ctx := context.Background()
	store, err := storage.Open(filepath.Join(t.TempDir(), "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	root, err := store.CreateRoot(ctx, model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	eur, err := store.CreateTariff(ctx, root, model.TariffInput{Name: "Europe", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	cust, err := store.CreateCustomer(ctx, root, root.CustomerID, model.CustomerInput{Name: "Euro Client", TariffID: eur.ID,
		TimeZone: "UTC", WebLogin: "euro.client", Password: "secret pass", PasswordAgain: "secret pass", Language: "en",
		Balance: decimal.NewFromInt(10)})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := store.AddEntry(ctx, root, model.CustomerLedger(cust.ID), model.EntryInput{Kind: model.EntryCredit,
			Amount: decimal.NewFromInt(1), Currency: "EUR", Key: "page" + strconv.Itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	return store, root, cust
}

func testEnv(t *testing.T, sess model.Session) widgets.Env {
	a := test.NewTempApp(t)
	return widgets.Env{Win: a.NewWindow("ledger"), Tr: i18n.New(i18n.English), Background: func(f func()) { f() },
		Session: func() model.Session { return sess }, Rates: func() model.RateTable { return model.RateTable{} },
		Zone: func() *time.Location { return time.UTC }}
}

func TestHistoryPages(t *testing.T) {
	store, root, cust := customerWithEntries(t, historyPage+50)
	h := NewHistory(testEnv(t, root), store, nil)
	h.Show(CustomerTarget(cust))
	if len(h.entries) != historyPage {
		t.Fatalf("first page %d", len(h.entries))
	}
	// Drawing a row near the end reads the next page.
	h.updateRow(historyPage-1, h.newRow())
	if len(h.entries) != historyPage+51 || !h.done {
		t.Fatalf("after scrolling: %d entries, done %v", len(h.entries), h.done)
	}
	h.Kind.SetSelectedIndex(5) // opening balance only
	if len(h.entries) != 1 || h.entries[0].Kind != model.EntryOpening {
		t.Fatalf("filtered: %+v", h.entries)
	}
}

// TestHistoryByOwnerAbove signs in as the customer: every entry was booked
// by the root, outside its subtree, whose name the store does not give.
// The By column and the export say "an owner above you" in the viewer's
// language, never an empty cell.
func TestHistoryByOwnerAbove(t *testing.T) {
	store, root, cust := customerWithEntries(t, 1)
	self, err := store.SignIn(context.Background(), "euro.client", "secret pass")
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv(t, self)
	env.Tr = i18n.New(i18n.German)
	h := NewHistory(env, store, nil)
	h.Show(CustomerTarget(cust))
	if len(h.entries) != 2 || h.entries[0].CreatedByName != "" {
		t.Fatalf("entries %+v: the root's name should not be given", h.entries)
	}
	word := env.Tr.T("an owner above you")
	if word == "" || word == "an owner above you" {
		t.Fatalf("no German word: %q", word)
	}
	row := h.newRow()
	h.updateRow(0, row)
	if by := rowOf(row).by.Text; by != word {
		t.Fatalf("By shows %q, want %q", by, word)
	}
	var out strings.Builder
	if _, err := h.Export(&out); err != nil {
		t.Fatal(err)
	}
	if strings.Count(out.String(), word) != 2 {
		t.Fatalf("the export does not say %q on each line:\n%s", word, out.String())
	}
	// The root sees its own name.
	h = NewHistory(testEnv(t, root), store, nil)
	h.Show(CustomerTarget(cust))
	h.updateRow(0, row)
	if by := rowOf(row).by.Text; by != root.Name {
		t.Fatalf("the root's By shows %q", by)
	}
}

// An entry in another currency shows what was entered on its second line,
// with its notes; the first line holds the booked amount and the balance.
func TestHistoryRowShowsBothLines(t *testing.T) {
	store, root, cust := customerWithEntries(t, 0)
	if _, err := store.SetExchangeRate(context.Background(), root, "EUR", decimal.RequireFromString("0.5")); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddEntry(context.Background(), root, model.CustomerLedger(cust.ID), model.EntryInput{Kind: model.EntryAddFunds,
		Amount: decimal.NewFromInt(4), Currency: "USD", Notes: "cash\nat the desk", Key: "two-lines"}); err != nil {
		t.Fatal(err)
	}
	h := NewHistory(testEnv(t, root), store, nil)
	h.Show(CustomerTarget(cust))
	row := h.newRow()
	h.updateRow(0, row)
	r := rowOf(row)
	if r.action.Text != "Add Funds" || r.booked.Text != "EUR 2.00" || r.after.Text != "EUR 12.00" ||
		r.detail.Text != "USD 4.00 · cash at the desk" || r.by.Text == "" {
		t.Fatalf("row %q %q %q | %q %q", r.action.Text, r.booked.Text, r.after.Text, r.detail.Text, r.by.Text)
	}
}
