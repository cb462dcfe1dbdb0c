package i18n

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func TestDateTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	saoPaulo, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Fatal(err)
	}
	tm := time.Date(2026, 1, 2, 22, 4, 59, 0, time.UTC)
	tests := []struct {
		lang Lang
		loc  *time.Location
		want string
	}{
		{English, time.UTC, "2026-01-02 22:04"},
		{English, nil, "2026-01-02 22:04"},
		{English, berlin, "2026-01-02 23:04"},
		{German, berlin, "02.01.2026 23:04"},
		{German, time.UTC, "02.01.2026 22:04"},
		{French, berlin, "02/01/2026 23:04"},
		{Spanish, time.UTC, "02/01/2026 22:04"},
		{PortugueseBR, saoPaulo, "02/01/2026 19:04"},
		{Russian, berlin, "02.01.2026 23:04"},
		{ChineseSimplified, time.UTC, "2026-01-02 22:04"},
		{German, time.FixedZone("", 2*3600), "03.01.2026 00:04"}, // date changes with the zone
	}
	for _, tt := range tests {
		if got := New(tt.lang).DateTime(tm, tt.loc); got != tt.want {
			t.Errorf("New(%q).DateTime(%v, %v) = %q, want %q", tt.lang, tm, tt.loc, got, tt.want)
		}
	}
}

// TestDateTimeLayouts checks that every language file gives a layout that
// writes a date and time and reads the date back.
func TestDateTimeLayouts(t *testing.T) {
	tm := time.Date(2026, 3, 31, 17, 45, 0, 0, time.UTC)
	for _, l := range Supported {
		loc := localeOf(l)
		if loc == nil || loc.file.DateTimeLayout == "" || loc.file.DatePattern == "" {
			t.Errorf("no date-time layout or date pattern for %q", l)
			continue
		}
		tr := New(l)
		if s := tr.DateTime(tm, nil); !strings.Contains(s, "31") || !strings.Contains(s, "17:45") {
			t.Errorf("%s: DateTime = %q, want the day and 17:45", l, s)
		}
		if d, err := tr.ParseDate(tr.Date(tm, nil), nil); err != nil || !d.Equal(tm.Truncate(24*time.Hour)) {
			t.Errorf("%s: ParseDate(Date) = %v, %v", l, d, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang Lang
		text string
		ok   bool
	}{
		{English, "2026-03-31", true},
		{German, "31.03.2026", true},
		{German, "2026-03-31", true},
		{French, "31/03/2026", true},
		{Russian, "31.03.2026", true},
		{ChineseSimplified, "2026-03-31", true},
		{English, "31.03.2026", false},
		{German, "2026-13-01", false},
		{German, "", false},
	}
	for _, tt := range tests {
		got, err := New(tt.lang).ParseDate(tt.text, time.UTC)
		if tt.ok && (err != nil || !got.Equal(want)) {
			t.Errorf("%s %q: %v %v", tt.lang, tt.text, got, err)
		}
		if !tt.ok && err == nil {
			t.Errorf("%s %q accepted", tt.lang, tt.text)
		}
	}
}

// TestDatePattern checks that each language's date hint has the shape of
// the dates Date writes and ParseDate reads: the same separators, the same
// number of parts and, where letters stand for digits, as many of them.
func TestDatePattern(t *testing.T) {
	day := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	notSep := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for _, l := range Supported {
		tr := New(l)
		pattern, date := tr.DatePattern(), tr.Date(day, time.UTC)
		seps := func(s string) string {
			return strings.Map(func(r rune) rune {
				if notSep(r) {
					return -1
				}
				return r
			}, s)
		}
		if seps(pattern) != seps(date) {
			t.Errorf("%s: pattern %q and date %q have different separators", l, pattern, date)
		}
		split := func(s string) []string { return strings.FieldsFunc(s, func(r rune) bool { return !notSep(r) }) }
		pp, dp := split(pattern), split(date)
		if len(pp) != 3 || len(dp) != 3 {
			t.Errorf("%s: pattern %q or date %q is not three parts", l, pattern, date)
			continue
		}
		if l != ChineseSimplified { // 年-月-日 names the parts with one character each
			for i := range pp {
				if utf8.RuneCountInString(pp[i]) != len(dp[i]) {
					t.Errorf("%s: part %d of %q does not fit %q", l, i, pattern, date)
				}
			}
		}
		got, err := tr.ParseDate(date, time.UTC)
		if err != nil || !got.Equal(day) {
			t.Errorf("%s: ParseDate(%q) = %v, %v", l, date, got, err)
		}
	}
	if got := New(German).Date(time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC), time.FixedZone("+2", 7200)); got != "01.04.2026" {
		t.Errorf("German date in +2: %q", got)
	}
	if got := New(Russian).DatePattern(); got != "ДД.ММ.ГГГГ" {
		t.Errorf("Russian pattern %q", got)
	}
}
