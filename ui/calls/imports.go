package calls

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// importsShown is how many imports the report lists, newest first.
const importsShown = 500

// importColumns are the columns of Reports → Imports.
var importColumns = []widgets.Column{
	{Title: "When", Width: 130, Fits: callColumns[0].Fits}, {Title: "By", Width: 110}, {Title: "File", Width: 140},
	{Title: "Layout", Width: 130, Fits: func(tr *i18n.Translator) []string { return []string{LayoutName(tr, "branchbook")} }},
	{Title: "Calls", Width: 60}, {Title: "Rated", Width: 60}, {Title: "Unrated", Width: 60},
	{Title: "Duplicates", Width: 60}, {Title: "Malformed", Width: 60}, {Title: "Undone", Width: 130}, {Title: "Charged", Width: 300},
}

// Imports is the Reports → Imports window: the imports made by the
// signed-in customer and those below it, with Undo and Rate again.
type Imports struct {
	env      widgets.Env
	store    Store
	Win      fyne.Window
	imports  []model.CallImport
	selected int
	Table    *widget.Table
	Undo     *widget.Button
	Rerate   *widget.Button
	Details  *widget.Button
	// OnChanged is told after an undo or a re-rating booked entries.
	OnChanged func()
}

// ShowImports opens the Imports window of app; onClosed is told when it
// closes.
func ShowImports(app fyne.App, env widgets.Env, store Store, onChanged, onClosed func()) *Imports {
	tr := env.Tr
	w := &Imports{env: env, store: store, selected: -1, OnChanged: onChanged}
	w.Win = app.NewWindow(tr.T("Imports") + " — Branchbook")
	w.env.Win = w.Win
	w.Table = widgets.NewTable(tr, importColumns, func() int { return len(w.imports) }, w.updateCell)
	w.Table.OnSelected = func(id widget.TableCellID) {
		w.selected = id.Row
		w.updateTools()
	}
	w.Undo = widget.NewButtonWithIcon(tr.T("Undo…"), theme.ContentUndoIcon(), w.env.Safe(func() { w.AskUndo() }))
	w.Rerate = widget.NewButtonWithIcon(tr.T("Rate again"), theme.ViewRefreshIcon(), w.env.Safe(func() { w.RateAgain() }))
	w.Details = widget.NewButton(tr.T("Summary…"), w.env.Safe(func() { w.ShowDetails() }))
	refresh := widget.NewButtonWithIcon(tr.T("Refresh"), theme.ViewRefreshIcon(), w.env.Safe(w.Reload))
	title := widget.NewLabelWithStyle(tr.T("Call imports by you and the customers below you"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	tools := container.NewHBox(w.Details, w.Rerate, w.Undo, refresh)
	w.Win.SetContent(container.NewBorder(container.NewVBox(title, tools), nil, nil, nil, w.Table))
	w.Win.Resize(fyne.NewSize(1180, 540))
	widgets.AddShortcuts(w.Win, map[fyne.KeyName]func(){fyne.KeyW: w.Win.Close})
	w.Win.SetOnClosed(onClosed)
	w.Reload()
	w.Win.Show()
	return w
}

// Reload reads the list again (after a change, here or elsewhere).
func (w *Imports) Reload() {
	list, err := w.store.CallImports(context.Background(), w.env.Session(), importsShown)
	if err != nil {
		w.env.ShowError(err)
		return
	}
	var keep model.ID
	if w.selected >= 0 && w.selected < len(w.imports) {
		keep = w.imports[w.selected].ID
	}
	w.imports, w.selected = list, -1
	for i, imp := range list {
		if imp.ID == keep {
			w.selected = i
		}
	}
	w.Table.Refresh()
	w.updateTools()
}

// List is the imports shown.
func (w *Imports) List() []model.CallImport { return w.imports }

// Select selects the import on row i.
func (w *Imports) Select(i int) { w.Table.Select(widget.TableCellID{Row: i, Col: 0}) }

func (w *Imports) current() (model.CallImport, bool) {
	if w.selected < 0 || w.selected >= len(w.imports) {
		return model.CallImport{}, false
	}
	return w.imports[w.selected], true
}

func (w *Imports) updateTools() {
	imp, ok := w.current()
	can := w.env.Can(model.RightMaintenance)
	widgets.SetEnabled(w.Details, ok)
	widgets.SetEnabled(w.Undo, ok && can && imp.UndoneAt.IsZero())
	widgets.SetEnabled(w.Rerate, ok && can && imp.UndoneAt.IsZero() && imp.Unrated > 0)
}

func (w *Imports) updateCell(id widget.TableCellID, l *widget.Label) {
	l.SetText(importCell(w.env.Tr, w.env, w.imports[id.Row], id.Col))
}

func importCell(tr *i18n.Translator, env widgets.Env, imp model.CallImport, col int) string {
	switch col {
	case 0:
		return tr.DateTime(imp.At, env.Zone())
	case 1:
		if imp.ByName == "" {
			return tr.T("an owner above you")
		}
		return model.VisibleText(imp.ByName)
	case 2:
		return model.VisibleText(imp.FileName)
	case 3:
		return LayoutName(tr, imp.Layout)
	case 4:
		return fmt.Sprint(imp.Calls)
	case 5:
		return fmt.Sprint(imp.Rated)
	case 6:
		return fmt.Sprint(imp.Unrated)
	case 7:
		return fmt.Sprint(imp.Duplicates)
	case 8:
		return fmt.Sprint(imp.Skipped)
	case 9:
		if imp.UndoneAt.IsZero() {
			return ""
		}
		return tr.DateTime(imp.UndoneAt, env.Zone())
	case 10:
		return TotalsText(tr, imp.Totals)
	}
	return ""
}

// ShowDetails shows the selected import's summary.
func (w *Imports) ShowDetails() {
	if imp, ok := w.current(); ok {
		ShowSummary(w.env, w.env.Tr.T("Import of %s", imp.FileName), imp, nil)
	}
}

// AskUndo asks for a reason and a confirmation, then undoes the selected
// import: its entries reversed, its calls void. Escape cancels.
func (w *Imports) AskUndo() *widgets.FormDialog {
	imp, ok := w.current()
	if !ok || !imp.UndoneAt.IsZero() {
		return nil
	}
	tr := w.env.Tr
	form := widgets.NewForm(tr)
	reason := widgets.NewEntry(model.MaxEntryNotesLen)
	form.Add("reason", tr.T("Reason"), reason)
	form.SetHint("reason", tr.T("Every entry the import of %s booked is reversed and its calls (%d) are kept as undone; they can be imported again.",
		imp.FileName, imp.Calls))
	sess := w.env.Session()
	read := func() (func() error, error) {
		text := reason.Text
		if len([]rune(text)) == 0 {
			return nil, model.FieldError("reason", model.CodeRequired, nil)
		}
		return func() error { return w.store.UndoCallImport(context.Background(), sess, imp.ID, text) }, nil
	}
	return widgets.ShowFormDialog(w.env, widgets.FormSpec{Title: tr.T("Undo import"), SaveText: tr.T("Undo import"), Form: form, Focus: reason, Read: read,
		AskFirst: func(proceed func()) {
			widgets.Confirm(w.Win, tr, tr.T("Undo import"), tr.T("Undo the import of %s? Every balance it changed is restored.", imp.FileName),
				tr.T("Undo"), proceed)
		},
		Saved: func(bool) {
			w.Reload()
			if w.OnChanged != nil {
				w.OnChanged()
			}
		}})
}

// RateAgain rates the selected import's unrated calls again and shows
// what it did.
func (w *Imports) RateAgain() {
	imp, ok := w.current()
	if !ok {
		return
	}
	tr := w.env.Tr
	sess := w.env.Session()
	w.Rerate.Disable()
	w.env.Async(func() {
		res, err := w.store.RerateCallImport(context.Background(), sess, imp.ID)
		fyne.Do(w.env.Safe(func() {
			w.Reload()
			if err != nil {
				w.env.ShowError(err)
				return
			}
			if w.OnChanged != nil {
				w.OnChanged()
			}
			text := tr.T("%d entries booked.", res.Entries) + "\n" + SummaryText(tr, res.Import, nil)
			w.env.ShowInfo(tr.T("Rated again"), text)
		}))
	})
}
