package rating

import (
	"fmt"
	"strconv"
)

// Reason says why a call is not charged. The values are stable codes a
// store may persist with the call (so the call can be rated again later)
// and the window translates; they never change once released.
type Reason string

// Reasons decided by this package.
const (
	// ReasonUnanswered: the call was not answered; nothing is charged.
	ReasonUnanswered Reason = "unanswered"
	// ReasonNegativeDuration: the switch gave fewer than 0 seconds.
	ReasonNegativeDuration Reason = "duration_negative"
	// ReasonDurationTooLong: more than MaxCallSeconds.
	ReasonDurationTooLong Reason = "duration_too_long"
	// ReasonNumberEmpty: the called number holds no digit.
	ReasonNumberEmpty Reason = "number_empty"
	// ReasonNumberInvalid: the called number holds a character that is
	// neither a digit nor a separator (a letter, '*', '#', a '+' that does
	// not lead).
	ReasonNumberInvalid Reason = "number_invalid"
	// ReasonNumberTooLong: more than MaxNumberDigits digits.
	ReasonNumberTooLong Reason = "number_too_long"
	// ReasonNoTariff: a level of the chain has no tariff (or the chain is
	// empty).
	ReasonNoTariff Reason = "no_tariff"
	// ReasonNoRate: a level's tariff has no rate in force for the number
	// when the call started.
	ReasonNoRate Reason = "no_rate"
)

// Reasons decided by the importer, which knows the accounts. They are
// listed here so that every reason a call is left unrated is one set of
// codes in one column.
const (
	ReasonUnknownAccount Reason = "account_unknown"
	ReasonAccountDeleted Reason = "account_deleted"
	ReasonAccountBlocked Reason = "account_blocked"
	ReasonAccountExpired Reason = "account_expired"
	// ReasonOutsideScope: the account is not in the importing customer's
	// subtree. Stored like an unknown account would be, so nothing leaks.
	ReasonOutsideScope Reason = "account_outside_scope"
)

// WholeCall is Unrated.Level when the reason concerns the call itself
// rather than one level of the chain.
const WholeCall = -1

// Unrated is the error Rate returns when a call is charged at no level:
// which level (an index into the chain, or WholeCall) and why. One level
// without a rate leaves the whole call unrated, so no level is ever charged
// for a call another level cannot price.
type Unrated struct {
	Reason Reason
	Level  int
	// Number is the called number: its digits once normalised, else as
	// the switch wrote it.
	Number string
}

func (u *Unrated) Error() string {
	where := "call"
	if u.Level != WholeCall {
		where = "level " + strconv.Itoa(u.Level)
	}
	return fmt.Sprintf("unrated: %s (%s, number %q)", u.Reason, where, u.Number)
}
