package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// permit refuses an action the session's customer has no right to. The
// rights are read from the file each time, not taken from the session, so
// a right granted or revoked takes effect at once, even in a window that
// signed in before the change.
func (s *Store) permit(ctx context.Context, sess model.Session, r model.Right) error {
	rights, err := s.rightsNow(ctx, sess)
	if err != nil {
		return err
	}
	if !rights.Has(r) {
		return model.ErrNotPermitted
	}
	return nil
}

// RightsNow returns the session customer's rights as the file has them now.
func (s *Store) RightsNow(ctx context.Context, sess model.Session) (model.Right, error) {
	return s.rightsNow(ctx, sess)
}

// rightsNow are the session customer's rights as the file has them now.
func (s *Store) rightsNow(ctx context.Context, sess model.Session) (model.Right, error) {
	if sess.CustomerID == 0 {
		return 0, model.ErrNotPermitted
	}
	var isRoot bool
	var path string
	err := s.db.QueryRowContext(ctx, `SELECT parent_id IS NULL, path FROM customers WHERE id = ? AND archived_at IS NULL`,
		sess.CustomerID).Scan(&isRoot, &path)
	if err != nil {
		return 0, model.ErrNotPermitted
	}
	rights, err := effectiveRights(ctx, s.db, path, isRoot)
	if err != nil {
		return 0, storageErr("reading rights", err)
	}
	return rights, nil
}

const tariffColumns = `t.id, t.owner_id, t.name, t.currency, t.description, t.grace_seconds, t.free_seconds,
	(SELECT count(*) FROM tariff_rates r WHERE r.tariff_id = t.id),
	(SELECT count(*) FROM customers c WHERE c.tariff_id = t.id AND c.archived_at IS NULL)`

func scanTariff(sc interface{ Scan(...any) error }) (model.Tariff, error) {
	var t model.Tariff
	var cur string
	err := sc.Scan(&t.ID, &t.OwnerID, &t.Name, &cur, &t.Description, &t.GraceSeconds, &t.FreeSeconds, &t.Rates, &t.Customers)
	t.Currency = model.Currency(cur)
	return t, err
}

// Tariffs returns the tariffs the session's customer owns, by name.
func (s *Store) Tariffs(ctx context.Context, sess model.Session) ([]model.Tariff, error) {
	return queryTariffs(ctx, s.db, `WHERE t.owner_id = ? AND t.archived_at IS NULL ORDER BY t.sort_key, t.id`, sess.CustomerID)
}

// queryTariffs lists the tariffs a WHERE … ORDER BY clause selects, with
// their counts.
func queryTariffs(ctx context.Context, q rowsQueryer, where string, args ...any) ([]model.Tariff, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+tariffColumns+` FROM tariffs t `+where, args...)
	if err != nil {
		return nil, storageErr("listing tariffs", err)
	}
	defer rows.Close()
	var out []model.Tariff
	for rows.Next() {
		t, err := scanTariff(rows)
		if err != nil {
			return nil, storageErr("listing tariffs", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, storageErr("listing tariffs", err)
	}
	return out, nil
}

// Tariff returns one live tariff owned inside the session's subtree.
func (s *Store) Tariff(ctx context.Context, sess model.Session, id model.ID) (model.Tariff, error) {
	return tariffIn(ctx, s.db, sess, id)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func tariffIn(ctx context.Context, q queryer, sess model.Session, id model.ID) (model.Tariff, error) {
	lo, hi := subtree(sess.Path)
	t, err := scanTariff(q.QueryRowContext(ctx, `SELECT `+tariffColumns+` FROM tariffs t
		JOIN customers o ON o.id = t.owner_id
		WHERE t.id = ? AND t.archived_at IS NULL AND o.path >= ? AND o.path < ?`, id, lo, hi))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Tariff{}, model.ErrNotFound
	}
	if err != nil {
		return model.Tariff{}, storageErr("reading a tariff", err)
	}
	return t, nil
}

// ownTariff returns a tariff the session's customer owns, for changing it.
// A sub-customer's own tariff is visible to its owners but changed only by
// the sub-customer.
func ownTariff(ctx context.Context, tx *sql.Tx, sess model.Session, id model.ID) (model.Tariff, error) {
	t, err := tariffIn(ctx, tx, sess, id)
	if err == nil && t.OwnerID != sess.CustomerID {
		return model.Tariff{}, model.ErrNotPermitted
	}
	return t, err
}

func tariffNameTaken(ctx context.Context, tx *sql.Tx, owner model.ID, name string, except model.ID) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tariffs
		WHERE owner_id = ? AND name_key = ? AND archived_at IS NULL AND id <> ?`, owner, model.Key(name), except).Scan(&n)
	return n > 0, err
}

// CreateTariff adds a tariff owned by the session's customer.
func (s *Store) CreateTariff(ctx context.Context, sess model.Session, in model.TariffInput) (model.Tariff, error) {
	if err := s.permit(ctx, sess, model.RightTariffsAdd); err != nil {
		return model.Tariff{}, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return model.Tariff{}, err
	}
	var id model.ID
	err := s.write(ctx, func(tx *sql.Tx) error {
		if taken, err := tariffNameTaken(ctx, tx, sess.CustomerID, in.Name, 0); err != nil || taken {
			if taken {
				return model.FieldError("name", model.CodeDuplicate, nil)
			}
			return err
		}
		var err error
		id, err = insertTariff(ctx, tx, sess.CustomerID, in, formatTime(s.now()))
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "tariff.create", sess.Path, in.Name, in.Currency)
	})
	if err != nil {
		return model.Tariff{}, err
	}
	return s.Tariff(ctx, sess, id)
}

func insertTariff(ctx context.Context, tx *sql.Tx, owner model.ID, in model.TariffInput, now string) (model.ID, error) {
	var id model.ID
	err := tx.QueryRowContext(ctx, `INSERT INTO tariffs (owner_id, name, name_key, sort_key, currency, description,
		grace_seconds, free_seconds, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		owner, in.Name, model.Key(in.Name), model.SortKey(in.Name), in.Currency, in.Description,
		in.GraceSeconds, in.FreeSeconds, now, now).Scan(&id)
	return id, err
}

// UpdateTariff changes a tariff's name, description, grace and free seconds
// and, while no customer uses it, its currency.
func (s *Store) UpdateTariff(ctx context.Context, sess model.Session, id model.ID, in model.TariffInput) (model.Tariff, error) {
	if err := s.permit(ctx, sess, model.RightTariffsEdit); err != nil {
		return model.Tariff{}, err
	}
	in.Normalize()
	// Every field but whether the currency may be chosen now: a tariff
	// keeps a code ISO has withdrawn since (HRK), which needs the old one.
	if err := in.ValidateChange(model.Currency(in.Currency)); err != nil {
		return model.Tariff{}, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := ownTariff(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if err := in.ValidateChange(old.Currency); err != nil {
			return err
		}
		if string(old.Currency) != in.Currency && old.Customers > 0 {
			return &model.Error{Code: model.CodeLocked, Field: "currency", Params: map[string]any{"customers": old.Customers}}
		}
		if taken, err := tariffNameTaken(ctx, tx, sess.CustomerID, in.Name, id); err != nil || taken {
			if taken {
				return model.FieldError("name", model.CodeDuplicate, nil)
			}
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE tariffs SET name = ?, name_key = ?, sort_key = ?, currency = ?, description = ?,
			grace_seconds = ?, free_seconds = ?, updated_at = ?
			WHERE id = ?`, in.Name, model.Key(in.Name), model.SortKey(in.Name), in.Currency, in.Description,
			in.GraceSeconds, in.FreeSeconds, formatTime(s.now()), id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "tariff.update", sess.Path, in.Name,
			fmt.Sprintf("was %q %s, grace %ds, free %ds", old.Name, old.Currency, old.GraceSeconds, old.FreeSeconds))
	})
	if err != nil {
		return model.Tariff{}, err
	}
	return s.Tariff(ctx, sess, id)
}

// DeleteTariff archives a tariff that no customer and no account uses.
func (s *Store) DeleteTariff(ctx context.Context, sess model.Session, id model.ID) error {
	if err := s.permit(ctx, sess, model.RightTariffsDelete); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		t, err := ownTariff(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if t.Customers > 0 {
			return &model.Error{Code: model.CodeInUse, Params: map[string]any{"customers": t.Customers}}
		}
		// Any account, live or archived: a restored account keeps its tariff.
		var accounts int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE tariff_id = ?`, id).Scan(&accounts); err != nil {
			return err
		}
		if accounts > 0 {
			return &model.Error{Code: model.CodeInUse, Params: map[string]any{"customers": 0, "accounts": accounts}}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tariffs SET archived_at = ? WHERE id = ?`, formatTime(s.now()), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "tariff.delete", sess.Path, t.Name, "")
	})
}

// rateColumns are a rate's columns as scanRate reads them.
const rateColumns = `id, prefix, description, price_micros, connect_fee_micros, first_interval, next_interval,
	grace_seconds, free_seconds, ifnull(effective_from, ''), ifnull(ends, '')`

func scanRate(sc interface{ Scan(...any) error }, tariff model.ID) (model.Rate, error) {
	r := model.Rate{TariffID: tariff}
	var price, fee int64
	var grace, free sql.NullInt64
	var from, ends string
	if err := sc.Scan(&r.ID, &r.Prefix, &r.Description, &price, &fee, &r.FirstInterval, &r.NextInterval,
		&grace, &free, &from, &ends); err != nil {
		return r, err
	}
	r.Price, r.ConnectFee = model.FromMicros(price), model.FromMicros(fee)
	if grace.Valid {
		r.GraceSeconds = model.Seconds(int(grace.Int64))
	}
	if free.Valid {
		r.FreeSeconds = model.Seconds(int(free.Int64))
	}
	if from != "" {
		r.EffectiveFrom = parseTime(from)
	}
	if ends != "" {
		r.Ends = parseTime(ends)
	}
	return r, nil
}

// rateArgs are the values of a rate's columns after id and tariff_id, in
// the order of rateColumns.
func rateArgs(r model.Rate, price, fee int64) []any {
	return []any{r.Prefix, r.Description, price, fee, r.FirstInterval, r.NextInterval,
		nullSeconds(r.GraceSeconds), nullSeconds(r.FreeSeconds), nullTime(r.EffectiveFrom), nullTime(r.Ends)}
}

// nullSeconds is NULL for a rate that takes the tariff's allowance.
func nullSeconds(n *int) sql.NullInt64 {
	if n == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*n), Valid: true}
}

// queryRates reads the rates of a tariff that a WHERE clause (after
// tariff_id = ?) selects, by prefix and then start.
func queryRates(ctx context.Context, q rowsQueryer, tariff model.ID, where string, args ...any) ([]model.Rate, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+rateColumns+` FROM tariff_rates WHERE tariff_id = ? `+where+`
		ORDER BY prefix, effective_from, id`, append([]any{tariff}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Rate
	for rows.Next() {
		r, err := scanRate(rows, tariff)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// TariffRates returns a tariff's rates ordered by prefix, and a prefix's
// rates by the time they take effect (an open start first).
func (s *Store) TariffRates(ctx context.Context, sess model.Session, tariff model.ID) ([]model.Rate, error) {
	if _, err := s.Tariff(ctx, sess, tariff); err != nil {
		return nil, err
	}
	out, err := queryRates(ctx, s.db, tariff, "")
	if err != nil {
		return nil, storageErr("listing rates", err)
	}
	return out, nil
}

func rateMicros(r model.Rate) (price, fee int64, err error) {
	if price, err = model.ToMicros(r.Price); err != nil {
		return 0, 0, model.FieldError("price", model.CodeOf(err), map[string]any{"places": model.StorageScale})
	}
	if fee, err = model.ToMicros(r.ConnectFee); err != nil {
		return 0, 0, model.FieldError("connect_fee", model.CodeOf(err), map[string]any{"places": model.StorageScale})
	}
	return price, fee, nil
}

// SaveRate adds a rate (ID 0) or changes one. Two rates of one prefix in a
// tariff may not be in force at a same moment (model.CheckRatePeriods).
func (s *Store) SaveRate(ctx context.Context, sess model.Session, tariff model.ID, r model.Rate) (model.Rate, error) {
	if err := s.permit(ctx, sess, model.RightTariffsEdit); err != nil {
		return model.Rate{}, err
	}
	r.Normalize()
	if err := r.Validate(); err != nil {
		return model.Rate{}, err
	}
	price, fee, err := rateMicros(r)
	if err != nil {
		return model.Rate{}, err
	}
	r.TariffID = tariff
	err = s.write(ctx, func(tx *sql.Tx) error {
		t, err := ownTariff(ctx, tx, sess, tariff)
		if err != nil {
			return err
		}
		if r.ID != 0 {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM tariff_rates WHERE id = ? AND tariff_id = ?`, r.ID, tariff).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return model.ErrNotFound
			}
			if err != nil {
				return err
			}
		}
		others, err := queryRates(ctx, tx, tariff, `AND prefix = ? AND id <> ?`, r.Prefix, r.ID)
		if err != nil {
			return err
		}
		if err := model.CheckRatePeriods(append(others, r)); err != nil {
			return err
		}
		args := rateArgs(r, price, fee)
		if r.ID == 0 {
			err = tx.QueryRowContext(ctx, `INSERT INTO tariff_rates (tariff_id, prefix, description, price_micros,
				connect_fee_micros, first_interval, next_interval, grace_seconds, free_seconds, effective_from, ends)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				append([]any{tariff}, args...)...).Scan(&r.ID)
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE tariff_rates SET prefix = ?, description = ?, price_micros = ?,
				connect_fee_micros = ?, first_interval = ?, next_interval = ?, grace_seconds = ?, free_seconds = ?,
				effective_from = ?, ends = ? WHERE id = ? AND tariff_id = ?`,
				append(args, r.ID, tariff)...)
			if err == nil {
				if n, _ := res.RowsAffected(); n == 0 {
					return model.ErrNotFound
				}
			}
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "rate.save", sess.Path, t.Name, rateAuditText(r))
	})
	return r, err
}

// DeleteRate removes one rate from a tariff. The audit log keeps what it was.
func (s *Store) DeleteRate(ctx context.Context, sess model.Session, tariff, rate model.ID) error {
	if err := s.permit(ctx, sess, model.RightTariffsEdit); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		t, err := ownTariff(ctx, tx, sess, tariff)
		if err != nil {
			return err
		}
		var prefix string
		var price int64
		err = tx.QueryRowContext(ctx, `DELETE FROM tariff_rates WHERE id = ? AND tariff_id = ? RETURNING prefix, price_micros`,
			rate, tariff).Scan(&prefix, &price)
		if errors.Is(err, sql.ErrNoRows) {
			return model.ErrNotFound
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "rate.delete", sess.Path, t.Name,
			fmt.Sprintf("%s %s", prefix, model.FromMicros(price)))
	})
}

// rateAuditText is what the audit log keeps of a saved rate.
func rateAuditText(r model.Rate) string {
	text := fmt.Sprintf("%s %s %s", r.Prefix, r.Price, r.ConnectFee)
	if r.GraceSeconds != nil {
		text += fmt.Sprintf(", grace %ds", *r.GraceSeconds)
	}
	if r.FreeSeconds != nil {
		text += fmt.Sprintf(", free %ds", *r.FreeSeconds)
	}
	if !r.EffectiveFrom.IsZero() {
		text += ", from " + formatTime(r.EffectiveFrom)
	}
	if !r.Ends.IsZero() {
		text += ", ends " + formatTime(r.Ends)
	}
	return text
}

// ratePeriodKey names a rate by what an import matches it on: its prefix
// and the time it takes effect.
func ratePeriodKey(r model.Rate) string {
	return r.Prefix + " " + nullTime(r.EffectiveFrom).String
}

// ImportRates adds or updates every rate in one transaction. An imported
// rate updates the tariff's rate of the same prefix that takes effect at
// the same time (both open, for files without dates), and is added
// otherwise; when the rates a prefix would then have overlap in time,
// nothing is saved (CodeDuplicate on "effective_from", Params "prefix").
// Every rate must be valid: the caller chooses what to pass.
func (s *Store) ImportRates(ctx context.Context, sess model.Session, tariff model.ID, rates []model.Rate) (model.ImportResult, error) {
	var res model.ImportResult
	if err := s.permit(ctx, sess, model.RightTariffsEdit); err != nil {
		return res, err
	}
	type row struct {
		r          model.Rate
		price, fee int64
	}
	rows := make([]row, len(rates))
	for i, r := range rates {
		r.Normalize()
		if err := r.Validate(); err != nil {
			return res, fmt.Errorf("rate %d (%s): %w", i+1, r.Prefix, err)
		}
		price, fee, err := rateMicros(r)
		if err != nil {
			return res, err
		}
		r.ID = 0
		rows[i] = row{r, price, fee}
	}
	imported := make([]model.Rate, len(rows))
	for i, w := range rows {
		imported[i] = w.r
	}
	if err := model.CheckRatePeriods(imported); err != nil {
		return res, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		t, err := ownTariff(ctx, tx, sess, tariff)
		if err != nil {
			return err
		}
		existing, err := queryRates(ctx, tx, tariff, "")
		if err != nil {
			return err
		}
		byKey := make(map[string]int, len(existing))
		for i, r := range existing {
			byKey[ratePeriodKey(r)] = i
		}
		// What the tariff will hold: the rates no row replaces, and the
		// rows, which take the id of the rate they replace.
		replaced := make([]bool, len(existing))
		for i := range rows {
			if j, ok := byKey[ratePeriodKey(rows[i].r)]; ok {
				rows[i].r.ID, replaced[j] = existing[j].ID, true
			}
		}
		after := make([]model.Rate, 0, len(existing)+len(rows))
		for i, r := range existing {
			if !replaced[i] {
				after = append(after, r)
			}
		}
		for _, w := range rows {
			after = append(after, w.r)
		}
		if err := model.CheckRatePeriods(after); err != nil {
			return err
		}
		insert, err := tx.PrepareContext(ctx, `INSERT INTO tariff_rates (tariff_id, prefix, description, price_micros,
			connect_fee_micros, first_interval, next_interval, grace_seconds, free_seconds, effective_from, ends)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insert.Close()
		update, err := tx.PrepareContext(ctx, `UPDATE tariff_rates SET prefix = ?, description = ?, price_micros = ?,
			connect_fee_micros = ?, first_interval = ?, next_interval = ?, grace_seconds = ?, free_seconds = ?,
			effective_from = ?, ends = ? WHERE id = ? AND tariff_id = ?`)
		if err != nil {
			return err
		}
		defer update.Close()
		res = model.ImportResult{}
		for _, w := range rows {
			args := rateArgs(w.r, w.price, w.fee)
			if w.r.ID != 0 {
				if _, err := update.ExecContext(ctx, append(args, w.r.ID, tariff)...); err != nil {
					return err
				}
				res.Updated++
				continue
			}
			if _, err := insert.ExecContext(ctx, append([]any{tariff}, args...)...); err != nil {
				return err
			}
			res.Added++
		}
		return s.audit(ctx, tx, sess.CustomerID, "rate.import", sess.Path, t.Name,
			fmt.Sprintf("%d added, %d updated", res.Added, res.Updated))
	})
	return res, err
}

// parseRate reads an exchange rate stored as exact decimal text.
func parseRate(s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero
	}
	return d
}

// permitTx is permit inside a write transaction, with prepared statements:
// the Maintenance path runs it on every entry.
func (s *Store) permitTx(ctx context.Context, tx *sql.Tx, sess model.Session, r model.Right) error {
	st, err := s.prepared(ctx, tx, `SELECT parent_id IS NULL, path FROM customers WHERE id = ? AND archived_at IS NULL`)
	if err != nil {
		return err
	}
	var isRoot bool
	var path string
	if err := st.QueryRowContext(ctx, sess.CustomerID).Scan(&isRoot, &path); err != nil {
		return model.ErrNotPermitted
	}
	rights, err := effectiveRights(ctx, tx, path, isRoot)
	if err != nil {
		return err
	}
	if !rights.Has(r) {
		return model.ErrNotPermitted
	}
	return nil
}
