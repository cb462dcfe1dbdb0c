package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/assets"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// setMenu builds the main menu. Global shortcuts live on menu items: an
// Entry with the focus swallows canvas shortcuts, menu shortcuts it does not.
// Every item but the language choices has a key, and README.md's keyboard
// table lists them all (TestReadmeKeyboardTableMatchesMenus). Fyne turns
// Ctrl+A, C, V, X, Y, Z and Insert into the entries' own shortcuts, and an
// entry uses Ctrl+← → Backspace Delete: those are never given to an item.
func (c *Controller) setMenu(signedIn bool) {
	tr := c.tr
	newDB := fyne.NewMenuItem(tr.T("New database…"), c.askNewDatabase)
	newDB.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	openDB := fyne.NewMenuItem(tr.T("Open database…"), c.askOpenDatabase)
	openDB.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	quit := fyne.NewMenuItem(tr.T("Quit"), c.Quit)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	fileItems := []*fyne.MenuItem{newDB, openDB}
	if signedIn {
		backup := fyne.NewMenuItem(tr.T("Back up now…"), c.askBackup)
		backup.Shortcut = shortcut(fyne.KeyB, fyne.KeyModifierShortcutDefault)
		restore := fyne.NewMenuItem(tr.T("Restore from backup…"), c.askRestore)
		restore.Shortcut = shortcut(fyne.KeyR, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
		export := fyne.NewMenuItem(tr.T("Export customers…"), c.askExportCustomers)
		export.Shortcut = shortcut(fyne.KeyE, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
		signOut := fyne.NewMenuItem(tr.T("Sign out"), c.signOut)
		signOut.Shortcut = shortcut(fyne.KeyO, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
		fileItems = append(fileItems, fyne.NewMenuItemSeparator(), backup, restore,
			fyne.NewMenuItemSeparator(), c.importCallsItem(), export, fyne.NewMenuItemSeparator(), signOut)
	}
	file := fyne.NewMenu(tr.T("File"), append(fileItems, fyne.NewMenuItemSeparator(), quit)...)

	var menus []*fyne.Menu
	menus = append(menus, file)
	if signedIn {
		menus = append(menus, c.customerMenu(), c.accountsMenu(), c.viewMenu())
		payments := fyne.NewMenuItem(tr.T("Payments…"), c.showPayments)
		payments.Shortcut = shortcut(fyne.KeyP, fyne.KeyModifierShortcutDefault)
		menus = append(menus, fyne.NewMenu(tr.T("Reports"), append(append([]*fyne.MenuItem{payments}, c.callReportItems()...), append([]*fyne.MenuItem{fyne.NewMenuItemSeparator()}, c.invoiceReportItems()...)...)...))
		tariffs := fyne.NewMenuItem(tr.T("Tariffs…"), c.showTariffs)
		tariffs.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault}
		rates := fyne.NewMenuItem(tr.T("Exchange Rates…"), c.showExchangeRates)
		rates.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
		menus = append(menus, fyne.NewMenu(tr.T("Tariffs and Currencies"), tariffs, rates))
	}

	about := fyne.NewMenuItem(tr.T("About Branchbook"), c.showAbout)
	about.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF1}
	menus = append(menus, fyne.NewMenu(tr.T("Help"), about))
	c.guardMenus(menus)
	c.win.SetMainMenu(fyne.NewMainMenu(menus...))
}

func dbFilter() storage.FileFilter {
	return storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3", ".branchbook"})
}

// askNewDatabase asks for a folder and a file name. It does not use Fyne's
// save dialog: that truncates an existing file once the user confirms
// "Overwrite?", and a database must never be overwritten by a new one.
func (c *Controller) askNewDatabase() {
	tr := c.tr
	form := widgets.NewForm(tr)
	folder := widgets.NewEntry(model.MaxPathLen)
	folder.SetText(filepath.Dir(c.store.Info().Path))
	name := widgets.NewEntry(model.MaxPathLen)
	name.SetText("branchbook.db")
	choose := widgets.NewDialogButton(tr.T("Choose…"), nil, func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				folder.SetText(u.Path())
			}
		}, c.win)
		d.SetConfirmText(tr.T("Choose"))
		d.SetDismissText(tr.T("Cancel"))
		c.sizeFileDialog(d, folder.Text)
		widgets.ShowFileDialog(c.win, d)
	})
	form.Add("folder", tr.T("Folder"), container.NewBorder(nil, nil, nil, choose, folder))
	form.Add("file", tr.T("File name"), name)
	var d *dialog.CustomDialog
	create := func() {
		path, err := newDatabasePath(folder.Text, name.Text)
		if err != nil {
			form.ShowErrors(err)
			return
		}
		d.Hide()
		c.switchTo(path)
	}
	name.OnSubmitted = func(string) { create() }
	ok := widgets.NewKeyButton(tr.T("Create"), create, nil)
	ok.Importance = widget.HighImportance
	cancel := widgets.NewKeyButton(tr.T("Cancel"), func() { d.Hide() }, nil)
	d = dialog.NewCustomWithoutButtons(tr.T("New database"), container.New(&widgets.MaxWidthLayout{Width: 520}, form.Object()), c.win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Show()
	widgets.BindKeys(c.win, d, &widgets.KeyTarget{Enter: create}, form.Object(), cancel, ok)
	c.win.Canvas().Focus(name)
}

// newDatabasePath checks a folder and file name for a new database: the
// folder must exist and the file must not.
func newDatabasePath(folder, name string) (string, error) {
	folder, name = strings.TrimSpace(folder), strings.TrimSpace(name)
	var es model.Errors
	if st, err := os.Stat(folder); folder == "" || err != nil || !st.IsDir() {
		es = append(es, &model.Error{Code: model.CodeCannotOpen, Field: "folder",
			Params: map[string]any{"reason": "no_folder", "path": folder}})
	}
	switch {
	case name == "":
		es = append(es, model.FieldError("file", model.CodeRequired, nil))
	case strings.ContainsAny(name, `/\`) || name == "." || name == "..":
		es = append(es, model.FieldError("file", model.CodeInvalidChars, nil))
	}
	if len(es) > 0 {
		return "", es
	}
	if filepath.Ext(name) == "" {
		name += ".db"
	}
	path := filepath.Join(folder, name)
	if _, err := os.Stat(path); err == nil {
		return "", model.FieldError("file", model.CodeDuplicate, nil)
	}
	return path, nil
}

// sizeFileDialog gives a file dialog room and starts it in folder.
func (c *Controller) sizeFileDialog(d *dialog.FileDialog, folder string) {
	size := c.win.Canvas().Size()
	d.Resize(fyne.NewSize(max(600, size.Width*0.8), max(420, size.Height*0.8)))
	if l, err := storage.ListerForURI(storage.NewFileURI(folder)); err == nil {
		d.SetLocation(l)
	}
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
	c.sizeFileDialog(d, filepath.Dir(c.store.Info().Path))
	d.SetConfirmText(c.tr.T("Open"))
	d.SetDismissText(c.tr.T("Cancel"))
	widgets.ShowFileDialog(c.win, d)
}

// showError tells the user what went wrong, in their language.
func (c *Controller) showError(err error) { widgets.ShowError(c.win, c.tr, err) }

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
	widgets.ShowMessage(c.win, c.tr, c.tr.T("About Branchbook"), container.New(&widgets.MaxWidthLayout{Width: 460}, body))
}

func shortcut(key fyne.KeyName, mod fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

// customerMenu holds the actions on the selected customer. F2, Enter and
// Delete are shown here but handled by the tree: Fyne gives menus only
// shortcuts with a modifier.
func (c *Controller) customerMenu() *fyne.Menu {
	tr := c.tr
	add := fyne.NewMenuItem(tr.T("Add customer…"), c.addCustomer)
	add.Shortcut = shortcut(fyne.KeyN, fyne.KeyModifierShortcutDefault)
	adjust := fyne.NewMenuItem(tr.T("Adjust…"), c.adjustCustomer)
	adjust.Shortcut = shortcut(fyne.KeyF2, 0)
	del := fyne.NewMenuItem(tr.T("Delete…"), c.askDeleteCustomer)
	del.Shortcut = shortcut(fyne.KeyDelete, 0)
	move := fyne.NewMenuItem(tr.T("Move to…"), c.askMoveCustomer)
	move.Shortcut = shortcut(fyne.KeyM, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	maintenance := fyne.NewMenuItem(tr.T("Maintenance…"), c.showMaintenance)
	maintenance.Shortcut = shortcut(fyne.KeyM, fyne.KeyModifierShortcutDefault)
	maintenance.Disabled = !c.session.Rights.Has(model.RightMaintenance)
	find := fyne.NewMenuItem(tr.T("Find…"), func() { c.customers.FocusSearch() })
	find.Shortcut = shortcut(fyne.KeyF, fyne.KeyModifierShortcutDefault)
	add.Disabled = !c.session.Rights.Has(model.RightCustomersAdd)
	adjust.Disabled = !c.session.Rights.Has(model.RightCustomersEdit)
	move.Disabled = !c.session.Rights.Has(model.RightCustomersEdit)
	del.Disabled = !c.session.Rights.Has(model.RightCustomersDelete)
	permissions := fyne.NewMenuItem(tr.T("Permissions…"), func() { c.showPermissions() })
	permissions.Shortcut = shortcut(fyne.KeyP, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	items := []*fyne.MenuItem{add, adjust, del, move, fyne.NewMenuItemSeparator(), maintenance, permissions, fyne.NewMenuItemSeparator()}
	items = append(items, c.invoiceCustomerItems()...)
	return fyne.NewMenu(tr.T("Customer"), append(items, fyne.NewMenuItemSeparator(), find)...)
}

// accountsMenu holds the actions on the selected customer's accounts; the
// Accounts tab has the actions on one account.
func (c *Controller) accountsMenu() *fyne.Menu {
	tr := c.tr
	add := fyne.NewMenuItem(tr.T("Add account…"), c.addAccount)
	add.Shortcut = shortcut(fyne.KeyA, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	add.Disabled = !c.session.Rights.Has(model.RightAccountsAdd)
	generate := fyne.NewMenuItem(tr.T("Generate…"), c.showGenerateCards)
	generate.Shortcut = shortcut(fyne.KeyG, fyne.KeyModifierShortcutDefault)
	generate.Disabled = !c.session.Rights.Has(model.RightAccountsAdd)
	deleted := fyne.NewMenuItem(tr.T("Deleted accounts…"), c.showDeletedAccounts)
	deleted.Shortcut = shortcut(fyne.KeyD, fyne.KeyModifierShortcutDefault)
	deleted.Disabled = !c.session.Rights.Has(model.RightAccountsDelete)
	vouchers := fyne.NewMenuItem(tr.T("Vouchers…"), c.showVouchers)
	vouchers.Shortcut = shortcut(fyne.KeyG, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	vouchers.Disabled = !c.session.Rights.Has(model.RightVouchers)
	tab := fyne.NewMenuItem(tr.T("Show the Accounts tab"), c.showAccountsTab)
	tab.Shortcut = shortcut(fyne.KeyJ, fyne.KeyModifierShortcutDefault)
	return fyne.NewMenu(tr.T("Accounts"), add, generate, vouchers, deleted, fyne.NewMenuItemSeparator(), tab)
}

// showAccountsTab brings the selected customer's Accounts tab to the front.
func (c *Controller) showAccountsTab() {
	if c.customers != nil {
		c.customers.ShowAccountsTab()
	}
}

// toggleAccounts shows or hides the account leaves in the tree.
func (c *Controller) toggleAccounts() {
	c.customers.ToggleAccounts()
	c.setMenu(true)
}

// nextTab and previousTab step through the Details, History and Accounts
// tabs. Ctrl+Tab is Control on a Mac too: Cmd+Tab belongs to the system.
func (c *Controller) nextTab() {
	if c.customers != nil {
		c.customers.NextTab()
	}
}

func (c *Controller) previousTab() {
	if c.customers != nil {
		c.customers.PreviousTab()
	}
}

// viewMenu holds what changes the view, not the data.
func (c *Controller) viewMenu() *fyne.Menu {
	tr := c.tr
	totals := fyne.NewMenuItem(tr.T("Subtree totals"), c.toggleTotals)
	totals.Checked = c.customers != nil && c.customers.ShowsTotals()
	totals.Shortcut = shortcut(fyne.KeyT, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	accounts := fyne.NewMenuItem(tr.T("Show accounts"), c.toggleAccounts)
	accounts.Checked = c.customers != nil && c.customers.ShowsAccounts()
	accounts.Shortcut = shortcut(fyne.KeyL, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	deleted := fyne.NewMenuItem(tr.T("Deleted customers…"), c.showDeletedCustomers)
	deleted.Shortcut = shortcut(fyne.KeyD, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	auditLog := fyne.NewMenuItem(tr.T("Audit log…"), func() { c.showAuditLog() })
	auditLog.Shortcut = shortcut(fyne.KeyL, fyne.KeyModifierShortcutDefault)
	nextTab := fyne.NewMenuItem(tr.T("Next tab"), c.nextTab)
	nextTab.Shortcut = shortcut(fyne.KeyTab, fyne.KeyModifierControl)
	previousTab := fyne.NewMenuItem(tr.T("Previous tab"), c.previousTab)
	previousTab.Shortcut = shortcut(fyne.KeyTab, fyne.KeyModifierControl|fyne.KeyModifierShift)
	language := fyne.NewMenuItem(tr.T("Language"), nil)
	var langs []*fyne.MenuItem
	for _, l := range i18n.Supported {
		item := fyne.NewMenuItem(l.NativeName(), func() { c.changeLanguage(l) })
		item.Checked = l == c.tr.Lang()
		langs = append(langs, item)
	}
	language.ChildMenu = fyne.NewMenu("", langs...)
	return fyne.NewMenu(tr.T("View"), totals, accounts, deleted, auditLog, fyne.NewMenuItemSeparator(),
		nextTab, previousTab, fyne.NewMenuItemSeparator(), language)
}

// toolbar gives the main actions a button each.
func (c *Controller) toolbar() fyne.CanvasObject {
	tr := c.tr
	button := func(label string, icon fyne.Resource, action func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, c.guard(action))
		b.Importance = widget.LowImportance
		return b
	}
	// Without a right, its action is not offered (the store refuses it
	// anyway).
	allowed := func(b *widget.Button, r model.Right) *widget.Button {
		widgets.SetEnabled(b, c.session.Rights.Has(r))
		return b
	}
	del := button(tr.T("Delete"), theme.NewErrorThemedResource(theme.CancelIcon()), c.askDeleteCustomer)
	return container.NewHBox(
		allowed(button(tr.T("Add"), theme.ContentAddIcon(), c.addCustomer), model.RightCustomersAdd),
		allowed(button(tr.T("Adjust"), theme.DocumentCreateIcon(), c.adjustCustomer), model.RightCustomersEdit),
		allowed(del, model.RightCustomersDelete),
		allowed(button(tr.T("Move"), theme.MailForwardIcon(), c.askMoveCustomer), model.RightCustomersEdit),
		allowed(button(tr.T("Maintenance"), theme.ContentAddIcon(), c.showMaintenance), model.RightMaintenance),
		widget.NewSeparator(),
		button(tr.T("Tariffs"), theme.ListIcon(), c.showTariffs),
		button(tr.T("Exchange Rates"), theme.ViewRefreshIcon(), c.showExchangeRates),
	)
}
