package invoices

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// lineColumns are the columns of an invoice's lines.
var lineColumns = []widgets.Column{
	{Title: "Description", Width: 200}, {Title: "Calls", Width: 60}, {Title: "Minutes", Width: 80}, {Title: "Amount", Width: 130},
}

// Preview shows an invoice or a credit note as it will print: who to
// whom, the dates, the lines and the totals. It shows a draft as well as
// an issued one.
type Preview struct {
	Content fyne.CanvasObject
	Heading *widget.Label
	Parties *widget.Label
	Dates   *widget.Label
	Table   *widget.Table
	Totals  *widget.Label
	inv     model.Invoice
	tr      *i18n.Translator
	env     widgets.Env
}

// NewPreview makes an empty preview.
func NewPreview(env widgets.Env) *Preview {
	p := &Preview{tr: env.Tr, env: env}
	p.Heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.Parties = widget.NewLabel("")
	p.Parties.Wrapping = fyne.TextWrapWord
	p.Dates = widget.NewLabel("")
	p.Dates.Wrapping = fyne.TextWrapWord
	p.Table = widgets.NewTable(env.Tr, lineColumns, func() int { return len(p.inv.Lines) }, p.updateCell)
	p.Totals = widget.NewLabel("")
	p.Totals.Wrapping = fyne.TextWrapWord
	p.Totals.Alignment = fyne.TextAlignTrailing
	top := container.NewVBox(p.Heading, p.Parties, p.Dates)
	p.Content = container.NewBorder(top, p.Totals, nil, nil, p.Table)
	return p
}

// Invoice is the invoice shown.
func (p *Preview) Invoice() model.Invoice { return p.inv }

// Show puts inv in the preview.
func (p *Preview) Show(inv model.Invoice) {
	tr, zone := p.tr, p.env.Zone()
	p.inv = inv
	p.Heading.SetText(Title(tr, inv))
	p.Parties.SetText(tr.T("From %s to %s", partyName(inv.Issuer), partyName(inv.Recipient)))
	dates := tr.T("Period: %s – %s", tr.Date(inv.From, zone), tr.Date(inv.To.AddDate(0, 0, -1), zone))
	if !inv.Issued.IsZero() {
		dates += " · " + tr.T("Issued %s, due %s", tr.Date(inv.Issued, zone), tr.Date(inv.Due, zone))
	}
	p.Dates.SetText(dates)
	p.Table.Refresh()
	p.Totals.SetText(TotalsText(tr, inv))
	p.Content.Show()
}

// Clear hides the preview, so a draft the store refused leaves no older
// one on show beside the refusal.
func (p *Preview) Clear() {
	p.inv = model.Invoice{}
	p.Content.Hide()
}

// Title is "Invoice A-7", "Credit note A-8" or "Draft invoice".
func Title(tr *i18n.Translator, inv model.Invoice) string {
	switch {
	case inv.Kind == model.KindCreditNote:
		return tr.T("Credit note %s", inv.Number)
	case inv.Number == "":
		return tr.T("Draft invoice")
	}
	return tr.T("Invoice %s", inv.Number)
}

func partyName(p model.Party) string {
	if p.LegalName != "" {
		return model.VisibleText(p.LegalName)
	}
	return model.VisibleText(p.Name)
}

// TotalsText lists an invoice's figures under its lines.
func TotalsText(tr *i18n.Translator, inv model.Invoice) string {
	m := func(d decimal.Decimal) string { return widgets.MoneyText(tr, d, inv.Currency) }
	tax := inv.TaxName
	if tax == "" {
		tax = tr.T("Tax")
	}
	s := tr.T("Subtotal: %s", m(inv.Subtotal)) + "\n" +
		tr.T("%s %s %%: %s", tax, tr.Decimal(inv.TaxRate, widgets.ShownPlaces(inv.TaxRate, 0)), m(inv.Tax)) + "\n" +
		tr.T("Total: %s", m(inv.Total))
	if inv.Kind == model.KindCreditNote {
		return s
	}
	s += "\n" + tr.T("Previous balance: %s", m(inv.Previous)) + "\n" +
		tr.T("Payments in the period: %s", m(inv.Payments))
	if !inv.Rounding.IsZero() {
		s += "\n" + tr.T("Rounding: %s", m(inv.Rounding))
	}
	s += "\n" + tr.T("Amount due: %s", m(inv.AmountDue))
	if !inv.Credited.IsZero() {
		s += "\n" + tr.T("Credited since by credit notes: %s", m(inv.Credited))
	}
	return s
}

func (p *Preview) updateCell(id widget.TableCellID, l *widget.Label) {
	l.Alignment = fyne.TextAlignTrailing
	if id.Col == 0 {
		l.Alignment = fyne.TextAlignLeading
	}
	l.SetText(lineCell(p.tr, p.inv, p.inv.Lines[id.Row], id.Col))
}

func lineCell(tr *i18n.Translator, inv model.Invoice, l model.InvoiceLine, col int) string {
	switch col {
	case 0:
		switch {
		case l.Late == model.LateBooked:
			return tr.T("Calls made before the period, booked late")
		case l.Late == model.LateUndone:
			return tr.T("Calls undone after they were invoiced")
		case l.Kind == model.EntryCalls:
			return tr.T("Calls to %s", l.Prefix)
		}
		return model.VisibleText(l.Description)
	case 1:
		if l.Kind == model.EntryCalls {
			return fmt.Sprint(l.Calls)
		}
	case 2:
		if l.Kind == model.EntryCalls {
			return tr.Decimal(decimal.NewFromInt(int64(l.Seconds)).Div(decimal.NewFromInt(60)), 1)
		}
	case 3:
		return widgets.MoneyText(tr, l.Amount, inv.Currency)
	}
	return ""
}

// StatusText is the status as the list shows it.
func StatusText(tr *i18n.Translator, s model.InvoiceStatus) string {
	switch s {
	case model.StatusPaid:
		return tr.T("paid")
	case model.StatusPartly:
		return tr.T("partly paid")
	case model.StatusOpen:
		return tr.T("open")
	}
	return tr.T("draft")
}
