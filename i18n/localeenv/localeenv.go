// Package localeenv replaces a "C" or "POSIX" locale in the environment by
// English before Fyne reads it. Fyne looks the locale up while its packages
// initialize, and logs an error for "C"; Branchbook treats such a locale as
// English, quietly.
//
// It works by import order: this package needs only the standard library and
// its path sorts before Fyne's locale dependency, so Go initializes it first
// (the Go spec's package initialization order). Import it, blank, from main.
package localeenv

import (
	"os"
	"strings"
)

func init() { Fix(os.Getenv, os.Setenv, os.Unsetenv) }

// Fix removes plain locales ("C", "POSIX", "C.UTF-8") from the locale
// variables and, if none is left, sets LANG to English.
func Fix(getenv func(string) string, setenv func(string, string) error, unsetenv func(string) error) {
	set := false
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		switch {
		case isPlain(v):
			unsetenv(k)
		case v != "":
			set = true
		}
	}
	if !set {
		setenv("LANG", "en_US.UTF-8")
	}
}

func isPlain(v string) bool {
	v = strings.ToUpper(v)
	return v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.")
}
