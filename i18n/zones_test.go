package i18n

import (
	"errors"
	"slices"
	"testing"
	"time"
)

var (
	winter = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	summer = time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)
)

func TestZones(t *testing.T) {
	zones := Zones()
	if len(zones) <= 300 {
		t.Fatalf("Zones() has %d names, want > 300", len(zones))
	}
	if !slices.IsSorted(zones) {
		t.Error("Zones() is not sorted")
	}
	if len(slices.Compact(slices.Clone(zones))) != len(zones) {
		t.Error("Zones() has duplicates")
	}
	for _, want := range []string{"Europe/Berlin", "America/Sao_Paulo", "Asia/Shanghai", "UTC", "America/New_York", "Asia/Kolkata"} {
		if !slices.Contains(zones, want) {
			t.Errorf("Zones() lacks %q", want)
		}
	}
	for _, junk := range []string{"Factory", "posixrules", "localtime", "", "Local"} {
		if slices.Contains(zones, junk) {
			t.Errorf("Zones() has %q", junk)
		}
	}
	zones[0] = "changed"
	if Zones()[0] == "changed" {
		t.Error("Zones() returns shared storage")
	}
}

// TestZonesLoad checks zones.txt against the embedded database (time/tzdata).
func TestZonesLoad(t *testing.T) {
	for _, name := range Zones() {
		if _, err := time.LoadLocation(name); err != nil {
			t.Errorf("zone %q does not load: %v (regenerate zones.txt with go generate)", name, err)
		}
	}
}

func TestSearchZones(t *testing.T) {
	tests := []struct {
		query   string
		now     time.Time
		want    []string // must be in the result
		notWant []string // must not be
		exact   bool     // result is exactly want
	}{
		{query: "berl", want: []string{"Europe/Berlin"}, exact: true},
		{query: "BERLIN", want: []string{"Europe/Berlin"}, exact: true},
		{query: "new york", want: []string{"America/New_York"}, exact: true},
		{query: "New_York", want: []string{"America/New_York"}, exact: true},
		{query: "  new   york ", want: []string{"America/New_York"}, exact: true},
		{query: "sao paulo", want: []string{"America/Sao_Paulo"}, exact: true},
		{query: "shanghai", want: []string{"Asia/Shanghai"}, exact: true},
		{query: "europe/", want: []string{"Europe/Berlin", "Europe/Paris"}, notWant: []string{"Asia/Shanghai"}},
		{query: "utc", want: []string{"UTC", "Etc/UTC"}, notWant: []string{"Europe/Berlin"}},
		{query: "utc+1", now: winter, want: []string{"Europe/Berlin", "Africa/Lagos"}, notWant: []string{"UTC", "Europe/London", "Etc/GMT+1"}},
		{query: "UTC+01:00", now: summer, want: []string{"Europe/London", "Africa/Lagos"}, notWant: []string{"Europe/Berlin"}},
		{query: "gmt-3", now: winter, want: []string{"America/Sao_Paulo"}, notWant: []string{"Europe/Berlin"}},
		{query: "+5:30", now: winter, want: []string{"Asia/Kolkata"}},
		{query: "utc +0530", now: winter, want: []string{"Asia/Kolkata"}},
		{query: "zzzz no such place", exact: true},
	}
	for _, tt := range tests {
		now := tt.now
		if now.IsZero() {
			now = winter
		}
		got := SearchZones(tt.query, now)
		if tt.exact && !slices.Equal(got, tt.want) {
			t.Errorf("SearchZones(%q) = %v, want %v", tt.query, got, tt.want)
			continue
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("SearchZones(%q) lacks %q (got %d names)", tt.query, w, len(got))
			}
		}
		for _, w := range tt.notWant {
			if slices.Contains(got, w) {
				t.Errorf("SearchZones(%q) has %q", tt.query, w)
			}
		}
	}
	if got, all := SearchZones("", winter), Zones(); !slices.Equal(got, all) {
		t.Errorf("SearchZones(\"\") has %d names, want all %d", len(got), len(all))
	}
	if got := SearchZones(" ", winter); len(got) != len(Zones()) {
		t.Errorf("SearchZones(\" \") has %d names, want all", len(got))
	}
}

func TestParseOffsetQuery(t *testing.T) {
	tests := []struct {
		in     string
		want   int
		wantOK bool
	}{
		{"utc+1", 3600, true},
		{"utc-1", -3600, true},
		{"gmt+01", 3600, true},
		{"utc+01:00", 3600, true},
		{"+0530", 5*3600 + 30*60, true},
		{"+5:30", 5*3600 + 30*60, true},
		{"-03:00", -3 * 3600, true},
		{"utc+14", 14 * 3600, true},
		{"utc", 0, false},
		{"utc+", 0, false},
		{"utc+15", 0, false},
		{"utc+1:60", 0, false},
		{"utc+1:5", 0, false},
		{"utc+12345", 0, false},
		{"utc+1:", 0, false},
		{"utc+a", 0, false},
		{"berlin", 0, false},
		{"etc/gmt+1", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseOffsetQuery(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseOffsetQuery(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestZoneLabel(t *testing.T) {
	tests := []struct {
		name string
		now  time.Time
		want string
	}{
		{"Europe/Berlin", winter, "Europe/Berlin (UTC+01:00)"},
		{"Europe/Berlin", summer, "Europe/Berlin (UTC+02:00)"},
		{"UTC", winter, "UTC (UTC+00:00)"},
		{"America/Sao_Paulo", winter, "America/Sao_Paulo (UTC-03:00)"},
		{"America/New_York", summer, "America/New_York (UTC-04:00)"},
		{"Asia/Kolkata", winter, "Asia/Kolkata (UTC+05:30)"},
		{"Asia/Kathmandu", winter, "Asia/Kathmandu (UTC+05:45)"},
		{"Pacific/Kiritimati", winter, "Pacific/Kiritimati (UTC+14:00)"},
		{"No/Such_Zone", winter, "No/Such_Zone"},
		{"", winter, ""},
	}
	for _, tt := range tests {
		if got := ZoneLabel(tt.name, tt.now); got != tt.want {
			t.Errorf("ZoneLabel(%q, %v) = %q, want %q", tt.name, tt.now, got, tt.want)
		}
	}
}

func TestLocalZone(t *testing.T) {
	errNo := func(string) (string, error) { return "", errFake }
	noFile := func(string) ([]byte, error) { return nil, errFake }
	link := func(target string) func(string) (string, error) {
		return func(string) (string, error) { return target, nil }
	}
	file := func(content string) func(string) ([]byte, error) {
		return func(string) ([]byte, error) { return []byte(content), nil }
	}
	tests := []struct {
		name     string
		tz       string
		readlink func(string) (string, error)
		readFile func(string) ([]byte, error)
		want     string
	}{
		{"nothing (Windows)", "", errNo, noFile, "UTC"},
		{"TZ name", "Europe/Berlin", errNo, noFile, "Europe/Berlin"},
		{"TZ with colon", ":Asia/Shanghai", link("/usr/share/zoneinfo/Europe/Berlin"), noFile, "Asia/Shanghai"},
		{"TZ path", "/usr/share/zoneinfo/America/Sao_Paulo", errNo, noFile, "America/Sao_Paulo"},
		{"TZ POSIX rule", "CET-1CEST,M3.5.0,M10.5.0/3", link("/usr/share/zoneinfo/Europe/Paris"), noFile, "Europe/Paris"},
		{"TZ unknown", "Mars/Olympus", errNo, noFile, "UTC"},
		{"TZ Local", "Local", errNo, noFile, "UTC"},
		{"symlink absolute", "", link("/usr/share/zoneinfo/Europe/Berlin"), noFile, "Europe/Berlin"},
		{"symlink relative", "", link("../usr/share/zoneinfo/America/New_York"), noFile, "America/New_York"},
		{"symlink macOS", "", link("/var/db/timezone/zoneinfo/Asia/Tokyo"), noFile, "Asia/Tokyo"},
		{"symlink posix dir", "", link("/usr/share/zoneinfo/posix/Europe/Moscow"), noFile, "Europe/Moscow"},
		{"symlink elsewhere", "", link("/etc/zones/mine"), noFile, "UTC"},
		{"etc/timezone", "", errNo, file("Europe/Madrid\n"), "Europe/Madrid"},
		{"etc/timezone junk", "", errNo, file("garbage"), "UTC"},
	}
	for _, tt := range tests {
		getenv := func(k string) string {
			if k == "TZ" {
				return tt.tz
			}
			return ""
		}
		if got := localZone(getenv, tt.readlink, tt.readFile); got != tt.want {
			t.Errorf("%s: localZone() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLocalZoneReal(t *testing.T) {
	got := LocalZone()
	if !isZone(got) {
		t.Errorf("LocalZone() = %q, not in Zones()", got)
	}
	t.Setenv("TZ", "Europe/Berlin")
	if got := LocalZone(); got != "Europe/Berlin" {
		t.Errorf("LocalZone() with TZ=Europe/Berlin = %q", got)
	}
}

var errFake = errors.New("not here")
