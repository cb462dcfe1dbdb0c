package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/branchbook/branchbook/ui/widgets"
)

// TestKeyButtonPressesOnSpaceRune: Space presses the button on its rune, so
// a dialog the button opens never receives that rune; Enter presses at once.
func TestKeyButtonPressesOnSpaceRune(t *testing.T) {
	test.NewTempApp(t)
	pressed := 0
	b := widgets.NewDialogButton("Export", nil, func() { pressed++ })
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if pressed != 0 {
		t.Fatal("pressed on the key, before its rune")
	}
	b.TypedRune(' ')
	b.TypedRune(' ') // a rune without its key press does nothing
	if pressed != 1 {
		t.Fatalf("pressed %d times by one Space", pressed)
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if pressed != 2 {
		t.Fatal("Enter did not press")
	}
}
