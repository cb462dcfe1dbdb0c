package documents

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// The CSV files follow the program's other exports (package export): the
// header in the document's language, numbers plain ("1234.56", the
// currency's minor unit) and dates as ISO 8601 in the document's zone, so
// that a spreadsheet or a script in any language reads them the same.

// InvoiceCSV writes an invoice or credit note as CSV: a header, then one
// row per line, each with the invoice's number, issue date and currency
// (destination, description, calls, minutes, amount), then a row for each
// total with its label in the description column (subtotal, tax, total,
// previous balance, payments received, rounding when not zero, amount
// due).
func InvoiceCSV(w io.Writer, inv model.Invoice) error {
	p := newPrinter(InvoiceFormat(inv), inv.Currency)
	cw := csv.NewWriter(w)
	number := inv.Number
	if number == "" {
		number = p.T("Draft")
	}
	issued := ""
	if !inv.Issued.IsZero() {
		issued = inv.Issued.In(p.loc).Format(time.DateOnly)
	}
	cur := string(inv.Currency)
	_ = cw.Write([]string{p.T("Number"), p.T("Issue date"), p.T("Currency"), p.T("Destination"),
		p.T("Description"), p.T("Calls"), p.T("Minutes"), p.T("Amount (%s)", cur)})
	for _, l := range inv.Lines {
		calls, mins := "", ""
		if l.Kind == model.EntryCalls || l.Calls > 0 || l.Seconds > 0 {
			calls, mins = strconv.Itoa(l.Calls), minutes(l.Seconds).StringFixed(2)
		}
		_ = cw.Write([]string{number, issued, cur, l.Prefix, p.description(l), calls, mins, plain(p, l.Amount)})
	}
	for _, t := range invoiceTotals(p, inv) {
		_ = cw.Write([]string{number, issued, cur, "", t.label, "", "", plain(p, t.amount)})
	}
	cw.Flush()
	return cw.Error()
}

// StatementCSV writes a statement as CSV: a header, the opening balance,
// one row per entry (time, description, destination, calls, minutes,
// amount, running balance, USD beside when the statement has a rate), and
// the closing balance.
func StatementCSV(w io.Writer, st model.Statement, f Format) error {
	p := newPrinter(f, st.Currency)
	cw := csv.NewWriter(w)
	cur := string(st.Currency)
	usd := st.Currency != model.USD && st.USDRate.IsPositive()
	head := []string{p.T("Date"), p.T("Description"), p.T("Destination"), p.T("Calls"), p.T("Minutes"),
		p.T("Amount (%s)", cur), p.T("Balance")}
	if usd {
		head = append(head, p.T("Amount (USD)"))
	}
	write := func(row []string, usdOf decimal.Decimal) {
		if usd {
			v, _ := toUSD(usdOf, st.USDRate)
			row = append(row, v.StringFixed(2))
		}
		_ = cw.Write(row)
	}
	at := func(t time.Time) string { return t.In(p.loc).Format("2006-01-02 15:04") }
	_ = cw.Write(head)
	write([]string{at(st.From), p.T("Opening balance"), "", "", "", "", plain(p, st.Opening)}, st.Opening)
	balance := st.Opening
	for _, l := range st.Lines {
		balance = balance.Add(l.Amount)
		calls, mins := "", ""
		if l.Kind == model.EntryCalls {
			calls, mins = strconv.Itoa(l.Calls), minutes(l.Seconds).StringFixed(2)
		}
		write([]string{at(l.At), p.lineText(l), l.Prefix, calls, mins, plain(p, l.Amount), plain(p, balance)}, l.Amount)
	}
	write([]string{at(st.To), p.T("Closing balance"), "", "", "", "", plain(p, st.Closing)}, st.Closing)
	cw.Flush()
	return cw.Error()
}

// plain is an amount rounded once to the minor unit, as "-1234.56".
func plain(p printer, d decimal.Decimal) string {
	return model.RoundToMinor(d, p.cur).StringFixed(p.minor)
}
