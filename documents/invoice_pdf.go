package documents

import (
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// InvoicePDF writes an invoice or credit note as a PDF in the language,
// time zone and paper it was issued with (InvoiceFormat): the issuer with
// its logo, the title, number and dates, the recipient, a table of the
// lines (a destination's calls, minutes and amount; a debit's
// description), subtotal, tax, total, previous balance, payments, a
// rounding line when there is one, the amount due, then bank details and
// payment terms. Long invoices go on over pages that repeat the table's
// header; each page says "Page N of M". The figures print as the invoice
// holds them, in the currency's minor unit.
func InvoicePDF(w io.Writer, inv model.Invoice) error {
	fs, err := loadFonts()
	if err != nil {
		return err
	}
	f := InvoiceFormat(inv)
	p := newPrinter(f, inv.Currency)
	d := newPDF(fs, f.Paper)
	r := invoiceWriter{d: d, p: p, inv: inv}
	if err := r.write(); err != nil {
		return err
	}
	return d.finish(w, p, r.footer())
}

type invoiceWriter struct {
	d   *pdfDoc
	p   printer
	inv model.Invoice
	tbl *table
}

// number is the invoice's number, or "Draft".
func (r *invoiceWriter) number() string {
	if r.inv.Number == "" {
		return r.p.T("Draft")
	}
	return r.inv.Number
}

func (r *invoiceWriter) footer() string {
	return r.p.title(r.inv.Kind) + " " + r.number() + " · " + partyName(r.inv.Issuer)
}

func (r *invoiceWriter) write() error {
	if err := r.head(); err != nil {
		return err
	}
	if err := r.lines(); err != nil {
		return err
	}
	if err := r.totals(); err != nil {
		return err
	}
	return r.bottom()
}

// head prints the issuer (left, under its logo), the title and dates
// (right) and the recipient.
func (r *invoiceWriter) head() error {
	d, p, inv := r.d, r.p, r.inv
	x := d.left()
	half := (d.right() - d.left()) / 2
	if h := d.logo(inv.Issuer.Logo, x, d.y, 170, 56); h > 0 {
		d.y += h + 10
	}
	nameStyle := style{size: 12, bold: true, color: black}
	if err := d.lines(x, d.wrap(partyName(inv.Issuer), half-10, nameStyle), nameStyle); err != nil {
		return err
	}
	if err := d.lines(x, r.partyBlock(inv.Issuer, half-10), body); err != nil {
		return err
	}
	leftY := d.y

	// The title and the facts, right.
	y := margin
	titleStyle := style{size: 20, bold: true, color: black}
	if err := d.textRight(d.right(), y, p.title(inv.Kind), titleStyle); err != nil {
		return err
	}
	y += titleStyle.lineHeight() + 6
	facts := [][2]string{{p.T("Number"), r.number()}}
	if !inv.Issued.IsZero() {
		facts = append(facts, [2]string{p.T("Issue date"), p.date(inv.Issued)})
	}
	if !inv.Due.IsZero() {
		facts = append(facts, [2]string{p.T("Due date"), p.date(inv.Due)})
	}
	if s := p.period(inv.From, inv.To); s != "" {
		facts = append(facts, [2]string{p.T("Period"), s})
	}
	if inv.Kind == model.KindCreditNote && inv.CreditForNumber != "" {
		facts = append(facts, [2]string{"", p.T("Corrects invoice %s", inv.CreditForNumber)})
	}
	factX := d.left() + half + 30
	for _, f := range facts {
		if err := d.text(factX, y+1, f[0], label); err != nil {
			return err
		}
		if err := d.textRight(d.right(), y, d.fit(f[1], d.right()-factX-70, bodyBold), bodyBold); err != nil {
			return err
		}
		y += body.lineHeight() + 2
	}

	// The recipient, under both.
	d.y = max(leftY, y) + 18
	if err := d.text(x, d.y, p.T("Bill to"), label); err != nil {
		return err
	}
	d.y += label.lineHeight() + 1
	recipientStyle := style{size: 11, bold: true, color: black}
	if err := d.lines(x, d.wrap(partyName(inv.Recipient), half, recipientStyle), recipientStyle); err != nil {
		return err
	}
	if err := d.lines(x, r.partyBlock(inv.Recipient, half), body); err != nil {
		return err
	}
	d.y += 16
	return nil
}

// partyBlock is a party's lines after its name, wrapped to w.
func (r *invoiceWriter) partyBlock(pt model.Party, w float64) []string {
	var out []string
	for _, l := range r.p.partyLines(pt) {
		out = append(out, r.d.wrap(l, w, body)...)
	}
	return out
}

// lines prints the table of lines.
func (r *invoiceWriter) lines() error {
	d, p := r.d, r.p
	r.tbl = d.newTable([]column{
		{title: p.T("Destination")},
		{title: p.T("Calls"), width: 70, right: true},
		{title: p.T("Minutes"), width: 80, right: true},
		{title: p.T("Amount (%s)", string(r.inv.Currency)), width: 110, right: true},
	})
	d.cont = func() {
		_ = d.text(d.left(), d.y, d.fit(r.footer(), d.right()-d.left(), label), label)
		d.y += label.lineHeight() + 8
		_ = r.tbl.header()
	}
	if err := r.tbl.header(); err != nil {
		return err
	}
	for _, l := range r.inv.Lines {
		cells := []string{p.lineLabel(l), "", "", p.amount(l.Amount)}
		if l.Kind == model.EntryCalls || l.Calls > 0 || l.Seconds > 0 {
			cells[1], cells[2] = p.count(l.Calls), p.minutes(l.Seconds)
		}
		if err := r.tbl.row(cells, body, 0); err != nil {
			return err
		}
	}
	d.cont = nil
	return nil
}

// totals prints the figures under the table, right.
func (r *invoiceWriter) totals() error {
	d, p, inv := r.d, r.p, r.inv
	type line struct {
		label  string
		amount decimal.Decimal
		st     style
		ruled  bool
		gap    float64
	}
	neg := inv.Payments.Neg()
	ls := []line{
		{label: p.T("Subtotal"), amount: inv.Subtotal, st: body},
		{label: p.taxLabel(inv.TaxName, inv.TaxRate), amount: inv.Tax, st: body},
		{label: p.T("Total"), amount: inv.Total, st: bodyBold, ruled: true},
		{label: p.T("Previous balance"), amount: inv.Previous, st: body, gap: 8},
		{label: p.T("Payments received"), amount: neg, st: body},
	}
	if !inv.Rounding.IsZero() {
		ls = append(ls, line{label: p.T("Rounding"), amount: inv.Rounding, st: body})
	}
	h := 14.0
	for _, l := range ls {
		h += l.st.lineHeight() + 3 + l.gap
	}
	due := style{size: 12, bold: true, color: black}
	h += due.lineHeight() + 12
	d.need(h)
	d.y += 10
	labelX := d.right() - 260
	for _, l := range ls {
		d.y += l.gap
		if l.ruled {
			d.hline(labelX, d.right(), d.y-2, rule, 0.6)
			d.y += 2
		}
		if err := d.text(labelX, d.y, d.fit(l.label, 150, l.st), l.st); err != nil {
			return err
		}
		if err := d.textRight(d.right(), d.y, p.amount(l.amount), l.st); err != nil {
			return err
		}
		d.y += l.st.lineHeight() + 3
	}
	d.y += 4
	d.fill(labelX-6, d.y-3, d.right()-labelX+6, due.lineHeight()+6, shade)
	if err := d.text(labelX, d.y, p.T("Amount due"), due); err != nil {
		return err
	}
	if err := d.textRight(d.right()-2, d.y, p.money(inv.AmountDue), due); err != nil {
		return err
	}
	d.y += due.lineHeight() + 20
	return nil
}

// bottom prints the payment terms, the issuer's bank details and the
// notes.
func (r *invoiceWriter) bottom() error {
	d, p, inv := r.d, r.p, r.inv
	width := d.right() - d.left()
	type block struct {
		title string
		lines []string
	}
	var bs []block
	if t := p.terms(inv.Issued, inv.Due); t != "" && inv.Kind != model.KindCreditNote {
		bs = append(bs, block{lines: d.wrap(t, width, body)})
	}
	if b := strings.TrimSpace(inv.Issuer.Bank); b != "" {
		bs = append(bs, block{title: p.T("Bank details"), lines: d.wrap(b, width, body)})
	}
	if n := strings.TrimSpace(inv.Notes); n != "" {
		bs = append(bs, block{title: p.T("Notes"), lines: d.wrap(n, width, body)})
	}
	for _, b := range bs {
		h := float64(len(b.lines))*body.lineHeight() + 8
		if b.title != "" {
			h += labelBold.lineHeight()
		}
		d.need(min(h, d.bottom()-margin))
		if b.title != "" {
			if err := d.text(d.left(), d.y, b.title, labelBold); err != nil {
				return err
			}
			d.y += labelBold.lineHeight()
		}
		for _, l := range b.lines {
			d.need(body.lineHeight())
			if err := d.text(d.left(), d.y, l, body); err != nil {
				return err
			}
			d.y += body.lineHeight()
		}
		d.y += 8
	}
	return nil
}
