package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/branchbook/branchbook/model"
)

// dummyHash is compared against when a login does not exist, so a wrong
// login takes as long as a wrong password and timing tells nothing.
var (
	dummyOnce sync.Once
	dummyHash string
)

func dummy() string {
	dummyOnce.Do(func() { dummyHash, _ = model.HashPassword("no such login, no such password") })
	return dummyHash
}

// SignIn checks a login and password and returns the customer's session.
// After model.MaxFreeFailures wrong passwords in a row for a login, the
// next try must wait (model.SignInDelay): until then it is refused with
// CodeSignInWait without looking at the password. The count is kept in the
// file, so restarting the program does not reset it; a correct sign-in does.
func (s *Store) SignIn(ctx context.Context, login, password string) (model.Session, error) {
	key := throttleKey(login)
	if wait, err := s.signInWait(ctx, key); err != nil {
		return model.Session{}, storageErr("signing in", err)
	} else if wait > 0 {
		return model.Session{}, &model.Error{Code: model.CodeSignInWait, Params: map[string]any{"seconds": seconds(wait)}}
	}
	var sess model.Session
	var parent sql.NullInt64
	var hash sql.NullString
	var blocked bool
	err := s.db.QueryRowContext(ctx, `SELECT id, parent_id, path, name, language, time_zone, password_hash, blocked
		FROM customers WHERE login_key = ? AND archived_at IS NULL`, model.Key(login)).
		Scan(&sess.CustomerID, &parent, &sess.Path, &sess.Name, &sess.Language, &sess.TimeZone, &hash, &blocked)
	found := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return model.Session{}, storageErr("signing in", err)
	}
	// Always one Argon2id comparison, found or not.
	check := dummy()
	if found && hash.Valid {
		check = hash.String
	}
	ok := model.CheckPassword(check, password) && found && hash.Valid
	switch {
	case !ok:
		var failures int
		s.auditSignIn(ctx, 0, "signin.failed", sess.Path, found, sess.Name, func(tx *sql.Tx) error {
			var err error
			failures, err = s.signInFailed(ctx, tx, key)
			return err
		})
		e := &model.Error{Code: model.CodeSignIn}
		if wait := model.SignInDelay(failures); wait > 0 {
			e.Params = map[string]any{"wait_seconds": seconds(wait)}
		}
		return model.Session{}, e
	case blocked:
		s.auditSignIn(ctx, sess.CustomerID, "signin.blocked", sess.Path, true, sess.Name, nil)
		return model.Session{}, &model.Error{Code: model.CodeBlocked}
	}
	if sess.Rights, err = effectiveRights(ctx, s.db, sess.Path, !parent.Valid); err != nil {
		return model.Session{}, storageErr("reading rights", err)
	}
	s.auditSignIn(ctx, sess.CustomerID, "signin", sess.Path, true, sess.Name, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM signin_failures WHERE login_key = ?`, key)
		return err
	})
	return sess, nil
}

// auditSignIn records a sign-in attempt. An unknown login is recorded
// against the root's subtree without the text typed: people sometimes type
// their password into the login field.
// also, when not nil, runs in the same transaction.
func (s *Store) auditSignIn(ctx context.Context, actor model.ID, action, path string, found bool, name string,
	also func(tx *sql.Tx) error) {
	subject := name
	if !found {
		subject = "unknown login"
		s.db.QueryRowContext(ctx, `SELECT path FROM customers WHERE parent_id IS NULL`).Scan(&path)
	}
	s.write(ctx, func(tx *sql.Tx) error {
		if also != nil {
			if err := also(tx); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, action, path, subject, "")
	})
}

// effectiveRights are the rights a customer holds: all of them for the
// root; for anyone else the rights granted to it and to every owner above
// it (an owner cannot pass on what it lost).
func effectiveRights(ctx context.Context, q rowsQueryer, path string, isRoot bool) (model.Right, error) {
	if isRoot {
		return model.AllRights, nil
	}
	ids := chain(path)[1:] // the root holds everything
	rows, err := q.QueryContext(ctx, `SELECT rights FROM permissions WHERE customer_id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	rights, n := model.AllRights, 0
	for rows.Next() {
		var r model.Right
		if err := rows.Scan(&r); err != nil {
			return 0, err
		}
		rights &= r
		n++
	}
	if n < len(ids) {
		return 0, rows.Err() // someone on the way up was granted nothing
	}
	return rights, rows.Err()
}

// directChild reads a live customer whose owner is the session's customer.
func directChild(ctx context.Context, q queryer, sess model.Session, id model.ID) (node, error) {
	n, err := nodeIn(ctx, q, sess, id, false)
	if err == nil && n.parent != sess.CustomerID {
		return node{}, model.ErrNotFound
	}
	return n, err
}

// Rights returns the rights granted to a direct sub-customer.
func (s *Store) Rights(ctx context.Context, sess model.Session, customer model.ID) (model.Right, error) {
	if _, err := directChild(ctx, s.db, sess, customer); err != nil {
		return 0, err
	}
	var r model.Right
	err := s.db.QueryRowContext(ctx, `SELECT rights FROM permissions WHERE customer_id = ?`, customer).Scan(&r)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, storageErr("reading rights", err)
	}
	return r, nil
}

// SetRights grants a direct sub-customer exactly rights, all of which the
// session must hold.
func (s *Store) SetRights(ctx context.Context, sess model.Session, customer model.ID, rights model.Right) error {
	held, err := s.rightsNow(ctx, sess)
	if err != nil {
		return err
	}
	if !held.Has(rights) || rights&^model.AllRights != 0 {
		return model.ErrNotPermitted
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		n, err := directChild(ctx, tx, sess, customer)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO permissions (customer_id, rights, granted_by, granted_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (customer_id) DO UPDATE SET rights = excluded.rights, granted_by = excluded.granted_by,
			granted_at = excluded.granted_at`, customer, rights, sess.CustomerID, formatTime(s.now()))
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "permissions.set", n.path, n.name, rightNames(rights))
	})
}

// rightNames lists rights for the audit log.
func rightNames(r model.Right) string {
	names := []string{"customers.add", "customers.edit", "customers.delete", "accounts.add", "accounts.edit",
		"accounts.delete", "tariffs.add", "tariffs.edit", "tariffs.delete", "maintenance", "exchange_rates", "vouchers", "invoices"}
	var out []string
	for i, right := range model.RightList {
		if r.Has(right) {
			out = append(out, names[i])
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

// AuditLog returns the newest events about the session's subtree. Whoever
// acted from outside the subtree stays unnamed.
func (s *Store) AuditLog(ctx context.Context, sess model.Session, before model.ID, limit int) ([]model.AuditEvent, error) {
	lo, hi := subtree(sess.Path)
	if limit <= 0 || limit > 5000 {
		limit = 500
	}
	where := ""
	args := []any{lo, hi}
	if before != 0 {
		where, args = " AND a.id < ?", append(args, before)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.at, ifnull(b.name, ''), ifnull(b.path, ''), a.action, a.subject, a.details
		FROM audit_log a LEFT JOIN customers b ON b.id = a.actor_id
		WHERE a.scope_path >= ? AND a.scope_path < ?`+where+` ORDER BY a.id DESC LIMIT `+fmt.Sprint(limit), args...)
	if err != nil {
		return nil, storageErr("reading the audit log", err)
	}
	defer rows.Close()
	var out []model.AuditEvent
	for rows.Next() {
		var e model.AuditEvent
		var at, actorPath string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &actorPath, &e.Action, &e.Subject, &e.Details); err != nil {
			return nil, storageErr("reading the audit log", err)
		}
		e.At = parseTime(at)
		if actorPath < lo || actorPath >= hi {
			e.Actor = ""
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// SetOwnLanguage changes the signed-in customer's language.
func (s *Store) SetOwnLanguage(ctx context.Context, sess model.Session, lang string) error {
	if e := model.ValidateLanguage("language", lang); e != nil {
		return e
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		n, err := nodeIn(ctx, tx, sess, sess.CustomerID, false)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET language = ?, updated_at = ? WHERE id = ?`,
			lang, formatTime(s.now()), sess.CustomerID); err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "customer.language", n.path, n.name, lang)
	})
}
