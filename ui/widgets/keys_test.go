package widgets

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// testEnv is an Env over a fresh test window whose writes run at once.
func testEnv(t *testing.T) Env {
	t.Helper()
	test.NewTempApp(t)
	win := test.NewWindow(nil)
	win.Resize(fyne.NewSize(900, 700))
	t.Cleanup(win.Close)
	return Env{Win: win, Tr: i18n.New(i18n.English), Background: func(f func()) { f() }}
}

// press gives key to what has the focus in win, or to its canvas when
// nothing has, as the desktop driver does.
func press(win fyne.Window, key fyne.KeyName) {
	e := &fyne.KeyEvent{Name: key}
	if f := win.Canvas().Focused(); f != nil {
		f.TypedKey(e)
		return
	}
	if h := win.Canvas().OnTypedKey(); h != nil {
		h(e)
	}
}

// kindsForm is a form dialog with one field of every kind; saves counts
// the writes.
type kindsForm struct {
	fd     *FormDialog
	entry  *Entry
	sel    *Select
	check  *Check
	choice *SearchEntry
	area   *TextArea
	saves  int
}

func showKindsForm(env Env, readErr error) *kindsForm {
	k := &kindsForm{entry: NewEntry(10), sel: NewSelect([]string{"a", "b", "c"}, nil),
		check: NewCheck("on", nil), choice: NewChoice([]string{"EUR", "USD", "JPY"}, "EUR"), area: NewTextArea(2, 50)}
	k.sel.SetSelectedIndex(0)
	form := NewForm(env.Tr)
	form.Add("name", "Name", k.entry)
	form.Add("kind", "Kind", k.sel)
	form.Add("on", "", k.check)
	form.Add("currency", "Currency", k.choice)
	form.Add("notes", "Notes", k.area)
	k.fd = ShowFormDialog(env, FormSpec{Title: "Kinds", Form: form, Focus: k.entry,
		Read: func() (func() error, error) {
			if readErr != nil {
				return nil, readErr
			}
			if _, e := k.choice.Chosen("currency"); e != nil {
				return nil, e
			}
			return func() error { k.saves++; return nil }, nil
		}})
	return k
}

func (k *kindsForm) open(env Env) bool { return env.Win.Canvas().Overlays().Top() != nil }

// TestEnterSavesFromEveryFieldKind: Enter in an entry, a select, a check
// and a picker saves and closes; in a text area it is a new line and
// Ctrl+Enter saves; Escape anywhere closes without saving.
func TestEnterSavesFromEveryFieldKind(t *testing.T) {
	env := testEnv(t)
	fields := func(k *kindsForm) map[string]fyne.Focusable {
		return map[string]fyne.Focusable{"entry": k.entry, "select": k.sel, "check": k.check, "picker": k.choice,
			"button": k.fd.Save}
	}
	for _, name := range []string{"entry", "select", "check", "picker", "button"} {
		k := showKindsForm(env, nil)
		env.Win.Canvas().Focus(fields(k)[name])
		press(env.Win, fyne.KeyReturn)
		if k.saves != 1 || k.open(env) {
			t.Errorf("Enter on the %s: %d saves, dialog open %v", name, k.saves, k.open(env))
		}
	}
	for _, name := range []string{"entry", "select", "check", "picker", "button"} {
		k := showKindsForm(env, nil)
		env.Win.Canvas().Focus(fields(k)[name])
		press(env.Win, fyne.KeyEscape)
		if k.saves != 0 || k.open(env) {
			t.Errorf("Escape on the %s: %d saves, dialog open %v", name, k.saves, k.open(env))
		}
	}

	k := showKindsForm(env, nil)
	env.Win.Canvas().Focus(k.area)
	test.Type(k.area, "one")
	press(env.Win, fyne.KeyReturn)
	test.Type(k.area, "two")
	if k.saves != 0 || k.area.Text != "one\ntwo" {
		t.Fatalf("Enter in the text area: %d saves, text %q", k.saves, k.area.Text)
	}
	k.area.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault})
	if k.saves != 1 || k.open(env) {
		t.Fatalf("Ctrl+Enter in the text area: %d saves, dialog open %v", k.saves, k.open(env))
	}
	k = showKindsForm(env, nil)
	env.Win.Canvas().Focus(k.area)
	press(env.Win, fyne.KeyEscape)
	if k.open(env) {
		t.Fatal("Escape in the text area left the dialog open")
	}
}

// TestCanvasTakesDialogKeysWhenNothingHasTheFocus: a click on the dialog's
// background leaves no focus; Enter and Escape still reach the dialog,
// and only the top one.
func TestCanvasTakesDialogKeysWhenNothingHasTheFocus(t *testing.T) {
	env := testEnv(t)
	shellKeys := 0
	env.Win.Canvas().SetOnTypedKey(func(*fyne.KeyEvent) { shellKeys++ })

	k := showKindsForm(env, nil)
	env.Win.Canvas().Unfocus()
	press(env.Win, fyne.KeyReturn)
	if k.saves != 1 || k.open(env) {
		t.Fatalf("Enter on the canvas: %d saves, open %v", k.saves, k.open(env))
	}
	k = showKindsForm(env, nil)
	confirmed := false
	Confirm(env.Win, env.Tr, "Sure?", "Really?", "Yes", func() { confirmed = true })
	env.Win.Canvas().Unfocus()
	press(env.Win, fyne.KeyEscape)
	if confirmed || len(env.Win.Canvas().Overlays().List()) != 1 {
		t.Fatalf("Escape over a confirmation: confirmed %v, %d overlays", confirmed, len(env.Win.Canvas().Overlays().List()))
	}
	press(env.Win, fyne.KeyEscape)
	if k.saves != 0 || k.open(env) {
		t.Fatalf("the second Escape: %d saves, open %v", k.saves, k.open(env))
	}
	press(env.Win, fyne.KeyF2)
	if shellKeys != 1 {
		t.Fatalf("with no dialog open the window's own key handler ran %d times", shellKeys)
	}

	ShowInfo(env.Win, env.Tr, "Note", "Something")
	press(env.Win, fyne.KeyReturn)
	if k.open(env) {
		t.Fatal("Enter left a message open")
	}
	ShowInfo(env.Win, env.Tr, "Note", "Something")
	env.Win.Canvas().Unfocus()
	press(env.Win, fyne.KeyEscape)
	if k.open(env) {
		t.Fatal("Escape left a message open")
	}
}

// TestChoiceNarrowsAndRefusesOtherText: typing narrows the list; a text
// that is no option is an error next to the field, in the user's language.
func TestChoiceNarrowsAndRefusesOtherText(t *testing.T) {
	env := testEnv(t)
	k := showKindsForm(env, nil)
	k.choice.SetText("u")
	if got := k.choice.Options(); strings.Join(got, ",") != "EUR,USD" {
		t.Fatalf("\"u\" offers %v", got)
	}
	k.choice.SetText("usd")
	if got, e := k.choice.Chosen("currency"); e != nil || got != "USD" {
		t.Fatalf("\"usd\" reads as %q, %v", got, e)
	}
	k.choice.SetText("Dollars")
	k.fd.Submit(true)
	if k.saves != 0 || k.fd.Form.ErrorText("currency") != "Choose a currency from the list." {
		t.Fatalf("a text that is no option: %d saves, error %q", k.saves, k.fd.Form.ErrorText("currency"))
	}
	de := i18n.New(i18n.German)
	if got := ErrorText(de, model.FieldError("kind", model.CodeNotListed, nil)); got == "Choose one of the values in the list." || got == "" {
		t.Fatalf("German text %q", got)
	}
}

// TestPasteIsCutToTheFieldsLimit: 64 KB pasted into a bounded field
// leaves MaxLen characters and says so under the field; a paste that fits
// is whole and says nothing.
func TestPasteIsCutToTheFieldsLimit(t *testing.T) {
	env := testEnv(t)
	k := showKindsForm(env, errors.New("stay open"))
	wall := strings.Repeat("ж", 64<<10)
	paste := func(e fyne.Shortcutable, text string) {
		cb := env.Win.Clipboard()
		cb.SetContent(text)
		e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	}
	for _, c := range []struct {
		key   string
		entry *Entry
	}{{"name", k.entry}, {"currency", &k.choice.Entry}, {"notes", &k.area.Entry}} {
		c.entry.SetText("")
		k.fd.Form.ClearErrors()
		paste(c.entry, wall)
		if n := utf8.RuneCountInString(c.entry.Text); n != c.entry.MaxLen {
			t.Errorf("%s keeps %d characters of 64 KB, want %d", c.key, n, c.entry.MaxLen)
		}
		want := ErrorText(env.Tr, model.FieldError(c.key, model.CodeTooLong, map[string]any{"max": c.entry.MaxLen}))
		if got := k.fd.Form.ErrorText(c.key); got != want {
			t.Errorf("%s says %q, want %q", c.key, got, want)
		}
		test.Type(c.entry, "x")
		if n := utf8.RuneCountInString(c.entry.Text); n != c.entry.MaxLen {
			t.Errorf("%s took a character past its limit: %d", c.key, n)
		}
	}
	// The cut is by characters, not bytes, and a selection makes room.
	k.entry.SetText("")
	k.fd.Form.ClearErrors()
	paste(k.entry, "éé")
	if k.entry.Text != "éé" || k.fd.Form.ErrorText("name") != "" {
		t.Fatalf("a paste that fits: %q, error %q", k.entry.Text, k.fd.Form.ErrorText("name"))
	}
	k.entry.SetText("0123456789")
	k.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	paste(k.entry, "abc")
	if k.entry.Text != "abc" {
		t.Fatalf("pasting over the whole text gives %q", k.entry.Text)
	}
}
