package model

import (
	"testing"
	"time"
)

func TestEntryFilterAdmitsWhatItWouldRead(t *testing.T) {
	day := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	at := func(h int, k EntryKind) Entry {
		return Entry{Kind: k, CreatedAt: day.Add(time.Duration(h) * time.Hour)}
	}
	cases := []struct {
		name string
		f    EntryFilter
		e    Entry
		want bool
	}{
		{"no filter", EntryFilter{}, at(5, EntryDebit), true},
		{"from is inclusive", EntryFilter{From: day}, at(0, EntryDebit), true},
		{"before from", EntryFilter{From: day}, at(-1, EntryDebit), false},
		{"to is exclusive", EntryFilter{To: day.AddDate(0, 0, 1)}, at(24, EntryDebit), false},
		{"inside to", EntryFilter{To: day.AddDate(0, 0, 1)}, at(23, EntryDebit), true},
		{"kind listed", EntryFilter{Kinds: []EntryKind{EntryCredit, EntryDebit}}, at(1, EntryDebit), true},
		{"kind not listed", EntryFilter{Kinds: []EntryKind{EntryAddFunds}}, at(1, EntryDebit), false},
		{"paging is not a filter", EntryFilter{Before: 3, Limit: 1}, at(1, EntryDebit), true},
	}
	for _, c := range cases {
		if got := c.f.Admits(c.e); got != c.want {
			t.Errorf("%s: Admits = %v, want %v", c.name, got, c.want)
		}
	}
}
