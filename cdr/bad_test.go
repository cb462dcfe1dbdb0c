package cdr

import (
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// wantRow is a record left out: its line, code, field and reason.
type wantRow struct {
	line   int
	code   model.Code
	field  string
	reason Reason
}

func checkBad(t *testing.T, got []*RowError, want []wantRow) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d bad records, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line || g.Err.Code != w.code || g.Err.Field != w.field || g.Reason() != w.reason {
			t.Errorf("bad record %v, want line %d %s on %q (%s)", g, w.line, w.code, w.field, w.reason)
		}
	}
}

// Every kind of bad record in one Asterisk file: each is left out with
// its line and reason, and the good ones around them are read.
func TestAsteriskBadRows(t *testing.T) {
	res := readFile(t, "asterisk-bad.csv", Options{Location: time.UTC})
	checkBad(t, res.bad, []wantRow{
		{2, model.CodeInvalid, "", ReasonFieldCount},
		{3, model.CodeInvalid, FieldStart, ReasonTime},
		{4, model.CodeOutOfRange, FieldDuration, ReasonNegative},
		{5, model.CodeOutOfRange, FieldBilled, ReasonOverMax},
		{6, model.CodeOutOfRange, FieldBilled, ReasonOverDuration},
		{7, model.CodeInvalid, FieldBilled, ReasonNumber},
		{8, model.CodeInvalid, "", ReasonFieldCount}, // a quote left open swallows a comma
		{9, model.CodeRequired, FieldStart, ReasonRequired},
		{11, model.CodeInvalidChars, FieldCaller, ReasonUTF8},
		{12, model.CodeInvalidChars, "", ReasonNUL},
	})
	var lines []int
	for _, c := range res.calls {
		lines = append(lines, c.Line)
	}
	if len(lines) != 3 || lines[0] != 1 || lines[1] != 10 || lines[2] != 13 {
		t.Errorf("calls on lines %v, want 1, 10, 13 (the last without a line break)", lines)
	}
}

func TestBranchbookBadRows(t *testing.T) {
	file := "call_id,account,caller,called_number,start_time,billed_seconds,answered\n" +
		"a1,alice,1,2,2026-11-02T09:15:09Z,10,maybe\n" +
		"a2,alice,1,2,2026-11-02T09:15:09Z,10,\n" +
		"a3,alice,1,2,2026-11-02T09:15:09Z,10,no\n" +
		"a4," + strings.Repeat("x", MaxTextLen+1) + ",1,2,2026-11-02T09:15:09Z,10,yes\n" +
		"a5,alice,1,2,2026-11-02T25:15:09Z,10,yes\n" +
		"a6,alice,1,2,2026-11-02T09:15:09+25:00,10,yes\n" +
		"a7,alice,1,2,02.11.2026 09:15,10,yes\n" +
		"a8,alice,1,2,2026-11-02T09:15:09Z,,yes\n" +
		"a9,alice,1,2,2026-11-02T09:15:09Z,99999999999999999999,yes\n" +
		"a10,alice,1,2,2026-11-02T09:15:09Z,-99999999999999999999,yes\n" +
		"a11,alice,1,2,2026-11-02T09:15:09Z,10,yes,extra\n" +
		"a12,alice,1,\"2\"x,2026-11-02T09:15:09Z,10,yes\n" +
		"a13,alice,1,2\"3,2026-11-02T09:15:09Z,10,yes\n" +
		"a14,alice,1,\"2,2026-11-02T09:15:09Z,10,yes\n" +
		"a15,alice,1,2,2026-11-02T09:15:09Z,86400,yes\n"
	res, err := readString(t, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkBad(t, res.bad, []wantRow{
		{2, model.CodeInvalid, FieldAnswered, ReasonAnswered},
		{3, model.CodeRequired, FieldAnswered, ReasonRequired},
		{4, model.CodeMismatch, FieldBilled, ReasonBilledUnanswered},
		{5, model.CodeTooLong, FieldAccount, ReasonTextTooLong},
		{6, model.CodeInvalid, FieldStart, ReasonTime},
		{7, model.CodeInvalid, FieldStart, ReasonTime},
		{8, model.CodeInvalid, FieldStart, ReasonTime},
		{9, model.CodeRequired, FieldBilled, ReasonRequired},
		{10, model.CodeOutOfRange, FieldBilled, ReasonOverMax},
		{11, model.CodeOutOfRange, FieldBilled, ReasonNegative},
		{12, model.CodeInvalid, "", ReasonFieldCount},
		{13, model.CodeInvalid, "", ReasonQuotes},
		{14, model.CodeInvalid, "", ReasonQuotes},
		{15, model.CodeInvalid, "", ReasonQuotes},
	})
	if len(res.calls) != 1 || res.calls[0].ID != "a15" || res.calls[0].BilledSeconds != MaxSeconds {
		t.Errorf("calls %v, want a15 of a whole day", res.calls)
	}
}

// A RowError is a model error to errors.As, model.CodeOf and ReasonOf.
func TestRowErrorIsModelError(t *testing.T) {
	e := &RowError{Line: 7, Err: refusal(model.CodeOutOfRange, FieldBilled, ReasonNegative, "min", 0)}
	var err error = e
	var me *model.Error
	if !errors.As(err, &me) || me.Field != FieldBilled || model.CodeOf(err) != model.CodeOutOfRange {
		t.Errorf("errors.As: %v", me)
	}
	if ReasonOf(err) != ReasonNegative || !strings.Contains(err.Error(), "line 7") {
		t.Errorf("%v: reason %q", err, ReasonOf(err))
	}
	if ReasonOf(io.EOF) != "" {
		t.Error("ReasonOf(io.EOF) is not empty")
	}
}

// lineSource produces a file without holding it: a huge first line, then
// good lines.
type lineSource struct {
	huge  int64 // bytes of the huge line still to give
	ended bool  // its line break is given
	rest  *strings.Reader
}

func (s *lineSource) Read(p []byte) (int, error) {
	if s.huge > 0 {
		n := min(int64(len(p)), s.huge)
		for i := range p[:n] {
			p[i] = 'a'
		}
		s.huge -= n
		return int(n), nil
	}
	if !s.ended {
		s.ended = true
		p[0] = '\n'
		return 1, nil
	}
	return s.rest.Read(p)
}

const goodAsterisk = `"1001","1001","4930123456","from-internal","","SIP/1001-1","SIP/t-2","Dial","","2026-11-02 09:15:02","2026-11-02 09:15:09","2026-11-02 09:17:31",149,142,"ANSWERED","DOCUMENTATION","1762074902.1",""` + "\n"

// A 100 MB line after the first is skipped, without being held, and the
// lines after it are read.
func TestHugeLineSkippedInBoundedMemory(t *testing.T) {
	src := &lineSource{huge: 100 << 20, rest: strings.NewReader(goodAsterisk)}
	rd, err := NewReader(io.MultiReader(strings.NewReader(goodAsterisk), src), Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := result{}
	if _, err := rd.Scan(context.Background(),
		func(c Call) error { res.calls = append(res.calls, c); return nil },
		func(e *RowError) error { res.bad = append(res.bad, e); return nil }); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	checkBad(t, res.bad, []wantRow{{2, model.CodeTooLong, "", ReasonLineTooLong}})
	if len(res.calls) != 2 || res.calls[1].Line != 3 {
		t.Errorf("calls %v, want lines 1 and 3", res.calls)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
		t.Errorf("reading a 100 MB line allocated %d bytes", grew)
	}
	if read, _ := rd.Progress(); read != int64(2*len(goodAsterisk))+100<<20+1 {
		t.Errorf("progress %d", read)
	}
}

// A first line longer than MaxLineLen refuses the file: nothing can tell
// its layout.
func TestHugeFirstLineRefused(t *testing.T) {
	src := &lineSource{huge: 100 << 20, rest: strings.NewReader(goodAsterisk)}
	_, err := NewReader(src, Options{Location: time.UTC})
	wantFileError(t, err, model.CodeTooLong, ReasonFirstLineLong)
}

// Start times without a zone are read in the caller's zone, across a
// change to summer time; a time with a zone keeps its own.
func TestStartTimeZone(t *testing.T) {
	loc := berlin(t)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2026-03-29 01:30:00", utc("2026-03-29 00:30:00")},
		{"2026-03-29 03:30:00", utc("2026-03-29 01:30:00")},
		{"2026-11-02 09:15:02", utc("2026-11-02 08:15:02")},
		{"2026-11-02T09:15:02Z", utc("2026-11-02 09:15:02")},
		{"2026-11-02T09:15:02-0500", utc("2026-11-02 14:15:02")},
		{"2026-11-02t09:15:02.5+05:30", utc("2026-11-02 03:45:02").Add(500 * time.Millisecond)},
	} {
		got, ok := parseStamp(tc.in, loc)
		if !ok || !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("parseStamp(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
}

func TestParseStampRefuses(t *testing.T) {
	for _, in := range []string{
		"", "2026-11-02", "2026-11-02 9:15:02", "2026/11/02 09:15:02", "2026-02-29 00:00:00",
		"2026-04-31 00:00:00", "2026-00-10 00:00:00", "2026-11-00 00:00:00", "2026-11-02 24:00:00",
		"2026-11-02 23:60:00", "2026-11-02 23:59:60", "2026-11-02 09:15:02.", "2026-11-02 09:15:02.1234567890",
		"2026-11-02 09:15:02 ", "2026-11-02 09:15:02+1", "2026-11-02 09:15:02+01:60", "2026-11-02 09:15:02UTC",
		"1762074902", "２０２６-11-02 09:15:02",
	} {
		if got, ok := parseStamp(in, time.UTC); ok {
			t.Errorf("parseStamp(%q) = %v, want a refusal", in, got)
		}
	}
	if _, ok := parseStamp("2024-02-29 00:00:00", time.UTC); !ok {
		t.Error("29 February of a leap year refused")
	}
}

func TestSeconds(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   int
		reason Reason
	}{
		{"0", 0, ""}, {"142", 142, ""}, {"+5", 5, ""}, {"-0", 0, ""}, {"86400", 86400, ""},
		{"000000000000012", 0, ReasonOverMax},
		{"86401", 0, ReasonOverMax}, {"-1", 0, ReasonNegative}, {"", 0, ReasonRequired},
		{"1.5", 0, ReasonNumber}, {"1e3", 0, ReasonNumber}, {"-", 0, ReasonNumber}, {" 1", 0, ReasonNumber},
		{"12345678901234567890123", 0, ReasonOverMax}, {"-12345678901234567890", 0, ReasonNegative},
		{"1234567890x", 0, ReasonNumber},
	} {
		got, e := seconds(FieldBilled, tc.in)
		var err error
		if e != nil {
			err = e
		}
		if ReasonOf(err) != tc.reason || (err == nil && got != tc.want) {
			t.Errorf("seconds(%q) = %d, %v; want %d, %q", tc.in, got, err, tc.want, tc.reason)
		}
	}
}

func TestSplitLine(t *testing.T) {
	for _, tc := range []struct {
		in      string
		doubled bool
		want    []string // nil: refused
	}{
		{`a,b,c`, true, []string{"a", "b", "c"}},
		{`,,`, true, []string{"", "", ""}},
		{``, true, []string{""}},
		{` a , b `, true, []string{"a", "b"}},
		{`"a,b","c"`, true, []string{"a,b", "c"}},
		{`"say ""hi""",x`, true, []string{`say "hi"`, "x"}},
		{`"""",x`, true, []string{`"`, "x"}},
		{`"a", "b"`, true, []string{"a", "b"}},
		{`"a" ,b`, true, []string{"a", "b"}},
		{`"a"b",c`, true, []string{`a"b`, "c"}},
		{`"Bob "the" boss","1"`, false, []string{`Bob "the" boss`, "1"}},
		{`"Bob "the boss"","1"`, false, []string{`Bob "the boss"`, "1"}},
		{`"",""`, false, []string{"", ""}},
		{`"open,b`, true, nil},
		{`a"b,c`, true, nil},
		{`"a"x`, true, nil},
	} {
		got, ok := splitLine([]byte(tc.in), nil, tc.doubled)
		for i := range got {
			if tc.doubled {
				got[i] = unquote(got[i])
			}
		}
		if tc.want == nil {
			if ok {
				t.Errorf("splitLine(%q) = %q, want a refusal", tc.in, got)
			}
			continue
		}
		if !ok || strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("splitLine(%q, %v) = %q, %v; want %q", tc.in, tc.doubled, got, ok, tc.want)
		}
	}
}
