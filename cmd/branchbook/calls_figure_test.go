package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/storage"
)

// figureFile is testdata/calls/figure20.csv, the 20 calls of the manual's
// figure (docs/rating.md, section 7) in the Branchbook layout; when the
// fixture is not in this tree it is written from storage.FigureCalls.
func figureFile(t *testing.T, dir string) string {
	t.Helper()
	const fixture = "../../testdata/calls/figure20.csv"
	if _, err := os.Stat(fixture); err == nil {
		return fixture
	}
	var b strings.Builder
	b.WriteString("call_id,account,caller,called_number,start_time,billed_seconds,answered\n")
	for _, c := range storage.FigureCalls() {
		answered := "no"
		if c.Answered {
			answered = "yes"
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%d,%s\n", c.ID, c.Account, c.Caller, c.Called, c.Start.UTC().Format(time.RFC3339),
			c.Seconds, answered)
	}
	p := filepath.Join(dir, "figure20.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// figureDB is a file holding the manual's figure, closed again.
func figureDB(t *testing.T) (db string, f *storage.Figure) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "figure.db")
	s, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if f, err = storage.SetUpFigure(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return db, f
}

// figureBalances reads the balance of every holder of the figure.
func figureBalances(t *testing.T, db string, f *storage.Figure) map[string]string {
	t.Helper()
	ctx := context.Background()
	s, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for n, id := range f.Customers {
		c, err := s.Customer(ctx, root, id)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = c.Balance.StringFixed(6) + " " + string(c.Currency)
	}
	for n, id := range f.Accounts {
		a, err := s.Account(ctx, root, id)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = a.Balance.StringFixed(6) + " " + string(a.Currency)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
	return out
}

func TestCallsImportFigure(t *testing.T) {
	t.Setenv("LANG", "C")
	db, f := figureDB(t)
	file := figureFile(t, t.TempDir())
	var out, errOut bytes.Buffer
	if code := run([]string{"calls", "import", "--db", db, file}, &out, &errOut); code != exitImported {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out.String(), errOut.String())
	}
	t.Logf("summary:\n%s", out.String())
	for _, want := range []string{
		"figure20.csv: Branchbook layout, times without a zone read in UTC",
		"  calls stored:       20\n",
		"  rated:              16\n",
		"  unrated:            4\n",
		"    No rate for the number:              2\n",
		"    Not a valid called number:           1\n",
		"    Not answered:                        1\n",
		"  duplicates skipped: 0\n",
		"  malformed lines:    0\n",
		"  charged:\n    EUR 1.132500\n    GBP 4.099917\n    USD 0.155484\n",
		"  calls from 2026-11-30 09:00:00 to 2026-12-01 16:00:00 (UTC), 6 entries booked\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the summary has no %q:\n%s", want, out.String())
		}
	}
	// Every holder is charged the figure's total (docs/rating.md, the last table); D, which made no calls, nothing.
	want := map[string]string{"D": "0.000000 EUR"}
	for name, m := range storage.FigureTotals {
		want[name] = m.Amount.Neg().StringFixed(6) + " " + string(m.Currency)
	}
	got := figureBalances(t, db, f)
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: balance %s, want %s", name, got[name], w)
		}
	}

	// Again: 20 duplicates, nothing charged, nothing stored, so exit 1.
	out.Reset()
	if code := run([]string{"calls", "import", "--db", db, file}, &out, &errOut); code != exitNothing ||
		!strings.Contains(out.String(), "  duplicates skipped: 20\n") || !strings.Contains(out.String(), "  charged:            nothing\n") ||
		!strings.Contains(out.String(), "  calls stored:       0\n") {
		t.Fatalf("second import: exit %d\n%s", code, out.String())
	}
	if again := figureBalances(t, db, f); fmt.Sprint(again) != fmt.Sprint(got) {
		t.Fatalf("the second import changed balances: %v, was %v", again, got)
	}
}

// As C, with the password from the environment: C's own calls (c-desk's)
// are imported, e-phone's are not C's, and the summary shows only what C
// and the levels below it were charged, never A's cost.
func TestCallsImportAsCustomer(t *testing.T) {
	t.Setenv("LANG", "C")
	db, f := figureDB(t)
	file := figureFile(t, t.TempDir())
	t.Setenv(passwordEnv, storage.FigurePassword)
	var out, errOut bytes.Buffer
	code := run([]string{"calls", "import", "--db", db, "--as", "fig.C", "--format", "branchbook", file}, &out, &errOut)
	if code != exitImported {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errOut.String())
	}
	if strings.Contains(out.String(), "USD") || !strings.Contains(out.String(), "  charged:\n    EUR 1.132500\n") {
		t.Fatalf("as C, the summary shows:\n%s", out.String())
	}
	got := figureBalances(t, db, f)
	if got["C"] != "-0.252500 EUR" || got["c-desk"] != "-0.880000 EUR" || got["E"] != "0.000000 GBP" {
		t.Fatalf("balances after C's import: %v", got)
	}
}

// A Ctrl-C during the import leaves nothing of it.
func TestCallsImportCancelled(t *testing.T) {
	t.Setenv("LANG", "C")
	db, f := figureDB(t)
	file := figureFile(t, t.TempDir())
	before := figureBalances(t, db, f)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	if code := runCallsImport(ctx, []string{"--db", db, file}, &out, &errOut); code != exitNothing ||
		!strings.Contains(errOut.String(), "interrupted; nothing of this file was imported.") {
		t.Fatalf("exit %d, %q", code, errOut.String())
	}
	if after := figureBalances(t, db, f); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("a cancelled import changed balances: %v, was %v", after, before)
	}
}

// Malformed lines are left out and listed, the first five with their line
// and reason; a refused file beside an imported one makes the exit 3.
func TestCallsImportMalformedLines(t *testing.T) {
	t.Setenv("LANG", "C")
	db, _ := figureDB(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "night.csv")
	text := "call_id,account,caller,called_number,start_time,billed_seconds,answered\n" +
		"n-1,c-desk,,+44 20 7946 0018,2026-11-30 09:00:00,95,yes\n" +
		"n-2,c-desk,,+44 20 7946 0018,2026-11-30 25:00:00,95,yes\n" +
		"n-3,c-desk,,+44 20 7946 0018,2026-11-30 09:00:00,-4,yes\n" +
		"n-4,c-desk,,+44 20 7946 0018,2026-11-30 09:00:00,90000,yes\n" +
		"n-5,c-desk,,+44 20 7946 0018,2026-11-30 09:00:00,12,perhaps\n" +
		"n-6,c-desk,,+44 20 7946 0018,2026-11-30 09:00:00,12,no\n" +
		"n-7,c-desk,\"+44 20 7946 0018,2026-11-30 09:00:00,12,yes\n" +
		"n-8,c-desk,,+44 20 7946 0018,2026-11-30 09:00:00,1.5,yes\n" +
		"n-9,c-desk,,+44 20 7946 0018,2026-11-30 09:01:00,30,yes\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	var out, errOut bytes.Buffer
	code := run([]string{"calls", "import", "--db", db, "--zone", "Europe/Berlin", file, empty}, &out, &errOut)
	t.Logf("summary:\n%s\nstderr:\n%s", out.String(), errOut.String())
	if code != exitPartly {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"night.csv: Branchbook layout, times without a zone read in Europe/Berlin",
		"  calls stored:       2\n",
		"  malformed lines:    7\n",
		"    Line 3: the start time is not a date and time like 2026-11-02 09:15:02.\n",
		"    Line 4: Billed seconds is negative.\n",
		"    Line 5: Billed seconds is longer than a day.\n",
		"    Line 6: answered must be yes or no.\n",
		"    Line 7: an unanswered call has billed seconds.\n",
		"    … and 2 more\n",
		// 08:00 and 08:01 UTC: the times were Berlin's.
		"  calls from 2026-11-30 08:00:00 to 2026-11-30 08:01:00 (UTC)",
		"2 files: 1 imported, 1 refused or failed; 2 calls stored.\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q", want)
		}
	}
	if errOut.String() != "branchbook: "+empty+": The file is empty.\n" {
		t.Errorf("stderr %q", errOut.String())
	}
	// In German, the texts that have translations are German.
	t.Setenv("LANG", "de_DE.UTF-8")
	out.Reset()
	errOut.Reset()
	run([]string{"calls", "import", "--db", db, file, empty}, &out, &errOut)
	if !strings.Contains(out.String(), "Zeile 4: Das Feld „Abgerechnete Sekunden“ ist negativ.") {
		t.Errorf("German summary:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "Die Datei ist leer.") {
		t.Errorf("German stderr %q", errOut.String())
	}
}

// A line of megabytes is one malformed line; the file's first line that
// long is no call file.
func TestCallsImportLongLines(t *testing.T) {
	t.Setenv("LANG", "C")
	db, _ := figureDB(t)
	dir := t.TempDir()
	long := strings.Repeat("9", 3<<20)
	body := "call_id,account,caller,called_number,start_time,billed_seconds,answered\n" +
		"l-1,c-desk,,+44 20 7946 0018,2026-11-30T09:00:00Z,95,yes\n" +
		"l-2,c-desk,," + long + ",2026-11-30T09:00:00Z,95,yes\n" +
		"l-3,c-desk,,+44 20 7946 0018,2026-11-30T09:05:00Z,95,yes\n"
	file := filepath.Join(dir, "long.csv")
	os.WriteFile(file, []byte(body), 0o644)
	first := filepath.Join(dir, "first.csv")
	os.WriteFile(first, []byte(long+"\n"), 0o644)
	var out, errOut bytes.Buffer
	code := run([]string{"calls", "import", "--db", db, file, first}, &out, &errOut)
	if code != exitPartly || !strings.Contains(out.String(), "  calls stored:       2\n") ||
		!strings.Contains(out.String(), "    Line 3 is longer than 64 KiB.\n") ||
		!strings.Contains(errOut.String(), "first.csv: The first line is longer than 64 KiB; this is not a call file.") {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errOut.String())
	}
}

// An Asterisk Master.csv is detected, its local times read in --zone, and
// --format asterisk takes it while --format freeswitch refuses it.
func TestCallsImportAsterisk(t *testing.T) {
	t.Setenv("LANG", "C")
	db, _ := figureDB(t)
	file := filepath.Join(t.TempDir(), "Master.csv")
	body := `"c-desk","1001","4930123456","from-internal","""Alice"" <1001>","SIP/1001-00000001","SIP/trunk-00000002","Dial","SIP/trunk/4930123456,60","2026-11-02 09:15:02","2026-11-02 09:15:09","2026-11-02 09:17:31",149,142,"ANSWERED","DOCUMENTATION","1762074902.1",""` + "\n" +
		`"c-desk","1001","447700900123","from-internal","""Alice"" <1001>","SIP/1001-00000003","SIP/trunk-00000004","Dial","SIP/trunk/447700900123,60","2026-11-02 10:00:00","","2026-11-02 10:00:20",20,0,"NO ANSWER","DOCUMENTATION","1762078400.3",""` + "\n"
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"calls", "import", "--db", db, "--format", "freeswitch", file}, &out, &errOut); code != exitNothing ||
		!strings.Contains(errOut.String(), "The file is not a FreeSWITCH call file.") {
		t.Fatalf("as FreeSWITCH: exit %d, %q", code, errOut.String())
	}
	code := run([]string{"calls", "import", "--db", db, "--format", "asterisk", "--zone", "Europe/Berlin", file}, &out, &errOut)
	if code != exitImported {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errOut.String())
	}
	for _, want := range []string{"Master.csv: Asterisk layout, times without a zone read in Europe/Berlin",
		"  calls stored:       2\n", "  rated:              1\n", "    Not answered:                        1\n",
		"  calls from 2026-11-02 08:15:02 to 2026-11-02 09:00:00 (UTC)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}
