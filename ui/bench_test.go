package ui

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/storage"
)

// benchCustomers is the size of the benchmark's demo file.
const benchCustomers = 100_000

var (
	benchOnce sync.Once
	benchDir  string
	benchDB   string
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchFile builds, once per run, a demo file of benchCustomers customers
// up to ten levels deep.
func benchFile(b *testing.B) string {
	benchOnce.Do(func() {
		if benchDir, benchErr = os.MkdirTemp("", "branchbook-bench-"); benchErr != nil {
			return
		}
		benchDB = filepath.Join(benchDir, "bench.db")
		s, err := storage.Open(benchDB)
		if err != nil {
			benchErr = err
			return
		}
		defer s.Close()
		benchErr = s.GenerateDemo(context.Background(), storage.DemoOptions{Customers: benchCustomers, Seed: 1}, nil)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDB
}

// openToTopLevel is what the window does on start: open the file, take the
// root's session and load the tree's top level.
func openToTopLevel(path string) (*customerTree, func(), error) {
	s, err := storage.Open(path)
	if err != nil {
		return nil, nil, err
	}
	ctx := context.Background()
	sess, err := s.RootSession(ctx)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	tree := newCustomerTree(s, sess, i18n.New(i18n.English))
	if err := tree.loadTop(ctx); err != nil {
		s.Close()
		return nil, nil, err
	}
	return tree, func() { s.Close() }, nil
}

// BenchmarkOpenToTopLevel times storage.Open to a populated top level of
// the tree model on a 100,000-customer file (target: under 300 ms).
func BenchmarkOpenToTopLevel(b *testing.B) {
	path := benchFile(b)
	test.NewTempApp(b)
	for b.Loop() {
		tree, done, err := openToTopLevel(path)
		if err != nil {
			b.Fatal(err)
		}
		if len(tree.children[tree.top]) == 0 {
			b.Fatal("empty top level")
		}
		done()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/open")
}

// BenchmarkOpenToTopLevelBareSQLite does the same reads on bare SQLite, for
// comparison in the same run.
func BenchmarkOpenToTopLevelBareSQLite(b *testing.B) {
	path := benchFile(b)
	for b.Loop() {
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)")
		if err != nil {
			b.Fatal(err)
		}
		var root int64
		if err := db.QueryRow("SELECT id FROM customers WHERE parent_id IS NULL").Scan(&root); err != nil {
			b.Fatal(err)
		}
		rows, err := db.Query(`SELECT id, name, balance_micros,
				EXISTS (SELECT 1 FROM customers k WHERE k.parent_id = c.id AND k.archived_at IS NULL)
			FROM customers c WHERE parent_id = ? AND archived_at IS NULL ORDER BY name_key`, root)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		db.Close()
		if n == 0 {
			b.Fatal("no rows")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/open")
}

// BenchmarkOpenMemory reports the resident memory of a fresh process after
// it opened the 100,000-customer file to a populated top level (target:
// under 100 MB). It runs the probe below in a child process so the
// benchmark's own file building does not count.
func BenchmarkOpenMemory(b *testing.B) {
	path := benchFile(b)
	var rss, peak float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestOpenMemoryProbe$", "-test.count=1")
		cmd.Env = append(os.Environ(), "BRANCHBOOK_MEMORY_PROBE="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("probe: %v\n%s", err, out)
		}
		rss, peak = probeFigure(out, "VmRSS"), probeFigure(out, "VmHWM")
	}
	b.ReportMetric(rss/1024, "MB-rss")
	b.ReportMetric(peak/1024, "MB-peak")
}

func probeFigure(out []byte, key string) float64 {
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "probe "+key+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return 0
}

// TestOpenMemoryProbe is the child process of BenchmarkOpenMemory; it does
// nothing in a normal test run.
func TestOpenMemoryProbe(t *testing.T) {
	path := os.Getenv("BRANCHBOOK_MEMORY_PROBE")
	if path == "" {
		t.Skip("only run by BenchmarkOpenMemory")
	}
	test.NewTempApp(t)
	tree, done, err := openToTopLevel(path)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if len(tree.children[tree.top]) == 0 {
		t.Fatal("empty top level")
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc here")
	}
	for _, line := range strings.Split(string(status), "\n") {
		for _, key := range []string{"VmRSS", "VmHWM"} {
			if v, ok := strings.CutPrefix(line, key+":"); ok {
				kb := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB"))
				fmt.Printf("probe %s %s\n", key, kb)
			}
		}
	}
}

// BenchmarkSearch times the tree's search over the 100,000-customer file:
// a common word (first match at once), a rare one (one customer) and one
// that matches nothing (the whole subtree read). Target: under 50 ms.
func BenchmarkSearch(b *testing.B) {
	path := benchFile(b)
	s, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	root, _ := s.RootSession(ctx)
	for _, q := range []struct{ name, text string }{{"common", "tel"}, {"rare", "99999"}, {"none", "no such customer"}} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.SearchCustomers(ctx, root, q.text, 50); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/search")
		})
	}
}
