package widgets

import (
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
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
		by = "—" // deleted by someone outside the viewer's subtree
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
	restoreButton := NewKeyButton(tr.T("Restore"), func() {
		if err := restore(selected); err != nil {
			env.ShowError(err)
			return
		}
		d.Hide()
	}, func() { d.Hide() })
	restoreButton.Importance = widget.HighImportance
	closeButton := NewKeyButton(tr.T("Close"), func() { d.Hide() }, func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, list, env.Win)
	d.SetButtons([]fyne.CanvasObject{closeButton, restoreButton})
	d.Resize(fyne.NewSize(720, 440))
	d.Show()
	env.Win.Canvas().Focus(restoreButton)
}

// WriteInBackground runs write (an export of 100,000 rows takes seconds)
// off the UI goroutine behind a busy bar, closes the file, and then reports
// an error or calls done with how many rows were written.
func WriteInBackground(env Env, w fyne.URIWriteCloser, busy string, write func(io.Writer) (int, error), done func(n int)) {
	wait := dialog.NewCustomWithoutButtons(busy, widget.NewProgressBarInfinite(), env.Win)
	wait.Show()
	env.Async(func() {
		n, err := write(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				env.ShowError(err)
				return
			}
			done(n)
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
