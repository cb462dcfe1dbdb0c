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
	// EntryCalls (calls.go) is the total of an import's calls on a holder.
)

// Entry is one line of a ledger. Entries are only ever added: the balance of
// a customer is the sum of its entries' Booked amounts.
type Entry struct {
	ID ID
	// Holder is whose ledger the entry is in: a customer or an account.
	Holder Holder
	Kind   EntryKind
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
	ReversedBy   ID // the reversal of this entry, if any
	CreatedBy    ID
	// CreatedByName is who made the entry; empty when that customer is
	// outside the viewer's subtree.
	CreatedByName string
	CreatedAt     time.Time
	// Calls describes the calls an EntryCalls entry charges (nil for the
	// other kinds): the window writes its notes from it, in its language.
	Calls *CallBatch
	// Voucher is the serial of the credit voucher an Add Funds entry
	// redeemed (0 for any other entry).
	Voucher int64
}

// CallBatch is what one "calls" entry charged: how many calls, from which
// import, started between First and Last.
type CallBatch struct {
	Import      ID
	Count       int
	First, Last time.Time
}

// MaxEntryNotesLen bounds the notes of a ledger entry.
const MaxEntryNotesLen = 1000

// CrossRatePlaces is how many decimals a stored conversion rate keeps.
const CrossRatePlaces = 16

// EntryInput is one Maintenance action as the clerk fills it in.
type EntryInput struct {
	Kind     EntryKind // EntryAddFunds, EntryCredit or EntryDebit
	Amount   decimal.Decimal
	Currency Currency
	Notes    string
	// Key identifies the filled-in form. The store makes at most one entry
	// per key, so a double click or a held Enter never books twice.
	Key string
}

// Validate checks the action, amount and notes.
func (in EntryInput) Validate() error {
	var es Errors
	switch in.Kind {
	case EntryAddFunds, EntryCredit, EntryDebit:
	default:
		es = append(es, FieldError("action", CodeInvalid, nil))
	}
	if !in.Amount.IsPositive() {
		es = append(es, FieldError("amount", CodeOutOfRange, map[string]any{"positive": true}))
	} else if e := validateAmount("amount", in.Amount, true); e != nil {
		es = append(es, e)
	}
	if in.Currency == "" {
		es = append(es, FieldError("currency", CodeRequired, nil))
	}
	if e := validateText("notes", in.Notes, MaxEntryNotesLen, true); e != nil {
		es = append(es, e)
	}
	if in.Key == "" || len(in.Key) > 100 {
		es = append(es, FieldError("", CodeInvalid, map[string]any{"key": true}))
	}
	return es.Err()
}

// Sign is +1 for the kinds that raise a balance and -1 for Debit.
func (k EntryKind) Sign() int64 {
	if k == EntryDebit {
		return -1
	}
	return 1
}

// CrossRate is how many units of to make one unit of from, through USD,
// rounded half to even to CrossRatePlaces. It is the rate stored on an
// entry.
func (t RateTable) CrossRate(from, to Currency) (decimal.Decimal, error) {
	if from == to {
		return decimal.NewFromInt(1), nil
	}
	rateFrom, ok := t.Rate(from)
	if !ok {
		return decimal.Zero, NoRate(from)
	}
	rateTo, ok := t.Rate(to)
	if !ok {
		return decimal.Zero, NoRate(to)
	}
	return divHalfEven(rateTo, rateFrom, CrossRatePlaces), nil
}

// Book is the amount an entry books in the customer's currency: the entered
// amount times the stored rate, rounded half to even to StorageScale.
// Anyone can recompute it from the entry alone.
func Book(amount, rate decimal.Decimal) decimal.Decimal {
	return RoundToStorage(amount.Mul(rate))
}

// EntryFilter narrows a customer's history. Zero values mean "no limit".
type EntryFilter struct {
	From, To time.Time   // created at From or later, and before To
	Kinds    []EntryKind // any of these kinds
	Before   ID          // entries older than this one (for the next page)
	Limit    int
}

// Admits tells whether e is one of the entries f selects, leaving paging
// (Before, Limit) aside: a list can then take in a new entry without
// reading again.
func (f EntryFilter) Admits(e Entry) bool {
	if !f.From.IsZero() && e.CreatedAt.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && !e.CreatedAt.Before(f.To) {
		return false
	}
	if len(f.Kinds) == 0 {
		return true
	}
	for _, k := range f.Kinds {
		if k == e.Kind {
			return true
		}
	}
	return false
}

// PaymentLine is the payments (Add Funds, less their reversals) of one
// customer, or of one of its accounts, in a report.
type PaymentLine struct {
	CustomerID ID
	Name       string // the customer's name
	AccountID  ID     // set for an account's line
	Username   string // the account's username
	Currency   Currency
	Amount     decimal.Decimal
	Count      int
}
