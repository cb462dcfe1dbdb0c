package storage

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// callGen is a model.CallSource that makes its records as they are asked
// for: a million calls held in memory at once would weigh more than the
// import being measured.
type callGen struct {
	n, i  int
	tag   string
	names []string
	rng   *rand.Rand
	start time.Time
	num   []byte
}

func newCallGen(n int, tag string, names []string, seed uint64) *callGen {
	return &callGen{n: n, tag: tag, names: names, rng: rand.New(rand.NewPCG(seed, 7)),
		start: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
}

func (g *callGen) Next() (model.CallRecord, error) {
	if g.i >= g.n {
		return model.CallRecord{}, io.EOF
	}
	i := g.i
	g.i++
	g.num = append(g.num[:0], '+', byte('1'+g.rng.IntN(9)))
	for l := 9 + g.rng.IntN(2); l > 0; l-- {
		g.num = append(g.num, byte('0'+g.rng.IntN(10)))
	}
	answered := g.rng.IntN(20) != 0
	seconds := 0
	if answered {
		seconds = g.rng.IntN(600)
	}
	return model.CallRecord{ID: g.tag + strconv.Itoa(i), Account: g.names[i%len(g.names)], Caller: "100",
		Called: string(g.num), Start: g.start.Add(time.Duration(i) * 2 * time.Second), Answered: answered,
		Seconds: seconds, Line: i + 1}, nil
}

func (g *callGen) Skipped() int { return 0 }

// callsBenchStore builds a file with the chain of the benchmark: under the
// root, 10 resellers, 10 customers under each, 100 accounts under each
// customer (10,000 accounts); three tariffs (the accounts', the
// customers', the resellers') of `prefixes` random prefixes each. It
// returns the store, the root session and the usernames.
func callsBenchStore(b *testing.B, prefixes int) (*Store, model.Session, []string) {
	ctx := context.Background()
	s, err := Open(filepath.Join(b.TempDir(), "calls.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	root, err := s.CreateRoot(ctx, rootInput())
	if err != nil {
		b.Fatal(err)
	}
	var tariffs [3]model.ID
	for i := range tariffs {
		t, err := s.CreateTariff(ctx, root, model.TariffInput{Name: fmt.Sprint("Level ", i), Currency: "USD",
			GraceSeconds: 3 * i})
		if err != nil {
			b.Fatal(err)
		}
		tariffs[i] = t.ID
	}
	var names []string
	rng := rand.New(rand.NewPCG(16, 3))
	err = s.bulkWrite(ctx, func(tx *sql.Tx) error {
		rates, err := newRowBatch(ctx, tx, `INSERT INTO tariff_rates (tariff_id, prefix, price_micros, connect_fee_micros,
			first_interval, next_interval) VALUES `, 6, 100)
		if err != nil {
			return err
		}
		for _, t := range tariffs {
			seen := map[string]bool{}
			for len(seen) < prefixes {
				p := strconv.Itoa(1 + rng.IntN(9))
				for l := rng.IntN(8); l > 0; l-- {
					p += strconv.Itoa(rng.IntN(10))
				}
				if seen[p] {
					continue
				}
				seen[p] = true
				if err := rates.add(t, p, 1000+rng.IntN(200_000), rng.IntN(3)*10_000, []int{1, 30, 60}[rng.IntN(3)],
					[]int{1, 6, 60}[rng.IntN(3)]); err != nil {
					return err
				}
			}
		}
		if err := rates.flush(); err != nil {
			return err
		}
		customer, err := tx.PrepareContext(ctx, `INSERT INTO customers (id, parent_id, path, depth, name, name_key, sort_key,
			language, time_zone, tariff_id, currency, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'en', 'UTC', ?, 'USD', 'x', 'x')`)
		if err != nil {
			return err
		}
		defer customer.Close()
		account, err := tx.PrepareContext(ctx, `INSERT INTO accounts (customer_id, username, username_key, username_sort,
			currency, tariff_id, created_at, updated_at) VALUES (?, ?, ?, ?, 'USD', ?, 'x', 'x')`)
		if err != nil {
			return err
		}
		defer account.Close()
		id, err := nextID(ctx, tx, "customers")
		if err != nil {
			return err
		}
		add := func(parent model.ID, path string, depth int, tariff model.ID) (model.ID, string, error) {
			me := id
			id++
			name := fmt.Sprint("Bench ", me)
			mine := fmt.Sprintf("%s%d/", path, me)
			_, err := customer.ExecContext(ctx, me, parent, mine, depth, name, model.Key(name), model.SortKey(name), tariff)
			return me, mine, err
		}
		for r := range 10 {
			_ = r
			reseller, rpath, err := add(root.CustomerID, root.Path, 1, tariffs[2])
			if err != nil {
				return err
			}
			for range 10 {
				c, _, err := add(reseller, rpath, 2, tariffs[1])
				if err != nil {
					return err
				}
				for range 100 {
					name := fmt.Sprintf("acct%05d", len(names))
					names = append(names, name)
					if _, err := account.ExecContext(ctx, c, name, name, model.SortKey(name), tariffs[0]); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s, root, names
}

// bareCalls inserts the same calls as plain prepared INSERTs, one row at a
// time, in one transaction, into a file of the same schema (the store's
// tables and indexes) opened with the store's settings and the import's
// page cache: a call row and, for an answered call, three charge rows.
func bareCalls(b *testing.B, n int, names []string) time.Duration {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bare.db")
	s, err := Open(path) // the same schema
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", BareDSN(path))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	// The import's page cache, so the two differ only in what they write.
	if _, err := db.Exec(fmt.Sprintf("PRAGMA cache_size = %d; PRAGMA temp_store = MEMORY", -importCacheMiB*1024)); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO customers (id, path, depth, name, name_key, language, time_zone, created_at, updated_at)
		VALUES (1, '/1/', 0, 'Root', 'root', 'en', 'UTC', 'x', 'x');
		INSERT INTO call_imports (id, customer_id, file_name, layout, at) VALUES (1, 1, 'bare', 'bare', 'x')`); err != nil {
		b.Fatal(err)
	}
	gen := newCallGen(n, "bare-", names, 99)
	start := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	call, err := tx.PrepareContext(ctx, `INSERT INTO calls (id, import_id, call_key, username, account_id, caller, called,
		digits, start, answered, seconds, reason, reason_level) VALUES (?, 1, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	charge, err := tx.PrepareContext(ctx, `INSERT INTO call_charges (call_id, level, holder_id, start, batch_id, tariff_id,
		rate_id, prefix, billed_seconds, cost_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	for id := int64(1); ; id++ {
		r, err := gen.Next()
		if err == io.EOF {
			break
		}
		at := formatTime(r.Start)
		var reason, level any
		if !r.Answered {
			reason, level = "unanswered", -1
		}
		if _, err := call.ExecContext(ctx, id, r.ID, r.Account, r.Caller, r.Called, r.Called[1:], at, r.Answered, r.Seconds,
			reason, level); err != nil {
			b.Fatal(err)
		}
		if r.Answered {
			for l := range 3 {
				if _, err := charge.ExecContext(ctx, id, l, 100+l, at, 1+l, 1+l, id, r.Called[1:4], r.Seconds, 1000); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// peakRSS is the process's peak resident memory in MB (VmHWM), or the Go
// heap's peak from runtime.MemStats where /proc is missing.
func peakRSS() float64 {
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				if err == nil {
					return float64(kb) / 1024
				}
			}
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.Sys) / (1 << 20)
}

// resetPeakRSS starts VmHWM again from the present RSS (Linux: 5 written
// to clear_refs), so the peak is the import's, not the set-up's.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// BenchmarkImportMillionCalls imports 1,000,000 calls of 10,000 accounts
// through a three-level chain (account, customer, reseller under the root)
// of tariffs of 50,000 prefixes each, the records made as they are read,
// and times bare SQLite inserting the same call rows beside it. Reports
// the import's seconds, the bare seconds, their ratio and the peak RSS.
// Targets: under 30 s, at most 4× bare, under 300 MB. The undo of the
// import is timed too, and the first page of a reseller's calls and of an
// account's (none of them in ns/op). Run with -benchtime 1x.
func BenchmarkImportMillionCalls(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("BRANCHBOOK_BENCH_CALLS")); err == nil && v > 0 {
		n = v // a shorter run while working on the import
	}
	ctx := context.Background()
	s, root, names := callsBenchStore(b, 50_000)
	b.ResetTimer()
	var store, bare, undo, pageReseller, pageAccount time.Duration
	var peak, before float64
	rated := 0
	for i := 0; i < b.N; i++ {
		// The import first, so its peak is not the bare run's leftovers.
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
		before = peakRSS()
		start := time.Now()
		res, err := s.ImportCalls(ctx, root, model.CallImportInput{FileName: "million.csv", Layout: "branchbook",
			Source: newCallGen(n, fmt.Sprintf("r%d-", i), names, uint64(i))})
		store += time.Since(start)
		if err != nil || res.Import.Calls != n {
			b.Fatalf("%+v, %v", res.Import, err)
		}
		rated += res.Import.Rated
		peak = max(peak, peakRSS())
		b.StopTimer()
		pageReseller, pageAccount = callsPageTimes(b, s, root)
		start = time.Now()
		if err := s.UndoCallImport(ctx, root, res.Import.ID, "benchmark"); err != nil {
			b.Fatal(err)
		}
		undo += time.Since(start)
		b.StartTimer()
		b.StopTimer()
		if os.Getenv("BRANCHBOOK_BENCH_NO_BARE") == "" {
			bare += bareCalls(b, n, names)
		}
		b.StartTimer()
	}
	b.ReportMetric(store.Seconds()/float64(b.N), "s/import")
	b.ReportMetric(undo.Seconds()/float64(b.N), "s/undo")
	b.ReportMetric(millis(pageReseller), "ms-reseller-page")
	b.ReportMetric(millis(pageAccount), "ms-account-page")
	b.ReportMetric(bare.Seconds()/float64(b.N), "s/bare")
	b.ReportMetric(float64(store)/float64(bare), "x-bare")
	b.ReportMetric(float64(store.Nanoseconds())/float64(b.N*n), "ns/call")
	b.ReportMetric(peak, "MB-peak-rss")
	b.ReportMetric(before, "MB-rss-before")
	b.ReportMetric(float64(rated)/float64(b.N*n), "rated/call")
}

// callsPageTimes times the first page (200 calls, with the total) of the
// first reseller's calls (a tenth of the million) and of one account's.
func callsPageTimes(b *testing.B, s *Store, root model.Session) (time.Duration, time.Duration) {
	ctx := context.Background()
	var reseller, account model.ID
	if err := s.db.QueryRow(`SELECT min(id) FROM customers WHERE depth = 1`).Scan(&reseller); err != nil {
		b.Fatal(err)
	}
	if err := s.db.QueryRow(`SELECT min(id) FROM accounts`).Scan(&account); err != nil {
		b.Fatal(err)
	}
	var out [2]time.Duration
	for i, h := range []model.Holder{model.CustomerLedger(reseller), model.AccountLedger(account)} {
		start := time.Now()
		p, err := s.Calls(ctx, root, h, model.CallQuery{Limit: 200})
		out[i] = time.Since(start)
		if err != nil || len(p.Calls) != min(200, p.Total) || p.Total == 0 {
			b.Fatalf("%d calls of %d, %v", len(p.Calls), p.Total, err)
		}
	}
	return out[0], out[1]
}
