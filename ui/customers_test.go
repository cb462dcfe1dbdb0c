package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// fillCustomer types a new customer's required fields into the open form.
func fillCustomer(f *widgets.Form, name, login string) {
	f.Field("name").Input.(*widgets.Entry).SetText(name)
	f.Field("web_login").Input.(*widgets.Entry).SetText(login)
	f.Field("password").Input.(*widgets.Entry).SetText("secret pass")
	f.Field("password_again").Input.(*widgets.Entry).SetText("secret pass")
}

// addThroughForm adds a customer under the selected one with the real form.
func addThroughForm(t *testing.T, c *Controller, name, login, balance string) {
	t.Helper()
	c.addCustomer()
	fd := uitest.OpenForm(c.win)
	fillCustomer(fd.Form, name, login)
	fd.Form.Field("balance").Input.(*widgets.Entry).SetText(balance)
	test.Tap(fd.Save)
	for _, key := range []string{"", "name", "web_login", "password", "balance", "tariff"} {
		if msg := fd.Form.ErrorText(key); msg != "" {
			t.Fatalf("adding %s: %s: %s", name, key, msg)
		}
	}
}

func TestAddCustomerFormValidatesEverythingAtOnce(t *testing.T) {
	c, store := setUpRoot(t, "Standard USD")
	c.addCustomer()
	fd := uitest.OpenForm(c.win)
	if fd == nil {
		t.Fatal("no form")
	}
	fd.Form.Field("web_login").Input.(*widgets.Entry).SetText("a b")
	fd.Form.Field("password").Input.(*widgets.Entry).SetText("short")
	fd.Form.Field("balance").Input.(*widgets.Entry).SetText("1e3")
	fd.Form.Field("credit_limit").Input.(*widgets.Entry).SetText("-5")
	fd.Form.Field("email").Input.(*widgets.Entry).SetText("nobody")
	test.Tap(fd.Save)
	want := map[string]string{
		"name":         "This field is required.",
		"web_login":    "Use only letters, digits and . _ - @ (no spaces).",
		"password":     "Use at least 8 characters.",
		"balance":      "Enter a number, for example 1,234.56.",
		"credit_limit": "The credit limit cannot be negative.",
		"email":        "Enter an e-mail address like name@example.com.",
	}
	for field, msg := range want {
		if got := fd.Form.ErrorText(field); got != msg {
			t.Errorf("%s: %q, want %q", field, got, msg)
		}
	}
	if kids, _ := store.Children(context.Background(), c.session, c.session.CustomerID); len(kids) != 0 {
		t.Fatal("an invalid customer was saved")
	}
	// Mended, it saves; the opening balance is exact.
	fillCustomer(fd.Form, "Reseller A", "reseller.a")
	fd.Form.Field("balance").Input.(*widgets.Entry).SetText("1,234.56")
	fd.Form.Field("credit_limit").Input.(*widgets.Entry).SetText("100")
	fd.Form.Field("email").Input.(*widgets.Entry).SetText("billing@reseller.example")
	test.Tap(fd.Save)
	kids, _ := store.Children(context.Background(), c.session, c.session.CustomerID)
	if len(kids) != 1 || !kids[0].Balance.Equal(decimal.RequireFromString("1234.56")) {
		t.Fatalf("children %+v; errors %q", kids, fd.Form.ErrorText(""))
	}
	// The new customer is shown in the tree, selected.
	if c.shown != kids[0].ID || c.detail.title.Text != "Reseller A" {
		t.Fatalf("selected %d, details of %q", c.shown, c.detail.title.Text)
	}
}

func TestAddCustomerWithoutTariffOffersTariffs(t *testing.T) {
	c, _ := setUpRoot(t, "")
	c.addCustomer()
	if uitest.OpenForm(c.win) != nil {
		t.Fatal("the form opened without a tariff to choose")
	}
}

// buildManual builds, through the forms, the manual's hierarchy: Root owns
// A and B, A owns C and D, B owns E.
func buildManual(t *testing.T) (*Controller, model.Store, map[string]model.ID) {
	t.Helper()
	c, store := setUpRoot(t, "Standard USD")
	ids := map[string]model.ID{}
	add := func(name, under string) {
		if under == "" {
			c.tree.widget.Select(uidOf(c.session.CustomerID))
		} else {
			c.tree.reveal(ids[under])
		}
		addThroughForm(t, c, name, "login."+strings.ToLower(name), "10")
		ids[name] = c.shown
	}
	add("A", "")
	add("B", "")
	add("C", "A")
	add("D", "A")
	add("E", "B")
	return c, store, ids
}

func TestBuildAdjustDeleteRestoreThroughTheWindow(t *testing.T) {
	c, store, ids := buildManual(t)
	ctx := context.Background()
	if kids := c.tree.childUIDs(uidOf(ids["A"])); len(kids) != 2 {
		t.Fatalf("A shows %d children", len(kids))
	}

	// Adjust D: the balance is not editable; the password stays if empty.
	c.tree.reveal(ids["D"])
	c.adjustCustomer()
	fd := uitest.OpenForm(c.win)
	if _, ok := fd.Form.Field("balance").Input.(*widgets.Entry); ok {
		t.Fatal("the balance is editable in Adjust")
	}
	fd.Form.Field("name").Input.(*widgets.Entry).SetText("D renamed")
	test.Tap(fd.Save)
	if got, _ := store.Customer(ctx, c.session, ids["D"]); got.Name != "D renamed" {
		t.Fatalf("after adjust: %q (error %q)", got.Name, fd.Form.ErrorText("password"))
	}
	if c.tree.rows[ids["D"]].Name != "D renamed" || c.detail.title.Text != "D renamed" {
		t.Fatal("the tree or the details were not redrawn")
	}

	// Deleting A is refused: it has customers.
	c.tree.reveal(ids["A"])
	c.askDeleteCustomer()
	if _, err := store.Customer(ctx, c.session, ids["A"]); err != nil {
		t.Fatal("A was deleted with its customers")
	}
	// Delete C, then restore it.
	c.tree.reveal(ids["C"])
	cust, _ := store.Customer(ctx, c.session, ids["C"])
	c.deleteCustomer(cust)
	if _, ok := c.tree.rows[ids["C"]]; ok && len(c.tree.childUIDs(uidOf(ids["A"]))) != 1 {
		t.Fatal("C still shown under A")
	}
	deleted, _ := store.DeletedCustomers(ctx, c.session)
	if len(deleted) != 1 {
		t.Fatalf("deleted list %+v", deleted)
	}
	if err := c.restoreCustomer(deleted[0]); err != nil {
		t.Fatal(err)
	}
	if c.shown != ids["C"] || len(c.tree.childUIDs(uidOf(ids["A"]))) != 2 {
		t.Fatal("C not back under A")
	}
}

func TestMoveAndSearch(t *testing.T) {
	c, store, ids := buildManual(t)
	ctx := context.Background()
	a, _ := store.Customer(ctx, c.session, ids["A"])
	if err := c.moveCustomer(a, ids["C"]); model.CodeOf(err) != model.CodeUnderItself {
		t.Fatalf("move under own customer: %v", err)
	}
	if err := c.moveCustomer(a, ids["B"]); err != nil {
		t.Fatal(err)
	}
	if c.shown != ids["A"] || len(c.tree.childUIDs(uidOf(ids["B"]))) != 2 {
		t.Fatal("A not shown under B")
	}

	// Search opens the way to the match and selects it; Enter goes on.
	c.tree.widget.CloseAllBranches()
	test.Type(c.search.entry, "login.d")
	if c.shown != ids["D"] || !c.tree.widget.IsBranchOpen(uidOf(ids["A"])) {
		t.Fatalf("search selected %d, want D %d", c.shown, ids["D"])
	}
	c.search.entry.SetText("login.")
	if len(c.search.hits) != 5 || c.search.status.Text != "1 of 5" {
		t.Fatalf("hits %d, status %q", len(c.search.hits), c.search.status.Text)
	}
	first := c.shown
	c.search.entry.OnSubmitted("")
	if c.shown == first || c.search.status.Text != "2 of 5" {
		t.Fatal("Enter did not go to the next match")
	}
	c.search.entry.SetText("nobody here")
	if c.search.status.Text != "no match" {
		t.Fatalf("status %q", c.search.status.Text)
	}
}

func TestSubtreeTotalsAndExport(t *testing.T) {
	c, _, ids := buildManual(t)
	c.toggleTotals()
	if !c.tree.showTotals {
		t.Fatal("totals not shown")
	}
	c.tree.totalText(ids["A"]) // computed synchronously in tests
	got := c.tree.totalText(ids["A"])
	if got != "USD 30.00" { // A, C and D hold 10 each
		t.Fatalf("A's total %q", got)
	}
	c.tree.totalText(c.session.CustomerID)
	if got := c.tree.totalText(c.session.CustomerID); got != "USD 50.00" {
		t.Fatalf("root total %q", got)
	}

	var buf bytes.Buffer
	n, err := c.exportCustomers(&buf)
	if err != nil || n != 6 {
		t.Fatalf("exported %d: %v", n, err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Path" || len(rows) != 7 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	for _, r := range rows[1:] {
		if strings.Contains(strings.Join(r, ","), "secret") || strings.Contains(strings.Join(r, ","), "argon2") {
			t.Fatal("a password leaked into the export")
		}
	}
	if rows[3][0] != "Switch Owner / A / C" || rows[3][5] != "10.00" || rows[3][6] != "10.00" {
		t.Fatalf("row of C: %v", rows[3])
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "@x": "'@x", "-2": "'-2", "Acme": "Acme", "": ""} {
		if got := widgets.SafeCell(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
