package model

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestRoundToMinor(t *testing.T) {
	cases := []struct {
		in   string
		c    Currency
		want string
	}{
		{"0.125", "EUR", "0.13"},   // half: away from zero
		{"0.135", "EUR", "0.14"},   // half after an odd digit too (half-even would differ on 0.125)
		{"-0.125", "EUR", "-0.13"}, // a credit rounds to the opposite
		{"0.124999", "EUR", "0.12"},
		{"0.035", "EUR", "0.04"},
		{"0.0325", "EUR", "0.03"},
		{"0.005", "USD", "0.01"},
		{"0.004999", "USD", "0"},
		{"2.5", "JPY", "3"}, // JPY: no minor unit
		{"3.5", "JPY", "4"},
		{"-2.5", "JPY", "-3"},
		{"1234.499999", "JPY", "1234"},
		{"0.0005", "BHD", "0.001"}, // BHD: three places
		{"1.2345", "BHD", "1.235"},
		{"1.234499", "BHD", "1.234"},
		{"7.0625", "KWD", "7.063"},
		{"0.5", "HRK", "0.5"}, // a withdrawn code keeps 2 places
	}
	for _, c := range cases {
		got := RoundToMinor(decimal.RequireFromString(c.in), c.c)
		if !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("RoundToMinor(%s %s) = %s, want %s", c.in, c.c, got, c.want)
		}
	}
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestRoundForPaperFigure is docs/invoices.md's example: A invoices C for
// c-desk's calls of 30 November and 1 December 2026 at C's prices
// (docs/rating.md, section 7), with 20 % VAT.
func TestRoundForPaperFigure(t *testing.T) {
	inv := Invoice{
		Currency: "EUR",
		TaxRate:  d("20"),
		Previous: d("10.001"),
		Payments: d("10"),
		Lines: []InvoiceLine{
			{Prefix: "1", Amount: d("0.09")},
			{Prefix: "33", Amount: d("0.0198")},
			{Prefix: "336", Amount: d("0.048")},
			{Prefix: "44", Amount: d("0")},
			{Prefix: "4420", Amount: d("0.0192")},
			{Prefix: "447", Amount: d("0.0675")},
			{Prefix: "49", Amount: d("0.008")},
		},
	}
	inv.RoundForPaper()
	want := []string{"0.09", "0.02", "0.05", "0", "0.02", "0.07", "0.01"}
	for i, w := range want {
		if !inv.Lines[i].Amount.Equal(d(w)) {
			t.Errorf("line %s: %s, want %s", inv.Lines[i].Prefix, inv.Lines[i].Amount, w)
		}
	}
	for _, c := range []struct {
		name      string
		got, want decimal.Decimal
	}{
		{"subtotal", inv.Subtotal, d("0.26")},
		{"tax", inv.Tax, d("0.05")},
		{"total", inv.Total, d("0.31")},
		{"previous", inv.Previous, d("10")},
		{"payments", inv.Payments, d("10")},
		{"rounding", inv.Rounding, d("-0.01")},
		{"amount due", inv.AmountDue, d("0.30")},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s: %s, want %s", c.name, c.got, c.want)
		}
	}
	// The printed figures add up.
	if sum := inv.Previous.Sub(inv.Payments).Add(inv.Total).Add(inv.Rounding); !sum.Equal(inv.AmountDue) {
		t.Errorf("previous - payments + total + rounding = %s, amount due %s", sum, inv.AmountDue)
	}
}

func TestRoundForPaperNoRounding(t *testing.T) {
	inv := Invoice{Currency: "JPY", TaxRate: d("10"), Lines: []InvoiceLine{{Amount: d("100.4")}, {Amount: d("200.4")}}}
	inv.RoundForPaper()
	// 100 + 200 printed, 300.8 in the ledger: 301 due, a rounding line of +1.
	if !inv.Subtotal.Equal(d("300")) || !inv.Tax.Equal(d("30")) || !inv.AmountDue.Equal(d("331")) || !inv.Rounding.Equal(d("1")) {
		t.Errorf("JPY: subtotal %s tax %s due %s rounding %s", inv.Subtotal, inv.Tax, inv.AmountDue, inv.Rounding)
	}
	inv = Invoice{Currency: "BHD", Lines: []InvoiceLine{{Amount: d("1.0002")}, {Amount: d("2.0002")}}}
	inv.RoundForPaper()
	if !inv.Subtotal.Equal(d("3")) || !inv.Rounding.IsZero() || !inv.AmountDue.Equal(d("3")) || !inv.Tax.IsZero() {
		t.Errorf("BHD: subtotal %s due %s rounding %s", inv.Subtotal, inv.AmountDue, inv.Rounding)
	}
}

func TestRoundForPaperBHDRoundingLine(t *testing.T) {
	// 1.000 + 2.000 printed, 3.0008 in the ledger: 3.001 due.
	inv := Invoice{Currency: "BHD", Lines: []InvoiceLine{{Amount: d("1.0004")}, {Amount: d("2.0004")}}}
	inv.RoundForPaper()
	if !inv.Subtotal.Equal(d("3")) || !inv.Rounding.Equal(d("0.001")) || !inv.AmountDue.Equal(d("3.001")) {
		t.Errorf("BHD: subtotal %s due %s rounding %s", inv.Subtotal, inv.AmountDue, inv.Rounding)
	}
}
