package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/branchbook/branchbook/model"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// write runs fn in one immediate transaction on the writer connection
// (open.go) and commits it. Any error rolls everything back, so nothing is
// saved half-way. Model errors pass through unchanged; anything else
// becomes a storage failure with its cause.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.writeSized(ctx, 0, fn)
}

// writeSized is write with a page cache of cacheMiB for the transaction
// (0: the usual 2 MiB) and statement journals in memory: a transaction of
// a million rows whose indexes take them at thousands of places at once
// (a call import) would otherwise spill and read back the same pages over
// and over. The pages are taken only as used and given back after.
func (s *Store) writeSized(ctx context.Context, cacheMiB int, fn func(tx *sql.Tx) error) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	conn, err := s.writerConn(ctx)
	if err != nil {
		return storageErr("starting a change", err)
	}
	if cacheMiB > 0 {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d; PRAGMA temp_store = MEMORY", -cacheMiB*1024)); err != nil {
			return storageErr("starting a change", err)
		}
		defer conn.ExecContext(context.Background(), "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT")
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		if errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn) {
			s.dropWriter()
		}
		return storageErr("starting a change", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		var me *model.Error
		var mes model.Errors
		if errors.As(err, &me) || errors.As(err, &mes) {
			return err
		}
		return storageErr("saving", err)
	}
	if err := tx.Commit(); err != nil {
		return storageErr("saving", err)
	}
	s.ckpt.committed()
	return nil
}

// prepared returns the statement for query, prepared once per store and
// bound to tx: the hot paths (a Maintenance entry) then skip SQLite's parse
// on every call.
func (s *Store) prepared(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	st, ok := s.stmts[query]
	if !ok {
		var err error
		if st, err = s.db.PrepareContext(ctx, query); err != nil {
			s.stmtMu.Unlock()
			return nil, err
		}
		s.stmts[query] = st
	}
	s.stmtMu.Unlock()
	return tx.StmtContext(ctx, st), nil
}

// nextID returns the id the next row of table will get. Write transactions
// are immediate, so no other writer can take it first.
func nextID(ctx context.Context, tx *sql.Tx, table string) (model.ID, error) {
	var id model.ID
	err := tx.QueryRowContext(ctx, "SELECT ifnull(max(id), 0) + 1 FROM "+table).Scan(&id)
	return id, err
}

// audit records one event in the audit log, inside the caller's
// transaction. The statement is prepared once: entries audit every booking.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, actor model.ID, action, scopePath, subject, details string) error {
	st, err := s.prepared(ctx, tx, auditInsert)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, nullID(actor), action, scopePath, subject, details)
	return err
}

const auditInsert = `INSERT INTO audit_log (at, actor_id, action, scope_path, subject, details)
		VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, ?)`

// nullID is NULL for the zero ID: an entry's other holder, an entry that
// reverses nothing, an event nobody signed in caused (a failed sign-in).
func nullID(id model.ID) sql.NullInt64 { return sql.NullInt64{Int64: int64(id), Valid: id != 0} }

// storageErr wraps a database error for the window. A full disk, a
// read-only file and a file held by another program get codes of their
// own, so the user is told what to do; anything else is a storage failure
// with its cause kept for the log.
func storageErr(doing string, err error) error {
	code := model.CodeStorageFailure
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // the primary result code
		case sqlite3.SQLITE_FULL:
			code = model.CodeDiskFull
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
			code = model.CodeReadOnly
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			code = model.CodeBusy
		}
	}
	return &model.Error{Code: code, Err: fmt.Errorf("%s: %w", doing, err)}
}
