package i18n

import (
	"testing"
	"time"
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

func TestDateTimeLayouts(t *testing.T) {
	for _, l := range Supported {
		if dateTimeLayouts[l] == "" {
			t.Errorf("no date-time layout for %q", l)
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
