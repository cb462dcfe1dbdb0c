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

// insertCustomer is the step that writes a new customer's row under its
// parent, after the checks only the transaction can make: the parent in
// scope, the tariff, a unique name and login.
func (s *Store) insertCustomer(ctx context.Context, sess model.Session, parent model.ID, in model.CustomerInput) insertFunc {
	return func(tx *sql.Tx, n newHolder) (ledger, string, error) {
		p, err := nodeIn(ctx, tx, sess, parent, false)
		if err != nil {
			return ledger{}, "", err
		}
		tariff, err := s.usableTariff(ctx, tx, sess, p, in.TariffID)
		if err != nil {
			return ledger{}, "", err
		}
		if err := uniqueNameAndLogin(ctx, tx, in, 0); err != nil {
			return ledger{}, "", err
		}
		c := node{parent: p.id, depth: p.depth + 1, name: in.Name, currency: tariff.Currency}
		if c.id, err = nextID(ctx, tx, "customers"); err != nil {
			return ledger{}, "", err
		}
		c.path = fmt.Sprintf("%s%d/", p.path, c.id)
		now := formatTime(n.at)
		_, err = tx.ExecContext(ctx, `INSERT INTO customers (id, parent_id, path, depth, name, name_key, sort_key, web_login,
			login_key, password_hash, language, time_zone, tariff_id, currency, balance_micros, credit_limit_micros,
			company, contact, email, phone, address, notes, blocked, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.id, c.parent, c.path, c.depth, in.Name, model.Key(in.Name), model.SortKey(in.Name), in.WebLogin, model.Key(in.WebLogin), n.hash,
			in.Language, in.TimeZone, tariff.ID, tariff.Currency, n.credit,
			in.Company, in.Contact, in.Email, in.Phone, in.Address, in.Notes, in.Blocked, now, now)
		details := fmt.Sprintf("tariff %s, opening balance %s %s", tariff.Name, in.Balance, tariff.Currency)
		return customerLedger(c), details, err
	}
}

// CreateCustomer adds a customer under parent. Its opening balance is its
// first ledger entry, written in the same transaction.
func (s *Store) CreateCustomer(ctx context.Context, sess model.Session, parent model.ID, in model.CustomerInput) (model.Customer, error) {
	in.Normalize()
	form := holderForm{in.Validate, in.Balance, in.CreditLimit, in.Password, s.insertCustomer(ctx, sess, parent, in)}
	return create(ctx, s, sess, customerKind, form, s.Customer)
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
	credit, hash, err := adjusted(validate.Validate, in.CreditLimit, in.Password)
	if err != nil {
		return model.Customer{}, err
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
		return s.audit(ctx, tx, sess.CustomerID, "customer.update", n.path, in.Name, changes(old, in))
	})
	if err != nil {
		return model.Customer{}, err
	}
	return s.Customer(ctx, sess, id)
}

// changes describes, for the audit log, which fields an update changed.
func changes(old model.Customer, in model.CustomerInput) string {
	var c changeList
	c.diff("name", old.Name, in.Name)
	c.diff("web login", old.WebLogin, in.WebLogin)
	c.diff("language", old.Language, in.Language)
	c.diff("time zone", old.TimeZone, in.TimeZone)
	c.diff("tariff", fmt.Sprint(old.TariffID), fmt.Sprint(in.TariffID))
	c.diff("credit limit", old.CreditLimit.String(), in.CreditLimit.String())
	c.diff("company", old.Company, in.Company)
	c.diff("contact", old.Contact, in.Contact)
	c.diff("e-mail", old.Email, in.Email)
	c.diff("phone", old.Phone, in.Phone)
	c.diff("address", old.Address, in.Address)
	c.diff("notes", old.Notes, in.Notes)
	c.diff("blocked", fmt.Sprint(old.Blocked), fmt.Sprint(in.Blocked))
	return c.text(in.Password != "")
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
	return s.archive(ctx, sess, customerKind, id, true, func(tx *sql.Tx) (ledger, error) {
		n, err := belowTop(ctx, tx, sess, id)
		if err != nil {
			return ledger{}, err
		}
		var kids, accounts int
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM customers WHERE parent_id = ? AND archived_at IS NULL),
			(SELECT count(*) FROM accounts WHERE customer_id = ? AND archived_at IS NULL)`, id, id).Scan(&kids, &accounts); err != nil {
			return ledger{}, err
		}
		if kids > 0 || accounts > 0 {
			return ledger{}, &model.Error{Code: model.CodeHasChildren, Params: map[string]any{"customers": kids, "accounts": accounts}}
		}
		return customerLedger(n), nil
	})
}

// DeletedCustomers lists the archived customers inside the subtree.
func (s *Store) DeletedCustomers(ctx context.Context, sess model.Session) ([]model.DeletedCustomer, error) {
	lo, hi := subtree(sess.Path)
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, ifnull(c.parent_id, 0), c.name, ifnull(c.currency, ''),
			c.balance_micros, c.credit_limit_micros, c.blocked, 0, c.archived_at, ifnull(b.name, ''), ifnull(b.path, '')
		FROM customers c LEFT JOIN customers b ON b.id = c.archived_by
		WHERE c.archived_at IS NOT NULL AND c.path >= ? AND c.path < ? ORDER BY c.archived_at DESC, c.id DESC`, lo, hi)
	return collect("listing deleted customers", rows, err, func(rows *sql.Rows) (model.DeletedCustomer, error) {
		var d model.DeletedCustomer
		var cur, at, byPath string
		var bal, credit int64
		err := rows.Scan(&d.ID, &d.ParentID, &d.Name, &cur, &bal, &credit, &d.Blocked, &d.HasChildren,
			&at, &d.DeletedBy, &byPath)
		d.Currency, d.Balance, d.CreditLimit = model.Currency(cur), model.FromMicros(bal), model.FromMicros(credit)
		d.DeletedAt, d.DeletedBy = parseTime(at), deleter(d.DeletedBy, byPath, sess)
		return d, err
	})
}

// RestoreCustomer brings an archived customer back under its owner,
// unless the owner is archived or a live customer took its name or login.
func (s *Store) RestoreCustomer(ctx context.Context, sess model.Session, id model.ID) error {
	return s.archive(ctx, sess, customerKind, id, false, func(tx *sql.Tx) (ledger, error) {
		n, err := nodeIn(ctx, tx, sess, id, true)
		if err != nil {
			return ledger{}, err
		}
		var ownerArchived bool
		var login sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT o.archived_at IS NOT NULL, c.web_login
			FROM customers c JOIN customers o ON o.id = c.parent_id WHERE c.id = ?`, id).Scan(&ownerArchived, &login); err != nil {
			return ledger{}, err
		}
		if ownerArchived {
			return ledger{}, &model.Error{Code: model.CodeOwnerArchived}
		}
		in := model.CustomerInput{Name: n.name, WebLogin: login.String}
		return customerLedger(n), uniqueNameAndLogin(ctx, tx, in, id)
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
		return s.audit(ctx, tx, sess.CustomerID, "customer.move", newPath, n.name, "under "+p.name)
	})
}
