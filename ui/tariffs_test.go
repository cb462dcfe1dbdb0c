package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// setUpRoot makes a root customer in store and returns a controller
// showing it.
func setUpRoot(t *testing.T, firstTariff string) (*Controller, model.Store) {
	t.Helper()
	store := openStore(t)
	in := model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC", FirstTariff: firstTariff}
	if _, err := store.CreateRoot(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return newTestController(t, store), store
}

func TestTariffsWindowAddEditDelete(t *testing.T) {
	c, store := setUpRoot(t, "")
	c.showTariffs()
	w := c.tariffs
	if w == nil || len(w.tariffs) != 0 {
		t.Fatal("tariffs window did not open empty")
	}

	// Add: an empty name is refused next to the field, nothing saved.
	w.editTariff(nil)
	fd := openForm(w.win)
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("name"); got != "This field is required." {
		t.Fatalf("name error %q", got)
	}
	if list, _ := store.Tariffs(context.Background(), c.session); len(list) != 0 {
		t.Fatal("an invalid tariff was saved")
	}
	name := fd.Form.Field("name").Input.(*widget.Entry)
	cur := fd.Form.Field("currency").Input.(*widgets.SearchEntry)
	test.Type(name, "Europe")
	cur.SetText("eur")
	test.Tap(fd.Save)
	if len(w.tariffs) != 1 || w.tariffs[0].Currency != "EUR" {
		t.Fatalf("tariffs after add: %+v (errors %q %q)", w.tariffs, fd.Form.ErrorText("name"), fd.Form.ErrorText("currency"))
	}

	// Duplicate name: the store's error shows under the name.
	w.editTariff(nil)
	fd = openForm(w.win)
	test.Type(fd.Form.Field("name").Input.(*widget.Entry), "EUROPE")
	fd.Form.Field("currency").Input.(*widgets.SearchEntry).SetText("USD — US Dollar")
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("name"); got != "This is already in use; choose another." {
		t.Fatalf("duplicate error %q", got)
	}
	fd.Dialog.Hide()

	// Rates: add one with a German-looking number in English: refused as ambiguous.
	w.list.Select(0)
	w.editRate(nil)
	fd = openForm(w.win)
	test.Type(fd.Form.Field("prefix").Input.(*widget.Entry), "49")
	price := fd.Form.Field("price").Input.(*widget.Entry)
	test.Type(price, "0,5")
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("price"); !strings.Contains(got, "could be read two ways") {
		t.Fatalf("price error %q", got)
	}
	price.SetText("0.0123")
	test.Tap(fd.Save)
	if len(w.rates) != 1 || !w.rates[0].Price.Equal(decimal.RequireFromString("0.0123")) {
		t.Fatalf("rates %+v; errors %q", w.rates, fd.Form.ErrorText("price"))
	}
	if w.tariffs[0].Rates != 1 {
		t.Fatalf("rate count not refreshed: %+v", w.tariffs[0])
	}

	// Delete asks first; the tariff is archived.
	w.deleteTariff()
	if len(w.tariffs) != 1 {
		t.Fatal("deleted without confirmation")
	}
	if err := store.DeleteTariff(context.Background(), c.session, w.tariffs[0].ID); err != nil {
		t.Fatal(err)
	}
	w.reload()
	if len(w.tariffs) != 0 {
		t.Fatal("deleted tariff still listed")
	}
}

func TestExchangeRatesWindow(t *testing.T) {
	c, store := setUpRoot(t, "Standard USD")
	ctx := context.Background()
	if _, err := store.CreateTariff(ctx, c.session, model.TariffInput{Name: "Europe", Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	c.showExchangeRates()
	w := c.exchange
	if len(w.rows) != 2 || w.rows[0].currency != "USD" || w.rows[1].currency != "EUR" || w.rows[1].hasRate {
		t.Fatalf("rows %+v", w.rows)
	}
	cell := widget.NewLabel("")
	w.updateCell(widget.TableCellID{Row: 1, Col: 2}, cell)
	if cell.Text != "no rate" {
		t.Fatalf("EUR without a rate shows %q", cell.Text)
	}
	w.updateCell(widget.TableCellID{Row: 0, Col: 2}, cell)
	if cell.Text != "1.00" {
		t.Fatalf("USD shows %q", cell.Text)
	}

	w.editRate("EUR")
	fd := openForm(w.win)
	rate := fd.Form.Field("rate").Input.(*widget.Entry)
	test.Type(rate, "0")
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("rate"); got != "The rate must be greater than 0." {
		t.Fatalf("zero rate error %q", got)
	}
	rate.SetText("0.92")
	test.Tap(fd.Save)
	if r, ok := c.rates.Rate("EUR"); !ok || !r.Equal(decimal.RequireFromString("0.92")) {
		t.Fatalf("EUR rate after save: %s %v; error %q", r, ok, fd.Form.ErrorText("rate"))
	}
	w.updateCell(widget.TableCellID{Row: 1, Col: 3}, cell)
	if cell.Text != "1.086957" {
		t.Fatalf("1 EUR in USD shows %q", cell.Text)
	}
	w.updateCell(widget.TableCellID{Row: 1, Col: 5}, cell)
	if cell.Text != "Switch Owner" {
		t.Fatalf("set by %q", cell.Text)
	}
}

func TestImportRatesPreview(t *testing.T) {
	c, store := setUpRoot(t, "Standard USD")
	ctx := context.Background()
	c.showTariffs()
	w := c.tariffs
	w.list.Select(0)
	tariff := w.tariffs[0]
	read := func(name string) model.RatesFile {
		f, err := os.Open(filepath.Join("..", "testdata", "rates", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		file, err := model.ParseRatesCSV(f)
		if err != nil {
			t.Fatal(err)
		}
		return file
	}
	bad := read("bad_rows.csv")
	if len(bad.Invalid()) == 0 || len(bad.Valid()) == 0 {
		t.Fatalf("fixture has %d valid and %d invalid rows", len(bad.Valid()), len(bad.Invalid()))
	}
	for _, row := range bad.Invalid() {
		if text := w.rowProblem(row); !strings.HasPrefix(text, "Line ") || strings.Contains(text, "%!") {
			t.Errorf("problem text %q", text)
		}
	}

	// All or nothing, with bad rows: nothing is saved.
	w.previewImport("bad_rows.csv", bad)
	w.preview.mode.SetSelected(w.preview.mode.Options[importAllOrNothing])
	test.Tap(w.preview.doImport)
	if rates, _ := store.TariffRates(ctx, c.session, tariff.ID); len(rates) != 0 {
		t.Fatalf("all-or-nothing saved %d rates", len(rates))
	}
	// Cancel saves nothing either.
	w.previewImport("bad_rows.csv", bad)
	test.Tap(w.preview.cancel)
	if rates, _ := store.TariffRates(ctx, c.session, tariff.ID); len(rates) != 0 {
		t.Fatal("cancel saved rates")
	}
	// Valid rows only.
	w.previewImport("bad_rows.csv", bad)
	test.Tap(w.preview.doImport)
	rates, _ := store.TariffRates(ctx, c.session, tariff.ID)
	if len(rates) != len(bad.Valid()) || len(w.rates) != len(rates) {
		t.Fatalf("imported %d rates (window shows %d), want %d", len(rates), len(w.rates), len(bad.Valid()))
	}
	// A good file updates what is there and adds the rest.
	good := read("good.csv")
	w.previewImport("good.csv", good)
	test.Tap(w.preview.doImport)
	rates, _ = store.TariffRates(ctx, c.session, tariff.ID)
	if len(rates) < len(good.Valid()) {
		t.Fatalf("after good.csv: %d rates", len(rates))
	}
}
