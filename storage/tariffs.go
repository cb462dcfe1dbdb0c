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

const tariffColumns = `t.id, t.owner_id, t.name, t.currency, t.description,
	(SELECT count(*) FROM tariff_rates r WHERE r.tariff_id = t.id),
	(SELECT count(*) FROM customers c WHERE c.tariff_id = t.id AND c.archived_at IS NULL)`

func scanTariff(sc interface{ Scan(...any) error }) (model.Tariff, error) {
	var t model.Tariff
	var cur string
	err := sc.Scan(&t.ID, &t.OwnerID, &t.Name, &cur, &t.Description, &t.Rates, &t.Customers)
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
	err := tx.QueryRowContext(ctx, `INSERT INTO tariffs (owner_id, name, name_key, sort_key, currency, description, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		owner, in.Name, model.Key(in.Name), model.SortKey(in.Name), in.Currency, in.Description, now, now).Scan(&id)
	return id, err
}

// UpdateTariff changes a tariff's name, description and, while no customer
// uses it, its currency.
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
		_, err = tx.ExecContext(ctx, `UPDATE tariffs SET name = ?, name_key = ?, sort_key = ?, currency = ?, description = ?, updated_at = ?
			WHERE id = ?`, in.Name, model.Key(in.Name), model.SortKey(in.Name), in.Currency, in.Description, formatTime(s.now()), id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "tariff.update", sess.Path, in.Name,
			fmt.Sprintf("was %q %s", old.Name, old.Currency))
	})
	if err != nil {
		return model.Tariff{}, err
	}
	return s.Tariff(ctx, sess, id)
}

// DeleteTariff archives a tariff that no customer uses.
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
		if _, err := tx.ExecContext(ctx, `UPDATE tariffs SET archived_at = ? WHERE id = ?`, formatTime(s.now()), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "tariff.delete", sess.Path, t.Name, "")
	})
}

// TariffRates returns a tariff's rates ordered by prefix.
func (s *Store) TariffRates(ctx context.Context, sess model.Session, tariff model.ID) ([]model.Rate, error) {
	if _, err := s.Tariff(ctx, sess, tariff); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, prefix, description, price_micros, connect_fee_micros,
		first_interval, next_interval FROM tariff_rates WHERE tariff_id = ? ORDER BY prefix`, tariff)
	if err != nil {
		return nil, storageErr("listing rates", err)
	}
	defer rows.Close()
	var out []model.Rate
	for rows.Next() {
		r := model.Rate{TariffID: tariff}
		var price, fee int64
		if err := rows.Scan(&r.ID, &r.Prefix, &r.Description, &price, &fee, &r.FirstInterval, &r.NextInterval); err != nil {
			return nil, storageErr("listing rates", err)
		}
		r.Price, r.ConnectFee = model.FromMicros(price), model.FromMicros(fee)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
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

// SaveRate adds a rate (ID 0) or changes one; prefixes are unique in a
// tariff.
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
		var other model.ID
		err = tx.QueryRowContext(ctx, `SELECT id FROM tariff_rates WHERE tariff_id = ? AND prefix = ?`, tariff, r.Prefix).Scan(&other)
		if err == nil && other != r.ID {
			return model.FieldError("prefix", model.CodeDuplicate, nil)
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if r.ID == 0 {
			err = tx.QueryRowContext(ctx, `INSERT INTO tariff_rates (tariff_id, prefix, description, price_micros,
				connect_fee_micros, first_interval, next_interval) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				tariff, r.Prefix, r.Description, price, fee, r.FirstInterval, r.NextInterval).Scan(&r.ID)
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE tariff_rates SET prefix = ?, description = ?, price_micros = ?,
				connect_fee_micros = ?, first_interval = ?, next_interval = ? WHERE id = ? AND tariff_id = ?`,
				r.Prefix, r.Description, price, fee, r.FirstInterval, r.NextInterval, r.ID, tariff)
			if err == nil {
				if n, _ := res.RowsAffected(); n == 0 {
					return model.ErrNotFound
				}
			}
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "rate.save", sess.Path, t.Name,
			fmt.Sprintf("%s %s %s", r.Prefix, r.Price, r.ConnectFee))
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

// ImportRates adds or updates, by prefix, every rate in one transaction.
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
	seen := make(map[string]bool, len(rates))
	for i, r := range rates {
		r.Normalize()
		if err := r.Validate(); err != nil {
			return res, fmt.Errorf("rate %d (%s): %w", i+1, r.Prefix, err)
		}
		if seen[r.Prefix] {
			return res, model.FieldError("prefix", model.CodeDuplicate, map[string]any{"prefix": r.Prefix})
		}
		seen[r.Prefix] = true
		price, fee, err := rateMicros(r)
		if err != nil {
			return res, err
		}
		rows[i] = row{r, price, fee}
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		t, err := ownTariff(ctx, tx, sess, tariff)
		if err != nil {
			return err
		}
		existing, err := ratePrefixes(ctx, tx, tariff)
		if err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO tariff_rates (tariff_id, prefix, description, price_micros,
			connect_fee_micros, first_interval, next_interval) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (tariff_id, prefix) DO UPDATE SET description = excluded.description,
			price_micros = excluded.price_micros, connect_fee_micros = excluded.connect_fee_micros,
			first_interval = excluded.first_interval, next_interval = excluded.next_interval`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		res = model.ImportResult{}
		for _, w := range rows {
			if _, err := stmt.ExecContext(ctx, tariff, w.r.Prefix, w.r.Description, w.price, w.fee,
				w.r.FirstInterval, w.r.NextInterval); err != nil {
				return err
			}
			if existing[w.r.Prefix] {
				res.Updated++
			} else {
				res.Added++
			}
		}
		return s.audit(ctx, tx, sess.CustomerID, "rate.import", sess.Path, t.Name,
			fmt.Sprintf("%d added, %d updated", res.Added, res.Updated))
	})
	return res, err
}

func ratePrefixes(ctx context.Context, tx *sql.Tx, tariff model.ID) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT prefix FROM tariff_rates WHERE tariff_id = ?`, tariff)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out[p] = true
	}
	return out, rows.Err()
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
