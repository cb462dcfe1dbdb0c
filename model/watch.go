package model

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// AlertKind tells a low balance from one below zero.
type AlertKind string

// The kinds of balance alerts. Below zero is the stronger one: a holder
// whose Available falls from above its threshold to below zero in one move
// gets one alert, AlertNegative.
const (
	AlertLow      AlertKind = "low"      // Available fell below the holder's threshold
	AlertNegative AlertKind = "negative" // Available fell below zero
)

// Threshold is "warn when Available falls below" for one holder, in the
// holder's currency. Own is the holder's own setting (nil: none, the
// owner's default applies); Effective is the one the watch uses (nil: the
// holder is not watched).
type Threshold struct {
	Holder    Holder
	Currency  Currency
	Own       *decimal.Decimal
	Effective *decimal.Decimal
}

// WatchDefaults are the thresholds a customer sets for its direct
// customers and its own accounts that have none of their own, in the
// customer's own currency (converted to each holder's currency at the
// rates in force when a balance moves). nil: no default.
type WatchDefaults struct {
	Customer  ID
	Currency  Currency
	Customers *decimal.Decimal
	Accounts  *decimal.Decimal
}

// Alert is one recorded crossing: a holder's Available fell below its
// threshold (or below zero) at At. It stays open until acknowledged; the
// holder gets no new alert of the kind until Available has gone back
// above the line and crossed it again.
type Alert struct {
	ID         ID
	Holder     Holder
	HolderName string // the customer's name, or the account's username
	Path       string // the customer's (or the account's customer's) path, for opening the way to it
	Kind       AlertKind
	At         time.Time
	Currency   Currency
	Threshold  decimal.Decimal // the line crossed (0 for AlertNegative)
	Available  decimal.Decimal // Available just after the move, in Currency
	Now        decimal.Decimal // Available now, in Currency (filled when listed)
	Email      string          // the holder's contact, for a mail merge (customers; an account's customer's)
	Phone      string
	AckAt      time.Time // zero while open
	AckBy      ID
}

// AlertQuery selects alerts.
type AlertQuery struct {
	IncludeAcknowledged bool
	Offset, Limit       int
}

// AlertPage is a page of alerts in scope, newest first, and how many match.
type AlertPage struct {
	Alerts []Alert
	Total  int
	Open   int // open alerts in scope, whatever the page
}

// MonthFigures are a subtree's money of one calendar month (in the
// session customer's zone), in USD and in the customer's own currency.
type MonthFigures struct {
	Month                       time.Time // the month's first day
	Payments, PaymentsUSD       decimal.Decimal
	CallCharges, CallChargesUSD decimal.Decimal
}

// TopCustomer is one of the biggest customers of a subtree by call charges.
type TopCustomer struct {
	Customer       ID
	Name           string
	Path           string
	Charges        decimal.Decimal // in the session customer's currency
	ChargesUSD     decimal.Decimal
	Currency       Currency // the customer's own
	ChargesOwnCurr decimal.Decimal
}

// Overview is what the signed-in customer sees first: its subtree's money
// at a glance.
type Overview struct {
	Currency             Currency // the session customer's
	Balance, BalanceUSD  decimal.Decimal
	Credit, CreditUSD    decimal.Decimal // credit limits
	ThisMonth, LastMonth MonthFigures
	Top                  []TopCustomer // the 10 biggest by this month's call charges
	OpenAlerts           int
	Alerts               []Alert // the newest open alerts, at most 10
	Customers, Accounts  int
}

// BalancePoint is a holder's balance after one entry (or at the start of
// the window, Kind "").
type BalancePoint struct {
	At      time.Time
	Balance decimal.Decimal
	Kind    EntryKind // EntryAddFunds marks a payment
	Amount  decimal.Decimal
}

// BalanceHistory is a holder's balance over the last days, from its ledger.
type BalanceHistory struct {
	Holder    Holder
	Currency  Currency
	From, To  time.Time
	Points    []BalancePoint // the balance at From first, then every entry after it
	Threshold *decimal.Decimal
	Credit    decimal.Decimal // the credit limit: Available = Balance + Credit
}

// MonthCharges is a holder's call charges of one month.
type MonthCharges struct {
	Month   time.Time
	Charges decimal.Decimal // positive, in the holder's currency
}

// WatchStore is what the balance watch needs of the store (issue 19).
// Reading needs no right; setting thresholds and acknowledging alerts needs
// RightMaintenance.
type WatchStore interface {
	// Threshold reads a holder's threshold.
	Threshold(ctx context.Context, s Session, h Holder) (Threshold, error)
	// SetThreshold sets a holder's own threshold (nil clears it). A
	// holder below the new line gets no alert until its next move.
	SetThreshold(ctx context.Context, s Session, h Holder, amount *decimal.Decimal) (Threshold, error)
	// WatchDefaults reads the defaults a customer sets for those below it.
	WatchDefaults(ctx context.Context, s Session, customer ID) (WatchDefaults, error)
	// SetWatchDefaults saves the session customer's defaults (or those of
	// a customer in its subtree).
	SetWatchDefaults(ctx context.Context, s Session, d WatchDefaults) (WatchDefaults, error)
	// Alerts lists alerts of holders in the session's subtree (never the
	// session customer's own, which its owner watches), newest first.
	Alerts(ctx context.Context, s Session, q AlertQuery) (AlertPage, error)
	// AcknowledgeAlerts closes the given open alerts (all open ones in
	// scope when ids is empty); audited. It returns how many it closed.
	AcknowledgeAlerts(ctx context.Context, s Session, ids []ID) (int, error)
	// NeedsAttention returns the customers in scope that have an open
	// alert on themselves or on one of their accounts, for the tree filter.
	NeedsAttention(ctx context.Context, s Session) ([]CustomerRow, error)
	// Overview works out the session customer's overview at now.
	Overview(ctx context.Context, s Session, now time.Time) (Overview, error)
	// BalanceHistory returns a holder's balance over [from, to).
	BalanceHistory(ctx context.Context, s Session, h Holder, from, to time.Time) (BalanceHistory, error)
	// MonthlyCharges returns a holder's call charges per month for the
	// months months up to and including now's.
	MonthlyCharges(ctx context.Context, s Session, h Holder, months int, now time.Time) ([]MonthCharges, error)
}
