package storage

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// chain returns the ids on a materialized path, top first: "/1/7/42/"
// gives 1, 7, 42. The session's customer is last.
func chain(path string) []any {
	var ids []any
	for _, part := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(part, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// rateRow is one stored exchange rate with what is needed to decide whether
// its setter may be named to the session.
type rateRow struct {
	model.ExchangeRate
	owner     model.ID
	setByPath string
}

func (s *Store) rateRows(ctx context.Context, sess model.Session, where string, args ...any) ([]rateRow, error) {
	return rateRowsFrom(ctx, s.db, sess, where, args...)
}

func rateRowsFrom(ctx context.Context, db rowsQueryer, sess model.Session, where string, args ...any) ([]rateRow, error) {
	ids := chain(sess.Path)
	q := `SELECT e.id, e.owner_id, e.currency, e.rate, e.set_at, sb.name, sb.path
		FROM exchange_rates e JOIN customers sb ON sb.id = e.set_by
		WHERE e.owner_id IN (` + placeholders(len(ids)) + `) AND ` + where + ` ORDER BY e.id DESC`
	rows, err := db.QueryContext(ctx, q, append(ids, args...)...)
	if err != nil {
		return nil, storageErr("reading exchange rates", err)
	}
	defer rows.Close()
	lo, hi := subtree(sess.Path)
	var out []rateRow
	for rows.Next() {
		var r rateRow
		var cur, rate, at string
		if err := rows.Scan(&r.ID, &r.owner, &cur, &rate, &at, &r.SetBy, &r.setByPath); err != nil {
			return nil, storageErr("reading exchange rates", err)
		}
		r.Currency, r.Rate, r.SetAt = model.Currency(cur), parseRate(rate), parseTime(at)
		r.Inherited = r.owner != sess.CustomerID
		// Who set a rate is told only when that customer is inside the
		// session's own subtree: an owner's name must never leak.
		if r.setByPath < lo || r.setByPath >= hi {
			r.SetBy = ""
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ExchangeRates returns the rates in force for the session: for each
// currency the latest rate of the nearest table on the way up from the
// session's customer to the root.
func (s *Store) ExchangeRates(ctx context.Context, sess model.Session) (model.RateTable, error) {
	return exchangeRates(ctx, s.db, sess)
}

func exchangeRates(ctx context.Context, db rowsQueryer, sess model.Session) (model.RateTable, error) {
	rows, err := rateRowsFrom(ctx, db, sess, `e.id = (SELECT max(x.id) FROM exchange_rates x
		WHERE x.owner_id = e.owner_id AND x.currency = e.currency)`)
	if err != nil {
		return model.RateTable{}, err
	}
	depth := map[model.ID]int{}
	for i, id := range chain(sess.Path) {
		depth[model.ID(id.(int64))] = i
	}
	best := map[model.Currency]rateRow{}
	for _, r := range rows {
		if b, ok := best[r.Currency]; !ok || depth[r.owner] > depth[b.owner] {
			best[r.Currency] = r
		}
	}
	var rates []model.ExchangeRate
	for _, r := range best {
		rates = append(rates, r.ExchangeRate)
	}
	return model.NewRateTable(rates), nil
}

// SetExchangeRate records a new rate in the session's own table.
func (s *Store) SetExchangeRate(ctx context.Context, sess model.Session, c model.Currency, rate decimal.Decimal) (model.ExchangeRate, error) {
	if err := s.permit(ctx, sess, model.RightExchangeRates); err != nil {
		return model.ExchangeRate{}, err
	}
	cur, curErr := model.ParseCurrency(string(c))
	if curErr != nil {
		// Checked in the transaction: a code ISO has withdrawn (HRK) that
		// the session's file still uses.
		cur = model.Currency(strings.ToUpper(strings.TrimSpace(string(c))))
	}
	if cur == model.USD {
		return model.ExchangeRate{}, model.FieldError("currency", model.CodeFixed, nil)
	}
	if e := model.ValidateExchangeRate("rate", rate); e != nil {
		return model.ExchangeRate{}, e
	}
	at := s.now()
	r := model.ExchangeRate{Currency: cur, Rate: rate, SetAt: at, SetBy: sess.Name}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if curErr != nil {
			used, err := s.currencyStillUsed(ctx, tx, sess, cur)
			if err != nil {
				return err
			}
			if !used {
				return curErr
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO exchange_rates (owner_id, currency, rate, set_at, set_by)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, sess.CustomerID, cur, rate.String(), formatTime(at), sess.CustomerID).Scan(&r.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "exchange_rate.set", sess.Path, string(cur), rate.String())
	})
	return r, err
}

// ExchangeRateHistory returns every rate of c in the session's table and
// its owners' tables, newest first.
func (s *Store) ExchangeRateHistory(ctx context.Context, sess model.Session, c model.Currency) ([]model.ExchangeRate, error) {
	rows, err := s.rateRows(ctx, sess, `e.currency = ?`, string(c))
	if err != nil {
		return nil, err
	}
	out := make([]model.ExchangeRate, len(rows))
	for i, r := range rows {
		out[i] = r.ExchangeRate
	}
	return out, nil
}

// CurrenciesInUse returns the currencies of the live tariffs owned inside
// the session's subtree.
func (s *Store) CurrenciesInUse(ctx context.Context, sess model.Session) ([]model.Currency, error) {
	lo, hi := subtree(sess.Path)
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT t.currency FROM tariffs t JOIN customers o ON o.id = t.owner_id
		WHERE t.archived_at IS NULL AND o.path >= ? AND o.path < ?`, lo, hi)
	if err != nil {
		return nil, storageErr("listing currencies", err)
	}
	defer rows.Close()
	var out []model.Currency
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, storageErr("listing currencies", err)
		}
		out = append(out, model.Currency(c))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, rows.Err()
}

// currencyStillUsed reports whether c, a code that is not one of
// model.Currencies (ISO 4217 has withdrawn it since it was saved), is
// still used where the session sees: by a customer or a tariff of its
// subtree, or by a rate in force for it. Such a code keeps getting rates,
// so that balances in it can still be converted.
func (s *Store) currencyStillUsed(ctx context.Context, tx *sql.Tx, sess model.Session, c model.Currency) (bool, error) {
	lo, hi := subtree(sess.Path)
	var used bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM customers
			WHERE path >= ? AND path < ? AND currency = ?)
		OR EXISTS (SELECT 1 FROM tariffs t JOIN customers o ON o.id = t.owner_id
			WHERE t.archived_at IS NULL AND t.currency = ? AND o.path >= ? AND o.path < ?)`,
		lo, hi, string(c), string(c), lo, hi).Scan(&used)
	if err != nil || used {
		return used, err
	}
	rates, err := s.ratesOf(ctx, tx, sess, c)
	if err != nil {
		return false, err
	}
	_, used = rates.Rate(c)
	return used, nil
}
