package calls

import (
	"github.com/branchbook/branchbook/cdr"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/rating"
	"github.com/branchbook/branchbook/ui/widgets"
	"github.com/shopspring/decimal"
)

// ReasonText says, in tr's language, why a call was not charged (a
// rating.Reason code as the store keeps it).
func ReasonText(tr *i18n.Translator, reason string) string {
	switch rating.Reason(reason) {
	case rating.ReasonUnanswered:
		return tr.T("not answered")
	case rating.ReasonNegativeDuration:
		return tr.T("negative duration")
	case rating.ReasonDurationTooLong:
		return tr.T("duration too long")
	case rating.ReasonNumberEmpty:
		return tr.T("no called number")
	case rating.ReasonNumberInvalid:
		return tr.T("called number not valid")
	case rating.ReasonNumberTooLong:
		return tr.T("called number too long")
	case rating.ReasonNoTariff:
		return tr.T("no tariff")
	case rating.ReasonNoRate:
		return tr.T("no rate for the number")
	case rating.ReasonUnknownAccount, rating.ReasonOutsideScope:
		return tr.T("unknown account")
	case rating.ReasonAccountDeleted:
		return tr.T("account deleted")
	case rating.ReasonAccountBlocked:
		return tr.T("account blocked")
	case rating.ReasonAccountExpired:
		return tr.T("account expired")
	}
	return reason
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

// RowReasonText says why a line of a call-record file was left out, or why
// the whole file was refused.
func RowReasonText(tr *i18n.Translator, err error) string {
	switch cdr.ReasonOf(err) {
	case cdr.ReasonEmpty:
		return tr.T("The file is empty.")
	case cdr.ReasonBinary:
		return tr.T("The file is not text (it holds binary data).")
	case cdr.ReasonUnknownLayout, cdr.ReasonNotLayout:
		return tr.T("The file is not an Asterisk, FreeSWITCH or Branchbook call-record file.")
	case cdr.ReasonAmbiguousLayout:
		return tr.T("The file mixes lines of two layouts.")
	case cdr.ReasonMissingColumn:
		return tr.T("The header lacks a column the layout needs.")
	case cdr.ReasonDuplicateColumn:
		return tr.T("The header names a column twice.")
	case cdr.ReasonFirstLineLong, cdr.ReasonLineTooLong:
		return tr.T("line too long")
	case cdr.ReasonNUL:
		return tr.T("a NUL byte in the line")
	case cdr.ReasonQuotes:
		return tr.T("an unclosed or misplaced quote")
	case cdr.ReasonFieldCount:
		return tr.T("wrong number of fields")
	case cdr.ReasonUTF8:
		return tr.T("text that is not UTF-8")
	case cdr.ReasonTextTooLong:
		return tr.T("a field too long")
	case cdr.ReasonRequired:
		return tr.T("a required field is empty")
	case cdr.ReasonTime:
		return tr.T("start time not readable")
	case cdr.ReasonNumber:
		return tr.T("seconds not a whole number")
	case cdr.ReasonNegative:
		return tr.T("negative seconds")
	case cdr.ReasonOverMax:
		return tr.T("more than a day of seconds")
	case cdr.ReasonOverDuration:
		return tr.T("billed seconds longer than the call")
	case cdr.ReasonAnswered:
		return tr.T("answered is not yes or no")
	case cdr.ReasonBilledUnanswered:
		return tr.T("billed seconds on an unanswered call")
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
	return tr.Money(m.Amount, string(m.Currency), widgets.ShownPlaces(m.Amount, m.Currency.MinorUnits()))
}

// TotalsText sums money per currency: "EUR 12.50 · USD 3.20".
func TotalsText(tr *i18n.Translator, ms []model.Money) string {
	out := ""
	for i, m := range ms {
		if i > 0 {
			out += " · "
		}
		out += CostText(tr, m)
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
