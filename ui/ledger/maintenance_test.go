package ledger

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/internal/uitest"
)

// A debit below the credit limit asks first; the question names the
// customer and puts the amount after on a line of its own, and only
// "Book the debit" books it, once.
func TestDebitBelowTheLimitAsksFirst(t *testing.T) {
	store, root, cust := customerWithEntries(t, 0) // EUR 10, no credit limit
	env := testEnv(t, root)
	var booked []model.Entry
	m := ShowMaintenance(env, store, CustomerTarget(cust), func(e model.Entry) { booked = append(booked, e) })
	m.Action.SetSelectedIndex(2) // Debit
	m.Amount.SetText("50.12")
	test.Tap(m.Dialog.Save)
	question := ""
	uitest.Walk(env.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "below zero") {
			question = l.Text
		}
		return false
	})
	if !strings.Contains(question, "Euro Client") || !strings.Contains(question, "\nEUR -40.12") {
		t.Fatalf("the question says %q", question)
	}
	if len(booked) != 0 {
		t.Fatal("booked before the answer")
	}
	b := uitest.Button(env.Win, "Book the debit")
	if b == nil {
		t.Fatal("no Book the debit button")
	}
	test.Tap(b)
	after, err := store.Customer(context.Background(), root, cust.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(booked) != 1 || after.Balance.String() != "-40.12" {
		t.Fatalf("%d entries booked, balance %s", len(booked), after.Balance)
	}
}
