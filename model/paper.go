package model

import "github.com/shopspring/decimal"

// Money on paper (docs/invoices.md). The ledger keeps amounts to millionths;
// a document prints them in the currency's ISO 4217 minor unit (2 places
// for EUR, 0 for JPY, 3 for BHD). Each printed amount is rounded once, from
// the ledger's exact figure, half away from zero ("half up"): it is how
// invoices are rounded by hand, by a spreadsheet's ROUND and by the tax
// rules that say how (the euro conversion rules, most VAT rules), so a
// recipient who checks a line gets the same figure; and a credit note of
// the same amounts rounds to exactly the opposite of the invoice. Half to
// even would only matter against a drift in many roundings, and there is
// none to fear here: the printed figures never replace the ledger's, and
// what rounding leaves over is carried, never lost (RoundForPaper).

// RoundToMinor rounds a ledger amount to the currency's ISO 4217 minor
// unit, half away from zero: 0.125 EUR is 0.13, -0.125 EUR is -0.13, 2.5
// JPY is 3, 0.0005 BHD is 0.001.
func RoundToMinor(amount decimal.Decimal, c Currency) decimal.Decimal {
	return amount.Round(c.MinorUnits())
}

// RoundForPaper turns a draft worked out from the ledger into the figures
// a document prints. On entry the lines' Amount, Previous and Payments are
// the ledger's exact amounts (millionths) in inv.Currency, and TaxRate is
// set; on return:
//
//   - each line's Amount is rounded once (RoundToMinor);
//   - Subtotal is the sum of the printed lines, Tax is TaxRate percent of
//     Subtotal rounded once, and Total = Subtotal + Tax;
//   - Previous and Payments are rounded once;
//   - AmountDue is the ledger's exact Previous - Payments + lines, rounded
//     once, plus Tax;
//   - Rounding = AmountDue - (Previous - Payments + Total), all as printed:
//     what the printed lines gained or lost against the ledger, in whole
//     minor units, on its own line, so that the printed figures add up
//     and AmountDue is the ledger's figure to the minor unit.
//
// What is left below the minor unit (at most half of one) stays in the
// ledger and comes back in the next period's previous balance. Call it
// once, on exact amounts: the figures it returns are already rounded.
func (inv *Invoice) RoundForPaper() {
	c := inv.Currency
	exact := inv.Previous.Sub(inv.Payments)
	var subtotal decimal.Decimal
	for i := range inv.Lines {
		exact = exact.Add(inv.Lines[i].Amount)
		inv.Lines[i].Amount = RoundToMinor(inv.Lines[i].Amount, c)
		subtotal = subtotal.Add(inv.Lines[i].Amount)
	}
	inv.Subtotal = subtotal
	inv.Tax = RoundToMinor(subtotal.Mul(inv.TaxRate).Shift(-2), c)
	inv.Total = subtotal.Add(inv.Tax)
	inv.Previous = RoundToMinor(inv.Previous, c)
	inv.Payments = RoundToMinor(inv.Payments, c)
	inv.AmountDue = RoundToMinor(exact, c).Add(inv.Tax)
	inv.Rounding = inv.AmountDue.Sub(inv.Previous.Sub(inv.Payments).Add(inv.Total))
}
