package widgets

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
)

// Enter and Escape in dialogs.
//
// Fyne gives a key to the focused widget, or to the canvas when nothing has
// the focus; a dialog itself never sees it, and Fyne's own fields ignore
// Escape (and a select ignores Enter). So every field of a dialog here is
// one of this package's key-aware widgets (Entry, TextArea, SearchEntry,
// Select, Check, List, Link, KeyButton), each holding the KeyTarget of the
// dialog it is in, and BindKeys gives the same target to the window's
// canvas for when nothing has the focus. One target per dialog, set once
// where the dialog is built: no dialog handles a key of its own.

// KeyTarget is what Enter and Escape do in one dialog: Enter presses its
// default button, Escape cancels it.
type KeyTarget struct {
	Enter  func()
	Escape func()
}

// handle runs the action of key, and tells whether there was one.
func (t *KeyTarget) handle(key fyne.KeyName) bool {
	if t == nil {
		return false
	}
	var action func()
	switch key {
	case fyne.KeyReturn, fyne.KeyEnter:
		action = t.Enter
	case fyne.KeyEscape:
		action = t.Escape
	}
	if action == nil {
		return false
	}
	action()
	return true
}

// isCtrlEnter tells whether s is Ctrl+Enter (Cmd+Enter on macOS): the
// key that saves from a multi-line field, where Enter is a new line.
func isCtrlEnter(s fyne.Shortcut) bool {
	c, ok := s.(*desktop.CustomShortcut)
	return ok && (c.KeyName == fyne.KeyReturn || c.KeyName == fyne.KeyEnter) &&
		c.Modifier == fyne.KeyModifierShortcutDefault
}

// keyTaker is a widget that passes Enter and Escape to its dialog.
type keyTaker interface {
	setKeys(t *KeyTarget)
}

// WireKeys gives t to every key-aware widget in o: o itself, and whatever
// containers, scrolls, splits and forms of this package hold.
func WireKeys(o fyne.CanvasObject, t *KeyTarget) {
	eachObject(o, func(o fyne.CanvasObject) {
		if k, ok := o.(keyTaker); ok {
			k.setKeys(t)
		}
	})
}

// eachObject visits o and what it holds without asking Fyne for renderers:
// containers and the few widgets that hold others in exported fields.
func eachObject(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, ch := range x.Objects {
			eachObject(ch, visit)
		}
	case *container.Scroll:
		eachObject(x.Content, visit)
	case *container.Split:
		eachObject(x.Leading, visit)
		eachObject(x.Trailing, visit)
	case *formBody:
		eachObject(x.content, visit)
	}
}

// dialogKeys is one open dialog's target and the overlay that shows it.
type dialogKeys struct {
	overlay fyne.CanvasObject
	target  *KeyTarget
}

// open lists, per canvas, the dialogs BindKeys was given that are open.
// Only the UI goroutine touches it.
var open = map[fyne.Canvas][]dialogKeys{}

// BindKeys makes Enter and Escape work everywhere in d, which must just
// have been shown over win: the key-aware widgets in objects (its content
// and buttons) get t, and so does win's canvas while d is the top overlay
// and nothing has the focus. A nil Escape hides d.
func BindKeys(win fyne.Window, d dialog.Dialog, t *KeyTarget, objects ...fyne.CanvasObject) {
	if t.Escape == nil {
		t.Escape = d.Hide
	}
	for _, o := range objects {
		WireKeys(o, t)
	}
	c := win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		return
	}
	open[c] = append(prune(c), dialogKeys{overlay: top, target: t})
	installFallback(c)
	d.SetOnClosed(func() {
		list := open[c]
		for i, k := range list {
			if k.overlay == top {
				open[c] = append(list[:i:i], list[i+1:]...)
				break
			}
		}
		if len(open[c]) == 0 {
			delete(open, c)
		}
	})
}

// prune drops the dialogs no longer over c (a test may remove an overlay
// without hiding its dialog), and forgets the canvases of closed windows,
// whose dialogs were never hidden.
func prune(c fyne.Canvas) []dialogKeys {
	live := map[fyne.Canvas]bool{}
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		live[w.Canvas()] = true
	}
	for other := range open {
		if !live[other] {
			delete(open, other)
		}
	}
	shown := map[fyne.CanvasObject]bool{}
	for _, o := range c.Overlays().List() {
		shown[o] = true
	}
	var out []dialogKeys
	for _, k := range open[c] {
		if shown[k.overlay] {
			out = append(out, k)
		}
	}
	return out
}

// topTarget is the target of the dialog that is c's top overlay, or nil.
func topTarget(c fyne.Canvas) *KeyTarget {
	top := c.Overlays().Top()
	if top == nil {
		return nil
	}
	for _, k := range open[c] {
		if k.overlay == top {
			return k.target
		}
	}
	return nil
}

// DialogKey handles key for the dialog on top of c, if BindKeys was given
// it, and tells whether it did. The canvas fallback calls it; so may a
// window's own key handler.
func DialogKey(c fyne.Canvas, e *fyne.KeyEvent) bool {
	return topTarget(c).handle(e.Name)
}

// installFallback puts DialogKey in front of c's own key handler (the
// shell's plain keys), once: the handler a window sets later is wrapped at
// the next dialog. Functions cannot be compared, but every wrapper is the
// same function literal, so its code pointer tells ours from another.
func installFallback(c fyne.Canvas) {
	prev := c.OnTypedKey()
	if prev != nil && reflect.ValueOf(prev).Pointer() == fallbackCode {
		return
	}
	c.SetOnTypedKey(fallback(c, prev))
}

func fallback(c fyne.Canvas, prev func(*fyne.KeyEvent)) func(*fyne.KeyEvent) {
	return func(e *fyne.KeyEvent) {
		if DialogKey(c, e) || prev == nil {
			return
		}
		prev(e)
	}
}

var fallbackCode = reflect.ValueOf(fallback(nil, nil)).Pointer()
