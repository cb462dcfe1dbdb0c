package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/calls"
)

// This file wires the screens of package calls (the Calls tab, Import
// calls…, the calls of a "calls" entry, Reports → Imports and Margin) to
// the store, to the customer or account selected in the tree and to the
// panes that show balances.

// callStore is the store's calls part.
func (c *Controller) callStore() calls.Store { return c.store }

// newCallsTab makes the Calls tab of the detail pane, which follows the
// tree's selection (customerShown, selectAccount).
func (c *Controller) newCallsTab() *container.TabItem {
	c.calls = calls.NewTab(c.env(c.win), c.callStore())
	// The tab reads only while it is in front (see customers.Screens.OnTab,
	// wired in newCustomers).
	c.bus.Booked.Subscribe(func(e model.Entry) {
		if e.Kind == model.EntryCalls && c.calls != nil {
			c.calls.Reload()
		}
	})
	c.bus.FileChanged.Subscribe(func(struct{}) {
		if c.imports != nil {
			c.imports.Reload()
		}
	})
	return container.NewTabItem(c.tr.T("Calls"), c.calls.Content)
}

// showCallsOf has the Calls tab show a customer or an account.
func (c *Controller) showCallsOf(h model.Holder, name string) {
	if c.calls != nil {
		c.calls.Show(h, name)
	}
}

// openEntryCalls lists the calls one "calls" entry charged.
func (c *Controller) openEntryCalls(e model.Entry) {
	calls.ShowEntryCalls(c.env(c.win), c.callStore(), e)
}

// askImportCalls is File → Import calls….
func (c *Controller) askImportCalls() {
	if !c.session.Rights.Has(model.RightMaintenance) {
		c.showError(model.ErrNotPermitted)
		return
	}
	c.callImporter().Ask()
}

// callImporter is the import flow, made once per session so the file
// picker starts where the last file was.
func (c *Controller) callImporter() *calls.Importer {
	if c.importer == nil {
		c.importer = calls.NewImporter(c.env(c.win), c.callStore(), c.callsChanged)
		c.importer.Folder = filepath.Dir(c.store.Info().Path)
	}
	return c.importer
}

// callsChanged has every pane read again what it shows after an import,
// an undo or a re-rating booked entries on many holders at once.
func (c *Controller) callsChanged() {
	if c.bus == nil {
		return
	}
	c.bus.FileChanged.Publish(struct{}{})
}

// showImports opens Reports → Imports.
func (c *Controller) showImports() {
	if c.imports != nil {
		c.imports.Win.RequestFocus()
		c.imports.Reload()
		return
	}
	var w *calls.Imports
	w = calls.ShowImports(c.app, c.env(c.win), c.callStore(), c.callsChanged, func() {
		if c.imports == w {
			c.imports = nil
		}
	})
	c.imports = w
}

// showMargin opens Reports → Margin.
func (c *Controller) showMargin() {
	if c.margin != nil {
		c.margin.Win.RequestFocus()
		return
	}
	var w *calls.Margin
	w = calls.ShowMargin(c.app, c.env(c.win), c.callStore(), func() {
		if c.margin == w {
			c.margin = nil
		}
	})
	c.margin = w
}

// closeCallWindows closes the Imports and Margin windows, which belong to
// the session being left.
func (c *Controller) closeCallWindows() {
	if c.imports != nil {
		c.imports.Win.Close()
		c.imports = nil
	}
	if c.margin != nil {
		c.margin.Win.Close()
		c.margin = nil
	}
	c.importer = nil
}

// importCallsItem is File → Import calls….
func (c *Controller) importCallsItem() *fyne.MenuItem {
	item := fyne.NewMenuItem(c.tr.T("Import calls…"), c.askImportCalls)
	item.Shortcut = shortcut(fyne.KeyI, fyne.KeyModifierShortcutDefault)
	item.Disabled = !c.session.Rights.Has(model.RightMaintenance)
	return item
}

// callReportItems are Reports → Imports… and Margin….
func (c *Controller) callReportItems() []*fyne.MenuItem {
	imports := fyne.NewMenuItem(c.tr.T("Imports…"), c.showImports)
	imports.Shortcut = shortcut(fyne.KeyI, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	margin := fyne.NewMenuItem(c.tr.T("Margin…"), c.showMargin)
	margin.Shortcut = shortcut(fyne.KeyK, fyne.KeyModifierShortcutDefault)
	return []*fyne.MenuItem{imports, margin}
}
