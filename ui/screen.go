package ui

import (
	"math"

	"fyne.io/fyne/v2"
)

// The window's size when none is remembered, and the screen assumed when
// the driver cannot tell how large the real one is.
const (
	defaultWidth, defaultHeight = 1240, 720
	fallbackScreenW             = 1920
	fallbackScreenH             = 1080
	// frameW and frameH leave room for the window's frame and title bar,
	// which are outside the size Fyne is given.
	frameW, frameH = 16, 48
)

// windowSize is the size to open the window at: the remembered width and
// height (the defaults when unset or nonsense), no larger than the screen
// less the window's frame. screen is the usable part of the screen the
// window opens on, in Fyne's units; a zero size means unknown, and then a
// 1920×1080 screen is assumed.
func windowSize(width, height float64, screen fyne.Size) fyne.Size {
	sane := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) && v > 0 }
	if !sane(width) || !sane(height) {
		width, height = defaultWidth, defaultHeight
	}
	if screen.Width <= 0 || screen.Height <= 0 {
		screen = fyne.NewSize(fallbackScreenW, fallbackScreenH)
	}
	maxW := math.Max(float64(screen.Width)-frameW, 1)
	maxH := math.Max(float64(screen.Height)-frameH, 1)
	return fyne.NewSize(float32(math.Min(width, maxW)), float32(math.Min(height, maxH)))
}

// fitToScreen sizes the shown window to the remembered size, now that the
// screen it opens on can be asked (when the driver tells; otherwise the
// size NewController gave stays).
func (c *Controller) fitToScreen() {
	screen, ok := screenSize(c.win)
	if !ok {
		return
	}
	prefs := c.app.Preferences()
	c.win.Resize(windowSize(prefs.FloatWithFallback(prefWidth, defaultWidth),
		prefs.FloatWithFallback(prefHeight, defaultHeight), screen))
}
