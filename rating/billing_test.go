package rating

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// micros reads an amount such as "0.05" as micros, for tables.
func micros(t testing.TB, s string) int64 {
	t.Helper()
	m, err := model.ToMicros(decimal.RequireFromString(s))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// refBill is the rules of docs/rating.md written again the slow way, to
// check Bill: intervals added one by one, the cost as an exact fraction
// rounded half up by hand.
func refBill(b Billing, seconds int) (int, decimal.Decimal) {
	if seconds == 0 || seconds <= b.GraceSeconds {
		return 0, decimal.Zero
	}
	left, billed := seconds-b.FreeSeconds, 0
	if left > 0 {
		billed = b.FirstInterval
		for billed < left {
			billed += b.NextInterval
		}
	}
	// cost = connect + billed × price / 60, in micros, as a fraction.
	exact := new(big.Rat).SetFrac64(int64(billed)*b.PriceMicros, 60)
	exact.Add(exact, new(big.Rat).SetInt64(b.ConnectFeeMicros))
	q, r := new(big.Int).QuoRem(exact.Num(), exact.Denom(), new(big.Int))
	if new(big.Int).Mul(r, big.NewInt(2)).Cmp(exact.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return billed, decimal.NewFromBigInt(q, -model.StorageScale)
}

// TestBilledSecondsExamples: docs/rating.md, "Billed seconds", examples
// B1 to B6.
func TestBilledSecondsExamples(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		seconds, first, next int
		want                 int
	}{
		{"B1 26 s at 25/8", 26, 25, 8, 33},
		{"B2 61 s at 60/60", 61, 60, 60, 120},
		{"B3 0 s", 0, 60, 60, 0},
		{"B4 60 s at 60/60", 60, 60, 60, 60},
		{"B5 1 s at 30/6", 1, 30, 6, 30},
		{"B6 37 s at 30/6", 37, 30, 6, 42},
		{"B6 36 s at 30/6", 36, 30, 6, 36},
		{"1 s at 1/1", 1, 1, 1, 1},
		{"3601 s at 1/60", 3601, 1, 60, 3601},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := BilledSeconds(tc.seconds, tc.first, tc.next); got != tc.want {
				t.Errorf("BilledSeconds(%d, %d, %d) = %d, want %d", tc.seconds, tc.first, tc.next, got, tc.want)
			}
		})
	}
}

// TestBillExamples: docs/rating.md, "Grace and free seconds" (G1 to G4)
// and "Cost" (K1 to K5).
func TestBillExamples(t *testing.T) {
	for _, tc := range []struct {
		name           string
		price, connect string
		first, next    int
		grace, free    int
		seconds        int
		wantBilled     int
		wantCost       string
		wantCharged    bool
	}{
		{"B3 0 s costs nothing, connect fee included", "0.025", "0.05", 60, 60, 0, 0, 0, 0, "0", false},
		{"G1 5 s within 5 s grace", "0.025", "0.05", 60, 60, 5, 0, 5, 0, "0", false},
		{"G1 6 s past 5 s grace", "0.025", "0.05", 60, 60, 5, 0, 6, 60, "0.075", true},
		{"G2 59 s within 60 free seconds: connect fee only", "0.020", "0.02", 60, 60, 5, 60, 59, 0, "0.02", true},
		{"G2 125 s with 60 free seconds", "0.020", "0.02", 60, 60, 5, 60, 125, 120, "0.06", true},
		{"G3 4 s, grace 5, free 30", "0.090", "0.05", 30, 6, 5, 30, 4, 0, "0", false},
		{"G3 20 s, grace 5, free 30", "0.090", "0.05", 30, 6, 5, 30, 20, 0, "0.05", true},
		{"G3 40 s, grace 5, free 30", "0.090", "0.05", 30, 6, 5, 30, 40, 30, "0.095", true},
		{"G4 free seconds are not grace: 3 s with free 30, grace 0", "0.090", "0.05", 30, 6, 0, 30, 3, 0, "0.05", true},
		{"K1 95 s at 0.025, connect 0.05, 60/60", "0.025", "0.05", 60, 60, 0, 0, 95, 120, "0.1", true},
		{"K2 37 s at 0.012, 1/1", "0.012", "0", 1, 1, 0, 0, 37, 37, "0.0074", true},
		{"K3 half a micro rounds up", "0.000001", "0", 1, 1, 0, 0, 30, 30, "0.000001", true},
		{"K3 less than half a micro rounds down", "0.000001", "0", 1, 1, 0, 0, 29, 29, "0", true},
		{"K4 a repeating fraction", "0.01", "0", 1, 1, 0, 0, 1, 1, "0.000167", true},
		{"K5 the largest price for the longest call", "1000000", "1000000", 1, 1, 0, 0, MaxCallSeconds, MaxCallSeconds, "44641000000", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := Billing{
				PriceMicros: micros(t, tc.price), ConnectFeeMicros: micros(t, tc.connect),
				FirstInterval: tc.first, NextInterval: tc.next, GraceSeconds: tc.grace, FreeSeconds: tc.free,
			}
			billed, cost, charged := b.Bill(tc.seconds)
			want := decimal.RequireFromString(tc.wantCost)
			if billed != tc.wantBilled || !model.FromMicros(cost).Equal(want) || charged != tc.wantCharged {
				t.Errorf("Bill(%d) = %d s, %s, charged %v; want %d s, %s, %v",
					tc.seconds, billed, model.FromMicros(cost), charged, tc.wantBilled, want, tc.wantCharged)
			}
			refBilled, refCost := refBill(b, tc.seconds)
			if refBilled != billed || !refCost.Equal(model.FromMicros(cost)) {
				t.Errorf("reference gives %d s, %s", refBilled, refCost)
			}
		})
	}
}

// TestRoundCost: RoundCost rounds half up where model.RoundToStorage
// rounds half to even (docs/rating.md, K3).
func TestRoundCost(t *testing.T) {
	for _, tc := range []struct{ in, want, even string }{
		{"0.0000005", "0.000001", "0"},
		{"0.0000015", "0.000002", "0.000002"},
		{"0.0000025", "0.000003", "0.000002"},
		{"0.00000049", "0", "0"},
		{"0.1000004999", "0.1", "0.1"},
	} {
		in := decimal.RequireFromString(tc.in)
		if got := RoundCost(in); !got.Equal(decimal.RequireFromString(tc.want)) {
			t.Errorf("RoundCost(%s) = %s, want %s", tc.in, got, tc.want)
		}
		if got := model.RoundToStorage(in); !got.Equal(decimal.RequireFromString(tc.even)) {
			t.Errorf("RoundToStorage(%s) = %s, want %s", tc.in, got, tc.even)
		}
	}
}
