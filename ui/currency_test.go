package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// Every currency a picker offers has a name to show and to search by.
func TestEveryOfferedCurrencyHasAName(t *testing.T) {
	for _, c := range model.Currencies() {
		if i18n.CurrencyName(string(c)) == "" {
			t.Errorf("%s has no name: add it to i18n's currencyNames", c)
		}
	}
}

func TestCurrencyPickerOffersCurrentCodes(t *testing.T) {
	test.NewTempApp(t)
	for _, tt := range []struct{ typed, want string }{
		{"ves", "VES — Venezuelan Bolivar"},
		{"bolivar", "VES — Venezuelan Bolivar"},
		{"ZWG", "ZWG — Zimbabwe Gold"},
		{"mru", "MRU — Mauritanian Ouguiya"},
		{"sle", "SLE — Sierra Leonean Leone"},
	} {
		pick := widgets.NewCurrencyPicker("")
		pick.SetText(tt.typed)
		if opts := pick.Options(); !slices.Contains(opts, tt.want) {
			t.Errorf("typing %q offers %v, not %q", tt.typed, opts, tt.want)
		}
	}
	for _, typed := range []string{"hrk", "kuna", "vef", "clf", "xau"} {
		pick := widgets.NewCurrencyPicker("")
		pick.SetText(typed)
		if opts := pick.Options(); len(opts) != 0 {
			t.Errorf("typing %q offers %v", typed, opts)
		}
	}
}

// A tariff is saved in VES and a rate in ZWG through their forms; the
// rate's currency is then offered for an entry and an account, and IDR
// amounts show two places.
func TestNewCurrenciesThroughTheWindow(t *testing.T) {
	c, store, id := eurCustomer(t)
	c.showTariffs()
	w := c.tariffs
	w.EditTariff(nil)
	fd := uitest.OpenForm(w.Win)
	test.Type(fd.Form.Field("name").Input.(*widgets.Entry), "Caracas")
	fd.Form.Field("currency").Input.(*widgets.SearchEntry).SetText("VES — Venezuelan Bolivar")
	test.Tap(fd.Save)
	tariffs, err := store.Tariffs(context.Background(), c.session)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(tariffs, func(tr model.Tariff) bool { return tr.Name == "Caracas" && tr.Currency == "VES" }) {
		t.Fatalf("no VES tariff: %+v (error %q)", tariffs, fd.Form.ErrorText("currency"))
	}

	c.showExchangeRates()
	x := c.exchange
	x.EditRate("")
	fd = uitest.OpenForm(x.Win)
	fd.Form.Field("currency").Input.(*widgets.SearchEntry).SetText("zwg")
	test.Type(fd.Form.Field("rate").Input.(*widgets.Entry), "26.5")
	test.Tap(fd.Save)
	if r, ok := c.rates.Rate("ZWG"); !ok || !r.Equal(decimal.RequireFromString("26.5")) {
		t.Fatalf("ZWG rate %s %v (error %q)", r, ok, fd.Form.ErrorText("currency"))
	}

	c.showMaintenance()
	m := c.maintenance
	if !slices.Contains(m.Currency.Choices(), "ZWG") {
		t.Fatalf("Maintenance offers %v", m.Currency.Choices())
	}
	m.Currency.SetSelected("ZWG")
	m.Amount.SetText("265")
	test.Tap(m.Dialog.Save)
	// 265 ZWG = 10 USD = 9.20 EUR, on a balance of 10 EUR.
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.RequireFromString("19.2")) {
		t.Fatalf("balance %s after 265 ZWG", got)
	}

	c.addAccount()
	if fd := uitest.OpenForm(c.win); fd == nil || !slices.Contains(fd.Form.Field("currency").Input.(*widgets.SearchEntry).Choices(), "ZWG") {
		t.Fatal("the account form does not offer ZWG")
	}

	for _, tt := range []struct {
		code model.Currency
		want string
	}{
		{"IDR", "IDR 1,234,567.50"}, {"COP", "COP 1,234,567.50"}, {"PKR", "PKR 1,234,567.50"},
		{"JPY", "JPY 1,234,568"}, {"KWD", "KWD 1,234,567.500"}, {"VES", "VES 1,234,567.50"},
	} {
		if got := widgets.MoneyText(c.tr, decimal.RequireFromString("1234567.5"), tt.code); got != tt.want {
			t.Errorf("%s shows %q, want %q", tt.code, got, tt.want)
		}
	}
}

// A file that holds a tariff in HRK, written when HRK was current, opens:
// the tariff form shows HRK with its name and saves it unchanged, and the
// Exchange Rates window lists HRK without a rate.
