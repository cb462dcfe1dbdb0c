package tariffs

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// TestTariffFormAllowances: the tariff form asks for grace and free
// seconds, refuses what is not 0 to 3600 under the field, saves them and
// shows them again.
func TestTariffFormAllowances(t *testing.T) {
	c, store := setUpRoot(t, "")
	c.showTariffs()
	w := c.tariffs
	w.EditTariff(nil)
	fd := uitest.OpenForm(w.Win)
	entry := func(key string) *widgets.Entry { return fd.Form.Field(key).Input.(*widgets.Entry) }
	if entry("grace_seconds").Text != "0" || entry("free_seconds").Text != "0" {
		t.Fatalf("a new tariff's allowances %q %q", entry("grace_seconds").Text, entry("free_seconds").Text)
	}
	test.Type(entry("name"), "Grace")
	fd.Form.Field("currency").Input.(*widgets.SearchEntry).SetText("EUR")
	entry("grace_seconds").SetText("5")
	entry("free_seconds").SetText("x")
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("free_seconds"); got != "Enter a whole number." {
		t.Fatalf("free seconds error %q", got)
	}
	entry("free_seconds").SetText("3601")
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("free_seconds"); got != "Use a number of seconds from 0 to 3600." {
		t.Fatalf("free seconds error %q", got)
	}
	if list, _ := store.Tariffs(context.Background(), c.session); len(list) != 0 {
		t.Fatal("an invalid tariff was saved")
	}
	entry("free_seconds").SetText("30")
	test.Tap(fd.Save)
	if len(w.tariffs) != 1 || w.tariffs[0].GraceSeconds != 5 || w.tariffs[0].FreeSeconds != 30 {
		t.Fatalf("tariffs %+v; error %q", w.tariffs, fd.Form.ErrorText("free_seconds"))
	}
	saved := w.tariffs[0]
	w.EditTariff(&saved)
	fd = uitest.OpenForm(w.Win)
	if entry("grace_seconds").Text != "5" || entry("free_seconds").Text != "30" {
		t.Fatalf("the form shows %q %q", entry("grace_seconds").Text, entry("free_seconds").Text)
	}
	entry("grace_seconds").SetText("0")
	test.Tap(fd.Save)
	if got, _ := store.Tariff(context.Background(), c.session, saved.ID); got.GraceSeconds != 0 || got.FreeSeconds != 30 {
		t.Fatalf("after the edit %+v", got)
	}
}

// TestRateFormPeriodsInTheUsersZone: the rate form's dates are midnight in
// the signed-in customer's zone, empty allowances take the tariff's, an
// overlap is refused under Effective from, and the table shows the period.
func TestRateFormPeriodsInTheUsersZone(t *testing.T) {
	c, store := setUpRoot(t, "Standard USD")
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	env := c.env()
	env.Zone = func() *time.Location { return berlin }
	w := ShowTariffs(c.app, env, store, c.ratesChanged, func() {})
	w.list.Select(0)
	tr := env.Tr

	w.editRate(nil)
	fd := uitest.OpenForm(w.Win)
	entry := func(key string) *widgets.Entry { return fd.Form.Field(key).Input.(*widgets.Entry) }
	if entry("effective_from").PlaceHolder != tr.DatePattern() {
		t.Fatalf("placeholder %q", entry("effective_from").PlaceHolder)
	}
	test.Type(entry("prefix"), "44")
	test.Type(entry("price"), "0.02")
	entry("effective_from").SetText("2026-06-01")
	entry("ends").SetText("2026-05-01")
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("ends"); got != "The end must be after the start." {
		t.Fatalf("ends error %q", got)
	}
	entry("effective_from").SetText("")
	entry("ends").SetText("2026-13-01")
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("ends"); !strings.HasPrefix(got, "Write the date as "+tr.DatePattern()) {
		t.Fatalf("ends error %q", got)
	}
	entry("ends").SetText("2026-06-01")
	test.Tap(fd.Save)
	june := time.Date(2026, 6, 1, 0, 0, 0, 0, berlin)
	if len(w.rates) != 1 || !w.rates[0].Ends.Equal(june) || !w.rates[0].EffectiveFrom.IsZero() || w.rates[0].GraceSeconds != nil {
		t.Fatalf("rates %+v; errors %q", w.rates, fd.Form.ErrorText("ends"))
	}

	// The next price, from a day too early: refused under Effective from.
	w.editRate(nil)
	fd = uitest.OpenForm(w.Win)
	test.Type(entry("prefix"), "44")
	test.Type(entry("price"), "0.03")
	entry("effective_from").SetText("2026-05-31")
	entry("free_seconds").SetText("10")
	test.Tap(fd.Save)
	if got := fd.Form.ErrorText("effective_from"); !strings.HasPrefix(got, "Another rate of this prefix is in force") {
		t.Fatalf("overlap error %q", got)
	}
	entry("effective_from").SetText(tr.Date(june, berlin))
	test.Tap(fd.Save)
	if len(w.rates) != 2 || !w.rates[1].EffectiveFrom.Equal(june) || w.rates[1].FreeSeconds == nil || *w.rates[1].FreeSeconds != 10 {
		t.Fatalf("rates %+v; error %q", w.rates, fd.Form.ErrorText("effective_from"))
	}

	cell := widget.NewLabel("")
	w.updateRateCell(widget.TableCellID{Row: 0, Col: 5}, cell)
	if want := "… – " + tr.Date(june, berlin); cell.Text != want {
		t.Fatalf("the first period shows %q, want %q", cell.Text, want)
	}
	w.updateRateCell(widget.TableCellID{Row: 1, Col: 5}, cell)
	if want := tr.Date(june, berlin) + " – …"; cell.Text != want {
		t.Fatalf("the second period shows %q, want %q", cell.Text, want)
	}
	w.updateRateCell(widget.TableCellID{Row: 1, Col: 4}, cell)
	if cell.Text != "60 / 60" {
		t.Fatalf("intervals %q", cell.Text)
	}

	// A bound that is not a midnight here (stored by an import in UTC)
	// stays as it was when the form is saved without touching its date.
	utc := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := w.rates[1]
	r.Prefix, r.ID, r.EffectiveFrom, r.Ends = "49", 0, utc, time.Time{}
	if _, err := store.SaveRate(context.Background(), c.session, w.tariffs[0].ID, r); err != nil {
		t.Fatal(err)
	}
	w.reloadRates()
	r = w.rates[2]
	w.editRate(&r)
	fd = uitest.OpenForm(w.Win)
	if entry("free_seconds").Text != "10" || entry("grace_seconds").Text != "" {
		t.Fatalf("allowances shown %q %q", entry("grace_seconds").Text, entry("free_seconds").Text)
	}
	entry("free_seconds").SetText("")
	test.Tap(fd.Save)
	if got := w.rates[2]; !got.EffectiveFrom.Equal(utc) || got.FreeSeconds != nil {
		t.Fatalf("after the edit %+v", got)
	}
}

// TestImportRatesWithPeriods: an old rates file without the new columns
// imports as before, and one with them imports grace and free seconds and
// dates that begin at midnight in the customer's zone.
func TestImportRatesWithPeriods(t *testing.T) {
	c, store := setUpRoot(t, "Standard USD")
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	env := c.env()
	env.Zone = func() *time.Location { return tokyo }
	w := ShowTariffs(c.app, env, store, c.ratesChanged, func() {})
	w.list.Select(0)
	tariff := w.tariffs[0]
	importFile := func(text string) {
		t.Helper()
		file, err := w.parseRates([]byte(text))
		if err != nil || len(file.Invalid()) != 0 {
			t.Fatalf("%+v %v", file.Invalid(), err)
		}
		w.previewImport("rates.csv", file)
		test.Tap(w.preview.doImport)
	}
	importFile("prefix,description,price,connect_fee,first_interval,next_interval\n81,Japan,0.05,0,60,60\n")
	rates, _ := store.TariffRates(context.Background(), c.session, tariff.ID)
	if len(rates) != 1 || rates[0].GraceSeconds != nil || !rates[0].EffectiveFrom.IsZero() || !rates[0].Ends.IsZero() {
		t.Fatalf("an old file: %+v", rates)
	}
	importFile("prefix;description;price;grace_seconds;free_seconds;effective_from;ends\n" +
		"81;Japan;0,05;;;;2026-04-01\n" +
		"81;Japan;0,04;3;;2026-04-01;\n")
	rates, _ = store.TariffRates(context.Background(), c.session, tariff.ID)
	april := time.Date(2026, 4, 1, 0, 0, 0, 0, tokyo)
	if len(rates) != 2 || !rates[0].Ends.Equal(april) || !rates[1].EffectiveFrom.Equal(april) ||
		rates[1].GraceSeconds == nil || *rates[1].GraceSeconds != 3 || rates[1].FreeSeconds != nil {
		t.Fatalf("a file with periods: %+v", rates)
	}
	// A bad date is a bad row, named by its column.
	file, err := w.parseRates([]byte("prefix,price,ends\n1,0.1,01.04.2026\n"))
	if err != nil || len(file.Invalid()) != 1 {
		t.Fatalf("%+v %v", file, err)
	}
	if got := w.rowProblem(file.Invalid()[0]); got != "Line 2 · Ends: Write the date as YYYY-MM-DD, or leave it empty." {
		t.Fatalf("problem %q", got)
	}
}
