package accounts

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// The account form offers the tariffs the customer may use in the chosen
// currency: the customer's own by default, none chosen when several fit a
// new currency, and the one picked is saved and shown again on Adjust.
func TestAccountFormTariffChoice(t *testing.T) {
	c, store, id := eurCustomer(t)
	ctx := context.Background()
	var dollars []model.Tariff
	for _, name := range []string{"Dollars A", "Dollars B"} {
		tf, err := store.CreateTariff(ctx, c.session, model.TariffInput{Name: name, Currency: "USD"})
		if err != nil {
			t.Fatal(err)
		}
		dollars = append(dollars, tf)
	}
	c.screens.Add()
	fd := uitest.OpenForm(c.win)
	if fd == nil {
		t.Fatal("no account form")
	}
	f := accountFields(fd)
	tariff := fd.Form.Field("tariff").Input.(*widgets.SearchEntry)
	if tariff.Text != "Europe (EUR)" {
		t.Fatalf("default tariff %q", tariff.Text)
	}
	f.currency.SetText("USD")
	if tariff.Text != "" || !slices.Equal(tariff.Choices(), []string{"Dollars A (USD)", "Dollars B (USD)"}) {
		t.Fatalf("USD: %q of %q", tariff.Text, tariff.Choices())
	}
	f.currency.SetText("EUR")
	if tariff.Text != "Europe (EUR)" || len(tariff.Choices()) != 1 {
		t.Fatalf("back to EUR: %q of %q", tariff.Text, tariff.Choices())
	}
	f.currency.SetText("USD")
	tariff.SetText("Europe (EUR)")
	f.username.SetText("usd.phone")
	f.password.SetText("secret pass")
	f.again.SetText("secret pass")
	f.balance.SetText("1")
	test.Tap(fd.Save)
	if fd.Form.ErrorText("tariff") == "" {
		t.Fatal("no error under a tariff of another currency")
	}
	tariff.SetText("dollars b (usd)")
	test.Tap(fd.Save)
	if msg := fd.Form.ErrorText(""); msg != "" {
		t.Fatal(msg)
	}
	a := accountByName(t, store, c, id, "usd.phone")
	if a.TariffID != dollars[1].ID || a.TariffName != "Dollars B" {
		t.Fatalf("saved %+v", a)
	}
	c.screens.Adjust(a)
	fd = uitest.OpenForm(c.win)
	if got := fd.Form.Field("tariff").Input.(*widgets.SearchEntry).Text; got != "Dollars B (USD)" {
		t.Fatalf("Adjust shows tariff %q", got)
	}
}

// The card batch dialog offers the same tariffs, the customer's by
// default, and the cards get the one chosen.
func TestCardBatchTariffChoice(t *testing.T) {
	c, store, id := eurCustomer(t)
	d := c.screens.openGenerateCards()
	if d.tariff.entry.Text != "Europe (EUR)" {
		t.Fatalf("default tariff %q", d.tariff.entry.Text)
	}
	fillCards(d, "2", "tc", "4", "6", "1", "")
	test.Tap(d.generate)
	if d.result == nil {
		t.Fatal("no cards")
	}
	a := accountByName(t, store, c, id, "tc0001")
	if a.TariffName != "Europe" {
		t.Fatalf("card %+v", a)
	}
}
