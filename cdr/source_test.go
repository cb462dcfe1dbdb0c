package cdr

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// drain reads a Source to its end.
func drain(t *testing.T, s *Source) ([]model.CallRecord, error) {
	t.Helper()
	var out []model.CallRecord
	for {
		r, err := s.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
}

func TestSourceSkipsAndKeepsRowErrors(t *testing.T) {
	file := "call_id,account,caller,called_number,start_time,billed_seconds,answered\n" +
		"c1,alice,+4930111,+4930123456,2026-11-02T09:15:09Z,142,yes\n" +
		"c2,alice,,447700900123,2026-11-02 10:00:00,-5,yes\n" + // negative
		"c3,bob,,447700900123,yesterday,10,yes\n" + // time
		"c4,bob,,447700900123,2026-11-02 10:00:00,0,maybe\n" + // answered
		",bob,,447700900123,2026-11-02 10:00:00,0,no\n"
	rd, err := NewReader(strings.NewReader(file), Options{Location: berlin(t), Size: int64(len(file))})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSource(context.Background(), rd, 2)
	got, err := drain(t, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || s.Skipped() != 3 || len(s.RowErrors()) != 2 {
		t.Fatalf("%d records, %d skipped, %d kept", len(got), s.Skipped(), len(s.RowErrors()))
	}
	want := model.CallRecord{ID: "c1", Account: "alice", Caller: "+4930111", Called: "+4930123456",
		Start: time.Date(2026, 11, 2, 9, 15, 9, 0, time.UTC), Answered: true, Seconds: 142, Line: 2}
	if !got[0].Start.Equal(want.Start) || got[0].Start.Location() != time.UTC {
		t.Fatalf("start %v", got[0].Start)
	}
	got[0].Start = want.Start
	if got[0] != want {
		t.Fatalf("record\n got %+v\nwant %+v", got[0], want)
	}
	// A time without a zone is read in the Options' zone (Berlin, UTC+1 in November).
	if r := got[1]; r.Line != 6 || r.Answered || r.Seconds != 0 || !strings.HasPrefix(r.ID, derivedPrefix) ||
		!r.Start.Equal(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("second record %+v", r)
	}
	if e := s.RowErrors(); e[0].Line != 3 || e[0].Reason() != ReasonNegative || e[1].Line != 4 || e[1].Reason() != ReasonTime {
		t.Fatalf("kept %v", e)
	}
	if by := s.SkippedBy(); by[ReasonNegative] != 1 || by[ReasonTime] != 1 || by[ReasonAnswered] != 1 {
		t.Fatalf("by reason %v", by)
	}
	if read, total := s.Progress(); read != total || total != int64(len(file)) {
		t.Fatalf("progress %d of %d", read, total)
	}
	if s.Layout() != Branchbook {
		t.Fatalf("layout %s", s.Layout())
	}
	// After the end it says io.EOF again.
	if _, err := s.Next(); err != io.EOF {
		t.Fatalf("after the end: %v", err)
	}
}

func TestSourceDefaultKeepAndCancel(t *testing.T) {
	var b strings.Builder
	b.WriteString("account,called_number,start_time,billed_seconds,answered\n")
	for range 30 {
		b.WriteString("alice,1,not a time,1,yes\n")
	}
	for range 1000 {
		b.WriteString("alice,1,2026-11-02 10:00:00,1,yes\n")
	}
	rd, err := NewReader(strings.NewReader(b.String()), Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSource(nil, rd, 0)
	if got, err := drain(t, s); err != nil || len(got) != 1000 || s.Skipped() != 30 || len(s.RowErrors()) != KeepRowErrors {
		t.Fatalf("%d records, %v, %d skipped, %d kept", len(got), err, s.Skipped(), len(s.RowErrors()))
	}

	ctx, cancel := context.WithCancel(context.Background())
	rd, err = NewReader(strings.NewReader(b.String()), Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	s = NewSource(ctx, rd, -1)
	if _, err := s.Next(); err != nil {
		t.Fatal(err)
	}
	cancel()
	got, err := drain(t, s)
	if !errors.Is(err, context.Canceled) || len(got) > checkCancelEvery || len(s.RowErrors()) != 0 {
		t.Fatalf("after cancel: %d more records, %v, %d kept", len(got), err, len(s.RowErrors()))
	}
}

// failAtEnd fails after its text.
type failAtEnd struct{ r io.Reader }

func (f *failAtEnd) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errors.New("disk gone")
	}
	return n, err
}

func TestSourceReadError(t *testing.T) {
	// Longer than what NewReader looks at first, so the error comes later.
	file := "account,called_number,start_time,billed_seconds,answered\n" +
		strings.Repeat("alice,1,2026-11-02 10:00:00,1,yes\n", 3000)
	rd, err := NewReader(&failAtEnd{strings.NewReader(file)}, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSource(context.Background(), rd, 0)
	if got, err := drain(t, s); err == nil || err.Error() != "disk gone" || len(got) != 3000 {
		t.Fatalf("%d records, %v", len(got), err)
	}
}
