// Command genzones writes the list of IANA time zone names that Go's time
// zone database knows, one per line and sorted, for package i18n to embed.
// It reads $GOROOT/lib/time/zoneinfo.zip (the data behind time/tzdata) and
// leaves out entries that are not places, such as "Factory". Run it through
// go generate in the i18n directory:
//
//	go generate ./i18n
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// junk are entries of the database that are not zones a user picks.
var junk = map[string]bool{
	"Factory":    true,
	"posixrules": true,
	"localtime":  true,
}

func main() {
	zipPath := flag.String("zip", "", "zoneinfo.zip to read (default $GOROOT/lib/time/zoneinfo.zip)")
	out := flag.String("o", "zones.txt", "file to write")
	flag.Parse()
	if err := run(*zipPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genzones:", err)
		os.Exit(1)
	}
}

func run(zipPath, out string) error {
	if zipPath == "" {
		root, err := goroot()
		if err != nil {
			return err
		}
		zipPath = filepath.Join(root, "lib", "time", "zoneinfo.zip")
	}
	names, err := zoneNames(zipPath)
	if err != nil {
		return err
	}
	if len(names) < 300 {
		return fmt.Errorf("%s: only %d zones; wrong file?", zipPath, len(names))
	}
	return os.WriteFile(out, []byte(strings.Join(names, "\n")+"\n"), 0o644)
}

// goroot is $GOROOT (go generate sets it) or what `go env GOROOT` says.
func goroot() (string, error) {
	if root := os.Getenv("GOROOT"); root != "" {
		return root, nil
	}
	b, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// zoneNames returns the sorted names of the valid zones in the zip file.
func zoneNames(zipPath string) ([]string, error) {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		name := f.Name
		if f.FileInfo().IsDir() || !keep(name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if _, err := time.LoadLocationFromTZData(name, data); err != nil {
			continue // not a TZif file
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// keep reports whether a zip entry name is a zone name worth listing.
func keep(name string) bool {
	if name == "" || junk[name] || strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || junk[part] || part == "posix" || part == "right" {
			return false
		}
	}
	return !strings.ContainsAny(name, " .\\\t\n")
}
