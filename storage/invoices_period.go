package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/branchbook/branchbook/model"
)

// What an invoice bills (docs/invoices.md, "The period and which calls").
// A call is billed by when it was made: an invoice for [from, to) holds the
// calls that started in the period and were booked when it was issued.
// Calls of an earlier period booked after the recipient's last invoice was
// issued (a late file) are the next invoice's "late calls" line; entries
// booked in an invoiced period after its invoice was issued are lines of
// the next invoice too. Every figure is read up to a watermark, the newest
// entry id when the draft is worked out, and an issued invoice keeps its
// watermark (invoices.seen_entry): what came after it is late for the next
// one. So each call and each entry is billed exactly once, and the amount
// due still adds up to the ledger: the previous balance is the ledger's
// balance less everything this invoice or a later one bills.

// billing is what an invoice of a holder for [from, to) bills.
type billing struct {
	watermark model.ID
	before    int64         // the balance the previous figure shows, as the ledger signs it
	dests     []destination // calls that started in the period, by destination
	late      destination   // calls of earlier periods booked after the last invoice
	undone    destination   // calls billed before, undone after the last invoice
	entries   []periodEntry // the other entries of the period, and the late ones
}

// lastInvoice is the recipient's issued invoice with the latest period.
type lastInvoice struct {
	found    bool
	from, to time.Time
	seen     model.ID
}

func readLastInvoice(ctx context.Context, q dbtx, h model.Holder) (lastInvoice, error) {
	col, id := "recipient_customer_id", h.Customer
	if h.IsAccount() {
		col, id = "recipient_account_id", h.Account
	}
	var from, to string
	var last lastInvoice
	err := q.QueryRowContext(ctx, `SELECT period_from, period_to, seen_entry FROM invoices WHERE `+col+` = ? AND kind = 'invoice'
		ORDER BY period_from DESC LIMIT 1`, id).Scan(&from, &to, &last.seen)
	if errors.Is(err, sql.ErrNoRows) {
		return lastInvoice{}, nil
	}
	if err != nil {
		return lastInvoice{}, err
	}
	last.found, last.from, last.to = true, parseTime(from), parseTime(to)
	return last, nil
}

// inOrder refuses a period that overlaps the recipient's last invoice
// (CodeDuplicate) or lies before it (CodeOutOfRange): a recipient's
// invoices follow each other, so that what an earlier invoice did not bill
// is always the next one's.
func (l lastInvoice) inOrder(from, to time.Time) error {
	if !l.found || !from.Before(l.to) {
		return nil
	}
	if to.After(l.from) {
		return model.FieldError("period", model.CodeDuplicate, nil)
	}
	return model.FieldError("period", model.CodeOutOfRange, map[string]any{"after": l.to})
}

// billPeriod works out what an invoice of h for [from, to) bills.
func billPeriod(ctx context.Context, q dbtx, h model.Holder, from, to time.Time) (billing, error) {
	last, err := readLastInvoice(ctx, q, h)
	if err != nil {
		return billing{}, err
	}
	if err := last.inOrder(from, to); err != nil {
		return billing{}, err
	}
	var b billing
	if err := q.QueryRowContext(ctx, `SELECT ifnull(max(id), 0) FROM entries`).Scan(&b.watermark); err != nil {
		return billing{}, err
	}
	// Without an earlier invoice nothing is late: what came before the
	// period is the previous balance.
	seen, cut := b.watermark, from
	if last.found {
		seen, cut = last.seen, last.to
	}
	balance, err := balanceAt(ctx, q, h, b.watermark)
	if err != nil {
		return billing{}, err
	}
	calls, err := callsFrom(ctx, q, h, from, to, b.watermark)
	if err != nil {
		return billing{}, err
	}
	var after int64 // calls from the period on, as the ledger signs them
	for _, d := range calls {
		after -= d.micros
		if d.inPeriod {
			b.dests = append(b.dests, d.destination)
		}
	}
	if b.late, b.undone, err = lateCalls(ctx, q, h, seen, b.watermark, cut); err != nil {
		return billing{}, err
	}
	if b.entries, err = billedEntries(ctx, q, h, from, to, seen, b.watermark, cut); err != nil {
		return billing{}, err
	}
	var late int64
	for _, e := range b.entries {
		if e.at.Before(from) {
			late += e.booked
		}
	}
	later, err := entriesFrom(ctx, q, h, from, b.watermark)
	if err != nil {
		return billing{}, err
	}
	b.before = balance - later - after - late + b.late.micros - b.undone.micros
	return b, nil
}

// balanceAt is a holder's balance after its newest entry up to watermark.
func balanceAt(ctx context.Context, q dbtx, h model.Holder, watermark model.ID) (int64, error) {
	w, id := holderWhere(h)
	var balance int64
	err := q.QueryRowContext(ctx, `SELECT balance_after_micros FROM entries INDEXED BY `+entryIndex(h)+` WHERE `+w+`
		AND id <= ? ORDER BY id DESC LIMIT 1`, id, watermark).Scan(&balance)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return balance, err
}

func entryIndex(h model.Holder) string {
	if h.IsAccount() {
		return "entries_account"
	}
	return "entries_customer"
}

// notCalls keeps out of an entries query (e, its reversed entry o) the
// "calls" entries and their reversals: those are billed call by call.
const notCalls = ` AND e.kind <> 'calls' AND ifnull(o.kind, '') <> 'calls'`

// entriesFrom sums a holder's entries other than calls booked from t on,
// up to watermark.
func entriesFrom(ctx context.Context, q dbtx, h model.Holder, t time.Time, watermark model.ID) (int64, error) {
	w, id := holderWhere(h)
	var sum int64
	err := q.QueryRowContext(ctx, `SELECT ifnull(sum(e.booked_micros), 0) FROM entries e INDEXED BY `+entryIndex(h)+`
		LEFT JOIN entries o ON o.id = e.reverses_id
		WHERE e.`+w+` AND e.id <= ? AND e.created_at >= ?`+notCalls, id, watermark, formatTime(t)).Scan(&sum)
	return sum, err
}

// billedEntries reads a holder's entries other than calls that the invoice
// bills, oldest first: those booked in [from, to), and those booked before
// cut (the end of the last invoice's period) after that invoice was issued
// (id above seen). Both up to watermark.
func billedEntries(ctx context.Context, q dbtx, h model.Holder, from, to time.Time, seen, watermark model.ID,
	cut time.Time) ([]periodEntry, error) {
	w, id := holderWhere(h)
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.kind, e.notes, e.booked_micros, e.created_at, ifnull(o.kind, ''),
			`+documentKind+`
		FROM entries e INDEXED BY `+entryIndex(h)+` LEFT JOIN entries o ON o.id = e.reverses_id
		WHERE e.`+w+` AND e.id <= ?`+notCalls+`
			AND ((e.created_at >= ? AND e.created_at < ?) OR (e.id > ? AND e.created_at < ?))
		ORDER BY e.id`, id, watermark, formatTime(from), formatTime(to), seen, formatTime(cut))
	return collect("reading entries", rows, err, scanPeriodEntry)
}

// periodDestination is a destination's calls from the period on: in it,
// or after it.
type periodDestination struct {
	destination
	inPeriod bool
}

// callsFrom groups by destination, in the period and after it, the
// holder's own charges of calls that started from `from` on and whose
// "calls" entry is up to watermark and not reversed by then (a reversed
// batch and its reversal cancel out call by call).
func callsFrom(ctx context.Context, q dbtx, h model.Holder, from, to time.Time, watermark model.ID) ([]periodDestination, error) {
	var query string
	var id model.ID
	const billedBatch = ` AND b.entry_id <= ? AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = b.entry_id AND r.id <= ?)`
	if h.IsAccount() {
		id = h.Account
		query = `SELECT cc.prefix, c.start < ?, count(*), sum(cc.billed_seconds), sum(cc.cost_micros), max(c.start)
			FROM calls c INDEXED BY calls_account CROSS JOIN call_charges cc ON cc.call_id = c.id AND cc.level = 0
			CROSS JOIN call_batches b ON b.id = cc.batch_id
			WHERE c.account_id = ? AND c.start >= ?` + billedBatch + `
			GROUP BY 2, cc.prefix ORDER BY cc.prefix`
	} else {
		id = h.Customer
		query = `SELECT cc.prefix, cc.start < ?, count(*), sum(cc.billed_seconds), sum(cc.cost_micros), max(cc.start)
			FROM call_charges cc INDEXED BY call_charges_customer CROSS JOIN call_batches b ON b.id = cc.batch_id
			WHERE cc.holder_id = ? AND cc.level > 0 AND cc.start >= ?` + billedBatch + `
			GROUP BY 2, cc.prefix ORDER BY cc.prefix`
	}
	rows, err := q.QueryContext(ctx, query, formatTime(to), id, formatTime(from), watermark, watermark)
	return collect("reading calls", rows, err, func(r *sql.Rows) (periodDestination, error) {
		var d periodDestination
		var last string
		err := r.Scan(&d.prefix, &d.inPeriod, &d.calls, &d.seconds, &d.micros, &last)
		d.last = parseTime(last)
		return d, err
	})
}

// lateCalls sums the holder's charges of calls that started before cut
// (the end of its last invoice's period) and changed after that invoice
// was issued (above seen, up to watermark): booked, the "calls" entries
// above seen not reversed by watermark; undone, the charges of entries
// billed already (up to seen) whose reversal is above seen.
func lateCalls(ctx context.Context, q dbtx, h model.Holder, seen, watermark model.ID, cut time.Time) (booked, undone destination,
	err error) {
	if seen >= watermark {
		return destination{}, destination{}, nil
	}
	var charges, where string
	var id model.ID
	if h.IsAccount() {
		id = h.Account
		where = `e.account_id = ?`
		charges = ` CROSS JOIN calls c INDEXED BY calls_account ON c.account_id = b.account_id
				AND c.start BETWEEN b.first_start AND b.last_start AND c.start < ?
			CROSS JOIN call_charges cc ON cc.call_id = c.id AND cc.level = 0 AND cc.batch_id = b.id`
	} else {
		id = h.Customer
		where = `e.customer_id = ?`
		charges = ` CROSS JOIN call_charges cc INDEXED BY call_charges_customer ON cc.holder_id = b.customer_id
				AND cc.level > 0 AND cc.start BETWEEN b.first_start AND b.last_start AND cc.start < ? AND cc.batch_id = b.id`
	}
	sums := `SELECT count(*), ifnull(sum(cc.billed_seconds), 0), ifnull(sum(cc.cost_micros), 0), ifnull(max(cc.start), '')
		FROM entries e INDEXED BY ` + entryIndex(h)
	c := formatTime(cut)
	booked, err = lateSum(ctx, q, sums+` CROSS JOIN call_batches b ON b.entry_id = e.id`+charges+`
		WHERE `+where+` AND e.kind = 'calls' AND e.id > ? AND e.id <= ?
			AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id AND r.id <= ?)`, c, id, seen, watermark, watermark)
	if err != nil {
		return destination{}, destination{}, err
	}
	undone, err = lateSum(ctx, q, sums+` CROSS JOIN call_batches b ON b.entry_id = e.reverses_id AND b.entry_id <= ?`+charges+`
		WHERE `+where+` AND e.kind = 'reversal' AND e.id > ? AND e.id <= ?`, seen, c, id, seen, watermark)
	return booked, undone, err
}

func lateSum(ctx context.Context, q dbtx, query string, args ...any) (destination, error) {
	var d destination
	var last string
	err := q.QueryRowContext(ctx, query, args...).Scan(&d.calls, &d.seconds, &d.micros, &last)
	if last != "" {
		d.last = parseTime(last)
	}
	return d, err
}
