package cdr

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// checkFile reads file as layout (or detects it, with layout "") and
// checks what any file must give: a refusal with a reason, or calls and
// bad records that keep the package's promises. It never fails on what
// the file says, only on a broken promise.
func checkFile(t *testing.T, file string, layout Layout) {
	loc := time.FixedZone("test", 5*3600+1800)
	res, err := readString(t, file, Options{Layout: layout, Location: loc})
	if err != nil {
		if ReasonOf(err) == "" {
			t.Fatalf("refusal without a reason: %v", err)
		}
		return
	}
	if layout != "" && res.layout != layout {
		t.Fatalf("read as %s, asked for %s", res.layout, layout)
	}
	last := 0
	for _, c := range res.calls {
		switch {
		case c.Line <= last:
			t.Fatalf("line %d after line %d", c.Line, last)
		case c.ID == "" || c.DerivedID != strings.HasPrefix(c.ID, derivedPrefix) && c.DerivedID:
			t.Fatalf("line %d: id %q derived %v", c.Line, c.ID, c.DerivedID)
		case c.Start.Location() != time.UTC || c.Start.IsZero():
			t.Fatalf("line %d: start %v", c.Line, c.Start)
		case c.BilledSeconds < 0 || c.BilledSeconds > MaxSeconds:
			t.Fatalf("line %d: %d billed seconds", c.Line, c.BilledSeconds)
		}
		for _, s := range []string{c.ID, c.Account, c.Caller, c.Called} {
			if len(s) > MaxTextLen+len(derivedPrefix)+32 || !utf8.ValidString(s) {
				t.Fatalf("line %d: text %q", c.Line, s)
			}
		}
		last = c.Line
	}
	for _, e := range res.bad {
		if e.Line < 1 || e.Err == nil || e.Reason() == "" {
			t.Fatalf("bad record without a line or reason: %v", e)
		}
	}
	// The same file reads the same way again: ids are stable.
	again, err := readString(t, file, Options{Layout: layout, Location: loc})
	if err != nil || len(again.calls) != len(res.calls) || len(again.bad) != len(res.bad) {
		t.Fatalf("read again: %v, %d calls and %d bad, first %d and %d",
			err, len(again.calls), len(again.bad), len(res.calls), len(res.bad))
	}
	for i, c := range again.calls {
		if c != res.calls[i] {
			t.Fatalf("read again: %v, first %v", c, res.calls[i])
		}
	}
}

// seedLines adds every line of testdata files to a fuzz corpus.
func seedLines(f *testing.F, names ...string) {
	for _, name := range names {
		file, err := os.Open("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		sc := bufio.NewScanner(file)
		for sc.Scan() {
			f.Add(sc.Text())
		}
		file.Close()
	}
}

// Each fuzz test puts the fuzzed line after a good record of its layout,
// so the parser, not detection, meets it.
func FuzzAsterisk(f *testing.F) {
	seedLines(f, "asterisk.csv", "asterisk-noid.csv", "asterisk-bad.csv")
	f.Add(`"a","b","c",,,,,,,"2026-11-02 09:15:02",,,"1","1","ANSWERED",,"1.2",""`)
	f.Fuzz(func(t *testing.T, line string) {
		checkFile(t, goodAsterisk+line+"\n"+goodAsterisk, Asterisk)
	})
}

func FuzzFreeSWITCH(f *testing.F) {
	seedLines(f, "freeswitch.csv")
	f.Add(`"x "y"","1","2","c","2026-11-02 10:00:00","","","-1","0","","","",""`)
	f.Fuzz(func(t *testing.T, line string) {
		checkFile(t, goodFreeSWITCH+line+"\n", FreeSWITCH)
	})
}

func FuzzBranchbook(f *testing.F) {
	seedLines(f, "branchbook.csv", "branchbook-moved.csv")
	f.Add(`"c""1",alice,1,2,2026-11-02T09:15:09+01:00,10,TRUE`)
	f.Add(`,,,,,,`)
	f.Fuzz(func(t *testing.T, line string) {
		checkFile(t, "call_id,account,caller,called_number,start_time,billed_seconds,answered\n"+line+"\n", Branchbook)
	})
}

// FuzzDetect gives whole files to detection and, when one is taken, reads
// it through.
func FuzzDetect(f *testing.F) {
	for _, name := range []string{"asterisk.csv", "asterisk-bad.csv", "freeswitch.csv", "branchbook.csv"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(""))
	f.Add([]byte("\xef\xbb\xbfaccount,called_number,start_time,billed_seconds,answered\r\n"))
	f.Add([]byte(goodAsterisk + goodFreeSWITCH))
	f.Fuzz(func(t *testing.T, data []byte) {
		layout, err := Detect(data)
		if (err == nil) == (layout == "") || err != nil && ReasonOf(err) == "" {
			t.Fatalf("Detect = %q, %v", layout, err)
		}
		checkFile(t, string(data), "")
	})
}
