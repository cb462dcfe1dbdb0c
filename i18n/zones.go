package i18n

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zones load where the OS has no database (Windows)
)

//go:generate go run ./internal/genzones

//go:embed zones.txt
var zonesTxt string

var zoneList = sync.OnceValue(func() []string {
	var names []string
	for _, line := range strings.Split(zonesTxt, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			names = append(names, line)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
})

// Zones returns every IANA time zone name Go knows, links such as
// "Asia/Calcutta" included, sorted. The caller may modify the slice.
func Zones() []string {
	return slices.Clone(zoneList())
}

func isZone(name string) bool {
	_, ok := slices.BinarySearch(zoneList(), name)
	return ok
}

var locations sync.Map // zone name -> *time.Location

func loadZone(name string) (*time.Location, error) {
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	locations.Store(name, loc)
	return loc, nil
}

// SearchZones returns the zones whose name contains query, ignoring case and
// reading '_' as a space ("berl" finds Europe/Berlin, "new york"
// America/New_York). A query that is a UTC offset ("utc+1", "GMT-03:00",
// "+5:30") instead finds the zones at that offset at now. An empty query
// returns all zones.
func SearchZones(query string, now time.Time) []string {
	q := normalizeZoneText(query)
	if q == "" {
		return Zones()
	}
	var match func(string) bool
	if off, ok := parseOffsetQuery(q); ok {
		match = func(name string) bool { return zoneOffset(name, now) == off }
	} else {
		match = func(name string) bool { return strings.Contains(normalizeZoneText(name), q) }
	}
	var out []string
	for _, name := range zoneList() {
		if match(name) {
			out = append(out, name)
		}
	}
	return out
}

// normalizeZoneText lowercases s, reads '_' as a space and collapses spaces.
func normalizeZoneText(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "_", " "))), " ")
}

// parseOffsetQuery reads "utc+1", "gmt -3", "+05:30", "utc+0530" as seconds
// east of UTC. A bare "utc" or a name is not an offset.
func parseOffsetQuery(q string) (int, bool) {
	q = strings.ReplaceAll(q, " ", "")
	q = strings.TrimPrefix(strings.TrimPrefix(q, "utc"), "gmt")
	if len(q) < 2 || (q[0] != '+' && q[0] != '-') {
		return 0, false
	}
	sign := 1
	if q[0] == '-' {
		sign = -1
	}
	hh, mm, hasColon := strings.Cut(q[1:], ":")
	if !hasColon && len(hh) > 2 {
		hh, mm = hh[:len(hh)-2], hh[len(hh)-2:]
	}
	h, err := strconv.Atoi(hh)
	if err != nil || len(hh) > 2 || h < 0 || h > 14 {
		return 0, false
	}
	m := 0
	if mm != "" || hasColon {
		if m, err = strconv.Atoi(mm); err != nil || len(mm) != 2 || m < 0 || m > 59 {
			return 0, false
		}
	}
	return sign * (h*3600 + m*60), true
}

// zoneOffset is the zone's offset from UTC at now in seconds, or an
// impossible value when it does not load.
func zoneOffset(name string, now time.Time) int {
	loc, err := loadZone(name)
	if err != nil {
		return -1 << 31
	}
	_, off := now.In(loc).Zone()
	return off
}

// ZoneLabel returns the zone's name with its offset at now, as
// "Europe/Berlin (UTC+01:00)". A name that does not load is returned as is.
func ZoneLabel(name string, now time.Time) string {
	loc, err := loadZone(name)
	if err != nil || name == "" || name == "Local" {
		return name
	}
	_, off := now.In(loc).Zone()
	return name + " (" + formatOffset(off) + ")"
}

func formatOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, seconds/3600, seconds/60%60)
}
