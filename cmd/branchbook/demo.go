package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

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
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" || *customers < 0 || *customers > 10_000_000 || *accounts < 0 || *accounts > 100_000_000 ||
		*entries < 0 || *entries > 100_000_000 {
		fmt.Fprintln(stderr, "branchbook demo: give --db PATH, --customers between 0 and 10000000, --accounts and --entries between 0 and 100000000")
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
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "%d customers, %d accounts and %d entries added to %s in %s.\nRoot login: %s  password: %s\n",
		*customers, *accounts, *entries, *db, time.Since(start).Round(time.Millisecond), storage.DemoRootLogin, storage.DemoRootPassword)
	if *accounts > 0 {
		fmt.Fprintf(stdout, "Every account's password: %s\n", storage.DemoAccountPIN)
	}
	return 0
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
