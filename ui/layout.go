package ui

import "fyne.io/fyne/v2"

// columnsLayout places its objects side by side in columns of fixed
// widths, each as tall as the tallest, so money columns line up from row to
// row and with their header.
type columnsLayout struct{ width float32 }

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width*float32(len(objs)), h)
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for i, o := range objs {
		o.Move(fyne.NewPos(float32(i)*l.width, 0))
		o.Resize(fyne.NewSize(l.width, size.Height))
	}
}

// maxWidthLayout lays out one object at its minimum height and at a fixed
// width, so a form does not stretch across a wide window.
type maxWidthLayout struct{ width float32 }

func (l *maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l *maxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}
