package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/customers"
)

// TestSignInThenSignOut: the sign-in form leads to the tree, Sign out back
// to the form. The form's own rules are tested in package access.
func TestSignInThenSignOut(t *testing.T) {
	store := openStore(t)
	in := model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC"}
	if _, err := store.CreateRoot(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	c := NewController(a, store, Options{})
	c.background = func(f func()) { f() }
	c.Show()
	v := c.signin
	if v == nil {
		t.Fatal("no sign-in form")
	}
	v.Login.SetText("owner")
	v.Password.SetText("correct horse")
	test.Tap(v.Button)
	if c.customers == nil || c.session.Name != "Switch Owner" {
		t.Fatalf("not signed in: %q", v.Message.Text)
	}
	c.signOut()
	if c.signin == nil || c.customers != nil || !c.session.IsZero() {
		t.Fatal("sign out did not return to the form")
	}
}

func TestSubCustomerSeesNothingAbove(t *testing.T) {
	c, store, ids := buildManual(t)
	ctx := context.Background()
	// The root grants A what it needs, then D signs in... as A's customer.
	if err := store.SetRights(ctx, c.session, ids["A"], model.AllRights); err != nil {
		t.Fatal(err)
	}
	c.signOut()
	c.signin.Login.SetText("login.a")
	c.signin.Password.SetText("secret pass")
	test.Tap(c.signin.Button)
	if c.session.CustomerID != ids["A"] {
		t.Fatalf("not signed in as A: %q", c.signin.Message.Text)
	}
	// Every text on screen and in the tree is A's or below.
	var texts []string
	for _, uid := range append([]string{customers.UID(c.customers.Tree().Top())}, c.customers.Tree().Widget().ChildUIDs(customers.UID(c.customers.Tree().Top()))...) {
		texts = append(texts, rowOf(c, idOf(t, uid)).Name)
	}
	texts = append(texts, labelTexts(c.win.Content())...)
	texts = append(texts, c.showAuditLog().Lines()...)
	var buf strings.Builder
	if _, err := c.customers.Export(&buf); err != nil {
		t.Fatal(err)
	}
	texts = append(texts, buf.String())
	// Where a name is withheld the window says "an owner above you", which
	// holds the root's login as a word: take it out before looking.
	all := strings.ReplaceAll(strings.Join(texts, "\n"), c.tr.T("an owner above you"), "")
	for _, above := range []string{"Switch Owner", "login.b", "owner", "\nB\n", "login.e"} {
		if strings.Contains(all, above) {
			t.Fatalf("A's window shows %q:\n%s", above, all)
		}
	}
	// A grants D maintenance; D cannot be given what A lacks.
	c.customers.Reveal(ids["D"])
	p := c.showPermissions()
	p.Checks[model.RightMaintenance].SetChecked(true)
	test.Tap(p.Save)
	if r, _ := store.Rights(ctx, c.session, ids["D"]); !r.Has(model.RightMaintenance) {
		t.Fatalf("D's rights %b", r)
	}
}

func TestViewLanguageRedrawsAndKeeps(t *testing.T) {
	c, store, ids := buildManual(t)
	c.customers.Reveal(ids["C"])
	c.changeLanguage(i18n.German)
	if c.tr.Lang() != i18n.German || c.customers.Shown() != ids["C"] {
		t.Fatalf("language %s, shown %d", c.tr.Lang(), c.customers.Shown())
	}
	if got := c.win.MainMenu().Items[0].Label; got != "Datei" {
		t.Fatalf("File menu in German is %q", got)
	}
	root, _ := store.Customer(context.Background(), c.session, c.session.CustomerID)
	if root.Language != "de" {
		t.Fatalf("the language was not kept: %q", root.Language)
	}
}

func TestChangesMadeElsewhereAppear(t *testing.T) {
	c, store, ids := buildManual(t)
	ctx := context.Background()
	store.SetRights(ctx, c.session, ids["A"], model.RightCustomersAdd)
	c.signOut()
	c.signin.Login.SetText("login.a")
	c.signin.Password.SetText("secret pass")
	test.Tap(c.signin.Button)
	if c.session.Rights.Has(model.RightMaintenance) {
		t.Fatal("A has maintenance before it is granted")
	}
	// The root, in another window, grants maintenance and adds funds to C.
	root, _ := store.RootSession(ctx)
	store.SetRights(ctx, root, ids["A"], model.RightCustomersAdd|model.RightMaintenance)
	store.AddEntry(ctx, root, model.CustomerLedger(ids["C"]), model.EntryInput{Kind: model.EntryAddFunds, Amount: decimal.NewFromInt(5),
		Currency: "USD", Key: "elsewhere"})
	c.customers.Reveal(ids["C"])
	c.refreshFromFile()
	if !c.session.Rights.Has(model.RightMaintenance) || c.win.MainMenu() == nil {
		t.Fatal("the granted right is not offered")
	}
	if !rowOf(c, ids["C"]).Balance.Equal(decimal.NewFromInt(15)) {
		t.Fatalf("C's balance %s", rowOf(c, ids["C"]).Balance)
	}
}
