package calls

import (
	"errors"
	"os"

	"github.com/branchbook/branchbook/cdr"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/rating"
	"github.com/branchbook/branchbook/ui/calltext"
	"github.com/branchbook/branchbook/ui/widgets"
	"github.com/shopspring/decimal"
)

// ReasonText says, in tr's language, why a call was not charged (a
// rating.Reason code as the store keeps it), worded as the command line
// words it.
func ReasonText(tr *i18n.Translator, reason string) string {
	return calltext.Reason(tr, rating.Reason(reason))
}

// StatusText is the Status column of a call: rated, or why not.
func StatusText(tr *i18n.Translator, c model.Call) string {
	switch {
	case c.Void:
		return tr.T("undone")
	case c.Reason == "":
		return tr.T("rated")
	}
	return ReasonText(tr, c.Reason)
}

// RowText says which line of a call-record file was left out and why.
func RowText(tr *i18n.Translator, e *cdr.RowError) string { return calltext.RowError(tr, e) }

// fileErrorText words a refusal of the whole file, or an error reading it.
func fileErrorText(tr *i18n.Translator, err error) string {
	if text, ok := calltext.Refusal(tr, err); ok {
		return text
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return tr.T("The file cannot be read.")
	}
	return widgets.ErrorText(tr, err)
}

// LayoutName names a call-record layout.
func LayoutName(tr *i18n.Translator, layout string) string {
	switch cdr.Layout(layout) {
	case cdr.Asterisk:
		return tr.T("Asterisk (Master.csv)")
	case cdr.FreeSWITCH:
		return tr.T("FreeSWITCH (mod_cdr_csv)")
	case cdr.Branchbook:
		return tr.T("Branchbook CSV")
	}
	return layout
}

// CostText shows a call's cost with every digit the ledger keeps, but at
// least the currency's minor units.
func CostText(tr *i18n.Translator, m model.Money) string {
	return widgets.ExactMoneyText(tr, m.Amount, m.Currency)
}

// TotalsText shows sums of money, one per currency, each rounded to its
// currency's minor units as documents show totals: "EUR 12.50 · USD 3.20".
func TotalsText(tr *i18n.Translator, ms []model.Money) string {
	out := ""
	for i, m := range ms {
		if i > 0 {
			out += " · "
		}
		out += widgets.MoneyText(tr, m.Amount, m.Currency)
	}
	if out == "" {
		return "—"
	}
	return out
}

// minutesOf shows billed seconds as minutes with two decimals.
func minutesOf(tr *i18n.Translator, seconds int) string {
	return tr.Decimal(decimal.NewFromInt(int64(seconds)).Div(decimal.NewFromInt(60)), 2)
}
