package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/branchbook/branchbook/model"
)

// node is what the write paths need to know of a customer.
type node struct {
	id       model.ID
	parent   model.ID
	path     string
	depth    int
	name     string
	currency model.Currency
	archived bool
}

// nodeIn reads a customer inside the session's subtree; archived ones only
// when archived is true.
func nodeIn(ctx context.Context, q queryer, sess model.Session, id model.ID, archived bool) (node, error) {
	lo, hi := subtree(sess.Path)
	var n node
	var cur sql.NullString
	var archivedAt sql.NullString
	err := q.QueryRowContext(ctx, `SELECT id, ifnull(parent_id, 0), path, depth, name, currency, archived_at
		FROM customers WHERE id = ? AND path >= ? AND path < ?`, id, lo, hi).
		Scan(&n.id, &n.parent, &n.path, &n.depth, &n.name, &cur, &archivedAt)
	if errors.Is(err, sql.ErrNoRows) || err == nil && archivedAt.Valid != archived {
		return node{}, model.ErrNotFound
	}
	n.currency, n.archived = model.Currency(cur.String), archivedAt.Valid
	return n, err
}

// TariffsFor returns the live tariffs owned by parent or by its owners up to
// the session's customer: what a new sub-customer of parent may get.
func (s *Store) TariffsFor(ctx context.Context, sess model.Session, parent model.ID) ([]model.Tariff, error) {
	p, err := nodeIn(ctx, s.db, sess, parent, false)
	if err != nil {
		return nil, err
	}
	return s.tariffsFor(ctx, s.db, sess, p)
}

type rowsQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) tariffsFor(ctx context.Context, q rowsQueryer, sess model.Session, parent node) ([]model.Tariff, error) {
	// Owners from the session's customer down to parent.
	ids := chain(belowSession(sess, parent.path))
	return queryTariffs(ctx, q, `WHERE t.archived_at IS NULL AND t.owner_id IN (`+placeholders(len(ids))+`)
		ORDER BY t.sort_key, t.id`, ids...)
}

// usableTariff checks that tariff may be given to a sub-customer of parent.
func (s *Store) usableTariff(ctx context.Context, tx *sql.Tx, sess model.Session, parent node, tariff model.ID) (model.Tariff, error) {
	list, err := s.tariffsFor(ctx, tx, sess, parent)
	if err != nil {
		return model.Tariff{}, err
	}
	for _, t := range list {
		if t.ID == tariff {
			return t, nil
		}
	}
	return model.Tariff{}, model.FieldError("tariff", model.CodeInvalid, nil)
}

// uniqueNameAndLogin reports a live customer other than except that has the
// same name or login.
func uniqueNameAndLogin(ctx context.Context, tx *sql.Tx, in model.CustomerInput, except model.ID) error {
	var es model.Errors
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customers WHERE name_key = ? AND archived_at IS NULL AND id <> ?`,
		model.Key(in.Name), except).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		es = append(es, model.FieldError("name", model.CodeDuplicate, nil))
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customers WHERE login_key = ? AND archived_at IS NULL AND id <> ?`,
		model.Key(in.WebLogin), except).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		es = append(es, model.FieldError("web_login", model.CodeDuplicate, nil))
	}
	return es.Err()
}

// CreateCustomer adds a customer under parent. Its opening balance is its
// first ledger entry, written in the same transaction.
func (s *Store) CreateCustomer(ctx context.Context, sess model.Session, parent model.ID, in model.CustomerInput) (model.Customer, error) {
	if err := s.permit(ctx, sess, model.RightCustomersAdd); err != nil {
		return model.Customer{}, err
	}
	in.Normalize()
	if err := in.Validate(true); err != nil {
		return model.Customer{}, err
	}
	balance, _ := model.ToMicros(in.Balance)
	credit, _ := model.ToMicros(in.CreditLimit)
	hash, err := model.HashPassword(in.Password)
	if err != nil {
		return model.Customer{}, storageErr("hashing the password", err)
	}
	var id model.ID
	err = s.write(ctx, func(tx *sql.Tx) error {
		p, err := nodeIn(ctx, tx, sess, parent, false)
		if err != nil {
			return err
		}
		tariff, err := s.usableTariff(ctx, tx, sess, p, in.TariffID)
		if err != nil {
			return err
		}
		if err := uniqueNameAndLogin(ctx, tx, in, 0); err != nil {
			return err
		}
		if id, err = nextID(ctx, tx, "customers"); err != nil {
			return err
		}
		now := formatTime(s.now())
		path := fmt.Sprintf("%s%d/", p.path, id)
		_, err = tx.ExecContext(ctx, `INSERT INTO customers (id, parent_id, path, depth, name, name_key, sort_key, web_login,
			login_key, password_hash, language, time_zone, tariff_id, currency, balance_micros, credit_limit_micros,
			company, contact, email, phone, address, notes, blocked, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, p.id, path, p.depth+1, in.Name, model.Key(in.Name), model.SortKey(in.Name), in.WebLogin, model.Key(in.WebLogin), hash,
			in.Language, in.TimeZone, tariff.ID, tariff.Currency, balance, credit,
			in.Company, in.Contact, in.Email, in.Phone, in.Address, in.Notes, in.Blocked, now, now)
		if err != nil {
			return err
		}
		if err := openingEntry(ctx, tx, model.CustomerLedger(id), balance, tariff.Currency, sess.CustomerID, now); err != nil {
			return err
		}
		return audit(ctx, tx, sess.CustomerID, "customer.create", path, in.Name,
			fmt.Sprintf("tariff %s, opening balance %s %s", tariff.Name, in.Balance, tariff.Currency))
	})
	if err != nil {
		return model.Customer{}, err
	}
	return s.Customer(ctx, sess, id)
}

// UpdateCustomer changes a customer's fields, never its balance.
func (s *Store) UpdateCustomer(ctx context.Context, sess model.Session, id model.ID, in model.CustomerInput) (model.Customer, error) {
	if err := s.permit(ctx, sess, model.RightCustomersEdit); err != nil {
		return model.Customer{}, err
	}
	in.Normalize()
	old, err := s.Customer(ctx, sess, id)
	if err != nil {
		return model.Customer{}, err
	}
	// The root has no tariff or money; a customer does not set its own
	// tariff or credit limit (its owner does).
	if old.IsRoot() || id == sess.CustomerID {
		in.TariffID, in.CreditLimit = old.TariffID, old.CreditLimit
	}
	validate := in
	if old.IsRoot() {
		validate.TariffID = -1 // not asked of the root
	}
	if err := validate.Validate(false); err != nil {
		return model.Customer{}, err
	}
	credit, _ := model.ToMicros(in.CreditLimit)
	var hash sql.NullString
	if in.Password != "" {
		h, err := model.HashPassword(in.Password)
		if err != nil {
			return model.Customer{}, storageErr("hashing the password", err)
		}
		hash = sql.NullString{String: h, Valid: true}
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		n, err := nodeIn(ctx, tx, sess, id, false)
		if err != nil {
			return err
		}
		if !old.IsRoot() && in.TariffID != old.TariffID {
			p, err := nodeIn(ctx, tx, model.Session{Path: "/"}, n.parent, false)
			if err != nil {
				return err
			}
			t, err := s.usableTariff(ctx, tx, sess, p, in.TariffID)
			if err != nil {
				return err
			}
			if t.Currency != n.currency {
				return &model.Error{Code: model.CodeLocked, Field: "tariff", Params: map[string]any{"currency": string(n.currency)}}
			}
		}
		if err := uniqueNameAndLogin(ctx, tx, in, id); err != nil {
			return err
		}
		tariff := sql.NullInt64{Int64: int64(in.TariffID), Valid: !old.IsRoot()}
		_, err = tx.ExecContext(ctx, `UPDATE customers SET name = ?, name_key = ?, sort_key = ?, web_login = ?, login_key = ?,
			password_hash = ifnull(?, password_hash), language = ?, time_zone = ?, tariff_id = ?, credit_limit_micros = ?,
			company = ?, contact = ?, email = ?, phone = ?, address = ?, notes = ?, blocked = ?, updated_at = ?
			WHERE id = ?`,
			in.Name, model.Key(in.Name), model.SortKey(in.Name), in.WebLogin, model.Key(in.WebLogin), hash, in.Language, in.TimeZone, tariff,
			credit, in.Company, in.Contact, in.Email, in.Phone, in.Address, in.Notes, in.Blocked, formatTime(s.now()), id)
		if err != nil {
			return err
		}
		return audit(ctx, tx, sess.CustomerID, "customer.update", n.path, in.Name, changes(old, in))
	})
	if err != nil {
		return model.Customer{}, err
	}
	return s.Customer(ctx, sess, id)
}

// changes describes, for the audit log, which fields an update changed.
// Passwords are never written, only that one was set.
func changes(old model.Customer, in model.CustomerInput) string {
	var parts []string
	diff := func(field, before, after string) {
		if before != after {
			parts = append(parts, fmt.Sprintf("%s: %q → %q", field, before, after))
		}
	}
	diff("name", old.Name, in.Name)
	diff("web login", old.WebLogin, in.WebLogin)
	diff("language", old.Language, in.Language)
	diff("time zone", old.TimeZone, in.TimeZone)
	diff("tariff", fmt.Sprint(old.TariffID), fmt.Sprint(in.TariffID))
	diff("credit limit", old.CreditLimit.String(), in.CreditLimit.String())
	diff("company", old.Company, in.Company)
	diff("contact", old.Contact, in.Contact)
	diff("e-mail", old.Email, in.Email)
	diff("phone", old.Phone, in.Phone)
	diff("address", old.Address, in.Address)
	diff("notes", old.Notes, in.Notes)
	diff("blocked", fmt.Sprint(old.Blocked), fmt.Sprint(in.Blocked))
	if in.Password != "" {
		parts = append(parts, "password changed")
	}
	return strings.Join(parts, "; ")
}

// belowTop reads a live customer below the top of the session's tree: the
// root and the signed-in customer itself are never deleted or moved.
func belowTop(ctx context.Context, tx *sql.Tx, sess model.Session, id model.ID) (node, error) {
	n, err := nodeIn(ctx, tx, sess, id, false)
	if err == nil && (n.parent == 0 || id == sess.CustomerID) {
		return node{}, model.ErrNotPermitted
	}
	return n, err
}

// DeleteCustomer archives a customer that has no live sub-customers or
// accounts. Its row and its ledger stay in the file.
func (s *Store) DeleteCustomer(ctx context.Context, sess model.Session, id model.ID) error {
	if err := s.permit(ctx, sess, model.RightCustomersDelete); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		n, err := belowTop(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		var kids, accounts int
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM customers WHERE parent_id = ? AND archived_at IS NULL),
			(SELECT count(*) FROM accounts WHERE customer_id = ? AND archived_at IS NULL)`, id, id).Scan(&kids, &accounts); err != nil {
			return err
		}
		if kids > 0 || accounts > 0 {
			return &model.Error{Code: model.CodeHasChildren, Params: map[string]any{"customers": kids, "accounts": accounts}}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET archived_at = ?, archived_by = ? WHERE id = ?`,
			formatTime(s.now()), sess.CustomerID, id); err != nil {
			return err
		}
		return audit(ctx, tx, sess.CustomerID, "customer.delete", n.path, n.name, "")
	})
}

// DeletedCustomers lists the archived customers inside the subtree.
func (s *Store) DeletedCustomers(ctx context.Context, sess model.Session) ([]model.DeletedCustomer, error) {
	lo, hi := subtree(sess.Path)
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, ifnull(c.parent_id, 0), c.name, ifnull(c.currency, ''),
			c.balance_micros, c.credit_limit_micros, c.blocked, 0, c.archived_at, ifnull(b.name, ''), ifnull(b.path, '')
		FROM customers c LEFT JOIN customers b ON b.id = c.archived_by
		WHERE c.archived_at IS NOT NULL AND c.path >= ? AND c.path < ? ORDER BY c.archived_at DESC, c.id DESC`, lo, hi)
	if err != nil {
		return nil, storageErr("listing deleted customers", err)
	}
	defer rows.Close()
	var out []model.DeletedCustomer
	for rows.Next() {
		var d model.DeletedCustomer
		var cur, at, byPath string
		var bal, credit int64
		if err := rows.Scan(&d.ID, &d.ParentID, &d.Name, &cur, &bal, &credit, &d.Blocked, &d.HasChildren,
			&at, &d.DeletedBy, &byPath); err != nil {
			return nil, storageErr("listing deleted customers", err)
		}
		d.Currency, d.Balance, d.CreditLimit = model.Currency(cur), model.FromMicros(bal), model.FromMicros(credit)
		d.DeletedAt = parseTime(at)
		if byPath < lo || byPath >= hi {
			d.DeletedBy = ""
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// RestoreCustomer brings an archived customer back under its owner.
func (s *Store) RestoreCustomer(ctx context.Context, sess model.Session, id model.ID) error {
	if err := s.permit(ctx, sess, model.RightCustomersDelete); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		n, err := nodeIn(ctx, tx, sess, id, true)
		if err != nil {
			return err
		}
		var ownerArchived bool
		if err := tx.QueryRowContext(ctx, `SELECT archived_at IS NOT NULL FROM customers WHERE id = ?`, n.parent).Scan(&ownerArchived); err != nil {
			return err
		}
		if ownerArchived {
			return &model.Error{Code: model.CodeOwnerArchived}
		}
		var login sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT web_login FROM customers WHERE id = ?`, id).Scan(&login); err != nil {
			return err
		}
		if err := uniqueNameAndLogin(ctx, tx, model.CustomerInput{Name: n.name, WebLogin: login.String}, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET archived_at = NULL, archived_by = NULL, updated_at = ? WHERE id = ?`,
			formatTime(s.now()), id); err != nil {
			return err
		}
		return audit(ctx, tx, sess.CustomerID, "customer.restore", n.path, n.name, "")
	})
}

// MoveCustomer puts a customer and its whole subtree under a new owner, in
// one statement over the subtree's paths.
func (s *Store) MoveCustomer(ctx context.Context, sess model.Session, id, parent model.ID) error {
	if err := s.permit(ctx, sess, model.RightCustomersEdit); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		n, err := belowTop(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		p, err := nodeIn(ctx, tx, sess, parent, false)
		if err != nil {
			return err
		}
		if strings.HasPrefix(p.path, n.path) {
			return &model.Error{Code: model.CodeUnderItself, Field: "parent"}
		}
		if p.id == n.parent {
			return nil
		}
		newPath := fmt.Sprintf("%s%d/", p.path, id)
		lo, hi := subtree(n.path)
		_, err = tx.ExecContext(ctx, `UPDATE customers SET path = ? || substr(path, ?), depth = depth + ?
			WHERE path >= ? AND path < ?`, newPath, len(n.path)+1, p.depth+1-n.depth, lo, hi)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET parent_id = ?, updated_at = ? WHERE id = ?`,
			p.id, formatTime(s.now()), id); err != nil {
			return err
		}
		// Names, not paths: a path would show ids from above the viewer.
		return audit(ctx, tx, sess.CustomerID, "customer.move", newPath, n.name, "under "+p.name)
	})
}
