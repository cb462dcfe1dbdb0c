package model

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func validRate() Rate {
	return Rate{Prefix: "44", Description: "United Kingdom", Price: decimal.RequireFromString("0.0123"),
		ConnectFee: decimal.Zero, FirstInterval: 60, NextInterval: 60}
}

func TestRateValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Rate)
		field  string
		code   Code
	}{
		{"valid", func(*Rate) {}, "", ""},
		{"free destination", func(r *Rate) { r.Price = decimal.Zero }, "", ""},
		{"no description", func(r *Rate) { r.Description = "" }, "", ""},
		{"20 digits", func(r *Rate) { r.Prefix = strings.Repeat("9", 20) }, "", ""},
		{"leading zero", func(r *Rate) { r.Prefix = "0044" }, "", ""},
		{"6 places", func(r *Rate) { r.Price = decimal.RequireFromString("0.123456") }, "", ""},
		{"trailing zeros are not places", func(r *Rate) { r.Price = decimal.RequireFromString("0.12345600") }, "", ""},
		{"top price", func(r *Rate) { r.Price = decimal.NewFromInt(1_000_000) }, "", ""},
		{"intervals 1 and 3600", func(r *Rate) { r.FirstInterval, r.NextInterval = 1, 3600 }, "", ""},
		{"unicode description", func(r *Rate) { r.Description = strings.Repeat("Ü", 200) }, "", ""},
		{"no prefix", func(r *Rate) { r.Prefix = "" }, "prefix", CodeRequired},
		{"plus sign", func(r *Rate) { r.Prefix = "+44" }, "prefix", CodeInvalidChars},
		{"space in prefix", func(r *Rate) { r.Prefix = "44 20" }, "prefix", CodeInvalidChars},
		{"arabic digits", func(r *Rate) { r.Prefix = "٤٤" }, "prefix", CodeInvalidChars},
		{"21 digits", func(r *Rate) { r.Prefix = strings.Repeat("9", 21) }, "prefix", CodeTooLong},
		{"long description", func(r *Rate) { r.Description = strings.Repeat("x", 201) }, "description", CodeTooLong},
		{"newline in description", func(r *Rate) { r.Description = "a\nb" }, "description", CodeInvalidChars},
		{"invalid utf8", func(r *Rate) { r.Description = "a\xffb" }, "description", CodeInvalidChars},
		{"negative price", func(r *Rate) { r.Price = decimal.RequireFromString("-0.01") }, "price", CodeOutOfRange},
		{"huge price", func(r *Rate) { r.Price = decimal.RequireFromString("1000000.000001") }, "price", CodeOutOfRange},
		{"7 places", func(r *Rate) { r.Price = decimal.RequireFromString("0.1234567") }, "price", CodeTooPrecise},
		{"negative connect fee", func(r *Rate) { r.ConnectFee = decimal.NewFromInt(-1) }, "connect_fee", CodeOutOfRange},
		{"precise connect fee", func(r *Rate) { r.ConnectFee = decimal.New(1, -7) }, "connect_fee", CodeTooPrecise},
		{"zero first interval", func(r *Rate) { r.FirstInterval = 0 }, "first_interval", CodeOutOfRange},
		{"long next interval", func(r *Rate) { r.NextInterval = 3601 }, "next_interval", CodeOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRate()
			tt.change(&r)
			err := r.Validate()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			e := FieldErrors(err).For(tt.field)
			if e == nil || e.Code != tt.code {
				t.Fatalf("want %s on %s, got %v", tt.code, tt.field, err)
			}
			if e.Code == CodeTooPrecise && e.Params["places"] != 6 {
				t.Errorf("params %v, want places 6", e.Params)
			}
		})
	}
}

func TestRateValidateReportsEveryField(t *testing.T) {
	r := Rate{Prefix: "x", Description: "\x00", Price: decimal.NewFromInt(-1), ConnectFee: decimal.New(1, -9)}
	es := FieldErrors(r.Validate())
	for _, f := range []string{"prefix", "description", "price", "connect_fee", "first_interval", "next_interval"} {
		if es.For(f) == nil {
			t.Errorf("no error for %s in %v", f, es)
		}
	}
	if MaxRatePlaces != StorageScale {
		t.Errorf("MaxRatePlaces %d differs from StorageScale %d: rates would not store exactly", MaxRatePlaces, StorageScale)
	}
}

func TestRateNormalize(t *testing.T) {
	r := Rate{Prefix: " 44\t", Description: "  UK  "}
	r.Normalize()
	if r.Prefix != "44" || r.Description != "UK" {
		t.Errorf("got %q, %q", r.Prefix, r.Description)
	}
}

// want is the expected form of one good row.
type want struct {
	line                        int
	prefix, description         string
	price, connectFee           string
	firstInterval, nextInterval int
}

func checkRate(t *testing.T, got RateRow, w want) {
	t.Helper()
	if got.Err != nil {
		t.Errorf("line %d: unexpected error %v", got.Line, got.Err)
	}
	r := got.Rate
	if got.Line != w.line || r.Prefix != w.prefix || r.Description != w.description ||
		!r.Price.Equal(decimal.RequireFromString(w.price)) || !r.ConnectFee.Equal(decimal.RequireFromString(w.connectFee)) ||
		r.FirstInterval != w.firstInterval || r.NextInterval != w.nextInterval {
		t.Errorf("got line %d %q %q %s %s %d %d; want %+v", got.Line, r.Prefix, r.Description,
			r.Price, r.ConnectFee, r.FirstInterval, r.NextInterval, w)
	}
}

func parseFixture(t *testing.T, name string) RatesFile {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "rates", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	file, err := ParseRatesCSV(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return file
}

func TestParseRatesCSVFixtures(t *testing.T) {
	tests := []struct {
		file      string
		delimiter rune
		header    bool
		rows      []want
	}{
		{"good.csv", ',', true, []want{
			{2, "44", "United Kingdom", "0.0123", "0", 60, 60},
			{3, "447", "United Kingdom Mobile", "0.045", "0.01", 30, 6},
			{4, "1", "USA & Canada", "0.005", "0", 1, 1},
			{5, "49", "Germany", "0.02", "0", 60, 60},
			{6, "0049", "Germany (with leading zeros)", "0.02", "0", 60, 60},
		}},
		{"semicolon_comma_decimal.csv", ';', true, []want{
			{2, "33", "France", "0.0123", "0.05", 30, 6},
			{3, "336", "France Mobile", "0.1", "0", 60, 60},
			{4, "34", "España", "1", "0", 60, 60},
		}},
		{"bom_tab.tsv", '\t', false, []want{
			{1, "380", "Ukraine", "0.05", "0", 60, 60},
			{2, "3805", "Ukraine Mobile, Kyivstar", "0.1", "0.01", 1, 1},
			{4, "7", "Russia", "0.03", "0", 60, 60},
		}},
		{"quoted.csv", ',', true, []want{
			{2, "387", "Bosnia, Herzegovina", "0.15", "0", 60, 60},
			{3, "1876", `The "Best" Route`, "0.2", "0", 60, 60},
			{4, "4420", "United Kingdom London", "0.01", "0", 60, 60},
			{6, "353", "Ireland", "0.03", "0", 60, 60},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			file := parseFixture(t, tt.file)
			if file.Delimiter != tt.delimiter || file.HasHeader != tt.header {
				t.Errorf("delimiter %q header %v; want %q %v", file.Delimiter, file.HasHeader, tt.delimiter, tt.header)
			}
			if len(file.Rows) != len(tt.rows) {
				t.Fatalf("%d rows, want %d: %+v", len(file.Rows), len(tt.rows), file.Rows)
			}
			for i, w := range tt.rows {
				checkRate(t, file.Rows[i], w)
			}
			if len(file.Valid()) != len(tt.rows) || len(file.Invalid()) != 0 {
				t.Errorf("%d valid, %d invalid", len(file.Valid()), len(file.Invalid()))
			}
		})
	}
}

func TestParseRatesCSVBadRows(t *testing.T) {
	file := parseFixture(t, "bad_rows.csv")
	bad := []struct {
		line  int
		field string
		code  Code
	}{
		{3, "prefix", CodeInvalidChars},
		{4, "price", CodeOutOfRange},
		{5, "price", CodeTooPrecise},
		{6, "prefix", CodeDuplicate},
		{7, "first_interval", CodeOutOfRange},
		{8, "price", CodeRequired},
		{11, "price", CodeInvalid},
		{12, "next_interval", CodeInvalid},
		{13, "", CodeInvalid}, // bare quote: the row is not CSV
		{14, "", CodeInvalid}, // text after a closing quote
		{15, "price", CodeInvalid},
		{16, "price", CodeInvalid},
	}
	invalid := file.Invalid()
	if len(invalid) != len(bad) {
		t.Fatalf("%d invalid rows, want %d: %+v", len(invalid), len(bad), invalid)
	}
	for i, b := range bad {
		row := invalid[i]
		es := FieldErrors(row.Err)
		if row.Line != b.line || len(es) != 1 || es[0].Field != b.field || es[0].Code != b.code {
			t.Errorf("row %d: line %d, %v; want line %d, %s on %q", i, row.Line, row.Err, b.line, b.code, b.field)
		}
		if _, ok := row.Err.(Errors); !ok {
			t.Errorf("line %d: error is %T, want Errors", row.Line, row.Err)
		}
	}
	if e := FieldErrors(invalid[3].Err).For("prefix"); e == nil || e.Params["line"] != 2 {
		t.Errorf("duplicate does not point at line 2: %v", invalid[3].Err)
	}
	if e := FieldErrors(invalid[2].Err).For("price"); e == nil || e.Params["places"] != 6 {
		t.Errorf("too precise lacks places: %v", invalid[2].Err)
	}
	// The rest of a bad row is still read, for the preview.
	if r := invalid[1].Rate; r.Prefix != "45" || r.Description != "Denmark" || r.Price.String() != "-0.01" {
		t.Errorf("bad row's rate %+v", r)
	}

	valid := file.Valid()
	var prefixes []string
	for _, r := range valid {
		prefixes = append(prefixes, r.Prefix)
		if err := r.Validate(); err != nil {
			t.Errorf("valid rate %s: %v", r.Prefix, err)
		}
	}
	if got := strings.Join(prefixes, " "); got != "44 49 420" {
		t.Errorf("valid prefixes %q, want %q", got, "44 49 420")
	}
	if len(file.Rows) != len(valid)+len(invalid) {
		t.Errorf("%d rows is not %d valid + %d invalid", len(file.Rows), len(valid), len(invalid))
	}
}

func TestParseRatesCSVInline(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		delim   rune
		header  bool
		lines   []int  // lines of the rows
		field   string // of the first row's error, when code is set
		code    Code
		prefix  string // of the first row, when set
		descr   string // of the first row, when set
		price   string // of the first row, when set
		intervs [2]int // of the first row, when set
	}{
		{name: "empty file", in: "", delim: ','},
		{name: "only blank lines", in: "\n\r\n\n", delim: ','},
		{name: "header only", in: "prefix,price\n", delim: ',', header: true},
		{name: "no final newline", in: "1,USA,0.01", delim: ',', lines: []int{1}, prefix: "1"},
		{name: "crlf", in: "prefix;price\r\n1;0,5\r\n\r\n2;1\r\n", delim: ';', header: true, lines: []int{2, 4}, price: "0.5"},
		{name: "blank rows of separators", in: "prefix;d;price\n;;\n1;x;2\n ; ; \n", delim: ';', header: true, lines: []int{3}},
		{name: "more semicolons than commas", in: "1;a, b;0,5;0;60;60\n", delim: ';', lines: []int{1}, descr: "a, b", price: "0.5"},
		{name: "quoted delimiters do not count", in: "\"a;b;c;d\",prefix,price\nx,1,2\n", delim: ',', header: true, lines: []int{2}, prefix: "1"},
		{name: "tab wins", in: "\n\nprefix\tprice\tx,y\n1\t2\tz\n", delim: '\t', header: true, lines: []int{4}, price: "2"},
		{name: "header case and spaces", in: "Connect_Fee,PRICE PER MINUTE,Destination Code,Code,Next\n0.1,0.2,UK,44,6\n", delim: ',', header: true,
			lines: []int{2}, prefix: "44", price: "0.2", intervs: [2]int{60, 6}},
		{name: "country and description", in: "Country,Description,Prefix,Rate\nUK,UK Mobile,447,0.1\n", delim: ',', header: true, lines: []int{2}, descr: "UK Mobile"},
		{name: "destination as prefix", in: "Destination,Name,Rate,First,Increment\n44,UK,0.1,30,6\n", delim: ',', header: true,
			lines: []int{2}, prefix: "44", descr: "UK", intervs: [2]int{30, 6}},
		{name: "short row gets defaults", in: "1,,0.5\n", delim: ',', lines: []int{1}, descr: "", intervs: [2]int{60, 60}},
		{name: "extra columns ignored", in: "1,US,0.5,0,60,60,x,y,z\n", delim: ',', lines: []int{1}},
		{name: "spaces around numbers", in: "1 , US , 0.5 , 0.1 , 30 , 6\n", delim: ',', lines: []int{1}, prefix: "1", descr: "US", price: "0.5", intervs: [2]int{30, 6}},
		{name: "leading zeros in interval", in: "1,US,0.5,0,060,0006\n", delim: ',', lines: []int{1}, intervs: [2]int{60, 6}},
		{name: "tabs and breaks in description", in: "1,\"a\t\tb\r\n  c  d\",1\n", delim: ',', lines: []int{1}, descr: "a b c  d"},
		{name: "row of one prefix", in: "1\n", delim: ',', lines: []int{1}, field: "price", code: CodeRequired},
		{name: "price too long", in: "1,x," + strings.Repeat("1", 1001) + "\n", delim: ',', lines: []int{1}, field: "price", code: CodeTooLong},
		{name: "description too long", in: "1," + strings.Repeat("x", 1001) + ",1\n", delim: ',', lines: []int{1}, field: "description", code: CodeTooLong},
		{name: "description 201 runes", in: "1," + strings.Repeat("é", 201) + ",1\n", delim: ',', lines: []int{1}, field: "description", code: CodeTooLong},
		{name: "prefix too long", in: "1" + strings.Repeat("0", 20) + ",x,1\n", delim: ',', lines: []int{1}, field: "prefix", code: CodeTooLong},
		{name: "plus prefix", in: "prefix,price\n+44,1\n", delim: ',', header: true, lines: []int{2}, field: "prefix", code: CodeInvalidChars},
		{name: "control char", in: "1,a\x01b,1\n", delim: ',', lines: []int{1}, field: "description", code: CodeInvalidChars},
		{name: "latin1 text", in: "1,Espa\xf1a,1\n", delim: ',', lines: []int{1}, field: "description", code: CodeInvalidChars},
		{name: "interval overflow", in: "1,x,1,0,99999999999999999999,1\n", delim: ',', lines: []int{1}, field: "first_interval", code: CodeOutOfRange},
		{name: "negative interval", in: "1,x,1,0,-60,1\n", delim: ',', lines: []int{1}, field: "first_interval", code: CodeOutOfRange},
		{name: "comma splits a comma file's cell", in: "1,x,1,0,60,1,5\n", delim: ',', lines: []int{1}, intervs: [2]int{60, 1}},
		{name: "fee with exponent", in: "1,x,1,1E2\n", delim: ',', lines: []int{1}, field: "connect_fee", code: CodeInvalid},
		{name: "price NaN", in: "1,x,NaN\n", delim: ',', lines: []int{1}, field: "price", code: CodeInvalid},
		{name: "price above a million", in: "1,x,1000000.01\n", delim: ',', lines: []int{1}, field: "price", code: CodeOutOfRange},
		{name: "unterminated quote at the end", in: "1,x,1\n2,\"oops,1\n3,y,1\n", delim: ',', lines: []int{1, 2}},
		{name: "utf16le with bom", in: utf16LE("\ufeffprefix\tdescription\tprice\r\n49\tDeutschland\t0,02\r\n"), delim: '\t', header: true,
			lines: []int{2}, prefix: "49", descr: "Deutschland", price: "0.02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, err := ParseRatesCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if file.Delimiter != tt.delim || file.HasHeader != tt.header {
				t.Errorf("delimiter %q header %v; want %q %v", file.Delimiter, file.HasHeader, tt.delim, tt.header)
			}
			var lines []int
			for _, row := range file.Rows {
				lines = append(lines, row.Line)
			}
			if fmt.Sprint(lines) != fmt.Sprint(tt.lines) {
				t.Fatalf("lines %v, want %v", lines, tt.lines)
			}
			if len(file.Rows) == 0 {
				return
			}
			row := file.Rows[0]
			if tt.code != "" {
				if e := FieldErrors(row.Err).For(tt.field); e == nil || e.Code != tt.code {
					t.Errorf("want %s on %s, got %v", tt.code, tt.field, row.Err)
				}
			} else if row.Err != nil {
				t.Errorf("unexpected error %v", row.Err)
			}
			r := row.Rate
			if tt.prefix != "" && r.Prefix != tt.prefix {
				t.Errorf("prefix %q, want %q", r.Prefix, tt.prefix)
			}
			if tt.descr != "" && r.Description != tt.descr {
				t.Errorf("description %q, want %q", r.Description, tt.descr)
			}
			if tt.price != "" && !r.Price.Equal(decimal.RequireFromString(tt.price)) {
				t.Errorf("price %s, want %s", r.Price, tt.price)
			}
			if tt.intervs != [2]int{} && (r.FirstInterval != tt.intervs[0] || r.NextInterval != tt.intervs[1]) {
				t.Errorf("intervals %d, %d; want %v", r.FirstInterval, r.NextInterval, tt.intervs)
			}
		})
	}
}

// utf16LE encodes s as UTF-16 little-endian (s may start with U+FEFF).
func utf16LE(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8)) // the test text is all in the BMP
	}
	return string(b)
}

func TestParseRatesCSVUnterminatedQuote(t *testing.T) {
	file, err := ParseRatesCSV(strings.NewReader("1,x,1\n2,\"oops,1\n3,y,1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(file.Rows) != 2 || file.Rows[0].Err != nil || file.Rows[1].Line != 2 || FieldErrors(file.Rows[1].Err)[0].Code != CodeInvalid {
		t.Errorf("rows %+v", file.Rows)
	}
}

func TestParseRatesCSVFileErrors(t *testing.T) {
	huge := "1,\"" + strings.Repeat("x", maxRateRecordLen) + "\",1\n"
	tests := []struct {
		name   string
		in     string
		code   Code
		params map[string]any
	}{
		{"no prefix column", "Name,Price\nUK,1\n", CodeRequired, map[string]any{"column": "prefix"}},
		{"no price column", "Prefix;Name;Fee\n44;UK;1\n", CodeRequired, map[string]any{"column": "price"}},
		{"not a rates file", "hello world\n", CodeRequired, map[string]any{"column": "prefix"}},
		{"broken header", "\n\nprefix,\"price\"x\n1,2\n", CodeInvalid, map[string]any{"line": 3}},
		{"header is an unterminated quote", "\"prefix,price\n1,2\n", CodeInvalid, map[string]any{"line": 2}},
		{"record too long", "1,x,1\n2,y,2\n" + huge, CodeTooLong, map[string]any{"line": 3, "max": maxRateRecordLen}},
		{"one long line", "1,x,1\n" + strings.Repeat("9", 10*maxRateRecordLen), CodeTooLong, map[string]any{"line": 2, "max": maxRateRecordLen}},
		{"endless quote", "1,x,1\n2,\"" + strings.Repeat("x\n", maxRateRecordLen), CodeTooLong, map[string]any{"line": 2, "max": maxRateRecordLen}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, err := ParseRatesCSV(strings.NewReader(tt.in))
			var e *Error
			if !errors.As(err, &e) || e.Code != tt.code {
				t.Fatalf("want %s, got %v", tt.code, err)
			}
			if fmt.Sprint(e.Params) != fmt.Sprint(tt.params) {
				t.Errorf("params %v, want %v", e.Params, tt.params)
			}
			if len(file.Rows) != 0 {
				t.Errorf("rows returned with a file error")
			}
		})
	}

	// A record just under the limit is fine: the guard counts what the
	// CSV reader would.
	ok := "1,\"" + strings.Repeat("x\"\"", (maxRateRecordLen-20)/3) + "\",1\n2,y,1\n"
	file, err := ParseRatesCSV(strings.NewReader(ok))
	if err != nil || len(file.Rows) != 2 || file.Rows[1].Err != nil {
		t.Errorf("long but legal record: %v", err)
	}
}

func TestParseRatesCSVRowLimit(t *testing.T) {
	defer func(n int) { rateRowLimit = n }(rateRowLimit)
	rateRowLimit = 3
	in := "prefix,price\n1,1\n2,1\n\n3,1\n"
	if file, err := ParseRatesCSV(strings.NewReader(in)); err != nil || len(file.Rows) != 3 {
		t.Fatalf("3 rows: %v", err)
	}
	_, err := ParseRatesCSV(strings.NewReader(in + "4,1\n"))
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeOutOfRange || e.Params["line"] != 6 || e.Params["max"] != 3 {
		t.Errorf("want out of range at line 6, got %v", err)
	}
}

type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n == 0 {
		f.n++
		return copy(p, "prefix,price\n1,1\n"), nil
	}
	return 0, errors.New("disk on fire")
}

func TestParseRatesCSVReadError(t *testing.T) {
	if _, err := ParseRatesCSV(&failingReader{}); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("read error lost: %v", err)
	}
}

func TestParseRateDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when refused
	}{
		{"0.0123", "0.0123"},
		{"0,0123", "0.0123"},
		{" 12 ", "12"},
		{"-0.5", "-0.5"},
		{"+7", "7"},
		{".5", "0.5"},
		{"5.", "5"},
		{"007", "7"},
		{"0.1234567", "0.1234567"},
		{"123456789012345678901234567890.123", "123456789012345678901234567890.123"},
		{"", ""},
		{" ", ""},
		{".", ""},
		{"-", ""},
		{"+-1", ""},
		{"--1", ""},
		{"1e3", ""},
		{"1E3", ""},
		{"1.2.3", ""},
		{"1,234.5", ""},
		{"1 234", ""},
		{"1'234", ""},
		{"NaN", ""},
		{"Inf", ""},
		{"0x10", ""},
		{"١٢", ""},
		{"１２", ""},
		{"$1", ""},
	}
	for _, tt := range tests {
		d, ok := parseRateDecimal(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("%q accepted as %s", tt.in, d)
			}
			continue
		}
		if !ok || !d.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("%q: got %s, %v; want %s", tt.in, d, ok, tt.want)
		}
	}
}

// generatedRates builds a semicolon file, with a header, of n distinct
// rates with comma decimals and quoted descriptions.
func generatedRates(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Prefix;Description;Price;Connect fee;First interval;Next interval\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d;\"Destination %d; zone %d\";0,%06d;%d,5;%d;%d\n", 100000+i, i, i%7, i%1000000, i%3, 1+i%60, 1+i%3600)
	}
	return b.Bytes()
}

func TestParseRatesCSV50k(t *testing.T) {
	const n = 50_000
	data := generatedRates(n)
	start := time.Now()
	file, err := ParseRatesCSV(bytes.NewReader(data))
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	valid := file.Valid()
	if len(file.Rows) != n || len(valid) != n {
		t.Fatalf("%d rows, %d valid; want %d: %v", len(file.Rows), len(valid), n, file.Invalid()[0].Err)
	}
	for _, i := range []int{0, 1, 12345, n - 1} {
		r := valid[i]
		want := fmt.Sprintf("0.%06d", i%1000000)
		if r.Prefix != fmt.Sprint(100000+i) || r.Description != fmt.Sprintf("Destination %d; zone %d", i, i%7) ||
			!r.Price.Equal(decimal.RequireFromString(want)) || r.ConnectFee.String() != fmt.Sprintf("%d.5", i%3) ||
			r.FirstInterval != 1+i%60 || r.NextInterval != 1+i%3600 || file.Rows[i].Line != i+2 {
			t.Errorf("row %d: %+v", i, file.Rows[i])
		}
	}
	// Generous, so that slow or race-instrumented machines pass; a typical
	// run takes well under a tenth of this.
	if took > 5*time.Second {
		t.Errorf("50,000 rows took %v", took)
	}
	t.Logf("50,000 rows in %v", took)
}

func BenchmarkParseRatesCSV50k(b *testing.B) {
	data := generatedRates(50_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		file, err := ParseRatesCSV(bytes.NewReader(data))
		if err != nil || len(file.Rows) != 50_000 {
			b.Fatal(err)
		}
	}
}

func FuzzParseRatesCSV(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "rates", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "\n", "1", "1,x,1", "prefix;price\n1;0,5\n1;2\n", "\"", "\"\"\"", "1,\"a\n\"\"b\",1\n",
		"1\t\"x\"y\t1\n", "\xef\xbb\xbf1;2;3", "\xff\xfe1\x00,\x002\x00", "Code,Rate\n0,0\n00,0\n",
		"1,x,0.0000001\n2,x,-0\n3,x,1000000\n", "1,x,1,1,3600,1\n1,y,1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ParseRatesCSV(bytes.NewReader(data))
		if err != nil {
			if CodeOf(err) == CodeStorageFailure {
				t.Fatalf("file error is not a model error: %v", err)
			}
			if len(file.Rows) != 0 {
				t.Fatal("rows with a file error")
			}
			return
		}
		switch file.Delimiter {
		case ',', ';', '\t':
		default:
			t.Fatalf("delimiter %q", file.Delimiter)
		}
		seen := map[string]bool{}
		last := 0
		for _, row := range file.Rows {
			if row.Line <= last {
				t.Fatalf("line %d after %d", row.Line, last)
			}
			last = row.Line
			if row.Err != nil {
				if len(FieldErrors(row.Err)) == 0 {
					t.Fatalf("line %d: error %T is not a model error", row.Line, row.Err)
				}
				continue
			}
			r := row.Rate
			if err := r.Validate(); err != nil {
				t.Fatalf("line %d: valid row fails Validate: %v", row.Line, err)
			}
			if seen[r.Prefix] {
				t.Fatalf("line %d: prefix %s accepted twice", row.Line, r.Prefix)
			}
			seen[r.Prefix] = true
			for _, d := range []decimal.Decimal{r.Price, r.ConnectFee} {
				if _, err := ToMicros(d); err != nil {
					t.Fatalf("line %d: %s cannot be stored: %v", row.Line, d, err)
				}
			}
		}
		if len(file.Valid())+len(file.Invalid()) != len(file.Rows) {
			t.Fatal("valid and invalid do not add up")
		}
	})
}

// rateNumber is the grammar parseRateDecimal accepts, written independently.
var rateNumber = regexp.MustCompile(`^[+-]?([0-9]+[.,]?[0-9]*|[.,][0-9]+)$`)

func FuzzRateDecimal(f *testing.F) {
	for _, s := range []string{"0", "0.0123", "0,0123", " -1.5 ", "+.5", "5.", "1e3", "+-", "1.2.3", "1,234.5", "",
		"NaN", "١", "99999999999999999999.999999999999", "-0", "\t7\n", "1_000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseRateDecimal(s)
		trimmed := strings.TrimSpace(s)
		if ok != rateNumber.MatchString(trimmed) {
			t.Fatalf("%q: accepted %v, grammar says %v", s, ok, !ok)
		}
		if !ok {
			return
		}
		want, good := new(big.Rat).SetString(strings.Replace(trimmed, ",", ".", 1))
		if !good {
			t.Fatalf("%q: big.Rat refuses it", s)
		}
		if d.Rat().Cmp(want) != 0 {
			t.Fatalf("%q: got %s, want %s", s, d, want.FloatString(40))
		}
		// Formatting and reading back is exact.
		if back, ok := parseRateDecimal(d.String()); !ok || !back.Equal(d) {
			t.Fatalf("%q: %s does not read back", s, d)
		}
	})
}
