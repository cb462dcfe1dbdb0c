package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/customers"
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
	if c.customers.Shown() != kids[0].ID || c.customers.Title() != "Reseller A" {
		t.Fatalf("selected %d, details of %q", c.customers.Shown(), c.customers.Title())
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
			c.customers.Tree().Widget().Select(customers.UID(c.session.CustomerID))
		} else {
			c.customers.Reveal(ids[under])
		}
		addThroughForm(t, c, name, "login."+strings.ToLower(name), "10")
		ids[name] = c.customers.Shown()
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
	if kids := c.customers.Tree().Widget().ChildUIDs(customers.UID(ids["A"])); len(kids) != 2 {
		t.Fatalf("A shows %d children", len(kids))
	}

	// Adjust D: the balance is not editable; the password stays if empty.
	c.customers.Reveal(ids["D"])
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
	if rowOf(c, ids["D"]).Name != "D renamed" || c.customers.Title() != "D renamed" {
		t.Fatal("the tree or the details were not redrawn")
	}

	// Deleting A is refused: it has customers.
	c.customers.Reveal(ids["A"])
	c.askDeleteCustomer()
	if _, err := store.Customer(ctx, c.session, ids["A"]); err != nil {
		t.Fatal("A was deleted with its customers")
	}
	// Delete C, then restore it.
	c.customers.Reveal(ids["C"])
	c.askDeleteCustomer()
	pressFocused(t, c) // the confirmation's Delete
	if _, ok := c.customers.Tree().Row(ids["C"]); ok && len(c.customers.Tree().Widget().ChildUIDs(customers.UID(ids["A"]))) != 1 {
		t.Fatal("C still shown under A")
	}
	deleted, _ := store.DeletedCustomers(ctx, c.session)
	if len(deleted) != 1 {
		t.Fatalf("deleted list %+v", deleted)
	}
	c.showDeletedCustomers()
	pressFocused(t, c) // Restore, on the newest
	if c.customers.Shown() != ids["C"] || len(c.customers.Tree().Widget().ChildUIDs(customers.UID(ids["A"]))) != 2 {
		t.Fatal("C not back under A")
	}
}

func TestMoveAndSearch(t *testing.T) {
	c, store, ids := buildManual(t)
	ctx := context.Background()
	c.customers.Reveal(ids["A"])
	moveTo(t, c, "login.c")
	underItself := widgets.ErrorText(c.tr, &model.Error{Code: model.CodeUnderItself})
	if !slices.Contains(labelTexts(c.win.Canvas().Overlays().Top()), underItself) {
		t.Fatalf("moving A under its own customer C does not say why it cannot: %v", labelTexts(c.win.Canvas().Overlays().Top()))
	}
	if a, err := store.Customer(ctx, c.session, ids["A"]); err != nil || a.ParentID != c.session.CustomerID {
		t.Fatalf("A moved: %+v, %v", a, err)
	}
	c.win.Canvas().Overlays().Top().Hide()
	moveTo(t, c, "login.b")
	if a, err := store.Customer(ctx, c.session, ids["A"]); err != nil || a.ParentID != ids["B"] {
		t.Fatalf("A is not under B: %+v, %v", a, err)
	}
	if c.customers.Shown() != ids["A"] || len(c.customers.Tree().Widget().ChildUIDs(customers.UID(ids["B"]))) != 2 {
		t.Fatal("A not shown under B")
	}

	// Search opens the way to the match and selects it; Enter goes on.
	c.customers.Tree().Widget().CloseAllBranches()
	test.Type(c.customers.SearchEntry(), "login.d")
	if c.customers.Shown() != ids["D"] || !c.customers.Tree().Widget().IsBranchOpen(customers.UID(ids["A"])) {
		t.Fatalf("search selected %d, want D %d", c.customers.Shown(), ids["D"])
	}
	c.customers.SearchEntry().SetText("login.")
	if c.customers.SearchStatus() != "1 of 5" {
		t.Fatalf("status %q", c.customers.SearchStatus())
	}
	first := c.customers.Shown()
	c.customers.SearchEntry().OnSubmitted("")
	if c.customers.Shown() == first || c.customers.SearchStatus() != "2 of 5" {
		t.Fatal("Enter did not go to the next match")
	}
	c.customers.SearchEntry().SetText("nobody here")
	if c.customers.SearchStatus() != "no match" {
		t.Fatalf("status %q", c.customers.SearchStatus())
	}
}

func TestSubtreeTotalsAndExport(t *testing.T) {
	c, _, ids := buildManual(t)
	c.toggleTotals()
	if !c.customers.ShowsTotals() {
		t.Fatal("totals not shown")
	}
	c.customers.Tree().TotalText(ids["A"]) // computed synchronously in tests
	got := c.customers.Tree().TotalText(ids["A"])
	if got != "USD 30.00" { // A, C and D hold 10 each
		t.Fatalf("A's total %q", got)
	}
	c.customers.Tree().TotalText(c.session.CustomerID)
	if got := c.customers.Tree().TotalText(c.session.CustomerID); got != "USD 50.00" {
		t.Fatalf("root total %q", got)
	}

	var buf bytes.Buffer
	n, err := c.customers.Export(&buf)
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

// pressFocused presses the button that has the focus, as Space does.
func pressFocused(t *testing.T, c *Controller) {
	t.Helper()
	b, ok := c.win.Canvas().Focused().(fyne.Tappable)
	if !ok {
		t.Fatalf("the focus is on %T, not a button", c.win.Canvas().Focused())
	}
	test.Tap(b)
}

// moveTo opens Move for the selected customer, types query into its search
// and presses Enter, which moves it under the first match.
func moveTo(t *testing.T, c *Controller, query string) {
	t.Helper()
	c.askMoveCustomer()
	entry, ok := c.win.Canvas().Focused().(*widgets.Entry)
	if !ok {
		t.Fatalf("Move opened with the focus on %T", c.win.Canvas().Focused())
	}
	test.Type(entry, query)
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}
