package rating

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// Call is what rating needs of a call record.
type Call struct {
	// Number is the called number as the switch wrote it.
	Number string
	// Start is when the call started; it picks the rates in force.
	Start time.Time
	// Seconds is the answered duration the switch measured (billsec).
	Seconds int
	// Answered is false for a call nobody picked up.
	Answered bool
}

// Charge is what one level of the chain pays for a call, in its tariff's
// currency: no level's cost is ever converted, so rating needs no exchange
// rates.
type Charge struct {
	TariffID model.ID
	Currency model.Currency
	RateID   model.ID
	// Prefix is the prefix matched.
	Prefix string
	// BilledSeconds are the seconds charged at the price: free seconds
	// are not among them, and a call within grace bills 0.
	BilledSeconds int
	// CostMicros is the cost in millionths of Currency (model.FromMicros).
	CostMicros int64
	// Grace is true when the call lasted no longer than the rate's grace
	// seconds (a 0 s call always does), so it cost nothing at this level,
	// connect fee included.
	Grace bool
}

// Cost is CostMicros as an amount.
func (c Charge) Cost() decimal.Decimal { return model.FromMicros(c.CostMicros) }

// Rate prices a call at every level of its chain: chain[0] is the
// account's tariff, chain[1] its customer's, and so on up to the last
// owner below the root; the root is never in the chain, so it is never
// charged. It returns one Charge per level, in the chain's order, or an
// *Unrated: then no level is charged at all.
func Rate(call Call, chain []*Deck) ([]Charge, error) {
	return AppendRate(nil, call, chain)
}

// AppendRate is Rate appending to dst, so an importer that reuses dst
// rates a call without allocating.
func AppendRate(dst []Charge, call Call, chain []*Deck) ([]Charge, error) {
	if u := checkCall(call); u != nil {
		return dst, u
	}
	var buf [MaxNumberDigits + 3]byte
	digits, reason := appendDigits(buf[:0], call.Number)
	if reason == "" {
		digits, reason = trimInternational(digits)
	}
	if reason != "" {
		return dst, &Unrated{Reason: reason, Level: WholeCall, Number: call.Number}
	}
	if len(chain) == 0 {
		return dst, &Unrated{Reason: ReasonNoTariff, Level: 0, Number: string(digits)}
	}
	at := call.Start.Unix()
	start := len(dst)
	for i, deck := range chain {
		if deck == nil {
			return dst[:start], &Unrated{Reason: ReasonNoTariff, Level: i, Number: string(digits)}
		}
		m, ok := lookup(deck, digits, at)
		if !ok {
			return dst[:start], &Unrated{Reason: ReasonNoRate, Level: i, Number: string(digits)}
		}
		dst = append(dst, charge(deck.tariff, m, call.Seconds))
	}
	return dst, nil
}

// checkCall refuses what no tariff can price: an unanswered call, and
// durations no switch should give.
func checkCall(call Call) *Unrated {
	reason := Reason("")
	switch {
	case !call.Answered:
		reason = ReasonUnanswered
	case call.Seconds < 0:
		reason = ReasonNegativeDuration
	case call.Seconds > MaxCallSeconds:
		reason = ReasonDurationTooLong
	default:
		return nil
	}
	return &Unrated{Reason: reason, Level: WholeCall, Number: call.Number}
}

// charge bills one level.
func charge(t TariffRules, m Match, seconds int) Charge {
	billed, cost, charged := m.Bill(seconds)
	return Charge{
		TariffID: t.ID, Currency: t.Currency, RateID: m.RateID, Prefix: m.Prefix,
		BilledSeconds: billed, CostMicros: cost, Grace: !charged,
	}
}
