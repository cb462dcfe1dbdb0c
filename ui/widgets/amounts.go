package widgets

import (
	"errors"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// ParseAmount reads a number typed in the user's language. An error names
// the field, so the form can show it there.
func ParseAmount(tr *i18n.Translator, field, text string) (decimal.Decimal, *model.Error) {
	if strings.TrimSpace(text) == "" {
		return decimal.Zero, model.FieldError(field, model.CodeRequired, nil)
	}
	d, err := tr.ParseDecimal(text)
	switch {
	case errors.Is(err, i18n.ErrAmountAmbiguous):
		return decimal.Zero, model.FieldError(field, model.CodeAmbiguous, nil)
	case err != nil:
		return decimal.Zero, model.FieldError(field, model.CodeInvalid, map[string]any{"number": true})
	}
	return d, nil
}

// ParseCount reads a whole number of seconds or items.
func ParseCount(field, text string) (int, *model.Error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, model.FieldError(field, model.CodeRequired, nil)
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		return 0, model.FieldError(field, model.CodeInvalid, map[string]any{"whole": true})
	}
	return n, nil
}

// USDText shows amount, in currency c, in USD through the rates, or says
// that c has no rate. Money is never shown as 0 for want of a rate.
func USDText(tr *i18n.Translator, rates model.RateTable, amount decimal.Decimal, c model.Currency) string {
	usd, err := rates.ToUSD(amount, c)
	if err != nil {
		return tr.T("no rate")
	}
	return tr.Money(usd, string(model.USD), model.USD.MinorUnits())
}

// MoneyText shows an amount in its own currency's minor units.
func MoneyText(tr *i18n.Translator, amount decimal.Decimal, c model.Currency) string {
	return tr.Money(amount, string(c), c.MinorUnits())
}

// ExactMoneyText shows an amount with every digit the ledger keeps, and at
// least its currency's minor units: a call charge of 0.2525 EUR shows as
// "EUR 0.2525", never rounded to a cent the ledger does not hold.
func ExactMoneyText(tr *i18n.Translator, amount decimal.Decimal, c model.Currency) string {
	return tr.Money(amount, string(c), ShownPlaces(amount, c.MinorUnits()))
}

// NativeAndUSD shows "EUR 1,000.00 (USD 1,086.96 at 0.92)", or the native
// amount with a note when the currency has no rate. The native amount is
// exact (ExactMoneyText); the USD one a conversion, in cents.
func NativeAndUSD(tr *i18n.Translator, rates model.RateTable, amount decimal.Decimal, c model.Currency) string {
	native := ExactMoneyText(tr, amount, c)
	if c == model.USD {
		return native
	}
	rate, ok := rates.Rate(c)
	if !ok {
		return tr.T("%s (no rate for %s: set it in Exchange Rates)", native, string(c))
	}
	return tr.T("%s (%s at %s)", native, USDText(tr, rates, amount, c), tr.Decimal(rate, RateDisplayPlaces(rate)))
}

// RateDisplayPlaces shows a rate with all its digits, at least two.
func RateDisplayPlaces(rate decimal.Decimal) int32 { return ShownPlaces(rate, 2) }

// ShownPlaces is how many decimals show d exactly, without trailing zeros,
// but at least min: 0.012300 stored shows as 0.0123.
func ShownPlaces(d decimal.Decimal, min int32) int32 {
	_, frac, _ := strings.Cut(d.String(), ".")
	return max(min, int32(len(frac)))
}
