package widgets

import (
	"context"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// SetEnabled enables or disables a button.
func SetEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// SafeCell keeps a spreadsheet from running text as a formula: a cell that
// starts with = + - @ or a tab gets a leading apostrophe.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Currencies lists the currencies money can be converted from or to:
// first, then USD, then every currency with an exchange rate. An entry may
// be in any of them (first: its holder's currency), and so may a new
// account or card (first: its customer's).
func Currencies(rates model.RateTable, first model.Currency) []string {
	out := []string{string(first)}
	if first != model.USD {
		out = append(out, string(model.USD))
	}
	for _, r := range rates.All() {
		if r.Currency != first {
			out = append(out, string(r.Currency))
		}
	}
	return out
}

// SizeFileDialog gives a file dialog room in win and starts it in folder.
func SizeFileDialog(win fyne.Window, d *dialog.FileDialog, folder string) {
	size := win.Canvas().Size()
	d.Resize(fyne.NewSize(max(600, size.Width*0.8), max(420, size.Height*0.8)))
	if l, err := storage.ListerForURI(storage.NewFileURI(folder)); err == nil {
		d.SetLocation(l)
	}
}

// DeletedLine is one line of a list of deleted customers or accounts.
func DeletedLine(tr *i18n.Translator, zone *time.Location, name, balance string, at time.Time, by string) string {
	if by == "" {
		by = tr.T("an owner above you") // deleted by someone outside the viewer's subtree
	}
	return tr.T("%s · %s · deleted %s by %s", name, balance, tr.DateTime(at, zone), by)
}

// ShowRestoreList lists n deleted things, newest first. Restore has the
// focus, so Enter brings back the selected one (the newest at first);
// restore is told which.
func ShowRestoreList(env Env, title string, n int, line func(i int) string, restore func(i int) error) {
	tr := env.Tr
	selected := 0
	list := TextList(func() int { return n }, line)
	list.OnSelected = func(i widget.ListItemID) { selected = i }
	list.Select(0)
	var d *dialog.CustomDialog
	restoreSelected := func() {
		if err := restore(selected); err != nil {
			env.ShowError(err)
			return
		}
		d.Hide()
	}
	restoreButton := NewKeyButton(tr.T("Restore"), restoreSelected, nil)
	restoreButton.Importance = widget.HighImportance
	closeButton := NewKeyButton(tr.T("Close"), func() { d.Hide() }, nil)
	d = dialog.NewCustomWithoutButtons(title, list, env.Win)
	d.SetButtons([]fyne.CanvasObject{closeButton, restoreButton})
	d.Resize(fyne.NewSize(720, 440))
	d.Show()
	BindKeys(env.Win, d, &KeyTarget{Enter: restoreSelected}, list, closeButton, restoreButton)
	env.Win.Canvas().Focus(restoreButton)
}

// Export writes rows to w, telling progress how far it is (done of total
// rows, when it knows) and stopping when ctx is cancelled.
type Export func(ctx context.Context, w io.Writer, progress func(done, total int)) (int, error)

// WriteInBackground runs write (an export of a million rows takes seconds)
// off the UI goroutine behind a progress bar with Cancel, closes the file,
// and then reports an error or calls done with how many rows were written.
// The bar moves with a percentage once write reports a total. Cancel stops
// the write and deletes the file, so no half-written export is left behind.
func WriteInBackground(env Env, w fyne.URIWriteCloser, busy string, write Export, done func(n int)) {
	ctx, cancel := context.WithCancel(context.Background())
	busyBar := widget.NewProgressBarInfinite()
	bar := widget.NewProgressBar()
	bar.Hide()
	stop := NewKeyButton(env.Tr.T("Cancel"), cancel, cancel)
	wait := dialog.NewCustomWithoutButtons(busy, container.New(&MaxWidthLayout{Width: 420}, container.NewVBox(busyBar, bar)), env.Win)
	wait.SetButtons([]fyne.CanvasObject{stop})
	wait.Show()
	BindKeys(env.Win, wait, &KeyTarget{Escape: cancel}, stop)
	env.Win.Canvas().Focus(stop)
	progress := func(n, total int) {
		if total <= 0 {
			return
		}
		fyne.Do(func() {
			if bar.Hidden {
				busyBar.Stop()
				busyBar.Hide()
				bar.Show()
			}
			bar.SetValue(float64(n) / float64(total))
		})
	}
	env.Async(func() {
		n, err := write(ctx, w, progress)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		cancelled := ctx.Err() != nil
		if cancelled {
			storage.Delete(w.URI()) // a cancelled export leaves no file
		}
		cancel()
		fyne.Do(func() {
			wait.Hide()
			switch {
			case cancelled:
			case err != nil:
				env.ShowError(err)
			default:
				done(n)
			}
		})
	})
}

// ZoneOfSession is the session's time zone, in which times are shown; UTC
// when the name is unknown.
func ZoneOfSession(s model.Session) *time.Location {
	if z, err := time.LoadLocation(s.TimeZone); err == nil {
		return z
	}
	return time.UTC
}
