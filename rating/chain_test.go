package rating

import (
	"errors"
	"testing"
	"time"
)

// chainDecks is a three-level chain for the R examples: the account's
// tariff (EUR, connect fee 0.05, grace 3), its customer's (EUR, 30/6) and
// the owner's (USD, 1/1), the owner lacking 81.
func chainDecks(t *testing.T) []*Deck {
	t.Helper()
	account, err := NewDeck(TariffRules{ID: 3, Currency: "EUR", GraceSeconds: 3}, []RateRule{
		func() RateRule { r := rule("44", "0.025"); r.ConnectFee = r.Price.Add(r.Price); return r }(),
		rule("81", "0.15"),
	})
	if err != nil {
		t.Fatal(err)
	}
	customer, err := NewDeck(TariffRules{ID: 2, Currency: "EUR"}, []RateRule{
		func() RateRule { r := rule("44", "0.015"); r.FirstInterval, r.NextInterval = 30, 6; return r }(),
		rule("81", "0.10"),
	})
	if err != nil {
		t.Fatal(err)
	}
	owner, err := NewDeck(TariffRules{ID: 1, Currency: "USD"}, []RateRule{
		func() RateRule { r := rule("44", "0.010"); r.FirstInterval, r.NextInterval = 1, 1; return r }(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return []*Deck{account, customer, owner}
}

var chainStart = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// TestRateChainExamples: docs/rating.md, "The chain", examples R1 to R8.
func TestRateChainExamples(t *testing.T) {
	decks := chainDecks(t)
	type level struct {
		prefix string
		billed int
		cost   string
	}
	for _, tc := range []struct {
		name   string
		call   Call
		chain  []*Deck
		want   []level
		reason Reason
		level  int
	}{
		{"R1 every level at its own tariff", Call{"+44 20 7946 0018", chainStart, 95, true}, decks,
			[]level{{"44", 120, "0.1"}, {"44", 96, "0.024"}, {"44", 95, "0.015833"}}, "", 0},
		{"R2 grace at one level only", Call{"+44 20 7946 0018", chainStart, 2, true}, decks,
			[]level{{"44", 0, "0"}, {"44", 30, "0.0075"}, {"44", 2, "0.000333"}}, "", 0},
		{"R3 a level without a rate leaves the whole call unrated", Call{"+81 3 1234 5678", chainStart, 60, true}, decks,
			nil, ReasonNoRate, 2},
		{"R4 unanswered", Call{"+44 20 7946 0018", chainStart, 30, false}, decks, nil, ReasonUnanswered, WholeCall},
		{"R5 a negative duration", Call{"+44 20 7946 0018", chainStart, -1, true}, decks, nil, ReasonNegativeDuration, WholeCall},
		{"R5 longer than 31 days", Call{"+44 20 7946 0018", chainStart, MaxCallSeconds + 1, true}, decks, nil, ReasonDurationTooLong, WholeCall},
		{"R6 a number that is not one", Call{"*98", chainStart, 30, true}, decks, nil, ReasonNumberInvalid, WholeCall},
		{"R6 no digits", Call{"+", chainStart, 30, true}, decks, nil, ReasonNumberEmpty, WholeCall},
		{"R7 a level without a tariff", Call{"+44 20 7946 0018", chainStart, 30, true}, []*Deck{decks[0], nil}, nil, ReasonNoTariff, 1},
		{"R7 an empty chain", Call{"+44 20 7946 0018", chainStart, 30, true}, nil, nil, ReasonNoTariff, 0},
		{"R8 an account directly under the root: one level", Call{"442079460018", chainStart, 61, true}, decks[:1],
			[]level{{"44", 120, "0.1"}}, "", 0},
		{"R8 0 s answered: rated, free at every level", Call{"442079460018", chainStart, 0, true}, decks,
			[]level{{"44", 0, "0"}, {"44", 0, "0"}, {"44", 0, "0"}}, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Rate(tc.call, tc.chain)
			if tc.reason != "" {
				var u *Unrated
				if !errors.As(err, &u) || u.Reason != tc.reason || u.Level != tc.level || len(got) != 0 {
					t.Fatalf("Rate = %v, %v; want unrated %s at %d", got, err, tc.reason, tc.level)
				}
				return
			}
			if err != nil || len(got) != len(tc.want) {
				t.Fatalf("Rate = %v, %v", got, err)
			}
			for i, w := range tc.want {
				c := got[i]
				if c.Prefix != w.prefix || c.BilledSeconds != w.billed || c.CostMicros != micros(t, w.cost) {
					t.Errorf("level %d: %s %d s %s; want %s %d s %s", i, c.Prefix, c.BilledSeconds, c.Cost(), w.prefix, w.billed, w.cost)
				}
				if c.Currency != tc.chain[i].Tariff().Currency || c.TariffID != tc.chain[i].Tariff().ID {
					t.Errorf("level %d charged in %s of tariff %d", i, c.Currency, c.TariffID)
				}
			}
		})
	}
}

// TestAppendRateKeepsDst: an unrated call appends nothing, a rated one
// appends one charge per level after what dst held.
func TestAppendRateKeepsDst(t *testing.T) {
	decks := chainDecks(t)
	dst := []Charge{{Prefix: "kept"}}
	dst, err := AppendRate(dst, Call{"+81 3", chainStart, 60, true}, decks)
	if err == nil || len(dst) != 1 {
		t.Fatalf("unrated: %v, %d charges", err, len(dst))
	}
	dst, err = AppendRate(dst, Call{"+44 20", chainStart, 60, true}, decks)
	if err != nil || len(dst) != 4 || dst[0].Prefix != "kept" {
		t.Fatalf("rated: %v, %v", err, dst)
	}
}

// TestAppendRateAllocatesNothing: an importer reusing its buffer rates a
// call with separators in its number without allocating.
func TestAppendRateAllocatesNothing(t *testing.T) {
	decks := chainDecks(t)
	buf := make([]Charge, 0, len(decks))
	call := Call{"+44 (20) 7946-0018", chainStart, 95, true}
	if n := testing.AllocsPerRun(100, func() {
		if _, err := AppendRate(buf[:0], call, decks); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("%v allocations", n)
	}
}
