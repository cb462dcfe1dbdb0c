package tariffs

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	_ "github.com/branchbook/branchbook/i18n/localeenv" // no locale noise from Fyne
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
	"github.com/shopspring/decimal"
)

// shell stands for the window: it opens the tool windows and, as the
// window does, reads the rates again when they say something changed.
type shell struct {
	t        *testing.T
	app      fyne.App
	store    model.Store
	session  model.Session
	rates    model.RateTable
	tariffs  *Window
	exchange *ExchangeWindow
}

// setUpRoot makes a root customer in a new file and a shell signed in as it.
func setUpRoot(t *testing.T, firstTariff string) (*shell, model.Store) {
	t.Helper()
	store, err := storage.Open(filepath.Join(t.TempDir(), "tariffs.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	in := model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC", FirstTariff: firstTariff}
	if _, err := store.CreateRoot(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return newShell(t, store), store
}

func newShell(t *testing.T, store model.Store) *shell {
	t.Helper()
	sess, err := store.RootSession(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c := &shell{t: t, app: test.NewTempApp(t), store: store, session: sess}
	c.ratesChanged()
	return c
}

func (c *shell) env() widgets.Env {
	return widgets.Env{Win: c.app.NewWindow("main"), Tr: i18n.New(i18n.English), Background: func(f func()) { f() },
		Session: func() model.Session { return c.session }, Rates: func() model.RateTable { return c.rates },
		Zone: func() *time.Location { return time.UTC }}
}

func (c *shell) ratesChanged() {
	rates, err := c.store.ExchangeRates(context.Background(), c.session)
	if err != nil {
		c.t.Fatal(err)
	}
	c.rates = rates
	if c.exchange != nil {
		c.exchange.Reload()
	}
}

func (c *shell) showTariffs() {
	c.tariffs = ShowTariffs(c.app, c.env(), c.store, c.ratesChanged, func() { c.tariffs = nil })
}

func (c *shell) showExchangeRates() {
	c.exchange = ShowExchangeRates(c.app, c.env(), c.store, c.ratesChanged, func() { c.exchange = nil })
}

func TestTariffsWindowAddEditDelete(t *testing.T) {
	c, store := setUpRoot(t, "")
	c.showTariffs()
	w := c.tariffs
	if w == nil || len(w.tariffs) != 0 {
		t.Fatal("tariffs window did not open empty")
	}

	// Add: an empty name is refused next to the field, nothing saved.
	w.EditTariff(nil)
	fd := uitest.OpenForm(w.Win)
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("name"); got != "This field is required." {
		t.Fatalf("name error %q", got)
	}
	if list, _ := store.Tariffs(context.Background(), c.session); len(list) != 0 {
		t.Fatal("an invalid tariff was saved")
	}
	name := fd.Form.Field("name").Input.(*widgets.Entry)
	cur := fd.Form.Field("currency").Input.(*widgets.SearchEntry)
	test.Type(name, "Europe")
	cur.SetText("eur")
	test.Tap(fd.Save)
	if len(w.tariffs) != 1 || w.tariffs[0].Currency != "EUR" {
		t.Fatalf("tariffs after add: %+v (errors %q %q)", w.tariffs, fd.Form.ErrorText("name"), fd.Form.ErrorText("currency"))
	}

	// Duplicate name: the store's error shows under the name.
	w.EditTariff(nil)
	fd = uitest.OpenForm(w.Win)
	test.Type(fd.Form.Field("name").Input.(*widgets.Entry), "EUROPE")
	fd.Form.Field("currency").Input.(*widgets.SearchEntry).SetText("USD — US Dollar")
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("name"); got != "This is already in use; choose another." {
		t.Fatalf("duplicate error %q", got)
	}
	fd.Dialog.Hide()

	// Rates: add one with a German-looking number in English: refused as ambiguous.
	w.list.Select(0)
	w.editRate(nil)
	fd = uitest.OpenForm(w.Win)
	test.Type(fd.Form.Field("prefix").Input.(*widgets.Entry), "49")
	price := fd.Form.Field("price").Input.(*widgets.Entry)
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

	w.EditRate("EUR")
	fd := uitest.OpenForm(w.Win)
	rate := fd.Form.Field("rate").Input.(*widgets.Entry)
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
		f, err := os.Open(filepath.Join("..", "..", "testdata", "rates", name))
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
	// Cancel saves nothing either, nor does Escape, on the mode select or
	// with nothing focused.
	w.previewImport("bad_rows.csv", bad)
	test.Tap(w.preview.cancel)
	shown := len(w.Win.Canvas().Overlays().List()) // the note that nothing was imported
	pressKey := func(k fyne.KeyName) {
		if f := w.Win.Canvas().Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: k})
		} else {
			w.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
		}
	}
	w.previewImport("bad_rows.csv", bad)
	w.Win.Canvas().Focus(w.preview.mode)
	pressKey(fyne.KeyEscape)
	w.previewImport("bad_rows.csv", bad)
	w.Win.Canvas().Unfocus()
	pressKey(fyne.KeyEscape)
	if rates, _ := store.TariffRates(ctx, c.session, tariff.ID); len(rates) != 0 || len(w.Win.Canvas().Overlays().List()) != shown {
		t.Fatal("cancel or Escape saved rates, or left the preview open")
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
	w.Win.Canvas().Unfocus()
	pressKey(fyne.KeyReturn) // Enter imports, as the Import button does
	rates, _ = store.TariffRates(ctx, c.session, tariff.ID)
	if len(rates) < len(good.Valid()) {
		t.Fatalf("after good.csv: %d rates", len(rates))
	}
}

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

	c := newShell(t, store)
	c.showTariffs()
	w := c.tariffs
	if len(w.tariffs) != 1 || w.tariffs[0].Currency != "HRK" {
		t.Fatalf("tariffs %+v", w.tariffs)
	}
	w.EditTariff(&w.tariffs[0])
	fd := uitest.OpenForm(w.Win)
	cur := fd.Form.Field("currency").Input.(*widgets.SearchEntry)
	if cur.Text != "HRK — Croatian Kuna (withdrawn)" {
		t.Fatalf("currency shows %q", cur.Text)
	}
	name := fd.Form.Field("name").Input.(*widgets.Entry)
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
	x.EditRate("HRK")
	fd = uitest.OpenForm(x.Win)
	test.Type(fd.Form.Field("rate").Input.(*widgets.Entry), "7.5345")
	test.Tap(fd.Save)
	if r, ok := c.rates.Rate("HRK"); !ok || !r.Equal(decimal.RequireFromString("7.5345")) {
		t.Fatalf("HRK rate %s %v (error %q)", r, ok, fd.Form.ErrorText("currency"))
	}
}

// TestRatesShowWholeAtTheDefaultSize: in every language, the rate table's
// columns fit the Tariffs window at its default size, so no title is cut
// and no column needs the sideways scroll.
func TestRatesShowWholeAtTheDefaultSize(t *testing.T) {
	c, _ := setUpRoot(t, "yes")
	// Measured with Fyne's own theme (the program's, but for a font for
	// Chinese), not the test driver's smaller one.
	c.app.Settings().SetTheme(theme.DefaultTheme())
	for _, l := range i18n.Supported {
		env := c.env()
		env.Tr = i18n.New(l)
		w := ShowTariffs(c.app, env, c.store, c.ratesChanged, func() {})
		w.Win.Resize(fyne.NewSize(defaultWidth, defaultHeight))
		need := float32(0)
		for _, col := range rateColumns {
			need += widgets.ColumnWidth(env.Tr, col)
		}
		// A column's divider and the scroll bar take a little more.
		need += float32(len(rateColumns)) * 4
		if got := w.table.Size().Width; need > got {
			t.Errorf("%s: the rate columns need %.0f px, the table has %.0f", l, need, got)
		}
		w.Win.Close()
	}
}
