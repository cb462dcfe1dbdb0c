package storage

import (
	"context"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/branchbook/branchbook/model"
)

// demoCallSpan is how far back the demo's calls go.
const demoCallSpan = 30 * 24 * time.Hour

// DemoCalls makes up the calls of the demo's accounts for "branchbook demo
// --calls": to the destinations of the demo's decks (most to the busy
// ones, a few to numbers no deck has), some unanswered, some from accounts
// that are blocked, expired or unknown, over the last 30 days in time
// order. They are imported through the store's ImportCalls like a file's,
// one batch (one import) at a time.
type DemoCalls struct {
	accounts []string
	dests    []demoPrefix
	cum      []int // cumulative weights of dests
	rnd      *rand.Rand
	seed     uint64
	total    int
	next     int
	from     time.Time
	step     time.Duration
}

// DemoCalls reads the file's accounts and returns a generator of total
// calls. The same seed on the same file makes the same calls, with the
// same ids: importing them again finds them all duplicates.
func (s *Store) DemoCalls(ctx context.Context, total int, seed uint64) (*DemoCalls, error) {
	if total < 0 {
		return nil, &model.Error{Code: model.CodeOutOfRange, Field: "calls"}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT username FROM accounts ORDER BY id`)
	if err != nil {
		return nil, storageErr("reading the accounts", err)
	}
	defer rows.Close()
	var accounts []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, storageErr("reading the accounts", err)
		}
		accounts = append(accounts, u)
	}
	if err := rows.Err(); err != nil {
		return nil, storageErr("reading the accounts", err)
	}
	if len(accounts) == 0 {
		return nil, &model.Error{Code: model.CodeRequired, Field: "accounts"}
	}
	d := &DemoCalls{accounts: accounts, rnd: rand.New(rand.NewPCG(seed, 0xCA11)), seed: seed, total: total}
	d.dests = demoPrefixes(rand.New(rand.NewPCG(seed, 0xDEC4)).IntN)
	sum := 0
	for _, p := range d.dests {
		sum += max(p.weight, 1)
		d.cum = append(d.cum, sum)
	}
	now := s.now().UTC().Truncate(time.Second)
	d.from = now.Add(-demoCallSpan)
	if total > 0 {
		d.step = demoCallSpan / time.Duration(total)
	}
	return d, nil
}

// Accounts is how many accounts the calls are spread over.
func (d *DemoCalls) Accounts() int { return len(d.accounts) }

// Left is how many calls are still to be made.
func (d *DemoCalls) Left() int { return d.total - d.next }

// Batch returns a source of the next n calls (fewer at the end).
func (d *DemoCalls) Batch(n int) model.CallSource {
	return &demoCallBatch{d: d, left: min(n, d.Left())}
}

type demoCallBatch struct {
	d    *DemoCalls
	left int
}

func (b *demoCallBatch) Next() (model.CallRecord, error) {
	if b.left <= 0 {
		return model.CallRecord{}, io.EOF
	}
	b.left--
	return b.d.call(), nil
}

func (b *demoCallBatch) Skipped() int { return 0 }

// call makes the next call.
func (d *DemoCalls) call() model.CallRecord {
	k := d.next
	d.next++
	r := d.rnd
	// Some accounts call far more than others: the square of a uniform
	// number favours the first ones.
	u := r.Float64()
	acct := d.accounts[int(u*u*float64(len(d.accounts)))]
	if r.IntN(500) == 0 {
		acct = "x" + strconv.Itoa(100_000+r.IntN(900_000)) // no such account
	}
	c := model.CallRecord{
		ID:      "demo-" + strconv.FormatUint(d.seed, 10) + "-" + strconv.Itoa(k),
		Account: acct,
		Caller:  "+1555" + strconv.Itoa(1_000_000+r.IntN(9_000_000)),
		Called:  d.number(),
		Start:   d.from.Add(time.Duration(k)*d.step + time.Duration(r.Int64N(int64(max(d.step, time.Second))))),
		Line:    k + 1,
	}
	// About one call in six is not answered; answered ones last a few
	// minutes on average, a few are very short, and none over two hours.
	if r.IntN(6) != 0 {
		c.Answered = true
		c.Seconds = min(int(-math.Log(1-r.Float64())*150), 7200)
	}
	return c
}

// number makes up a called number: a destination's prefix and digits up
// to a plausible length, written as switches write them (digits, + or 00
// first); one in a thousand goes where no deck has a rate.
func (d *DemoCalls) number() string {
	r := d.rnd
	prefix := "999" // no country has it
	if r.IntN(1000) != 0 {
		prefix = d.dests[min(weightedIndex(d.cum, r.IntN(d.cum[len(d.cum)-1])), len(d.dests)-1)].prefix
	}
	length := 11 + r.IntN(2)
	if prefix[0] == '1' {
		length = 11
	}
	length = max(length, len(prefix)+6)
	b := make([]byte, 0, length+2)
	switch r.IntN(8) {
	case 0, 1:
		b = append(b, '+')
	case 2:
		b = append(b, '0', '0')
	}
	b = append(b, prefix...)
	for i := len(prefix); i < length; i++ {
		b = append(b, byte('0'+r.IntN(10)))
	}
	return string(b)
}

// weightedIndex returns the index of the first cumulative weight above x.
func weightedIndex(cum []int, x int) int {
	i, found := slices.BinarySearch(cum, x)
	if found {
		i++
	}
	return i
}
