package customers

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	_ "github.com/branchbook/branchbook/i18n/localeenv" // no locale noise from Fyne
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/changes"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// countingStore is a real store that counts what the screens read.
type countingStore struct {
	Store
	mu       sync.Mutex
	children map[model.ID]int
	reads    int
}

func (s *countingStore) count() {
	s.mu.Lock()
	s.reads++
	s.mu.Unlock()
}

func (s *countingStore) Children(ctx context.Context, sess model.Session, parent model.ID) ([]model.CustomerRow, error) {
	s.mu.Lock()
	s.children[parent]++
	s.reads++
	s.mu.Unlock()
	return s.Store.Children(ctx, sess, parent)
}

func (s *countingStore) Customer(ctx context.Context, sess model.Session, id model.ID) (model.Customer, error) {
	s.count()
	return s.Store.Customer(ctx, sess, id)
}

func (s *countingStore) Row(ctx context.Context, sess model.Session, id model.ID) (model.CustomerRow, error) {
	s.count()
	return s.Store.Row(ctx, sess, id)
}

func (s *countingStore) Accounts(ctx context.Context, sess model.Session, id model.ID, q model.AccountQuery) (model.AccountPage, error) {
	s.count()
	return s.Store.Accounts(ctx, sess, id, q)
}

// demoStore is a file of n demo customers and its root session.
func demoStore(t *testing.T, n int) (*storage.Store, model.Session) {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "customers.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	if err := s.GenerateDemo(ctx, storage.DemoOptions{Customers: n, Seed: 7}, nil); err != nil {
		t.Fatal(err)
	}
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return s, root
}

// showScreens puts the customer screens of sess in a test window, reading
// in the calling goroutine, with the top of the tree loaded.
func showScreens(t *testing.T, store Store, sess model.Session, rates model.RateTable, bus *changes.Bus) *Screens {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	win := a.NewWindow("customers")
	env := widgets.Env{Win: win, Tr: i18n.New(i18n.English), Background: func(f func()) { f() },
		Session: func() model.Session { return sess }, Rates: func() model.RateTable { return rates },
		Zone: func() *time.Location { return time.UTC }}
	s := New(env, store, bus, Hooks{}, widget.NewLabel("history"), widget.NewLabel("accounts"))
	left, right := s.Content(widget.NewLabel("toolbar"))
	win.SetContent(container.NewHSplit(left, right))
	win.Resize(fyne.NewSize(1200, 700))
	s.Start(0)
	return s
}

func TestTreeLoadsOnlyOpenedBranches(t *testing.T) {
	ctx := context.Background()
	// 60 customers: 40 under the root, one chain ten levels deep.
	base, root := demoStore(t, 60)
	store := &countingStore{Store: base, children: map[model.ID]int{}}
	s := showScreens(t, store, root, model.RateTable{}, &changes.Bus{})
	tree := s.Tree()
	if tree.Top() != root.CustomerID || len(tree.children[root.CustomerID]) != 40 {
		t.Fatalf("top %d with %d children", tree.Top(), len(tree.children[root.CustomerID]))
	}
	if len(store.children) != 1 {
		t.Fatalf("branches read before any was opened: %v", store.children)
	}

	// Find, in the store, a line of three customers each under the last,
	// then open them in the tree one after the other.
	line := findLine(t, base, root, root.CustomerID, 3)
	for _, id := range line {
		tree.widget.OpenBranch(UID(id))
		if store.children[id] != 1 {
			t.Fatalf("opening %s read its children %d times", tree.rows[id].Name, store.children[id])
		}
		want, err := base.Children(ctx, root, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := tree.childUIDs(UID(id)); len(got) != len(want) || len(want) == 0 {
			t.Fatalf("%s shows %d children, the store has %d", tree.rows[id].Name, len(got), len(want))
		}
	}
	level := line[len(line)-1]
	// Only the top and the three opened branches were read: never a branch
	// that was not opened.
	if len(store.children) != 4 {
		t.Fatalf("read %d branches, want 4: %v", len(store.children), store.children)
	}
	// Opening a branch again does not read it again.
	tree.widget.CloseBranch(UID(level))
	tree.widget.OpenBranch(UID(level))
	if store.children[level] != 1 {
		t.Fatalf("re-opening read the branch again")
	}
}

// findLine returns n customers below parent, each a child of the one before
// and each with children of its own.
func findLine(t *testing.T, s Store, sess model.Session, parent model.ID, n int) []model.ID {
	t.Helper()
	var walk func(id model.ID, left int) []model.ID
	walk = func(id model.ID, left int) []model.ID {
		if left == 0 {
			return []model.ID{}
		}
		kids, err := s.Children(context.Background(), sess, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range kids {
			if !k.HasChildren {
				continue
			}
			if rest := walk(k.ID, left-1); rest != nil {
				return append([]model.ID{k.ID}, rest...)
			}
		}
		return nil
	}
	line := walk(parent, n)
	if line == nil {
		t.Fatalf("no line of %d branches in the demo data", n)
	}
	return line
}

func TestTreeRowsShowMoneyAndSelectionShowsDetails(t *testing.T) {
	store, root := demoStore(t, 5)
	rates, err := store.ExchangeRates(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	s := showScreens(t, store, root, rates, &changes.Bus{})
	tr := s.tr
	first := s.tree.children[root.CustomerID][0]
	row := s.tree.rows[first]
	obj := s.tree.createRow(false)
	s.tree.updateRow(UID(first), false, obj)
	l := rowLabels(obj)
	wantBalance := widgets.USDText(tr, rates, row.Balance, row.Currency)
	if l.name.Text != row.Name || l.balance.Text != wantBalance || l.credit.Text[:4] != "USD " {
		t.Fatalf("row shows %q %q %q; want %q %q", l.name.Text, l.balance.Text, l.credit.Text, row.Name, wantBalance)
	}
	s.tree.widget.Select(UID(first))
	if s.Title() != row.Name {
		t.Fatalf("detail pane shows %q, want %q", s.Title(), row.Name)
	}
	wantDetail := widgets.NativeAndUSD(tr, rates, row.Balance, row.Currency)
	if !slices.ContainsFunc(s.detail.grid.Objects, func(o fyne.CanvasObject) bool {
		lbl, ok := o.(*widget.Label)
		return ok && lbl.Text == wantDetail
	}) {
		t.Fatalf("detail pane lacks the balance %q", wantDetail)
	}
}

func TestHomeAndEndGoToTheFirstAndLastRowInView(t *testing.T) {
	store, root := demoStore(t, 60)
	s := showScreens(t, store, root, model.RateTable{}, &changes.Bus{})
	kids := s.tree.children[root.CustomerID]
	last := kids[len(kids)-1]
	s.tree.widget.Select(UID(kids[0]))

	s.tree.widget.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if s.Shown() != last {
		t.Fatalf("End selected %d, want the last child %d", s.Shown(), last)
	}
	s.tree.widget.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if s.Shown() != root.CustomerID {
		t.Fatalf("Home selected %d, want the top %d", s.Shown(), root.CustomerID)
	}
	// With the last child's branch open, End goes to the bottom of it.
	line := findLine(t, store, root, root.CustomerID, 1)
	s.tree.widget.CloseAllBranches()
	s.tree.widget.OpenBranch(UID(root.CustomerID))
	s.tree.widget.OpenBranch(UID(line[0]))
	want := s.tree.children[root.CustomerID][len(kids)-1]
	if line[0] == want {
		grand := s.tree.children[line[0]]
		want = grand[len(grand)-1]
	}
	s.tree.widget.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if s.Shown() != want {
		t.Fatalf("End selected %d, want %d", s.Shown(), want)
	}
}

// A Maintenance entry on the shown customer redraws its row and details
// from one read of the file, and the Adjust form's balance follows.
func TestBookedEntryIsReadOnce(t *testing.T) {
	ctx := context.Background()
	base, root := demoStore(t, 10)
	store := &countingStore{Store: base, children: map[model.ID]int{}}
	bus := &changes.Bus{}
	rates, err := base.ExchangeRates(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	s := showScreens(t, store, root, rates, bus)
	id := s.tree.children[root.CustomerID][0]
	s.tree.widget.Select(UID(id))
	s.Adjust()
	if uitest.OpenForm(s.win) == nil {
		t.Fatal("no Adjust form")
	}
	e, err := base.AddEntry(ctx, root, model.CustomerLedger(id), model.EntryInput{Kind: model.EntryAddFunds,
		Amount: decimal.RequireFromString("12.50"), Currency: s.tree.rows[id].Currency, Key: "read-once"})
	if err != nil {
		t.Fatal(err)
	}
	store.reads = 0
	bus.Booked.Publish(e)
	if store.reads != 1 {
		t.Fatalf("the refresh read the file %d times, want once", store.reads)
	}
	if !s.tree.rows[id].Balance.Equal(e.BalanceAfter) {
		t.Fatalf("row balance %s, want %s", s.tree.rows[id].Balance, e.BalanceAfter)
	}
	wantBalance := widgets.NativeAndUSD(s.tr, rates, e.BalanceAfter, s.tree.rows[id].Currency)
	if !slices.Contains(uitestLabels(s.detail.grid), wantBalance) {
		t.Fatalf("details lack the new balance %q", wantBalance)
	}
	if s.adjusting.balance.Text != wantBalance {
		t.Fatalf("the Adjust form shows %q, want %q", s.adjusting.balance.Text, wantBalance)
	}
	// An entry on a customer not shown reads its row only, and nothing for
	// one the tree never loaded.
	other := s.tree.children[root.CustomerID][1]
	store.reads = 0
	bus.Booked.Publish(model.Entry{Holder: model.CustomerLedger(other)})
	bus.Booked.Publish(model.Entry{Holder: model.CustomerLedger(987654)})
	if store.reads != 1 {
		t.Fatalf("entries elsewhere read the file %d times, want once", store.reads)
	}
}

func uitestLabels(o fyne.CanvasObject) []string {
	var texts []string
	uitest.Walk(o, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
		return false
	})
	return texts
}

func TestTabsStepRound(t *testing.T) {
	store, root := demoStore(t, 5)
	s := showScreens(t, store, root, model.RateTable{}, &changes.Bus{})
	var seen []int
	for range 4 {
		s.NextTab()
		seen = append(seen, s.detail.tabs.SelectedIndex())
	}
	s.PreviousTab()
	seen = append(seen, s.detail.tabs.SelectedIndex())
	if want := []int{1, 2, 0, 1, 0}; !slices.Equal(seen, want) {
		t.Fatalf("tabs %v, want %v", seen, want)
	}
}

// A name saved before invisible characters were refused still shows, with
// each of them marked, in the tree and the Details tab.
func TestLookAlikeNamesShowMarked(t *testing.T) {
	store, root := demoStore(t, 5)
	s := showScreens(t, store, root, model.RateTable{}, &changes.Bus{})
	id := s.tree.children[root.CustomerID][0]
	row := s.tree.rows[id]
	row.Name = "Evil\u202Egnp.exe"
	s.tree.rows[id] = row
	obj := s.tree.createRow(false)
	s.tree.updateRow(UID(id), false, obj)
	want := "Evil⟨U+202E⟩gnp.exe"
	if got := rowLabels(obj).name.Text; got != want {
		t.Fatalf("tree row %q, want %q", got, want)
	}
	s.detail.show(model.Customer{ID: id, Name: row.Name, TariffID: 1, Currency: "USD"}, model.RateTable{}, false)
	if s.Title() != want {
		t.Fatalf("details title %q, want %q", s.Title(), want)
	}
}
