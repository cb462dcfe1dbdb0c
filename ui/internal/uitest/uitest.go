// Package uitest finds what a window shows, for the window's tests: the
// form dialog open over it, a button by its label, or anything drawn inside
// an object. Tests reach a screen the way a clerk does, through what is on
// the canvas, so the window need keep nothing for them.
package uitest

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/ui/widgets"
)

// Walk visits o and everything drawn inside it, depth first, until visit
// returns true; it reports whether one did.
func Walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if visit(o) {
		return true
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, ch := range children {
		if Walk(ch, visit) {
			return true
		}
	}
	return false
}

// onOverlays returns the first object over win, from the top overlay down,
// that match accepts.
func onOverlays(win fyne.Window, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	overlays := win.Canvas().Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		var found fyne.CanvasObject
		if Walk(overlays[i], func(o fyne.CanvasObject) bool {
			if match(o) {
				found = o
				return true
			}
			return false
		}) {
			return found
		}
	}
	return nil
}

// OpenForm is the form dialog open over win (the top one), or nil.
func OpenForm(win fyne.Window) *widgets.FormDialog {
	o := onOverlays(win, func(o fyne.CanvasObject) bool { return widgets.FormDialogOf(o) != nil })
	if o == nil {
		return nil
	}
	return widgets.FormDialogOf(o)
}

// Button is the button labelled label over win (on the top overlay that
// has one), or nil; for a widgets.KeyButton, the button it is built on.
func Button(win fyne.Window, label string) *widget.Button {
	o := onOverlays(win, func(o fyne.CanvasObject) bool {
		b := buttonOf(o)
		return b != nil && b.Text == label
	})
	if o == nil {
		return nil
	}
	return buttonOf(o)
}

func buttonOf(o fyne.CanvasObject) *widget.Button {
	switch b := o.(type) {
	case *widget.Button:
		return b
	case *widgets.KeyButton:
		return &b.Button
	}
	return nil
}
