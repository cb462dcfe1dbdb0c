package storage

import (
	"context"
	"testing"
	"time"
)

func TestDemoTariffsPriceEachLevelAboveTheOneOverIt(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	start := time.Now()
	if err := s.GenerateDemo(ctx, DemoOptions{Customers: 400, Accounts: 2000, Seed: 7}, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("demo of 400 customers and 2000 accounts in %s", time.Since(start))
	var tariffs, rates, perTariff int
	if err := s.db.QueryRow(`SELECT count(DISTINCT tariff_id), count(*) FROM tariff_rates`).Scan(&tariffs, &rates); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow(`SELECT count(*) FROM tariff_rates WHERE tariff_id = (SELECT min(id) FROM tariffs)`).Scan(&perTariff); err != nil {
		t.Fatal(err)
	}
	if tariffs != len(demoTariffs)*demoLevels || perTariff < 300 || rates != tariffs*perTariff {
		t.Fatalf("%d tariffs with rates, %d rates, %d in the first", tariffs, rates, perTariff)
	}
	t.Logf("%d tariffs, %d rates each, %d in all", tariffs, perTariff, rates)
	// The prefixes of a real deck are there, each once.
	for _, p := range []string{"1", "1212", "44", "447", "4420", "33", "336", "49", "4915", "4917", "81", "8190",
		"86", "8613", "91", "9198", "55", "5511", "7", "7495", "34", "346", "39", "393", "61", "614"} {
		var n int
		err := s.db.QueryRow(`SELECT count(*) FROM tariff_rates WHERE tariff_id = (SELECT min(id) FROM tariffs) AND prefix = ?`, p).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("prefix %s: %d rates in the first tariff", p, n)
		}
	}
	// Every rate, its price per minute and connect fee in USD by the demo's
	// exchange rates.
	type rate struct {
		price, fee  float64
		first, next int
	}
	decks := map[int64]map[string]rate{}
	rows, err := s.db.Query(`SELECT r.tariff_id, r.prefix, r.price_micros, r.connect_fee_micros, r.first_interval,
		r.next_interval, ifnull((SELECT CAST(rate AS REAL) FROM exchange_rates x WHERE x.currency = t.currency
		ORDER BY x.id DESC LIMIT 1), 1.0) FROM tariff_rates r JOIN tariffs t ON t.id = r.tariff_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var prefix string
		var r rate
		var perUSD float64
		if err := rows.Scan(&id, &prefix, &r.price, &r.fee, &r.first, &r.next, &perUSD); err != nil {
			t.Fatal(err)
		}
		r.price, r.fee = r.price/perUSD, r.fee/perUSD
		if decks[id] == nil {
			decks[id] = map[string]rate{}
		}
		decks[id][prefix] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	// Every customer below the first level, and every account, pays more
	// than its owner for every destination: a higher price, no lower
	// connect fee, intervals no finer.
	for name, pairs := range map[string]string{
		"customer": `SELECT DISTINCT c.tariff_id, p.tariff_id FROM customers c JOIN customers p ON p.id = c.parent_id
			WHERE p.parent_id IS NOT NULL`,
		"account": `SELECT DISTINCT a.tariff_id, c.tariff_id FROM accounts a JOIN customers c ON c.id = a.customer_id`,
	} {
		rows, err := s.db.Query(pairs)
		if err != nil {
			t.Fatal(err)
		}
		checked, cheaper := 0, 0
		for rows.Next() {
			var below, above int64
			if err := rows.Scan(&below, &above); err != nil {
				t.Fatal(err)
			}
			for prefix, b := range decks[below] {
				a, ok := decks[above][prefix]
				if !ok {
					t.Fatalf("tariff %d has %s, the level above (%d) has not", below, prefix, above)
				}
				checked++
				if b.price <= a.price || b.fee < a.fee || b.first < a.first || b.next < a.next {
					cheaper++
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if checked == 0 || cheaper != 0 {
			t.Errorf("%s: %d rates compared with the level above, %d not dearer", name, checked, cheaper)
		}
	}
	// A customer has the tariff of its depth, an account that of the level below.
	var wrong int
	if err := s.db.QueryRow(`SELECT count(*) FROM customers c JOIN tariffs t ON t.id = c.tariff_id
		WHERE c.depth > 1 AND t.name NOT LIKE '%, level ' || c.depth`).Scan(&wrong); err != nil || wrong != 0 {
		t.Fatalf("%d customers with the tariff of another level, %v", wrong, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}
