package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
)

// Column is one Column of a table: its title (an English catalog key,
// translated when shown) and its least width. The column is widened to show
// its title whole in the user's language, and every text Fits gives.
type Column struct {
	Title string
	Width float32
	// Fits, when set, gives texts in the user's language that cells of
	// the column must show whole, such as the longest action name.
	Fits func(tr *i18n.Translator) []string
}

// ColumnWidth is how wide col is drawn in tr's language: its Width, or
// more when its bold title or one of its Fits texts needs it.
func ColumnWidth(tr *i18n.Translator, col Column) float32 {
	w := max(col.Width, widget.NewLabelWithStyle(headerText(tr, col.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Width)
	if col.Fits != nil {
		for _, text := range col.Fits(tr) {
			w = max(w, widget.NewLabel(text).MinSize().Width)
		}
	}
	return w
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
	// The header row is as tall as its template: two lines when a title
	// has its unit on a second line.
	template := ""
	for _, col := range cols {
		if strings.Contains(headerText(tr, col.Title), "\n") {
			template = "\n"
		}
	}
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle(template, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(headerText(tr, cols[id.Col].Title))
		}
	}
	for i, col := range cols {
		t.SetColumnWidth(i, ColumnWidth(tr, col))
	}
	return t
}

// headerText is a column's title in tr's language with a unit in brackets
// ("(s)", "(USD)") on a second line, so a long word widens its column by
// itself only.
func headerText(tr *i18n.Translator, title string) string {
	return TwoLines(tr.T(title))
}

// TwoLines puts the bracketed end of a title ("Balance (USD)") on a line
// of its own, in Latin, Cyrillic and Chinese punctuation alike.
func TwoLines(s string) string {
	s = strings.Replace(s, " (", "\n(", 1)
	return strings.Replace(s, "（", "\n（", 1)
}
