package cdr

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestStableID(t *testing.T) {
	a := StableID(Asterisk, []string{"1001", "200", "2026-11-02 09:15:02"})
	if a != StableID(Asterisk, []string{"1001", "200", "2026-11-02 09:15:02"}) {
		t.Error("the same fields gave two ids")
	}
	if !strings.HasPrefix(a, derivedPrefix) || len(a) != len(derivedPrefix)+32 {
		t.Errorf("id %q", a)
	}
	for _, other := range []string{
		StableID(FreeSWITCH, []string{"1001", "200", "2026-11-02 09:15:02"}), // another layout
		StableID(Asterisk, []string{"100", "1200", "2026-11-02 09:15:02"}),   // the same text, split elsewhere
		StableID(Asterisk, []string{"1001", "200", "2026-11-02 09:15:03"}),
		StableID(Asterisk, []string{"1001", "200", "2026-11-02 09:15:02", ""}), // one more empty field
	} {
		if other == a {
			t.Errorf("different records share the id %q", a)
		}
	}
}

// The same Branchbook call with and without a zone in another notation
// is another text, so another id: ids are of what the file says.
func TestDerivedIDIsOfTheText(t *testing.T) {
	head := "account,called_number,start_time,billed_seconds,answered\n"
	one, err := readString(t, head+"bob,200,2026-11-02 10:00:00,0,no\n", Options{})
	if err != nil || len(one.calls) != 1 {
		t.Fatal(err)
	}
	two, err := readString(t, head+"bob,200,2026-11-02T10:00:00,0,no\n", Options{})
	if err != nil || len(two.calls) != 1 {
		t.Fatal(err)
	}
	if !one.calls[0].Start.Equal(two.calls[0].Start) || one.calls[0].ID == two.calls[0].ID {
		t.Errorf("%v and %v", one.calls[0], two.calls[0])
	}
	// "no" and "0" say the same: answered is compared as a yes or no.
	three, err := readString(t, head+"bob,200,2026-11-02 10:00:00,0,0\n", Options{})
	if err != nil || len(three.calls) != 1 || three.calls[0].ID != one.calls[0].ID {
		t.Errorf("%v and %v", one.calls, three.calls)
	}
}

func ExampleReader_Scan() {
	file := "call_id,account,caller,called_number,start_time,billed_seconds,answered\n" +
		"c-1,alice,+4930111,+4930123456,2026-11-02 09:15:09,142,yes\n" +
		"c-2,alice,+4930111,+4930123456,2026-11-02 09:20:00,-3,yes\n"
	zone, err := time.LoadLocation("Europe/Berlin") // the importing customer's
	if err != nil {
		fmt.Println("no zone data:", err)
		return
	}
	rd, err := NewReader(strings.NewReader(file), Options{Location: zone})
	if err != nil {
		fmt.Println("refused:", ReasonOf(err))
		return
	}
	fmt.Println(rd.Layout())
	counts, err := rd.Scan(context.Background(),
		func(c Call) error { fmt.Println(c); return nil },
		func(e *RowError) error { fmt.Println("left out: line", e.Line, e.Reason()); return nil })
	fmt.Println(counts.Calls, counts.Bad, err)
	// Output:
	// branchbook
	// line 2: c-1 alice +4930111->+4930123456 2026-11-02T08:15:09Z answered 142s
	// left out: line 3 negative
	// 1 1 <nil>
}
