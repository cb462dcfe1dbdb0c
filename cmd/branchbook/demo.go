package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
)

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("branchbook demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the database file to fill (created if missing)")
	customers := fs.Int("customers", 1000, "how many customers to add")
	accounts := fs.Int("accounts", 0, "how many accounts to add, spread over the customers")
	entries := fs.Int("entries", 0, "how many Maintenance entries to add over two years")
	seed := fs.Uint64("seed", 1, "the same seed builds the same file")
	calls := fs.Int("calls", 0, "how many calls of the demo's accounts to import, rated through the whole chain")
	figure := fs.Bool("figure", false, "build the manual's figure instead (docs/rating.md section 7), on a new file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *figure {
		return runFigure(*db, stdout, stderr)
	}
	if *db == "" || *customers < 0 || *customers > 10_000_000 || *accounts < 0 || *accounts > 100_000_000 ||
		*entries < 0 || *entries > 100_000_000 || *calls < 0 || *calls > 100_000_000 {
		fmt.Fprintln(stderr, "branchbook demo: give --db PATH, --customers between 0 and 10000000, --accounts, --entries and --calls between 0 and 100000000")
		return 2
	}
	store, err := storage.Open(*db)
	if err != nil {
		return fail(stderr, err)
	}
	start := time.Now()
	bar := progressBar(stdout)
	err = store.GenerateDemo(context.Background(), storage.DemoOptions{Customers: *customers, Accounts: *accounts, Entries: *entries, Seed: *seed}, bar)
	fmt.Fprintln(stdout)
	if err == nil {
		fmt.Fprintf(stdout, "%d customers, %d accounts and %d entries added to %s in %s.\n",
			*customers, *accounts, *entries, *db, time.Since(start).Round(time.Millisecond))
		if *calls > 0 {
			err = demoCalls(store, *calls, *seed, stdout)
		}
	}
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, errNoDemoAccounts) {
		fmt.Fprintln(stderr, "branchbook demo:", err)
		return 1
	}
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Root login: %s  password: %s\n", storage.DemoRootLogin, storage.DemoRootPassword)
	if *accounts > 0 {
		fmt.Fprintf(stdout, "Every account's password: %s\n", storage.DemoAccountPIN)
	}
	return 0
}

// errNoDemoAccounts: --calls on a file without accounts.
var errNoDemoAccounts = errors.New("the file has no accounts to make calls; give --accounts")

// demoCallBatch is how many calls one import of "demo --calls" holds: each
// batch is one import, as one file of a switch would be.
const demoCallBatch = 250_000

// demoCalls imports n made-up calls of the demo's accounts through the
// store's real import, as the root, in batches, with a progress bar.
func demoCalls(store *storage.Store, n int, seed uint64, stdout io.Writer) error {
	ctx := context.Background()
	start := time.Now()
	gen, err := store.DemoCalls(ctx, n, seed)
	if err != nil {
		if model.CodeOf(err) == model.CodeRequired {
			return errNoDemoAccounts
		}
		return err
	}
	root, err := store.RootSession(ctx)
	if err != nil {
		return err
	}
	bar := progressBar(stdout)
	var stored, rated, duplicates, entries int
	unrated := map[string]int{}
	for batch := 1; gen.Left() > 0; batch++ {
		before := n - gen.Left()
		res, err := store.ImportCalls(ctx, root, model.CallImportInput{
			FileName: fmt.Sprintf("demo-calls-%d-%03d.csv", seed, batch),
			Layout:   "branchbook",
			Source:   gen.Batch(demoCallBatch),
			Progress: func(done int) { bar(before+done, n) },
		})
		if err != nil {
			return err
		}
		bar(n-gen.Left(), n)
		stored += res.Import.Calls
		rated += res.Import.Rated
		duplicates += res.Import.Duplicates
		entries += res.Entries
		for code, k := range res.Import.Unreasons {
			unrated[code] += k
		}
	}
	fmt.Fprintln(stdout)
	took := time.Since(start)
	fmt.Fprintf(stdout, "%d calls of %d accounts imported in %s (%.0f a second): %d rated, %d unrated, %d duplicates, %d entries booked.\n",
		stored, gen.Accounts(), took.Round(time.Millisecond), float64(n)/max(took.Seconds(), 0.001), rated, stored-rated,
		duplicates, entries)
	if len(unrated) > 0 {
		codes := make([]string, 0, len(unrated))
		for code := range unrated {
			codes = append(codes, code)
		}
		slices.Sort(codes)
		parts := make([]string, len(codes))
		for i, code := range codes {
			parts[i] = fmt.Sprintf("%s %d", code, unrated[code])
		}
		fmt.Fprintf(stdout, "Unrated: %s.\n", strings.Join(parts, ", "))
	}
	return nil
}

// progressBar draws "[#####.....]  42%" on one terminal line.
func progressBar(w io.Writer) func(done, total int) {
	return func(done, total int) {
		if total == 0 {
			return
		}
		const width = 40
		n := done * width / total
		fmt.Fprintf(w, "\r[%s%s] %3d%%  %d/%d", strings.Repeat("#", n), strings.Repeat(".", width-n),
			done*100/total, done, total)
	}
}

// runCheck proves that every cached balance equals the sum of its entries
// and that SQLite finds the file sound; it exits 1 if anything differs.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("branchbook check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the database file to check")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" {
		fmt.Fprintln(stderr, "branchbook check: give --db PATH")
		return 2
	}
	store, err := storage.Open(*db)
	if err != nil {
		return fail(stderr, err)
	}
	defer store.Close()
	r, err := store.Check(context.Background())
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "integrity: %s\n", r.Integrity)
	fmt.Fprintf(stdout, "balances: %d customers, %d accounts, %d entries checked; subtree totals summed again\n",
		r.Customers, r.Accounts, r.Entries)
	fmt.Fprintf(stdout, "invoices: %d documents added up; numbers gapless per issuer\n", r.Invoices)
	for _, m := range r.Mismatches {
		fmt.Fprintln(stdout, "MISMATCH", m)
	}
	if !r.OK() {
		fmt.Fprintf(stdout, "check failed: %d balances or totals differ from what they sum\n", len(r.Mismatches))
		return 1
	}
	fmt.Fprintln(stdout, "check passed: every balance equals the sum of its entries, every subtree total its customers")
	return 0
}

// runFigure builds the manual's figure on a new file: the customers,
// tariffs and accounts of docs/rating.md section 7, ready for its 20 calls
// (testdata/calls/figure20.csv), so anyone can check the worked examples
// in the window.
func runFigure(db string, stdout, stderr io.Writer) int {
	if db == "" {
		fmt.Fprintln(stderr, "branchbook demo: give --db PATH")
		return 2
	}
	store, err := storage.Open(db)
	if err != nil {
		return fail(stderr, err)
	}
	_, err = storage.SetUpFigure(context.Background(), store)
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "The manual's figure is in %s: Root owns A and B, A owns C and D, B owns E; accounts c-desk (C) and e-phone (E).\n", db)
	fmt.Fprintf(stdout, "Logins: root, fig.A, fig.B, fig.C, fig.D, fig.E  password: %s\n", storage.FigurePassword)
	fmt.Fprintln(stdout, "Import its calls with File > Import calls... and testdata/calls/figure20.csv.")
	return 0
}
