package storage

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/branchbook/branchbook/export"
	"github.com/branchbook/branchbook/model"
)

// BenchmarkExport100000 writes the CSV of every customer of a demo file
// of 100,000 customers (built in a temporary folder first, which takes
// about a minute) the way the window does: Store.StreamCustomers into
// export.CustomersCSV, to io.Discard. Alternated with it: the stream alone,
// and bare SQLite reading every customer row (SELECT *, the scale table's
// bare figure) on a connection of its own. Reports s-export, s-stream,
// s-bare and x-bare = export ÷ bare. The target is a million customers in
// under 5 s; BRANCHBOOK_EXPORT_DB=FILE measures an existing file instead
// (such as a million-customer demo, which takes minutes to build).
func BenchmarkExport100000(b *testing.B) {
	ctx := context.Background()
	path := os.Getenv("BRANCHBOOK_EXPORT_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "export.db")
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.GenerateDemo(ctx, DemoOptions{Customers: 100_000, Seed: 1}, nil); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	root, err := s.RootSession(ctx)
	if err != nil {
		b.Fatal(err)
	}
	rates, err := s.ExchangeRates(ctx, root)
	if err != nil {
		b.Fatal(err)
	}
	bare, err := sql.Open("sqlite", BareDSN(path))
	if err != nil {
		b.Fatal(err)
	}
	defer bare.Close()
	labels := export.Labels{Header: export.CustomerHeader, Yes: "Yes", No: "No"}
	b.ResetTimer()
	var full, stream, plain time.Duration
	var rows int
	for i := 0; i < b.N; i++ {
		start := time.Now()
		n, err := export.CustomersCSV(io.Discard, labels, rates, func(each func(model.ExportRow) error) error {
			return s.StreamCustomers(ctx, root, nil, each)
		})
		full += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		rows = n
		start = time.Now()
		streamed := 0
		if err := s.StreamCustomers(ctx, root, nil, func(model.ExportRow) error { streamed++; return nil }); err != nil || streamed != n {
			b.Fatalf("%d streamed of %d, %v", streamed, n, err)
		}
		stream += time.Since(start)
		start = time.Now()
		if got := countAll(b, bare, `SELECT * FROM customers WHERE archived_at IS NULL`); got != n {
			b.Fatalf("bare %d rows, export %d", got, n)
		}
		plain += time.Since(start)
	}
	per := func(d time.Duration) float64 { return d.Seconds() / float64(b.N) }
	b.ReportMetric(float64(rows), "customers")
	b.ReportMetric(per(full), "s-export")
	b.ReportMetric(per(stream), "s-stream")
	b.ReportMetric(per(plain), "s-bare")
	b.ReportMetric(float64(full)/float64(plain), "x-bare")
}

func countAll(b *testing.B, db *sql.DB, query string) int {
	rows, err := db.Query(query)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return n
}
