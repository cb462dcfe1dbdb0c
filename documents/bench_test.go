package documents

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// batchInvoice is an invoice of about 20 lines, as a month of a reseller's
// calls gives: 18 destinations and 2 debits.
func batchInvoice(i int, lang string) model.Invoice {
	inv := figureInvoice(lang)
	inv.Number = fmt.Sprintf("A-2026-%05d", i)
	inv.Lines = inv.Lines[:0]
	for k := range 18 {
		inv.Lines = append(inv.Lines, model.InvoiceLine{Kind: model.EntryCalls, Prefix: fmt.Sprintf("%d", 30+k*7),
			Calls: 10 + k*3, Seconds: 600 + k*131, Amount: dec(fmt.Sprintf("%d.%06d", k, 123457*k%1000000))})
	}
	inv.Lines = append(inv.Lines,
		model.InvoiceLine{Kind: model.EntryDebit, Description: "Number porting fee", Amount: dec("4.5")},
		model.InvoiceLine{Kind: model.EntryDebit, Description: "Support, December", Amount: dec("25")})
	inv.Previous, inv.Payments = dec("120.004"), dec("120")
	inv.RoundForPaper()
	return inv
}

// BenchmarkInvoicePDF is one 20-line invoice in English (Noto Sans only).
func BenchmarkInvoicePDF(b *testing.B) {
	benchInvoices(b, "en")
}

// BenchmarkInvoicePDFChinese is the same in Chinese: the CJK font too.
func BenchmarkInvoicePDFChinese(b *testing.B) {
	benchInvoices(b, "zh-Hans")
}

func benchInvoices(b *testing.B, lang string) {
	inv := batchInvoice(1, lang)
	if _, err := loadFonts(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		buf.Reset()
		if err := InvoicePDF(&buf, inv); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N)/1000, "cpu-ms/op")
	b.ReportMetric(float64(buf.Len())/1024, "KB/pdf")
}

// BenchmarkInvoiceBatch prints 10,000 invoices of 20 lines (the batch's
// target: 10,000 invoices in under 2 minutes, the store's work included),
// a tenth of them in Chinese, on one goroutine per core, and reports the
// time per invoice (wall and CPU), the whole and the largest heap seen.
func BenchmarkInvoiceBatch(b *testing.B) {
	const n = 10000
	workers := runtime.GOMAXPROCS(0)
	if _, err := loadFonts(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		runtime.GC()
		start, cpu := time.Now(), cpuTime()
		var peak, total atomic.Int64
		var next atomic.Int64
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var ms runtime.MemStats
				for {
					i := int(next.Add(1)) - 1
					if i >= n {
						return
					}
					lang := "en"
					if i%10 == 9 {
						lang = "zh-Hans"
					}
					cw := &countWriter{}
					if err := InvoicePDF(cw, batchInvoice(i, lang)); err != nil {
						errs <- err
						return
					}
					total.Add(cw.n)
					if i%1000 == 0 {
						runtime.ReadMemStats(&ms)
						if h := int64(ms.HeapAlloc); h > peak.Load() {
							peak.Store(h)
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		el, used := time.Since(start), cpuTime()-cpu
		b.ReportMetric(el.Seconds(), "s/10000")
		b.ReportMetric(float64(el.Microseconds())/n/1000, "ms/invoice")
		b.ReportMetric(float64(used.Microseconds())/n/1000, "cpu-ms/invoice")
		b.ReportMetric(float64(peak.Load())/(1<<20), "MB-peak-heap")
		b.ReportMetric(float64(total.Load())/n/1024, "KB/pdf")
	}
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
