package cdr

import (
	"bytes"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
)

// detectLines is how many lines of the file's beginning detection looks
// at: enough to see past a first record the switch cut short, few enough
// to read at once.
const detectLines = 16

// utf8BOM starts files saved by some Windows editors and spreadsheets.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Detect tells which layout a file is from its first bytes (up to
// MaxLineLen of them; more are not looked at). A file is refused, with a
// *model.Error whose Params "reason" is a Reason, when it is empty, binary,
// or none of the layouts. See docs/calls-import.md for the rule.
func Detect(sample []byte) (Layout, error) {
	f, err := detect(sample, "")
	if err != nil {
		return "", err
	}
	return f.layout, nil
}

// detect finds the format of a file from its first bytes. With want set,
// the file must be that layout.
func detect(sample []byte, want Layout) (*format, error) {
	sample = bytes.TrimPrefix(sample, utf8BOM)
	if isBinary(sample) {
		return nil, fileError(model.CodeInvalid, ReasonBinary)
	}
	lines, err := sampleLines(sample)
	if err != nil {
		return nil, err
	}
	if f, ok, err := branchbookHeader(lines[0]); ok || err != nil {
		return checkWanted(f, err, want)
	}
	if want == Branchbook {
		return nil, fileError(model.CodeInvalid, ReasonNotLayout, "layout", want)
	}
	f, err := recordLayout(lines)
	return checkWanted(f, err, want)
}

// checkWanted refuses a detected format other than the one asked for.
func checkWanted(f *format, err error, want Layout) (*format, error) {
	if err != nil {
		return nil, err
	}
	if want != "" && f.layout != want {
		return nil, fileError(model.CodeInvalid, ReasonNotLayout, "layout", want)
	}
	return f, nil
}

// isBinary tells a file that is not text: a UTF-16 byte order mark, a
// control byte (other than tab, line feed and carriage return; a NUL above
// all) in the first line, or control bytes making more than one in a
// hundred of the sample. No switch writes those in a CSV, and every binary
// format a clerk might pick by mistake (a spreadsheet, a PDF, a database,
// an archive) has them early; one stray NUL further on is only its own
// line's problem (ReasonNUL).
func isBinary(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	first := bytes.IndexByte(b, '\n')
	if first < 0 {
		first = len(b)
	}
	controls := 0
	for i, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
			if i < first {
				return true
			}
			controls++
		}
	}
	return controls*100 > len(b)
}

// sampleLines returns up to detectLines non-blank lines of the sample. A
// last line without a line break is left out when the sample is full,
// since the file goes on past it.
func sampleLines(sample []byte) ([][]byte, error) {
	full := len(sample) >= MaxLineLen
	var lines [][]byte
	for len(sample) > 0 && len(lines) < detectLines {
		line, rest, found := bytes.Cut(sample, []byte{'\n'})
		sample = rest
		if !found && full {
			break
		}
		if line = bytes.TrimSpace(line); len(line) > 0 {
			lines = append(lines, line)
		}
	}
	if len(lines) > 0 {
		return lines, nil
	}
	if full {
		return nil, fileError(model.CodeTooLong, ReasonFirstLineLong, "max", MaxLineLen)
	}
	return nil, fileError(model.CodeRequired, ReasonEmpty)
}

// headerKey is a header cell as it is matched: lowercase, without spaces,
// '_' or '-'.
func headerKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// branchbookHeader reads a first line as Branchbook's header. ok is false
// when the line is not meant as one: fewer than two of its cells are
// Branchbook's column names. A header that is meant but lacks a required
// column, or names one twice, is an error.
func branchbookHeader(line []byte) (*format, bool, error) {
	cells, ok := splitLine(line, nil, true)
	if !ok {
		return nil, false, nil
	}
	f := &format{layout: Branchbook, fields: len(cells), header: true, uniqueID: -1}
	for i := range f.cols {
		f.cols[i] = -1
	}
	known := 0
	for i, cell := range cells {
		for c, name := range BranchbookHeader {
			if headerKey(unquote(cell)) != headerKey(name) {
				continue
			}
			if f.cols[c] >= 0 {
				return nil, true, fileError(model.CodeDuplicate, ReasonDuplicateColumn, "column", name)
			}
			f.cols[c] = i
			known++
		}
	}
	if known < 2 {
		return nil, false, nil
	}
	for c, required := range bbRequired {
		if required && f.cols[c] < 0 {
			return nil, true, fileError(model.CodeRequired, ReasonMissingColumn, "column", BranchbookHeader[c])
		}
	}
	return f, true, nil
}

// recordLayout finds the layout of headerless lines: the first line that
// has the shape of a layout decides, unless another line has the shape of
// another layout. Lines of no shape are passed over (a record cut short
// where the file begins); when all are, the file is refused.
func recordLayout(lines [][]byte) (*format, error) {
	var found *format
	firstFields := -1
	for _, line := range lines {
		f, n := shape(line)
		if firstFields < 0 {
			firstFields = n
		}
		switch {
		case f == nil:
		case found == nil:
			found = f
		case f.layout != found.layout:
			return nil, fileError(model.CodeAmbiguous, ReasonAmbiguousLayout)
		}
	}
	if found == nil {
		return nil, fileError(model.CodeInvalid, ReasonUnknownLayout, "fields", max(firstFields, 0))
	}
	return found, nil
}

// shape tells which headerless layout a line looks like, or nil, and how
// many fields it has. A line looks like a layout when, split as that
// layout quotes, it has one of the layout's field counts, a date and time
// where the start is, and whole numbers where the duration and billed
// seconds are.
func shape(line []byte) (*format, int) {
	fields, okA := splitLine(line, nil, true)
	n := len(fields)
	asterisk := okA && (n == astBase || n == astBase+1 || n == astBase+2 || n == astBase+5) &&
		looksLikeRecord(fields, astStart, astDuration, astBillsec)
	fsFields, okF := splitLine(line, nil, false)
	freeswitch := okF && len(fsFields) >= fsBase && len(fsFields) <= fsMax &&
		looksLikeRecord(fsFields, fsStart, fsDuration, fsBillsec)
	if !okA {
		n = len(fsFields)
	}
	switch {
	case asterisk && freeswitch:
		return nil, n // both shapes at once: trust neither
	case asterisk:
		return &format{layout: Asterisk, fields: n, uniqueID: asteriskUniqueID(fields)}, n
	case freeswitch:
		return &format{layout: FreeSWITCH, fields: len(fsFields), uniqueID: -1}, n
	}
	return nil, n
}

// looksLikeRecord checks the start, duration and billsec columns' shapes.
func looksLikeRecord(fields []string, start, duration, billsec int) bool {
	_, ok := parseStamp(fields[start], time.UTC)
	return ok && isInteger(fields[duration]) && isInteger(fields[billsec])
}

// isInteger tells a whole number, with an optional sign.
func isInteger(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	_, ok := digits(s)
	return ok
}

// asteriskUniqueID finds the uniqueid column. With loguniqueid it follows
// amaflags; a 17th column alone is either uniqueid or userfield (when only
// loguserfield is on), told apart by the shape Asterisk gives a uniqueid:
// seconds, a dot and a sequence number, maybe after the system name.
func asteriskUniqueID(fields []string) int {
	switch len(fields) {
	case astBase:
		return -1
	case astBase + 1:
		if !looksLikeUniqueID(fields[astBase]) {
			return -1
		}
	}
	return astBase
}

// looksLikeUniqueID tells "1700000000.42" or "pbx1-1700000000.42".
func looksLikeUniqueID(s string) bool {
	secs, seq, ok := strings.Cut(s[strings.LastIndexByte(s, '-')+1:], ".")
	_, ok1 := digits(secs)
	_, ok2 := digits(seq)
	return ok && ok1 && ok2
}
