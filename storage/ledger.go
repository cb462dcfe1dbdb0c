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

// AddEntry books one Maintenance action on a customer or an account. The
// entry and the cached balance change in one immediate transaction; a Key
// already used returns the entry booked with it.
func (s *Store) AddEntry(ctx context.Context, sess model.Session, h model.Holder, in model.EntryInput) (model.Entry, error) {
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
		switch err := byKey.QueryRowContext(ctx, in.Key).Scan(&again); {
		case err == nil:
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err // a failed look-up is not a new key: booking could book twice
		}
		l, err := s.ledgerForWrite(ctx, tx, sess, h)
		if err != nil {
			return err
		}
		rate := decimal.NewFromInt(1)
		if in.Currency != l.currency {
			rates, err := s.ratesOf(ctx, tx, sess, in.Currency, l.currency)
			if err != nil {
				return err
			}
			if rate, err = rates.CrossRate(in.Currency, l.currency); err != nil {
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
		id, balance, err := s.book(ctx, tx, sess, l, in.Kind, entered, in.Currency, rate.String(), booked, in.Notes, 0, in.Key, at)
		e = model.Entry{ID: id, Holder: l.holder, Kind: in.Kind, Entered: model.Money{Amount: in.Amount, Currency: in.Currency},
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

// ledger is what booking needs to know of whose balance an entry moves.
type ledger struct {
	holder   model.Holder
	owner    node   // the customer, or the account's customer
	subject  string // how the audit log names the holder
	currency model.Currency
}

// ledgerForWrite reads a live holder inside the subtree. A customer's own
// balance is changed only by its owners: never the session's own, never
// the root's.
func (s *Store) ledgerForWrite(ctx context.Context, tx *sql.Tx, sess model.Session, h model.Holder) (ledger, error) {
	if !h.IsAccount() {
		n, err := s.nodeForWrite(ctx, tx, sess, h.Customer)
		if err != nil {
			return ledger{}, err
		}
		if n.parent == 0 || n.id == sess.CustomerID {
			return ledger{}, &model.Error{Code: model.CodeSelf}
		}
		return ledger{holder: h, owner: n, subject: n.name, currency: n.currency}, nil
	}
	st, err := s.prepared(ctx, tx, `SELECT a.username, a.currency, c.id, ifnull(c.parent_id, 0), c.path, c.depth, c.name
		FROM accounts a JOIN customers c ON c.id = a.customer_id
		WHERE a.id = ? AND a.archived_at IS NULL AND c.archived_at IS NULL AND c.path >= ? AND c.path < ?`)
	if err != nil {
		return ledger{}, err
	}
	lo, hi := subtree(sess.Path)
	var l ledger
	var username, cur string
	err = st.QueryRowContext(ctx, h.Account, lo, hi).Scan(&username, &cur, &l.owner.id, &l.owner.parent, &l.owner.path,
		&l.owner.depth, &l.owner.name)
	if errors.Is(err, sql.ErrNoRows) {
		return ledger{}, model.ErrNotFound
	}
	return accountLedger(h.Account, username, model.Currency(cur), l.owner), err
}

// book appends one entry and moves the cached balance with it.
func (s *Store) book(ctx context.Context, tx *sql.Tx, sess model.Session, l ledger, kind model.EntryKind, entered int64,
	cur model.Currency, rate string, booked int64, notes string, reverses model.ID, key string, at time.Time) (model.ID, int64, error) {
	table, id := "customers", l.holder.Customer
	if l.holder.IsAccount() {
		table, id = "accounts", l.holder.Account
	}
	move, err := s.prepared(ctx, tx, `UPDATE `+table+` SET balance_micros = balance_micros + ?
		WHERE id = ? RETURNING balance_micros`)
	if err != nil {
		return 0, 0, err
	}
	var balance int64
	if err := move.QueryRowContext(ctx, booked, id).Scan(&balance); err != nil {
		return 0, 0, err
	}
	insert, err := s.prepared(ctx, tx, `INSERT INTO entries (customer_id, account_id, kind, entered_micros, entered_currency,
		rate, booked_micros, balance_after_micros, notes, reverses_id, idempotency_key, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return 0, 0, err
	}
	var entry model.ID
	err = insert.QueryRowContext(ctx,
		nullID(l.holder.Customer), nullID(l.holder.Account), kind, entered, cur, rate, booked, balance, notes, nullID(reverses),
		sql.NullString{String: key, Valid: key != ""}, sess.CustomerID, formatTime(at)).Scan(&entry)
	if err != nil {
		return 0, 0, err
	}
	if kind == model.EntryOpening {
		return entry, balance, nil // the holder's create event names its opening balance
	}
	return entry, balance, s.audit(ctx, tx, sess.CustomerID, "entry."+string(kind), l.owner.path, l.subject,
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
		e, err := s.entryByKey(ctx, sess, key)
		if err == nil {
			return e, nil
		}
		if !errors.Is(err, model.ErrNotFound) {
			return model.Entry{}, err
		}
	}
	orig, err := s.entry(ctx, sess, entry)
	if err != nil {
		return model.Entry{}, err
	}
	var id model.ID
	err = s.write(ctx, func(tx *sql.Tx) error {
		l, err := s.ledgerForWrite(ctx, tx, sess, orig.Holder)
		if err != nil {
			return err
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
		id, _, err = s.book(ctx, tx, sess, l, model.EntryReversal, entered, orig.Entered.Currency, orig.Rate.String(),
			-booked, reason, entry, key, s.now())
		return err
	})
	if err != nil {
		return model.Entry{}, err
	}
	return s.entry(ctx, sess, id)
}

const entryColumns = `e.id, ifnull(e.customer_id, 0), ifnull(e.account_id, 0), e.kind, e.entered_micros, e.entered_currency, e.rate, e.booked_micros,
	e.balance_after_micros, e.notes, ifnull(e.reverses_id, 0),
	ifnull((SELECT r.id FROM entries r WHERE r.reverses_id = e.id), 0),
	e.created_by, b.name, b.path, e.created_at,
	ifnull(cb.import_id, 0), ifnull(cb.calls, 0), ifnull(cb.first_start, ''), ifnull(cb.last_start, ''),
	ifnull((SELECT v.serial FROM vouchers v WHERE v.entry_id = e.id), 0)`

// entryCalls joins an entry to the calls it booked, for entryColumns.
const entryCalls = ` LEFT JOIN call_batches cb ON cb.entry_id = e.id`

func scanEntry(sc interface{ Scan(...any) error }, sess model.Session) (model.Entry, error) {
	var e model.Entry
	var kind, ecur, rate, byPath, at, first, last string
	var entered, booked, after int64
	var batch model.CallBatch
	err := sc.Scan(&e.ID, &e.Holder.Customer, &e.Holder.Account, &kind, &entered, &ecur, &rate, &booked, &after, &e.Notes, &e.Reverses,
		&e.ReversedBy, &e.CreatedBy, &e.CreatedByName, &byPath, &at, &batch.Import, &batch.Count, &first, &last, &e.Voucher)
	e.Kind = model.EntryKind(kind)
	if batch.Import != 0 {
		batch.First, batch.Last = parseTime(first), parseTime(last)
		e.Calls = &batch
	}
	e.Entered = model.Money{Amount: model.FromMicros(entered), Currency: model.Currency(ecur)}
	e.Rate, e.Booked, e.BalanceAfter = parseRate(rate), model.FromMicros(booked), model.FromMicros(after)
	e.CreatedAt = parseTime(at)
	// Who made an entry is named only inside the viewer's subtree.
	if lo, hi := subtree(sess.Path); byPath < lo || byPath >= hi {
		e.CreatedByName = ""
	}
	return e, err
}

// entry reads one entry of a customer or an account inside the session's
// subtree.
func (s *Store) entry(ctx context.Context, sess model.Session, id model.ID) (model.Entry, error) {
	lo, hi := subtree(sess.Path)
	e, err := scanEntry(s.db.QueryRowContext(ctx, `SELECT `+entryColumns+`
		FROM entries e LEFT JOIN accounts a ON a.id = e.account_id
		JOIN customers c ON c.id = coalesce(e.customer_id, a.customer_id) JOIN customers b ON b.id = e.created_by`+entryCalls+`
		WHERE e.id = ? AND c.path >= ? AND c.path < ?`, id, lo, hi), sess)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Entry{}, model.ErrNotFound
	}
	if err != nil {
		return model.Entry{}, storageErr("reading an entry", err)
	}
	return e, nil
}

// entryByKey reads the entry booked with an idempotency key. Only a key
// that is not there is "not found"; a failed read is returned as such.
func (s *Store) entryByKey(ctx context.Context, sess model.Session, key string) (model.Entry, error) {
	var id model.ID
	err := s.db.QueryRowContext(ctx, `SELECT id FROM entries WHERE idempotency_key = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Entry{}, model.ErrNotFound
	}
	if err != nil {
		return model.Entry{}, storageErr("reading an entry", err)
	}
	return s.entry(ctx, sess, id)
}

// Entries returns a customer's or an account's ledger, newest first, a
// page at a time: pass the last ID seen as Before for the next page.
func (s *Store) Entries(ctx context.Context, sess model.Session, h model.Holder, f model.EntryFilter) ([]model.Entry, error) {
	where := []string{"e.customer_id = ?"}
	args := []any{h.Customer}
	if h.IsAccount() {
		if _, err := s.Account(ctx, sess, h.Account); err != nil {
			return nil, err
		}
		where, args = []string{"e.account_id = ?"}, []any{h.Account}
	} else if _, err := nodeIn(ctx, s.db, sess, h.Customer, false); err != nil {
		return nil, err
	}
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
	rows, err := s.db.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries e JOIN customers b ON b.id = e.created_by`+entryCalls+`
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

// Payments sums, per customer and per account in the subtree under top,
// the Add Funds entries booked in [from, to) less the reversals of Add
// Funds entries booked in that time, in each holder's currency.
func (s *Store) Payments(ctx context.Context, sess model.Session, top model.ID, from, to time.Time) ([]model.PaymentLine, error) {
	n, err := nodeIn(ctx, s.db, sess, top, false)
	if err != nil {
		return nil, err
	}
	lo, hi := subtree(n.path)
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.name, ifnull(a.id, 0), ifnull(a.username, ''),
			coalesce(a.currency, c.currency), sum(e.booked_micros), sum(CASE WHEN e.kind = 'add_funds' THEN 1 ELSE 0 END)
		FROM entries e LEFT JOIN accounts a ON a.id = e.account_id
		JOIN customers c ON c.id = coalesce(e.customer_id, a.customer_id)
		LEFT JOIN entries o ON o.id = e.reverses_id
		WHERE c.path >= ? AND c.path < ? AND e.created_at >= ? AND e.created_at < ?
		  AND (e.kind = 'add_funds' OR (e.kind = 'reversal' AND o.kind = 'add_funds'))
		GROUP BY c.id, a.id ORDER BY c.sort_key, c.id, a.username_sort, a.id`, lo, hi, formatTime(from), formatTime(to))
	if err != nil {
		return nil, storageErr("reading payments", err)
	}
	defer rows.Close()
	var out []model.PaymentLine
	for rows.Next() {
		var p model.PaymentLine
		var cur string
		var sum int64
		if err := rows.Scan(&p.CustomerID, &p.Name, &p.AccountID, &p.Username, &cur, &sum, &p.Count); err != nil {
			return nil, storageErr("reading payments", err)
		}
		p.Currency, p.Amount = model.Currency(cur), model.FromMicros(sum)
		out = append(out, p)
	}
	return out, rows.Err()
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
