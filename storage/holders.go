package storage

import (
	"context"
	"database/sql"
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

// holderForm is a customer's or an account's form as the create path reads
// it. customerForm and accountForm adapt the model's inputs.
type holderForm interface {
	Normalize()
	Validate(creating bool) error
	opening() (balance, credit decimal.Decimal, password string)
}

type customerForm struct{ *model.CustomerInput }

func (f customerForm) opening() (decimal.Decimal, decimal.Decimal, string) {
	return f.Balance, f.CreditLimit, f.Password
}

type accountForm struct{ *model.AccountInput }

func (f accountForm) opening() (decimal.Decimal, decimal.Decimal, string) {
	return f.Balance, f.CreditLimit, f.Password
}

// newHolder is what insert gets to write the new row: its money in
// micros, its password's hash and the time of the change.
type newHolder struct {
	balance, credit int64
	hash            string
	at              time.Time
}

// insertFunc writes a new holder's row with a zero balance and returns its
// ledger and the create event's details.
type insertFunc func(tx *sql.Tx, n newHolder) (ledger, string, error)

// create adds a customer or an account: the right, the form's rules, the
// password hashed before the write lock (it is the slow part), then in one
// transaction the row, its opening balance booked through book, and the
// audit event.
func (s *Store) create(ctx context.Context, sess model.Session, k holderKind, form holderForm, insert insertFunc) (model.ID, error) {
	if err := s.permit(ctx, sess, k.add); err != nil {
		return 0, err
	}
	form.Normalize()
	if err := form.Validate(true); err != nil {
		return 0, err
	}
	balance, credit, password := form.opening()
	var n newHolder
	n.balance, _ = model.ToMicros(balance) // Validate checked both amounts
	n.credit, _ = model.ToMicros(credit)
	hash, err := model.HashPassword(password)
	if err != nil {
		return 0, storageErr("hashing the password", err)
	}
	n.hash = hash
	var id model.ID
	err = s.write(ctx, func(tx *sql.Tx) error {
		n.at = s.now()
		l, details, err := insert(tx, n)
		if err != nil {
			return err
		}
		if err := s.bookOpening(ctx, tx, sess, l, n.balance, n.at); err != nil {
			return err
		}
		id = max(l.holder.Customer, l.holder.Account)
		return s.audit(ctx, tx, sess.CustomerID, k.action+".create", l.owner.path, l.subject, details)
	})
	return id, err
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
