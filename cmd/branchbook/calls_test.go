package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// callsDB is a demo file with a root and a few customers, and the folder
// it is in.
func callsDB(t *testing.T) (db, dir string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "calls.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"demo", "--db", db, "--customers", "5", "--accounts", "10"}, &out, &errOut); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut.String())
	}
	return db, dir
}

// rowCounts counts the rows of the tables an import writes.
func rowCounts(t *testing.T, db string) string {
	t.Helper()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var b strings.Builder
	rows, err := conn.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	for _, name := range tables {
		var n int
		if err := conn.QueryRow(`SELECT count(*) FROM "` + name + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d ", name, n)
	}
	return b.String()
}

func TestCallsImportRefusesWhatIsNoCallFile(t *testing.T) {
	t.Setenv("LANG", "C")
	db, dir := callsDB(t)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	branchbook := write("calls.csv", []byte("account,called_number,start_time,billed_seconds,answered\nu1,441,2026-11-02 10:00:00,5,yes\n"))
	tests := []struct {
		name string
		args []string
		want string
		code int
	}{
		{"empty", []string{write("empty.csv", nil)}, "The file is empty.", exitNothing},
		{"blank lines", []string{write("blank.csv", []byte("\n\r\n  \n"))}, "The file is empty.", exitNothing},
		{"binary", []string{write("sheet.xlsx", []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"))}, "This is not a text file of call records.", exitNothing},
		{"rates file", []string{write("rates.csv", []byte("prefix,description,price\n44,United Kingdom,0.01\n"))},
			"The file is not an Asterisk, FreeSWITCH or Branchbook call file (fields in its first line: 3).", exitNothing},
		{"another format", []string{"--format", "freeswitch", branchbook}, "The file is not a FreeSWITCH call file.", exitNothing},
		{"missing column", []string{write("nostart.csv", []byte("account,called_number,billed_seconds,answered\nu1,44,1,yes\n"))},
			"The file has no start_time column.", exitNothing},
		{"no such file", []string{filepath.Join(dir, "nope.csv")}, "there is no such file.", exitNothing},
		{"folder", []string{dir}, "this is a folder, not a file of call records.", exitNothing},
	}
	before := rowCounts(t, db)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(append([]string{"calls", "import", "--db", db}, tt.args...), &out, &errOut)
			if code != tt.code || !strings.Contains(errOut.String(), tt.want) {
				t.Fatalf("exit %d, stderr %q, stdout %q; want %d and %q", code, errOut.String(), out.String(), tt.code, tt.want)
			}
			if after := rowCounts(t, db); after != before {
				t.Fatalf("the file changed: %s, was %s", after, before)
			}
		})
	}
	// Two refused files: both reported, one line each.
	var out, errOut bytes.Buffer
	code := run([]string{"calls", "import", "--db", db, filepath.Join(dir, "empty.csv"), filepath.Join(dir, "rates.csv")}, &out, &errOut)
	if code != exitNothing || strings.Count(errOut.String(), "\n") != 2 || !strings.Contains(out.String(), "2 files: 0 imported, 2 refused") {
		t.Fatalf("two refused files: exit %d, stderr %q, stdout %q", code, errOut.String(), out.String())
	}
}

func TestCallsImportUsage(t *testing.T) {
	t.Setenv("LANG", "C")
	t.Setenv(passwordEnv, "")
	db, dir := callsDB(t)
	file := filepath.Join(dir, "x.csv")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"calls"}, "branchbook calls import --db PATH"},
		{[]string{"calls", "export"}, "branchbook calls import --db PATH"},
		{[]string{"calls", "import", file}, "give --db PATH"},
		{[]string{"calls", "import", "--db", db}, "give at least one FILE"},
		{[]string{"calls", "import", "--db", db, "--format", "cisco", file}, `--format "cisco" is not`},
		{[]string{"calls", "import", "--db", db, "--zone", "Mars/Olympus", file}, `--zone "Mars/Olympus" is not a time zone`},
		{[]string{"calls", "import", "--db", db, "--as", "c2", file}, "BRANCHBOOK_PASSWORD"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if code := run(tt.args, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut.String(), tt.want)
		}
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"calls", "import", "--db", filepath.Join(dir, "missing.db"), file}, &out, &errOut); code != exitNothing ||
		!strings.Contains(errOut.String(), "does not exist") {
		t.Errorf("missing database: exit %d, %q", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("a missing database was created")
	}
	t.Setenv(passwordEnv, "wrong")
	if code := run([]string{"calls", "import", "--db", db, "--as", "root", file}, &out, &errOut); code != exitNothing ||
		!strings.Contains(errOut.String(), "The login or the password is not right.") {
		t.Errorf("wrong password: exit %d, %q", code, errOut.String())
	}
	if code := run([]string{"calls", "help"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "Exit status") {
		t.Errorf("calls help: exit %d", code)
	}
}

func TestDemoCalls(t *testing.T) {
	t.Setenv("LANG", "C")
	path := filepath.Join(t.TempDir(), "demo.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"demo", "--db", path, "--customers", "30", "--accounts", "200", "--calls", "3000"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	text := out.String()
	if !strings.Contains(text, "3000/3000") || !strings.Contains(text, "3000 calls of 200 accounts imported in") ||
		!strings.Contains(text, "unanswered") || !strings.Contains(text, "Root login: root") {
		t.Fatalf("output %q", text)
	}
	// Most calls are rated: the decks have every destination at every level.
	var rated int
	if _, err := fmt.Sscanf(text[strings.Index(text, "imported in"):], "imported in %s (%s a second): %d rated", new(string), new(string), &rated); err != nil ||
		rated < 1500 {
		t.Fatalf("%d rated (%v): %q", rated, err, text)
	}
	out.Reset()
	if code := run([]string{"check", "--db", path}, &out, &errOut); code != 0 {
		t.Fatalf("check after the demo's calls: %s", out.String())
	}
	// The same seed again: the same calls, all duplicates.
	out.Reset()
	if code := run([]string{"demo", "--db", path, "--customers", "0", "--calls", "500"}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "0 calls of 200 accounts imported") || !strings.Contains(out.String(), "500 duplicates") {
		t.Fatalf("again: exit %d, %q, %q", code, out.String(), errOut.String())
	}
	// Calls need accounts.
	errOut.Reset()
	empty := filepath.Join(t.TempDir(), "empty.db")
	if code := run([]string{"demo", "--db", empty, "--customers", "3", "--calls", "10"}, &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "no accounts to make calls") {
		t.Fatalf("calls without accounts: exit %d, %q", code, errOut.String())
	}
}

// TestDemoFigureThenItsCalls builds the manual's figure with demo --figure,
// imports its 20 calls through the command and finds the totals of
// docs/rating.md section 7; a second --figure on the same file is refused.
func TestDemoFigureThenItsCalls(t *testing.T) {
	t.Setenv("LANG", "C")
	db := filepath.Join(t.TempDir(), "figure.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"demo", "--figure", "--db", db}, &out, &errOut); code != 0 {
		t.Fatalf("demo --figure: exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "fig.A") {
		t.Fatalf("demo --figure does not name the logins: %s", out.String())
	}
	out.Reset()
	csv := filepath.Join("..", "..", "testdata", "calls", "figure20.csv")
	if code := run([]string{"calls", "import", "--db", db, csv}, &out, &errOut); code != 0 {
		t.Fatalf("calls import: exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"EUR 1.132500", "GBP 4.099917", "USD 0.155484"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the summary lacks %s:\n%s", want, out.String())
		}
	}
	if code := run([]string{"check", "--db", db}, &out, &errOut); code != 0 {
		t.Fatalf("check after the figure's calls: exit %d: %s", code, errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"demo", "--figure", "--db", db}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "already") {
		t.Fatalf("a second demo --figure: exit %d: %s", code, errOut.String())
	}
}
