package storage

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// TestSignInWaitSurvivesRestart: wrong passwords counted by one Store are
// still counted by the next one on the same file; only the wait's end lets
// the right password in, and that resets the count.
func TestSignInWaitSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "throttle.db")
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	open := func() *Store {
		t.Helper()
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s.now = func() time.Time { return now }
		return s
	}
	s := open()
	if _, err := s.CreateRoot(ctx, rootInput()); err != nil {
		t.Fatal(err)
	}
	login := rootInput().WebLogin
	for i := 1; i <= model.MaxFreeFailures; i++ {
		_, err := s.SignIn(ctx, login, "wrong password")
		var e *model.Error
		if model.CodeOf(err) != model.CodeSignIn {
			t.Fatalf("try %d: %v", i, err)
		}
		e = model.FieldErrors(err)[0]
		if wantWait := i == model.MaxFreeFailures; (e.Params["wait_seconds"] != nil) != wantWait {
			t.Fatalf("try %d: %+v", i, e.Params)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open()
	// The same login typed in capitals is the same login.
	_, err := s.SignIn(ctx, "OWNER", rootInput().Password)
	if model.CodeOf(err) != model.CodeSignInWait || model.FieldErrors(err)[0].Params["seconds"] != 1 {
		t.Fatalf("right after a restart: %v", err)
	}
	// Another login is not held up.
	if _, err := s.SignIn(ctx, "someone.else", "x"); model.CodeOf(err) != model.CodeSignIn {
		t.Fatalf("another login: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	now = now.Add(2 * time.Second)
	s = open()
	defer s.Close()
	if _, err := s.SignIn(ctx, login, rootInput().Password); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	var rows int
	if err := s.db.QueryRow(`SELECT count(*) FROM signin_failures WHERE login_key = ?`, login).Scan(&rows); err != nil || rows != 0 {
		t.Fatalf("a correct sign-in left %d failures (%v)", rows, err)
	}
	if _, err := s.SignIn(ctx, login, "wrong password"); model.CodeOf(err) != model.CodeSignIn ||
		model.FieldErrors(err)[0].Params["wait_seconds"] != nil {
		t.Fatalf("the first failure after a reset: %v", err)
	}
}
