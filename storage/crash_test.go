package storage

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// The crash and two-writer tests run this test binary again as a writer
// process (TestWriterProcess), which books Maintenance entries in a loop and
// prints "committed ID" after each one returns. BRANCHBOOK_SOAK=1 (make
// soak) runs the long versions.

func soak() bool { return os.Getenv("BRANCHBOOK_SOAK") == "1" }

// TestWriterProcess is the writer; it does nothing in a normal run.
func TestWriterProcess(t *testing.T) {
	path := os.Getenv("BRANCHBOOK_WRITER_DB")
	if path == "" {
		t.Skip("only run as a writer process")
	}
	runFor, err := time.ParseDuration(os.Getenv("BRANCHBOOK_WRITER_FOR"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := Open(path)
	if err != nil {
		if _, err := fmt.Println("error", err); err != nil {
			t.Fatal(err)
		}
		os.Exit(1)
	}
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []model.ID
	rows, err := s.db.Query("SELECT id FROM customers WHERE parent_id IS NOT NULL AND archived_at IS NULL")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id model.ID
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	deadline := time.Now().Add(runFor)
	for i := 0; runFor == 0 || time.Now().Before(deadline); i++ {
		kind := []model.EntryKind{model.EntryAddFunds, model.EntryCredit, model.EntryDebit}[rnd.IntN(3)]
		in := model.EntryInput{Kind: kind, Amount: dec(fmt.Sprintf("%d.%02d", rnd.IntN(500), rnd.IntN(100)+1)),
			Currency: "EUR", Key: fmt.Sprintf("w%d-%d", os.Getpid(), i)}
		e, err := s.AddEntry(ctx, root, model.CustomerLedger(ids[rnd.IntN(len(ids))]), in)
		if err != nil {
			fmt.Println("error", err) // the parent reads stdout; a lost line shows there
			continue
		}
		fmt.Println("committed", e.ID)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	os.Exit(0)
}

// writer starts a writer process on path and collects the ids it prints.
type writer struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	ids    []int64
	errors []string
	done   chan struct{}
}

func startWriter(t *testing.T, path string, runFor time.Duration) *writer {
	t.Helper()
	w := &writer{done: make(chan struct{})}
	w.cmd = exec.Command(os.Args[0], "-test.run=^TestWriterProcess$", "-test.count=1")
	w.cmd.Env = append(os.Environ(), "BRANCHBOOK_WRITER_DB="+path, "BRANCHBOOK_WRITER_FOR="+runFor.String())
	out, err := w.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(w.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			w.mu.Lock()
			if v, ok := strings.CutPrefix(line, "committed "); ok {
				// A line that does not parse is reported like a writer's
				// error: the test fails on either.
				if id, err := strconv.ParseInt(v, 10, 64); err != nil {
					w.errors = append(w.errors, line)
				} else {
					w.ids = append(w.ids, id)
				}
			} else if strings.HasPrefix(line, "error ") {
				w.errors = append(w.errors, line)
			}
			w.mu.Unlock()
		}
		if err := sc.Err(); err != nil {
			w.mu.Lock()
			w.errors = append(w.errors, "reading the writer: "+err.Error())
			w.mu.Unlock()
		}
	}()
	return w
}

// wait waits for the writer's output to end and the process to exit, and
// fails the test unless it exited as expected: killed by SIGKILL, or
// with status 0.
func (w *writer) wait(t *testing.T, killed bool) {
	t.Helper()
	<-w.done
	err := w.cmd.Wait()
	if !killed {
		if err != nil {
			t.Fatalf("writer: %v", err)
		}
		return
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("writer: %v, want killed", err)
	}
}

// verify opens the file and checks that SQLite finds it sound, that every
// balance equals its entries and that every id a writer printed is there.
func verify(t *testing.T, path string, printed []int64) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("the file does not open: %v", err)
	}
	defer s.Close()
	r, err := s.Check(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("check: %+v %v", r, err)
	}
	missing := 0
	for _, id := range printed {
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM entries WHERE id = ?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			missing++
		}
	}
	if missing > 0 {
		t.Fatalf("%d of %d committed entries are missing", missing, len(printed))
	}
}

// TestCrashKeepsEveryCommittedEntry kills a writer with SIGKILL at random
// moments and checks the file after each kill.
func TestCrashKeepsEveryCommittedEntry(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	s, _, _, _ := manual(t)
	path := s.Info().Path
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	kills := 5
	if soak() {
		kills = 50
	}
	rnd := rand.New(rand.NewPCG(7, 7))
	var all []int64
	for i := range kills {
		w := startWriter(t, path, 0)
		time.Sleep(time.Duration(150+rnd.IntN(400)) * time.Millisecond)
		if err := w.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		w.wait(t, true)
		w.mu.Lock()
		all = append(all, w.ids...)
		errs := w.errors
		w.mu.Unlock()
		if len(errs) > 0 {
			t.Fatalf("kill %d: the writer reported %v", i+1, errs)
		}
		verify(t, path, all)
	}
	t.Logf("crash: %d kills, %d committed entries, 0 lost", kills, len(all))
	fmt.Printf("crash: %d kills, %d committed entries, 0 lost\n", kills, len(all))
}

// TestTwoWritersLoseNothing runs two writers on one file at once: neither
// sees "database is locked", and every entry either printed is there once.
func TestTwoWritersLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("two-writer test skipped in -short mode")
	}
	s, _, _, _ := manual(t)
	path := s.Info().Path
	var before int
	if err := s.db.QueryRow("SELECT count(*) FROM entries").Scan(&before); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	runFor := 2 * time.Second
	if soak() {
		runFor = 10 * time.Second
	}
	a, b := startWriter(t, path, runFor), startWriter(t, path, runFor)
	a.wait(t, false)
	b.wait(t, false)
	if len(a.errors)+len(b.errors) > 0 {
		t.Fatalf("writers reported errors: %v %v", a.errors, b.errors)
	}
	printed := append(append([]int64{}, a.ids...), b.ids...)
	if len(a.ids) == 0 || len(b.ids) == 0 {
		t.Fatalf("a writer booked nothing: %d and %d", len(a.ids), len(b.ids))
	}
	verify(t, path, printed)
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var after int
	if err := s2.db.QueryRow("SELECT count(*) FROM entries").Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after-before != len(printed) {
		t.Fatalf("%d entries added, %d printed: lost or doubled", after-before, len(printed))
	}
	if _, err := fmt.Printf("two writers: %s, %d + %d entries, 0 lost, 0 doubled, 0 locked\n", runFor, len(a.ids), len(b.ids)); err != nil {
		t.Fatal(err)
	}
}
