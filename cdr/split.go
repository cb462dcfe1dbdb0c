package cdr

import "strings"

// splitLine splits one line of comma-separated values into dst, reusing
// its storage. A record is one line: the switches write one per line, and
// reading line by line means a broken quote spoils its own line only,
// never the rest of the file (a CSV reader would read on to the next quote,
// across any number of lines).
//
// The line is converted to a string once and the fields are slices of it,
// so a record costs one allocation however many fields it has. With
// doubled, a field keeps its doubled quotes: unquote undoes them in the
// few fields that are read.
//
// A field may be quoted ("…"). Spaces around a quoted field are dropped
// (FreeSWITCH's templates may put one after a comma) and an unquoted field
// is trimmed. With doubled (Asterisk, Branchbook, spreadsheets), "" inside
// a quoted field is one quote, as in RFC 4180 (left doubled, see unquote). Without it (FreeSWITCH,
// whose templates paste a caller's name between quotes as it is), a quote
// ends the field only when the end of the field follows it, and every
// other quote is text. In both, a quote followed by other text than the
// end of the field is kept as text, and an unclosed quote makes the line
// bad (ok false).
func splitLine(line []byte, dst []string, doubled bool) ([]string, bool) {
	s := string(line)
	dst = dst[:0]
	for i := 0; ; {
		field, next, ok := nextField(s, i, doubled)
		if !ok {
			return dst, false
		}
		dst = append(dst, field)
		if next >= len(s) {
			return dst, true
		}
		i = next + 1 // past the comma
	}
}

// nextField reads the field starting at s[i:] and returns it and the index
// of the comma that ends it (len(s) at the end of the line).
func nextField(s string, i int, doubled bool) (string, int, bool) {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || s[j] != '"' {
		end := strings.IndexByte(s[i:], ',')
		if end < 0 {
			end = len(s)
		} else {
			end += i
		}
		field := strings.TrimSpace(s[i:end])
		if strings.IndexByte(field, '"') >= 0 {
			return "", 0, false // a quote in the middle of an unquoted field
		}
		return field, end, true
	}
	return quotedField(s, j+1, doubled)
}

// quotedField reads a quoted field whose text starts at s[i:], just after
// its opening quote. A doubled quote is left doubled in the field (see
// unquote): undoing it here would cost an allocation for every caller-id
// name Asterisk writes, in a column nobody reads.
func quotedField(s string, i int, doubled bool) (string, int, bool) {
	for k := i; k < len(s); k++ {
		q := strings.IndexByte(s[k:], '"') // a jump, not a byte at a time
		if q < 0 {
			break
		}
		k += q
		if doubled && k+1 < len(s) && s[k+1] == '"' { // "" is one quote
			k++
			continue
		}
		if end, ok := afterQuote(s, k+1); ok {
			return s[i:k], end, true
		}
		// a stray quote inside the text: kept
	}
	return "", 0, false
}

// unquote turns the doubled quotes a field of a doubled-quote layout
// keeps into single ones. It allocates only for a field that has one.
func unquote(s string) string {
	if strings.Contains(s, `""`) {
		return strings.ReplaceAll(s, `""`, `"`)
	}
	return s
}

// afterQuote tells whether a closing quote at s[k-1] ends the field: only
// spaces may follow it before the comma or the end of the line. It returns
// the index of that comma (or len(s)).
func afterQuote(s string, k int) (int, bool) {
	for k < len(s) && s[k] == ' ' {
		k++
	}
	if k == len(s) || s[k] == ',' {
		return k, true
	}
	return 0, false
}
