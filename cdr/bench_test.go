package cdr

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"
)

// benchLines is how many lines one benchmark run parses.
const benchLines = 1_000_000

// asteriskBlock is 1,000 different Master.csv lines; repeating it gives a
// file of any length from memory, without a million lines in memory.
func asteriskBlock() []byte {
	var b bytes.Buffer
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := range 1000 {
		t := start.Add(time.Duration(i) * 37 * time.Second)
		billsec := i % 900
		disp := "ANSWERED"
		if billsec == 0 {
			disp = "NO ANSWER"
		}
		fmt.Fprintf(&b, `"acc%04d","%d","4930%07d","from-internal","""Caller %d"" <%d>","SIP/%d-%08x","SIP/trunk-%08x","Dial","SIP/trunk/4930%07d,60","%s","%s","%s",%d,%d,"%s","DOCUMENTATION","%d.%d",""`+"\n",
			i%500, 1000+i, i*7919, i, 1000+i, 1000+i, i, i+1, i*7919,
			t.Format(time.DateTime), t.Add(5*time.Second).Format(time.DateTime),
			t.Add(time.Duration(5+billsec)*time.Second).Format(time.DateTime), 5+billsec, billsec, disp,
			t.Unix(), i)
	}
	return b.Bytes()
}

// repeating gives block over and over, lines times its lines in all.
type repeating struct {
	block []byte
	left  int // blocks still to give
	off   int
}

func (r *repeating) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.block[r.off:])
	r.off += n
	if r.off == len(r.block) {
		r.off = 0
		r.left--
	}
	return n, nil
}

// BenchmarkAsteriskMillion parses 1,000,000 Master.csv lines from memory
// and reports the time and allocations per line, to size an import.
func BenchmarkAsteriskMillion(b *testing.B) {
	block := asteriskBlock()
	b.SetBytes(int64(len(block)) * benchLines / 1000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for range b.N {
		rd, err := NewReader(&repeating{block: block, left: benchLines / 1000}, Options{Location: time.UTC})
		if err != nil {
			b.Fatal(err)
		}
		n, err := rd.Scan(context.Background(), func(Call) error { return nil }, nil)
		if err != nil || n.Calls != benchLines {
			b.Fatalf("%+v, %v", n, err)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	lines := float64(b.N) * benchLines
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/lines, "ns/line")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/lines, "allocs/line")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/lines, "B/line")
}
