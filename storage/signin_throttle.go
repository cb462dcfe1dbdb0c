package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/branchbook/branchbook/model"
)

// throttleKey is the row of signin_failures a typed login counts against:
// folded like logins are, and cut to one more character than a login may
// have, so text pasted by mistake cannot grow a row without bound (every
// such text is a wrong login anyway).
func throttleKey(login string) string {
	k := []rune(model.Key(login))
	return string(k[:min(len(k), model.MaxLoginLen+1)])
}

// signInWait is how long the login must still wait before its next try.
func (s *Store) signInWait(ctx context.Context, key string) (time.Duration, error) {
	var failures int
	var last string
	err := s.db.QueryRowContext(ctx, `SELECT failures, last_failure_at FROM signin_failures WHERE login_key = ?`, key).
		Scan(&failures, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return model.SignInWait(failures, parseTime(last), s.now()), nil
}

// signInFailed counts one more wrong password for the login and returns
// how many there now are in a row. Failures a day old of any login are
// forgotten, so the table holds only recent guessing.
func (s *Store) signInFailed(ctx context.Context, tx *sql.Tx, key string) (int, error) {
	now := s.now()
	if _, err := tx.ExecContext(ctx, `DELETE FROM signin_failures WHERE last_failure_at < ?`,
		formatTime(now.Add(-24*time.Hour))); err != nil {
		return 0, err
	}
	var failures int
	err := tx.QueryRowContext(ctx, `INSERT INTO signin_failures (login_key, failures, last_failure_at) VALUES (?, 1, ?)
		ON CONFLICT (login_key) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at
		RETURNING failures`, key, formatTime(now)).Scan(&failures)
	return failures, err
}

// seconds rounds a wait up to whole seconds, for a message.
func seconds(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }
