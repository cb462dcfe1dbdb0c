package cdr

import "time"

// parseStamp reads a start time: "2006-01-02 15:04:05" as Asterisk and
// FreeSWITCH write it, or RFC 3339 ("2006-01-02T15:04:05Z",
// "…+02:00"); the separator may be a space or a T, seconds may have a
// fraction, and the zone may be missing. A time without a zone is read in
// loc, the importing customer's zone; the result is UTC.
//
// It is written out by hand rather than with time.Parse because it runs
// once per call of a million-line file, and the layouts differ only in the
// separator and the tail.
func parseStamp(s string, loc *time.Location) (time.Time, bool) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T' && s[10] != 't') ||
		s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	sec, ok6 := digits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(year, month) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	nanos, rest, ok := fraction(s[19:])
	if !ok {
		return time.Time{}, false
	}
	if rest != "" {
		zone, ok := zoneOf(rest)
		if !ok {
			return time.Time{}, false
		}
		loc = zone
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nanos, loc).UTC(), true
}

// digits reads a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

// daysIn is the number of days of a month of the proleptic Gregorian
// calendar (time.Date would quietly turn February 30 into March 2).
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// fraction reads an optional ".123456" and returns its nanoseconds and
// what follows it.
func fraction(s string) (int, string, bool) {
	if s == "" || s[0] != '.' {
		return 0, s, true
	}
	i := 1
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 1 || i > 10 {
		return 0, "", false // no digit, or finer than a nanosecond
	}
	n, _ := digits(s[1:i])
	for k := i; k < 10; k++ {
		n *= 10
	}
	return n, s[i:], true
}

// zoneOf reads "Z", "+hh:mm" or "+hhmm" (or with "-").
func zoneOf(s string) (*time.Location, bool) {
	if s == "Z" || s == "z" {
		return time.UTC, true
	}
	if len(s) != 6 && len(s) != 5 || (s[0] != '+' && s[0] != '-') {
		return nil, false
	}
	hh, mm := s[1:3], s[3:5]
	if len(s) == 6 {
		if s[3] != ':' {
			return nil, false
		}
		mm = s[4:6]
	}
	h, ok1 := digits(hh)
	m, ok2 := digits(mm)
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return nil, false
	}
	offset := (h*60 + m) * 60
	if s[0] == '-' {
		offset = -offset
	}
	return time.FixedZone("", offset), true
}
