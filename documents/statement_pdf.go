package documents

import (
	"io"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// StatementPDF writes a holder's statement of a period as a PDF in f: the
// holder, the period and currency, then a table from the opening balance
// through every entry (calls grouped by destination with their calls and
// minutes) to the closing balance, with the running balance and, when the
// statement has a rate and is not in USD, each amount in USD beside it.
// Each amount is rounded once to the currency's minor unit where it
// prints; the running balance is worked out on the ledger's exact amounts,
// so the closing balance printed is the ledger's.
func StatementPDF(w io.Writer, st model.Statement, f Format) error {
	fs, err := loadFonts()
	if err != nil {
		return err
	}
	p := newPrinter(f, st.Currency)
	d := newPDF(fs, f.Paper)
	footer := p.T("Statement") + " · " + st.HolderName + " · " + p.period(st.From, st.To)

	// Head: the holder left, the title and facts right.
	nameStyle := style{size: 12, bold: true, color: black}
	titleStyle := style{size: 20, bold: true, color: black}
	if err := d.textRight(d.right(), d.y, p.T("Statement"), titleStyle); err != nil {
		return err
	}
	y := d.y + titleStyle.lineHeight() + 6
	half := (d.right() - d.left()) / 2
	if err := d.lines(d.left(), d.wrap(st.HolderName, half, nameStyle), nameStyle); err != nil {
		return err
	}
	factX := d.left() + half + 30
	facts := [][2]string{{p.T("Period"), p.period(st.From, st.To)}, {p.T("Currency"), string(st.Currency)}}
	for _, fct := range facts {
		if err := d.text(factX, y+1, fct[0], label); err != nil {
			return err
		}
		if err := d.textRight(d.right(), y, fct[1], bodyBold); err != nil {
			return err
		}
		y += body.lineHeight() + 2
	}
	d.y = max(d.y, y) + 18

	usd := st.Currency != model.USD && st.USDRate.IsPositive()
	cols := []column{
		{title: p.T("Date"), width: 60},
		{title: p.T("Description")},
		{title: p.T("Calls"), width: 40, right: true},
		{title: p.T("Minutes"), width: 52, right: true},
		{title: p.T("Amount (%s)", string(st.Currency)), width: 74, right: true},
		{title: p.T("Balance"), width: 74, right: true},
	}
	if usd {
		cols = append(cols, column{title: p.T("Amount (USD)"), width: 70, right: true})
	}
	tbl := d.newTable(cols)
	d.cont = func() {
		_ = d.text(d.left(), d.y, d.fit(footer, d.right()-d.left(), label), label)
		d.y += label.lineHeight() + 8
		_ = tbl.header()
	}
	if err := tbl.header(); err != nil {
		return err
	}
	usdOf := func(a decimal.Decimal) string {
		if v, ok := toUSD(a, st.USDRate); ok {
			return p.tr.Decimal(v, 2)
		}
		return ""
	}
	row := func(cells []string, s style) error {
		if !usd {
			cells = cells[:len(cells)-1]
		}
		return tbl.row(cells, s, 1)
	}
	if err := row([]string{p.date(st.From), p.T("Opening balance"), "", "", "", p.amount(st.Opening), usdOf(st.Opening)}, bodyBold); err != nil {
		return err
	}
	balance := st.Opening
	for _, l := range st.Lines {
		balance = balance.Add(l.Amount)
		calls, mins := "", ""
		if l.Kind == model.EntryCalls {
			calls, mins = p.count(l.Calls), p.minutes(l.Seconds)
		}
		if err := row([]string{p.date(l.At), p.lineText(l), calls, mins, p.amount(l.Amount), p.amount(balance), usdOf(l.Amount)}, body); err != nil {
			return err
		}
	}
	last := st.To
	if st.To.After(st.From) {
		last = st.To.Add(-1)
	}
	if err := row([]string{p.date(last), p.T("Closing balance"), "", "", "", p.amount(st.Closing), usdOf(st.Closing)}, bodyBold); err != nil {
		return err
	}
	d.cont = nil
	return d.finish(w, p, footer)
}
