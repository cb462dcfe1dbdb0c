package ui

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/branchbook/branchbook/ui/widgets"
)

// guard wraps an action of the window so that a panic inside it never
// reaches the user as a crash: it is logged to a file in the app's data
// folder and shown in a dialog with its details. What the action was
// saving is safe either way: every change is one transaction.
func (c *Controller) guard(action func()) func() {
	if action == nil {
		return nil
	}
	return func() {
		defer func() {
			if r := recover(); r != nil {
				c.reportPanic(r, debug.Stack())
			}
		}()
		action()
	}
}

// guardMenus wraps every menu item's action with guard, and every one but
// Quit with widgets.WhenNoDialog: a menu shortcut reaches the menu even while a
// dialog is open, and a second Maintenance form opened over the first would
// book its amount again when the first reappears.
func (c *Controller) guardMenus(menus []*fyne.Menu) {
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if !it.IsQuit {
				it.Action = widgets.WhenNoDialog(c.win, it.Action)
			}
			it.Action = c.guard(it.Action)
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
		}
	}
	for _, m := range menus {
		walk(m.Items)
	}
}

// logPath is the error log in the app's data folder.
func (c *Controller) logPath() string {
	return filepath.Join(c.app.Storage().RootURI().Path(), "branchbook-errors.log")
}

func (c *Controller) reportPanic(r any, stack []byte) {
	details := fmt.Sprintf("%s\nBranchbook %s\n%v\n\n%s", time.Now().UTC().Format(time.RFC3339), c.opts.Version, r, stack)
	path := c.logPath()
	if f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
		fmt.Fprintf(f, "%s\n----\n", details)
		f.Close()
	} else {
		log.Printf("branchbook: %s", details)
	}
	tr := c.tr
	msg := widget.NewLabel(tr.T("Branchbook met an error it did not expect. Nothing half-done was saved. The details are in %s.", path))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	copyButton := widgets.NewKeyButton(tr.T("Copy details"), func() { c.app.Clipboard().SetContent(details) }, nil)
	closeButton := widgets.NewKeyButton(tr.T("Close"), func() { d.Hide() }, nil)
	d = dialog.NewCustomWithoutButtons(tr.T("Unexpected error"), container.New(&widgets.MaxWidthLayout{Width: 460}, msg), c.win)
	d.SetButtons([]fyne.CanvasObject{copyButton, closeButton})
	d.Show()
	widgets.BindKeys(c.win, d, &widgets.KeyTarget{Enter: d.Hide}, copyButton, closeButton)
	c.win.Canvas().Focus(closeButton)
}
