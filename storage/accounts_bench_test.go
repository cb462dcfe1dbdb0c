package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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

// BenchmarkAccountsPage reads the Accounts tab's first page (the count and
// the first 200 by username, as the window asks) of a customer with 100,000
// accounts, each with the customer's tariff where the schema has one.
// Reports ms/page.
func BenchmarkAccountsPage(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	s, root, big := bigBranch(b, 10)
	now := formatTime(time.Now())
	err := s.bulkWrite(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO accounts (customer_id, username, username_key, username_sort,
			currency, created_at, updated_at) VALUES (?, ?, ?, ?, 'USD', ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for i := range n {
			name := fmt.Sprintf("card%06d", i)
			if _, err := ins.ExecContext(ctx, big, name, name, model.SortKey(name), now, now); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE accounts SET tariff_id = (SELECT tariff_id FROM customers WHERE id = customer_id)`)
		if err != nil && strings.Contains(err.Error(), "no such column") {
			err = nil // a schema before accounts had tariffs
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		p, err := s.Accounts(ctx, root, big, model.AccountQuery{Limit: 200})
		if err != nil || len(p.Accounts) != 200 || p.Total != n {
			b.Fatalf("%d accounts of %d, %v", len(p.Accounts), p.Total, err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/page")
}
