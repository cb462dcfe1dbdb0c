package storage

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/branchbook/branchbook/model"
)

// TestCurrentCurrencies: codes ISO 4217 has added since golang.org/x/text's
// tables (2017) can be chosen for a tariff and get an exchange rate.
func TestCurrentCurrencies(t *testing.T) {
	ctx := context.Background()
	s, root := setUp(t)
	for _, code := range []string{"VES", "zwg", "MRU", "SLE", "XCG"} {
		tariff, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Tariff " + code, Currency: code})
		if err != nil {
			t.Fatalf("tariff in %s: %v", code, err)
		}
		r, err := s.SetExchangeRate(ctx, root, tariff.Currency, dec("36.5"))
		if err != nil || r.Currency != tariff.Currency {
			t.Fatalf("rate of %s: %+v %v", code, r, err)
		}
	}
	rates, err := s.ExchangeRates(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := rates.Rate("ZWG"); !ok || !r.Equal(dec("36.5")) {
		t.Errorf("ZWG rate %s %v", r, ok)
	}
	// Withdrawn codes and units that are no money are refused for new
	// tariffs and rates.
	for _, code := range []string{"HRK", "VEF", "CLF", "XAU"} {
		_, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Tariff " + code, Currency: code})
		if e := model.FieldErrors(err).For("currency"); e == nil || e.Code != model.CodeInvalid {
			t.Errorf("tariff in %s: %v", code, err)
		}
		_, err = s.SetExchangeRate(ctx, root, model.Currency(code), dec("2"))
		if e := model.FieldErrors(err).For("currency"); e == nil || e.Code != model.CodeInvalid {
			t.Errorf("rate of %s: %v", code, err)
		}
	}
}

// TestWithdrawnCurrencyInExistingFile: a file written when HRK was current
// (an earlier version saved the tariff) still opens, shows HRK, books in it
// and can give it a rate; new tariffs cannot take HRK.
func TestWithdrawnCurrencyInExistingFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	root, err := s.CreateRoot(ctx, rootInput())
	if err != nil {
		t.Fatal(err)
	}
	// What an earlier version wrote: a tariff in HRK, one in VEF no
	// customer uses, and a customer on the HRK tariff.
	for _, row := range [][2]string{{"Kuna", "HRK"}, {"Bolivar", "VEF"}} {
		if _, err := s.db.Exec(`INSERT INTO tariffs (owner_id, name, name_key, sort_key, currency, description, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, '', 'x', 'x')`, root.CustomerID, row[0], model.Key(row[0]), model.SortKey(row[0]), row[1]); err != nil {
			t.Fatal(err)
		}
	}
	tariffs, err := s.Tariffs(ctx, root)
	if err != nil || len(tariffs) != 2 {
		t.Fatalf("tariffs %+v %v", tariffs, err)
	}
	kuna := tariffs[0]
	if kuna.Currency != "HRK" {
		kuna = tariffs[1]
	}
	cust, err := s.CreateCustomer(ctx, root, root.CustomerID, customerInput("Zagreb Shop", kuna.ID))
	if err != nil {
		t.Fatalf("customer on an HRK tariff: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	root, err = s.SignIn(ctx, "owner", "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Customer(ctx, root, cust.ID)
	if err != nil || got.Currency != "HRK" || !got.Balance.Equal(dec("100.50")) {
		t.Fatalf("customer %+v %v", got, err)
	}
	if got.Currency.MinorUnits() != 2 {
		t.Errorf("HRK shows %d places", got.Currency.MinorUnits())
	}
	inUse, err := s.CurrenciesInUse(ctx, root)
	if err != nil || len(inUse) != 2 || inUse[0] != "HRK" || inUse[1] != "VEF" {
		t.Fatalf("currencies in use %v %v", inUse, err)
	}
	rates, err := s.ExchangeRates(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rates.ToUSD(got.Balance, got.Currency); model.FieldErrors(err).For("currency") == nil {
		t.Errorf("HRK without a rate converted: %v", err)
	}

	// Booking in HRK still works and the ledger adds up.
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cust.ID), model.EntryInput{Kind: model.EntryAddFunds,
		Amount: dec("20"), Currency: "HRK", Key: "hrk-1"}); err != nil {
		t.Fatalf("entry in HRK: %v", err)
	}
	if rep, err := s.Check(ctx); err != nil || !rep.OK() {
		t.Fatalf("check %+v %v", rep, err)
	}

	// The tariff keeps HRK when renamed; it cannot move to another
	// withdrawn code, and a new tariff cannot take HRK.
	if tr, err := s.UpdateTariff(ctx, root, kuna.ID, model.TariffInput{Name: "Kuna (old)", Currency: "hrk"}); err != nil || tr.Currency != "HRK" {
		t.Fatalf("rename HRK tariff: %+v %v", tr, err)
	}
	var bolivar model.Tariff
	for _, tr := range tariffs {
		if tr.Currency == "VEF" {
			bolivar = tr
		}
	}
	if _, err := s.UpdateTariff(ctx, root, bolivar.ID, model.TariffInput{Name: "Bolivar", Currency: "HRK"}); model.FieldErrors(err).For("currency") == nil {
		t.Errorf("VEF tariff moved to HRK: %v", err)
	}
	if tr, err := s.UpdateTariff(ctx, root, bolivar.ID, model.TariffInput{Name: "Bolivar", Currency: "VES"}); err != nil || tr.Currency != "VES" {
		t.Errorf("VEF tariff to VES: %+v %v", tr, err)
	}
	if _, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "New Kuna", Currency: "HRK"}); model.FieldErrors(err).For("currency") == nil {
		t.Errorf("new HRK tariff accepted: %v", err)
	}

	// HRK, still used, can get a rate (and a new one later); VEF, no longer
	// used by any tariff, cannot.
	for _, rate := range []string{"7.5345", "7.0"} {
		if _, err := s.SetExchangeRate(ctx, root, "hrk", dec(rate)); err != nil {
			t.Fatalf("rate %s of HRK: %v", rate, err)
		}
	}
	if _, err := s.SetExchangeRate(ctx, root, "VEF", dec("2")); model.FieldErrors(err).For("currency") == nil {
		t.Errorf("rate of unused VEF accepted: %v", err)
	}
	rates, _ = s.ExchangeRates(ctx, root)
	if r, ok := rates.Rate("HRK"); !ok || !r.Equal(dec("7")) {
		t.Errorf("HRK rate %s %v", r, ok)
	}
	if usd, err := rates.ToUSD(dec("120.50"), "HRK"); err != nil || usd.Sign() <= 0 {
		t.Errorf("HRK to USD %s %v", usd, err)
	}
}
