package model

import (
	"slices"
	"strings"
	"testing"
)

func TestSortKeyOrder(t *testing.T) {
	// Each list is in the order people expect.
	cases := [][]string{
		{"Atlas Call 2", "Atlas Call 1538", "Atlas Call 10004"},
		{"a", "A1", "a2", "a10", "a10b", "a11", "b"},
		{"x0", "x00", "x1", "x01", "x001", "x2"},
		{"item 9", "item 10", "item 99", "item 100", "item 999999999", "item 1000000000"},
		{"v1.2", "v1.10", "v2.0"},
		{"Ärger 3", "ärger 20"},
		{"a-1", "a1", "ab"},
		{"", "0", "1", "a"},
	}
	for _, want := range cases {
		got := slices.Clone(want)
		slices.Reverse(got)
		slices.SortStableFunc(got, func(a, b string) int { return strings.Compare(SortKey(a), SortKey(b)) })
		if !slices.Equal(got, want) {
			t.Errorf("sorted by SortKey: %q, want %q", got, want)
		}
		for i := 1; i < len(want); i++ {
			if CompareNatural(want[i-1], want[i]) >= 0 {
				t.Errorf("CompareNatural(%q, %q) >= 0", want[i-1], want[i])
			}
		}
	}
}

func TestSortKeyForms(t *testing.T) {
	cases := []struct{ name, key string }{
		{"Plain Name", "plain name"},
		{"a1", "a110"},                      // length 1, "1", no zeros
		{"a007", "a172"},                    // length 1, "7", two zeros
		{"0", "01"},                         // length 0, no digits, one zero
		{"n1234567890", "n921012345678900"}, // length 10: '9', code of 2, "10"
		{"  Trimmed 5 ", "trimmed 150"},
	}
	for _, c := range cases {
		if got := SortKey(c.name); got != c.key {
			t.Errorf("SortKey(%q) = %q, want %q", c.name, got, c.key)
		}
	}
}

// FuzzSortKey holds the byte order of keys to the plainly written rule.
func FuzzSortKey(f *testing.F) {
	for _, s := range []string{"Atlas Call 10004", "Atlas Call 1538", "a01", "a1", "", "9", "x000000000001",
		"Zürich 12b", "東京 3", "a\x00b", "\xff1"} {
		f.Add(s, s+"0")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		got := strings.Compare(SortKey(a), SortKey(b))
		if want := CompareNatural(a, b); got != want {
			t.Fatalf("keys of %q and %q compare %d, names %d (keys %q, %q)", a, b, got, want, SortKey(a), SortKey(b))
		}
		if (got == 0) != (Key(a) == Key(b)) {
			t.Fatalf("%q and %q: equal keys %v, equal folded names %v", a, b, got == 0, Key(a) == Key(b))
		}
	})
}
