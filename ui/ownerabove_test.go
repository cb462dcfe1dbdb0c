package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/ui/widgets"
)

// TestOwnerAboveIsNamedNeutrally signs in as A, below the root that made
// A's customers: the audit log and the deleted customers' line say "an
// owner above you" in A's language where the root's name is withheld,
// never an empty place or a dash.
func TestOwnerAboveIsNamedNeutrally(t *testing.T) {
	c, store, ids := buildManual(t)
	root := c.session
	if err := store.DeleteCustomer(context.Background(), root, ids["D"]); err != nil {
		t.Fatal(err)
	}
	c.signOut()
	c.signin.Login.SetText("login.a")
	c.signin.Password.SetText("secret pass")
	test.Tap(c.signin.Button)
	if c.session.CustomerID != ids["A"] {
		t.Fatalf("not signed in as A: %q", c.signin.Message.Text)
	}
	c.changeLanguage(i18n.German)
	word := c.tr.T("an owner above you")
	if word == "an owner above you" {
		t.Fatal("no German word")
	}
	log := c.showAuditLog()
	defer log.Win.Close()
	found := false
	for _, line := range log.Lines() {
		if strings.Contains(line, " · — · ") || strings.Contains(line, " ·  · ") {
			t.Errorf("audit line without an actor: %q", line)
		}
		found = found || strings.Contains(line, " · "+word+" · ")
	}
	if !found {
		t.Errorf("no audit line names %q:\n%s", word, strings.Join(log.Lines(), "\n"))
	}
	if line := widgets.DeletedLine(c.tr, c.zone(), "D", "10,00 USD", time.Now(), ""); !strings.Contains(line, word) || strings.Contains(line, "—") {
		t.Errorf("deleted line %q", line)
	}
}
