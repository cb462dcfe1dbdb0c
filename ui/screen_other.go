//go:build !cgo || ci || wasm || js || android || ios || mobile || test_web_driver

package ui

import "fyne.io/fyne/v2"

// screenSize is unknown without Fyne's desktop driver: the window then
// keeps to a 1920×1080 screen (windowSize).
func screenSize(fyne.Window) (fyne.Size, bool) { return fyne.Size{}, false }
