package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TextList is a list of one line of text per item, cut with an ellipsis
// when too long. It is a List, so Enter and Escape reach its dialog.
func TextList(count func() int, text func(i int) string) *List {
	return NewList(count,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(text(i)) })
}

// NewList is widget.NewList's List: Enter and Escape reach its dialog.
func NewList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *List {
	l := &List{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}
