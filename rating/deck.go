package rating

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/branchbook/branchbook/model"
)

// TariffRules is what a deck needs of a tariff. GraceSeconds and
// FreeSeconds are the tariff's defaults for rates that set none
// (model.Tariff's, stored since migration 0009; docs/rating.md, section 8).
type TariffRules struct {
	ID           model.ID
	Currency     model.Currency
	GraceSeconds int
	FreeSeconds  int
}

// RateRule is a rate as the store keeps it: model.Rate carries its own
// grace and free seconds (nil: the tariff's) and the time it is in force,
// EffectiveFrom ≤ start < Ends, either bound optional (the zero time:
// always in force from the past, or until further notice). Bounds are
// whole seconds: a sub-second part is dropped.
type RateRule = model.Rate

// Match is the rate a deck found for a number: the prefix it matched and
// how it bills.
type Match struct {
	RateID model.ID
	Prefix string
	Billing
}

// version is one rate of a prefix with the seconds it is in force, from ≤ t
// < until in Unix seconds.
type version struct {
	from, until int64
	match       Match
}

// node is one digit of the prefix trie. children index Deck.nodes; 0 means
// none, as the root (index 0) is nobody's child. The node's rates are
// Deck.versions[first:first+count], sorted by from; the first one's period
// is copied here, so the walk reads the versions only for the rate it
// returns or for a prefix whose price changed. A node fills one 64-byte
// cache line.
type node struct {
	children    [10]int32
	first       int32
	count       int32
	from, until int64
}

// Deck is one tariff's rates, ready to be looked up: a trie of prefixes,
// one digit per step, so a lookup walks at most as many steps as the
// number has digits, allocates nothing, and does not depend on how many
// rates the tariff has. A Deck is read-only once built and safe to share
// between goroutines.
type Deck struct {
	tariff   TariffRules
	nodes    []node
	versions []version
}

// Tariff returns the tariff the deck was built from.
func (d *Deck) Tariff() TariffRules { return d.tariff }

// NewDeck checks every rule and builds the deck. A rule is refused with
// the model's errors for model.Rate (Validate), or for grace or free
// seconds outside 0 to MaxAllowanceSeconds, for an end not after its
// start, and for two rates of one prefix in force at the same moment
// (model.CodeDuplicate on "effective_from", Params "prefix"). Errors name
// the rule by its index and prefix.
func NewDeck(t TariffRules, rules []RateRule) (*Deck, error) {
	if err := checkAllowances(t.GraceSeconds, t.FreeSeconds); err != nil {
		return nil, fmt.Errorf("tariff %d: %w", t.ID, err)
	}
	byPrefix := make(map[string][]version, len(rules))
	for i, r := range rules {
		v, err := compile(t, r)
		if err != nil {
			return nil, fmt.Errorf("rate %d (prefix %q): %w", i, r.Prefix, err)
		}
		byPrefix[r.Prefix] = append(byPrefix[r.Prefix], v)
	}
	// Sorted insertion makes the deck's layout depend on its rates only,
	// never on map order.
	d := &Deck{tariff: t, nodes: make([]node, 1, len(rules)+1)}
	for _, prefix := range slices.Sorted(maps.Keys(byPrefix)) {
		vs := byPrefix[prefix]
		if err := sortVersions(prefix, vs); err != nil {
			return nil, err
		}
		d.insert(prefix, vs)
	}
	return d, nil
}

// compile checks one rule and turns it into a version in micros.
func compile(t TariffRules, r RateRule) (version, error) {
	if err := r.Validate(); err != nil {
		return version{}, err
	}
	grace, free := t.GraceSeconds, t.FreeSeconds
	if r.GraceSeconds != nil {
		grace = *r.GraceSeconds
	}
	if r.FreeSeconds != nil {
		free = *r.FreeSeconds
	}
	if err := checkAllowances(grace, free); err != nil {
		return version{}, err
	}
	from, until := bound(r.EffectiveFrom, math.MinInt64), bound(r.Ends, math.MaxInt64)
	if until <= from {
		return version{}, model.FieldError("ends", model.CodeOutOfRange, map[string]any{"min": r.EffectiveFrom})
	}
	price, err := model.ToMicros(r.Price)
	if err != nil {
		return version{}, err
	}
	connect, err := model.ToMicros(r.ConnectFee)
	if err != nil {
		return version{}, err
	}
	return version{from: from, until: until, match: Match{
		RateID: r.ID,
		Prefix: r.Prefix,
		Billing: Billing{
			PriceMicros: price, ConnectFeeMicros: connect,
			FirstInterval: r.FirstInterval, NextInterval: r.NextInterval,
			GraceSeconds: grace, FreeSeconds: free,
		},
	}}, nil
}

// checkAllowances checks grace and free seconds.
func checkAllowances(grace, free int) error {
	var es model.Errors
	for _, f := range []struct {
		field string
		v     int
	}{{"grace_seconds", grace}, {"free_seconds", free}} {
		if f.v < 0 || f.v > MaxAllowanceSeconds {
			es = append(es, model.FieldError(f.field, model.CodeOutOfRange, map[string]any{"min": 0, "max": MaxAllowanceSeconds}))
		}
	}
	return es.Err()
}

// bound is a time in Unix seconds, or open for the zero time.
func bound(t time.Time, open int64) int64 {
	if t.IsZero() {
		return open
	}
	return t.Unix()
}

// sortVersions orders one prefix's versions by start and refuses overlaps:
// at any moment at most one rate of a prefix is in force, so the rate a
// call gets never depends on the order rates were typed.
func sortVersions(prefix string, vs []version) error {
	slices.SortFunc(vs, func(a, b version) int { return cmpInt64(a.from, b.from) })
	for i := 1; i < len(vs); i++ {
		if vs[i].from < vs[i-1].until {
			return fmt.Errorf("rates of prefix %q: %w", prefix,
				model.FieldError("effective_from", model.CodeDuplicate, map[string]any{"prefix": prefix}))
		}
	}
	return nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// insert adds one prefix's versions, making the trie's nodes on the way.
func (d *Deck) insert(prefix string, vs []version) {
	n := int32(0)
	for i := 0; i < len(prefix); i++ {
		c := prefix[i] - '0'
		if d.nodes[n].children[c] == 0 {
			d.nodes = append(d.nodes, node{})
			d.nodes[n].children[c] = int32(len(d.nodes) - 1)
		}
		n = d.nodes[n].children[c]
	}
	nd := &d.nodes[n]
	nd.first, nd.count = int32(len(d.versions)), int32(len(vs))
	nd.from, nd.until = vs[0].from, vs[0].until
	d.versions = append(d.versions, vs...)
}

// Lookup finds the rate for a number of digits (NormalizeNumber's) at the
// call's start: the longest prefix among the rates in force then. A
// prefix whose rates are all out of force is passed over for a shorter
// one, so next month's deck never re-prices this month's calls.
func (d *Deck) Lookup(number string, start time.Time) (Match, bool) {
	return lookup(d, number, start.Unix())
}

// lookup walks the trie along the number, keeping the deepest rate in
// force. It takes string or []byte so callers with a buffer do not
// allocate.
func lookup[T string | []byte](d *Deck, number T, at int64) (Match, bool) {
	best := int32(-1)
	n := int32(0)
	for i := 0; i < len(number); i++ {
		c := number[i] - '0'
		if c > 9 {
			break
		}
		if n = d.nodes[n].children[c]; n == 0 {
			break
		}
		if v := d.inForce(n, at); v >= 0 {
			best = v
		}
	}
	if best < 0 {
		return Match{}, false
	}
	return d.versions[best].match, true
}

// inForce returns the index in Deck.versions of node n's rate in force at
// the given second, or -1. A prefix has few versions (one per price
// change), so a scan is enough.
func (d *Deck) inForce(n int32, at int64) int32 {
	nd := &d.nodes[n]
	if nd.count == 0 {
		return -1
	}
	if nd.from <= at && at < nd.until {
		return nd.first
	}
	for i := nd.first + 1; i < nd.first+nd.count; i++ {
		if v := &d.versions[i]; v.from <= at && at < v.until {
			return i
		}
	}
	return -1
}
