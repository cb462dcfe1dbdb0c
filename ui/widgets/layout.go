package widgets

import "fyne.io/fyne/v2"

// ColumnsLayout places its visible objects side by side in columns of one
// fixed width, each as tall as the tallest, so money columns line up from
// row to row and with their header.
type ColumnsLayout struct{ Width float32 }

func (l *ColumnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h, n := float32(0), 0
	for _, o := range objs {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
			n++
		}
	}
	return fyne.NewSize(l.Width*float32(n), h)
}

// Layout places the visible objects; a hidden one takes no column.
func (l *ColumnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(l.Width, size.Height))
		x += l.Width
	}
}

// MaxWidthLayout lays out one object at its minimum height and at a fixed
// width, so a form does not stretch across a wide window.
type MaxWidthLayout struct{ Width float32 }

func (l *MaxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.Width, h)
}

func (l *MaxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

// WidthsLayout places objects side by side in columns of the given widths;
// a width of 0 takes whatever room the others leave (at least none), so
// the columns after it line up on the right.
type WidthsLayout struct{ Widths []float32 }

func (l *WidthsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for i, o := range objs {
		w += l.Widths[i]
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

func (l *WidthsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	fixed := float32(0)
	for _, w := range l.Widths {
		fixed += w
	}
	x := float32(0)
	for i, o := range objs {
		w := l.Widths[i]
		if w == 0 {
			w = max(0, size.Width-fixed)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}
