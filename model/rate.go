package model

import (
	"maps"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Limits of a rate's fields.
const (
	// MaxPrefixLen is the longest destination prefix, in digits.
	MaxPrefixLen = 20
	// MaxRatePlaces is how many decimal places a price or connect fee may
	// have; it equals StorageScale, so a rate is always stored exactly.
	MaxRatePlaces = 6
	// MaxRateDescriptionLen is the longest rate description, in characters.
	MaxRateDescriptionLen = 200
	// MaxRatePrice bounds the price per minute and the connect fee.
	MaxRatePrice = 1_000_000
	// MinRateInterval and MaxRateInterval bound the billing intervals, in
	// seconds.
	MinRateInterval = 1
	MaxRateInterval = 3600
	// DefaultRateInterval is the billing interval used when none is given.
	DefaultRateInterval = 60
	// MaxAllowanceSeconds bounds a tariff's or a rate's grace and free
	// seconds (0 to MaxAllowanceSeconds).
	MaxAllowanceSeconds = 3600
)

var maxRatePrice = decimal.NewFromInt(MaxRatePrice)

// Rate is a tariff's price for one destination prefix. A call is billed
// FirstInterval seconds first, then NextInterval seconds at a time, at Price
// per minute, plus ConnectFee once.
type Rate struct {
	ID       ID
	TariffID ID
	// Prefix is the destination prefix: ASCII digits only, 1 to
	// MaxPrefixLen of them. Leading zeros count: "07" is not "7".
	Prefix string
	// Description names the destination, such as "United Kingdom Mobile";
	// it may be empty.
	Description string
	// Price is per minute, at least 0, at most MaxRatePlaces places.
	Price decimal.Decimal
	// ConnectFee is charged once per answered call, at least 0, at most
	// MaxRatePlaces places.
	ConnectFee decimal.Decimal
	// FirstInterval is how many seconds are billed first (1 to 3600,
	// usually DefaultRateInterval).
	FirstInterval int
	// NextInterval is the increment billed after that (1 to 3600, usually
	// DefaultRateInterval).
	NextInterval int
	// GraceSeconds and FreeSeconds are the rate's own allowances (0 to
	// MaxAllowanceSeconds); nil takes the tariff's.
	GraceSeconds *int
	FreeSeconds  *int
	// EffectiveFrom and Ends bound when the rate is in force:
	// EffectiveFrom ≤ start < Ends, in whole seconds. The zero time leaves
	// that side open (in force from always, or until further notice).
	EffectiveFrom time.Time
	Ends          time.Time
}

// Seconds returns a pointer to n, for a rate's optional allowances.
func Seconds(n int) *int { return &n }

// period is when the rate is in force, from ≤ t < until, in Unix seconds;
// an open side is the least or greatest int64. It is how rating.NewDeck
// reads a rate's bounds.
func (r Rate) period() (from, until int64) {
	from, until = math.MinInt64, math.MaxInt64
	if !r.EffectiveFrom.IsZero() {
		from = r.EffectiveFrom.Unix()
	}
	if !r.Ends.IsZero() {
		until = r.Ends.Unix()
	}
	return from, until
}

// Overlaps reports whether r and o have the same prefix and are in force
// at some same moment.
func (r Rate) Overlaps(o Rate) bool {
	if r.Prefix != o.Prefix {
		return false
	}
	af, au := r.period()
	bf, bu := o.period()
	return af < bu && bf < au
}

// CheckRatePeriods refuses rates of one prefix in force at the same
// moment, as rating.NewDeck does: CodeDuplicate on "effective_from", with
// Params "prefix". Each rate's own period must be valid (Validate).
func CheckRatePeriods(rates []Rate) error {
	type period struct {
		from, until int64
	}
	byPrefix := make(map[string][]period, len(rates))
	for _, r := range rates {
		from, until := r.period()
		byPrefix[r.Prefix] = append(byPrefix[r.Prefix], period{from, until})
	}
	for _, prefix := range slices.Sorted(maps.Keys(byPrefix)) {
		ps := byPrefix[prefix]
		slices.SortFunc(ps, func(a, b period) int {
			switch {
			case a.from < b.from:
				return -1
			case a.from > b.from:
				return 1
			}
			return 0
		})
		for i := 1; i < len(ps); i++ {
			if ps[i].from < ps[i-1].until {
				return FieldError("effective_from", CodeDuplicate, map[string]any{"prefix": prefix})
			}
		}
	}
	return nil
}

// Normalize trims the text fields a person types and makes the bounds
// whole seconds in UTC.
func (r *Rate) Normalize() {
	r.Prefix = strings.TrimSpace(r.Prefix)
	r.Description = strings.TrimSpace(r.Description)
	for _, t := range []*time.Time{&r.EffectiveFrom, &r.Ends} {
		if !t.IsZero() {
			*t = time.Unix(t.Unix(), 0).UTC()
		}
	}
}

// Validate checks every field and returns all problems at once, as Errors
// about "prefix", "description", "price", "connect_fee", "first_interval"
// "next_interval", "grace_seconds", "free_seconds" and "ends" (CodeOutOfRange
// for an end not after the start). It does not change r: intervals of 0 are errors, not
// defaults. Callers Normalize first.
func (r Rate) Validate() error {
	var es Errors
	add := func(e *Error) {
		if e != nil {
			es = append(es, e)
		}
	}
	add(validateRatePrefix("prefix", r.Prefix))
	add(validateRateDescription("description", r.Description))
	add(validateRateAmount("price", r.Price))
	add(validateRateAmount("connect_fee", r.ConnectFee))
	add(validateRateInterval("first_interval", r.FirstInterval))
	add(validateRateInterval("next_interval", r.NextInterval))
	if r.GraceSeconds != nil {
		add(validateAllowance("grace_seconds", *r.GraceSeconds))
	}
	if r.FreeSeconds != nil {
		add(validateAllowance("free_seconds", *r.FreeSeconds))
	}
	if from, until := r.period(); until <= from {
		add(FieldError("ends", CodeOutOfRange, map[string]any{"after": "effective_from"}))
	}
	return es.Err()
}

// validateRatePrefix checks a destination prefix: required, ASCII digits
// only, at most MaxPrefixLen of them.
func validateRatePrefix(field, prefix string) *Error {
	if prefix == "" {
		return FieldError(field, CodeRequired, nil)
	}
	for i := 0; i < len(prefix); i++ {
		if c := prefix[i]; c < '0' || c > '9' {
			return FieldError(field, CodeInvalidChars, nil)
		}
	}
	if len(prefix) > MaxPrefixLen {
		return FieldError(field, CodeTooLong, map[string]any{"max": MaxPrefixLen})
	}
	return nil
}

// validateRateDescription checks a description: optional, valid UTF-8, no
// control characters (line breaks included), at most
// MaxRateDescriptionLen characters.
func validateRateDescription(field, s string) *Error {
	switch {
	case !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0:
		return FieldError(field, CodeInvalidChars, nil)
	case utf8.RuneCountInString(s) > MaxRateDescriptionLen:
		return FieldError(field, CodeTooLong, map[string]any{"max": MaxRateDescriptionLen})
	}
	return nil
}

// validateRateAmount checks a price or connect fee: 0 to MaxRatePrice, at
// most MaxRatePlaces places. Trailing zeros do not count as places:
// 0.1000000 is 0.1.
func validateRateAmount(field string, d decimal.Decimal) *Error {
	if d.IsNegative() || d.GreaterThan(maxRatePrice) {
		return FieldError(field, CodeOutOfRange, map[string]any{"min": 0, "max": MaxRatePrice})
	}
	if d.Exponent() < -MaxRatePlaces && !d.Equal(d.Truncate(MaxRatePlaces)) {
		return FieldError(field, CodeTooPrecise, map[string]any{"places": MaxRatePlaces})
	}
	return nil
}

// validateRateInterval checks a billing interval in seconds.
func validateRateInterval(field string, seconds int) *Error {
	if seconds < MinRateInterval || seconds > MaxRateInterval {
		return FieldError(field, CodeOutOfRange, map[string]any{"min": MinRateInterval, "max": MaxRateInterval})
	}
	return nil
}

// validateAllowance checks grace or free seconds.
func validateAllowance(field string, seconds int) *Error {
	if seconds < 0 || seconds > MaxAllowanceSeconds {
		return FieldError(field, CodeOutOfRange, map[string]any{"min": 0, "max": MaxAllowanceSeconds})
	}
	return nil
}
