package model

import (
	"strconv"
	"strings"
)

// SortKey is the form of a name that sorts as people read it when keys are
// compared byte by byte: the name as Key folds it, with every run of ASCII
// digits replaced by its value written so that a shorter number sorts
// first. "Atlas Call 1538" then comes before "Atlas Call 10004", and a
// database index on the key gives that order without a custom collation.
//
// A run of digits becomes: its length without leading zeros (numberCode),
// the digits without leading zeros, and how many leading zeros it had
// (numberCode), so "7" < "07" < "8": equal values keep a fixed order.
// The first byte of a number's code is itself an ASCII digit, and the key
// holds no other ASCII digits, so a number sorts against the text around it
// exactly as its first digit would.
func SortKey(name string) string {
	k := Key(name)
	if strings.IndexFunc(k, isASCIIDigit) < 0 {
		return k
	}
	var b strings.Builder
	b.Grow(len(k) + 8)
	for i := 0; i < len(k); {
		if !isASCIIDigit(rune(k[i])) {
			b.WriteByte(k[i])
			i++
			continue
		}
		j := i
		for j < len(k) && isASCIIDigit(rune(k[j])) {
			j++
		}
		writeNumber(&b, k[i:j])
		i = j
	}
	return b.String()
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// writeNumber writes one run of digits in its sortable form.
func writeNumber(b *strings.Builder, run string) {
	digits := strings.TrimLeft(run, "0")
	writeNumberCode(b, len(digits))
	b.WriteString(digits)
	writeNumberCode(b, len(run)-len(digits))
}

// writeNumberCode writes n ≥ 0 so that byte order is numeric order and no
// code is the beginning of another: 0–8 as one digit, larger numbers as
// '9', the code of how many digits they have, and the digits.
func writeNumberCode(b *strings.Builder, n int) {
	if n < 9 {
		b.WriteByte(byte('0' + n))
		return
	}
	s := strconv.Itoa(n)
	b.WriteByte('9')
	writeNumberCode(b, len(s))
	b.WriteString(s)
}

// CompareNatural compares two names as SortKey orders them, without
// building the keys: -1, 0 or +1. It is the rule written out plainly; the
// tests hold SortKey to it.
func CompareNatural(a, b string) int {
	x, y := Key(a), Key(b)
	for len(x) > 0 && len(y) > 0 {
		if isASCIIDigit(rune(x[0])) && isASCIIDigit(rune(y[0])) {
			var nx, ny string
			nx, x = splitDigits(x)
			ny, y = splitDigits(y)
			if c := compareRuns(nx, ny); c != 0 {
				return c
			}
			continue
		}
		if x[0] != y[0] {
			return cmpInt(int(x[0]), int(y[0]))
		}
		x, y = x[1:], y[1:]
	}
	return cmpInt(len(x), len(y))
}

func splitDigits(s string) (run, rest string) {
	i := 0
	for i < len(s) && isASCIIDigit(rune(s[i])) {
		i++
	}
	return s[:i], s[i:]
}

// compareRuns orders two runs of digits by value, then by fewer leading
// zeros.
func compareRuns(a, b string) int {
	da, db := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if c := cmpInt(len(da), len(db)); c != 0 {
		return c
	}
	if c := strings.Compare(da, db); c != 0 {
		return c
	}
	return cmpInt(len(a), len(b))
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
