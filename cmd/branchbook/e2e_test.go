package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/branchbook/branchbook/storage"
	"github.com/shopspring/decimal"
)

// The end-to-end tests start the real binary in a real X server (Xvfb) and
// drive it with xdotool, as a user would. They need Xvfb and xdotool; "make
// test" installs both and sets BRANCHBOOK_E2E=1, which turns a missing tool
// into a failure instead of a skip.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func needDesktop(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("BRANCHBOOK_E2E") == "1" {
				t.Fatalf("%s is missing; run make test, which installs it", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
}

// binary builds the real program once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "branchbook-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "branchbook")
		out, err := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// xvfb starts a private X server and returns its DISPLAY.
func xvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb did not report a display")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start")
	}
	return ""
}

type session struct {
	t       *testing.T
	display string
	cmd     *exec.Cmd
	window  string
	done    chan error
	stderr  *strings.Builder
}

// start runs the binary on db in display, with its own home folder so the
// user's preferences are never touched, and waits for its window.
func start(t *testing.T, display, db string) *session {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(binary(t), "--db", db)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "LANG=C")
	s := &session{t: t, display: display, cmd: cmd, done: make(chan error, 1), stderr: &strings.Builder{}}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		out, _ := s.xdotool("search", "--name", "^Branchbook")
		if id := strings.TrimSpace(out); id != "" {
			s.window = strings.Fields(id)[0]
			time.Sleep(700 * time.Millisecond) // let the first frame draw
			s.xdotool("windowactivate", "--sync", s.window)
			return s
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no window after 30 s; stderr: %s", s.stderr)
	return nil
}

func (s *session) xdotool(args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (s *session) typeText(text string) {
	s.t.Helper()
	if out, err := s.xdotool("type", "--delay", "25", text); err != nil {
		s.t.Fatalf("xdotool type: %v %s", err, out)
	}
	time.Sleep(150 * time.Millisecond)
}

func (s *session) key(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if out, err := s.xdotool("key", "--clearmodifiers", k); err != nil {
			s.t.Fatalf("xdotool key %s: %v %s", k, err, out)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// wait waits for the program to exit and returns its exit code.
func (s *session) wait(limit time.Duration) int {
	s.t.Helper()
	select {
	case <-s.done:
		return s.cmd.ProcessState.ExitCode()
	case <-time.After(limit):
		s.t.Fatalf("the program did not exit within %s; stderr: %s", limit, s.stderr)
	}
	return -1
}

func TestEndToEndSetupQuitAndSigterm(t *testing.T) {
	needDesktop(t)
	display := xvfb(t)
	db := filepath.Join(t.TempDir(), "e2e.db")

	// First start: the setup form, filled in by keyboard alone.
	s := start(t, display, db)
	s.typeText("Switch Owner")
	s.key("Tab")
	s.typeText("owner")
	s.key("Tab")
	s.typeText("correct horse")
	s.key("Tab")
	s.typeText("correct horse")
	s.key("Return") // the setup also makes a first USD tariff
	time.Sleep(time.Second)

	// Add a reseller and a company under it, by keyboard alone.
	addCustomer := func(name, login string) {
		s.key("ctrl+n")
		time.Sleep(500 * time.Millisecond)
		s.typeText(name)
		s.key("Tab", "Tab", "Tab", "Tab") // tariff, time zone, language: their defaults
		s.typeText(login)
		s.key("Tab")
		s.typeText("secret pass")
		s.key("Tab")
		s.typeText("secret pass")
		s.key("Tab", "ctrl+a")
		s.typeText("25.50")
		s.key("Return")
		time.Sleep(800 * time.Millisecond)
	}
	addCustomer("Reseller A", "reseller.a")
	addCustomer("Company C", "company.c") // under the selected Reseller A
	// Adjust the company (F2), then delete it (Delete, Enter) and restore it.
	s.key("F2")
	time.Sleep(500 * time.Millisecond)
	s.key("ctrl+a")
	s.typeText("Company C2")
	s.key("Return")
	time.Sleep(800 * time.Millisecond)
	s.key("Delete")
	time.Sleep(500 * time.Millisecond)
	s.key("Return")
	time.Sleep(800 * time.Millisecond)
	deletedOnce := countArchived(t, db)
	s.key("ctrl+shift+d")
	time.Sleep(500 * time.Millisecond)
	s.key("Return")
	time.Sleep(800 * time.Millisecond)
	s.key("ctrl+q")
	if code := s.wait(15 * time.Second); code != 0 {
		t.Fatalf("exit code %d after Quit; stderr: %s", code, s.stderr)
	}
	if noise := stderrNoise(s.stderr.String()); noise != "" {
		t.Errorf("noise on stderr: %s", noise)
	}

	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	root, err := store.RootSession(context.Background())
	if err != nil {
		t.Fatalf("no root customer after the setup: %v", err)
	}
	c, _ := store.Customer(context.Background(), root, root.CustomerID)
	defer store.Close()
	if c.Name != "Switch Owner" || c.WebLogin != "owner" || c.Language != "en" {
		t.Fatalf("root customer %+v", c)
	}
	if deletedOnce != 1 {
		t.Fatalf("%d customers were deleted by the Delete key, want 1", deletedOnce)
	}
	kids, _ := store.Children(context.Background(), root, root.CustomerID)
	if len(kids) != 1 || kids[0].Name != "Reseller A" || !kids[0].Balance.Equal(decimal.RequireFromString("25.5")) {
		t.Fatalf("root's customers %+v", kids)
	}
	grand, _ := store.Children(context.Background(), root, kids[0].ID)
	if len(grand) != 1 || grand[0].Name != "Company C2" {
		t.Fatalf("Reseller A's customers after adjust, delete and restore: %+v", grand)
	}

	// Second start: the tree; SIGTERM closes the file cleanly.
	s = start(t, display, db)
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := s.wait(15 * time.Second); code != 0 {
		t.Fatalf("exit code %d after SIGTERM; stderr: %s", code, s.stderr)
	}
	if st, err := os.Stat(db + "-wal"); err == nil && st.Size() > 0 {
		t.Fatalf("WAL not checkpointed after SIGTERM: %d bytes", st.Size())
	}
	if _, err := os.Stat(db + "-shm"); err == nil {
		// Harmless on its own, but a clean close removes it.
		t.Logf("shm file left after SIGTERM")
	}
}

// countArchived reads, from the file the program is writing, how many
// customers are archived now.
func countArchived(t *testing.T, db string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM customers WHERE archived_at IS NOT NULL").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// stderrNoise returns what the program printed that it should not have.
// Fyne sometimes reports "Preferences load error: EOF" on the very first
// start in a new home folder (a race inside Fyne while it creates its
// preferences file); that one is left out.
func stderrNoise(stderr string) string {
	var out []string
	skip := 0
	for _, line := range strings.Split(stderr, "\n") {
		switch {
		case strings.Contains(line, "Preferences load error"):
			skip = 2 // its "Cause:" and "At:" lines follow
			continue
		case skip > 0:
			skip--
			continue
		case strings.TrimSpace(line) == "":
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
