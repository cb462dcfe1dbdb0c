package cdr

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Call is what one call record says. It holds no money: what a call costs
// depends on tariffs, which this package does not know.
type Call struct {
	// ID identifies the call for duplicate checks: the record's own id
	// (Asterisk's uniqueid, FreeSWITCH's uuid, Branchbook's call_id), or,
	// when the record has none, one derived from its fields (DerivedID).
	ID string
	// DerivedID is true when ID was computed by StableID rather than read.
	DerivedID bool
	// Account is the accountcode (Asterisk, FreeSWITCH) or the account
	// column (Branchbook): the username of the account that made the call.
	Account string
	// Caller is the calling number as the file writes it.
	Caller string
	// Called is the called number as the file writes it; the rating rules
	// decide which of its characters are digits.
	Called string
	// Start is when the call started, in UTC.
	Start time.Time
	// Answered tells whether the call was answered (see each layout).
	Answered bool
	// BilledSeconds is what the switch counted from the answer to the
	// hang-up (billsec), 0 for an unanswered call.
	BilledSeconds int
	// Line is the 1-based line of the file the record was read from.
	Line int
}

// Limits on what one record may hold, so a hostile file cannot take the
// memory and a stored call has bounded text.
const (
	// MaxLineLen is the longest line, in bytes with its line break, that
	// is read; a longer line is skipped without being held whole.
	MaxLineLen = 64 << 10
	// MaxTextLen is the longest id, account, caller or called number, in
	// bytes.
	MaxTextLen = 255
	// MaxSeconds is the longest duration or billed time a record may
	// claim: a day. Longer is a switch's clock error, not a call.
	MaxSeconds = 24 * 60 * 60
)

// derivedPrefix starts every derived id. The "1" is the version of the
// rule: a changed rule would get a new prefix, so ids stored by the old one
// can never collide with the new ones by accident.
const derivedPrefix = "h1-"

// StableID returns the id of a record that carries none: a hash of its
// layout and fields, in the order given. The same fields always give the
// same id, so the same call imported twice, from the same file or from
// overlapping ones, is recognised. Each field is length-prefixed so that
// no two different records can hash the same text ("a,b" + "c" versus "a"
// + "b,c").
func StableID(layout Layout, fields []string) string {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	write := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	write(string(layout))
	for _, f := range fields {
		write(f)
	}
	sum := h.Sum(nil)
	return derivedPrefix + hex.EncodeToString(sum[:16])
}

// String shows a call for logs and test failures.
func (c Call) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "line %d: %s %s %s->%s %s", c.Line, c.ID, c.Account, c.Caller, c.Called,
		c.Start.Format(time.RFC3339))
	if c.Answered {
		fmt.Fprintf(&b, " answered %ds", c.BilledSeconds)
	} else {
		b.WriteString(" not answered")
	}
	return b.String()
}
