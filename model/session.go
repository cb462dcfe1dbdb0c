package model

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

	// AllRights is what the root holds.
	AllRights = RightCustomersAdd | RightCustomersEdit | RightCustomersDelete |
		RightAccountsAdd | RightAccountsEdit | RightAccountsDelete |
		RightTariffsAdd | RightTariffsEdit | RightTariffsDelete |
		RightMaintenance | RightExchangeRates
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
