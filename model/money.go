package model

import (
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// StorageScale is how many decimal places an amount keeps in the file: money
// is stored as an integer count of millionths of the unit ("micros"), so sums
// in SQL stay exact.
const StorageScale = 6

// maxMicros bounds stored amounts well inside int64, so the sum of many
// entries can never overflow: 9e15 micros is 9 billion units.
const maxMicros = 9_000_000_000_000_000

// Currency is an ISO 4217 code, such as "USD" or "EUR".
type Currency string

// USD is the display currency: balances are shown in it, and exchange
// rates say how many units of a currency make one USD.
const USD Currency = "USD"

// ParseCurrency accepts a three-letter ISO 4217 code in any case.
func ParseCurrency(code string) (Currency, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 3 {
		return "", FieldError("currency", CodeInvalid, nil)
	}
	if _, err := currency.ParseISO(code); err != nil {
		return "", FieldError("currency", CodeInvalid, nil)
	}
	return Currency(code), nil
}

// MinorUnits is how many decimal places the currency usually shows:
// 2 for USD, 0 for JPY, 3 for KWD.
func (c Currency) MinorUnits() int32 {
	u, err := currency.ParseISO(string(c))
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return int32(scale)
}

// Money is an exact amount in one currency.
type Money struct {
	Amount   decimal.Decimal
	Currency Currency
}

// RoundToStorage rounds d half-to-even to StorageScale places. It is the one
// place where amounts are rounded before they are stored.
func RoundToStorage(d decimal.Decimal) decimal.Decimal {
	return d.RoundBank(StorageScale)
}

// ToMicros converts an amount to stored millionths. It refuses amounts with
// more places than StorageScale (callers round first, on purpose, with
// RoundToStorage) and amounts too large to store.
func ToMicros(d decimal.Decimal) (int64, error) {
	if !d.Equal(d.Truncate(StorageScale)) {
		return 0, &Error{Code: CodeTooPrecise, Params: map[string]any{"places": StorageScale}}
	}
	m := d.Shift(StorageScale)
	if m.Abs().GreaterThan(decimal.NewFromInt(maxMicros)) {
		return 0, &Error{Code: CodeOutOfRange}
	}
	return m.IntPart(), nil
}

// FromMicros converts stored millionths back to an amount.
func FromMicros(m int64) decimal.Decimal {
	return decimal.New(m, -StorageScale)
}
