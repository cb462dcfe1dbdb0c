package rating

import (
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// MaxCallSeconds bounds a call's duration: 31 days. A longer one is a
// switch's error, not a call; refusing it also keeps every cost inside
// int64 (see costMicros).
const MaxCallSeconds = 31 * 24 * 3600

// MaxAllowanceSeconds bounds grace and free seconds, like the intervals.
const MaxAllowanceSeconds = model.MaxRateInterval

// Billing is how one rate prices a call's seconds. Prices are whole
// millionths of the tariff's currency (micros). A Deck's Billing keeps the
// bounds exact integer arithmetic needs (model.Rate's: prices up to
// model.MaxRatePrice, intervals 1 to 3600 s); one built by hand must keep
// them too.
type Billing struct {
	PriceMicros      int64 // per minute
	ConnectFeeMicros int64 // once per charged call
	FirstInterval    int   // seconds, at least 1
	NextInterval     int   // seconds, at least 1
	GraceSeconds     int   // a call this long or shorter costs nothing
	FreeSeconds      int   // taken off before the intervals
}

// Bill returns the seconds billed at the price and the cost in micros of
// a call of the given answered seconds (0 to MaxCallSeconds), in this
// order:
//
//  1. grace: a call of GraceSeconds or fewer costs nothing, connect fee
//     included (so a 0 s call always costs nothing);
//  2. free: FreeSeconds are taken off the duration; if nothing is left,
//     only the connect fee is charged;
//  3. intervals: what is left is billed FirstInterval in full, then whole
//     NextIntervals counted from the end of the first;
//  4. cost: connect fee + billed × price / 60, rounded once (RoundCost).
//
// charged is false only under grace.
func (b Billing) Bill(seconds int) (billed int, cost int64, charged bool) {
	if seconds <= b.GraceSeconds || seconds <= 0 {
		return 0, 0, false
	}
	billed = BilledSeconds(seconds-b.FreeSeconds, b.FirstInterval, b.NextInterval)
	return billed, costMicros(b.ConnectFeeMicros, b.PriceMicros, billed), true
}

// BilledSeconds bills seconds by intervals: nothing for 0 or fewer, the
// first interval in full, then as many whole next intervals as it takes,
// counted from the end of the first. 26 s at 25/8 is 33 s; 61 s at 60/60
// is 120 s.
func BilledSeconds(seconds, first, next int) int {
	if seconds <= 0 {
		return 0
	}
	if seconds <= first {
		return first
	}
	rest := seconds - first
	return first + (rest+next-1)/next*next
}

// costMicros is connect + billed × price / 60 in micros, exact: the sum is
// taken over a common denominator of 60 in integers and divided once,
// half up (roundHalfUpDiv). Bounds: price ≤ model.MaxRatePrice units
// (10^12 micros) and billed ≤ MaxCallSeconds + an interval (< 2.7 × 10^6)
// keep billed × price under 2.7 × 10^18, inside int64.
func costMicros(connect, price int64, billed int) int64 {
	return roundHalfUpDiv(connect*60+int64(billed)*price, 60)
}

// roundHalfUpDiv is n / d rounded half up, for n ≥ 0 and d > 0. It is the
// one place a call's cost is rounded; RoundCost is the same rule on
// decimals.
func roundHalfUpDiv(n, d int64) int64 {
	q, r := n/d, n%d
	if 2*r >= d {
		q++
	}
	return q
}

// RoundCost rounds a non-negative amount to model.StorageScale places,
// half up: 0.0000005 becomes 0.000001. It is the rule costMicros applies,
// for callers that hold decimals (reports, tests).
//
// Why not model.RoundToStorage (half to even)? Issue 16 fixes half up for
// call costs, the rule a customer checks with a pencil; a cost is never
// negative, so half up and half away from zero agree. The two differ
// only on an exact half of a micro, which a call meets when billed ×
// price in micros leaves 30 over a multiple of 60: half up charges the
// micro, half even charges it one time in two. Conversions between
// currencies keep RoundToStorage; rating never converts.
func RoundCost(d decimal.Decimal) decimal.Decimal {
	return d.Round(model.StorageScale)
}
