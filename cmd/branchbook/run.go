package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/ui/widgets"
)

// version and buildDate are set at build time with
// -ldflags "-X main.version=... -X main.buildDate=...".
var (
	version   = "0.1.0-dev"
	buildDate = ""
)

const usage = `Branchbook — customers, tariffs and balances, kept on your own machine.

Usage:
  branchbook [--db PATH] [--trace-startup] [--trace-reads]
                                      open the window on a database file;
                                      --trace-startup logs each step's time,
                                      --trace-reads each read from the file
  branchbook demo --db PATH [--customers N] [--accounts M] [--entries K]
                  [--calls C] [--seed S]
                                      build a realistic demo file; --calls
                                      imports C calls of its accounts
  branchbook demo --figure --db PATH  build the manual's figure on a new file
                                      (docs/rating.md section 7)
  branchbook calls import --db PATH [--format asterisk|freeswitch|branchbook]
                          [--as LOGIN] [--zone ZONE] FILE…
                                      import call records, rate and charge
                                      them, and print a summary per file
  branchbook invoices issue --db PATH --period YYYY-MM [--as LOGIN]
                            [--out DIR]
                                      invoice every direct customer and
                                      account for the month, PDFs to DIR
  branchbook check --db PATH          prove every customer's and account's
                                      balance equals the sum of its entries,
                                      and the file is sound
  branchbook version                  print the version
  branchbook help                     print this help

Without --db the window opens the last database used, or branchbook.db in
the application's data folder. A file that does not exist yet is created,
and the window asks for the root customer's details on first start.
`

// run is main without the exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, usage)
			return 0
		case "version", "--version":
			if buildDate != "" {
				fmt.Fprintln(stdout, "branchbook", version, "built", buildDate)
			} else {
				fmt.Fprintln(stdout, "branchbook", version)
			}
			return 0
		case "demo":
			return runDemo(args[1:], stdout, stderr)
		case "check":
			return runCheck(args[1:], stdout, stderr)
		case "calls":
			return runCalls(args[1:], stdout, stderr)
		case "invoices":
			return runInvoices(args[1:], stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("branchbook", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	db := fs.String("db", "", "the database file to open or create")
	traceStartup := fs.Bool("trace-startup", false, "log the time of each step of the start to stderr")
	traceReadsFlag := fs.Bool("trace-reads", false, "log each read the window makes from the file to stderr")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "branchbook: unknown command %q\n\n%s", fs.Arg(0), usage)
		return 2
	}
	var trace func(string)
	if *traceStartup {
		trace = startupTrace(stderr)
	}
	var readLog io.Writer
	if *traceReadsFlag {
		readLog = stderr
	}
	return runWindow(*db, stderr, trace, readLog)
}

// fail prints err for a person, in the environment's language, and returns
// the exit code for a failure.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "branchbook:", widgets.ErrorText(i18n.New(i18n.FromEnvironment()), err))
	return 1
}

// defaultDatabase is branchbook.db in dir, the folder is made if needed.
func defaultDatabase(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, "branchbook.db"), nil
}
