package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/branchbook/branchbook/model"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// applicationID marks a SQLite file as Branchbook's ("BBK1"), so the program
// never mistakes another program's database for its own.
const applicationID = 0x42424B31

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Store is the SQLite implementation of model.Store.
type Store struct {
	db            *sql.DB
	path          string
	schemaVersion int
	now           func() time.Time

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // see prepared

	// writer is the one connection every write transaction runs on
	// (write, in tx.go), held by writeMu for the length of a transaction.
	// PRAGMA data_version is asked on it too: SQLite changes that number
	// only for commits made on other connections, so the window's watcher
	// is told of other programs' changes and never of this store's own.
	writeMu sync.Mutex
	writer  *sql.Conn

	// ckpt writes the WAL back into the file when the writer pauses
	// (checkpoint.go); write tells it of every commit.
	ckpt *checkpointer

	closed atomic.Bool // see Close
}

// DataVersion returns SQLite's data_version on the writer connection: it
// changes when another program (or another store on the same file)
// commits, never for this store's own changes.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	conn, err := s.writerConn(ctx)
	if err != nil {
		return 0, storageErr("watching the file", err)
	}
	var v int64
	if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		s.dropWriter()
		return 0, storageErr("watching the file", err)
	}
	return v, nil
}

// writerConn returns the writer connection, taking it from the pool the
// first time. The caller holds writeMu.
func (s *Store) writerConn(ctx context.Context) (*sql.Conn, error) {
	if s.writer == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		s.writer = c
	}
	return s.writer, nil
}

// dropWriter gives up a writer connection that failed, so the next write
// takes a fresh one. The caller holds writeMu.
func (s *Store) dropWriter() {
	if s.writer != nil {
		s.writer.Close()
		s.writer = nil
	}
}

var _ model.Store = (*Store)(nil)

// Open opens the Branchbook database at path, creating it when the file does
// not exist yet, and brings its schema up to date. A file that is not a
// Branchbook database, or was written by a newer Branchbook, is refused with
// a model error (CodeNotADatabase, CodeNewerDatabase, CodeCannotOpen) and
// left exactly as it was.
func Open(path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, cannotOpen(path, err)
	}
	exists, err := checkPath(abs)
	if err != nil {
		return nil, err
	}
	version := 0
	if exists {
		if version, err = inspect(abs); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, cannotOpen(abs, err)
	}
	// A few connections let reads run beside the single writer in WAL mode.
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(0)
	s := &Store{db: db, path: abs, now: func() time.Time { return time.Now().UTC() }, stmts: map[string]*sql.Stmt{}}
	if err := s.prepare(exists, version); err != nil {
		db.Close()
		return nil, err
	}
	s.ckpt = startCheckpointer(db, checkpointIdle)
	if s.schemaVersion != version {
		s.ckpt.committed() // the migrations' pages are in the WAL
	}
	return s, nil
}

func (s *Store) prepare(existed bool, version int) error {
	ctx := context.Background()
	if err := s.db.PingContext(ctx); err != nil {
		return cannotOpen(s.path, err)
	}
	if existed && version > 0 && version < latestVersion() {
		if _, err := s.backupBeforeMigration(ctx, version); err != nil {
			return err
		}
	}
	v, err := migrate(ctx, s.db)
	if err != nil {
		return &model.Error{Code: model.CodeStorageFailure, Err: fmt.Errorf("migrating %s: %w", s.path, err)}
	}
	s.schemaVersion = v
	return nil
}

// checkPath refuses places that cannot hold a database, before SQLite
// touches anything, and reports whether a non-empty file is already there.
func checkPath(path string) (exists bool, err error) {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, &model.Error{Code: model.CodeCannotOpen, Params: map[string]any{"reason": "no_folder", "path": dir}, Err: err}
	case err != nil:
		return false, cannotOpen(path, err)
	case !st.IsDir():
		return false, &model.Error{Code: model.CodeCannotOpen, Params: map[string]any{"reason": "no_folder", "path": dir}}
	}
	st, err = os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	case err != nil:
		return false, cannotOpen(path, err)
	case st.IsDir():
		return false, &model.Error{Code: model.CodeCannotOpen, Params: map[string]any{"reason": "is_folder", "path": path}}
	case st.Size() == 0:
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, cannotOpen(path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return false, notADatabase(path)
	}
	return true, nil
}

// inspect reads an existing SQLite file without changing it and returns its
// schema version, refusing other programs' files and newer schemas.
func inspect(path string) (int, error) {
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return 0, cannotOpen(path, err)
	}
	defer db.Close()
	var appID, version, tables int
	row := db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`)
	if err := row.Scan(&appID, &version, &tables); err != nil {
		if msg := err.Error(); strings.Contains(msg, "not a database") || strings.Contains(msg, "malformed") {
			return 0, notADatabase(path)
		}
		return 0, cannotOpen(path, err)
	}
	if appID != applicationID && (tables > 0 || version != 0) {
		return 0, notADatabase(path)
	}
	if version > latestVersion() {
		return 0, &model.Error{Code: model.CodeNewerDatabase,
			Params: map[string]any{"path": path, "version": version, "supported": latestVersion()}}
	}
	return version, nil
}

// testPragmas are added to every writer connection. Tests set them to
// simulate a full disk (max_page_count) or a read-only file (query_only).
var testPragmas []string

// dsn builds the driver's connection string: a file: URI (so any path
// works, spaces and '?' included) with the pragmas DESIGN.md asks for.
func dsn(path string, readOnly bool) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p}
	q := url.Values{}
	if readOnly {
		q.Set("mode", "ro")
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		// A commit checkpoints only past this bound; below it the store
		// checkpoints when the writer pauses (checkpoint.go).
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", walBoundPages))
		q.Add("_pragma", "foreign_keys(1)")
		q.Set("_txlock", "immediate")
		for _, p := range testPragmas {
			q.Add("_pragma", p)
		}
	}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Set("_time_format", "sqlite")
	return u.String() + "?" + q.Encode()
}

func cannotOpen(path string, err error) error {
	return &model.Error{Code: model.CodeCannotOpen, Params: map[string]any{"path": path}, Err: err}
}

func notADatabase(path string) error {
	return &model.Error{Code: model.CodeNotADatabase, Params: map[string]any{"path": path}}
}

// Info describes the open file.
func (s *Store) Info() model.StoreInfo {
	return model.StoreInfo{Path: s.path, SchemaVersion: s.schemaVersion}
}

// Close writes the WAL back into the main file and closes it, so the file
// can be copied or backed up on its own. A second Close does nothing: a
// store handed on may be closed by both its owners.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	// First, so no checkpoint of its own runs beside the last one below.
	s.ckpt.stop()
	s.writeMu.Lock()
	s.dropWriter()
	s.writeMu.Unlock()
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = map[string]*sql.Stmt{}
	s.stmtMu.Unlock()
	_, cerr := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	if err := s.db.Close(); err != nil {
		return err
	}
	return cerr
}

// backupBeforeMigration copies the file aside, consistently, before its
// schema is changed, and returns the copy's path.
func (s *Store) backupBeforeMigration(ctx context.Context, version int) (string, error) {
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &model.Error{Code: model.CodeStorageFailure, Err: fmt.Errorf("making %s: %w", dir, err)}
	}
	dest := filepath.Join(dir, backupName(s.path, s.now(), fmt.Sprintf("before-v%d", version+1)))
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return "", &model.Error{Code: model.CodeStorageFailure, Err: fmt.Errorf("backup before migration to %s: %w", dest, err)}
	}
	return dest, nil
}
