package main

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// The end-to-end test never sleeps to let the program catch up: each step
// waits, with a deadline, for something it can observe (a window, a row in
// the file, a line the program prints, the process's exit).

// e2eTimeout is how long one step may take. It is generous: a loaded
// two-core machine building and drawing with software OpenGL is slow, and
// a step that succeeds returns as soon as its state is seen.
const e2eTimeout = 30 * time.Second

// pollEvery is how often a wait looks again.
const pollEvery = 50 * time.Millisecond

// errStop, wrapped in the error a condition returns, ends the wait at once:
// what is awaited can no longer happen.
var errStop = errors.New("stop waiting")

// poll calls cond every 50 ms until it reports true, and returns an error
// naming what was awaited when timeout passes first. An error from cond
// does not end the wait unless it wraps errStop (a file being written can
// be busy for a moment); the last one is in the returned error.
func poll(what string, timeout time.Duration, cond func() (bool, error)) error {
	start := time.Now()
	deadline := start.Add(timeout)
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	var last error
	for {
		ok, err := cond()
		if ok {
			return nil
		}
		if err != nil {
			if errors.Is(err, errStop) {
				return fmt.Errorf("gave up waiting for %s after %s: %w", what, time.Since(start).Round(time.Millisecond), err)
			}
			last = err
		}
		if time.Now().After(deadline) {
			if last != nil {
				return fmt.Errorf("waited %s for %s; last error: %v", timeout, what, last)
			}
			return fmt.Errorf("waited %s for %s", timeout, what)
		}
		<-tick.C
	}
}

// waitFor is poll that fails the test.
func waitFor(t *testing.T, what string, timeout time.Duration, cond func() (bool, error)) {
	t.Helper()
	if err := poll(what, timeout, cond); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer collects a program's output while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// queryFile runs query on the database file read-only, with a connection
// of its own that is closed again at once: the program under test must
// stay the file's last user, so it can checkpoint and remove the WAL when
// it closes.
func queryFile(db string, scan func(*sql.DB) error) error {
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	return scan(conn)
}

// fileCustomer is a customer row as the file holds it.
type fileCustomer struct {
	ID, ParentID int64
	Archived     bool
}

// customerWhere reads the customer that cond (an SQL condition on the
// customers table) picks from the file; ok is false when there is none,
// and err then names the customers the file holds, for the failure
// message of a wait that times out.
func customerWhere(db, cond string, args ...any) (c fileCustomer, ok bool, err error) {
	err = queryFile(db, func(conn *sql.DB) error {
		var parent sql.NullInt64
		err := conn.QueryRow("SELECT id, parent_id, archived_at IS NOT NULL FROM customers WHERE "+cond, args...).
			Scan(&c.ID, &parent, &c.Archived)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("not there yet; the file holds %s", customerList(conn))
		}
		if err != nil {
			return err
		}
		c.ParentID, ok = parent.Int64, true
		return nil
	})
	return c, ok, err
}

// customerList names the customers in the file, with their ids and
// owners', for failure messages.
func customerList(conn *sql.DB) string {
	rows, err := conn.Query("SELECT id, coalesce(parent_id, 0), name FROM customers ORDER BY id")
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var id, parent int64
		var name string
		if err := rows.Scan(&id, &parent, &name); err != nil {
			return err.Error()
		}
		list = append(list, fmt.Sprintf("%d %q (under %d)", id, name, parent))
	}
	if len(list) == 0 {
		return "no customer"
	}
	return strings.Join(list, ", ")
}

// countArchived reads, from the file the program is writing, how many
// customers are archived now.
func countArchived(db string) (n int, err error) {
	err = queryFile(db, func(conn *sql.DB) error {
		return conn.QueryRow("SELECT count(*) FROM customers WHERE archived_at IS NOT NULL").Scan(&n)
	})
	return n, err
}
