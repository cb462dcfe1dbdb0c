package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
)

// formDialog is a form in a dialog with Cancel and "Save & Close". save
// stores what the form holds and returns the errors to show next to the
// fields; the dialog closes only when it returns nil, and then onSaved runs.
// Enter in any one-line field saves; a second Enter while saving is ignored.
type formDialog struct {
	dialog *dialog.CustomDialog
	form   *fieldForm
	save   *widget.Button
	busy   bool
}

func showFormDialog(win fyne.Window, tr *i18n.Translator, title string, form *fieldForm,
	focus fyne.Focusable, save func() error, onSaved func()) *formDialog {
	return showFormDialogWith(win, tr, title, form, container.New(&maxWidthLayout{width: 560}, form.object()), focus, save, onSaved)
}

// showFormDialogWith is showFormDialog with the form's content laid out by
// the caller.
func showFormDialogWith(win fyne.Window, tr *i18n.Translator, title string, form *fieldForm, content fyne.CanvasObject,
	focus fyne.Focusable, save func() error, onSaved func()) *formDialog {
	fd := &formDialog{form: form}
	submit := func() {
		if fd.busy {
			return
		}
		fd.busy = true
		defer func() { fd.busy = false }()
		if err := save(); err != nil {
			if first := form.showErrors(err); first != nil {
				if f, ok := first.(fyne.Focusable); ok {
					win.Canvas().Focus(f)
				}
			}
			return
		}
		fd.dialog.Hide()
		if onSaved != nil {
			onSaved()
		}
	}
	submit = guardAction(submit)
	for _, e := range form.entries() {
		e.OnSubmitted = func(string) { submit() }
	}
	fd.save = widget.NewButton(tr.T("Save & Close"), submit)
	fd.save.Importance = widget.HighImportance
	cancel := widget.NewButton(tr.T("Cancel"), func() { fd.dialog.Hide() })
	fd.dialog = dialog.NewCustomWithoutButtons(title, content, win)
	fd.dialog.SetButtons([]fyne.CanvasObject{cancel, fd.save})
	fd.dialog.Show()
	if focus != nil {
		win.Canvas().Focus(focus)
	}
	return fd
}

// guardAction wraps the actions of dialogs that have no controller at hand;
// NewController sets it to the controller's guard.
var guardAction = func(f func()) func() { return f }

// showErrorIn tells the user what went wrong, in a dialog over win.
func (c *Controller) showErrorIn(win fyne.Window, err error) {
	msg := widget.NewLabel(ErrorText(c.tr, err))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(c.tr.T("Error"), c.tr.T("Close"), container.New(&maxWidthLayout{width: 420}, msg), win)
	d.Show()
}

// showInfoIn shows a short message over win.
func (c *Controller) showInfoIn(win fyne.Window, title, text string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	dialog.NewCustom(title, c.tr.T("Close"), container.New(&maxWidthLayout{width: 420}, msg), win).Show()
}

// addShortcuts binds Ctrl (Cmd on macOS) plus each key to its action in
// win. A tool window has no menu to carry them. Like the menus', they do
// nothing while a dialog is open in win.
func addShortcuts(win fyne.Window, keys map[fyne.KeyName]func()) {
	for key, action := range keys {
		action = whenNoDialog(win, action)
		win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { action() })
	}
}

// keyButton is a button that Enter presses as well as Space, and that
// calls onEscape on Escape, so a confirmation can be answered from the
// keyboard.
type keyButton struct {
	widget.Button
	onEscape func()
	// space is set between Space's key event and its rune. The button is
	// pressed on the rune: pressed on the key, a button that opens a form
	// (a file dialog's name field) would let the rune type a space there.
	space bool
}

func newKeyButton(label string, tapped, onEscape func()) *keyButton {
	b := &keyButton{onEscape: onEscape}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *keyButton) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyEscape:
		if b.onEscape != nil {
			b.onEscape()
		}
	case fyne.KeySpace:
		b.space = true
	default:
		b.Button.TypedKey(e)
	}
}

// newDialogButton is a button that opens a dialog with a text field (a
// file dialog): a keyButton, so Space cannot type itself into the field.
func newDialogButton(label string, icon fyne.Resource, tapped func()) *keyButton {
	b := newKeyButton(label, tapped, nil)
	b.Icon = icon
	return b
}

// TypedRune presses the button on the rune that follows Space.
func (b *keyButton) TypedRune(r rune) {
	if r == ' ' && b.space {
		b.space = false
		b.Tapped(nil)
	}
}

// confirm asks a yes-or-no question over win. The confirm button has the
// focus: Enter confirms, Escape cancels.
func (c *Controller) confirm(win fyne.Window, title, message, confirmText string, onConfirm func()) *dialog.CustomDialog {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	cancel := newKeyButton(c.tr.T("Cancel"), func() { d.Hide() }, func() { d.Hide() })
	ok := newKeyButton(confirmText, func() {
		d.Hide()
		onConfirm()
	}, func() { d.Hide() })
	ok.Importance = widget.DangerImportance
	d = dialog.NewCustomWithoutButtons(title, container.New(&maxWidthLayout{width: 440}, msg), win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Show()
	win.Canvas().Focus(ok)
	return d
}
