package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math/rand/v2"
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
