package widgets

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

func TestExactMoneyTextKeepsEveryStoredDigit(t *testing.T) {
	en, de := i18n.New(i18n.English), i18n.New(i18n.German)
	for _, c := range []struct {
		tr     *i18n.Translator
		amount string
		cur    model.Currency
		want   string
	}{
		{en, "-0.2525", "EUR", "EUR -0.2525"},
		{en, "5", "USD", "USD 5.00"},
		{en, "1.173733", "GBP", "GBP 1.173733"},
		{en, "12", "JPY", "JPY 12"},
		{en, "0.5", "JPY", "JPY 0.5"},
		{de, "1234.2525", "EUR", "1.234,2525 EUR"},
	} {
		got := ExactMoneyText(c.tr, decimal.RequireFromString(c.amount), c.cur)
		if got != c.want {
			t.Errorf("%s %s: %q, want %q", c.amount, c.cur, got, c.want)
		}
	}
}
