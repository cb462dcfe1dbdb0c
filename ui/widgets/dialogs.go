package widgets

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// Env is what a screen or dialog needs of the window it opens in. It holds
// no store and no controller: what a screen saves reaches the store through
// its own small Store interface or the callbacks its caller gives it.
type Env struct {
	Win fyne.Window
	Tr  *i18n.Translator
	// Guard wraps an action so that a panic in it is reported, not a crash.
	Guard func(func()) func()
	// Background runs a write off the UI goroutine; tests run it at once.
	Background func(func())
	// Session, Rates and Zone are the signed-in session, the exchange rates
	// in force and the viewer's time zone. They are functions: a screen
	// that stays open sees the rates the window reads after a change.
	Session func() model.Session
	Rates   func() model.RateTable
	Zone    func() *time.Location
}

// Safe is Guard when there is one: f with its panics reported.
func (e Env) Safe(f func()) func() { return e.guard(f) }

// Async runs f off the UI goroutine (at once in tests).
func (e Env) Async(f func()) { e.background(f) }

// ShowError tells the user what went wrong, over the env's window.
func (e Env) ShowError(err error) { ShowError(e.Win, e.Tr, err) }

// ShowInfo shows a short message over the env's window.
func (e Env) ShowInfo(title, text string) { ShowInfo(e.Win, e.Tr, title, text) }

// Can tells whether the session holds right.
func (e Env) Can(right model.Right) bool { return e.Session().Rights.Has(right) }

// In is the env with its dialogs shown over win (a tool window's).
func (e Env) In(win fyne.Window) Env {
	e.Win = win
	return e
}

func (e Env) guard(f func()) func() {
	if e.Guard == nil {
		return f
	}
	return e.Guard(f)
}

func (e Env) background(f func()) {
	if e.Background == nil {
		go f()
		return
	}
	e.Background(f)
}

// FormSpec says what a form dialog shows and how it saves.
type FormSpec struct {
	Title string
	Form  *Form
	// Content is what the dialog shows; nil shows the form in one column.
	Content fyne.CanvasObject
	// Focus is the field that has the focus when the dialog opens.
	Focus fyne.Focusable
	// Read checks what the form holds, on the UI goroutine, and returns the
	// write that saves it; the write runs off the UI goroutine while the
	// buttons are disabled. Errors of either are shown under their fields.
	Read func() (write func() error, err error)
	// AskFirst, when set, may ask the user before the write runs: it calls
	// proceed to go on, or does nothing to stay in the form.
	AskFirst func(proceed func())
	// SaveText names the default button when the form does something
	// other than save (e.g. "Undo import"); empty for "Save & Close".
	SaveText string
	// KeepOpen adds a Save button that saves and leaves the dialog open for
	// the next entry; Save & Close (and Enter) save and close.
	KeepOpen bool
	// Saved runs on the UI goroutine after each successful write; closed
	// tells whether the dialog closed.
	Saved func(closed bool)
}

// FormDialog is a form in a dialog with Cancel, an optional Save, and
// "Save & Close". Enter saves and closes wherever the focus is (but on a
// button, which Enter presses, and in a multi-line field, where
// Ctrl+Enter does); Escape cancels. While a write runs the buttons are
// disabled and further submits are ignored, so one filled-in form is
// never saved twice.
type FormDialog struct {
	Dialog   *dialog.CustomDialog
	Form     *Form
	Save     *KeyButton // "Save & Close"
	SaveOnly *KeyButton // "Save", with KeepOpen
	env      Env
	spec     FormSpec
	busy     bool
}

// ShowFormDialog opens the dialog spec describes over env's window.
func ShowFormDialog(env Env, spec FormSpec) *FormDialog {
	fd := &FormDialog{Form: spec.Form, env: env, spec: spec}
	tr := env.Tr
	content := spec.Content
	if content == nil {
		content = container.New(&MaxWidthLayout{Width: 560}, spec.Form.Object())
	}
	saveAndClose := env.guard(func() { fd.Submit(true) })
	for _, e := range spec.Form.Entries() {
		e.OnSubmitted = func(string) { saveAndClose() }
	}
	keys := &KeyTarget{Enter: saveAndClose, Escape: func() { fd.Dialog.Hide() }}
	saveText := spec.SaveText
	if saveText == "" {
		saveText = tr.T("Save & Close")
	}
	fd.Save = NewKeyButton(saveText, saveAndClose, nil)
	fd.Save.Importance = widget.HighImportance
	cancel := NewKeyButton(tr.T("Cancel"), keys.Escape, nil)
	buttons := []fyne.CanvasObject{cancel}
	if spec.KeepOpen {
		fd.SaveOnly = NewKeyButton(tr.T("Save"), env.guard(func() { fd.Submit(false) }), nil)
		buttons = append(buttons, fd.SaveOnly)
	}
	buttons = append(buttons, fd.Save)
	fd.Dialog = dialog.NewCustomWithoutButtons(spec.Title, newFormBody(fd, content), env.Win)
	fd.Dialog.SetButtons(buttons)
	fd.Dialog.Show()
	BindKeys(env.Win, fd.Dialog, keys, append(buttons, content)...)
	if spec.Focus != nil {
		env.Win.Canvas().Focus(spec.Focus)
	}
	return fd
}

// formBody is the content of a form dialog, knowing its dialog: whoever
// walks the window's overlays (the shell's tests, checking what a key
// opened) finds the form dialog there, and no one has to keep it.
type formBody struct {
	widget.BaseWidget
	fd      *FormDialog
	content fyne.CanvasObject
}

func newFormBody(fd *FormDialog, content fyne.CanvasObject) *formBody {
	b := &formBody{fd: fd, content: content}
	b.ExtendBaseWidget(b)
	return b
}

func (b *formBody) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.content) }

// FormDialogOf is the form dialog whose content o is, or nil.
func FormDialogOf(o fyne.CanvasObject) *FormDialog {
	if b, ok := o.(*formBody); ok {
		return b.fd
	}
	return nil
}

// Busy tells whether a write is running.
func (fd *FormDialog) Busy() bool { return fd.busy }

// Submit reads the form and saves it; closeAfter closes the dialog once
// saved.
func (fd *FormDialog) Submit(closeAfter bool) {
	if fd.busy {
		return
	}
	write, err := fd.spec.Read()
	if err != nil {
		fd.showErrors(err)
		return
	}
	fd.Form.ClearErrors()
	run := func() { fd.run(write, closeAfter) }
	if fd.spec.AskFirst != nil {
		fd.spec.AskFirst(run)
		return
	}
	run()
}

// run does the write off the UI goroutine, then shows its outcome.
func (fd *FormDialog) run(write func() error, closeAfter bool) {
	fd.setBusy(true)
	fd.env.background(func() {
		err := write()
		fyne.Do(fd.env.guard(func() {
			fd.setBusy(false)
			if err != nil {
				fd.showErrors(err)
				return
			}
			if closeAfter {
				fd.Dialog.Hide()
			}
			if fd.spec.Saved != nil {
				fd.spec.Saved(closeAfter)
			}
		}))
	})
}

func (fd *FormDialog) setBusy(on bool) {
	fd.busy = on
	for _, b := range []*KeyButton{fd.Save, fd.SaveOnly} {
		if b == nil {
			continue
		}
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// showErrors puts each error under its field and the focus on the first.
func (fd *FormDialog) showErrors(err error) {
	if first := fd.Form.ShowErrors(err); first != nil {
		if f, ok := first.(fyne.Focusable); ok {
			fd.env.Win.Canvas().Focus(f)
		}
	}
}

// ShowError tells the user what went wrong, in a dialog over win.
func ShowError(win fyne.Window, tr *i18n.Translator, err error) {
	ShowInfo(win, tr, tr.T("Error"), ErrorText(tr, err))
}

// ShowInfo shows a short message over win.
func ShowInfo(win fyne.Window, tr *i18n.Translator, title, text string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	ShowMessage(win, tr, title, container.New(&MaxWidthLayout{Width: 420}, msg))
}

// ShowMessage shows content over win with a Close button, which has the
// focus: Enter and Escape close it, as does Close.
func ShowMessage(win fyne.Window, tr *i18n.Translator, title string, content fyne.CanvasObject) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	keys := &KeyTarget{}
	closeButton := NewKeyButton(tr.T("Close"), func() { d.Hide() }, nil)
	d = dialog.NewCustomWithoutButtons(title, content, win)
	d.SetButtons([]fyne.CanvasObject{closeButton})
	d.Show()
	keys.Enter = d.Hide
	BindKeys(win, d, keys, closeButton, content)
	win.Canvas().Focus(closeButton)
	return d
}

// AddShortcuts binds Ctrl (Cmd on macOS) plus each key to its action in
// win. A tool window has no menu to carry them. Like the menus', they do
// nothing while a dialog is open in win.
func AddShortcuts(win fyne.Window, keys map[fyne.KeyName]func()) {
	for key, action := range keys {
		action = WhenNoDialog(win, action)
		win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { action() })
	}
}

// KeyButton is a button that Enter presses as well as Space, and that
// calls onEscape on Escape (or, without one, its dialog's Escape: keys.go),
// so a confirmation can be answered from the keyboard.
type KeyButton struct {
	widget.Button
	onEscape func()
	keyed
	// space is set between Space's key event and its rune. The button is
	// pressed on the rune: pressed on the key, a button that opens a form
	// (a file dialog's name field) would let the rune type a space there.
	space bool
}

func NewKeyButton(label string, tapped, onEscape func()) *KeyButton {
	b := &KeyButton{onEscape: onEscape}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *KeyButton) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyEscape:
		if b.onEscape != nil {
			b.onEscape()
		} else {
			b.keys.handle(e.Name)
		}
	case fyne.KeySpace:
		b.space = true
	default:
		b.Button.TypedKey(e)
	}
}

// NewDialogButton is a button that opens a dialog with a text field (a
// file dialog): a KeyButton, so Space cannot type itself into the field.
func NewDialogButton(label string, icon fyne.Resource, tapped func()) *KeyButton {
	b := NewKeyButton(label, tapped, nil)
	b.Icon = icon
	return b
}

// TypedRune presses the button on the rune that follows Space.
func (b *KeyButton) TypedRune(r rune) {
	if r == ' ' && b.space {
		b.space = false
		b.Tapped(nil)
	}
}

// Confirm asks a yes-or-no question over win. The confirm button has the
// focus: Enter confirms, Escape cancels.
func Confirm(win fyne.Window, tr *i18n.Translator, title, message, confirmText string, onConfirm func()) *dialog.CustomDialog {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	confirm := func() {
		d.Hide()
		onConfirm()
	}
	cancel := NewKeyButton(tr.T("Cancel"), func() { d.Hide() }, nil)
	ok := NewKeyButton(confirmText, confirm, nil)
	ok.Importance = widget.DangerImportance
	d = dialog.NewCustomWithoutButtons(title, container.New(&MaxWidthLayout{Width: 440}, msg), win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Show()
	BindKeys(win, d, &KeyTarget{Enter: confirm}, cancel, ok)
	win.Canvas().Focus(ok)
	return d
}

// WhenNoDialog returns action made to do nothing while a dialog (or any
// other overlay: a pop-up list, a confirmation) is open over win, so that a
// shortcut can never open a second dialog behind or over the first, or act
// on a customer the open dialog does not name.
func WhenNoDialog(win fyne.Window, action func()) func() {
	if action == nil {
		return nil
	}
	return func() {
		if win.Canvas().Overlays().Top() != nil {
			return
		}
		action()
	}
}
