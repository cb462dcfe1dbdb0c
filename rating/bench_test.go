package rating

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// randomDeck is a deck of n distinct random prefixes of 1 to 8 digits,
// with random prices; the generator is seeded so runs compare.
func randomDeck(b *testing.B, n int, rng *rand.Rand) *Deck {
	b.Helper()
	seen := make(map[string]bool, n)
	rules := make([]RateRule, 0, n)
	for len(rules) < n {
		p := strconv.Itoa(1 + rng.IntN(9))
		for l := rng.IntN(8); l > 0; l-- {
			p += strconv.Itoa(rng.IntN(10))
		}
		if seen[p] {
			continue
		}
		seen[p] = true
		rules = append(rules, RateRule{
			ID: model.ID(len(rules) + 1), Prefix: p,
			Price: decimal.New(rng.Int64N(1_000_000), -6), FirstInterval: 60, NextInterval: 60,
		})
	}
	d, err := NewDeck(TariffRules{ID: 1, Currency: "EUR"}, rules)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// randomNumbers is n random 11- and 12-digit numbers.
func randomNumbers(n int, rng *rand.Rand) []string {
	out := make([]string, n)
	for i := range out {
		s := strconv.Itoa(1 + rng.IntN(9))
		for l := 10 + rng.IntN(2); l > 0; l-- {
			s += strconv.Itoa(rng.IntN(10))
		}
		out[i] = s
	}
	return out
}

// BenchmarkLookup: 1,000,000 lookups over a deck of 50,000 random
// prefixes per b.N round (docs/rating.md, "Speed").
func BenchmarkLookup(b *testing.B) {
	rng := rand.New(rand.NewPCG(16, 1))
	deck := randomDeck(b, 50_000, rng)
	numbers := randomNumbers(1_000_000, rng)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	found := 0
	for b.Loop() {
		for _, n := range numbers {
			if _, ok := deck.Lookup(n, at); ok {
				found++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(numbers)), "ns/lookup")
	b.ReportMetric(float64(found)/float64(b.N*len(numbers)), "matched/lookup")
}

// BenchmarkRateChain: 1,000,000 calls, each rated at three levels of
// 50,000 random prefixes, numbers written with "+" and spaces, one charge
// buffer reused as an importer would.
func BenchmarkRateChain(b *testing.B) {
	rng := rand.New(rand.NewPCG(16, 2))
	chain := []*Deck{randomDeck(b, 50_000, rng), randomDeck(b, 50_000, rng), randomDeck(b, 50_000, rng)}
	numbers := randomNumbers(1_000_000, rng)
	for i, n := range numbers {
		numbers[i] = "+" + n[:2] + " " + n[2:]
	}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	buf := make([]Charge, 0, len(chain))
	var err error
	unrated := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i, n := range numbers {
			// A random number no deck has a rate for is unrated: a
			// result like a charge, counted and reported below.
			if buf, err = AppendRate(buf[:0], Call{Number: n, Start: at, Seconds: i % 600, Answered: true}, chain); err != nil {
				unrated++
			}
		}
	}
	b.ReportMetric(float64(unrated)/float64(b.N*len(numbers)), "unrated/call")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(numbers)), "ns/call")
}
