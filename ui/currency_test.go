package ui

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
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
	w.editTariff(nil)
	fd := openForm(w.win)
	test.Type(fd.Form.Field("name").Input.(*widget.Entry), "Caracas")
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
	x.editRate("")
	fd = openForm(x.win)
	fd.Form.Field("currency").Input.(*widgets.SearchEntry).SetText("zwg")
	test.Type(fd.Form.Field("rate").Input.(*widget.Entry), "26.5")
	test.Tap(fd.Save)
	if r, ok := c.rates.Rate("ZWG"); !ok || !r.Equal(decimal.RequireFromString("26.5")) {
		t.Fatalf("ZWG rate %s %v (error %q)", r, ok, fd.Form.ErrorText("currency"))
	}

	c.showMaintenance()
	m := c.maintenance
	if !slices.Contains(m.Currency.Options, "ZWG") {
		t.Fatalf("Maintenance offers %v", m.Currency.Options)
	}
	m.Currency.SetSelected("ZWG")
	m.Amount.SetText("265")
	test.Tap(m.Dialog.Save)
	// 265 ZWG = 10 USD = 9.20 EUR, on a balance of 10 EUR.
	if got := balanceOf(t, store, c, id); !got.Equal(decimal.RequireFromString("19.2")) {
		t.Fatalf("balance %s after 265 ZWG", got)
	}

	c.addAccount()
	if f := c.accountForm; f == nil || !slices.Contains(f.currency.Options, "ZWG") {
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
func TestWithdrawnCurrencyInAnOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	store, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	in := model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC"}
	if _, err := store.CreateRoot(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`INSERT INTO tariffs (owner_id, name, name_key, currency, description, created_at, updated_at)
		SELECT id, 'Kuna', 'kuna', 'HRK', '', 'x', 'x' FROM customers WHERE parent_id IS NULL`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	c := newTestController(t, store)
	c.showTariffs()
	w := c.tariffs
	if len(w.tariffs) != 1 || w.tariffs[0].Currency != "HRK" {
		t.Fatalf("tariffs %+v", w.tariffs)
	}
	w.editTariff(&w.tariffs[0])
	fd := openForm(w.win)
	cur := fd.Form.Field("currency").Input.(*widgets.SearchEntry)
	if cur.Text != "HRK — Croatian Kuna (withdrawn)" {
		t.Fatalf("currency shows %q", cur.Text)
	}
	name := fd.Form.Field("name").Input.(*widget.Entry)
	name.SetText("Kuna (old)")
	test.Tap(fd.Save)
	if len(w.tariffs) != 1 || w.tariffs[0].Name != "Kuna (old)" || w.tariffs[0].Currency != "HRK" {
		t.Fatalf("after rename %+v (errors %q %q)", w.tariffs, fd.Form.ErrorText("name"), fd.Form.ErrorText("currency"))
	}

	c.showExchangeRates()
	x := c.exchange
	if len(x.rows) != 2 || x.rows[1].currency != "HRK" || x.rows[1].hasRate {
		t.Fatalf("rows %+v", x.rows)
	}
	cell := widget.NewLabel("")
	x.updateCell(widget.TableCellID{Row: 1, Col: 2}, cell)
	if cell.Text != "no rate" {
		t.Fatalf("HRK without a rate shows %q", cell.Text)
	}
	// HRK can get a rate, so balances in it convert again.
	x.editRate("HRK")
	fd = openForm(x.win)
	test.Type(fd.Form.Field("rate").Input.(*widget.Entry), "7.5345")
	test.Tap(fd.Save)
	if r, ok := c.rates.Rate("HRK"); !ok || !r.Equal(decimal.RequireFromString("7.5345")) {
		t.Fatalf("HRK rate %s %v (error %q)", r, ok, fd.Form.ErrorText("currency"))
	}
}
