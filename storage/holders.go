package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// Customers and accounts are both holders of a ledger, and they are
// created, deleted and restored the same way: one path each, here, with
// what differs between them passed in.

// holderKind is what differs between customers and accounts on the paths
// they share.
type holderKind struct {
	table  string      // "customers" or "accounts"
	action string      // the audit log's prefix: "customer" or "account"
	add    model.Right // the right to create one
	remove model.Right // the right to delete and restore one
}

var (
	customerKind = holderKind{"customers", "customer", model.RightCustomersAdd, model.RightCustomersDelete}
	accountKind  = holderKind{"accounts", "account", model.RightAccountsAdd, model.RightAccountsDelete}
)

// customerLedger names a customer's own ledger: the audit log files it
// under the customer's path.
func customerLedger(n node) ledger {
	return ledger{holder: model.CustomerLedger(n.id), owner: n, subject: n.name, currency: n.currency}
}

// accountLedger names an account's ledger: the audit log files it under its
// customer, as "customer / username".
func accountLedger(id model.ID, username string, cur model.Currency, owner node) ledger {
	return ledger{holder: model.AccountLedger(id), owner: owner, subject: owner.name + " / " + username, currency: cur}
}

// holderForm is what the create path takes of a customer's or an
// account's form, once normalized.
type holderForm struct {
	validate        func(creating bool) error
	balance, credit decimal.Decimal
	password        string
	insert          insertFunc
}

// insertFunc writes a new row with a zero balance, for bookOpening to
// move, after the checks only the transaction can make, and returns its
// ledger and the create event's details.
type insertFunc func(tx *sql.Tx, n newHolder) (ledger, string, error)

// newHolder is what insert gets to write the new row: its money in
// micros, its password's hash and the time of the change.
type newHolder struct {
	balance, credit int64
	hash            string
	at              time.Time
}

// create adds a customer or an account and reads it back: the right, the
// form's rules, the password hashed before the write lock (it is the slow
// part), then in one transaction the row, its opening balance booked
// through book, and the audit event.
func create[T any](ctx context.Context, s *Store, sess model.Session, k holderKind, form holderForm,
	read func(context.Context, model.Session, model.ID) (T, error)) (T, error) {
	var zero T
	if err := s.permit(ctx, sess, k.add); err != nil {
		return zero, err
	}
	if err := form.validate(true); err != nil {
		return zero, err
	}
	var n newHolder
	n.balance, _ = model.ToMicros(form.balance) // validate checked both amounts
	n.credit, _ = model.ToMicros(form.credit)
	hash, err := model.HashPassword(form.password)
	if err != nil {
		return zero, storageErr("hashing the password", err)
	}
	n.hash = hash
	var id model.ID
	err = s.write(ctx, func(tx *sql.Tx) error {
		n.at = s.now()
		l, details, err := form.insert(tx, n)
		if err != nil {
			return err
		}
		if err := s.bookOpening(ctx, tx, sess, l, n.balance, n.at); err != nil {
			return err
		}
		id = max(l.holder.Customer, l.holder.Account)
		return s.audit(ctx, tx, sess.CustomerID, k.action+".create", l.owner.path, l.subject, details)
	})
	if err != nil {
		return zero, err
	}
	return read(ctx, sess, id)
}

// bookOpening books a new ledger's first entry: its opening balance.
func (s *Store) bookOpening(ctx context.Context, tx *sql.Tx, sess model.Session, l ledger, balance int64, at time.Time) error {
	_, _, err := s.book(ctx, tx, sess, l, model.EntryOpening, balance, l.currency, "1", balance, "", 0, "", at)
	return err
}

// archive deletes (on) or restores (!on) a customer or an account. find
// reads the row inside the session's subtree and refuses what may not
// change; the row and its ledger always stay in the file.
func (s *Store) archive(ctx context.Context, sess model.Session, k holderKind, id model.ID, on bool,
	find func(tx *sql.Tx) (ledger, error)) error {
	if err := s.permit(ctx, sess, k.remove); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		l, err := find(tx)
		if err != nil {
			return err
		}
		now := formatTime(s.now())
		query, args, event := `UPDATE `+k.table+` SET archived_at = ?, archived_by = ? WHERE id = ?`,
			[]any{now, sess.CustomerID, id}, ".delete"
		if !on {
			query, args, event = `UPDATE `+k.table+` SET archived_at = NULL, archived_by = NULL, updated_at = ? WHERE id = ?`,
				[]any{now, id}, ".restore"
		}
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, k.action+event, l.owner.path, l.subject, "")
	})
}

// adjusted checks an adjust form and returns its credit limit in micros
// and the typed password's hash: NULL when none was typed, so the UPDATE's
// ifnull keeps the old one.
func adjusted(validate func(creating bool) error, credit decimal.Decimal, password string) (int64, sql.NullString, error) {
	if err := validate(false); err != nil {
		return 0, sql.NullString{}, err
	}
	micros, _ := model.ToMicros(credit) // validate checked it
	if password == "" {
		return micros, sql.NullString{}, nil
	}
	h, err := model.HashPassword(password)
	if err != nil {
		return 0, sql.NullString{}, storageErr("hashing the password", err)
	}
	return micros, sql.NullString{String: h, Valid: true}, nil
}

// changeList says in the audit log which fields an update changed.
type changeList []string

func (c *changeList) diff(field, before, after string) {
	if before != after {
		*c = append(*c, fmt.Sprintf("%s: %q → %q", field, before, after))
	}
}

// text lists the changes; a new password is named, never written.
func (c changeList) text(password bool) string {
	if password {
		c = append(c, "password changed")
	}
	return strings.Join(c, "; ")
}

// deleter is who archived a row, named only inside the viewer's subtree.
func deleter(name, path string, sess model.Session) string {
	if lo, hi := subtree(sess.Path); path < lo || path >= hi {
		return ""
	}
	return name
}

// collect reads every row a query returned with scan; doing names the
// query in a storage failure.
func collect[T any](doing string, rows *sql.Rows, err error, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, storageErr(doing, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, storageErr(doing, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, storageErr(doing, err)
	}
	return out, nil
}
