package cdr

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

func TestDetectTestdata(t *testing.T) {
	for name, want := range map[string]Layout{
		"asterisk.csv": Asterisk, "asterisk-noid.csv": Asterisk, "asterisk-bad.csv": Asterisk,
		"freeswitch.csv": FreeSWITCH, "branchbook.csv": Branchbook, "branchbook-moved.csv": Branchbook,
	} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := Detect(data); got != want || err != nil {
			t.Errorf("Detect(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
}

const goodFreeSWITCH = `"Bob","1002","447700900123","default","2026-11-02 10:00:00","2026-11-02 10:00:05","2026-11-02 10:01:10","70","65","NORMAL_CLEARING","6f1c2d3e","","1002","PCMU","PCMU"` + "\n"

func TestDetectRefuses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		file   string
		code   model.Code
		reason Reason
	}{
		{"nothing", "", model.CodeRequired, ReasonEmpty},
		{"blank lines", "\n \r\n\t\n", model.CodeRequired, ReasonEmpty},
		{"only a byte order mark", "\xef\xbb\xbf", model.CodeRequired, ReasonEmpty},
		{"database", "SQLite format 3\x00\x10\x00\x01\x01", model.CodeInvalid, ReasonBinary},
		{"zip (xlsx)", "PK\x03\x04\x14\x00\x06\x00", model.CodeInvalid, ReasonBinary},
		{"UTF-16", "\xff\xfec\x00a\x00l\x00l\x00", model.CodeInvalid, ReasonBinary},
		{"control bytes further on", "%PDF-1.7\n" + strings.Repeat("\x01\x02\x03x", 50), model.CodeInvalid, ReasonBinary},
		{"rates file", "prefix,description,price\n49,Germany,0.02\n", model.CodeInvalid, ReasonUnknownLayout},
		{"16 columns of no call", strings.Repeat("a,", 15) + "a\n", model.CodeInvalid, ReasonUnknownLayout},
		{"Asterisk of 19 columns", strings.TrimSuffix(goodAsterisk, "\n") + `,"","1"` + "\n", model.CodeInvalid, ReasonUnknownLayout},
		{"text", "Dear customer,\nhere are the calls.\n", model.CodeInvalid, ReasonUnknownLayout},
		{"two layouts", goodAsterisk + goodFreeSWITCH, model.CodeAmbiguous, ReasonAmbiguousLayout},
		{"header without answered", "call_id,account,called_number,start_time,billed_seconds\n", model.CodeRequired, ReasonMissingColumn},
		{"header twice a column", "account,Account,called number,start time,billed seconds,answered\n", model.CodeDuplicate, ReasonDuplicateColumn},
	} {
		_, err := Detect([]byte(tc.file))
		t.Run(tc.name, func(t *testing.T) { wantFileError(t, err, tc.code, tc.reason) })
		// NewReader refuses it the same way, before any record.
		_, err = NewReader(strings.NewReader(tc.file), Options{Location: time.UTC})
		t.Run(tc.name+" reader", func(t *testing.T) { wantFileError(t, err, tc.code, tc.reason) })
	}
}

// A first record the switch cut short does not hide the layout of the
// lines after it; it is then reported as a bad record.
func TestDetectPastACutFirstRecord(t *testing.T) {
	file := `"1001","1001","49301` + "\n" + goodAsterisk
	res, err := readString(t, file, Options{})
	if err != nil || res.layout != Asterisk || len(res.calls) != 1 {
		t.Fatalf("%v %s %v", err, res.layout, res.calls)
	}
	checkBad(t, res.bad, []wantRow{{1, model.CodeInvalid, "", ReasonQuotes}})
}

// The named details of a refusal: the first line's fields, the column.
func TestDetectParams(t *testing.T) {
	_, err := Detect([]byte("a,b,c\n"))
	var e *model.Error
	if !errors.As(err, &e) || e.Params["fields"] != 3 {
		t.Errorf("%v: want fields 3", err)
	}
	_, err = Detect([]byte("account,called_number,start_time,answered\n"))
	if !errors.As(err, &e) || e.Params["column"] != "billed_seconds" {
		t.Errorf("%v: want column billed_seconds", err)
	}
}

// --format: a file of the layout asked for is read, another is refused.
func TestWantedLayout(t *testing.T) {
	for _, tc := range []struct {
		file string
		want Layout
		ok   bool
	}{
		{goodAsterisk, Asterisk, true},
		{goodAsterisk, FreeSWITCH, false},
		{goodAsterisk, Branchbook, false},
		{goodFreeSWITCH, FreeSWITCH, true},
		{goodFreeSWITCH, Asterisk, false},
		{"account,called_number,start_time,billed_seconds,answered\n", Branchbook, true},
		{"account,called_number,start_time,billed_seconds,answered\n", Asterisk, false},
	} {
		rd, err := NewReader(strings.NewReader(tc.file), Options{Layout: tc.want, Location: time.UTC})
		if tc.ok {
			if err != nil || rd.Layout() != tc.want {
				t.Errorf("%s as %s: %v", tc.file[:20], tc.want, err)
			}
			continue
		}
		if ReasonOf(err) != ReasonNotLayout {
			t.Errorf("%s as %s: %v, want %s", tc.file[:20], tc.want, err, ReasonNotLayout)
		}
	}
	if _, err := NewReader(strings.NewReader(goodAsterisk), Options{Layout: "cisco", Location: time.UTC}); err == nil {
		t.Error("layout cisco accepted")
	}
}

func TestNilLocationRefused(t *testing.T) {
	if _, err := NewReader(strings.NewReader(goodAsterisk), Options{}); err == nil {
		t.Error("a nil Location accepted")
	}
}

// endless gives the same line for ever.
type endless struct {
	line []byte
	off  int
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], e.line[e.off:])
		n += c
		e.off = (e.off + c) % len(e.line)
	}
	return n, nil
}

func TestScanStopsWhenCancelled(t *testing.T) {
	rd, err := NewReader(&endless{line: []byte(goodAsterisk)}, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n, err := rd.Scan(ctx, func(c Call) error {
		if c.Line == 1000 {
			cancel()
		}
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) || n.Calls < 1000 || n.Calls > 1000+checkCancelEvery {
		t.Errorf("Scan = %+v, %v; want context.Canceled soon after 1000 calls", n, err)
	}
}

// An error from the callback stops Scan and is returned as it is.
func TestScanStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	rd, err := NewReader(strings.NewReader(goodAsterisk+goodAsterisk), Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	n, err := rd.Scan(context.Background(), func(Call) error { return stop }, nil)
	if !errors.Is(err, stop) || n.Calls != 1 {
		t.Errorf("Scan = %+v, %v", n, err)
	}
}

// failing gives its data, then an error.
type failing struct {
	data *strings.Reader
	err  error
}

func (f *failing) Read(p []byte) (int, error) {
	if f.data.Len() == 0 {
		return 0, f.err
	}
	return f.data.Read(p)
}

func TestReadErrorStopsScan(t *testing.T) {
	broken := errors.New("disk gone")
	// More than the sample, so the error comes after NewReader.
	data := strings.Repeat(goodAsterisk, 2*MaxLineLen/len(goodAsterisk))
	rd, err := NewReader(&failing{data: strings.NewReader(data), err: broken}, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	n, err := rd.Scan(context.Background(), func(Call) error { return nil }, nil)
	if want := 2 * MaxLineLen / len(goodAsterisk); !errors.Is(err, broken) || n.Calls != want {
		t.Errorf("Scan = %+v, %v; want %d calls then the read error", n, err, want)
	}
	if _, err := rd.Next(); !errors.Is(err, broken) {
		t.Errorf("Next after the error = %v", err)
	}
	// A reader that fails at once fails NewReader.
	if _, err := NewReader(&failing{data: strings.NewReader(""), err: broken}, Options{Location: time.UTC}); !errors.Is(err, broken) {
		t.Errorf("NewReader = %v", err)
	}
}

// Progress may be read from another goroutine while Scan runs, and ends at
// the file's size.
func TestProgress(t *testing.T) {
	data := bytes.Repeat([]byte(goodAsterisk), 5000)
	rd, err := NewReader(bytes.NewReader(data), Options{Location: time.UTC, Size: int64(len(data))})
	if err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	done := make(chan int64)
	go func() {
		var last int64
		for !stop.Load() {
			read, total := rd.Progress()
			if read < last || total != int64(len(data)) || read > total {
				t.Errorf("progress %d of %d after %d", read, total, last)
			}
			last = read
		}
		done <- last
	}()
	_, err = rd.Scan(context.Background(), func(Call) error { return nil }, nil)
	stop.Store(true)
	<-done
	if read, total := rd.Progress(); err != nil || read != total {
		t.Errorf("Scan: %v; progress %d of %d", err, read, total)
	}
}

// Next at the end says io.EOF, again and again.
func TestNextAtEnd(t *testing.T) {
	rd, err := NewReader(strings.NewReader(goodAsterisk), Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Next(); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := rd.Next(); err != io.EOF {
			t.Errorf("Next = %v, want io.EOF", err)
		}
	}
}
