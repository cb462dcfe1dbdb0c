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
	seed := fs.Uint64("seed", 1, "the same seed builds the same file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" || *customers < 0 || *customers > 10_000_000 {
		fmt.Fprintln(stderr, "branchbook demo: give --db PATH and --customers between 0 and 10000000")
		return 2
	}
	store, err := storage.Open(*db)
	if err != nil {
		return fail(stderr, err)
	}
	start := time.Now()
	bar := progressBar(stdout)
	err = store.GenerateDemo(context.Background(), storage.DemoOptions{Customers: *customers, Seed: *seed}, bar)
	fmt.Fprintln(stdout)
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "%d customers added to %s in %s.\nRoot login: %s  password: %s\n",
		*customers, *db, time.Since(start).Round(time.Millisecond), storage.DemoRootLogin, storage.DemoRootPassword)
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
