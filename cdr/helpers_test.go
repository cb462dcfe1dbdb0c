package cdr

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// berlin is a zone with summer time, for times written without a zone.
func berlin(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// result is everything a file gave: its calls and its bad records.
type result struct {
	layout Layout
	calls  []Call
	bad    []*RowError
}

// readAll reads a whole file through Scan.
func readAll(t testing.TB, r io.Reader, opt Options) (result, error) {
	t.Helper()
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	rd, err := NewReader(r, opt)
	if err != nil {
		return result{}, err
	}
	res := result{layout: rd.Layout()}
	_, err = rd.Scan(context.Background(),
		func(c Call) error { res.calls = append(res.calls, c); return nil },
		func(e *RowError) error { res.bad = append(res.bad, e); return nil })
	return res, err
}

// readFile reads a file of testdata.
func readFile(t testing.TB, name string, opt Options) result {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := readAll(t, bytes.NewReader(data), opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

// readString reads a file given as text.
func readString(t testing.TB, s string, opt Options) (result, error) {
	t.Helper()
	return readAll(t, strings.NewReader(s), opt)
}

// utc makes a UTC time.
func utc(s string) time.Time {
	t, err := time.Parse(time.DateTime, s)
	if err != nil {
		panic(err)
	}
	return t
}

// sameCall compares two calls field by field, naming the difference.
func sameCall(t *testing.T, got, want Call) {
	t.Helper()
	if !got.Start.Equal(want.Start) || got.Start.Location() != time.UTC {
		t.Errorf("line %d: start %v, want %v UTC", got.Line, got.Start, want.Start)
	}
	got.Start, want.Start = time.Time{}, time.Time{}
	if want.DerivedID {
		if !got.DerivedID || !strings.HasPrefix(got.ID, derivedPrefix) {
			t.Errorf("line %d: id %q derived %v, want a derived id", got.Line, got.ID, got.DerivedID)
		}
		got.ID, want.ID = "", ""
	}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

// wantFileError checks a refused file's code and reason.
func wantFileError(t *testing.T, err error, code model.Code, reason Reason) {
	t.Helper()
	var e *model.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v, want a model error %s/%s", err, code, reason)
	}
	if e.Code != code || ReasonOf(err) != reason || e.Field != FieldFile {
		t.Errorf("error %v, want code %s reason %s on file", err, code, reason)
	}
}
