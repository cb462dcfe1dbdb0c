package storage

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// BenchmarkCreate100000Vouchers makes the largest batch the form allows,
// hashing included (target: under 10 s on two cores), and beside it writes
// the same number of rows of the same size to bare SQLite in one
// transaction, the floor of the write. Run it with -benchtime 1x.
func BenchmarkCreate100000Vouchers(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, root, cs, _ := manual(b)
		if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		_, codes, err := s.CreateVouchers(ctx, root, cs["C"].ID, model.VoucherBatchInput{Count: model.MaxVouchers,
			Value: dec("5"), Currency: "EUR", ExpiresAt: time.Now().Add(time.Hour), Label: "bench"}, nil)
		if err != nil || len(codes) != model.MaxVouchers {
			b.Fatalf("%d codes, %v", len(codes), err)
		}
		took := time.Since(start)
		b.ReportMetric(took.Seconds(), "s/100k-vouchers")
		// The CPU time it used, on both cores together: on a busy machine
		// the time above is mostly waiting for a core.
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s/100k-vouchers")
		b.StopTimer()
		bare := bareVoucherRows(b, model.MaxVouchers)
		b.ReportMetric(bare.Seconds(), "s/100k-bare-rows")
		b.ReportMetric(took.Seconds()/bare.Seconds(), "x-bare")
		b.StartTimer()
	}
}

// bareVoucherRows inserts n rows shaped like vouchers (an integer key and
// a hash of the same length) in one transaction on bare SQLite with the
// store's pragmas, and returns how long that took.
func bareVoucherRows(b *testing.B, n int) time.Duration {
	db, err := sql.Open("sqlite", dsn(filepath.Join(b.TempDir(), "bare.db"), false))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE v (serial INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, secret_hash TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	hash, _ := model.HashVoucherSecret("0000000000000000000")
	start := time.Now()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	st, err := tx.Prepare(`INSERT INTO v (serial, batch_id, secret_hash) VALUES (?, 1, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		if _, err := st.Exec(i+1, hash); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// BenchmarkRedeemVoucherMillion times redemptions on a file holding
// 1,000,000 vouchers (one real batch of 100,000 codes and 900,000 more
// rows written straight in), each a durable transaction, alternating with
// one bare single-row INSERT on its own file (BenchmarkAddEntryVsBareInsert's
// floor). Target: 99th percentile under 5 ms. One iteration is 2,000
// redemptions: run it with -benchtime 1x.
func BenchmarkRedeemVoucherMillion(b *testing.B) {
	const total, real, rounds = 1_000_000, 100_000, 2000
	ctx := context.Background()
	s, root, cs, _ := manual(b)
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
		b.Fatal(err)
	}
	usd, err := s.CreateAccount(ctx, root, cs["C"].ID, accountInput("bench.usd", "USD"))
	if err != nil {
		b.Fatal(err)
	}
	batch, codes, err := s.CreateVouchers(ctx, root, cs["A"].ID, model.VoucherBatchInput{Count: real, Value: dec("5"),
		Currency: "EUR", ExpiresAt: time.Now().Add(24 * time.Hour), Label: "bench"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	var hash string
	if err := s.db.QueryRow(`SELECT secret_hash FROM vouchers LIMIT 1`).Scan(&hash); err != nil {
		b.Fatal(err)
	}
	err = s.bulkWrite(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO vouchers (serial, batch_id, secret_hash) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for i := range total - real {
			if _, err := st.ExecContext(ctx, batch.LastSerial+1+int64(i), batch.ID, hash); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE voucher_batches SET count = count + ?, last_serial = last_serial + ? WHERE id = ?`,
			total-real, total-real, batch.ID)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM vouchers`).Scan(&n); err != nil || n != total {
		b.Fatalf("%d vouchers, %v", n, err)
	}
	next := 0
	redeem := func() time.Duration {
		code := codes[next%real].Code
		next++
		start := time.Now()
		if _, err := s.RedeemVoucher(ctx, root, usd.ID, code); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	warmUp(b, s.db, s.path, func() { redeem() })
	w := newBareBench(b)
	b.ResetTimer()
	var lr, lw latencies
	for i := 0; i < b.N; i++ {
		for range rounds {
			if next >= real {
				b.Fatal("out of codes: run with -benchtime 1x")
			}
			lr = append(lr, redeem())
			lw = append(lw, w.insert(b))
		}
	}
	b.StopTimer()
	lr.report(b, "redeem-")
	lw.report(b, "bare-")
	b.ReportMetric(float64(lr.at(0.99))/float64(lw.at(0.99)), "x-p99")
	b.Logf("%d vouchers in the file; %d redemptions: p99 %.2f ms (bare insert %.2f ms)", total, len(lr),
		millis(lr.at(0.99)), millis(lw.at(0.99)))
}
