package tariffs

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// maxImportBytes bounds a rates file read into memory.
const maxImportBytes = 64 << 20

// askImport picks a CSV file and shows its preview.
func (w *Window) askImport() {
	if w.selected < 0 {
		return
	}
	tr := w.env.Tr
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			widgets.ShowError(w.Win, w.env.Tr, err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		// Read one byte past the limit, so a file that is too large is
		// refused rather than cut short with a wrong last row.
		data, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
		if err != nil {
			widgets.ShowError(w.Win, w.env.Tr, err)
			return
		}
		if len(data) > maxImportBytes {
			widgets.ShowInfo(w.Win, w.env.Tr, tr.T("File too large"), tr.T("The file is larger than %d MB; split it into smaller files.", maxImportBytes>>20))
			return
		}
		file, err := w.parseRates(data)
		if err != nil {
			widgets.ShowError(w.Win, w.env.Tr, err)
			return
		}
		w.previewImport(r.URI().Name(), file)
	}, w.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".tsv", ".txt"}))
	d.SetConfirmText(tr.T("Open"))
	d.SetDismissText(tr.T("Cancel"))
	size := w.Win.Canvas().Size()
	d.Resize(fyne.NewSize(max(600, size.Width*0.8), max(420, size.Height*0.8)))
	widgets.ShowFileDialog(w.Win, d)
}

// Import modes the user chooses between when some rows are bad.
const (
	importValidOnly = iota
	importAllOrNothing
)

// previewImport shows what a file holds: how many rows are good, each bad
// row's line and problem, and lets the user choose to import the valid rows
// or nothing unless all are valid. Nothing is saved on Cancel.
func (w *Window) previewImport(name string, file model.RatesFile) {
	tr := w.env.Tr
	tariff := w.tariffs[w.selected]
	valid, invalid := file.Valid(), file.Invalid()
	summary := widget.NewLabel(tr.T("%s: %d rows can be imported into %s; %d rows have errors.",
		name, len(valid), tariff.Name, len(invalid)))
	summary.Wrapping = fyne.TextWrapWord

	problems := widgets.TextList(func() int { return len(invalid) }, func(i int) string { return w.rowProblem(invalid[i]) })
	// A select, not radio buttons: Fyne's radio items would keep Enter
	// and Escape from the dialog.
	mode := widgets.NewSelect([]string{
		tr.T("Import the valid rows, skip the others"),
		tr.T("Import nothing unless every row is valid"),
	}, nil)
	mode.SetSelected(mode.Options[importValidOnly])

	body := container.NewBorder(summary, nil, nil, nil)
	if len(invalid) > 0 {
		body = container.NewBorder(summary, mode, nil, nil, problems)
	}
	var d *dialog.CustomDialog
	doImport := widgets.NewKeyButton(tr.T("Import"), func() {
		if len(invalid) > 0 && mode.Selected == mode.Options[importAllOrNothing] {
			d.Hide()
			widgets.ShowInfo(w.Win, w.env.Tr, tr.T("Nothing imported"), tr.T("%d rows have errors, so nothing was imported.", len(invalid)))
			return
		}
		d.Hide()
		w.runImport(tariff, valid)
	}, nil)
	doImport.Importance = widget.HighImportance
	if len(valid) == 0 {
		doImport.Disable()
	}
	cancel := widgets.NewKeyButton(tr.T("Cancel"), func() { d.Hide() }, nil)
	w.preview = &importPreview{mode: mode, doImport: doImport, cancel: cancel}
	d = dialog.NewCustomWithoutButtons(tr.T("Import rates"), body, w.Win)
	d.SetButtons([]fyne.CanvasObject{cancel, doImport})
	size := w.Win.Canvas().Size()
	d.Resize(fyne.NewSize(max(560, size.Width*0.75), max(360, size.Height*0.75)))
	d.Show()
	enter := func() {
		if !doImport.Disabled() {
			doImport.OnTapped()
		}
	}
	widgets.BindKeys(w.Win, d, &widgets.KeyTarget{Enter: enter}, body, cancel, doImport)
}

// importPreview holds the preview's controls, for tests.
type importPreview struct {
	mode             *widgets.Select
	doImport, cancel *widgets.KeyButton
}

// rowProblem describes a bad row: "Line 12: Prefix: Use digits only."
func (w *Window) rowProblem(row model.RateRow) string {
	tr := w.env.Tr
	var parts []string
	for _, e := range model.FieldErrors(row.Err) {
		parts = append(parts, fmt.Sprintf("%s: %s", widgets.FieldTitle(tr, e.Field), widgets.ErrorText(tr, e)))
	}
	if len(parts) == 0 {
		parts = append(parts, widgets.ErrorText(tr, row.Err))
	}
	text := tr.T("Line %d", row.Line)
	for _, p := range parts {
		text += " · " + p
	}
	return text
}

// runImport saves the rates in the background, with a progress bar, and
// reports what was added and updated.
func (w *Window) runImport(tariff model.Tariff, rates []model.Rate) {
	tr := w.env.Tr
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(tr.T("Importing %d rates…", len(rates)), bar, w.Win)
	wait.Show()
	w.env.Async(func() {
		res, err := w.store.ImportRates(context.Background(), w.env.Session(), tariff.ID, rates)
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				widgets.ShowError(w.Win, w.env.Tr, err)
				return
			}
			w.reloadRates()
			widgets.ShowInfo(w.Win, w.env.Tr, tr.T("Rates imported"), tr.T("%d rates added, %d updated.", res.Added, res.Updated))
		})
	})
}

// parseRates reads a rates file; its dates begin at midnight in the
// signed-in customer's time zone, as the rate form's do.
func (w *Window) parseRates(data []byte) (model.RatesFile, error) {
	return model.ParseRatesCSVIn(bytes.NewReader(data), w.zone())
}
