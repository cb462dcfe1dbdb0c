package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/branchbook/branchbook/cdr"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/rating"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/calltext"
	"github.com/branchbook/branchbook/ui/widgets"
)

// passwordEnv holds the password of --as: a password is never a flag,
// which any user of the machine could read in the process list.
const passwordEnv = "BRANCHBOOK_PASSWORD"

// shownRowErrors is how many malformed lines a summary lists.
const shownRowErrors = 5

// Exit statuses of "calls import".
const (
	exitImported = 0 // every file imported, some calls stored
	exitNothing  = 1 // no call stored: every file refused, failed or only duplicates
	exitUsage    = 2
	exitPartly   = 3 // calls stored, but some file was refused or failed
)

const callsUsage = `Usage:
  branchbook calls import --db PATH [--format asterisk|freeswitch|branchbook]
                          [--as LOGIN] [--zone ZONE] FILE…

Imports call records, rates them through the reseller chain and charges
every level, one import per file. Without --as it signs in as the root;
with --as the password is read from the BRANCHBOOK_PASSWORD environment
variable. Start times written without a zone are read in the signed-in
customer's time zone, or in ZONE (such as UTC) when given.
Exit status: 0 imported, 1 nothing imported, 2 usage, 3 some files refused.
`

func runCalls(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "import" {
		if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(stdout, callsUsage)
			return 0
		}
		fmt.Fprint(stderr, callsUsage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return runCallsImport(ctx, args[1:], stdout, stderr)
}

// callImporter is what the command needs of the store.
type callImporter interface {
	ImportCalls(ctx context.Context, s model.Session, in model.CallImportInput) (model.CallImportResult, error)
}

var _ callImporter = (*storage.Store)(nil)

func runCallsImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("branchbook calls import", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, callsUsage) }
	db := flags.String("db", "", "the database file to import into")
	format := flags.String("format", "", "the files' layout: asterisk, freeswitch or branchbook (default: detected)")
	as := flags.String("as", "", "sign in as this login (password from "+passwordEnv+") instead of the root")
	zone := flags.String("zone", "", "the time zone of start times written without one (default: the customer's)")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "branchbook calls import: %s\n\n%s", msg, callsUsage)
		return exitUsage
	}
	if *db == "" {
		return usage("give --db PATH")
	}
	if flags.NArg() == 0 {
		return usage("give at least one FILE")
	}
	var layout cdr.Layout
	if *format != "" {
		l, err := cdr.ParseLayout(*format)
		if err != nil {
			return usage(fmt.Sprintf("--format %q is not asterisk, freeswitch or branchbook", *format))
		}
		layout = l
	}
	var zoneOverride *time.Location
	if *zone != "" {
		loc, err := time.LoadLocation(*zone)
		if err != nil {
			return usage(fmt.Sprintf("--zone %q is not a time zone (such as UTC or Europe/Berlin)", *zone))
		}
		zoneOverride = loc
	}
	password := os.Getenv(passwordEnv)
	if *as != "" && password == "" {
		return usage("--as needs the password in the " + passwordEnv + " environment variable")
	}
	// The store's usual open would make a new empty file: a missing one is
	// a mistyped name here.
	if _, err := os.Stat(*db); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "branchbook: %s does not exist.\n", *db)
		return exitNothing
	}
	store, err := storage.Open(*db)
	if err != nil {
		return fail(stderr, err)
	}
	defer store.Close()
	var sess model.Session
	if *as != "" {
		sess, err = store.SignIn(context.Background(), *as, password)
	} else {
		sess, err = store.RootSession(context.Background())
	}
	if err != nil {
		return fail(stderr, err)
	}
	loc := zoneOverride
	if loc == nil {
		if loc, err = time.LoadLocation(sess.TimeZone); err != nil || sess.TimeZone == "" {
			loc = time.UTC
		}
	}
	imp := callsImport{ctx: ctx, store: store, sess: sess, layout: layout, loc: loc,
		tr: i18n.New(i18n.FromEnvironment()), stdout: stdout, stderr: stderr, terminal: isTerminal(stderr)}
	stored, failed := 0, 0
	for _, path := range flags.Args() {
		n, err := imp.file(path)
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "branchbook: %s: %s\n", path, imp.errorText(err))
			if ctx.Err() != nil {
				break
			}
			continue
		}
		stored += n
	}
	if flags.NArg() > 1 {
		fmt.Fprintf(stdout, "%d files: %d imported, %d refused or failed; %d calls stored.\n",
			flags.NArg(), flags.NArg()-failed, failed, stored)
	}
	switch {
	case stored == 0:
		return exitNothing
	case failed > 0:
		return exitPartly
	}
	return exitImported
}

// callsImport imports files one by one with the same session.
type callsImport struct {
	ctx      context.Context
	store    callImporter
	sess     model.Session
	layout   cdr.Layout
	loc      *time.Location
	tr       *i18n.Translator
	stdout   io.Writer
	stderr   io.Writer
	terminal bool // stderr is a terminal: show progress there
}

// errorText words an error of a file or of its import.
func (c *callsImport) errorText(err error) string {
	if text, ok := calltext.Refusal(c.tr, err); ok {
		return text
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, errFolder):
			return "this is a folder, not a file of call records."
		case errors.Is(err, fs.ErrNotExist):
			return "there is no such file."
		case errors.Is(err, fs.ErrPermission):
			return "the file may not be read."
		}
		return "the file cannot be read: " + pe.Err.Error()
	}
	if errors.Is(err, context.Canceled) || c.ctx.Err() != nil {
		return "interrupted; nothing of this file was imported."
	}
	return widgets.ErrorText(c.tr, err)
}

// errFolder refuses a folder given as a file.
var errFolder = errors.New("is a folder")

// file imports one file and prints its summary; it returns how many calls
// were stored.
func (c *callsImport) file(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if st.IsDir() {
		return 0, &fs.PathError{Op: "read", Path: path, Err: errFolder}
	}
	rd, err := cdr.NewReader(f, cdr.Options{Layout: c.layout, Location: c.loc, Size: st.Size()})
	if err != nil {
		return 0, err
	}
	src := cdr.NewSource(c.ctx, rd, shownRowErrors)
	in := model.CallImportInput{FileName: filepath.Base(path), Layout: string(rd.Layout()), Source: src}
	name := filepath.Base(path)
	if c.terminal {
		last := time.Now()
		in.Progress = func(done int) {
			if time.Since(last) < 200*time.Millisecond {
				return
			}
			last = time.Now()
			read, total := src.Progress()
			if total > 0 {
				fmt.Fprintf(c.stderr, "\r%s: %d calls, %d%%", name, done, read*100/total)
			} else {
				fmt.Fprintf(c.stderr, "\r%s: %d calls", name, done)
			}
		}
	}
	started := time.Now()
	res, err := c.store.ImportCalls(c.ctx, c.sess, in)
	if c.terminal {
		fmt.Fprint(c.stderr, "\r\033[K")
	}
	if err != nil {
		return 0, err
	}
	c.summary(name, rd.Layout(), src, res, time.Since(started))
	return res.Import.Calls, nil
}

// summary prints what the import of one file did.
func (c *callsImport) summary(name string, layout cdr.Layout, src *cdr.Source, res model.CallImportResult, took time.Duration) {
	w, im := c.stdout, res.Import
	fmt.Fprintf(w, "%s: %s layout, times without a zone read in %s, %s\n", name, calltext.Layout(layout), c.loc,
		took.Round(time.Millisecond))
	fmt.Fprintf(w, "  calls stored:       %d\n", im.Calls)
	fmt.Fprintf(w, "  rated:              %d\n", im.Rated)
	fmt.Fprintf(w, "  unrated:            %d\n", im.Unrated)
	// The same text for two codes (an account outside the subtree reads
	// as unknown) is one line.
	byText := map[string]int{}
	for code, n := range im.Unreasons {
		byText[calltext.Reason(c.tr, rating.Reason(code))] += n
	}
	for _, r := range sortedCounts(byText) {
		fmt.Fprintf(w, "    %-36s %d\n", r.text+":", r.n)
	}
	fmt.Fprintf(w, "  duplicates skipped: %d\n", im.Duplicates)
	fmt.Fprintf(w, "  malformed lines:    %d\n", src.Skipped())
	for _, e := range src.RowErrors() {
		fmt.Fprintf(w, "    %s\n", calltext.RowError(c.tr, e))
	}
	if more := src.Skipped() - len(src.RowErrors()); more > 0 {
		fmt.Fprintf(w, "    … and %d more\n", more)
	}
	totals := slices.Clone(im.Totals)
	slices.SortFunc(totals, func(a, b model.Money) int { return cmp.Compare(a.Currency, b.Currency) })
	if len(totals) == 0 {
		fmt.Fprintf(w, "  charged:            nothing\n")
	} else {
		fmt.Fprintf(w, "  charged:\n")
		for _, m := range totals {
			fmt.Fprintf(w, "    %s %s\n", m.Currency, m.Amount.StringFixed(model.StorageScale))
		}
	}
	if im.Calls > 0 {
		fmt.Fprintf(w, "  calls from %s to %s (UTC), %d entries booked\n", im.First.UTC().Format(time.DateTime),
			im.Last.UTC().Format(time.DateTime), res.Entries)
	}
}

type textCount struct {
	text string
	n    int
}

// sortedCounts lists counts by text, the largest first.
func sortedCounts(m map[string]int) []textCount {
	out := make([]textCount, 0, len(m))
	for t, n := range m {
		out = append(out, textCount{t, n})
	}
	slices.SortFunc(out, func(a, b textCount) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.text, b.text)
	})
	return out
}

// isTerminal tells whether w is a terminal, where a progress line that
// rewrites itself is welcome (not in a script's log).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
