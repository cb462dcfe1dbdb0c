package widgets_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// exportEnv is a window whose background work waits until the test runs it.
func exportEnv(t *testing.T) (widgets.Env, *[]func()) {
	t.Helper()
	a := test.NewTempApp(t)
	var held []func()
	return widgets.Env{Win: a.NewWindow("export"), Tr: i18n.New(i18n.English),
		Background: func(f func()) { held = append(held, f) }}, &held
}

func exportFile(t *testing.T) (fyne.URIWriteCloser, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.csv")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	return w, path
}

// progressBar finds the determinate bar of the export's dialog.
func progressBar(win fyne.Window) *widget.ProgressBar {
	var found *widget.ProgressBar
	if top := win.Canvas().Overlays().Top(); top != nil {
		uitest.Walk(top, func(o fyne.CanvasObject) bool {
			found, _ = o.(*widget.ProgressBar)
			return found != nil
		})
	}
	return found
}

func TestWriteInBackgroundShowsProgressAndFinishes(t *testing.T) {
	env, held := exportEnv(t)
	w, path := exportFile(t)
	got := -1
	widgets.WriteInBackground(env, w, "Exporting", func(_ context.Context, out io.Writer, progress func(int, int)) (int, error) {
		for i := 1; i <= 4; i++ {
			if _, err := fmt.Fprintf(out, "row %d\n", i); err != nil {
				return i - 1, err
			}
			progress(i, 4)
			if i == 2 {
				if bar := progressBar(env.Win); bar == nil || bar.Hidden || bar.Value != 0.5 {
					t.Errorf("after 2 of 4 rows the bar is %+v", bar)
				}
			}
		}
		return 4, nil
	}, func(n int) { got = n })
	if len(*held) != 1 {
		t.Fatalf("%d writes started", len(*held))
	}
	(*held)[0]()
	if got != 4 {
		t.Fatalf("done was told %d rows", got)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "row 1\nrow 2\nrow 3\nrow 4\n" {
		t.Fatalf("file %q, %v", b, err)
	}
	if top := env.Win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("the progress dialog stayed open")
	}
}

func TestWriteInBackgroundCancelLeavesNoFile(t *testing.T) {
	env, held := exportEnv(t)
	w, path := exportFile(t)
	doneCalled := false
	widgets.WriteInBackground(env, w, "Exporting", func(ctx context.Context, out io.Writer, progress func(int, int)) (int, error) {
		if _, err := fmt.Fprintln(out, "row 1"); err != nil {
			return 0, err
		}
		progress(1, 1000)
		// The clerk presses Cancel, which has the focus, with Enter.
		env.Win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if ctx.Err() == nil {
			return 1, errors.New("Cancel did not cancel the export")
		}
		return 1, ctx.Err()
	}, func(int) { doneCalled = true })
	(*held)[0]()
	if doneCalled {
		t.Fatal("a cancelled export reported success")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a cancelled export left its file: %v", err)
	}
	if top := env.Win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("a dialog is open after Cancel (an error shown for a cancel?)")
	}
}
