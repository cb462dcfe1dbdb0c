package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/customers"
	"github.com/branchbook/branchbook/ui/internal/uitest"
)

// freshController opens a second window on store, as a new start of the
// program would: no branch below the top has been read. Its background
// work is queued and never run, so what a key does cannot depend on a load
// that happens to finish in time.
func freshController(t *testing.T, store model.Store) (*Controller, *[]func()) {
	t.Helper()
	c := newTestController(t, store)
	var queued []func()
	c.background = func(f func()) { queued = append(queued, f) }
	return c, &queued
}

func pressKey(c *Controller, key fyne.KeyName) {
	c.customers.Tree().Widget().TypedKey(&fyne.KeyEvent{Name: key})
}

func TestRightOpensABranchAndGoesIntoIt(t *testing.T) {
	_, store, ids := buildManual(t)
	c, _ := freshController(t, store)
	if len(c.customers.Tree().Widget().ChildUIDs(customers.UID(ids["A"]))) != 0 {
		t.Fatal("A's children were read at the start; the test needs a branch never opened")
	}
	c.win.Canvas().Focus(c.customers.Tree().Widget())
	c.customers.Tree().Widget().Select(customers.UID(ids["A"]))

	pressKey(c, fyne.KeyRight)
	if c.customers.Shown() != ids["C"] {
		t.Fatalf("→ on a branch never opened selected %d, want its first child C (%d)", c.customers.Shown(), ids["C"])
	}
	if !c.customers.Tree().Widget().IsBranchOpen(customers.UID(ids["A"])) {
		t.Fatal("→ did not open A")
	}
	// Ctrl+M now acts on C, the customer the clerk sees selected.
	c.showMaintenance()
	if c.maintenance == nil || c.maintenance.Target.Holder != model.CustomerLedger(ids["C"]) {
		t.Fatalf("Maintenance after → opened for %+v, want C", c.maintenance)
	}
	c.maintenance.Dialog.Dialog.Hide()

	// ← goes back to A; ← again closes it; → opens it and goes in again,
	// the same as the first time.
	pressKey(c, fyne.KeyLeft)
	if c.customers.Shown() != ids["A"] {
		t.Fatalf("← from C selected %d, want A", c.customers.Shown())
	}
	pressKey(c, fyne.KeyLeft)
	if c.customers.Tree().Widget().IsBranchOpen(customers.UID(ids["A"])) {
		t.Fatal("← on the open A did not close it")
	}
	pressKey(c, fyne.KeyRight)
	if c.customers.Shown() != ids["C"] {
		t.Fatalf("the second → selected %d, want C", c.customers.Shown())
	}

	// B, never opened either, behaves the same.
	c.customers.Tree().Widget().Select(customers.UID(ids["B"]))
	pressKey(c, fyne.KeyRight)
	if c.customers.Shown() != ids["E"] {
		t.Fatalf("→ on B selected %d, want E", c.customers.Shown())
	}
	// → on a leaf stays there.
	pressKey(c, fyne.KeyRight)
	if c.customers.Shown() != ids["E"] {
		t.Fatalf("→ on the leaf E moved to %d", c.customers.Shown())
	}
}

// menuShortcuts lists the main menu's items that have a shortcut, but Quit.
func menuShortcuts(c *Controller) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	var walk func([]*fyne.MenuItem)
	walk = func(list []*fyne.MenuItem) {
		for _, it := range list {
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
			if it.Shortcut != nil && !it.IsQuit && !it.Disabled {
				items = append(items, it)
			}
		}
	}
	for _, m := range c.win.MainMenu().Items {
		walk(m.Items)
	}
	return items
}

func shortcutName(it *fyne.MenuItem) string {
	if s, ok := it.Shortcut.(*desktop.CustomShortcut); ok {
		return s.ShortcutName() + " (" + it.Label + ")"
	}
	return it.Label
}

// screenState is what a shortcut must leave alone while a dialog is open:
// the dialogs and pop-ups over the window, and the windows.
type screenState struct {
	overlays []fyne.CanvasObject
	windows  int
}

func stateOf(c *Controller) screenState {
	return screenState{overlays: c.win.Canvas().Overlays().List(), windows: len(fyne.CurrentApp().Driver().AllWindows())}
}

func (s screenState) same(o screenState) bool {
	if s.windows != o.windows || len(s.overlays) != len(o.overlays) {
		return false
	}
	for i := range s.overlays {
		if s.overlays[i] != o.overlays[i] {
			return false
		}
	}
	return true
}

func closeOverlays(c *Controller) {
	for top := c.win.Canvas().Overlays().Top(); top != nil; top = c.win.Canvas().Overlays().Top() {
		c.win.Canvas().Overlays().Remove(top)
	}
}

// TestShortcutsDoNothingOverADialog opens every dialog a key opens, then
// presses every key of the window over it: none may open a second dialog,
// a window, or act behind the open one.
func TestShortcutsDoNothingOverADialog(t *testing.T) {
	c, store, ids := buildManual(t)
	ctx := context.Background()
	plainKeys := []fyne.KeyName{fyne.KeyF1, fyne.KeyF2, fyne.KeyReturn, fyne.KeyDelete}
	// A plain key reaches the tree when it has the focus, else the
	// window's canvas: try both ways over a dialog.
	press := func(key fyne.KeyName) {
		pressKey(c, key)
	}
	pressOnCanvas := func(key fyne.KeyName) {
		if f := c.win.Canvas().OnTypedKey(); f != nil {
			f(&fyne.KeyEvent{Name: key})
		}
	}
	type opener struct {
		name string
		open func()
	}
	var openers []opener
	for _, it := range menuShortcuts(c) {
		if it.Label == "Sign out" {
			continue // it leaves the window, opening nothing (it is still pressed over each dialog)
		}
		openers = append(openers, opener{shortcutName(it), it.Action})
	}
	for _, k := range plainKeys {
		openers = append(openers, opener{string(k), func() { press(k) }})
	}

	dialogs := 0
	for _, o := range openers {
		closeOverlays(c)
		c.customers.Reveal(ids["C"])
		before := stateOf(c)
		o.open()
		if c.win.Canvas().Overlays().Top() == nil {
			continue // a toggle, the search box or a window, not a dialog
		}
		if after := stateOf(c); after.windows != before.windows {
			t.Fatalf("%s opened a window as well as a dialog", o.name)
		}
		dialogs++
		open := stateOf(c)
		entries, err := store.Entries(ctx, c.session, model.CustomerLedger(ids["C"]), model.EntryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range menuShortcuts(c) {
			it.Action()
			if !stateOf(c).same(open) {
				t.Errorf("over the dialog of %s, %s changed the screen", o.name, shortcutName(it))
				closeOverlays(c)
				o.open()
				open = stateOf(c)
			}
		}
		for _, k := range plainKeys {
			press(k)
			if k != fyne.KeyReturn {
				// On the canvas, Enter is the open dialog's own: it
				// presses its default button (TestEveryDialogTakesEnterAndEscape).
				pressOnCanvas(k)
			}
			if !stateOf(c).same(open) {
				t.Errorf("over the dialog of %s, %s changed the screen", o.name, k)
			}
		}
		if c.customers.Shown() != ids["C"] {
			t.Errorf("over the dialog of %s, a key selected another customer", o.name)
		}
		after, err := store.Entries(ctx, c.session, model.CustomerLedger(ids["C"]), model.EntryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(entries) {
			t.Errorf("over the dialog of %s, keys booked %d entries", o.name, len(after)-len(entries))
		}
	}
	closeOverlays(c)
	// Add, Adjust, Delete, Move, Maintenance, Deleted customers (the
	// "none deleted" note), New and Open database, About, add account,
	// generate cards at least.
	if dialogs < 10 {
		t.Fatalf("only %d shortcuts opened a dialog", dialogs)
	}
}

// TestCtrlNDoesNothingWhileAFormIsOpen is the double refill of the issue:
// a second Add customer form under the first, then a second Maintenance.
func TestCtrlNDoesNothingWhileAFormIsOpen(t *testing.T) {
	c, store, ids := buildManual(t)
	ctx := context.Background()
	item := func(label string) *fyne.MenuItem {
		for _, it := range menuShortcuts(c) {
			if it.Label == label {
				return it
			}
		}
		t.Fatalf("no menu item %q with a shortcut", label)
		return nil
	}
	c.customers.Reveal(ids["C"])
	item("Add customer…").Action()
	first := uitest.OpenForm(c.win)
	if first == nil || c.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+N opened no form")
	}
	c.customers.Tree().Widget().Select(customers.UID(ids["D"]))
	item("Add customer…").Action()
	if uitest.OpenForm(c.win) != first || len(c.win.Canvas().Overlays().List()) != 1 {
		t.Fatal("Ctrl+N opened a second form over the first")
	}
	first.Dialog.Hide()

	c.customers.Reveal(ids["C"])
	item("Maintenance…").Action()
	m := c.maintenance
	m.Amount.SetText("5")
	item("Maintenance…").Action()
	if c.maintenance != m || len(c.win.Canvas().Overlays().List()) != 1 {
		t.Fatal("Ctrl+M opened a second Maintenance form")
	}
	test.Tap(m.Dialog.Save)
	entries, err := store.Entries(ctx, c.session, model.CustomerLedger(ids["C"]), model.EntryFilter{Kinds: []model.EntryKind{model.EntryAddFunds}})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || c.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("%d Add Funds entries; a dialog left open: %v", len(entries), c.win.Canvas().Overlays().Top() != nil)
	}
}

// TestToolWindowShortcutsDoNothingOverADialog: Ctrl+N in the Tariffs window
// with its form open opens no second form.
func TestToolWindowShortcutsDoNothingOverADialog(t *testing.T) {
	c, _ := setUpRoot(t, "")
	c.showTariffs()
	w := c.tariffs
	typeShortcut := func(key fyne.KeyName) {
		w.Win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
	}
	typeShortcut(fyne.KeyN)
	first := uitest.OpenForm(w.Win)
	if first == nil || w.Win.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+N in the Tariffs window opened no form")
	}
	for _, k := range []fyne.KeyName{fyne.KeyN, fyne.KeyR, fyne.KeyI} {
		typeShortcut(k)
		if uitest.OpenForm(w.Win) != first || len(w.Win.Canvas().Overlays().List()) != 1 {
			t.Fatalf("Ctrl+%s over the tariff form opened another dialog", k)
		}
	}
}
