package model

import "time"

// Right is one thing a customer may be allowed to do to its own subtree.
type Right uint32

// The rights the root, and any customer for its sub-customers, can grant.
const (
	RightCustomersAdd Right = 1 << iota
	RightCustomersEdit
	RightCustomersDelete
	RightAccountsAdd
	RightAccountsEdit
	RightAccountsDelete
	RightTariffsAdd
	RightTariffsEdit
	RightTariffsDelete
	RightMaintenance
	RightExchangeRates
	RightVouchers // credit voucher batches: make, list, void
	// RightInvoices: issue invoices and credit notes to direct customers
	// and own accounts. Reading one's own and received documents, and
	// setting one's own company details, need no right.
	RightInvoices

	// AllRights is what the root holds.
	AllRights = RightCustomersAdd | RightCustomersEdit | RightCustomersDelete |
		RightAccountsAdd | RightAccountsEdit | RightAccountsDelete |
		RightTariffsAdd | RightTariffsEdit | RightTariffsDelete |
		RightMaintenance | RightExchangeRates | RightVouchers | RightInvoices
)

// Has reports whether r includes every right in want.
func (r Right) Has(want Right) bool { return r&want == want }

// Session is a signed-in customer. Every Store call takes one and answers
// only inside the session's subtree.
type Session struct {
	CustomerID ID
	// Path is the signed-in customer's materialized path, such as "/1/7/".
	// A customer is inside the session's subtree when its path starts with it.
	Path     string
	Name     string
	Language string
	TimeZone string
	Rights   Right
}

// IsZero reports whether s is the zero Session (nobody signed in).
func (s Session) IsZero() bool { return s.CustomerID == 0 }

// RightList is every right in the order the Permissions form shows them.
var RightList = []Right{
	RightCustomersAdd, RightCustomersEdit, RightCustomersDelete,
	RightAccountsAdd, RightAccountsEdit, RightAccountsDelete,
	RightTariffsAdd, RightTariffsEdit, RightTariffsDelete,
	RightMaintenance, RightExchangeRates, RightVouchers, RightInvoices,
}

// Limits of the sign-in wait: after MaxFreeFailures wrong passwords in a
// row, each further try must wait 1 s, 2 s, 4 s … up to MaxWait.
const (
	MaxFreeFailures = 5
	MaxWait         = 60 * time.Second
)

// SignInDelay is how long to wait after the last of failures wrong
// passwords in a row before the next try: nothing for the first
// MaxFreeFailures-1, then 1 s, 2 s, 4 s … up to MaxWait. The store keeps
// the failures per login in the file, so a restart does not reset them.
func SignInDelay(failures int) time.Duration {
	if failures < MaxFreeFailures {
		return 0
	}
	return min(time.Second<<min(failures-MaxFreeFailures, 6), MaxWait)
}

// SignInWait is how long a login with failures wrong passwords in a row,
// the last at last, must still wait at now.
func SignInWait(failures int, last, now time.Time) time.Duration {
	until := last.Add(SignInDelay(failures))
	if now.Before(until) {
		return until.Sub(now)
	}
	return 0
}
