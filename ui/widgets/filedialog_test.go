package widgets

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// showSave shows a save dialog in dir over env's window; got receives
// what its callback was given (nil for a cancel).
func showSave(t *testing.T, env Env, dir string, got *string, called *bool) *dialog.FileDialog {
	t.Helper()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		*called = true
		if err != nil {
			t.Errorf("save dialog: %v", err)
			return
		}
		if w != nil {
			*got = w.URI().Path()
			if err := w.Close(); err != nil {
				t.Error(err)
			}
		}
	}, env.Win)
	loc, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		t.Fatal(err)
	}
	d.SetLocation(loc)
	d.SetFileName("report.csv")
	ShowFileDialog(env.Win, d)
	return d
}

func TestFileDialogEscapeCancelsWhereverTheFocusIs(t *testing.T) {
	env := testEnv(t)
	dir := t.TempDir()
	for _, unfocus := range []bool{false, true} {
		var got string
		var called bool
		showSave(t, env, dir, &got, &called)
		if _, ok := env.Win.Canvas().Focused().(*Entry); !ok {
			t.Fatalf("the name field is not focused: %T", env.Win.Canvas().Focused())
		}
		if unfocus {
			env.Win.Canvas().Unfocus()
		}
		press(env.Win, fyne.KeyEscape)
		if !called || got != "" {
			t.Fatalf("unfocused %v: Escape gave called=%v path=%q, want a cancel", unfocus, called, got)
		}
		if n := len(env.Win.Canvas().Overlays().List()); n != 0 {
			t.Fatalf("unfocused %v: %d overlays still open after Escape", unfocus, n)
		}
	}
}

func TestFileDialogTypedNameIsSavedOnEnter(t *testing.T) {
	env := testEnv(t)
	dir := t.TempDir()
	var got string
	var called bool
	showSave(t, env, dir, &got, &called)
	name, ok := env.Win.Canvas().Focused().(*Entry)
	if !ok {
		t.Fatalf("the name field is not focused: %T", env.Win.Canvas().Focused())
	}
	if name.Text != "report.csv" {
		t.Fatalf("the field shows %q, want the dialog's name", name.Text)
	}
	name.SetText("")
	test.Type(name, "november.csv")
	press(env.Win, fyne.KeyReturn)
	if want := filepath.Join(dir, "november.csv"); !called || got != want {
		t.Fatalf("Enter saved to %q (called %v), want %q", got, called, want)
	}
	if _, err := os.Stat(got); err != nil {
		t.Fatalf("the file was not written: %v", err)
	}
}

func TestFileDialogOpenClosesOnEscape(t *testing.T) {
	env := testEnv(t)
	called, gotReader := false, false
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		called, gotReader = true, r != nil
	}, env.Win)
	ShowFileDialog(env.Win, d)
	press(env.Win, fyne.KeyEscape)
	if !called || gotReader {
		t.Fatalf("Escape in the open dialog: called %v, reader %v; want a cancel", called, gotReader)
	}
}
