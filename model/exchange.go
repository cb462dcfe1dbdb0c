package model

import (
	"sort"
	"time"

	"github.com/shopspring/decimal"
)

// MaxRateDigits is how many significant digits an exchange rate may have.
const MaxRateDigits = 12

// ExchangeRate says how many units of Currency make one USD, from SetAt on.
type ExchangeRate struct {
	ID       ID
	Currency Currency
	Rate     decimal.Decimal
	SetAt    time.Time
	// SetBy is the name of the customer who set it; empty when that
	// customer is outside the viewer's subtree.
	SetBy string
	// Inherited is true when the rate comes from an owner's table rather
	// than the viewer's own.
	Inherited bool
}

// ValidateExchangeRate checks a rate: above zero, at most MaxRateDigits
// significant digits, and no more places than the storage scale allows for
// the conversions made with it.
func ValidateExchangeRate(field string, rate decimal.Decimal) *Error {
	if !rate.IsPositive() {
		return FieldError(field, CodeOutOfRange, nil)
	}
	if significantDigits(rate) > MaxRateDigits {
		return FieldError(field, CodeTooPrecise, map[string]any{"digits": MaxRateDigits})
	}
	return nil
}

// significantDigits counts the digits of d without leading or trailing
// zeros: 0.920 has 2, 151.3 has 4.
func significantDigits(d decimal.Decimal) int {
	c := d.Abs().Coefficient().String()
	for len(c) > 1 && c[len(c)-1] == '0' {
		c = c[:len(c)-1]
	}
	return len(c)
}

// RateTable holds the exchange rates in force for one viewer.
type RateTable struct {
	rates map[Currency]ExchangeRate
}

// NewRateTable makes a table from the latest rate of each currency.
func NewRateTable(rates []ExchangeRate) RateTable {
	t := RateTable{rates: make(map[Currency]ExchangeRate, len(rates))}
	for _, r := range rates {
		t.rates[r.Currency] = r
	}
	return t
}

// Rate returns the units of c per USD. USD is always 1.
func (t RateTable) Rate(c Currency) (decimal.Decimal, bool) {
	if c == USD {
		return decimal.NewFromInt(1), true
	}
	r, ok := t.rates[c]
	return r.Rate, ok
}

// Entry returns the full rate record of c, if there is one.
func (t RateTable) Entry(c Currency) (ExchangeRate, bool) {
	r, ok := t.rates[c]
	return r, ok
}

// All returns the table's rates, ordered by currency code.
func (t RateTable) All() []ExchangeRate {
	out := make([]ExchangeRate, 0, len(t.rates))
	for _, r := range t.rates {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out
}

// NoRate is the error for a currency without an exchange rate.
func NoRate(c Currency) *Error {
	return &Error{Code: CodeNoRate, Field: "currency", Params: map[string]any{"currency": string(c)}}
}

// Convert converts amount from one currency to another through USD, with
// the rates in the table. The arithmetic is exact; the result is rounded
// once, half to even, to StorageScale places. This is the only rounding in a
// conversion. A missing rate is an error, never zero.
func (t RateTable) Convert(amount decimal.Decimal, from, to Currency) (decimal.Decimal, error) {
	if from == to {
		return RoundToStorage(amount), nil
	}
	rateFrom, ok := t.Rate(from)
	if !ok {
		return decimal.Zero, NoRate(from)
	}
	rateTo, ok := t.Rate(to)
	if !ok {
		return decimal.Zero, NoRate(to)
	}
	// amount / rateFrom is the USD value; times rateTo is the target value.
	return divHalfEven(amount.Mul(rateTo), rateFrom, StorageScale), nil
}

// ToUSD converts amount in c to USD.
func (t RateTable) ToUSD(amount decimal.Decimal, c Currency) (decimal.Decimal, error) {
	return t.Convert(amount, c, USD)
}

// divHalfEven returns a / b rounded half to even to places decimals,
// computed exactly (decimal's own DivRound rounds half away from zero).
func divHalfEven(a, b decimal.Decimal, places int32) decimal.Decimal {
	q, r := a.QuoRem(b, places)
	if r.IsZero() {
		return q
	}
	unit := decimal.New(1, -places)
	// Compare the remainder with half a unit of b: 2|r| against |b|·unit.
	cmp := r.Abs().Mul(decimal.NewFromInt(2)).Cmp(b.Abs().Mul(unit))
	away := cmp > 0 || (cmp == 0 && q.Shift(places).BigInt().Bit(0) == 1)
	if !away {
		return q
	}
	if a.Sign()*b.Sign() < 0 {
		return q.Sub(unit)
	}
	return q.Add(unit)
}
