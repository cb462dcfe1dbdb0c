package storage

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// The manual's figure (docs/rating.md, section 7), set up in a store for
// tests of this package and of the packages above it: Root owns A (USD)
// and B (GBP); A owns C and D (EUR, both at the tariff A made for C); B
// owns E (GBP); the account c-desk
// belongs to C and e-phone to E, each level with the tariff of the
// figure's tables, and the 20 calls of its worked chain.

// Figure names what SetUpFigure made.
type Figure struct {
	// Sessions are signed-in sessions of Root, A, B, C, D and E, each
	// holding every right.
	Sessions  map[string]model.Session
	Customers map[string]model.ID // A, B, C, D and E
	Accounts  map[string]model.ID // c-desk and e-phone
	Tariffs   map[string]model.ID // the tariff each of A, B, C, E, c-desk and e-phone is charged at
}

// FigurePassword is the web password of every customer of the figure.
const FigurePassword = "figure pass"

type figureRate struct {
	prefix, price, connect string
	first, next            int
	free                   *int
	from, ends             string // YYYY-MM-DD, UTC midnight; "" for open
}

type figureTariff struct {
	holder, owner string
	currency      string
	grace         int
	rates         []figureRate
}

var figureTariffs = []figureTariff{
	{"A", "Root", "USD", 0, []figureRate{
		{prefix: "1", price: "0.005", first: 6, next: 6},
		{prefix: "33", price: "0.012", first: 1, next: 1},
		{prefix: "336", price: "0.045", first: 1, next: 1},
		{prefix: "44", price: "0.010", first: 1, next: 1},
		{prefix: "447", price: "0.050", first: 1, next: 1},
		{prefix: "49", price: "0.011", first: 1, next: 1},
		{prefix: "81", price: "0.030", first: 1, next: 1},
	}},
	{"B", "Root", "GBP", 0, []figureRate{
		{prefix: "1", price: "0.004", first: 1, next: 1},
		{prefix: "33", price: "0.010", first: 1, next: 1},
		{prefix: "44", price: "0.008", first: 1, next: 1},
		{prefix: "447", price: "0.040", first: 1, next: 1},
		{prefix: "49", price: "0.009", first: 1, next: 1},
		{prefix: "81", price: "0.025", first: 1, next: 1},
	}},
	{"C", "A", "EUR", 0, []figureRate{
		{prefix: "1", price: "0.009", first: 30, next: 6},
		{prefix: "33", price: "0.018", first: 30, next: 6},
		{prefix: "336", price: "0.060", first: 30, next: 6},
		{prefix: "44", price: "0.015", first: 30, next: 6},
		{prefix: "4420", price: "0.012", first: 30, next: 6},
		{prefix: "447", price: "0.070", first: 30, next: 6, ends: "2026-12-01"},
		{prefix: "447", price: "0.065", first: 30, next: 6, from: "2026-12-01"},
		{prefix: "49", price: "0.016", first: 30, next: 6},
	}},
	{"E", "B", "GBP", 0, []figureRate{
		{prefix: "1", price: "0.007", first: 30, next: 6},
		{prefix: "33", price: "0.014", first: 30, next: 6},
		{prefix: "44", price: "0.012", first: 30, next: 6},
		{prefix: "447", price: "0.055", first: 25, next: 8},
		{prefix: "49", price: "0.013", first: 30, next: 6},
		{prefix: "81", price: "0.040", first: 30, next: 6},
	}},
	{"c-desk", "C", "EUR", 3, []figureRate{
		{prefix: "1", price: "0.015", connect: "0.05", first: 60, next: 60},
		{prefix: "33", price: "0.030", connect: "0.05", first: 60, next: 60},
		{prefix: "336", price: "0.090", connect: "0.05", first: 60, next: 30, free: model.Seconds(30)},
		{prefix: "44", price: "0.025", connect: "0.05", first: 60, next: 60},
		{prefix: "4420", price: "0.020", connect: "0.05", first: 60, next: 60},
		{prefix: "447", price: "0.120", connect: "0.05", first: 60, next: 30},
		{prefix: "49", price: "0.028", connect: "0.05", first: 60, next: 60},
		{prefix: "81", price: "0.150", connect: "0.05", first: 60, next: 60},
	}},
	{"e-phone", "E", "GBP", 5, []figureRate{
		{prefix: "1", price: "0.010", connect: "0.02", first: 60, next: 60},
		{prefix: "33", price: "0.025", connect: "0.02", first: 60, next: 60},
		{prefix: "44", price: "0.020", connect: "0.02", first: 60, next: 60, free: model.Seconds(60)},
		{prefix: "447", price: "0.080", connect: "0.02", first: 60, next: 60},
		{prefix: "49", price: "0.022", connect: "0.02", first: 60, next: 60},
		{prefix: "81", price: "0.120", connect: "0.02", first: 60, next: 60},
	}},
}

// FigureCalls returns the 20 calls of the worked chain, in the table's
// order, with the ids fig-01 to fig-20 (testdata/calls/figure20.csv holds
// the same calls in the Branchbook layout).
func FigureCalls() []model.CallRecord {
	calls := []struct {
		account, number, start string
		seconds                int
		answered               bool
	}{
		{"c-desk", "+44 20 7946 0018", "2026-11-30 09:00:00", 95, true},
		{"c-desk", "00447700900123", "2026-11-30 09:05:00", 26, true},
		{"c-desk", "447700900123", "2026-12-01 10:00:00", 26, true},
		{"c-desk", "0033-1-40-20-50-50", "2026-12-01 10:30:00", 61, true},
		{"c-desk", "+33 6 12 34 56 78", "2026-12-01 11:00:00", 45, true},
		{"c-desk", "+1 (212) 555-0100", "2026-12-01 12:00:00", 600, true},
		{"c-desk", "+49 30 1234567", "2026-12-01 13:00:00", 2, true},
		{"c-desk", "+81 3 1234 5678", "2026-12-01 14:00:00", 120, true},
		{"c-desk", "+44 161 496 0000", "2026-12-01 15:00:00", 0, true},
		{"c-desk", "+44 20 7946 0999", "2026-12-01 16:00:00", 0, false},
		{"e-phone", "+44 20 7946 0018", "2026-11-30 09:00:00", 59, true},
		{"e-phone", "+44 20 7946 0018", "2026-11-30 10:00:00", 125, true},
		{"e-phone", "+447700900456", "2026-11-30 11:00:00", 26, true},
		{"e-phone", "+447700900456", "2026-12-01 09:00:00", 300, true},
		{"e-phone", "+1 415 555 0199", "2026-12-01 10:00:00", 61, true},
		{"e-phone", "+33 1 40 20 50 50", "2026-12-01 11:00:00", 4, true},
		{"e-phone", "+49 89 1234567", "2026-12-01 12:00:00", 3600, true},
		{"e-phone", "+81 90 1234 5678", "2026-12-01 13:00:00", 47, true},
		{"e-phone", "+7 495 123 4567", "2026-12-01 14:00:00", 30, true},
		{"e-phone", "*98", "2026-12-01 15:00:00", 10, true},
	}
	out := make([]model.CallRecord, len(calls))
	for i, c := range calls {
		start, err := time.Parse(time.DateTime, c.start)
		if err != nil {
			panic(err)
		}
		out[i] = model.CallRecord{ID: fmt.Sprintf("fig-%02d", i+1), Account: c.account, Called: c.number, Start: start,
			Answered: c.answered, Seconds: c.seconds, Line: i + 2}
	}
	return out
}

// FigureTotals are the figure's last table: what the import of the 20
// calls books on each holder, one "calls" entry each.
var FigureTotals = map[string]model.Money{
	"c-desk":  {Amount: decimal.RequireFromString("0.880000"), Currency: "EUR"},
	"C":       {Amount: decimal.RequireFromString("0.252500"), Currency: "EUR"},
	"A":       {Amount: decimal.RequireFromString("0.155484"), Currency: "USD"},
	"e-phone": {Amount: decimal.RequireFromString("2.120000"), Currency: "GBP"},
	"E":       {Amount: decimal.RequireFromString("1.173733"), Currency: "GBP"},
	"B":       {Amount: decimal.RequireFromString("0.806184"), Currency: "GBP"},
}

// RecordSource hands out records from a slice: a model.CallSource for
// tests and benchmarks.
type RecordSource struct {
	Records []model.CallRecord
	next    int
}

// Next returns the next record, or io.EOF after the last.
func (r *RecordSource) Next() (model.CallRecord, error) {
	if r.next >= len(r.Records) {
		return model.CallRecord{}, io.EOF
	}
	r.next++
	return r.Records[r.next-1], nil
}

// Skipped is 0: a slice has no malformed lines.
func (r *RecordSource) Skipped() int { return 0 }

// SetUpFigure builds the manual's figure in a store without a root yet.
func SetUpFigure(ctx context.Context, s *Store) (*Figure, error) {
	f := &Figure{Sessions: map[string]model.Session{}, Customers: map[string]model.ID{}, Accounts: map[string]model.ID{},
		Tariffs: map[string]model.ID{}}
	root, err := s.CreateRoot(ctx, model.RootInput{Name: "Root", WebLogin: "root", Password: FigurePassword,
		PasswordAgain: FigurePassword, Language: "en", TimeZone: "UTC"})
	if err != nil {
		return nil, fmt.Errorf("the root: %w", err)
	}
	f.Sessions["Root"] = root
	for cur, rate := range map[model.Currency]string{"EUR": "0.92", "GBP": "0.79"} {
		if _, err := s.SetExchangeRate(ctx, root, cur, decimal.RequireFromString(rate)); err != nil {
			return nil, err
		}
	}
	tariffs := map[string]figureTariff{}
	for _, t := range figureTariffs {
		tariffs[t.holder] = t
	}
	makeTariff := func(holder string) error {
		t := tariffs[holder]
		tr, err := s.CreateTariff(ctx, f.Sessions[t.owner], model.TariffInput{Name: holder + " tariff", Currency: t.currency,
			GraceSeconds: t.grace})
		if err != nil {
			return fmt.Errorf("%s's tariff: %w", holder, err)
		}
		f.Tariffs[holder] = tr.ID
		var rates []model.Rate
		for _, r := range t.rates {
			rate := model.Rate{Prefix: r.prefix, Price: decimal.RequireFromString(r.price), ConnectFee: decimal.Zero,
				FirstInterval: r.first, NextInterval: r.next, FreeSeconds: r.free}
			if r.connect != "" {
				rate.ConnectFee = decimal.RequireFromString(r.connect)
			}
			if r.from != "" {
				rate.EffectiveFrom, _ = time.Parse(time.DateOnly, r.from)
			}
			if r.ends != "" {
				rate.Ends, _ = time.Parse(time.DateOnly, r.ends)
			}
			rates = append(rates, rate)
		}
		if _, err := s.ImportRates(ctx, f.Sessions[t.owner], tr.ID, rates); err != nil {
			return fmt.Errorf("%s's rates: %w", holder, err)
		}
		return nil
	}
	addCustomer := func(name, owner, tariff string) error {
		parent := root.CustomerID
		if owner != "Root" {
			parent = f.Customers[owner]
		}
		login := "fig." + name
		c, err := s.CreateCustomer(ctx, f.Sessions[owner], parent, model.CustomerInput{Name: name, TariffID: f.Tariffs[tariff],
			TimeZone: "UTC", WebLogin: login, Password: FigurePassword, PasswordAgain: FigurePassword, Language: "en",
			Balance: decimal.Zero, CreditLimit: decimal.Zero})
		if err != nil {
			return fmt.Errorf("customer %s: %w", name, err)
		}
		f.Customers[name] = c.ID
		if err := s.SetRights(ctx, f.Sessions[owner], c.ID, model.AllRights); err != nil {
			return fmt.Errorf("rights of %s: %w", name, err)
		}
		sess, err := s.SignIn(ctx, login, FigurePassword)
		if err != nil {
			return fmt.Errorf("signing in %s: %w", name, err)
		}
		f.Sessions[name] = sess
		return nil
	}
	steps := []func() error{
		func() error { return makeTariff("A") },
		func() error { return makeTariff("B") },
		func() error { return addCustomer("A", "Root", "A") },
		func() error { return addCustomer("B", "Root", "B") },
		func() error { return makeTariff("C") },
		func() error { return makeTariff("E") },
		func() error { return addCustomer("C", "A", "C") },
		func() error { return addCustomer("D", "A", "C") },
		func() error { return addCustomer("E", "B", "E") },
		func() error { return makeTariff("c-desk") },
		func() error { return makeTariff("e-phone") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	for _, a := range []struct{ name, customer string }{{"c-desk", "C"}, {"e-phone", "E"}} {
		t := tariffs[a.name]
		acct, err := s.CreateAccount(ctx, f.Sessions[a.customer], f.Customers[a.customer], model.AccountInput{Username: a.name,
			Password: FigurePassword, PasswordAgain: FigurePassword, Currency: model.Currency(t.currency),
			TariffID: f.Tariffs[a.name], Balance: decimal.Zero, CreditLimit: decimal.Zero})
		if err != nil {
			return nil, fmt.Errorf("account %s: %w", a.name, err)
		}
		f.Accounts[a.name] = acct.ID
	}
	return f, nil
}

// Holder returns the ledger of a customer or an account of the figure by
// its name.
func (f *Figure) Holder(name string) model.Holder {
	if id, ok := f.Accounts[name]; ok {
		return model.AccountLedger(id)
	}
	return model.CustomerLedger(f.Customers[name])
}
