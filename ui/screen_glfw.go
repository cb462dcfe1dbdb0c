//go:build cgo && !ci && !wasm && !js && !android && !ios && !mobile && !test_web_driver

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// screenSize is the work area (the screen less task bars and docks) of
// the primary monitor, where new windows open, in win's Fyne units. Fyne
// 2.7 has no call for it, so GLFW, which Fyne's desktop driver runs on and
// has initialized by the time a window exists, is asked directly. It must
// run on the main goroutine (Show, before the app runs, or a fyne.Do), as
// GLFW requires; under any other driver (the tests') it answers unknown.
func screenSize(win fyne.Window) (size fyne.Size, ok bool) {
	if _, desktopDriver := fyne.CurrentApp().Driver().(desktop.Driver); !desktopDriver {
		return fyne.Size{}, false
	}
	defer func() {
		if recover() != nil { // GLFW not initialized or no monitor
			size, ok = fyne.Size{}, false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}, false
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if mode := m.GetVideoMode(); mode != nil {
			w, h = mode.Width, mode.Height
		}
	}
	if w <= 0 || h <= 0 {
		return fyne.Size{}, false
	}
	// GLFW counts screen coordinates; Fyne's units are those divided by
	// the canvas scale (the same rule as its own Resize).
	scale := win.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale), true
}
