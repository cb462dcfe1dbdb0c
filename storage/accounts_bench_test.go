package storage

import (
	"context"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// BenchmarkGenerate100000Cards makes the largest batch the form allows,
// hashing included, and reports its time in seconds (target: under 30 s on
// two cores). Run it with -benchtime 1x: one batch is the figure.
func BenchmarkGenerate100000Cards(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, root, cs, _ := manual(b)
		b.StartTimer()
		start := time.Now()
		cards, err := s.GenerateCards(ctx, root, cs["C"].ID, model.CardBatch{Count: model.MaxCards, Prefix: "card",
			Digits: 8, PINLength: 8, Currency: "EUR", Balance: dec("10")}, nil)
		if err != nil || len(cards) != model.MaxCards {
			b.Fatalf("%d cards, %v", len(cards), err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/100k-cards")
	}
}
