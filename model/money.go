package model

import (
	"slices"
	"strings"
	"sync"

	"github.com/bojanz/currency"
	"github.com/shopspring/decimal"
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

// Which codes exist and how many minor units each has come from one place,
// github.com/bojanz/currency, which carries ISO 4217's current list (SIX's
// "list one") with its minor units. It knows only codes in use today.

// notTender lists codes of ISO 4217's current list that are no money to
// hold a balance in: fund and indexed units, units of account, precious
// metals and testing codes (several are not in the library's list; they
// are named here so that a newer list cannot bring them in).
var notTender = map[string]bool{
	"BOV": true, "CHE": true, "CHW": true, "CLF": true, "COU": true, // funds, indexed units
	"MXV": true, "USN": true, "UYI": true, "UYW": true,
	"XAD": true, "XDR": true, "XSU": true, "XUA": true, // units of account
	"XBA": true, "XBB": true, "XBC": true, "XBD": true, // bond market units
	"XAU": true, "XAG": true, "XPT": true, "XPD": true, // precious metals
	"XTS": true, "XXX": true, // testing, no currency
}

// currencies is every code ISO 4217 lists today as legal tender, sorted.
var currencies = sync.OnceValue(func() []Currency {
	var out []Currency
	for _, code := range currency.GetCurrencyCodes() {
		if !notTender[code] && len(code) == 3 {
			out = append(out, Currency(code))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
})

// Currencies returns the codes a new tariff or exchange rate may use:
// every currency ISO 4217 lists today as legal tender, sorted. The caller
// may modify the slice.
func Currencies() []Currency {
	return slices.Clone(currencies())
}

// ParseCurrency accepts, in any case, a code of Currencies: one ISO 4217
// lists today, legal tender somewhere. Codes ISO has withdrawn (HRK, VEF)
// are refused here, for new things; files that hold them keep working
// (Current, MinorUnits).
func ParseCurrency(code string) (Currency, error) {
	c := Currency(strings.ToUpper(strings.TrimSpace(code)))
	if !c.Current() {
		return "", FieldError("currency", CodeInvalid, nil)
	}
	return c, nil
}

// Current reports whether c is one of Currencies.
func (c Currency) Current() bool {
	s := string(c)
	return len(s) == 3 && !notTender[s] && currency.IsValid(s)
}

// wellFormed reports whether c is three capital letters.
func (c Currency) wellFormed() bool {
	return len(c) == 3 && strings.IndexFunc(string(c), func(r rune) bool { return r < 'A' || r > 'Z' }) < 0
}

// withdrawnMinorUnits is the fallback for codes ISO 4217 no longer lists,
// which files written by earlier versions may hold. Every withdrawn code
// those versions offered (ANG, BGN, CUC, HRK, MRO, SLL, VEF) had a minor
// unit of 2 when ISO withdrew it, so no table is needed.
const withdrawnMinorUnits = 2

// MinorUnits is the currency's ISO 4217 minor unit, how many decimal places
// its amounts show: 2 for USD, IDR and COP, 0 for JPY, 3 for KWD. A code
// ISO no longer lists (HRK in an old file) gets 2.
func (c Currency) MinorUnits() int32 {
	if d, ok := currency.GetDigits(string(c)); ok && c != "" {
		return int32(d)
	}
	return withdrawnMinorUnits
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
