package customers

import (
	"bufio"
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/widgets"
)

// The benchmarks of the window's model are in scale_bench_test.go; these
// are what they share.

// openToTopLevel is what the window does on start: open the file, take the
// root's session and load the tree's top level.
func openToTopLevel(path string) (*Tree, func(), error) {
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
	tree := treeFor(s, sess, model.RateTable{})
	if err := tree.loadTop(ctx); err != nil {
		s.Close()
		return nil, nil, err
	}
	return tree, func() { s.Close() }, nil
}

// treeFor is the tree the window makes for sess, with rates, loading in
// the calling goroutine.
func treeFor(s Store, sess model.Session, rates model.RateTable) *Tree {
	env := widgets.Env{Tr: i18n.New(i18n.English), Background: func(f func()) { f() },
		Session: func() model.Session { return sess }, Rates: func() model.RateTable { return rates },
		Zone: func() *time.Location { return time.UTC }}
	return newTree(env, s)
}

// probeFigure reads "probe KEY VALUE" from a memory probe's output.
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
