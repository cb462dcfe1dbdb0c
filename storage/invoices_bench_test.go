package storage

import (
	"context"
	"database/sql"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/branchbook/branchbook/documents"
	"github.com/branchbook/branchbook/model"
)

// BenchmarkInvoiceAll10000 is invoicing 10,000 recipients for a month,
// end to end as `branchbook invoices issue --out DIR` does it: the chain of
// BenchmarkImportMillionCalls (10 resellers, 100 customers, 10,000
// accounts, tariffs of 2,000 prefixes), 1,000,000 calls of November
// imported on 2 December (after the month, as a switch's file comes), then
// each of the 100 customers runs InvoiceAll over its 100 accounts for
// November (10,000 invoices, each worked out from the ledger and the
// charges and issued in its own transaction) and writes their PDFs with
// documents.WriteInvoicePDFs. Beside it, in the same run, bare SQLite
// reads the same figures (each account's November charges by
// destination) in one GROUP BY. Reports the seconds of the issues, of the
// PDFs and of both, per invoice, the bare read and the peak RSS (a second
// run, b.N > 1, times the batch run again, which skips every recipient).
// Run with -benchtime 1x.
func BenchmarkInvoiceAll10000(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("BRANCHBOOK_BENCH_CALLS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	s, root, names := callsBenchStore(b, 2_000)
	s.now = func() time.Time { return time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC) }
	res, err := s.ImportCalls(ctx, root, model.CallImportInput{FileName: "million.csv", Layout: "branchbook",
		Source: newCallGen(n, "inv-", names, 1)})
	if err != nil || res.Import.Calls != n {
		b.Fatalf("%+v, %v", res.Import, err)
	}
	if _, err := s.db.Exec(`INSERT INTO permissions (customer_id, rights, granted_by, granted_at)
		SELECT id, ?, ?, 'x' FROM customers WHERE parent_id IS NOT NULL`, model.AllRights, root.CustomerID); err != nil {
		b.Fatal(err)
	}
	rows, err := s.db.Query(`SELECT id, path, name FROM customers WHERE depth = 2 ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	var sessions []model.Session
	for rows.Next() {
		var sess model.Session
		if err := rows.Scan(&sess.CustomerID, &sess.Path, &sess.Name); err != nil {
			b.Fatal(err)
		}
		sess.Rights = model.AllRights
		sessions = append(sessions, sess)
	}
	rows.Close()
	for _, sess := range sessions {
		if _, err := s.SetCompany(ctx, sess, model.Company{LegalName: sess.Name + " Ltd", InvoicePrefix: "I-",
			TaxName: "VAT", TaxRate: dec("20"), PaymentTermsDays: 14}); err != nil {
			b.Fatal(err)
		}
	}
	from, to := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	dir := b.TempDir()
	b.ResetTimer()
	var took, pdfs time.Duration
	files := 0
	var peak, before float64
	issued, skipped := 0, 0 // a run after the first skips every recipient
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
		before = peakRSS()
		b.StartTimer()
		start := time.Now()
		for _, sess := range sessions {
			got, skip, failures, err := s.InvoiceAll(ctx, sess, from, to, nil)
			if err != nil || len(failures) != 0 {
				b.Fatalf("%s: %v, %v", sess.Name, err, failures)
			}
			issued, skipped = issued+len(got), skipped+skip
			printing := time.Now()
			written, err := documents.WriteInvoicePDFs(ctx, dir, got, func(ctx context.Context, id model.ID) (model.Invoice, error) {
				return s.Invoice(ctx, sess, id)
			})
			if err != nil {
				b.Fatal(err)
			}
			files += len(written)
			pdfs += time.Since(printing)
		}
		took += time.Since(start)
		peak = max(peak, peakRSS())
	}
	if issued+skipped != 10_000*b.N && n == 1_000_000 {
		b.Fatalf("%d invoices issued, %d skipped", issued, skipped)
	}
	b.StopTimer()
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		b.Fatalf("check: %v %+v", err, r.Mismatches)
	}
	if files != issued {
		b.Fatalf("%d PDFs written for %d invoices", files, issued)
	}
	bare := bareInvoiceFigures(b, s.path, from, to)
	b.ReportMetric(took.Seconds()/float64(b.N), "s/batch")
	b.ReportMetric(pdfs.Seconds()/float64(b.N), "s-pdfs")
	b.ReportMetric((took-pdfs).Seconds()/float64(b.N), "s-store")
	b.ReportMetric(bare.Seconds(), "s-bare-read")
	b.ReportMetric(float64(took.Microseconds())/1000/float64(max(issued, 1)), "ms/invoice")
	b.ReportMetric(float64(issued), "invoices")
	b.ReportMetric(peak, "MB-peak-rss")
	b.ReportMetric(before, "MB-rss-before")
}

// bareInvoiceFigures reads, with plain SQL on the benchmark's file, what
// the invoices print about calls: each account's charges of the period by
// destination. It returns how long that took.
func bareInvoiceFigures(b *testing.B, path string, from, to time.Time) time.Duration {
	db, err := sql.Open("sqlite", BareDSN(path))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	rows, err := db.Query(`SELECT c.account_id, cc.prefix, count(*), sum(cc.billed_seconds), sum(cc.cost_micros)
		FROM calls c JOIN call_charges cc ON cc.call_id = c.id AND cc.level = 0
		WHERE c.start >= ? AND c.start < ? GROUP BY c.account_id, cc.prefix`, formatTime(from), formatTime(to))
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil || n == 0 {
		b.Fatalf("bare read: %d rows, %v", n, err)
	}
	rows.Close()
	return time.Since(start)
}
