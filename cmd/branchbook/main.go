// Command branchbook is the Branchbook desktop back office: with no
// subcommand it opens the window on a database file; "branchbook demo"
// builds a realistic file for trying and benchmarking; "branchbook help"
// explains the rest.
package main

import (
	"os"

	_ "time/tzdata" // every IANA zone, also on Windows

	_ "github.com/branchbook/branchbook/i18n/localeenv" // before Fyne reads the locale
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
