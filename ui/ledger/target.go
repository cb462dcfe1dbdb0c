package ledger

import (
	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// Target is whose balance the Maintenance dialog changes and the
// history pane lists: a customer or one of its accounts. Both share one
// dialog and one pane; only this says which.
type Target struct {
	Holder      model.Holder
	Name        string // as titles show it: "Customer" or "Customer / username"
	Currency    model.Currency
	Balance     decimal.Decimal
	CreditLimit decimal.Decimal
}

// CustomerTarget is a customer's own ledger.
func CustomerTarget(c model.Customer) Target {
	return Target{Holder: model.CustomerLedger(c.ID), Name: model.VisibleText(c.Name), Currency: c.Currency,
		Balance: c.Balance, CreditLimit: c.CreditLimit}
}

// AccountTarget is an account's ledger.
func AccountTarget(a model.Account) Target {
	return Target{Holder: model.AccountLedger(a.ID), Name: model.VisibleText(a.CustomerName + " / " + a.Username),
		Currency: a.Currency, Balance: a.Balance, CreditLimit: a.CreditLimit}
}

// Available is balance plus credit limit.
func (t Target) Available() decimal.Decimal { return t.Balance.Add(t.CreditLimit) }

// IsZero reports that nothing is shown (no selection, or the root, which
// has no ledger).
func (t Target) IsZero() bool { return t.Holder == model.Holder{} }
