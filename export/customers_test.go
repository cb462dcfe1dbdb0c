package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

func TestFixedMatchesStringFixed(t *testing.T) {
	cases := []int64{0, 1, -1, 4_999, 5_000, -5_000, 5_001, 123_456_789, -123_455_000, 999_999_999_999, -1_500_000}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 10_000 {
		cases = append(cases, rnd.Int64N(2_000_000_000_000)-1_000_000_000_000)
	}
	for _, m := range cases {
		for places := range 7 {
			want := model.FromMicros(m).StringFixed(int32(places))
			if got := fixed(m, places); got != want {
				t.Fatalf("fixed(%d, %d) = %q, want %q", m, places, got, want)
			}
		}
	}
}

func TestCustomersCSV(t *testing.T) {
	rates := model.NewRateTable([]model.ExchangeRate{{Currency: "EUR", Rate: decimal.RequireFromString("0.5")}})
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	rows := []model.ExportRow{
		{Customer: model.Customer{Name: "Root", Language: "en", TimeZone: "UTC", CreatedAt: at, UpdatedAt: at}, Path: []string{"Root"}},
		{Customer: model.Customer{Name: "=Evil", WebLogin: "evil", TariffName: "Europe", Currency: "EUR",
			Balance: decimal.RequireFromString("-10.005"), CreditLimit: decimal.RequireFromString("50"), Blocked: true,
			Language: "de", TimeZone: "Europe/Berlin", CreatedAt: at, UpdatedAt: at}, Path: []string{"Root", "=Evil"}},
		{Customer: model.Customer{Name: "Kuwait", Currency: "KWD", Balance: decimal.RequireFromString("1.2345"),
			CreatedAt: at, UpdatedAt: at}, Path: []string{"Root", "Kuwait"}},
	}
	var buf bytes.Buffer
	n, err := CustomersCSV(&buf, Labels{Header: CustomerHeader, Yes: "Ja", No: "Nein"}, rates,
		func(each func(model.ExportRow) error) error {
			for _, r := range rows {
				if err := each(r); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil || n != 3 {
		t.Fatalf("%d rows, %v", n, err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		CustomerHeader,
		{"Root", "Root", "", "", "", "", "", "", "", "", "", "en", "UTC", "", "", "", "", "", "", "Nein", "2026-01-02 03:04:05", "2026-01-02 03:04:05"},
		{"Root / =Evil", "'=Evil", "evil", "Europe", "EUR", "-10.01", "-20.01", "50.00", "100.00", "40.00", "79.99", "de",
			"Europe/Berlin", "", "", "", "", "", "", "Ja", "2026-01-02 03:04:05", "2026-01-02 03:04:05"},
		{"Root / Kuwait", "Kuwait", "", "", "KWD", "1.235", "", "0.000", "", "1.235", "", "", "", "", "", "", "", "", "", "Nein",
			"2026-01-02 03:04:05", "2026-01-02 03:04:05"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d lines: %q", len(got), got)
	}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("line %d, %s: %q, want %q", i, CustomerHeader[j], got[i][j], want[i][j])
			}
		}
	}
	stop := errors.New("stop")
	if _, err := CustomersCSV(&buf, Labels{Header: CustomerHeader}, rates, func(func(model.ExportRow) error) error { return stop }); !errors.Is(err, stop) {
		t.Fatalf("a failing stream: %v", err)
	}
}

// manyRows streams n customers named by their number.
func manyRows(n int) Stream {
	return func(each func(model.ExportRow) error) error {
		for i := range n {
			name := strconv.Itoa(i)
			if err := each(model.ExportRow{Customer: model.Customer{Name: name}, Path: []string{name}}); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestCustomersCSVKeepsTheOrderAcrossBatches(t *testing.T) {
	const rows = 3*batchRows + 7
	var buf bytes.Buffer
	n, err := CustomersCSV(&buf, Labels{Header: CustomerHeader}, model.RateTable{}, manyRows(rows))
	if err != nil || n != rows {
		t.Fatalf("%d rows, %v", n, err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != rows+1 {
		t.Fatalf("%d lines, want %d", len(got), rows+1)
	}
	for i, line := range got[1:] {
		if line[1] != strconv.Itoa(i) {
			t.Fatalf("line %d names %q", i+1, line[1])
		}
	}
}

// failingWriter takes limit bytes, then fails every write.
type failingWriter struct{ limit int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errDiskFull
	}
	w.limit -= len(p)
	return len(p), nil
}

func TestCustomersCSVStopsReadingWhenTheFileFails(t *testing.T) {
	streamed := 0
	stream := func(each func(model.ExportRow) error) error {
		return manyRows(1_000_000)(func(r model.ExportRow) error {
			streamed++
			return each(r)
		})
	}
	_, err := CustomersCSV(&failingWriter{limit: 100_000}, Labels{Header: CustomerHeader}, model.RateTable{}, stream)
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("error %v, want the writer's", err)
	}
	if streamed == 1_000_000 {
		t.Fatal("the whole stream was read after the file had failed")
	}
}
