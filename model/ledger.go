package model

import (
	"time"

	"github.com/shopspring/decimal"
)

// EntryKind says what a ledger entry did to a balance.
type EntryKind string

// The kinds of ledger entries. Opening is the balance given when a customer
// or account is created; the others are the Maintenance actions.
const (
	EntryOpening  EntryKind = "opening"
	EntryAddFunds EntryKind = "add_funds" // a payment received; counts in payment reports
	EntryCredit   EntryKind = "credit"    // a compensation or correction
	EntryDebit    EntryKind = "debit"     // a charge
	EntryReversal EntryKind = "reversal"  // undoes one earlier entry
)

// Entry is one line of a ledger. Entries are only ever added: the balance of
// a customer is the sum of its entries' Booked amounts.
type Entry struct {
	ID         ID
	CustomerID ID
	Kind       EntryKind
	// Entered is the amount and currency as the clerk typed them (positive).
	Entered Money
	// Rate converts Entered into the customer's currency; it is stored so
	// the entry can always be explained, whatever rates do later.
	Rate decimal.Decimal
	// Booked is the signed change to the balance, in the customer's currency.
	Booked       decimal.Decimal
	BalanceAfter decimal.Decimal
	Notes        string
	Reverses     ID // the entry this one reverses, for EntryReversal
	CreatedBy    ID
	CreatedAt    time.Time
}
