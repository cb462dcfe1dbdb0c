package model

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Limits of a rates file, so that a hostile file cannot take all memory.
const (
	// MaxRateRows is how many rates one file may hold.
	MaxRateRows = 1_000_000
	// MaxRateCellLen is the longest cell, in bytes, that the parser looks
	// at; a longer cell makes its row invalid.
	MaxRateCellLen = 1000
	// maxRateRecordLen bounds one record (one row, with every column and
	// quoted line break) in bytes. A longer record makes the whole file
	// invalid: it is refused before it is read into memory.
	maxRateRecordLen = 64 << 10
)

// rateRowLimit is MaxRateRows; tests lower it.
var rateRowLimit = MaxRateRows

// errRateRecordTooLong is how the record guard stops the CSV reader.
var errRateRecordTooLong = errors.New("rates file: record too long")

// RateRow is one row of a rates file, for the import preview.
type RateRow struct {
	// Line is the 1-based line of the file where the row begins.
	Line int
	// Rate is what the row says, as far as it could be read. The parser
	// sets neither ID nor TariffID.
	Rate Rate
	// Err is nil for a good row; for a bad one it is an Errors listing
	// every problem, by field ("prefix", "price", ...; no field for a row
	// the CSV syntax makes unreadable).
	Err error
}

// RatesFile is a parsed rates file: every data row, good and bad, in file
// order, and what the parser found out about the file's form.
type RatesFile struct {
	Rows      []RateRow
	Delimiter rune // ',', ';' or '\t'
	HasHeader bool
}

// Valid returns the rates of the good rows, in file order.
func (f RatesFile) Valid() []Rate {
	n := 0
	for _, row := range f.Rows {
		if row.Err == nil {
			n++
		}
	}
	rates := make([]Rate, 0, n)
	for _, row := range f.Rows {
		if row.Err == nil {
			rates = append(rates, row.Rate)
		}
	}
	return rates
}

// Invalid returns the bad rows, in file order.
func (f RatesFile) Invalid() []RateRow {
	var rows []RateRow
	for _, row := range f.Rows {
		if row.Err != nil {
			rows = append(rows, row)
		}
	}
	return rows
}

// The columns of a rates file, in the order of a file without a header.
const (
	rateColPrefix = iota
	rateColDescription
	rateColPrice
	rateColConnectFee
	rateColFirstInterval
	rateColNextInterval
	rateColGrace
	rateColFree
	rateColEffectiveFrom
	rateColEnds
	rateColCount
)

// rateColFields are the field names of the columns, as in Rate.Validate.
var rateColFields = [rateColCount]string{"prefix", "description", "price", "connect_fee", "first_interval", "next_interval",
	"grace_seconds", "free_seconds", "effective_from", "ends"}

// rateColNames are the header names each column answers to, lowercase and
// without spaces or underscores, the preferred name first: a header with
// both "Country" and "Description" takes the description from
// "Description". "destination" is the last choice for the prefix, since
// many files use it for the destination's name.
var rateColNames = [rateColCount][]string{
	{"prefix", "code", "destination"},
	{"description", "name", "country"},
	{"price", "rate", "priceperminute", "perminute"},
	{"connectfee", "connect", "setup"},
	{"firstinterval", "first", "min"},
	{"nextinterval", "next", "increment"},
	{"graceseconds", "grace"},
	{"freeseconds", "free"},
	{"effectivefrom", "effective", "validfrom"},
	{"ends", "end", "validuntil", "until"},
}

// RateDateLayout is how a rates file writes its dates.
const RateDateLayout = "2006-01-02"

// ParseRatesCSV reads a rates file for import. The file may be separated
// by commas, semicolons or tabs (the first non-empty line decides), may
// begin with a UTF-8 or UTF-16 byte order mark, and may have a header row:
// when the first row's first cell is not all digits, it is a header and
// columns are found by name; otherwise they are prefix, description, price,
// connect fee, first interval, next interval, and further cells are
// ignored. Grace seconds, free seconds, effective from and ends are read
// only from a header's named columns ("grace_seconds", "free_seconds",
// "effective_from", "ends"). Only prefix and price are required; an empty
// connect fee is 0, an empty interval is DefaultRateInterval, empty grace
// or free seconds take the tariff's, and an empty date leaves the rate's
// period open on that side. Dates are written YYYY-MM-DD (RateDateLayout)
// and mean the start of that day in UTC; ParseRatesCSVIn reads them in
// another zone. Numbers use a single '.' or ',' as the decimal point
// and no grouping. Line breaks and tabs inside a quoted description become
// one space.
//
// Every data row is returned, good or bad, so the window can preview the
// import; a bad row carries its errors. A prefix that repeats an earlier
// row's, in force at a same moment, gets CodeDuplicate on "prefix" with
// Params{"line": the earlier row's line}: rows of one prefix may follow
// each other in time.
//
// The error is for the file as a whole: CodeInvalid (Params "line") when
// the first row (header or not) is not valid CSV, CodeRequired (Params
// "column": "prefix" or "price") when the header lacks a required column,
// CodeOutOfRange (Params "max", "line") beyond MaxRateRows rows,
// CodeTooLong (Params "max", "line") for a row longer than 64 KiB, or the
// reader's own error, as it is.
func ParseRatesCSV(r io.Reader) (RatesFile, error) {
	return ParseRatesCSVIn(r, time.UTC)
}

// ParseRatesCSVIn is ParseRatesCSV with the file's dates meaning the start
// of the day in loc (the importing customer's zone); nil is UTC.
func ParseRatesCSVIn(r io.Reader, loc *time.Location) (RatesFile, error) {
	if loc == nil {
		loc = time.UTC
	}
	in, err := rateCSVInput(r)
	if err != nil {
		return RatesFile{}, err
	}
	delim := detectRateDelimiter(in)
	guard := &rateCSVGuard{r: in, comma: byte(delim), line: 1, recLine: 1}
	cr := csv.NewReader(guard)
	cr.Comma = delim
	cr.LazyQuotes = false
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	file := RatesFile{Delimiter: delim}
	var (
		cols    [rateColCount]int
		started bool
		seen    = make(map[string][]RateRow)
	)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			row, ferr := rateReadError(err, started, guard.recLine)
			if ferr != nil {
				return RatesFile{}, ferr
			}
			if len(file.Rows) >= rateRowLimit {
				return RatesFile{}, rateRowsError(row.Line)
			}
			file.Rows = append(file.Rows, row)
			continue
		}
		if blankRateRecord(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		if !started {
			started = true
			if first := strings.TrimSpace(rec[0]); first == "" || !allDigits(first) {
				file.HasHeader = true
				if cols, err = rateHeaderColumns(rec); err != nil {
					return RatesFile{}, err
				}
				continue
			}
			// Without a header, the columns are the first six, as
			// they always were: further cells are ignored, so an old
			// file with notes after its intervals reads as before.
			for i := range cols {
				cols[i] = -1
				if i < rateColGrace {
					cols[i] = i
				}
			}
		}
		if len(file.Rows) >= rateRowLimit {
			return RatesFile{}, rateRowsError(line)
		}
		rate, errs := parseRateRecord(rec, &cols, loc)
		if errs[rateColPrefix] == nil && errs[rateColEffectiveFrom] == nil && errs[rateColEnds] == nil {
			for _, earlier := range seen[rate.Prefix] {
				if rate.Overlaps(earlier.Rate) {
					errs[rateColPrefix] = FieldError("prefix", CodeDuplicate, map[string]any{"line": earlier.Line})
					break
				}
			}
			if errs[rateColPrefix] == nil {
				seen[rate.Prefix] = append(seen[rate.Prefix], RateRow{Line: line, Rate: rate})
			}
		}
		row := RateRow{Line: line, Rate: rate}
		var es Errors
		for _, e := range errs {
			if e != nil {
				es = append(es, e)
			}
		}
		if len(es) > 0 {
			row.Err = es
		}
		file.Rows = append(file.Rows, row)
	}
	return file, nil
}

// rateReadError turns an error of the CSV reader into a row, when only one
// row is broken, or into the error for the whole file. A row that is not
// valid CSV is reported as such once the header is known; recLine is where
// the record being read began.
func rateReadError(err error, started bool, recLine int) (RateRow, error) {
	if errors.Is(err, errRateRecordTooLong) {
		return RateRow{}, &Error{Code: CodeTooLong, Params: map[string]any{"max": maxRateRecordLen, "line": recLine}}
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return RateRow{}, err
	}
	if !started {
		return RateRow{}, &Error{Code: CodeInvalid, Params: map[string]any{"line": pe.Line}, Err: err}
	}
	return RateRow{Line: pe.StartLine, Err: Errors{
		{Code: CodeInvalid, Params: map[string]any{"line": pe.Line, "column": pe.Column}, Err: pe},
	}}, nil
}

func rateRowsError(line int) *Error {
	return &Error{Code: CodeOutOfRange, Params: map[string]any{"max": rateRowLimit, "line": line}}
}

// rateCSVInput returns r buffered, without a UTF-8 byte order mark, and
// decoded to UTF-8 when a UTF-16 byte order mark says it is UTF-16 (as
// Excel's "Unicode text" is).
func rateCSVInput(r io.Reader) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(&stickyReader{r: r}, maxRateRecordLen)
	head, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), maxRateRecordLen)
	}
	return br, nil
}

// detectRateDelimiter looks at the first non-empty line (or record, when
// a quoted cell holds a line break) without consuming it, and returns the
// one of ',', ';' and tab that occurs most often outside quotes; ',' when
// none does, and on a tie the earlier of ',', ';', tab.
func detectRateDelimiter(br *bufio.Reader) rune {
	buf, _ := br.Peek(maxRateRecordLen)
	var counts [3]int // ',', ';', '\t'
	inQuote, content := false, false
scan:
	for _, c := range buf {
		switch {
		case c == '"':
			inQuote = !inQuote
			content = true
		case inQuote:
		case c == '\n':
			if content {
				break scan
			}
			counts = [3]int{}
		case c == ',':
			counts[0]++
			content = true
		case c == ';':
			counts[1]++
			content = true
		case c == '\t':
			counts[2]++
		case c != ' ' && c != '\r':
			content = true
		}
	}
	best, delims := 0, [3]rune{',', ';', '\t'}
	for i := 1; i < len(counts); i++ {
		if counts[i] > counts[best] {
			best = i
		}
	}
	return delims[best]
}

// rateHeaderColumns maps header cells to columns; a column missing from the
// header gets -1.
func rateHeaderColumns(header []string) ([rateColCount]int, error) {
	var cols, rank [rateColCount]int
	for i := range cols {
		cols[i] = -1
	}
	for i, cell := range header {
		name := strings.Map(func(r rune) rune {
			if r == ' ' || r == '_' {
				return -1
			}
			return r
		}, strings.ToLower(strings.TrimSpace(cell)))
		for col, names := range rateColNames {
			for n, alias := range names {
				if name == alias && (cols[col] < 0 || n < rank[col]) {
					cols[col], rank[col] = i, n
				}
			}
		}
	}
	for _, col := range []int{rateColPrefix, rateColPrice} {
		if cols[col] < 0 {
			return cols, &Error{Code: CodeRequired, Params: map[string]any{"column": rateColFields[col]}}
		}
	}
	return cols, nil
}

// parseRateRecord reads one data record. Its errors are indexed by column;
// the caller adds the check for duplicate prefixes.
func parseRateRecord(rec []string, cols *[rateColCount]int, loc *time.Location) (Rate, [rateColCount]*Error) {
	var (
		rate Rate
		errs [rateColCount]*Error
	)
	cell := func(col int) string {
		if i := cols[col]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	tooLong := func(col int, s string) bool {
		if len(s) <= MaxRateCellLen {
			return false
		}
		// The limit shown is the field's own where it has one.
		limit := MaxRateCellLen
		switch col {
		case rateColPrefix:
			limit = MaxPrefixLen
		case rateColDescription:
			limit = MaxRateDescriptionLen
		}
		errs[col] = FieldError(rateColFields[col], CodeTooLong, map[string]any{"max": limit})
		return true
	}

	// Strings are cloned: the cells share one allocation with the whole
	// record, which may be far longer than what is kept.
	if s := cell(rateColPrefix); !tooLong(rateColPrefix, s) {
		rate.Prefix = strings.Clone(s)
	}
	if s := cell(rateColDescription); !tooLong(rateColDescription, s) {
		rate.Description = strings.Clone(rateOneLine(s))
	}
	for _, col := range []int{rateColPrice, rateColConnectFee} {
		s := cell(col)
		if s == "" {
			if col == rateColPrice {
				errs[col] = FieldError(rateColFields[col], CodeRequired, nil)
			}
			continue
		}
		if tooLong(col, s) {
			continue
		}
		d, ok := parseRateDecimal(s)
		if !ok {
			errs[col] = FieldError(rateColFields[col], CodeInvalid, nil)
			continue
		}
		if col == rateColPrice {
			rate.Price = d
		} else {
			rate.ConnectFee = d
		}
	}
	for _, col := range []int{rateColFirstInterval, rateColNextInterval} {
		n := DefaultRateInterval
		if s := cell(col); s != "" && !tooLong(col, s) {
			var e *Error
			if n, e = parseRateSeconds(rateColFields[col], s, MinRateInterval, MaxRateInterval); e != nil {
				errs[col] = e
			}
		}
		if col == rateColFirstInterval {
			rate.FirstInterval = n
		} else {
			rate.NextInterval = n
		}
	}
	for _, col := range []int{rateColGrace, rateColFree} {
		s := cell(col)
		if s == "" || tooLong(col, s) {
			continue
		}
		n, e := parseRateSeconds(rateColFields[col], s, 0, MaxAllowanceSeconds)
		if e != nil {
			errs[col] = e
			continue
		}
		if col == rateColGrace {
			rate.GraceSeconds = &n
		} else {
			rate.FreeSeconds = &n
		}
	}
	for _, col := range []int{rateColEffectiveFrom, rateColEnds} {
		s := cell(col)
		if s == "" || tooLong(col, s) {
			continue
		}
		day, err := time.ParseInLocation(RateDateLayout, s, loc)
		if err != nil {
			errs[col] = FieldError(rateColFields[col], CodeInvalid, map[string]any{"date": "YYYY-MM-DD"})
			continue
		}
		if col == rateColEffectiveFrom {
			rate.EffectiveFrom = day
		} else {
			rate.Ends = day
		}
	}

	rate.Normalize()
	for _, e := range FieldErrors(rate.Validate()) {
		for col, field := range rateColFields {
			if e.Field == field && errs[col] == nil {
				errs[col] = e
			}
		}
	}
	return rate, errs
}

// parseRateDecimal reads a number of a rates file: an optional sign, ASCII
// digits, and at most one '.' or ',' as the decimal point, with spaces
// around it trimmed. There are no grouping separators, exponents, NaN or
// infinities. It never goes through float64.
func parseRateDecimal(s string) (decimal.Decimal, bool) {
	s = strings.TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	point, digits := -1, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case (c == '.' || c == ',') && point < 0:
			point = i
		default:
			return decimal.Decimal{}, false
		}
	}
	if digits == 0 {
		return decimal.Decimal{}, false
	}
	places := 0
	if point >= 0 {
		places = len(s) - point - 1
		s = s[:point] + s[point+1:]
	}
	if digits <= 18 {
		var v int64
		for i := 0; i < len(s); i++ {
			v = v*10 + int64(s[i]-'0')
		}
		if neg {
			v = -v
		}
		return decimal.New(v, -int32(places)), true
	}
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return decimal.Decimal{}, false
	}
	if neg {
		v.Neg(v)
	}
	return decimal.NewFromBigInt(v, -int32(places)), true
}

// parseRateSeconds reads a whole number of seconds: an optional sign and
// ASCII digits. What is not a whole number is CodeInvalid; a number too
// large for any field is CodeOutOfRange with min and max. The caller's
// Validate checks the range otherwise.
func parseRateSeconds(field, s string, min, max int) (int, *Error) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || !allDigits(s) {
		return 0, FieldError(field, CodeInvalid, nil)
	}
	s = strings.TrimLeft(s, "0")
	if len(s) > 9 {
		return 0, FieldError(field, CodeOutOfRange, map[string]any{"min": min, "max": max})
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, nil
}

// rateOneLine turns every run of spaces that holds a line break or a tab
// into one space, so a description wrapped in a spreadsheet cell reads as
// one line. Other text is left as it is.
func rateOneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		j, brk := i, false
		for j < len(s) && space(s[j]) {
			brk = brk || s[j] != ' '
			j++
		}
		if j > i {
			if brk {
				b.WriteByte(' ')
			} else {
				b.WriteString(s[i:j])
			}
			i = j
			continue
		}
		for j < len(s) && !space(s[j]) {
			j++
		}
		b.WriteString(s[i:j])
		i = j
	}
	return b.String()
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func blankRateRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// stickyReader keeps returning the first error of r, so that an error met
// while peeking at the file's start is not lost.
type stickyReader struct {
	r   io.Reader
	err error
}

func (s *stickyReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	s.err = err
	return n, err
}

// rateCSVGuard passes a file to the CSV reader and stops it, with
// errRateRecordTooLong, as soon as one record grows past maxRateRecordLen
// bytes, before the reader gathers it into memory. It follows the CSV
// syntax just far enough to know where records end: a line break ends a
// record unless it is inside a quoted cell.
type rateCSVGuard struct {
	r        io.Reader
	comma    byte
	state    uint8
	recBytes int
	line     int // the line being read
	recLine  int // the line where the current record began
	err      error
}

const (
	guardFieldStart = iota // at the start of a cell
	guardUnquoted          // in an unquoted cell, or skipping a broken one
	guardQuoted            // inside quotes
	guardQuoteSeen         // just after a quote inside quotes
)

func (g *rateCSVGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i, c := range p[:n] {
		end := false
		switch g.state {
		case guardFieldStart:
			switch c {
			case '"':
				g.state = guardQuoted
			case g.comma:
			case '\n':
				end = true
			default:
				g.state = guardUnquoted
			}
		case guardUnquoted:
			switch c {
			case g.comma:
				g.state = guardFieldStart
			case '\n':
				end = true
			}
		case guardQuoted:
			if c == '"' {
				g.state = guardQuoteSeen
			}
		case guardQuoteSeen:
			switch c {
			case '"':
				g.state = guardQuoted
			case g.comma:
				g.state = guardFieldStart
			case '\n':
				end = true
			default:
				// A broken quoted cell: the CSV reader reports it and
				// skips the rest of the line.
				g.state = guardUnquoted
			}
		}
		if c == '\n' {
			g.line++
		}
		if end {
			g.state, g.recBytes, g.recLine = guardFieldStart, 0, g.line
			continue
		}
		if g.recBytes++; g.recBytes > maxRateRecordLen {
			g.err = errRateRecordTooLong
			return i, g.err
		}
	}
	return n, err
}
