package customers

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/accounts"
)

// The scale benchmark: "make bench" runs it once (-benchtime 1x) and it
// prints one table of every figure the scale targets name, at 10,000,
// 100,000 and 1,000,000 customers, each beside the same work on bare
// SQLite where that makes sense. docs/benchmarks.md explains each line.

// scaleSizes are the customer counts measured; BRANCHBOOK_SCALE_SIZES
// ("10000,100000") overrides them.
func scaleSizes() []int {
	sizes := []int{10_000, 100_000, 1_000_000}
	if env := os.Getenv("BRANCHBOOK_SCALE_SIZES"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
				sizes = append(sizes, n)
			}
		}
	}
	return sizes
}

// scaleAccounts is how many accounts a file of n customers gets: ten each,
// at most a million; and twice as many entries.
func scaleAccounts(n int) int { return min(10*n, 1_000_000) }

// scaleFile returns the demo file of n customers, building it the first
// time. Files are kept in BRANCHBOOK_SCALE_DIR (default: the user's cache
// folder), since the largest takes minutes to build.
func scaleFile(b *testing.B, n int) string {
	dir := os.Getenv("BRANCHBOOK_SCALE_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir = filepath.Join(cache, "branchbook-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	accounts := scaleAccounts(n)
	path := filepath.Join(dir, fmt.Sprintf("scale-%d-%d.db", n, accounts))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	start := time.Now()
	s, err := storage.Open(path + ".part")
	if err != nil {
		b.Fatal(err)
	}
	err = s.GenerateDemo(context.Background(), storage.DemoOptions{Customers: n, Accounts: accounts, Entries: 2 * accounts, Seed: 1}, nil)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(path+".part", path); err != nil {
		b.Fatal(err)
	}
	fmt.Printf("built %s in %s\n", filepath.Base(path), time.Since(start).Round(time.Second))
	return path
}

// median runs f runs times and returns the median time.
func median(runs int, f func()) time.Duration {
	ds := make([]time.Duration, runs)
	for i := range ds {
		start := time.Now()
		f()
		ds[i] = time.Since(start)
	}
	slices.Sort(ds)
	return ds[runs/2]
}

// figure is one cell of the table: ours, and bare SQLite's when it has one.
type figure struct {
	ours, bare float64 // in the row's unit
	hasBare    bool
}

type scaleRow struct {
	what   string
	unit   string
	target float64
	ratio  float64 // when > 0, also at most this many times bare
	cells  map[int]figure
}

func BenchmarkScale(b *testing.B) {
	if b.N > 1 {
		b.Skip("run with -benchtime 1x")
	}
	test.NewTempApp(b)
	rows := []*scaleRow{
		{what: "open the file to a populated tree", unit: "ms", target: 300},
		{what: "open the branch with the most children", unit: "ms", target: 100},
		{what: "search, slowest of a common, a rare and an absent word", unit: "ms", target: 50},
		{what: "subtree USD totals for the whole tree", unit: "ms", target: 500},
		{what: "one maintenance entry, p99, synchronous FULL", unit: "ms", target: 5, ratio: 1.5},
		{what: "accounts tab of the biggest customer, first page", unit: "ms", target: 100},
		{what: "CSV export of every customer", unit: "s", target: 2},
		{what: "resident memory after opening 1,000 branches", unit: "MB", target: 150},
	}
	sizes := scaleSizes()
	for _, n := range sizes {
		path := scaleFile(b, n)
		for i, f := range measureScale(b, path) {
			if rows[i].cells == nil {
				rows[i].cells = map[int]figure{}
			}
			rows[i].cells[n] = f
		}
	}
	printScale(os.Stdout, rows, sizes)
}

// measureScale takes every figure on one file, in the order of the rows.
func measureScale(b *testing.B, path string) []figure {
	ctx := context.Background()
	bare, err := sql.Open("sqlite", storage.BareDSN(path))
	if err != nil {
		b.Fatal(err)
	}
	defer bare.Close()
	var out []figure
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

	// Open to a populated tree.
	open := median(5, func() {
		tree, done, err := openToTopLevel(path)
		if err != nil || len(tree.children[tree.top]) == 0 {
			b.Fatal("open", err)
		}
		done()
	})
	openBare := median(5, func() {
		db, err := sql.Open("sqlite", storage.BareDSN(path))
		if err != nil {
			b.Fatal(err)
		}
		var root int64
		if err := db.QueryRow("SELECT id FROM customers WHERE parent_id IS NULL").Scan(&root); err != nil {
			b.Fatal(err)
		}
		countRows(b, db, `SELECT id, name, balance_micros FROM customers WHERE parent_id = ? AND archived_at IS NULL
			ORDER BY sort_key`, root)
		db.Close()
	})
	out = append(out, figure{ms(open), ms(openBare), true})

	s, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	root, err := s.RootSession(ctx)
	if err != nil {
		b.Fatal(err)
	}
	rates, err := s.ExchangeRates(ctx, root)
	if err != nil {
		b.Fatal(err)
	}
	tree := treeFor(s, root, rates)
	if err := tree.loadTop(ctx); err != nil {
		b.Fatal(err)
	}

	// The branch with the most children.
	var big model.ID
	if err := bare.QueryRow(`SELECT parent_id FROM customers WHERE parent_id IS NOT NULL GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1`).Scan(&big); err != nil {
		b.Fatal(err)
	}
	branch := median(5, func() {
		if err := tree.load(ctx, big); err != nil {
			b.Fatal(err)
		}
	})
	branchBare := median(5, func() {
		countRows(b, bare, `SELECT id, name, balance_micros FROM customers WHERE parent_id = ? AND archived_at IS NULL
			ORDER BY sort_key`, big)
	})
	out = append(out, figure{ms(branch), ms(branchBare), true})

	// Search.
	var search, searchBare time.Duration
	for _, q := range []string{"tel", "99999", "no such customer"} {
		search = max(search, median(5, func() {
			if _, err := s.SearchCustomers(ctx, root, q, 50); err != nil {
				b.Fatal(err)
			}
		}))
		searchBare = max(searchBare, median(3, func() {
			countRows(b, bare, `SELECT id FROM customers WHERE name_key LIKE ? LIMIT 50`, "%"+q+"%")
		}))
	}
	out = append(out, figure{ms(search), ms(searchBare), true})

	// Subtree totals of the whole tree, in USD.
	totals := median(3, func() {
		if t := tree.computeTotal(rates, root.CustomerID); !t.ok {
			b.Fatal("no total")
		}
	})
	totalsBare := median(3, func() {
		countRows(b, bare, `SELECT currency, sum(balance_micros) FROM customers GROUP BY currency`)
	})
	out = append(out, figure{ms(totals), ms(totalsBare), true})

	// One maintenance entry against one bare insert, both durable. The
	// WAL is copied back first: a file just built or migrated would still
	// be checkpointing in the background, slowing both sides.
	if _, err := bare.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	out = append(out, entryP99(b, s, root, bare, filepath.Dir(path)))

	// The accounts tab of the customer with the most accounts.
	var owner model.ID
	bare.QueryRow(`SELECT customer_id FROM accounts GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1`).Scan(&owner)
	tab := median(5, func() {
		if p, err := s.Accounts(ctx, root, owner, model.AccountQuery{Limit: accounts.PageSize}); err != nil || len(p.Accounts) == 0 {
			b.Fatal("accounts", err)
		}
	})
	tabBare := median(5, func() {
		countRows(b, bare, `SELECT * FROM accounts WHERE customer_id = ? AND archived_at IS NULL ORDER BY username_key LIMIT 200`, owner)
	})
	out = append(out, figure{ms(tab), ms(tabBare), true})

	// CSV export.
	export := median(1, func() {
		if _, err := writeCustomersCSV(io.Discard, i18n.New(i18n.English), rates, func(each func(model.ExportRow) error) error {
			return s.ExportCustomers(ctx, root, each)
		}); err != nil {
			b.Fatal(err)
		}
	})
	exportBare := median(1, func() { countRows(b, bare, `SELECT * FROM customers`) })
	out = append(out, figure{export.Seconds(), exportBare.Seconds(), true})

	// Memory, in a fresh process.
	out = append(out, figure{ours: branchesMemory(b, path)})
	return out
}

func countRows(b *testing.B, db *sql.DB, query string, args ...any) int {
	rows, err := db.Query(query, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

// entryP99 alternates 2,000 Add Funds and 2,000 single-row inserts into a
// fresh file with the same settings, after both are warmed up, so
// the machine's noise falls on both; it returns both 99th percentiles.
func entryP99(b *testing.B, s *storage.Store, root model.Session, bareDB *sql.DB, dir string) figure {
	ctx := context.Background()
	var ids []model.ID
	rows, err := bareDB.Query(`SELECT id FROM customers WHERE parent_id IS NOT NULL LIMIT 200`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id model.ID
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	rows.Close()
	barePath := filepath.Join(dir, "bare-insert.db")
	os.Remove(barePath)
	defer os.Remove(barePath)
	db, err := sql.Open("sqlite", storage.BareDSN(barePath))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, amount INTEGER, note TEXT)`)
	// A WAL file that is still growing costs each sync about twice as much
	// (docs/benchmarks.md): fill the bare file's WAL past the automatic
	// checkpoint once, as the entries below do to theirs, so both write
	// over an existing WAL.
	for i := range 4500 {
		db.Exec(`INSERT INTO t (amount, note) VALUES (?, ?)`, i, "warm")
	}

	const warm, n = 500, 2000
	stamp := time.Now().UnixNano()
	var ours, bare []time.Duration
	for i := range warm + n {
		in := model.EntryInput{Kind: model.EntryAddFunds, Amount: decimal.RequireFromString("12.34"), Currency: model.USD,
			Key: fmt.Sprintf("scale-%d-%d", stamp, i)}
		start := time.Now()
		if _, err := s.AddEntry(ctx, root, model.CustomerLedger(ids[i%len(ids)]), in); err != nil {
			b.Fatal(err)
		}
		entry := time.Since(start)
		start = time.Now()
		if _, err := db.Exec(`INSERT INTO t (amount, note) VALUES (?, ?)`, i, "bench"); err != nil {
			b.Fatal(err)
		}
		if i >= warm {
			ours, bare = append(ours, entry), append(bare, time.Since(start))
		}
	}
	p99 := func(ds []time.Duration) float64 {
		slices.Sort(ds)
		return float64(ds[len(ds)*99/100].Microseconds()) / 1000
	}
	return figure{p99(ours), p99(bare), true}
}

// branchesMemory runs TestBranchesMemoryProbe in a child process and
// returns its resident memory in MB.
func branchesMemory(b *testing.B, path string) float64 {
	cmd := exec.Command(os.Args[0], "-test.run=^TestBranchesMemoryProbe$", "-test.count=1")
	cmd.Env = append(os.Environ(), "BRANCHBOOK_MEMORY_PROBE="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("probe: %v\n%s", err, out)
	}
	return probeFigure(out, "VmRSS") / 1024
}

// TestBranchesMemoryProbe is the child process of branchesMemory: it opens
// the file as the window does and opens 1,000 branches, breadth first.
func TestBranchesMemoryProbe(t *testing.T) {
	path := os.Getenv("BRANCHBOOK_MEMORY_PROBE")
	if path == "" {
		t.Skip("only run by BenchmarkScale")
	}
	test.NewTempApp(t)
	tree, done, err := openToTopLevel(path)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	ctx := context.Background()
	queue := slices.Clone(tree.children[tree.top])
	for opened := 0; opened < 1000 && len(queue) > 0; {
		id := queue[0]
		queue = queue[1:]
		if !tree.rows[id].HasChildren {
			continue
		}
		if err := tree.load(ctx, id); err != nil {
			t.Fatal(err)
		}
		opened++
		queue = append(queue, tree.children[id]...)
	}
	printStatus()
}

// printStatus prints the process's resident memory figures for the parent.
func printStatus() {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(status), "\n") {
		for _, key := range []string{"VmRSS", "VmHWM"} {
			if v, ok := strings.CutPrefix(line, key+":"); ok {
				fmt.Printf("probe %s %s\n", key, strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			}
		}
	}
}

// printScale writes the table: each figure per size with bare SQLite's
// beside it, the target, whether it is met (absolute targets by the files
// up to 100,000 customers, ratios to bare SQLite at every size), and how
// the figure grew from the smallest size to the largest.
func printScale(w io.Writer, rows []*scaleRow, sizes []int) {
	fmt.Fprintf(w, "\n| what | target |")
	for _, n := range sizes {
		fmt.Fprintf(w, " %s customers |", thousands(n))
	}
	fmt.Fprintf(w, " met | growth %s→%s |\n|---|---|", thousands(sizes[0]), thousands(sizes[len(sizes)-1]))
	for range sizes {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w, "---|---|")
	for _, r := range rows {
		target := fmt.Sprintf("< %g %s", r.target, r.unit)
		if r.ratio > 0 {
			target += fmt.Sprintf(", ≤ %g× bare", r.ratio)
		}
		fmt.Fprintf(w, "| %s | %s |", r.what, target)
		met := true
		for _, n := range sizes {
			f := r.cells[n]
			cell := fmt.Sprintf("%.3g %s", f.ours, r.unit)
			if f.hasBare {
				cell += fmt.Sprintf(" (bare %.3g)", f.bare)
			}
			fmt.Fprintf(w, " %s |", cell)
			// Targets are set for the 100,000-customer file; a ratio to bare
			// SQLite holds at every size.
			if n <= 100_000 || len(sizes) == 1 {
				met = met && f.ours < r.target
			}
			if r.ratio > 0 && f.hasBare {
				met = met && f.ours <= r.ratio*f.bare
			}
		}
		verdict := "yes"
		if !met {
			verdict = "**NO**"
		}
		first, last := r.cells[sizes[0]].ours, r.cells[sizes[len(sizes)-1]].ours
		growth := "—"
		if first > 0 {
			growth = fmt.Sprintf("%.2g×", last/first)
		}
		fmt.Fprintf(w, " %s | %s |\n", verdict, growth)
	}
}

// thousands writes 100000 as "100,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
