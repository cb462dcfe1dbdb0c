package storage

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// withIdle replaces the store's checkpointer by one with a shorter (or
// longer) idle time, so the tests need not wait the real one.
func withIdle(s *Store, idle time.Duration) {
	s.ckpt.stop()
	s.ckpt = startCheckpointer(s.db, idle)
}

// inMainFile reports whether the entry is in the database file itself,
// read from a copy of that file alone, without the WAL: that is, whether a
// checkpoint has written it back.
func inMainFile(t *testing.T, s *Store, entry model.ID) bool {
	t.Helper()
	body, err := os.ReadFile(s.path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "main-only.db")
	if err := os.WriteFile(cp, body, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", cp)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM entries WHERE id = ?", entry).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func walSize(t *testing.T, s *Store) int64 {
	t.Helper()
	st, err := os.Stat(s.path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

// waitRuns waits until the checkpointer has completed more than n
// checkpoints, or fails after a generous time.
func waitRuns(t *testing.T, c *checkpointer, n int64) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); c.runs.Load() <= n; {
		if time.Now().After(deadline) {
			t.Fatalf("no checkpoint after the writer went idle (%d runs)", c.runs.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A commit leaves its pages in the WAL; once the writer has been idle, the
// checkpointer has written them into the database file, and the next
// commit starts the WAL again from its beginning instead of growing it.
func TestCheckpointAfterIdle(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	const idle = 300 * time.Millisecond
	withIdle(s, idle)
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}

	before := s.ckpt.runs.Load()
	// Two entries, so that the WAL holds more than the one booked after
	// the checkpoint below will need.
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryCredit, "1", "EUR", "idle-0")); err != nil {
		t.Fatal(err)
	}
	e, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryCredit, "1", "EUR", "idle-1"))
	if err != nil {
		t.Fatal(err)
	}
	committed := time.Now()
	if in := inMainFile(t, s, e.ID); time.Since(committed) < idle && in {
		t.Fatal("the commit itself checkpointed: the entry is in the main file at once")
	}
	waitRuns(t, s.ckpt, before)
	// committed was read a moment after the checkpointer heard of the
	// commit, hence the few milliseconds of slack.
	if waited := time.Since(committed); waited < idle-10*time.Millisecond {
		t.Fatalf("checkpointed %v after the commit, before the writer was idle for %v", waited, idle)
	}
	if !inMainFile(t, s, e.ID) {
		t.Fatal("after the idle checkpoint the entry is still only in the WAL")
	}

	// The WAL was copied whole, so the next entry is written over its
	// start instead of after its end: the file does not grow.
	size := walSize(t, s)
	if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryCredit, "1", "EUR", "idle-2")); err != nil {
		t.Fatal(err)
	}
	if grown := walSize(t, s); grown > size {
		t.Fatalf("the WAL grew from %d to %d bytes after a complete checkpoint", size, grown)
	}
}

// A commit that comes while the writer is busy moves the checkpoint on: a
// steady stream of entries is not interrupted by one.
func TestCheckpointWaitsForQuiet(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	const idle = 400 * time.Millisecond
	withIdle(s, idle)
	start := time.Now()
	var last time.Time
	var gap time.Duration // the longest pause between two entries
	for i := 0; time.Since(start) < 3*idle; i++ {
		if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryCredit, "1", "EUR", fmt.Sprint("busy-", i))); err != nil {
			t.Fatal(err)
		}
		if !last.IsZero() {
			gap = max(gap, time.Since(last))
		}
		last = time.Now()
		if runs := s.ckpt.runs.Load(); runs > 0 {
			if gap < idle {
				t.Fatalf("checkpointed while entries came at most %v apart", gap)
			}
			t.Skipf("the machine paused the test for %v, longer than the idle time", gap)
		}
		time.Sleep(idle / 4)
	}
	waitRuns(t, s.ckpt, 0)
	if waited := time.Since(last); waited < idle-10*time.Millisecond {
		t.Fatalf("checkpointed %v after the last entry, before %v of quiet", waited, idle)
	}
}

// A reader that still uses older pages keeps a checkpoint from copying
// everything; the checkpointer tries again and finishes once it is gone.
func TestCheckpointRetriesAfterReader(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	withIdle(s, 20*time.Millisecond)
	reader, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if _, err := reader.ExecContext(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := reader.QueryRowContext(ctx, "SELECT count(*) FROM entries").Scan(&n); err != nil {
		t.Fatal(err)
	}
	e, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryCredit, "1", "EUR", "held"))
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // several tries, all blocked by the reader
	if runs := s.ckpt.runs.Load(); runs != 0 {
		t.Fatalf("%d complete checkpoints while a reader held older pages", runs)
	}
	if _, err := reader.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	waitRuns(t, s.ckpt, 0)
	if !inMainFile(t, s, e.ID) {
		t.Fatal("after the reader ended the entry is still only in the WAL")
	}
}

// Entries booked back to back never leave the writer idle; the WAL must
// still stay within the bound, which the committing connection enforces.
// With the bound switched off the same writes make it grow past it, so the
// test would see a policy that lets the WAL grow.
func TestWALBoundedUnderContinuousWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("writes about 40 MB of WAL")
	}
	ctx := context.Background()
	var pageSize int64 = 4096
	frame := pageSize + 24
	limit := 32 + int64(walBoundPages+64)*frame // the bound plus one entry's pages, with room
	run := func(t *testing.T) int64 {
		s, root, cs, _ := manual(t)
		if err := s.db.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil || pageSize != 4096 {
			t.Fatalf("page size %d: %v", pageSize, err)
		}
		if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			t.Fatal(err)
		}
		withIdle(s, time.Hour) // only the bound may checkpoint
		var largest int64
		// About 10 pages an entry: 1200 entries write nearly 3 times the bound.
		for i := range 1200 {
			if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryCredit, "1", "EUR", fmt.Sprint("stream-", i))); err != nil {
				t.Fatal(err)
			}
			if i%50 == 49 {
				largest = max(largest, walSize(t, s))
			}
		}
		largest = max(largest, walSize(t, s))
		if r, err := s.Check(ctx); err != nil || !r.OK() {
			t.Fatalf("check: %+v %v", r, err)
		}
		return largest
	}
	t.Run("bounded", func(t *testing.T) {
		if got := run(t); got > limit {
			t.Fatalf("the WAL reached %d bytes; the bound allows %d", got, limit)
		}
	})
	t.Run("unbounded without the bound", func(t *testing.T) {
		saved := walBoundPages
		walBoundPages = 0
		t.Cleanup(func() { walBoundPages = saved })
		if got := run(t); got <= limit {
			t.Fatalf("without the bound the WAL stayed at %d bytes: the test cannot tell", got)
		}
	})
}

// Close stops the checkpointer and still writes the whole WAL back.
func TestCloseCheckpointsAndStops(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	path := s.Info().Path
	withIdle(s, time.Hour)
	e, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryCredit, "1", "EUR", "close"))
	if err != nil {
		t.Fatal(err)
	}
	c := s.ckpt
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.done:
	default:
		t.Fatal("the checkpointer still runs after Close")
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() != 0 {
		t.Fatalf("WAL not checkpointed on close: %d bytes", st.Size())
	}
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if !inMainFile(t, s2, e.ID) {
		t.Fatal("the entry is not in the file after Close")
	}
}
