package i18n

import (
	"os"
	"strings"
)

// LocalZone returns the OS time zone as an IANA name: $TZ when it names a
// zone (":Europe/Berlin" and zoneinfo paths too), else the zone that
// /etc/localtime links to, else the content of /etc/timezone, else "UTC".
// It never fails; on Windows it returns "UTC" unless $TZ is set.
func LocalZone() string {
	return localZone(os.Getenv, os.Readlink, os.ReadFile)
}

func localZone(getenv func(string) string, readlink func(string) (string, error), readFile func(string) ([]byte, error)) string {
	if name, ok := zoneFromPath(getenv("TZ")); ok {
		return name
	}
	if target, err := readlink("/etc/localtime"); err == nil {
		if name, ok := zoneFromPath(target); ok {
			return name
		}
	}
	if b, err := readFile("/etc/timezone"); err == nil {
		if name, ok := zoneFromPath(string(b)); ok {
			return name
		}
	}
	return "UTC"
}

// zoneFromPath turns "Europe/Berlin", ":Europe/Berlin" or
// "/usr/share/zoneinfo/Europe/Berlin" into a zone name of Zones.
func zoneFromPath(s string) (string, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), ":")
	if i := strings.LastIndex(s, "zoneinfo/"); i >= 0 {
		s = s[i+len("zoneinfo/"):]
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "posix/"), "right/")
	if s == "" || !isZone(s) {
		return "", false
	}
	return s, true
}
