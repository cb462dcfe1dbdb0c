package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// AddEntry books one Maintenance action on a customer. The entry and the
// cached balance change in one immediate transaction; a Key already used
// returns the entry booked with it.
func (s *Store) AddEntry(ctx context.Context, sess model.Session, customer model.ID, in model.EntryInput) (model.Entry, error) {
	in.Notes = strings.TrimSpace(in.Notes)
	if err := in.Validate(); err != nil {
		if err := s.permit(ctx, sess, model.RightMaintenance); err != nil {
			return model.Entry{}, err // no right: say so before any field error
		}
		return model.Entry{}, err
	}
	var e model.Entry
	var again model.ID
	err := s.write(ctx, func(tx *sql.Tx) error {
		// The rights are checked in the same transaction as the change.
		if err := s.permitTx(ctx, tx, sess, model.RightMaintenance); err != nil {
			return err
		}
		// A form already booked (a double click, a second window) returns
		// its entry: checked inside the write lock, so two can never pass.
		byKey, err := s.prepared(ctx, tx, `SELECT id FROM entries WHERE idempotency_key = ?`)
		if err != nil {
			return err
		}
		if err := byKey.QueryRowContext(ctx, in.Key).Scan(&again); err == nil {
			return nil
		}
		n, err := s.nodeForWrite(ctx, tx, sess, customer)
		if err != nil {
			return err
		}
		if n.parent == 0 || customer == sess.CustomerID {
			return &model.Error{Code: model.CodeSelf}
		}
		rate := decimal.NewFromInt(1)
		if in.Currency != n.currency {
			rates, err := s.ratesOf(ctx, tx, sess, in.Currency, n.currency)
			if err != nil {
				return err
			}
			if rate, err = rates.CrossRate(in.Currency, n.currency); err != nil {
				return err
			}
		}
		entered, _ := model.ToMicros(in.Amount)
		booked, err := model.ToMicros(model.Book(in.Amount, rate))
		if err != nil {
			return model.FieldError("amount", model.CodeOutOfRange, nil)
		}
		booked *= in.Kind.Sign()
		at := s.now()
		id, balance, err := s.book(ctx, tx, sess, n, in.Kind, entered, in.Currency, rate.String(), booked, in.Notes, 0, in.Key, at)
		e = model.Entry{ID: id, CustomerID: n.id, Kind: in.Kind, Entered: model.Money{Amount: in.Amount, Currency: in.Currency},
			Rate: rate, Booked: model.FromMicros(booked), BalanceAfter: model.FromMicros(balance), Notes: in.Notes,
			CreatedBy: sess.CustomerID, CreatedByName: sess.Name, CreatedAt: at.UTC().Truncate(time.Microsecond)}
		return err
	})
	if err != nil {
		return model.Entry{}, err
	}
	if again != 0 {
		return s.entry(ctx, sess, again)
	}
	return e, nil
}

// book appends one entry and moves the cached balance with it.
func (s *Store) book(ctx context.Context, tx *sql.Tx, sess model.Session, n node, kind model.EntryKind, entered int64,
	cur model.Currency, rate string, booked int64, notes string, reverses model.ID, key string, at time.Time) (model.ID, int64, error) {
	move, err := s.prepared(ctx, tx, `UPDATE customers SET balance_micros = balance_micros + ?
		WHERE id = ? RETURNING balance_micros`)
	if err != nil {
		return 0, 0, err
	}
	var balance int64
	if err := move.QueryRowContext(ctx, booked, n.id).Scan(&balance); err != nil {
		return 0, 0, err
	}
	insert, err := s.prepared(ctx, tx, `INSERT INTO entries (customer_id, kind, entered_micros, entered_currency, rate,
		booked_micros, balance_after_micros, notes, reverses_id, idempotency_key, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return 0, 0, err
	}
	var id model.ID
	err = insert.QueryRowContext(ctx,
		n.id, kind, entered, cur, rate, booked, balance, notes, sql.NullInt64{Int64: int64(reverses), Valid: reverses != 0},
		sql.NullString{String: key, Valid: key != ""}, sess.CustomerID, formatTime(at)).Scan(&id)
	if err != nil {
		return 0, 0, err
	}
	return id, balance, s.audit(ctx, tx, sess.CustomerID, "entry."+string(kind), n.path, n.name,
		fmt.Sprintf("%s %s, booked %s, balance %s", model.FromMicros(entered), cur, model.FromMicros(booked), model.FromMicros(balance)))
}

// ReverseEntry books the opposite of an entry, linked to it. The unique
// reverses_id makes a second reversal fail even from another window.
func (s *Store) ReverseEntry(ctx context.Context, sess model.Session, entry model.ID, reason, key string) (model.Entry, error) {
	if err := s.permit(ctx, sess, model.RightMaintenance); err != nil {
		return model.Entry{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return model.Entry{}, model.FieldError("reason", model.CodeRequired, nil)
	}
	if len([]rune(reason)) > model.MaxEntryNotesLen {
		return model.Entry{}, model.FieldError("reason", model.CodeTooLong, map[string]any{"max": model.MaxEntryNotesLen})
	}
	if key != "" {
		if e, err := s.entryByKey(ctx, sess, key); err == nil {
			return e, nil
		}
	}
	orig, err := s.entry(ctx, sess, entry)
	if err != nil {
		return model.Entry{}, err
	}
	var id model.ID
	err = s.write(ctx, func(tx *sql.Tx) error {
		n, err := s.nodeForWrite(ctx, tx, sess, orig.CustomerID)
		if err != nil {
			return err
		}
		if n.id == sess.CustomerID {
			return &model.Error{Code: model.CodeSelf}
		}
		if orig.Kind == model.EntryReversal {
			return &model.Error{Code: model.CodeInvalid, Params: map[string]any{"reversal": true}}
		}
		var done int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entries WHERE reverses_id = ?`, entry).Scan(&done); err != nil {
			return err
		}
		if done > 0 {
			return &model.Error{Code: model.CodeAlreadyReversed}
		}
		entered, _ := model.ToMicros(orig.Entered.Amount)
		booked, _ := model.ToMicros(orig.Booked)
		id, _, err = s.book(ctx, tx, sess, n, model.EntryReversal, entered, orig.Entered.Currency, orig.Rate.String(),
			-booked, reason, entry, key, s.now())
		return err
	})
	if err != nil {
		return model.Entry{}, err
	}
	return s.entry(ctx, sess, id)
}

const entryColumns = `e.id, e.customer_id, e.kind, e.entered_micros, e.entered_currency, e.rate, e.booked_micros,
	e.balance_after_micros, e.notes, ifnull(e.reverses_id, 0),
	ifnull((SELECT r.id FROM entries r WHERE r.reverses_id = e.id), 0),
	e.created_by, b.name, b.path, e.created_at`

func scanEntry(sc interface{ Scan(...any) error }, sess model.Session) (model.Entry, error) {
	var e model.Entry
	var kind, ecur, rate, byPath, at string
	var entered, booked, after int64
	err := sc.Scan(&e.ID, &e.CustomerID, &kind, &entered, &ecur, &rate, &booked, &after, &e.Notes, &e.Reverses,
		&e.ReversedBy, &e.CreatedBy, &e.CreatedByName, &byPath, &at)
	e.Kind = model.EntryKind(kind)
	e.Entered = model.Money{Amount: model.FromMicros(entered), Currency: model.Currency(ecur)}
	e.Rate, e.Booked, e.BalanceAfter = parseRate(rate), model.FromMicros(booked), model.FromMicros(after)
	e.CreatedAt = parseTime(at)
	// Who made an entry is named only inside the viewer's subtree.
	if lo, hi := subtree(sess.Path); byPath < lo || byPath >= hi {
		e.CreatedByName = ""
	}
	return e, err
}

// entry reads one entry of a customer inside the session's subtree.
func (s *Store) entry(ctx context.Context, sess model.Session, id model.ID) (model.Entry, error) {
	lo, hi := subtree(sess.Path)
	e, err := scanEntry(s.db.QueryRowContext(ctx, `SELECT `+entryColumns+`
		FROM entries e JOIN customers c ON c.id = e.customer_id JOIN customers b ON b.id = e.created_by
		WHERE e.id = ? AND c.path >= ? AND c.path < ?`, id, lo, hi), sess)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Entry{}, model.ErrNotFound
	}
	if err != nil {
		return model.Entry{}, storageErr("reading an entry", err)
	}
	return e, nil
}

func (s *Store) entryByKey(ctx context.Context, sess model.Session, key string) (model.Entry, error) {
	var id model.ID
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM entries WHERE idempotency_key = ?`, key).Scan(&id); err != nil {
		return model.Entry{}, model.ErrNotFound
	}
	return s.entry(ctx, sess, id)
}

// Entries returns a customer's ledger, newest first, a page at a time:
// pass the last ID seen as Before for the next page.
func (s *Store) Entries(ctx context.Context, sess model.Session, customer model.ID, f model.EntryFilter) ([]model.Entry, error) {
	if _, err := nodeIn(ctx, s.db, sess, customer, false); err != nil {
		return nil, err
	}
	where := []string{"e.customer_id = ?"}
	args := []any{customer}
	if f.Before != 0 {
		where, args = append(where, "e.id < ?"), append(args, f.Before)
	}
	if !f.From.IsZero() {
		where, args = append(where, "e.created_at >= ?"), append(args, formatTime(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "e.created_at < ?"), append(args, formatTime(f.To))
	}
	if len(f.Kinds) > 0 {
		where = append(where, "e.kind IN ("+placeholders(len(f.Kinds))+")")
		for _, k := range f.Kinds {
			args = append(args, string(k))
		}
	}
	limit := f.Limit
	if limit <= 0 || limit > 10_000 {
		limit = 500
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries e JOIN customers b ON b.id = e.created_by
		WHERE `+strings.Join(where, " AND ")+` ORDER BY e.id DESC LIMIT `+fmt.Sprint(limit), args...)
	if err != nil {
		return nil, storageErr("reading the history", err)
	}
	defer rows.Close()
	var out []model.Entry
	for rows.Next() {
		e, err := scanEntry(rows, sess)
		if err != nil {
			return nil, storageErr("reading the history", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Payments sums, per customer in the subtree under top, the Add Funds
// entries booked in [from, to) less the reversals of Add Funds entries
// booked in that time, in each customer's currency.
func (s *Store) Payments(ctx context.Context, sess model.Session, top model.ID, from, to time.Time) ([]model.PaymentLine, error) {
	n, err := nodeIn(ctx, s.db, sess, top, false)
	if err != nil {
		return nil, err
	}
	lo, hi := subtree(n.path)
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.name, c.currency, sum(e.booked_micros),
			sum(CASE WHEN e.kind = 'add_funds' THEN 1 ELSE 0 END)
		FROM entries e JOIN customers c ON c.id = e.customer_id
		LEFT JOIN entries o ON o.id = e.reverses_id
		WHERE c.path >= ? AND c.path < ? AND e.created_at >= ? AND e.created_at < ?
		  AND (e.kind = 'add_funds' OR (e.kind = 'reversal' AND o.kind = 'add_funds'))
		GROUP BY c.id ORDER BY c.name_key`, lo, hi, formatTime(from), formatTime(to))
	if err != nil {
		return nil, storageErr("reading payments", err)
	}
	defer rows.Close()
	var out []model.PaymentLine
	for rows.Next() {
		var p model.PaymentLine
		var cur string
		var sum int64
		if err := rows.Scan(&p.CustomerID, &p.Name, &cur, &sum, &p.Count); err != nil {
			return nil, storageErr("reading payments", err)
		}
		p.Currency, p.Amount = model.Currency(cur), model.FromMicros(sum)
		out = append(out, p)
	}
	return out, rows.Err()
}

// CheckReport is what Check found.
type CheckReport struct {
	Integrity  string   // "ok", or SQLite's list of problems
	Customers  int      // customers whose balance was checked
	Entries    int      // ledger entries summed
	Mismatches []string // one line per cached balance that differs from its entries
}

// OK reports whether nothing was wrong.
func (r CheckReport) OK() bool { return r.Integrity == "ok" && len(r.Mismatches) == 0 }

// Check proves, for every customer, that the cached balance equals the sum
// of its ledger entries, and runs SQLite's integrity check.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&r.Integrity); err != nil {
		return r, storageErr("checking integrity", err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM entries)").
		Scan(&r.Customers, &r.Entries); err != nil {
		return r, storageErr("counting", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.name, c.balance_micros, ifnull(e.total, 0)
		FROM customers c LEFT JOIN (SELECT customer_id, sum(booked_micros) AS total FROM entries
			WHERE customer_id IS NOT NULL GROUP BY customer_id) e ON e.customer_id = c.id
		WHERE c.balance_micros <> ifnull(e.total, 0) ORDER BY c.id`)
	if err != nil {
		return r, storageErr("checking balances", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		var cached, sum int64
		if err := rows.Scan(&id, &name, &cached, &sum); err != nil {
			return r, storageErr("checking balances", err)
		}
		r.Mismatches = append(r.Mismatches, fmt.Sprintf("customer %d %q: balance %s, entries sum to %s",
			id, name, model.FromMicros(cached), model.FromMicros(sum)))
	}
	return r, rows.Err()
}

// nodeForWrite is nodeIn for a live customer, with a prepared statement.
func (s *Store) nodeForWrite(ctx context.Context, tx *sql.Tx, sess model.Session, id model.ID) (node, error) {
	st, err := s.prepared(ctx, tx, `SELECT id, ifnull(parent_id, 0), path, depth, name, ifnull(currency, '')
		FROM customers WHERE id = ? AND path >= ? AND path < ? AND archived_at IS NULL`)
	if err != nil {
		return node{}, err
	}
	lo, hi := subtree(sess.Path)
	var n node
	var cur string
	err = st.QueryRowContext(ctx, id, lo, hi).Scan(&n.id, &n.parent, &n.path, &n.depth, &n.name, &cur)
	if errors.Is(err, sql.ErrNoRows) {
		return node{}, model.ErrNotFound
	}
	n.currency = model.Currency(cur)
	return n, err
}

// ratesOf reads the rates in force for the session of just the currencies
// given (USD needs none): the latest of the nearest table on the way up.
func (s *Store) ratesOf(ctx context.Context, tx *sql.Tx, sess model.Session, currencies ...model.Currency) (model.RateTable, error) {
	ids := chain(sess.Path)
	st, err := s.prepared(ctx, tx, `SELECT e.rate FROM exchange_rates e JOIN customers o ON o.id = e.owner_id
		WHERE e.owner_id IN (`+placeholders(len(ids))+`) AND e.currency = ? ORDER BY o.depth DESC, e.id DESC LIMIT 1`)
	if err != nil {
		return model.RateTable{}, err
	}
	var rates []model.ExchangeRate
	for _, c := range currencies {
		if c == model.USD {
			continue
		}
		var text string
		err := st.QueryRowContext(ctx, append(append([]any{}, ids...), string(c))...).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			continue // CrossRate reports the missing rate
		}
		if err != nil {
			return model.RateTable{}, err
		}
		rates = append(rates, model.ExchangeRate{Currency: c, Rate: parseRate(text)})
	}
	return model.NewRateTable(rates), nil
}
