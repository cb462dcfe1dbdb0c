package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/assets"
)

// setMenu builds the main menu. Global shortcuts live on menu items: an
// Entry with the focus swallows canvas shortcuts, menu shortcuts it does not.
func (c *Controller) setMenu(signedIn bool) {
	tr := c.tr
	newDB := fyne.NewMenuItem(tr.T("New database…"), c.askNewDatabase)
	newDB.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	openDB := fyne.NewMenuItem(tr.T("Open database…"), c.askOpenDatabase)
	openDB.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	quit := fyne.NewMenuItem(tr.T("Quit"), c.Quit)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	file := fyne.NewMenu(tr.T("File"), newDB, openDB, fyne.NewMenuItemSeparator(), quit)

	about := fyne.NewMenuItem(tr.T("About Branchbook"), c.showAbout)
	about.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF1}
	help := fyne.NewMenu(tr.T("Help"), about)
	_ = signedIn
	c.win.SetMainMenu(fyne.NewMainMenu(file, help))
}

func dbFilter() storage.FileFilter {
	return storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3", ".branchbook"})
}

func (c *Controller) askNewDatabase() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			c.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close() // Fyne made an empty file; Open turns it into a database
		if !strings.Contains(strings.ToLower(path[strings.LastIndex(path, "/")+1:]), ".") {
			path += ".db"
		}
		c.switchTo(path)
	}, c.win)
	d.SetFileName("branchbook.db")
	d.SetFilter(dbFilter())
	d.SetConfirmText(c.tr.T("Create"))
	d.SetDismissText(c.tr.T("Cancel"))
	d.Show()
}

func (c *Controller) askOpenDatabase() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			c.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		c.switchTo(path)
	}, c.win)
	d.SetFilter(dbFilter())
	d.SetConfirmText(c.tr.T("Open"))
	d.SetDismissText(c.tr.T("Cancel"))
	d.Show()
}

// showError tells the user what went wrong, in their language.
func (c *Controller) showError(err error) {
	msg := widget.NewLabel(ErrorText(c.tr, err))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(c.tr.T("Error"), c.tr.T("Close"),
		container.New(&maxWidthLayout{width: 420}, msg), c.win)
	d.Show()
}

func (c *Controller) showAbout() {
	info := c.store.Info()
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	name := widget.NewLabelWithStyle("Branchbook", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(fmt.Sprintf("%s %s\n%s %s\n%s %d",
		c.tr.T("Version"), c.opts.Version,
		c.tr.T("Database"), info.Path,
		c.tr.T("Schema version"), info.SchemaVersion))
	text.Wrapping = fyne.TextWrapBreak
	text.Selectable = true
	body := container.NewBorder(nil, nil, icon, nil, container.NewVBox(name, text))
	dialog.NewCustom(c.tr.T("About Branchbook"), c.tr.T("Close"),
		container.New(&maxWidthLayout{width: 460}, body), c.win).Show()
}
