package cdr

import (
	"strings"
	"testing"
	"time"
)

func TestAsterisk(t *testing.T) {
	res := readFile(t, "asterisk.csv", Options{Location: berlin(t)})
	if res.layout != Asterisk || len(res.bad) != 0 {
		t.Fatalf("layout %s, bad %v", res.layout, res.bad)
	}
	want := []Call{
		{ID: "1762074902.1/SIP/trunk-00000002", Account: "1001", Caller: "1001", Called: "4930123456",
			Start: utc("2026-11-02 08:15:02"), Answered: true, BilledSeconds: 142, Line: 1},
		{ID: "1762075200.3/SIP/trunk-00000004", Account: "1001", Caller: "1001", Called: "00447700900123",
			Start: utc("2026-11-02 08:20:00"), Answered: false, BilledSeconds: 0, Line: 2},
		// Two records of one channel (a second Dial): same uniqueid, two calls.
		{ID: "pbx1-1762124398.10/PJSIP/trunk-0000000b", Account: "2040", Caller: "+3612345678",
			Called: "+33612345678", Start: utc("2026-11-02 22:59:58"), Answered: true, BilledSeconds: 1500, Line: 4},
		{ID: "pbx1-1762124398.10/PJSIP/trunk-0000000c", Account: "2040", Caller: "+3612345678",
			Called: "+33612345678", Start: utc("2026-11-02 22:59:58"), Answered: true, BilledSeconds: 5, Line: 5},
		{ID: "1762156800.16", Account: "", Caller: "100", Called: "200",
			Start: utc("2026-11-03 07:00:00"), Answered: false, BilledSeconds: 0, Line: 6},
	}
	if len(res.calls) != len(want) {
		t.Fatalf("%d calls, want %d: %v", len(res.calls), len(want), res.calls)
	}
	for i := range want {
		sameCall(t, res.calls[i], want[i])
	}
}

func TestAsteriskWithoutUniqueID(t *testing.T) {
	first := readFile(t, "asterisk-noid.csv", Options{Location: time.UTC})
	again := readFile(t, "asterisk-noid.csv", Options{Location: berlin(t)})
	if len(first.calls) != 2 || len(again.calls) != 2 {
		t.Fatalf("calls %v / %v", first.calls, again.calls)
	}
	for i, c := range first.calls {
		if !c.DerivedID || !strings.HasPrefix(c.ID, derivedPrefix) || len(c.ID) != len(derivedPrefix)+32 {
			t.Errorf("line %d: id %q, want a derived id", c.Line, c.ID)
		}
		// The id is of the text, so reading in another zone keeps it.
		if again.calls[i].ID != c.ID {
			t.Errorf("line %d: id %q then %q", c.Line, c.ID, again.calls[i].ID)
		}
	}
	if first.calls[0].ID == first.calls[1].ID {
		t.Errorf("two calls share the id %q", first.calls[0].ID)
	}
	sameCall(t, first.calls[1], Call{DerivedID: true, Account: "1001", Caller: "1001", Called: "4930123456",
		Start: utc("2026-11-02 09:30:00"), Answered: true, BilledSeconds: 10, Line: 2})
}

// A 17th column is a uniqueid only when it looks like one; otherwise it
// is a userfield and ids are derived.
func TestAsteriskSeventeenthColumn(t *testing.T) {
	base := `"1001","1001","200","internal","","SIP/1-1","SIP/2-2","Dial","","2026-11-02 09:15:02","2026-11-02 09:15:09","2026-11-02 09:17:31",149,142,"ANSWERED","DOCUMENTATION",`
	for _, tc := range []struct {
		last    string
		derived bool
	}{
		{`"1762074902.1"`, false},
		{`"pbx-east-1762074902.77"`, false},
		{`"customer 42"`, true},
		{`""`, true},
	} {
		res, err := readString(t, base+tc.last+"\n", Options{})
		if err != nil || len(res.calls) != 1 {
			t.Fatalf("%s: %v %v", tc.last, err, res.bad)
		}
		if res.calls[0].DerivedID != tc.derived {
			t.Errorf("%s: id %q derived %v, want %v", tc.last, res.calls[0].ID, res.calls[0].DerivedID, tc.derived)
		}
	}
}

func TestFreeSWITCH(t *testing.T) {
	res := readFile(t, "freeswitch.csv", Options{Location: berlin(t)})
	if res.layout != FreeSWITCH || len(res.bad) != 0 {
		t.Fatalf("layout %s, bad %v", res.layout, res.bad)
	}
	want := []Call{
		{ID: "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f", Account: "1002", Caller: "1002", Called: "447700900123",
			Start: utc("2026-11-02 09:00:00"), Answered: true, BilledSeconds: 65, Line: 1},
		{ID: "1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0", Account: "1002", Caller: "1002", Called: "+4915112345678",
			Start: utc("2026-11-02 09:05:00"), Answered: false, Line: 2},
		// A caller name with quotes FreeSWITCH did not double; an answered
		// call that ended in MEDIA_TIMEOUT is still answered.
		{ID: "2c3d4e5f-6071-4283-94a5-b6c7d8e9f0a1", Account: "1003", Caller: "1003", Called: "33612345678",
			Start: utc("2026-11-02 10:00:00"), Answered: true, BilledSeconds: 1800, Line: 3},
		{DerivedID: true, Account: "1004", Caller: "1004", Called: "1004",
			Start: utc("2026-11-02 11:00:00"), Answered: false, Line: 4},
	}
	if len(res.calls) != len(want) {
		t.Fatalf("%d calls, want %d: %v", len(res.calls), len(want), res.calls)
	}
	for i := range want {
		sameCall(t, res.calls[i], want[i])
	}
}

// The default template without the codecs (13 columns) reads the same.
func TestFreeSWITCHThirteenColumns(t *testing.T) {
	line := `"Bob","1002","447700900123","default","2026-11-02 10:00:00","2026-11-02 10:00:05","2026-11-02 10:01:10","70","65","NORMAL_CLEARING","6f1c2d3e","","1002"` + "\n"
	res, err := readString(t, line, Options{})
	if err != nil || res.layout != FreeSWITCH || len(res.calls) != 1 {
		t.Fatalf("%v %s %v", err, res.layout, res.bad)
	}
	sameCall(t, res.calls[0], Call{ID: "6f1c2d3e", Account: "1002", Caller: "1002", Called: "447700900123",
		Start: utc("2026-11-02 10:00:00"), Answered: true, BilledSeconds: 65, Line: 1})
}

func TestBranchbook(t *testing.T) {
	res := readFile(t, "branchbook.csv", Options{Location: berlin(t)})
	if res.layout != Branchbook || len(res.bad) != 0 {
		t.Fatalf("layout %s, bad %v", res.layout, res.bad)
	}
	want := []Call{
		{ID: "c-0001", Account: "alice", Caller: "+4930111", Called: "+4930123456",
			Start: utc("2026-11-02 09:15:09"), Answered: true, BilledSeconds: 142, Line: 2},
		// A zone in the file wins over the customer's.
		{ID: "c-0002", Account: "alice", Caller: "+4930111", Called: "0033612345678",
			Start: utc("2026-11-02 09:15:09"), Answered: true, BilledSeconds: 61, Line: 3},
		// No zone: Berlin in winter is UTC+1.
		{DerivedID: true, Account: "bob", Caller: "", Called: "447700900123",
			Start: utc("2026-11-02 09:00:00"), Answered: false, Line: 4},
		// No zone, in summer: UTC+2; the fraction is kept.
		{ID: "c-0004", Account: "carol", Caller: "+331", Called: "+33612345678",
			Start: utc("2026-07-01 10:00:00").Add(250 * time.Millisecond), Answered: true, BilledSeconds: 26, Line: 5},
	}
	if len(res.calls) != len(want) {
		t.Fatalf("%d calls, want %d: %v", len(res.calls), len(want), res.calls)
	}
	for i := range want {
		sameCall(t, res.calls[i], want[i])
	}
}

// Columns in another order, and one more, give the same call and the same
// derived id.
func TestBranchbookColumnsMoved(t *testing.T) {
	moved := readFile(t, "branchbook-moved.csv", Options{Location: berlin(t)})
	orig := readFile(t, "branchbook.csv", Options{Location: berlin(t)})
	if len(moved.calls) != 1 || len(moved.bad) != 0 {
		t.Fatalf("calls %v bad %v", moved.calls, moved.bad)
	}
	got, want := moved.calls[0], orig.calls[2]
	want.Line = 2
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseLayout(t *testing.T) {
	for in, want := range map[string]Layout{"asterisk": Asterisk, " FreeSWITCH": FreeSWITCH, "BRANCHBOOK": Branchbook} {
		if got, err := ParseLayout(in); err != nil || got != want {
			t.Errorf("ParseLayout(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseLayout("cisco"); err == nil {
		t.Error("ParseLayout(cisco) accepted")
	}
}
