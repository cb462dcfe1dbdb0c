package model

import (
	"fmt"
	"strings"
	"unicode"
)

// IsInvisible reports whether r is a character that changes how text is
// shown without being seen itself: the bidirectional controls (U+202A–202E,
// U+2066–2069, U+200E, U+200F, U+061C) and every other format character
// (Unicode category Cf: zero-width spaces and joiners, U+2060, U+FEFF, the
// soft hyphen …). In a name they make two different names look the same,
// or a name look like another one reversed.
func IsInvisible(r rune) bool { return unicode.Is(unicode.Cf, r) }

// HasInvisible reports whether s holds an invisible character.
func HasInvisible(s string) bool { return strings.IndexFunc(s, IsInvisible) >= 0 }

// ValidateVisible refuses text with invisible characters (CodeInvisibleChars
// for field), with the first one's code point in Params["char"], so the
// message can say which one.
func ValidateVisible(field, s string) *Error {
	i := strings.IndexFunc(s, IsInvisible)
	if i < 0 {
		return nil
	}
	r := []rune(s[i:])[0]
	return FieldError(field, CodeInvisibleChars, map[string]any{"char": fmt.Sprintf("U+%04X", r)})
}

// VisibleText shows every invisible character of s as its code point, such
// as "⟨U+202E⟩", and control characters likewise: names saved before they
// were refused still open, but cannot pass for another name on screen.
func VisibleText(s string) string {
	shown := func(r rune) bool { return IsInvisible(r) || unicode.IsControl(r) }
	if strings.IndexFunc(s, shown) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if shown(r) {
			fmt.Fprintf(&b, "⟨U+%04X⟩", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
