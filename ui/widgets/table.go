package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
)

// Column is one Column of a table: its title (an English catalog key,
// translated when shown) and its width.
type Column struct {
	Title string
	Width float32
}

// NewTable makes a virtualised table with a header row of translated
// column titles and one label per cell, cut with an ellipsis when too long.
// update fills the label of one cell.
func NewTable(tr *i18n.Translator, cols []Column, rows func() int, update func(id widget.TableCellID, l *widget.Label)) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return rows(), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { update(id, o.(*widget.Label)) })
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(tr.T(cols[id.Col].Title))
		}
	}
	for i, col := range cols {
		t.SetColumnWidth(i, col.Width)
	}
	return t
}
