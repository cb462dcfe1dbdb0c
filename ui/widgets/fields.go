package widgets

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Entry is a text field that keeps at most MaxLen characters (runes) and
// passes Enter and Escape to its dialog (keys.go). The limit is the
// field's own, not only the model's: a 64 KB paste is cut before Fyne lays
// it out, so it can neither freeze the window nor draw past the field.
// When typing or a paste is cut, OnCut runs (a Form shows "Use at most N
// characters." under the field).
type Entry struct {
	widget.Entry
	MaxLen int
	OnCut  func()
	keyed
}

// NewEntry is a one-line field of at most max characters.
func NewEntry(max int) *Entry {
	e := &Entry{MaxLen: max}
	e.ExtendBaseWidget(e)
	return e
}

// NewPasswordEntry is a password field of at most max characters.
func NewPasswordEntry(max int) *Entry {
	e := NewEntry(max)
	e.Password = true // Fyne adds the reveal icon when it draws the field
	return e
}

// TypedKey gives Escape to the dialog, and Enter too unless the field
// takes new lines; the rest is the entry's.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape || !e.MultiLine {
		if e.keys.handle(k.Name) {
			return
		}
	}
	e.Entry.TypedKey(k)
}

// TypedRune refuses a character beyond MaxLen.
func (e *Entry) TypedRune(r rune) {
	if e.room() < 1 {
		e.cut()
		return
	}
	e.Entry.TypedRune(r)
}

// TypedShortcut pastes only what fits, and saves on Ctrl+Enter.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if isCtrlEnter(s) && e.keys != nil && e.keys.Enter != nil {
		e.keys.Enter()
		return
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok && e.MaxLen > 0 && p.Clipboard != nil {
		text := p.Clipboard.Content()
		if !e.MultiLine {
			text = strings.ReplaceAll(text, "\n", " ") // as the entry itself does
		}
		if kept, cut := cutRunes(text, max(e.room(), 0)); cut {
			e.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: fixedClipboard(kept)})
			e.cut()
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// room is how many more characters fit, counting the selection, which
// what is typed replaces. With no limit it is always enough.
func (e *Entry) room() int {
	if e.MaxLen <= 0 {
		return 1 << 30
	}
	return e.MaxLen - utf8.RuneCountInString(e.Text) + utf8.RuneCountInString(e.SelectedText())
}

func (e *Entry) cut() {
	if e.OnCut != nil {
		e.OnCut()
	}
}

// cutRunes returns the first n runes of s, and whether that is less than s.
func cutRunes(s string, n int) (string, bool) {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos], true
		}
		i++
	}
	return s, false
}

// fixedClipboard hands the entry the part of a paste that fits; the
// user's clipboard is left as it was.
type fixedClipboard string

func (c fixedClipboard) Content() string   { return string(c) }
func (c fixedClipboard) SetContent(string) {}

// TextArea is a multi-line Entry. Enter types a new line there, so
// Ctrl+Enter saves the form; Tab moves to the next field, as in every
// other field, instead of typing a tab.
type TextArea struct {
	Entry
}

// NewTextArea shows rows lines and keeps at most max characters.
func NewTextArea(rows, max int) *TextArea {
	t := &TextArea{}
	t.MaxLen = max
	t.MultiLine = true
	t.Wrapping = fyne.TextWrapWord
	t.ExtendBaseWidget(t)
	t.SetMinRowsVisible(rows)
	return t
}

// AcceptsTab is false: Tab leaves the field.
func (t *TextArea) AcceptsTab() bool { return false }

// Select is a drop-down for a short fixed list (three entry kinds), where
// typing would not help; Enter and Escape go to its dialog, and Space or
// the arrows open the list as in Fyne's own.
type Select struct {
	widget.Select
	keyed
}

func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *Select) TypedKey(k *fyne.KeyEvent) {
	if !s.keys.handle(k.Name) {
		s.Select.TypedKey(k)
	}
}

// Check is a check box whose Enter and Escape go to its dialog; Space
// ticks it.
type Check struct {
	widget.Check
	keyed
}

func NewCheck(label string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *Check) TypedKey(k *fyne.KeyEvent) {
	if !c.keys.handle(k.Name) {
		c.Check.TypedKey(k)
	}
}

// List is a list whose Enter and Escape go to its dialog; the arrows and
// Space move and select as in Fyne's own.
type List struct {
	widget.List
	keyed
}

func (l *List) TypedKey(k *fyne.KeyEvent) {
	if !l.keys.handle(k.Name) {
		l.List.TypedKey(k)
	}
}

// Link is a hyperlink that does something in the window (opens another
// form); Enter follows it as Space does, and Escape goes to its dialog.
type Link struct {
	widget.Hyperlink
	keyed
}

func NewLink(text string, tapped func()) *Link {
	l := &Link{}
	l.Text, l.OnTapped = text, tapped
	l.ExtendBaseWidget(l)
	return l
}

func (l *Link) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if l.OnTapped != nil {
			l.OnTapped()
		}
	case fyne.KeyEscape:
		l.keys.handle(k.Name)
	default:
		l.Hyperlink.TypedKey(k)
	}
}

// keyed holds the dialog a key-aware field hands Enter and Escape to;
// BindKeys sets it. Each field embeds it and routes its own TypedKey.
type keyed struct{ keys *KeyTarget }

func (k *keyed) setKeys(t *KeyTarget) { k.keys = t }
