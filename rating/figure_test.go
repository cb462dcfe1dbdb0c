package rating

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// The worked chain of docs/rating.md ("The manual's figure"): Root owns A
// and B, A owns C, B owns E; the account c-desk belongs to C and e-phone to
// E. Each tariff below is the one that level is charged at.

// figureRate is one line of a tariff in the figure's example.
type figureRate struct {
	prefix, price, connect string
	first, next            int
	free                   *int
	from, ends             string // YYYY-MM-DD, UTC midnight; "" for open
}

func seconds(n int) *int { return &n }

type figureTariff struct {
	holder string
	rules  TariffRules
	rates  []figureRate
}

var figureTariffs = []figureTariff{
	{"A", TariffRules{ID: 1, Currency: "USD"}, []figureRate{
		{prefix: "1", price: "0.005", first: 6, next: 6},
		{prefix: "33", price: "0.012", first: 1, next: 1},
		{prefix: "336", price: "0.045", first: 1, next: 1},
		{prefix: "44", price: "0.010", first: 1, next: 1},
		{prefix: "447", price: "0.050", first: 1, next: 1},
		{prefix: "49", price: "0.011", first: 1, next: 1},
		{prefix: "81", price: "0.030", first: 1, next: 1},
	}},
	{"C", TariffRules{ID: 2, Currency: "EUR"}, []figureRate{
		{prefix: "1", price: "0.009", first: 30, next: 6},
		{prefix: "33", price: "0.018", first: 30, next: 6},
		{prefix: "336", price: "0.060", first: 30, next: 6},
		{prefix: "44", price: "0.015", first: 30, next: 6},
		{prefix: "4420", price: "0.012", first: 30, next: 6},
		{prefix: "447", price: "0.070", first: 30, next: 6, ends: "2026-12-01"},
		{prefix: "447", price: "0.065", first: 30, next: 6, from: "2026-12-01"},
		{prefix: "49", price: "0.016", first: 30, next: 6},
	}},
	{"c-desk", TariffRules{ID: 3, Currency: "EUR", GraceSeconds: 3}, []figureRate{
		{prefix: "1", price: "0.015", connect: "0.05", first: 60, next: 60},
		{prefix: "33", price: "0.030", connect: "0.05", first: 60, next: 60},
		{prefix: "336", price: "0.090", connect: "0.05", first: 60, next: 30, free: seconds(30)},
		{prefix: "44", price: "0.025", connect: "0.05", first: 60, next: 60},
		{prefix: "4420", price: "0.020", connect: "0.05", first: 60, next: 60},
		{prefix: "447", price: "0.120", connect: "0.05", first: 60, next: 30},
		{prefix: "49", price: "0.028", connect: "0.05", first: 60, next: 60},
		{prefix: "81", price: "0.150", connect: "0.05", first: 60, next: 60},
	}},
	{"B", TariffRules{ID: 4, Currency: "GBP"}, []figureRate{
		{prefix: "1", price: "0.004", first: 1, next: 1},
		{prefix: "33", price: "0.010", first: 1, next: 1},
		{prefix: "44", price: "0.008", first: 1, next: 1},
		{prefix: "447", price: "0.040", first: 1, next: 1},
		{prefix: "49", price: "0.009", first: 1, next: 1},
		{prefix: "81", price: "0.025", first: 1, next: 1},
	}},
	{"E", TariffRules{ID: 5, Currency: "GBP"}, []figureRate{
		{prefix: "1", price: "0.007", first: 30, next: 6},
		{prefix: "33", price: "0.014", first: 30, next: 6},
		{prefix: "44", price: "0.012", first: 30, next: 6},
		{prefix: "447", price: "0.055", first: 25, next: 8},
		{prefix: "49", price: "0.013", first: 30, next: 6},
		{prefix: "81", price: "0.040", first: 30, next: 6},
	}},
	{"e-phone", TariffRules{ID: 6, Currency: "GBP", GraceSeconds: 5}, []figureRate{
		{prefix: "1", price: "0.010", connect: "0.02", first: 60, next: 60},
		{prefix: "33", price: "0.025", connect: "0.02", first: 60, next: 60},
		{prefix: "44", price: "0.020", connect: "0.02", first: 60, next: 60, free: seconds(60)},
		{prefix: "447", price: "0.080", connect: "0.02", first: 60, next: 60},
		{prefix: "49", price: "0.022", connect: "0.02", first: 60, next: 60},
		{prefix: "81", price: "0.120", connect: "0.02", first: 60, next: 60},
	}},
}

// figureChains are the two accounts' chains, from the account up to the
// level below the root.
var figureChains = map[string][]string{
	"c-desk":  {"c-desk", "C", "A"},
	"e-phone": {"e-phone", "E", "B"},
}

type figureCall struct {
	account, number, start string
	seconds                int
	answered               bool
}

// figureCalls are the 20 calls of the worked chain.
var figureCalls = []figureCall{
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

func figureTime(t testing.TB, s, layout string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	v, err := time.Parse(layout, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// figureDecks builds every tariff of the figure into a deck by holder.
func figureDecks(t testing.TB) map[string]*Deck {
	t.Helper()
	decks := map[string]*Deck{}
	for _, ft := range figureTariffs {
		var rules []RateRule
		for i, r := range ft.rates {
			connect := r.connect
			if connect == "" {
				connect = "0"
			}
			rules = append(rules, RateRule{
				ID: model.ID(ft.rules.ID*100 + model.ID(i)), TariffID: ft.rules.ID, Prefix: r.prefix,
				Price: decimal.RequireFromString(r.price), ConnectFee: decimal.RequireFromString(connect),
				FirstInterval: r.first, NextInterval: r.next,
				FreeSeconds:   r.free,
				EffectiveFrom: figureTime(t, r.from, time.DateOnly),
				Ends:          figureTime(t, r.ends, time.DateOnly),
			})
		}
		d, err := NewDeck(ft.rules, rules)
		if err != nil {
			t.Fatalf("tariff of %s: %v", ft.holder, err)
		}
		decks[ft.holder] = d
	}
	return decks
}

// figureResult is one call of the figure, rated.
type figureResult struct {
	call    figureCall
	charges []Charge
	err     error
}

func rateFigure(t testing.TB) []figureResult {
	decks := figureDecks(t)
	var out []figureResult
	for _, fc := range figureCalls {
		var chain []*Deck
		for _, h := range figureChains[fc.account] {
			chain = append(chain, decks[h])
		}
		call := Call{Number: fc.number, Start: figureTime(t, fc.start, time.DateTime), Seconds: fc.seconds, Answered: fc.answered}
		charges, err := Rate(call, chain)
		out = append(out, figureResult{fc, charges, err})
	}
	return out
}

// figureTables renders the results as docs/rating.md shows them: one row
// per call, then the total each holder is charged.
func figureTables(results []figureResult) string {
	var b strings.Builder
	b.WriteString("| # | Account | Called number | Start (UTC) | Seconds | Account pays | Its customer pays | The owner above pays |\n")
	b.WriteString("| --: | --- | --- | --- | --: | --- | --- | --- |\n")
	type total struct {
		calls int
		micro int64
		cur   model.Currency
	}
	totals := map[string]*total{}
	for i, r := range results {
		answered := fmt.Sprint(r.call.seconds)
		if !r.call.answered {
			answered += " (unanswered)"
		}
		fmt.Fprintf(&b, "| %d | %s | `%s` | %s | %s |", i+1, r.call.account, r.call.number, r.call.start, answered)
		chain := figureChains[r.call.account]
		if r.err != nil {
			u := r.err.(*Unrated)
			where := "the call"
			if u.Level != WholeCall {
				where = chain[u.Level]
			}
			fmt.Fprintf(&b, " unrated: `%s` (%s) | — | — |\n", u.Reason, where)
			continue
		}
		for lvl, c := range r.charges {
			cell := fmt.Sprintf("%s · %d s · %s %s", c.Prefix, c.BilledSeconds, c.Cost().StringFixed(model.StorageScale), c.Currency)
			switch {
			case c.Grace && r.call.seconds == 0:
				cell += " (0 s)"
			case c.Grace:
				cell += " (grace)"
			}
			fmt.Fprintf(&b, " %s |", cell)
			tt := totals[chain[lvl]]
			if tt == nil {
				tt = &total{cur: c.Currency}
				totals[chain[lvl]] = tt
			}
			tt.calls++
			tt.micro += c.CostMicros
		}
		b.WriteString("\n")
	}
	b.WriteString("\n| Holder | Rated calls | Charged (one \"calls\" entry) |\n| --- | --: | --: |\n")
	for _, h := range []string{"c-desk", "C", "A", "e-phone", "E", "B"} {
		tt := totals[h]
		fmt.Fprintf(&b, "| %s | %d | %s %s |\n", h, tt.calls, model.FromMicros(tt.micro).StringFixed(model.StorageScale), tt.cur)
	}
	return b.String()
}

// docSection returns the text of docs/rating.md between the two markers.
func docSection(t *testing.T, begin, end string) string {
	t.Helper()
	doc, err := os.ReadFile("../docs/rating.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("docs/rating.md lacks %s … %s", begin, end)
	}
	return strings.TrimSpace(s[i+len(begin) : j])
}

// TestFigureChainMatchesDoc rates the 20 calls of docs/rating.md's worked
// chain and compares every level's prefix, billed seconds and cost, and
// every holder's total, with the tables in the document, character for
// character: the document is what an import in the real window is checked
// against.
func TestFigureChainMatchesDoc(t *testing.T) {
	got := strings.TrimSpace(figureTables(rateFigure(t)))
	want := docSection(t, "<!-- figure:begin -->", "<!-- figure:end -->")
	if got != want {
		t.Errorf("docs/rating.md's figure tables differ from the rating; the rating gives:\n\n%s\n", got)
	}
}

// TestFigureChainAgainstReference checks each charge of the figure against
// refCost, the rules written again the slow way.
func TestFigureChainAgainstReference(t *testing.T) {
	decks := figureDecks(t)
	for i, r := range rateFigure(t) {
		for lvl, c := range r.charges {
			d := decks[figureChains[r.call.account][lvl]]
			m, ok := d.Lookup(c.Prefix, figureTime(t, r.call.start, time.DateTime))
			if !ok {
				t.Fatalf("call %d level %d: no rate for the prefix %s", i+1, lvl, c.Prefix)
			}
			billed, cost := refBill(m.Billing, r.call.seconds)
			if billed != c.BilledSeconds || !cost.Equal(c.Cost()) {
				t.Errorf("call %d level %d: got %d s %s, reference %d s %s", i+1, lvl, c.BilledSeconds, c.Cost(), billed, cost)
			}
		}
	}
}
