package storage

import (
	"context"
	"database/sql"
	"sync/atomic"
	"time"
)

// When the WAL is written back.
//
// In WAL mode a commit appends the pages it changed to the -wal file and
// syncs that file; a checkpoint later copies the pages into the database
// file and syncs it, after which the next writer starts the WAL again from
// its beginning. SQLite's default is to checkpoint inside the commit that
// takes the WAL past 1000 pages, so that one commit waits for the copy and
// two more syncs. A Maintenance entry writes about 10 pages (the
// customer's balance and subtree totals; the entry with its customer,
// kind-and-time, idempotency-key and reversal indexes; the audit row and
// its index), so when entries came back to back one in about 100 paid for
// a checkpoint, which put the checkpoint into the entry's 99th percentile.
//
// A clerk's entries come seconds apart, so the store checkpoints in those
// pauses instead: the checkpointer below runs a PASSIVE checkpoint once no
// commit has come for checkpointIdle. PASSIVE waits for nobody and does
// not take the write lock, so an entry saved while it runs is not held up
// by it; and the database file on its own is current soon after the user
// stops.
// The price is one more sync on the next commit, which starts the WAL
// afresh and syncs its new header.
//
// SQLite's own automatic checkpoint stays, raised to walBoundPages, as the
// bound for a writer that never pauses (the demo generator, a script, two
// windows booking at once): the commit that takes the WAL past the bound
// checkpoints it, as before, so the -wal file never grows past about
// walBoundPages pages plus one transaction. It has to be the committing
// connection that does it: only a checkpoint that copies the whole WAL
// lets the next writer start it again, and one run from another goroutine
// while the writer keeps committing never does (tried: checkpointing after
// every commit that way, 3,000 back-to-back entries left a WAL of 26,000
// pages). The store could not size the WAL itself anyway (database/sql
// offers no WAL hook), and SQLite's count is exact, multi-page
// transactions included. The higher bound also means less work in all for
// such a writer: the pages it changes again and again (the last leaf of
// each index, the busy customers' rows) are copied once per checkpoint.
const (
	// checkpointIdle is how long the writer must have been quiet before
	// the WAL is checkpointed: longer than a burst of changes made one
	// after another, short enough that the database file on its own is
	// current soon after the user stops.
	checkpointIdle = time.Second

	// checkpointRetryMax caps the wait between tries when a checkpoint
	// could not copy everything (a reader still used old pages).
	checkpointRetryMax = 30 * time.Second
)

// walBoundPages is the automatic checkpoint's threshold, in pages (4 KiB
// each, so the WAL stays under about 16 MiB); about 400 back-to-back
// entries fill it. A variable only so a test can lift it and see the WAL
// grow: testPragmas cannot override it, since the driver runs the _pragma
// values sorted by their text, not in the order given.
var walBoundPages = 4096

// checkpointer runs a PASSIVE checkpoint on db once commits have stopped
// for idle. Commits report themselves with committed; stop ends it.
type checkpointer struct {
	db    *sql.DB
	idle  time.Duration
	epoch time.Time // last is measured from here, on the monotonic clock

	last  atomic.Int64  // nanoseconds after epoch of the latest commit
	dirty atomic.Bool   // a commit has come since the last checkpoint began
	wake  chan struct{} // wakes the goroutine when dirty becomes true

	runs atomic.Int64 // checkpoints that copied the whole WAL, for tests

	ctx  context.Context // cancelled by stop, which interrupts a checkpoint
	quit context.CancelFunc
	done chan struct{}
}

func startCheckpointer(db *sql.DB, idle time.Duration) *checkpointer {
	c := &checkpointer{db: db, idle: idle, epoch: time.Now(), wake: make(chan struct{}, 1), done: make(chan struct{})}
	c.ctx, c.quit = context.WithCancel(context.Background())
	go c.loop()
	return c
}

// committed records a commit. It is on every write's path, so it only
// stores the time and, for the first commit after a checkpoint, wakes the
// goroutine; it never blocks.
func (c *checkpointer) committed() {
	c.last.Store(int64(time.Since(c.epoch)))
	if !c.dirty.Swap(true) {
		select {
		case c.wake <- struct{}{}:
		default:
		}
	}
}

// stop ends the goroutine, interrupting a checkpoint it is running (SQLite
// leaves the WAL whole; what was copied is simply copied again), and waits
// for it, so the caller may checkpoint and close the database after it.
func (c *checkpointer) stop() {
	c.quit()
	<-c.done
}

func (c *checkpointer) loop() {
	defer close(c.done)
	timer := time.NewTimer(time.Hour) // Go 1.23 timers: Reset needs no draining
	timer.Stop()
	retry := time.Duration(0) // > 0 while a checkpoint left frames behind
	for {
		if retry == 0 {
			select {
			case <-c.ctx.Done():
				return
			case <-c.wake:
			}
		}
		// Wait until no commit has come for idle: each commit moves the
		// moment on, so a steady stream of entries is never interrupted.
		for {
			quiet := time.Since(c.epoch) - time.Duration(c.last.Load())
			if quiet >= c.idle {
				break
			}
			timer.Reset(c.idle - quiet)
			select {
			case <-c.ctx.Done():
				return
			case <-timer.C:
			}
		}
		// Cleared before the checkpoint starts, so a commit that lands
		// during it wakes the goroutine for another round.
		c.dirty.Store(false)
		if c.checkpoint() {
			c.runs.Add(1)
			retry = 0
			continue
		}
		// Something was left: a reader still held older pages, or another
		// process was checkpointing. Try again later, waiting longer each
		// time so a reader that stays open costs next to nothing; a new
		// commit tries sooner. Nothing committed is at risk meanwhile: it
		// is in the synced WAL, and the bound and Close still checkpoint.
		retry = min(max(2*retry, c.idle), checkpointRetryMax)
		timer.Reset(retry)
		select {
		case <-c.ctx.Done():
			return
		case <-timer.C:
		case <-c.wake:
		}
	}
}

// checkpoint copies the WAL into the database file and reports whether all
// of it was copied, so that the next writer starts the WAL afresh.
func (c *checkpointer) checkpoint() bool {
	var busy, logFrames, copied int
	err := c.db.QueryRowContext(c.ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logFrames, &copied)
	return err == nil && busy == 0 && copied == logFrames
}
