package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/internal/uitest"
)

// callsSetup is a EUR customer with a rate for 49 at 0.06 a minute and an
// account "alice" on the same tariff.
func callsSetup(t *testing.T) (*Controller, model.Store, model.ID, model.Account) {
	t.Helper()
	c, store, id := eurCustomer(t)
	ctx := context.Background()
	cust, err := store.Customer(ctx, c.session, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.SaveRate(ctx, c.session, cust.TariffID, model.Rate{Prefix: "49", Description: "Germany",
		Price: decimal.RequireFromString("0.06"), ConnectFee: decimal.Zero, FirstInterval: 60, NextInterval: 60}); err != nil {
		t.Fatal(err)
	}
	a, err := store.CreateAccount(ctx, c.session, id, model.AccountInput{Username: "alice", Password: "secret pass",
		PasswordAgain: "secret pass", Currency: "EUR", TariffID: cust.TariffID, Balance: decimal.NewFromInt(5)})
	if err != nil {
		t.Fatal(err)
	}
	c.customers.Reveal(id)
	return c, store, id, a
}

// TestCallsThroughTheWindow imports a Branchbook CSV through the preview
// dialog, sees the calls in the Calls tab and their totals, opens the
// "calls" entry from the History tab, and undoes the import from Reports
// → Imports.
func TestCallsThroughTheWindow(t *testing.T) {
	c, store, id, alice := callsSetup(t)
	path := filepath.Join(t.TempDir(), "calls.csv")
	err := os.WriteFile(path, []byte("call_id,account,caller,called_number,start_time,billed_seconds,answered\n"+
		"c1,alice,100,+4930123456,2026-11-30 10:00:00,60,yes\n"+
		"c2,alice,100,004930999,2026-12-01 09:00:00,61,yes\n"+
		"c3,alice,100,+33612345678,2026-12-01 09:30:00,30,yes\n"+
		"c4,alice,100,+4930,not a time,30,yes\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}

	pd := c.callImporter().ShowPreview(path)
	if pd.Preview.Err != nil || len(pd.Preview.Calls) != 3 {
		t.Fatalf("preview: %+v", pd.Preview)
	}
	if !strings.Contains(pd.Text.Text, "Branchbook CSV") {
		t.Errorf("preview says %q", pd.Text.Text)
	}
	pd.Import()
	summary := topLabelText(c.win)
	for _, want := range []string{"Rated: 2", "Unrated: 1", "No rate for the number: 1", "Malformed lines left out: 1", "Line 5"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	clearOverlays(c.win)

	// 60 s and 61 s at 0.06 a minute, 60/60: 0.06 + 0.12.
	want := decimal.RequireFromString("9.82")
	if got := balanceOf(t, store, c, id); !got.Equal(want) {
		t.Errorf("customer balance %s, want %s", got, want)
	}
	c.customers.Reveal(id)
	if c.calls.Rows() != 0 {
		t.Error("the Calls tab read its calls while behind the others")
	}
	c.customers.ShowTab(c.calls.Content)
	if c.calls.Rows() != 3 {
		t.Fatalf("the Calls tab shows %d calls, want 3", c.calls.Rows())
	}
	if got := c.calls.CellText(0, 2); got != "+33612345678" {
		t.Errorf("newest call's number = %q", got)
	}
	if d := c.calls.ShowTotals(); d == nil {
		t.Error("no totals by destination")
	}
	clearOverlays(c.win)
	totals, err := store.CallTotals(context.Background(), c.session, model.CustomerLedger(id), model.CallQuery{})
	if err != nil || len(totals) != 1 || totals[0].Prefix != "49" || totals[0].Calls != 2 {
		t.Errorf("totals = %+v, %v", totals, err)
	}
	c.calls.Unrated.SetChecked(true)
	if c.calls.Rows() != 1 {
		t.Errorf("unrated only shows %d calls", c.calls.Rows())
	}
	c.calls.Unrated.SetChecked(false)

	// The History tab: a "calls" entry whose notes come from its calls.
	found := -1
	for i, e := range c.history.Entries() {
		if e.Kind == model.EntryCalls {
			found = i
		}
	}
	if found < 0 {
		t.Fatal("no calls entry in the History tab")
	}
	c.history.List.Select(found)
	if !c.history.OpenCalls() || c.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the calls entry did not open")
	}
	clearOverlays(c.win)
	// Enter on the list opens it too.
	c.history.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Enter on the calls entry did not open it")
	}
	clearOverlays(c.win)

	// Reports → Imports: undo, with a reason and a confirmation.
	c.showImports()
	w := c.imports
	if w == nil || len(w.List()) != 1 {
		t.Fatal("the import is not listed")
	}
	w.Select(0)
	fd := w.AskUndo()
	fd.Form.Entry("reason").SetText("wrong file")
	fd.Submit(true)
	w.Win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.NewFromInt(10)) {
		t.Errorf("after undo the balance is %s, want 10", got)
	}
	a, err := store.Account(context.Background(), c.session, alice.ID)
	if err != nil || !a.Balance.Equal(decimal.NewFromInt(5)) {
		t.Errorf("after undo alice has %s (%v), want 5", a.Balance, err)
	}
	if l := w.List(); len(l) != 1 || l[0].UndoneAt.IsZero() {
		t.Errorf("the import is not marked undone: %+v", l)
	}
	w.Win.Close()
}

// topLabelText is the text of the labels of the dialog on top of win.
func topLabelText(win fyne.Window) string {
	var out []string
	if top := win.Canvas().Overlays().Top(); top != nil {
		uitest.Walk(top, func(o fyne.CanvasObject) bool {
			if l, ok := o.(*widget.Label); ok {
				out = append(out, l.Text)
			}
			return false
		})
	}
	return strings.Join(out, "\n")
}
