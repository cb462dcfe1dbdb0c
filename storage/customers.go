package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
)

// timeLayout is how times are written: UTC, fixed width, so text order is
// time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// parseTime reads a time the store wrote: timeLayout, or SQLite's own
// strftime with milliseconds (the audit log's default).
func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		if t, err = time.Parse(time.RFC3339Nano, s); err != nil {
			return time.Time{}
		}
	}
	return t
}

// subtree returns the half-open range of paths inside the subtree whose top
// has the given path: "/1/7/" covers ["/1/7/", "/1/70"), since '0' follows
// '/' and every id is made of digits.
func subtree(path string) (lo, hi string) {
	return path, strings.TrimSuffix(path, "/") + "0"
}

// NeedsSetup reports whether the file has no root customer yet.
func (s *Store) NeedsSetup(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM customers WHERE parent_id IS NULL").Scan(&n)
	if err != nil {
		return false, storageErr("checking for the root customer", err)
	}
	return n == 0, nil
}

// CreateRoot makes the root customer on an empty file.
func (s *Store) CreateRoot(ctx context.Context, in model.RootInput) (model.Session, error) {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return model.Session{}, err
	}
	// Hash before the write transaction: it is the slow part and needs no lock.
	hash, err := model.HashPassword(in.Password)
	if err != nil {
		return model.Session{}, storageErr("hashing the password", err)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM customers WHERE parent_id IS NULL").Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &model.Error{Code: model.CodeAlreadySetUp}
		}
		id, err := nextID(ctx, tx, "customers")
		if err != nil {
			return err
		}
		now := formatTime(s.now())
		_, err = tx.ExecContext(ctx, `INSERT INTO customers
			(id, parent_id, path, depth, name, name_key, sort_key, web_login, login_key, password_hash,
			 language, time_zone, created_at, updated_at)
			VALUES (?, NULL, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, fmt.Sprintf("/%d/", id), in.Name, model.Key(in.Name), model.SortKey(in.Name), in.WebLogin, model.Key(in.WebLogin), hash,
			in.Language, in.TimeZone, now, now)
		if err != nil {
			return err
		}
		if in.FirstTariff != "" {
			first := model.TariffInput{Name: in.FirstTariff, Currency: string(model.USD)}
			if _, err := insertTariff(ctx, tx, id, first, now); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, id, "setup", fmt.Sprintf("/%d/", id), in.Name, "")
	})
	if err != nil {
		return model.Session{}, err
	}
	return s.RootSession(ctx)
}

// RootSession returns the root customer's session, with every right.
func (s *Store) RootSession(ctx context.Context) (model.Session, error) {
	var sess model.Session
	err := s.db.QueryRowContext(ctx, `SELECT id, path, name, language, time_zone
		FROM customers WHERE parent_id IS NULL`).
		Scan(&sess.CustomerID, &sess.Path, &sess.Name, &sess.Language, &sess.TimeZone)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Session{}, &model.Error{Code: model.CodeNotSetUp}
	}
	if err != nil {
		return model.Session{}, storageErr("reading the root customer", err)
	}
	sess.Rights = model.AllRights
	return sess, nil
}

// rowColumns are what a tree row needs. The three flags travel as the bits
// of one column (rowBlocked, rowHasChildren, rowHasAccounts): the driver
// pays for every column of every row, and a branch can have 10,000 rows.
// (SQLite's | and << bind equally, left to right: hence the parentheses.)
const rowColumns = `c.id, ifnull(c.parent_id, 0), c.name, ifnull(c.currency, ''),
	c.balance_micros, c.credit_limit_micros,
	c.blocked | ((c.live_children > 0) << 1) | ((c.live_accounts > 0) << 2)`

const (
	rowBlocked = 1 << iota
	rowHasChildren
	rowHasAccounts
)

func scanRow(sc interface{ Scan(...any) error }) (model.CustomerRow, error) {
	var r model.CustomerRow
	var cur string
	var bal, credit, flags int64
	err := sc.Scan(&r.ID, &r.ParentID, &r.Name, &cur, &bal, &credit, &flags)
	r.Currency = model.Currency(cur)
	r.Balance = model.FromMicros(bal)
	r.CreditLimit = model.FromMicros(credit)
	r.Blocked, r.HasChildren, r.HasAccounts = flags&rowBlocked != 0, flags&rowHasChildren != 0, flags&rowHasAccounts != 0
	return r, err
}

// Row returns the tree row of one customer inside the session's subtree.
func (s *Store) Row(ctx context.Context, sess model.Session, id model.ID) (model.CustomerRow, error) {
	lo, hi := subtree(sess.Path)
	r, err := scanRow(s.db.QueryRowContext(ctx, `SELECT `+rowColumns+` FROM customers c
		WHERE c.id = ? AND c.archived_at IS NULL AND c.path >= ? AND c.path < ?`, id, lo, hi))
	if errors.Is(err, sql.ErrNoRows) {
		return model.CustomerRow{}, model.ErrNotFound
	}
	if err != nil {
		return model.CustomerRow{}, storageErr("reading a customer", err)
	}
	if r.ID == sess.CustomerID {
		r.ParentID = 0 // the signed-in customer does not learn who owns it
	}
	return r, nil
}

// Children returns the live sub-customers of parent, ordered by name as
// people read it (model.SortKey), from the index on (parent_id, sort_key).
// The "has children / has accounts" flags come from counts that triggers
// keep in each row (migration 7), not from a probe per row.
func (s *Store) Children(ctx context.Context, sess model.Session, parent model.ID) ([]model.CustomerRow, error) {
	lo, hi := subtree(sess.Path)
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT live_children FROM customers
		WHERE id = ? AND archived_at IS NULL AND path >= ? AND path < ?`, parent, lo, hi).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, storageErr("listing sub-customers", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+rowColumns+` FROM customers c
		WHERE c.parent_id = ? AND c.archived_at IS NULL ORDER BY c.sort_key, c.id`, parent)
	if err != nil {
		return nil, storageErr("listing sub-customers", err)
	}
	defer rows.Close()
	out := make([]model.CustomerRow, 0, n)
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, storageErr("listing sub-customers", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, storageErr("listing sub-customers", err)
	}
	return out, nil
}

// Customer returns one customer inside the session's subtree, with its
// tariff's name and its counts of sub-customers and accounts.
func (s *Store) Customer(ctx context.Context, sess model.Session, id model.ID) (model.Customer, error) {
	lo, hi := subtree(sess.Path)
	var c model.Customer
	var login, cur sql.NullString
	var bal, credit int64
	var created, updated string
	err := s.db.QueryRowContext(ctx, `SELECT c.id, ifnull(c.parent_id, 0), c.name, c.web_login,
			c.language, c.time_zone, ifnull(c.tariff_id, 0), ifnull(t.name, ''), c.currency,
			c.balance_micros, c.credit_limit_micros, c.company, c.contact, c.email, c.phone,
			c.address, c.notes, c.blocked, c.created_at, c.updated_at,
			c.live_children,
			c.live_accounts
		FROM customers c LEFT JOIN tariffs t ON t.id = c.tariff_id
		WHERE c.id = ? AND c.archived_at IS NULL AND c.path >= ? AND c.path < ?`, id, lo, hi).
		Scan(&c.ID, &c.ParentID, &c.Name, &login, &c.Language, &c.TimeZone, &c.TariffID, &c.TariffName,
			&cur, &bal, &credit, &c.Company, &c.Contact, &c.Email, &c.Phone, &c.Address, &c.Notes,
			&c.Blocked, &created, &updated, &c.SubCustomers, &c.Accounts)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Customer{}, model.ErrNotFound
	}
	if err != nil {
		return model.Customer{}, storageErr("reading a customer", err)
	}
	// The signed-in customer does not learn who owns it.
	if c.ID == sess.CustomerID {
		c.ParentID = 0
	}
	c.WebLogin = login.String
	c.Currency = model.Currency(cur.String)
	c.Balance = model.FromMicros(bal)
	c.CreditLimit = model.FromMicros(credit)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return c, nil
}
