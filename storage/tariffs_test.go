package storage

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

func setUp(t testing.TB) (*Store, model.Session) {
	t.Helper()
	s, _ := openTemp(t)
	sess, err := s.CreateRoot(context.Background(), rootInput())
	if err != nil {
		t.Fatal(err)
	}
	return s, sess
}

// addCustomerRow puts a customer on a tariff directly, until the store can
// add customers itself.
func addCustomerRow(t *testing.T, s *Store, parent model.Session, name string, tariff model.Tariff) {
	t.Helper()
	id := time.Now().UnixNano() % 1_000_000_000
	_, err := s.db.Exec(`INSERT INTO customers (id, parent_id, path, depth, name, name_key, language, time_zone,
		tariff_id, currency, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, 'en', 'UTC', ?, ?, 'x', 'x')`,
		id, parent.CustomerID, fmt.Sprintf("%s%d/", parent.Path, id), name, model.Key(name), tariff.ID, tariff.Currency)
	if err != nil {
		t.Fatal(err)
	}
}

func TestTariffRules(t *testing.T) {
	ctx := context.Background()
	s, root := setUp(t)
	eur, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Europe", Currency: "eur", Description: "EU"})
	if err != nil {
		t.Fatal(err)
	}
	if eur.Currency != "EUR" || eur.OwnerID != root.CustomerID {
		t.Fatalf("tariff %+v", eur)
	}
	// Names are unique per owner, whatever the case.
	if _, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "EUROPE", Currency: "USD"}); model.FieldErrors(err).For("name") == nil {
		t.Fatalf("duplicate name accepted: %v", err)
	}
	// Currency may change while nobody uses the tariff.
	if eur, err = s.UpdateTariff(ctx, root, eur.ID, model.TariffInput{Name: "Europe", Currency: "GBP"}); err != nil || eur.Currency != "GBP" {
		t.Fatalf("change currency of an unused tariff: %+v %v", eur, err)
	}
	eur, err = s.UpdateTariff(ctx, root, eur.ID, model.TariffInput{Name: "Europe", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	addCustomerRow(t, s, root, "Acme", eur)
	addCustomerRow(t, s, root, "Globex", eur)
	_, err = s.UpdateTariff(ctx, root, eur.ID, model.TariffInput{Name: "Europe", Currency: "USD"})
	if e := model.FieldErrors(err).For("currency"); e == nil || e.Code != model.CodeLocked {
		t.Fatalf("currency changed while in use: %v", err)
	}
	// Renaming stays possible.
	if eur, err = s.UpdateTariff(ctx, root, eur.ID, model.TariffInput{Name: "Europe 2026", Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	// Deleting a tariff in use says how many use it.
	err = s.DeleteTariff(ctx, root, eur.ID)
	var me *model.Error
	if !errors.As(err, &me) || me.Code != model.CodeInUse || me.Params["customers"] != 2 {
		t.Fatalf("delete of a used tariff: %v", err)
	}
	unused, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Spare", Currency: "JPY"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteTariff(ctx, root, unused.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tariff(ctx, root, unused.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("deleted tariff still found: %v", err)
	}
	// Archived, not gone; and its name is free again.
	var archived int
	if err := s.db.QueryRow("SELECT count(*) FROM tariffs WHERE id = ? AND archived_at IS NOT NULL", unused.ID).Scan(&archived); err != nil {
		t.Fatal(err)
	}
	if archived != 1 {
		t.Fatal("deleted tariff not archived")
	}
	if _, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Spare", Currency: "JPY"}); err != nil {
		t.Fatalf("name of an archived tariff not reusable: %v", err)
	}
	list, err := s.Tariffs(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "Europe 2026" || list[0].Customers != 2 {
		t.Fatalf("list %+v", list)
	}
	// Without the right, refused.
	var acme model.ID
	if err := s.db.QueryRow("SELECT id FROM customers WHERE name = 'Acme'").Scan(&acme); err != nil {
		t.Fatal(err)
	}
	noRights := sessionWith(t, s, acme, 0)
	if _, err := s.CreateTariff(ctx, noRights, model.TariffInput{Name: "X", Currency: "USD"}); !errors.Is(err, model.ErrNotPermitted) {
		t.Fatalf("create without right: %v", err)
	}
	if err := s.DeleteTariff(ctx, root, 999); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("delete of a missing tariff: %v", err)
	}
}

func TestFirstTariffAtSetup(t *testing.T) {
	s, _ := openTemp(t)
	root := createRootWith(t, s, "Standard USD")
	list, err := s.Tariffs(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Name != "Standard USD" || list[0].Currency != model.USD {
		t.Fatalf("tariffs after setup: %+v", list)
	}
}

func TestRates(t *testing.T) {
	ctx := context.Background()
	s, root := setUp(t)
	tr, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "World", Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.SaveRate(ctx, root, tr.ID, model.Rate{Prefix: "49", Description: "Germany",
		Price: decimal.RequireFromString("0.012345"), FirstInterval: 60, NextInterval: 6})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRate(ctx, root, tr.ID, model.Rate{Prefix: "49", Price: decimal.NewFromInt(1), FirstInterval: 1, NextInterval: 1}); model.FieldErrors(err).For("effective_from") == nil {
		t.Fatalf("duplicate prefix accepted: %v", err)
	}
	r.Price = decimal.RequireFromString("0.02")
	if _, err := s.SaveRate(ctx, root, tr.ID, r); err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveRate(ctx, root, tr.ID, model.Rate{Prefix: "4x", Price: decimal.RequireFromString("0.0000001"), FirstInterval: 60, NextInterval: 60})
	if es := model.FieldErrors(err); es.For("prefix") == nil || es.For("price") == nil {
		t.Fatalf("bad rate accepted: %v", err)
	}
	res, err := s.ImportRates(ctx, root, tr.ID, []model.Rate{
		{Prefix: "49", Price: decimal.RequireFromString("0.03"), FirstInterval: 60, NextInterval: 60},
		{Prefix: "44", Price: decimal.RequireFromString("0.01"), FirstInterval: 60, NextInterval: 60},
	})
	if err != nil || res.Added != 1 || res.Updated != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	// An invalid rate in an import saves nothing.
	_, err = s.ImportRates(ctx, root, tr.ID, []model.Rate{
		{Prefix: "33", Price: decimal.RequireFromString("0.01"), FirstInterval: 60, NextInterval: 60},
		{Prefix: "", Price: decimal.RequireFromString("0.01"), FirstInterval: 60, NextInterval: 60},
	})
	if e := model.FieldErrors(err).For("prefix"); e == nil || e.Code != model.CodeRequired {
		t.Fatalf("import with an empty prefix: %v, want %s on prefix", err, model.CodeRequired)
	}
	rates, err := s.TariffRates(ctx, root, tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rates) != 2 || rates[0].Prefix != "44" || !rates[1].Price.Equal(decimal.RequireFromString("0.03")) {
		t.Fatalf("rates %+v", rates)
	}
	if err := s.DeleteRate(ctx, root, tr.ID, rates[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteRate(ctx, root, tr.ID, rates[0].ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	if got, err := s.Tariff(ctx, root, tr.ID); err != nil || got.Rates != 1 {
		t.Fatalf("rate count %d (%v)", got.Rates, err)
	}
}

func TestImport50000Rates(t *testing.T) {
	ctx := context.Background()
	s, root := setUp(t)
	tr, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Big", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	rates := make([]model.Rate, 50_000)
	for i := range rates {
		rates[i] = model.Rate{Prefix: fmt.Sprint(100000 + i), Description: "Somewhere",
			Price: decimal.New(int64(i%9000+1), -5), FirstInterval: 60, NextInterval: 60}
	}
	start := time.Now()
	res, err := s.ImportRates(ctx, root, tr.ID, rates)
	if err != nil || res.Added != 50_000 {
		t.Fatalf("%+v %v", res, err)
	}
	t.Logf("imported 50,000 rates in %s", time.Since(start))
	got, err := s.TariffRates(ctx, root, tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 50_000 {
		t.Fatalf("%d rates read back", len(got))
	}
}

func BenchmarkImport50000Rates(b *testing.B) {
	ctx := context.Background()
	s, err := Open(b.TempDir() + "/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	root, err := s.CreateRoot(ctx, rootInput())
	if err != nil {
		b.Fatal(err)
	}
	rates := make([]model.Rate, 50_000)
	for i := range rates {
		rates[i] = model.Rate{Prefix: fmt.Sprint(100000 + i), Description: "Somewhere",
			Price: decimal.New(int64(i%9000+1), -5), FirstInterval: 60, NextInterval: 60}
	}
	n := 0
	for b.Loop() {
		n++
		tr, err := s.CreateTariff(ctx, root, model.TariffInput{Name: fmt.Sprint("Bench ", n), Currency: "EUR"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.ImportRates(ctx, root, tr.ID, rates); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/50k-import")
}

func TestExchangeRates(t *testing.T) {
	ctx := context.Background()
	s, root := setUp(t)
	table, err := s.ExchangeRates(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := table.Rate("EUR"); ok {
		t.Fatal("a rate out of nowhere")
	}
	if _, err := s.SetExchangeRate(ctx, root, "EUR", decimal.RequireFromString("0.95")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetExchangeRate(ctx, root, "EUR", decimal.RequireFromString("0.92")); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct {
		cur   model.Currency
		rate  string
		field string
		code  model.Code
	}{
		{"USD", "2", "currency", model.CodeFixed},
		{"EUR", "0", "rate", model.CodeOutOfRange},
		{"EUR", "-1", "rate", model.CodeOutOfRange},
		{"EUR", "1.234567890123", "rate", model.CodeTooPrecise},
		{"ZZZ", "1", "currency", model.CodeInvalid},
	} {
		_, err := s.SetExchangeRate(ctx, root, bad.cur, decimal.RequireFromString(bad.rate))
		if e := model.FieldErrors(err).For(bad.field); e == nil || e.Code != bad.code {
			t.Errorf("%s %s: %v, want %s on %s", bad.cur, bad.rate, err, bad.code, bad.field)
		}
	}
	table, err = s.ExchangeRates(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	rate, ok := table.Rate("EUR")
	if !ok || !rate.Equal(decimal.RequireFromString("0.92")) {
		t.Fatalf("EUR rate %s %v", rate, ok)
	}
	e, _ := table.Entry("EUR")
	if e.SetBy != "Switch Owner" || e.Inherited {
		t.Fatalf("entry %+v", e)
	}
	hist, err := s.ExchangeRateHistory(ctx, root, "EUR")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || !hist[0].Rate.Equal(decimal.RequireFromString("0.92")) || !hist[1].Rate.Equal(decimal.RequireFromString("0.95")) {
		t.Fatalf("history %+v", hist)
	}
	usd, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Std", Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	addCustomerRow(t, s, root, "Sub", usd)
	var sub model.ID
	if err := s.db.QueryRow("SELECT id FROM customers WHERE name = 'Sub'").Scan(&sub); err != nil {
		t.Fatal(err)
	}
	noRights := sessionWith(t, s, sub, model.AllRights&^model.RightExchangeRates)
	if _, err := s.SetExchangeRate(ctx, noRights, "EUR", decimal.NewFromInt(1)); !errors.Is(err, model.ErrNotPermitted) {
		t.Fatalf("set without right: %v", err)
	}
	// The stored text is exact.
	var text string
	if err := s.db.QueryRow("SELECT rate FROM exchange_rates ORDER BY id DESC LIMIT 1").Scan(&text); err != nil {
		t.Fatal(err)
	}
	if text != "0.92" {
		t.Fatalf("stored %q", text)
	}
}

func TestSubCustomerRateTableOverridesAndHidesOwner(t *testing.T) {
	ctx := context.Background()
	s, root := setUp(t)
	usd, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Std", Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	addCustomerRow(t, s, root, "Reseller", usd)
	var subID model.ID
	if err := s.db.QueryRow("SELECT id FROM customers WHERE name = 'Reseller'").Scan(&subID); err != nil {
		t.Fatal(err)
	}
	sub := sessionOf(t, s, subID)
	if _, err := s.SetExchangeRate(ctx, root, "EUR", decimal.RequireFromString("0.92")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetExchangeRate(ctx, root, "GBP", decimal.RequireFromString("0.79")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetExchangeRate(ctx, sub, "EUR", decimal.RequireFromString("0.9")); err != nil {
		t.Fatal(err)
	}

	table, err := s.ExchangeRates(ctx, sub)
	if err != nil {
		t.Fatal(err)
	}
	eur, _ := table.Entry("EUR")
	gbp, _ := table.Entry("GBP")
	if !eur.Rate.Equal(decimal.RequireFromString("0.9")) || eur.Inherited || eur.SetBy != "Reseller" {
		t.Fatalf("own EUR %+v", eur)
	}
	if !gbp.Rate.Equal(decimal.RequireFromString("0.79")) || !gbp.Inherited || gbp.SetBy != "" {
		t.Fatalf("inherited GBP must not name its setter: %+v", gbp)
	}
	// The root still sees its own EUR rate.
	rootTable, err := s.ExchangeRates(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := rootTable.Rate("EUR"); !r.Equal(decimal.RequireFromString("0.92")) {
		t.Fatalf("root EUR %s", r)
	}
	hist, err := s.ExchangeRateHistory(ctx, sub, "EUR")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hist {
		if h.SetBy == "Switch Owner" {
			t.Fatal("history names the owner")
		}
	}
}
