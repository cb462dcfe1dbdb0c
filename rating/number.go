package rating

// MaxNumberDigits bounds a called number once normalised. E.164 numbers
// have at most 15 digits; switches add technical prefixes, so twice that
// and a little is generous without letting a garbage field through.
const MaxNumberDigits = 32

// NormalizeNumber returns the called number as digits: spaces, dashes,
// dots and brackets (round and square) are dropped anywhere, then one
// leading "+" or one leading "00" (the international prefix) is dropped.
// Any other character refuses the number (ReasonNumberInvalid), and so
// does a "+" anywhere but first; a number with no digit left is
// ReasonNumberEmpty, one longer than MaxNumberDigits ReasonNumberTooLong.
// The reason is "" when the number is good.
//
// A single leading 0 (a national trunk prefix) is kept: prefixes count
// leading zeros, so "07" is not "7". Only one international prefix is
// dropped: "+0044" keeps "0044", which no sane deck matches.
//
// A number that is already plain digits is returned without copying.
func NormalizeNumber(s string) (string, Reason) {
	if plainDigits(s) {
		return trimInternational(s)
	}
	var buf [MaxNumberDigits + 3]byte
	b, reason := appendDigits(buf[:0], s)
	if reason != "" {
		return "", reason
	}
	return trimInternational(string(b))
}

// plainDigits reports whether s is ASCII digits only (the common case of
// a switch's export), so no copy is needed.
func plainDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// appendDigits appends s's digits to dst, checking every other character.
// A '+' is kept only as the very first character kept, for
// trimInternational to drop. It stops early once the number is too long,
// so a huge field costs nothing.
func appendDigits(dst []byte, s string) ([]byte, Reason) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if len(dst) > MaxNumberDigits+2 { // +2: a "+" or "00" still to drop
				return nil, ReasonNumberTooLong
			}
			dst = append(dst, c)
		case c == '+' && len(dst) == 0:
			dst = append(dst, c)
		case isSeparator(c):
		default:
			return nil, ReasonNumberInvalid
		}
	}
	return dst, ""
}

// isSeparator reports the characters people and switches put between
// digits: they carry no meaning and are dropped.
func isSeparator(c byte) bool {
	switch c {
	case ' ', '-', '.', '(', ')', '[', ']':
		return true
	}
	return false
}

// trimInternational drops one leading "+" or "00" and checks what is left.
// It takes a string or a buffer, so Rate normalises without allocating.
func trimInternational[T string | []byte](s T) (T, Reason) {
	var none T
	switch {
	case len(s) > 0 && s[0] == '+':
		s = s[1:]
	case len(s) >= 2 && s[0] == '0' && s[1] == '0':
		s = s[2:]
	}
	switch {
	case len(s) == 0:
		return none, ReasonNumberEmpty
	case len(s) > MaxNumberDigits:
		return none, ReasonNumberTooLong
	}
	return s, ""
}
