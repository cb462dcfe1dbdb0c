package storage

import (
	"bufio"
	"context"
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
	runFor, _ := time.ParseDuration(os.Getenv("BRANCHBOOK_WRITER_FOR"))
	ctx := context.Background()
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	root, _ := s.RootSession(ctx)
	var ids []model.ID
	rows, _ := s.db.Query("SELECT id FROM customers WHERE parent_id IS NOT NULL AND archived_at IS NULL")
	for rows.Next() {
		var id model.ID
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	rnd := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	deadline := time.Now().Add(runFor)
	for i := 0; runFor == 0 || time.Now().Before(deadline); i++ {
		kind := []model.EntryKind{model.EntryAddFunds, model.EntryCredit, model.EntryDebit}[rnd.IntN(3)]
		in := model.EntryInput{Kind: kind, Amount: dec(fmt.Sprintf("%d.%02d", rnd.IntN(500), rnd.IntN(100)+1)),
			Currency: "EUR", Key: fmt.Sprintf("w%d-%d", os.Getpid(), i)}
		e, err := s.AddEntry(ctx, root, model.CustomerLedger(ids[rnd.IntN(len(ids))]), in)
		if err != nil {
			fmt.Println("error", err)
			continue
		}
		fmt.Println("committed", e.ID)
	}
	s.Close()
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
				id, _ := strconv.ParseInt(v, 10, 64)
				w.ids = append(w.ids, id)
			} else if strings.HasPrefix(line, "error ") {
				w.errors = append(w.errors, line)
			}
			w.mu.Unlock()
		}
	}()
	return w
}

// wait waits for the writer's output to end and the process to exit.
func (w *writer) wait() {
	<-w.done
	w.cmd.Wait()
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
		s.db.QueryRow("SELECT count(*) FROM entries WHERE id = ?", id).Scan(&n)
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
	s.Close()
	kills := 5
	if soak() {
		kills = 50
	}
	rnd := rand.New(rand.NewPCG(7, 7))
	var all []int64
	for i := range kills {
		w := startWriter(t, path, 0)
		time.Sleep(time.Duration(150+rnd.IntN(400)) * time.Millisecond)
		w.cmd.Process.Signal(syscall.SIGKILL)
		w.wait()
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
	s.db.QueryRow("SELECT count(*) FROM entries").Scan(&before)
	s.Close()
	runFor := 2 * time.Second
	if soak() {
		runFor = 10 * time.Second
	}
	a, b := startWriter(t, path, runFor), startWriter(t, path, runFor)
	a.wait()
	b.wait()
	if len(a.errors)+len(b.errors) > 0 {
		t.Fatalf("writers reported errors: %v %v", a.errors, b.errors)
	}
	printed := append(append([]int64{}, a.ids...), b.ids...)
	if len(a.ids) == 0 || len(b.ids) == 0 {
		t.Fatalf("a writer booked nothing: %d and %d", len(a.ids), len(b.ids))
	}
	verify(t, path, printed)
	s2, _ := Open(path)
	defer s2.Close()
	var after int
	s2.db.QueryRow("SELECT count(*) FROM entries").Scan(&after)
	if after-before != len(printed) {
		t.Fatalf("%d entries added, %d printed: lost or doubled", after-before, len(printed))
	}
	fmt.Printf("two writers: %s, %d + %d entries, 0 lost, 0 doubled, 0 locked\n", runFor, len(a.ids), len(b.ids))
}
