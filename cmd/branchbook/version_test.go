package main

import (
	"bytes"
	"testing"
)

// The release builds set version and buildDate with -ldflags; "branchbook
// version" prints both, or only the version when no date was given.
func TestVersionPrintsBuildDate(t *testing.T) {
	defer func(v, d string) { version, buildDate = v, d }(version, buildDate)
	version, buildDate = "1.2.3", "2026-01-02T03:04:05Z"
	var out bytes.Buffer
	if code := run([]string{"version"}, &out, &out); code != 0 || out.String() != "branchbook 1.2.3 built 2026-01-02T03:04:05Z\n" {
		t.Errorf("exit %d, %q", code, out.String())
	}
	buildDate = ""
	out.Reset()
	if code := run([]string{"--version"}, &out, &out); code != 0 || out.String() != "branchbook 1.2.3\n" {
		t.Errorf("without a date: exit %d, %q", code, out.String())
	}
}
