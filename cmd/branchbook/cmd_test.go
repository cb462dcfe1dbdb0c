package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/storage"
)

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 0 || !strings.Contains(out.String(), "branchbook demo --db PATH") {
			t.Errorf("%v: exit %d, output %q", args, code, out.String())
		}
	}
	var out bytes.Buffer
	if code := run([]string{"version"}, &out, &out); code != 0 || !strings.Contains(out.String(), version) {
		t.Errorf("version: exit %d, %q", code, out.String())
	}
	var errOut bytes.Buffer
	if code := run([]string{"frobnicate"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "unknown command") {
		t.Errorf("unknown command: exit %d, %q", code, errOut.String())
	}
}

func TestBadDatabaseIsRefusedWithoutAWindow(t *testing.T) {
	t.Setenv("LANG", "C")
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	tests := []struct {
		name, path, want string
	}{
		{"text file", write("notes.txt", "hello, this is not a database at all\n"), "is not a Branchbook database"},
		{"random bytes", write("noise.db", strings.Repeat("\x00\xff\x13\x37", 2048)), "is not a Branchbook database"},
		{"directory", dir, "is a folder, not a database file"},
		{"missing folder", filepath.Join(dir, "missing", "x.db"), "does not exist"},
		{"read-only place", "/proc/branchbook.db", "Cannot open or create"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before []byte
			if st, err := os.Stat(tt.path); err == nil && !st.IsDir() {
				before, _ = os.ReadFile(tt.path)
			}
			var out, errOut bytes.Buffer
			code := run([]string{"--db", tt.path}, &out, &errOut)
			if code == 0 || !strings.Contains(errOut.String(), tt.want) {
				t.Fatalf("exit %d, stderr %q; want non-zero and %q", code, errOut.String(), tt.want)
			}
			if strings.Contains(errOut.String(), "panic") || strings.Contains(errOut.String(), "Fyne error") {
				t.Fatalf("noise on stderr: %q", errOut.String())
			}
			if before != nil {
				after, _ := os.ReadFile(tt.path)
				if !bytes.Equal(before, after) {
					t.Fatal("the refused file was changed")
				}
			}
		})
	}
}

func TestDemoCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"demo", "--db", path, "--customers", "250", "--accounts", "3000", "--entries", "1000"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "250 customers, 3000 accounts and 1000 entries added") || !strings.Contains(out.String(), "100%") {
		t.Fatalf("output %q", out.String())
	}
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	root, err := s.RootSession(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if kids, _ := s.Children(context.Background(), root, root.CustomerID); len(kids) != 40 {
		t.Fatalf("root has %d children, want 40", len(kids))
	}
	if r, err := s.Check(context.Background()); err != nil || !r.OK() || r.Accounts != 3000 {
		t.Fatalf("check of the demo: %+v, %v", r, err)
	}
	if _, err := s.SignIn(context.Background(), "root", storage.DemoRootPassword); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"demo"}, &out, &errOut); code != 2 {
		t.Fatalf("demo without --db: exit %d", code)
	}
}

func TestCheckCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "check.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"demo", "--db", path, "--customers", "50", "--entries", "500"}, &out, &errOut); code != 0 {
		t.Fatalf("demo: %s", errOut.String())
	}
	out.Reset()
	if code := run([]string{"check", "--db", path}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "check passed") {
		t.Fatalf("check on a sound file: exit %d\n%s", code, out.String())
	}
	// Tamper with one cached balance behind the program's back.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE customers SET balance_micros = balance_micros + 10000 WHERE id = (SELECT max(id) FROM customers)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out.Reset()
	if code := run([]string{"check", "--db", path}, &out, &errOut); code != 1 || !strings.Contains(out.String(), "MISMATCH") {
		t.Fatalf("check on a tampered file: exit %d\n%s", code, out.String())
	}
}
