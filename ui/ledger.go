package ui

import (
	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// ledgerTarget is whose balance the Maintenance dialog changes and the
// history pane lists: a customer or one of its accounts. Both share one
// dialog and one pane; only this says which.
type ledgerTarget struct {
	holder      model.Holder
	name        string // as titles show it: "Customer" or "Customer / username"
	currency    model.Currency
	balance     decimal.Decimal
	creditLimit decimal.Decimal
}

func customerTarget(c model.Customer) ledgerTarget {
	return ledgerTarget{holder: model.CustomerLedger(c.ID), name: c.Name, currency: c.Currency,
		balance: c.Balance, creditLimit: c.CreditLimit}
}

func accountTarget(a model.Account) ledgerTarget {
	return ledgerTarget{holder: model.AccountLedger(a.ID), name: a.CustomerName + " / " + a.Username,
		currency: a.Currency, balance: a.Balance, creditLimit: a.CreditLimit}
}

// available is balance plus credit limit.
func (t ledgerTarget) available() decimal.Decimal { return t.balance.Add(t.creditLimit) }

// isZero reports that nothing is shown (no selection, or the root, which
// has no ledger).
func (t ledgerTarget) isZero() bool { return t.holder == model.Holder{} }
