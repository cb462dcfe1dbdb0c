package storage

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
)

// importColumns are read by scanImport, from call_imports i joined to the
// importing customer c.
const importColumns = `i.id, i.customer_id, c.name, i.file_name, i.layout, i.at, i.calls, i.rated, i.unrated, i.duplicates,
	i.skipped, ifnull(i.first_start, ''), ifnull(i.last_start, ''), ifnull(i.undone_at, '')`

func scanImport(sc interface{ Scan(...any) error }) (model.CallImport, error) {
	var ci model.CallImport
	var at, first, last, undone string
	err := sc.Scan(&ci.ID, &ci.Customer, &ci.ByName, &ci.FileName, &ci.Layout, &at, &ci.Calls, &ci.Rated, &ci.Unrated,
		&ci.Duplicates, &ci.Skipped, &first, &last, &undone)
	ci.At = parseTime(at)
	if first != "" {
		ci.First, ci.Last = parseTime(first), parseTime(last)
	}
	if undone != "" {
		ci.UndoneAt = parseTime(undone)
	}
	return ci, err
}

// callImport reads one import made by the session's customer or below it.
func (s *Store) callImport(ctx context.Context, sess model.Session, id model.ID) (model.CallImport, error) {
	lo, hi := subtree(sess.Path)
	ci, err := scanImport(s.db.QueryRowContext(ctx, `SELECT `+importColumns+` FROM call_imports i
		JOIN customers c ON c.id = i.customer_id WHERE i.id = ? AND c.path >= ? AND c.path < ?`, id, lo, hi))
	if errors.Is(err, sql.ErrNoRows) {
		return model.CallImport{}, model.ErrNotFound
	}
	if err == nil {
		err = s.importFigures(ctx, sess, &ci)
	}
	if err != nil {
		return model.CallImport{}, storageErr("reading an import", err)
	}
	return ci, nil
}

// importFigures fills an import's totals (charged to holders inside the
// session's subtree) and its unrated calls by reason.
func (s *Store) importFigures(ctx context.Context, sess model.Session, ci *model.CallImport) error {
	lo, hi := subtree(sess.Path)
	rows, err := s.db.QueryContext(ctx, `SELECT b.currency, sum(b.total_micros) FROM call_batches b
		LEFT JOIN accounts a ON a.id = b.account_id JOIN customers c ON c.id = coalesce(b.customer_id, a.customer_id)
		WHERE b.import_id = ? AND c.path >= ? AND c.path < ? GROUP BY b.currency ORDER BY b.currency`, ci.ID, lo, hi)
	totals, err := collect("reading an import's totals", rows, err, func(r *sql.Rows) (model.Money, error) {
		var cur string
		var sum int64
		err := r.Scan(&cur, &sum)
		return model.Money{Amount: model.FromMicros(sum), Currency: model.Currency(cur)}, err
	})
	if err != nil {
		return err
	}
	ci.Totals = totals
	rows, err = s.db.QueryContext(ctx, `SELECT reason, count(*) FROM calls WHERE import_id = ? AND reason IS NOT NULL
		GROUP BY reason`, ci.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	ci.Unreasons = map[string]int{}
	for rows.Next() {
		var reason string
		var n int
		if err := rows.Scan(&reason, &n); err != nil {
			return err
		}
		ci.Unreasons[reason] = n
	}
	return rows.Err()
}

// CallImports lists the imports made by the session's customer or by
// customers below it, newest first.
func (s *Store) CallImports(ctx context.Context, sess model.Session, limit int) ([]model.CallImport, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	lo, hi := subtree(sess.Path)
	rows, err := s.db.QueryContext(ctx, `SELECT `+importColumns+` FROM call_imports i
		JOIN customers c ON c.id = i.customer_id WHERE c.path >= ? AND c.path < ? ORDER BY i.id DESC LIMIT ?`, lo, hi, limit)
	out, err := collect("reading imports", rows, err, func(r *sql.Rows) (model.CallImport, error) { return scanImport(r) })
	if err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.importFigures(ctx, sess, &out[i]); err != nil {
			return nil, storageErr("reading imports", err)
		}
	}
	return out, nil
}

// digitsOf keeps the digits of a typed number.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// callSelection is the ids and starts of a holder's calls that q selects,
// as a WITH clause named sel(id, start), with its arguments; and the
// holder's level test for its own charges.
//
// With first > 0 each part keeps only its first rows, newest first, as its
// index gives them: a page of a holder with a million calls then sorts a
// few hundred rows, not the million. Only without a number filter, which
// applies after the parts.
func (s *Store) callSelection(ctx context.Context, sess model.Session, h model.Holder, q model.CallQuery, first int) (string, []any, error) {
	var parts []string
	var args []any
	timeFilter := func(col string) string {
		var w string
		if !q.From.IsZero() {
			w += " AND " + col + " >= ?"
			args = append(args, formatTime(q.From))
		}
		if !q.To.IsZero() {
			w += " AND " + col + " < ?"
			args = append(args, formatTime(q.To))
		}
		return w
	}
	if q.Entry != 0 {
		// The calls one entry charged: its batch's, which are its holder's
		// between the batch's first and last start.
		if h.IsAccount() {
			args = append(args, q.Entry, h.Account)
			parts = append(parts, `SELECT c.id, c.start FROM call_batches b
				JOIN calls c ON c.account_id = b.account_id AND c.start >= b.first_start AND c.start <= b.last_start
				JOIN call_charges cc ON cc.call_id = c.id AND cc.level = 0 AND cc.batch_id = b.id
				WHERE b.entry_id = ? AND b.account_id = ?`+timeFilter("c.start"))
		} else {
			args = append(args, q.Entry, h.Customer)
			parts = append(parts, `SELECT cc.call_id, cc.start FROM call_batches b
				JOIN call_charges cc ON cc.holder_id = b.customer_id AND cc.level > 0 AND cc.start >= b.first_start
					AND cc.start <= b.last_start AND cc.batch_id = b.id
				WHERE b.entry_id = ? AND b.customer_id = ?`+timeFilter("cc.start"))
		}
	} else if h.IsAccount() {
		w := ""
		if q.Unrated {
			w = " AND reason IS NOT NULL"
		}
		args = append(args, h.Account)
		parts = append(parts, `SELECT id, start FROM calls WHERE account_id = ?`+w+timeFilter("start"))
	} else {
		n, err := nodeIn(ctx, s.db, sess, h.Customer, false)
		if err != nil {
			return "", nil, err
		}
		if n.depth == 0 {
			// The root: every call of the file is in its subtree.
			w := " WHERE 1"
			if q.Unrated {
				w = " WHERE reason IS NOT NULL"
			}
			parts = append(parts, `SELECT id, start FROM calls`+w+timeFilter("start"))
		} else {
			if !q.Unrated {
				args = append(args, h.Customer)
				parts = append(parts, `SELECT call_id, start FROM call_charges WHERE holder_id = ? AND level > 0`+timeFilter("start"))
			}
			lo, hi := subtree(n.path)
			args = append(args, lo, hi)
			parts = append(parts, `SELECT c.id, c.start FROM customers cu JOIN accounts a ON a.customer_id = cu.id
			JOIN calls c ON c.account_id = a.id AND c.reason IS NOT NULL
			WHERE cu.path >= ? AND cu.path < ?`+timeFilter("c.start"))
			args = append(args, h.Customer)
			parts = append(parts, `SELECT c.id, c.start FROM call_imports i JOIN calls c ON c.import_id = i.id AND c.account_id IS NULL
			WHERE i.customer_id = ?`+timeFilter("c.start"))
		}
	}
	if first > 0 {
		for i, p := range parts {
			parts[i] = "SELECT * FROM (" + p + " ORDER BY 2 DESC, 1 DESC LIMIT " + strconv.Itoa(first) + ")"
		}
	}
	return "WITH sel(id, start) AS (" + strings.Join(parts, " UNION ALL ") + ")", args, nil
}

// checkHolder answers ErrNotFound for a holder outside the session's
// subtree (or deleted).
func (s *Store) checkHolder(ctx context.Context, sess model.Session, h model.Holder) (model.Currency, error) {
	if h.IsAccount() {
		a, err := s.Account(ctx, sess, h.Account)
		return a.Currency, err
	}
	n, err := nodeIn(ctx, s.db, sess, h.Customer, false)
	if err != nil {
		return "", callsErr(err)
	}
	return n.currency, nil
}

// Calls returns a page of a holder's calls, newest first: an account's
// own; a customer's, those in which it is a charged level, the unrated
// calls of the accounts of its subtree, and the calls of no known account
// it imported itself.
func (s *Store) Calls(ctx context.Context, sess model.Session, h model.Holder, q model.CallQuery) (model.CallPage, error) {
	if _, err := s.checkHolder(ctx, sess, h); err != nil {
		return model.CallPage{}, err
	}
	with, args, err := s.callSelection(ctx, sess, h, q, 0)
	if err != nil {
		return model.CallPage{}, callsErr(err)
	}
	where := []string{"1"}
	var filter []any
	if q.Entry == 0 {
		// An undone import's calls are no longer charged: they leave the
		// lists (Reports → Imports still names them), but an entry opened
		// in the history lists the calls it charged, undone or not.
		where = append(where, "c.void = 0")
	}
	if q.Unrated {
		where = append(where, "c.reason IS NOT NULL")
	}
	if d := digitsOf(q.Number); d != "" {
		where, filter = append(where, "instr(c.digits, ?) > 0"), append(filter, d)
	}
	limit := q.Limit
	if limit <= 0 || limit > 10_000 {
		limit = 200
	}
	var page model.CallPage
	from := ` FROM sel JOIN calls c ON c.id = sel.id WHERE ` + strings.Join(where, " AND ")
	all := append(append([]any{}, args...), filter...)
	if err := s.db.QueryRowContext(ctx, with+` SELECT count(*)`+from, all...).Scan(&page.Total); err != nil {
		return model.CallPage{}, storageErr("reading calls", err)
	}
	offset := max(q.Offset, 0)
	if digitsOf(q.Number) == "" {
		if with, args, err = s.callSelection(ctx, sess, h, q, offset+limit); err != nil {
			return model.CallPage{}, callsErr(err)
		}
		all = append(append([]any{}, args...), filter...)
	}
	rows, err := s.db.QueryContext(ctx, with+` SELECT c.id, c.import_id, c.call_key, ifnull(c.account_id, 0), c.username,
		c.caller, c.called, c.start, c.answered, c.seconds, ifnull(c.reason, ''), ifnull(c.reason_level, 0), c.void`+from+`
		ORDER BY sel.start DESC, sel.id DESC LIMIT ? OFFSET ?`, append(all, limit, offset)...)
	page.Calls, err = collect("reading calls", rows, err, func(r *sql.Rows) (model.Call, error) {
		var c model.Call
		var start string
		err := r.Scan(&c.ID, &c.Import, &c.Key, &c.Account, &c.Username, &c.Caller, &c.Called, &start, &c.Answered,
			&c.Seconds, &c.Reason, &c.ReasonLevel, &c.Void)
		c.Start = parseTime(start)
		return c, err
	})
	if err != nil {
		return model.CallPage{}, err
	}
	for i := range page.Calls {
		if page.Calls[i].Charges, err = s.callCharges(ctx, sess, page.Calls[i].ID); err != nil {
			return model.CallPage{}, storageErr("reading calls", err)
		}
	}
	return page, nil
}

// callCharges reads a call's charges at the levels inside the session's
// subtree: its own customer's level and those below, never one above.
func (s *Store) callCharges(ctx context.Context, sess model.Session, call model.ID) ([]model.CallCharge, error) {
	lo, hi := subtree(sess.Path)
	rows, err := s.db.QueryContext(ctx, `SELECT cc.level, cc.holder_id, cc.tariff_id, cc.prefix, cc.billed_seconds,
			cc.cost_micros, t.currency, coalesce(cu.name, a.username, ''), coalesce(cu.path, ac.path, '')
		FROM call_charges cc JOIN tariffs t ON t.id = cc.tariff_id
		LEFT JOIN customers cu ON cc.level > 0 AND cu.id = cc.holder_id
		LEFT JOIN accounts a ON cc.level = 0 AND a.id = cc.holder_id
		LEFT JOIN customers ac ON ac.id = a.customer_id
		WHERE cc.call_id = ? ORDER BY cc.level`, call)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.CallCharge
	for rows.Next() {
		var ch model.CallCharge
		var holder model.ID
		var cost int64
		var cur, path string
		if err := rows.Scan(&ch.Level, &holder, &ch.TariffID, &ch.Prefix, &ch.BilledSeconds, &cost, &cur, &ch.HolderName,
			&path); err != nil {
			return nil, err
		}
		if path < lo || path >= hi {
			continue
		}
		ch.Holder = model.CustomerLedger(holder)
		if ch.Level == 0 {
			ch.Holder = model.AccountLedger(holder)
		}
		ch.Cost = model.Money{Amount: model.FromMicros(cost), Currency: model.Currency(cur)}
		out = append(out, ch)
	}
	return out, rows.Err()
}

// CallTotals sums a holder's calls of q that were charged and not undone by
// the prefix its own tariff matched, at its own cost, the most expensive
// first.
func (s *Store) CallTotals(ctx context.Context, sess model.Session, h model.Holder, q model.CallQuery) ([]model.DestinationTotal, error) {
	if _, err := s.checkHolder(ctx, sess, h); err != nil {
		return nil, err
	}
	level, holder := "cc.level > 0", h.Customer
	if h.IsAccount() {
		level, holder = "cc.level = 0", h.Account
	}
	where := []string{"cc.holder_id = ?", level, "c.void = 0"}
	args := []any{holder}
	if !q.From.IsZero() {
		where, args = append(where, "cc.start >= ?"), append(args, formatTime(q.From))
	}
	if !q.To.IsZero() {
		where, args = append(where, "cc.start < ?"), append(args, formatTime(q.To))
	}
	if d := digitsOf(q.Number); d != "" {
		where, args = append(where, "instr(c.digits, ?) > 0"), append(args, d)
	}
	if q.Entry != 0 {
		where, args = append(where, "cc.batch_id = (SELECT id FROM call_batches WHERE entry_id = ?)"), append(args, q.Entry)
	}
	if q.Unrated {
		return nil, nil // unrated calls cost nothing
	}
	rows, err := s.db.QueryContext(ctx, `SELECT cc.prefix, t.currency, count(*), sum(cc.billed_seconds), sum(cc.cost_micros)
		FROM call_charges cc JOIN calls c ON c.id = cc.call_id JOIN tariffs t ON t.id = cc.tariff_id
		WHERE `+strings.Join(where, " AND ")+` GROUP BY cc.prefix, t.currency ORDER BY 5 DESC, 1`, args...)
	return collect("reading call totals", rows, err, func(r *sql.Rows) (model.DestinationTotal, error) {
		var d model.DestinationTotal
		var cur string
		var cost int64
		err := r.Scan(&d.Prefix, &cur, &d.Calls, &d.Seconds, &cost)
		d.Cost = model.Money{Amount: model.FromMicros(cost), Currency: model.Currency(cur)}
		return d, err
	})
}

// Margin returns, for the session's customer, one line per direct
// customer (and per account of its own) and prefix for the calls started
// in [from, to) and not undone: what the holder was charged, what the
// session's customer was charged for the same calls (its level, one above
// the holder's; nothing for the root, which is never charged), and the
// difference in the session's currency at today's rates.
func (s *Store) Margin(ctx context.Context, sess model.Session, from, to time.Time) ([]model.MarginLine, error) {
	self, err := nodeIn(ctx, s.db, sess, sess.CustomerID, false)
	if err != nil {
		return nil, err
	}
	own := self.currency
	if own == "" {
		own = model.USD // the root has no currency: its margins are in dollars
	}
	var period string
	var args []any
	if !from.IsZero() {
		period, args = period+" AND cc.start >= ?", append(args, formatTime(from))
	}
	if !to.IsZero() {
		period, args = period+" AND cc.start < ?", append(args, formatTime(to))
	}
	all := append([]any{sess.CustomerID}, args...)
	all = append(append(all, sess.CustomerID), args...)
	all = append(all, sess.CustomerID)
	rows, err := s.db.QueryContext(ctx, `WITH lines(level, holder_id, name, sort, call_id, prefix, currency, cost) AS (
			SELECT cc.level, cc.holder_id, cu.name, cu.sort_key, cc.call_id, cc.prefix, t.currency, cc.cost_micros
			FROM customers cu JOIN call_charges cc ON cc.holder_id = cu.id AND cc.level > 0
			JOIN tariffs t ON t.id = cc.tariff_id
			WHERE cu.parent_id = ?`+period+`
			UNION ALL
			SELECT 0, cc.holder_id, a.username, a.username_sort, cc.call_id, cc.prefix, t.currency, cc.cost_micros
			FROM accounts a JOIN calls c ON c.account_id = a.id JOIN call_charges cc ON cc.call_id = c.id AND cc.level = 0
			JOIN tariffs t ON t.id = cc.tariff_id
			WHERE a.customer_id = ? AND cc.holder_id = a.id AND c.reason IS NULL`+strings.ReplaceAll(period, "cc.start", "c.start")+`)
		SELECT l.level, l.holder_id, l.name, l.prefix, l.currency, count(*), sum(l.cost), ifnull(sum(u.cost_micros), 0),
			ifnull(max(ut.currency), '')
		FROM lines l JOIN calls c ON c.id = l.call_id AND c.void = 0
		LEFT JOIN call_charges u ON u.call_id = l.call_id AND u.level = l.level + 1 AND u.holder_id = ?
		LEFT JOIN tariffs ut ON ut.id = u.tariff_id
		GROUP BY l.level > 0, l.holder_id, l.prefix, l.currency ORDER BY l.level > 0 DESC, l.sort, l.holder_id, l.prefix`,
		all...)
	if err != nil {
		return nil, storageErr("reading margins", err)
	}
	type raw struct {
		line      model.MarginLine
		charged   int64
		cost      int64
		cur, ucur string
	}
	var raws []raw
	func() {
		defer rows.Close()
		for rows.Next() {
			var r raw
			var level int
			var holder model.ID
			if err = rows.Scan(&level, &holder, &r.line.HolderName, &r.line.Prefix, &r.cur, &r.line.Calls, &r.charged, &r.cost,
				&r.ucur); err != nil {
				return
			}
			r.line.Holder = model.CustomerLedger(holder)
			if level == 0 {
				r.line.Holder = model.AccountLedger(holder)
			}
			raws = append(raws, r)
		}
		err = rows.Err()
	}()
	if err != nil {
		return nil, storageErr("reading margins", err)
	}
	rates, err := s.ExchangeRates(ctx, sess)
	if err != nil {
		return nil, storageErr("reading margins", err)
	}
	out := make([]model.MarginLine, 0, len(raws))
	for _, r := range raws {
		l := r.line
		costCur := own
		if r.ucur != "" {
			costCur = model.Currency(r.ucur)
		}
		l.Charged = model.Money{Amount: model.FromMicros(r.charged), Currency: model.Currency(r.cur)}
		l.Cost = model.Money{Amount: model.FromMicros(r.cost), Currency: costCur}
		rate, err := rates.CrossRate(l.Charged.Currency, costCur)
		if err != nil {
			return nil, err
		}
		l.Margin = model.Money{Amount: model.Book(l.Charged.Amount, rate).Sub(l.Cost.Amount), Currency: costCur}
		out = append(out, l)
	}
	return out, nil
}
