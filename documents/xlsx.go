package documents

import (
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/branchbook/branchbook/model"
)

// sheet writes one worksheet row by row: texts as texts, numbers as
// numbers in the currency's minor unit, dates as dates in the language's
// order.
type sheet struct {
	f       *excelize.File
	name    string
	row     int
	p       printer
	money   int // style of an amount: "#,##0.00" for 2 places
	dateSt  int // style of a date: "dd.mm.yyyy" in German
	boldSt  int
	boldAmt int
	minSt   int // minutes: two places
	err     error
}

func newSheet(p printer, title string) (*sheet, error) {
	f := excelize.NewFile()
	name := sheetName(title)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	s := &sheet{f: f, name: name, p: p}
	amount := "#,##0"
	if p.minor > 0 {
		amount += "." + strings.Repeat("0", int(p.minor))
	}
	date := excelDateFormat(p)
	minFmt := "#,##0.00"
	var err error
	styles := []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.money, excelize.Style{CustomNumFmt: &amount}},
		{&s.dateSt, excelize.Style{CustomNumFmt: &date}},
		{&s.boldSt, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.boldAmt, excelize.Style{CustomNumFmt: &amount, Font: &excelize.Font{Bold: true}}},
		{&s.minSt, excelize.Style{CustomNumFmt: &minFmt}},
	}
	for _, st := range styles {
		if *st.dst, err = f.NewStyle(&st.st); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// sheetName makes a title a valid sheet name: no : \ / ? * [ ], at most 31
// characters.
func sheetName(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return ' '
		}
		return r
	}, title)
	if rs := []rune(name); len(rs) > 31 {
		name = string(rs[:31])
	}
	if strings.TrimSpace(name) == "" {
		name = "Sheet1"
	}
	return name
}

// excelDateFormat is the language's date order as an Excel number format,
// read off how the language prints 2 January 2006 ("dd.mm.yyyy").
func excelDateFormat(p printer) string {
	s := p.tr.Date(time.Date(2006, 1, 2, 12, 0, 0, 0, time.UTC), time.UTC)
	return strings.NewReplacer("2006", "yyyy", "01", "mm", "02", "dd").Replace(s)
}

// cellValue is one cell of a row: a string, an int, a decimal amount, a
// time (printed as the date of the document's zone) or nil for none.
type cellValue any

// minutesCell marks a number of billed seconds, written as minutes.
type minutesCell int

// boldText and boldAmount are a bold text and a bold amount.
type (
	boldText   string
	boldAmount decimal.Decimal
)

// put writes a row.
func (s *sheet) put(cells ...cellValue) {
	s.row++
	for i, c := range cells {
		if s.err != nil || c == nil {
			continue
		}
		ref, err := excelize.CoordinatesToCellName(i+1, s.row)
		if err != nil {
			s.err = err
			return
		}
		style := 0
		switch v := c.(type) {
		case string:
			if v != "" {
				s.err = s.f.SetCellStr(s.name, ref, v)
			}
		case boldText:
			s.err = s.f.SetCellStr(s.name, ref, string(v))
			style = s.boldSt
		case int:
			s.err = s.f.SetCellInt(s.name, ref, int64(v))
		case minutesCell:
			s.err = s.f.SetCellFloat(s.name, ref, minutes(int(v)).InexactFloat64(), 2, 64)
			style = s.minSt
		case decimal.Decimal:
			s.err = s.f.SetCellFloat(s.name, ref, model.RoundToMinor(v, s.p.cur).InexactFloat64(), int(s.p.minor), 64)
			style = s.money
		case boldAmount:
			s.err = s.f.SetCellFloat(s.name, ref, model.RoundToMinor(decimal.Decimal(v), s.p.cur).InexactFloat64(), int(s.p.minor), 64)
			style = s.boldAmt
		case usdAmount:
			s.err = s.f.SetCellFloat(s.name, ref, decimal.Decimal(v).InexactFloat64(), 2, 64)
			style = s.minSt
		case time.Time:
			if v.IsZero() {
				continue
			}
			y, m, d := v.In(s.p.loc).Date()
			s.err = s.f.SetCellValue(s.name, ref, time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
			style = s.dateSt
		}
		if s.err == nil && style != 0 {
			s.err = s.f.SetCellStyle(s.name, ref, ref, style)
		}
	}
}

// finish sets the column widths and writes the workbook.
func (s *sheet) finish(w io.Writer, widths []float64) error {
	if s.err != nil {
		return s.err
	}
	for i, wd := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := s.f.SetColWidth(s.name, col, col, wd); err != nil {
			return err
		}
	}
	defer s.f.Close()
	return s.f.Write(w)
}

// InvoiceXLSX writes an invoice or credit note as one worksheet in its
// language (InvoiceFormat): its facts (number, dates, parties, currency),
// then a row per line (destination, description, calls, minutes, amount)
// and the totals under them. Amounts are numbers in the currency's minor
// unit, dates are dates.
func InvoiceXLSX(w io.Writer, inv model.Invoice) error {
	f := InvoiceFormat(inv)
	p := newPrinter(f, inv.Currency)
	s, err := newSheet(p, p.title(inv.Kind))
	if err != nil {
		return err
	}
	number := inv.Number
	if number == "" {
		number = p.T("Draft")
	}
	last := inv.To
	if inv.To.After(inv.From) {
		last = inv.To.Add(-time.Nanosecond)
	}
	s.put(boldText(p.title(inv.Kind)), boldText(number))
	s.put(p.T("Number"), number)
	s.put(p.T("Issue date"), inv.Issued)
	s.put(p.T("Due date"), inv.Due)
	s.put(p.T("Period"), inv.From, last)
	if inv.Kind == model.KindCreditNote && inv.CreditForNumber != "" {
		s.put(p.T("Corrects invoice %s", inv.CreditForNumber))
	}
	s.put(p.T("Issued by"), partyName(inv.Issuer))
	s.put(p.T("Bill to"), partyName(inv.Recipient))
	s.put(p.T("Currency"), string(inv.Currency))
	s.put()
	s.put(boldText(p.T("Destination")), boldText(p.T("Description")), boldText(p.T("Calls")),
		boldText(p.T("Minutes")), boldText(p.T("Amount (%s)", string(inv.Currency))))
	for _, l := range inv.Lines {
		if l.Kind == model.EntryCalls || l.Calls > 0 || l.Seconds > 0 {
			s.put(l.Prefix, p.description(l), l.Calls, minutesCell(l.Seconds), l.Amount)
		} else {
			s.put(l.Prefix, oneLine(l.Description), nil, nil, l.Amount)
		}
	}
	s.put()
	for _, t := range invoiceTotals(p, inv) {
		if t.bold {
			s.put(boldText(t.label), nil, nil, nil, boldAmount(t.amount))
		} else {
			s.put(t.label, nil, nil, nil, t.amount)
		}
	}
	return s.finish(w, []float64{26, 36, 10, 12, 16})
}

// total is one line of an invoice's totals.
type total struct {
	label  string
	amount decimal.Decimal
	bold   bool
}

// invoiceTotals are the totals an invoice prints, in order; the rounding
// line only when it is not zero.
func invoiceTotals(p printer, inv model.Invoice) []total {
	ts := []total{
		{p.T("Subtotal"), inv.Subtotal, false},
		{p.taxLabel(inv.TaxName, inv.TaxRate), inv.Tax, false},
		{p.T("Total"), inv.Total, true},
		{p.T("Previous balance"), inv.Previous, false},
		{p.T("Payments received"), inv.Payments.Neg(), false},
	}
	if !inv.Rounding.IsZero() {
		ts = append(ts, total{p.T("Rounding"), inv.Rounding, false})
	}
	return append(ts, total{p.T("Amount due"), inv.AmountDue, true})
}

// StatementXLSX writes a statement as one worksheet in f: the holder,
// period and currency, then the opening balance, a row per entry with the
// running balance, and the closing balance; USD beside when the statement
// has a rate and is not in USD.
func StatementXLSX(w io.Writer, st model.Statement, f Format) error {
	p := newPrinter(f, st.Currency)
	s, err := newSheet(p, p.T("Statement"))
	if err != nil {
		return err
	}
	last := st.To
	if st.To.After(st.From) {
		last = st.To.Add(-time.Nanosecond)
	}
	s.put(boldText(p.T("Statement")), boldText(st.HolderName))
	s.put(p.T("Period"), st.From, last)
	s.put(p.T("Currency"), string(st.Currency))
	s.put()
	usd := st.Currency != model.USD && st.USDRate.IsPositive()
	head := []cellValue{boldText(p.T("Date")), boldText(p.T("Description")), boldText(p.T("Destination")),
		boldText(p.T("Calls")), boldText(p.T("Minutes")), boldText(p.T("Amount (%s)", string(st.Currency))),
		boldText(p.T("Balance"))}
	if usd {
		head = append(head, boldText(p.T("Amount (USD)")))
	}
	s.put(head...)
	usdOf := func(a decimal.Decimal) cellValue {
		if v, ok := toUSD(a, st.USDRate); ok && usd {
			return usdAmount(v)
		}
		return nil
	}
	s.put(st.From, boldText(p.T("Opening balance")), nil, nil, nil, nil, boldAmount(st.Opening), usdOf(st.Opening))
	balance := st.Opening
	for _, l := range st.Lines {
		balance = balance.Add(l.Amount)
		if l.Kind == model.EntryCalls {
			s.put(l.At, p.lineText(l), l.Prefix, l.Calls, minutesCell(l.Seconds), l.Amount, balance, usdOf(l.Amount))
		} else {
			s.put(l.At, p.lineText(l), nil, nil, nil, l.Amount, balance, usdOf(l.Amount))
		}
	}
	s.put(last, boldText(p.T("Closing balance")), nil, nil, nil, nil, boldAmount(st.Closing), usdOf(st.Closing))
	return s.finish(w, []float64{12, 40, 12, 8, 10, 16, 16, 14})
}

// usdAmount is an amount in USD, to the cent.
type usdAmount decimal.Decimal
