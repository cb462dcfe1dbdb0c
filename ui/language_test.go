package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/ui/customers"
)

// TestLanguageSwitchKeepsSizeAndSelection switches the window through
// every language: the window keeps its size and the selected customer,
// also when the tree's first rows arrive after the switch, as they do in
// the program (the work is queued here and run afterwards).
func TestLanguageSwitchKeepsSizeAndSelection(t *testing.T) {
	c, _, ids := buildManual(t)
	c.win.Resize(fyne.NewSize(1240, 720))
	size := c.win.Canvas().Size()
	for _, l := range append(i18n.Supported, i18n.English) {
		c.customers.Reveal(ids["C"])
		var queued []func()
		c.background = func(f func()) { queued = append(queued, f) }
		c.changeLanguage(l)
		for len(queued) > 0 {
			f := queued[0]
			queued = queued[1:]
			f()
		}
		c.background = func(f func()) { f() }
		if c.tr.Lang() != l {
			t.Fatalf("language %s, want %s", c.tr.Lang(), l)
		}
		if c.customers.Shown() != ids["C"] || c.customers.Tree().Selected() != customers.UID(ids["C"]) {
			t.Errorf("%s: shown %d, tree selected %q; want C (%d)", l, c.customers.Shown(), c.customers.Tree().Selected(), ids["C"])
		}
		if got := c.win.Canvas().Size(); got != size {
			t.Errorf("%s: the window is %v, was %v", l, got, size)
		}
	}
}
