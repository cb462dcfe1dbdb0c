package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWindowsInWine starts the Windows release build under Wine in a
// private X server and uses it as a clerk would: the first-run setup, a
// customer, a Maintenance entry, Quit. The Linux build then checks the
// file the Windows build wrote (the format is the same on both systems).
// It also runs once without --db, which must make the database in
// %APPDATA%\fyne\app.branchbook\.
//
// It runs only when BRANCHBOOK_WINE_EXE names the .exe, as "make
// dist-check" does (after installing Wine). BRANCHBOOK_WINE_SCREENSHOT,
// when set, is where a PNG of the main window is saved (ImageMagick's
// import takes it); "make screenshot-windows" sets it.
//
// Wine 8.0 (Debian 12) lacks bcryptprimitives.dll, which Windows 10 and
// 11 have and Go 1.24+ needs before main; testdata/wine holds a stand-in
// that is built here and copied into the throwaway prefix only.
func TestWindowsInWine(t *testing.T) {
	exe := os.Getenv("BRANCHBOOK_WINE_EXE")
	if exe == "" {
		t.Skip("BRANCHBOOK_WINE_EXE is not set; make dist-check sets it to dist/Branchbook.exe")
	}
	exe, err := filepath.Abs(exe)
	if err != nil {
		t.Fatal(err)
	}
	cc := os.Getenv("WINDOWS_CC")
	if cc == "" {
		cc = "x86_64-w64-mingw32-gcc"
	}
	for _, tool := range []string{"wine", "wineserver", "Xvfb", "xdotool", cc} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing; make dist-check installs it", tool)
		}
	}
	began := time.Now()
	tmp := t.TempDir()
	noStandIn(t, exe)

	dll := filepath.Join(tmp, "bcryptprimitives.dll")
	if out, err := exec.Command(cc, "-shared", "-O2", "-s", "-o", dll,
		filepath.Join("testdata", "wine", "bcryptprimitives-standin.c"), "-lbcrypt").CombinedOutput(); err != nil {
		t.Fatalf("building the bcryptprimitives.dll stand-in: %v\n%s", err, out)
	}

	x := xvfb(t)
	w := newWinePrefix(t, x, filepath.Join(tmp, "prefix"), filepath.Join(tmp, "home"))
	if err := copyFile(dll, filepath.Join(w.prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")); err != nil {
		t.Fatal(err)
	}
	t.Logf("Wine prefix ready: %s", time.Since(began).Round(time.Millisecond))

	// 1. No --db: the data folder under %APPDATA%, with the daily backup
	// beside the file.
	s := launch(t, x, w.command(exe, "--trace-startup"))
	appData, _ := filepath.Glob(filepath.Join(w.prefix, "drive_c", "users", "*", "AppData", "Roaming"))
	if len(appData) != 1 {
		t.Fatalf("no single AppData\\Roaming folder in the prefix: %v", appData)
	}
	defaultDB := filepath.Join(appData[0], "fyne", appID, "branchbook.db")
	s.waitFor(`branchbook.db in %APPDATA%\fyne\`+appID, func() (bool, error) { return exists(defaultDB), nil })
	s.waitFor(`a daily backup in %APPDATA%\fyne\`+appID+`\backups`, func() (bool, error) {
		m, err := filepath.Glob(filepath.Join(filepath.Dir(defaultDB), "backups", "branchbook-*-daily.db"))
		return len(m) == 1, err
	})
	wantTitle(t, s, "Branchbook — branchbook.db")
	// Under Wine a key sent the moment the window appears can come before
	// Windows has given the window the keyboard focus, and is then lost;
	// Ctrl+Q is sent again until the program has exited.
	s.quitByKey()
	if code := s.wait(); code != 0 {
		t.Fatalf("exit code %d after Quit on the setup form; stderr: %s", code, s.stderr)
	}
	w.idle()

	// 2. --db with a drive letter, backslashes and letters beyond ASCII.
	// Wine's Z: is the Unix root.
	dir := filepath.Join(tmp, "Bücher")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "Ünïcode bücher.db")
	winDB := `Z:` + strings.ReplaceAll(db, "/", `\`)
	s = launch(t, x, w.command(exe, "--db", winDB, "--trace-startup"))
	wantTitle(t, s, "Branchbook — Ünïcode bücher.db")
	// xdotool types letters beyond ASCII through a key it remaps for the
	// moment, which Wine's keyboard map does not know: the typed names
	// are ASCII; the path above is not.
	s.typeText("Switch Owner")
	s.key("Tab")
	s.typeText("owner")
	s.key("Tab")
	s.typeText("correct horse")
	s.key("Tab")
	s.typeText("correct horse")
	s.key("Return")
	s.customer(db, "the root customer", "Enter in the setup form", "parent_id IS NULL AND name = ?", "Switch Owner")
	s.waitStderr("startup: tree rows loaded")

	s.key("ctrl+n")
	s.typeText("Cafe Zurich")
	s.key("Tab", "Tab", "Tab", "Tab") // tariff, time zone, language: their defaults
	s.typeText("cafe.zurich")
	s.key("Tab")
	s.typeText("secret pass")
	s.key("Tab")
	s.typeText("secret pass")
	s.key("Tab", "ctrl+a")
	s.typeText("25.50")
	s.key("Return")
	cafe := s.customer(db, `customer "Cafe Zurich"`, "Enter in the Add customer form", "name = ?", "Cafe Zurich")

	// Maintenance on the new customer, selected with it: Add Funds, 10.
	s.key("ctrl+m")
	s.typeText("10")
	s.key("Return")
	s.waitFor("the Add Funds entry of 10 in the file after Enter in the Maintenance form", func() (bool, error) {
		n, err := countEntries(db, cafe.ID, "add_funds", 10_000_000)
		return n == 1, err
	})
	if path := os.Getenv("BRANCHBOOK_WINE_SCREENSHOT"); path != "" {
		screenshot(t, s, path)
	}
	s.quitByKey()
	if code := s.wait(); code != 0 {
		t.Fatalf("exit code %d after Quit; stderr: %s", code, s.stderr)
	}
	if noise := stderrNoise(s.stderr.String()); noise != "" {
		t.Errorf("noise on stderr: %s", noise)
	}
	t.Logf("Windows build under Wine: %s", time.Since(began).Round(time.Millisecond))

	// The file, read by the Linux build.
	if st, err := os.Stat(db + "-wal"); err == nil && st.Size() > 0 {
		t.Fatalf("WAL not checkpointed after Quit: %d bytes", st.Size())
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", "Ünïcode bücher-*-daily.db"))
	if len(backups) != 1 {
		t.Fatalf("daily backups beside %s: %v, want one", db, backups)
	}
	out, err := exec.Command(binary(t), "check", "--db", db).CombinedOutput()
	if err != nil {
		t.Fatalf("branchbook check on the file the Windows build wrote: %v\n%s", err, out)
	}
	t.Logf("branchbook check (Linux build): %s", strings.TrimSpace(strings.ReplaceAll(string(out), "\n", "; ")))
	var name, login string
	var balance int64
	err = queryFile(db, func(conn *sql.DB) error {
		return conn.QueryRow(`SELECT c.name, c.web_login, c.balance_micros FROM customers c
			JOIN customers p ON p.id = c.parent_id AND p.parent_id IS NULL AND p.name = 'Switch Owner'
			WHERE c.id = ?`, cafe.ID).Scan(&name, &login, &balance)
	})
	if err != nil || name != "Cafe Zurich" || login != "cafe.zurich" || balance != 35_500_000 {
		t.Fatalf("customer under the root: %q %q %d micros (%v), want Cafe Zurich, cafe.zurich, 35.50", name, login, balance, err)
	}
	if n, err := countEntries(db, cafe.ID, "opening", 25_500_000); n != 1 || err != nil {
		t.Fatalf("%d opening entries of 25.50 (%v), want 1", n, err)
	}
	t.Logf("the file holds Cafe Zurich under Switch Owner with its opening balance 25.50 and Add Funds 10.00")
	noStandIn(t, exe)
}

// winePrefix is a throwaway Wine prefix.
type winePrefix struct {
	t      *testing.T
	prefix string
	env    []string
	// netns starts each Wine program without network (a network
	// namespace of its own, with the same user), when unshare can.
	netns bool
}

// newWinePrefix makes a prefix in dir, with Wine's own windows in a
// virtual desktop (which draws the title bar, as Windows does, where no
// window manager runs), and stops its wineserver when the test ends.
func newWinePrefix(t *testing.T, x *xserver, dir, home string) *winePrefix {
	t.Helper()
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}
	w := &winePrefix{t: t, prefix: dir}
	w.env = append(os.Environ(),
		"WINEPREFIX="+dir,
		"WINEDEBUG=-all",
		// No Mono or Gecko (each would offer a download), no menu entries
		// or file associations written into home.
		"WINEDLLOVERRIDES=mscoree,mshtml=;winemenubuilder.exe=d",
		"DISPLAY="+x.display,
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"),
		// UTF-8, so that Wine reads the path on the command line right;
		// the program's language is English.
		"LANG=C.UTF-8", "LC_ALL=C.UTF-8",
	)
	if out, err := exec.Command("unshare", "--map-current-user", "--net", "true").CombinedOutput(); err == nil {
		w.netns = true
	} else {
		t.Logf("Wine runs with the network (unshare --net: %v %s); Mono and Gecko are off, so it asks for nothing", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() {
		cmd := exec.Command("wineserver", "-k")
		cmd.Env = w.env
		cmd.Run()
	})
	start := time.Now()
	w.run("wineboot", "--init")
	w.run("reg", "add", `HKCU\Software\Wine\Explorer`, "/v", "Desktop", "/d", "Default", "/f")
	w.run("reg", "add", `HKCU\Software\Wine\Explorer\Desktops`, "/v", "Default", "/d", "1280x800", "/f")
	w.idle()
	t.Logf("wineboot --init: %s", time.Since(start).Round(time.Millisecond))
	return w
}

// command is wine running program with args in the prefix.
func (w *winePrefix) command(program string, args ...string) *exec.Cmd {
	argv := append([]string{"wine", program}, args...)
	if w.netns {
		argv = append([]string{"unshare", "--map-current-user", "--net"}, argv...)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = w.env
	return cmd
}

// run runs a Wine program to its end, within e2eTimeout twice over (the
// first wineboot is slow).
func (w *winePrefix) run(program string, args ...string) {
	w.t.Helper()
	cmd := w.command(program, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			w.t.Fatalf("wine %s %s: %v\n%s", program, strings.Join(args, " "), err, out.String())
		}
	case <-time.After(2 * e2eTimeout):
		cmd.Process.Kill()
		<-done
		w.t.Fatalf("wine %s %s did not end within %s\n%s", program, strings.Join(args, " "), 2*e2eTimeout, out.String())
	}
}

// idle waits until no Wine program runs in the prefix: the virtual
// desktop of a program that has just ended must be gone before the next
// program starts, or that one may fail to make its window.
func (w *winePrefix) idle() {
	w.t.Helper()
	cmd := exec.Command("wineserver", "-w")
	cmd.Env = w.env
	if out, err := cmd.CombinedOutput(); err != nil {
		w.t.Fatalf("wineserver -w: %v\n%s", err, out)
	}
}

// quitByKey presses Ctrl+Q, again every five seconds while the program
// runs, up to e2eTimeout.
func (s *session) quitByKey() {
	s.t.Helper()
	deadline := time.Now().Add(e2eTimeout)
	for time.Now().Before(deadline) {
		s.key("ctrl+q")
		select {
		case <-s.exited:
			return
		case <-time.After(5 * time.Second):
			s.t.Logf("still running 5 s after Ctrl+Q; pressing it again")
		}
	}
}

// wantTitle checks the window's title as Wine gives it to X (from
// SetWindowTextW).
func wantTitle(t *testing.T, s *session, want string) {
	t.Helper()
	s.waitFor(fmt.Sprintf("the window title %q", want), func() (bool, error) {
		out, err := s.xdotool("getwindowname", s.window)
		if err != nil {
			return false, err
		}
		if got := strings.TrimSpace(out); got != want {
			return false, fmt.Errorf("the title is %q", got)
		}
		return true, nil
	})
}

// screenshot saves Wine's desktop, with the window and the title bar Wine
// draws for it (title and icon), as a PNG once two captures in a row are
// the same. It shows the Details tab: a click on the History tab does not
// reach the window in Wine's virtual desktop.
func screenshot(t *testing.T, s *session, path string) {
	t.Helper()
	if _, err := exec.LookPath("import"); err != nil {
		t.Fatal("import (ImageMagick) is missing: apt-get install imagemagick")
	}
	out, err := s.xdotool("search", "--name", "Wine desktop$")
	ids := strings.Fields(out)
	if err != nil || len(ids) == 0 {
		t.Fatalf("no Wine desktop window: %v", err)
	}
	desktop := ids[0]
	capture := func() ([]byte, error) {
		cmd := exec.Command("import", "-window", desktop, "-depth", "8", "rgb:-")
		cmd.Env = append(os.Environ(), "DISPLAY="+s.x.display)
		return cmd.Output()
	}
	var last []byte
	s.waitFor("the screen to settle for the screenshot", func() (bool, error) {
		img, err := capture()
		if err != nil {
			return false, err
		}
		same := bytes.Equal(img, last)
		last = img
		return same, nil
	})
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("import", "-window", desktop, "-strip", path)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.x.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import: %v %s", err, out)
	}
	t.Logf("screenshot: %s", path)
}

// countEntries counts the entries of a kind and amount (in micros) that a
// customer has in the file.
func countEntries(db string, customer int64, kind string, micros int64) (n int, err error) {
	err = queryFile(db, func(conn *sql.DB) error {
		return conn.QueryRow("SELECT count(*) FROM entries WHERE customer_id = ? AND kind = ? AND entered_micros = ?",
			customer, kind, micros).Scan(&n)
	})
	return n, err
}

// standInMark is in the stand-in DLL only.
const standInMark = "Branchbook Wine test stand-in"

// noStandIn makes sure the stand-in DLL went into no package: not into
// the .exe, not beside it in dist/, not into the Linux tar.xz.
func noStandIn(t *testing.T, exe string) {
	t.Helper()
	raw, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(standInMark)) {
		t.Fatalf("%s holds the test-only bcryptprimitives.dll stand-in", exe)
	}
	files, err := os.ReadDir(filepath.Dir(exe))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p := filepath.Join(filepath.Dir(exe), f.Name())
		if strings.Contains(strings.ToLower(f.Name()), "bcryptprimitives") {
			t.Fatalf("%s is beside the .exe; the stand-in must not be shipped", p)
		}
		if strings.HasSuffix(f.Name(), ".tar.xz") {
			names, err := exec.Command("tar", "-tJf", p).Output()
			if err != nil {
				t.Fatalf("tar -tJf %s: %v", p, err)
			}
			content, err := exec.Command("xz", "-dc", p).Output()
			if err != nil {
				t.Fatalf("xz -dc %s: %v", p, err)
			}
			if bytes.Contains(bytes.ToLower(names), []byte("bcryptprimitives")) || bytes.Contains(content, []byte(standInMark)) {
				t.Fatalf("%s holds the test-only bcryptprimitives.dll stand-in", p)
			}
		}
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
