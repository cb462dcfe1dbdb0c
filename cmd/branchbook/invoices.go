package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"time"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/invoices"
	"github.com/branchbook/branchbook/ui/widgets"
)

// Exit statuses of "invoices issue".
const (
	exitInvoiced      = 0 // every recipient invoiced or already invoiced
	exitInvoiceFailed = 1 // some recipient could not be invoiced, or nothing ran
)

const invoicesUsage = `Usage:
  branchbook invoices issue --db PATH --period YYYY-MM [--as LOGIN] [--out DIR]

Issues an invoice for the month to every direct customer and every account
of the signed-in customer that had calls or debits in it (the root without
--as; with --as the password is read from the BRANCHBOOK_PASSWORD
environment variable). A recipient
already invoiced for the month is skipped, so running it twice issues
nothing twice; one that cannot be invoiced is listed and the rest go on.
With --out the issued invoices are written to DIR as PDF files named by
their numbers. The month is the signed-in customer's, in its time zone.
Exit status: 0 done, 1 some recipient failed, 2 usage.
`

func runInvoices(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "issue" {
		if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(stdout, invoicesUsage)
			return 0
		}
		fmt.Fprint(stderr, invoicesUsage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return runInvoicesIssue(ctx, args[1:], stdout, stderr)
}

// parseMonth reads YYYY-MM as [first day, first day of the next month) in
// loc.
func parseMonth(s string, loc *time.Location) (time.Time, time.Time, error) {
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	return t, t.AddDate(0, 1, 0), nil
}

func runInvoicesIssue(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("branchbook invoices issue", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, invoicesUsage) }
	db := flags.String("db", "", "the database file")
	period := flags.String("period", "", "the month to invoice, as YYYY-MM")
	as := flags.String("as", "", "sign in as this login (password from "+passwordEnv+") instead of the root")
	out := flags.String("out", "", "a folder to write the issued invoices to as PDF")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "branchbook invoices issue: %s\n\n%s", msg, invoicesUsage)
		return exitUsage
	}
	switch {
	case *db == "":
		return usage("give --db PATH")
	case *period == "":
		return usage("give --period YYYY-MM")
	case flags.NArg() > 0:
		return usage(fmt.Sprintf("unexpected %q", flags.Arg(0)))
	}
	if _, _, err := parseMonth(*period, time.UTC); err != nil {
		return usage(fmt.Sprintf("--period %q is not a month written as YYYY-MM", *period))
	}
	password := os.Getenv(passwordEnv)
	if *as != "" && password == "" {
		return usage("--as needs the password in the " + passwordEnv + " environment variable")
	}
	if *out != "" {
		if st, err := os.Stat(*out); err != nil || !st.IsDir() {
			return usage(fmt.Sprintf("--out %q is not a folder", *out))
		}
	}
	if _, err := os.Stat(*db); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "branchbook: %s does not exist.\n", *db)
		return exitInvoiceFailed
	}
	store, err := storage.Open(*db)
	if err != nil {
		return fail(stderr, err)
	}
	defer store.Close()
	var sess model.Session
	if *as != "" {
		sess, err = store.SignIn(ctx, *as, password)
	} else {
		sess, err = store.RootSession(ctx)
	}
	if err != nil {
		return fail(stderr, err)
	}
	loc, err := time.LoadLocation(sess.TimeZone)
	if err != nil || sess.TimeZone == "" {
		loc = time.UTC
	}
	from, to, _ := parseMonth(*period, loc)
	tr := i18n.New(i18n.FromEnvironment())
	res, err := invoices.StoreBatch(ctx, store, store, sess, from, to, nil)
	for _, inv := range res.Issued {
		fmt.Fprintf(stdout, "issued %s to %s: %s\n", inv.Number, invoiceParty(inv.Recipient),
			widgets.MoneyText(tr, inv.AmountDue, inv.Currency))
	}
	for _, f := range res.Failures {
		fmt.Fprintf(stderr, "branchbook: %s: %s\n", model.VisibleText(f.Name), widgets.ErrorText(tr, f.Err))
	}
	written := 0
	if *out != "" && len(res.Issued) > 0 {
		files, werr := invoices.WritePDFs(ctx, store, sess, *out, res.Issued)
		written = len(files)
		if werr != nil {
			fmt.Fprintf(stderr, "branchbook: %s\n", widgets.ErrorText(tr, werr))
			res.Failures = append(res.Failures, model.BatchFailure{Err: werr})
		}
	}
	fmt.Fprintf(stdout, "%s: %d issued, %d skipped (already invoiced), %d failed", *period, len(res.Issued), res.Skipped, len(res.Failures))
	if *out != "" {
		fmt.Fprintf(stdout, "; %d PDF files written to %s", written, *out)
	}
	fmt.Fprintln(stdout, ".")
	if err != nil {
		fmt.Fprintf(stderr, "branchbook: %s\n", widgets.ErrorText(tr, err))
		return exitInvoiceFailed
	}
	if len(res.Failures) > 0 {
		return exitInvoiceFailed
	}
	return exitInvoiced
}

// invoiceParty names a party on the command line.
func invoiceParty(p model.Party) string {
	if p.LegalName != "" {
		return model.VisibleText(p.LegalName)
	}
	return model.VisibleText(p.Name)
}
