package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// maxFileNameLen bounds the file name typed into a save dialog: no file
// system takes a longer name.
const maxFileNameLen = 255

// ShowFileDialog shows Fyne's file dialog over win with Escape and Enter
// working as in every other dialog here: Escape cancels it, wherever the
// focus is, and in a save dialog Enter saves.
//
// Fyne's file dialog handles neither: its file name field is a plain
// widget.Entry, which ignores Escape, and it has the focus as soon as the
// dialog opens. So the field shown is replaced by one of this package's
// key-aware entries that mirrors it both ways; the dialog still reads and
// writes its own field, which stays the one source of the name.
func ShowFileDialog(win fyne.Window, fd *dialog.FileDialog) {
	fd.Show()
	top, ok := win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return // the OS drew its own dialog
	}
	keys := &KeyTarget{Escape: fd.Dismiss}
	mirror := mirrorNameField(top.Content, keys)
	if mirror == nil {
		BindKeys(win, fd, keys)
		return
	}
	BindKeys(win, fd, keys, mirror)
	win.Canvas().Focus(mirror)
}

// mirrorNameField swaps a save dialog's name field, found in content, for
// a key-aware copy and returns it; nil for an open dialog, which has no
// field to type into.
func mirrorNameField(content fyne.CanvasObject, keys *KeyTarget) *Entry {
	var scroll *container.Scroll
	var name *widget.Entry
	eachObject(content, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok {
			if e, ok := s.Content.(*widget.Entry); ok {
				scroll, name = s, e
			}
		}
	})
	if name == nil {
		return nil
	}
	mirror := NewEntry(maxFileNameLen)
	mirror.SetPlaceHolder(name.PlaceHolder)
	mirror.SetText(name.Text)
	mirror.OnChanged = func(s string) {
		if name.Text != s {
			name.SetText(s)
		}
	}
	dialogChanged := name.OnChanged
	name.OnChanged = func(s string) {
		if dialogChanged != nil {
			dialogChanged(s) // enables Save only with a name
		}
		if mirror.Text != s {
			mirror.SetText(s) // a file picked in the list
		}
	}
	if name.OnSubmitted != nil {
		keys.Enter = func() { name.OnSubmitted(name.Text) }
	}
	scroll.Content = mirror
	scroll.Refresh()
	return mirror
}
