package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/branchbook/branchbook/i18n"
)

// TestWindowsFitTheirDefaultSizeInEveryLanguage checks that the main
// window and the Tariffs window need no more than their default size in
// any language: a window whose content needs more is widened by Fyne past
// its default (and past a small screen), and what does not fit is cut.
func TestWindowsFitTheirDefaultSizeInEveryLanguage(t *testing.T) {
	for _, l := range i18n.Supported {
		t.Run(string(l), func(t *testing.T) {
			c, _, _ := eurCustomer(t)
			// Measured with the program's own theme (fonts and padding),
			// not the test driver's.
			c.app.Settings().SetTheme(Theme())
			c.changeLanguage(l)
			split := c.win.Content().(*container.Split)
			need := split.Leading.MinSize().Width + split.Trailing.MinSize().Width + theme.Padding()
			if need > defaultWidth {
				t.Errorf("the main window needs %.0f px, more than its default %d: tree side %v, details side %v",
					need, defaultWidth, split.Leading.MinSize(), split.Trailing.MinSize())
			}
			// And the divider's place gives each side what it needs.
			c.win.Resize(fyne.NewSize(defaultWidth, defaultHeight))
			for _, side := range []fyne.CanvasObject{split.Leading, split.Trailing} {
				if side.Size().Width < side.MinSize().Width {
					t.Errorf("a side of the main window gets %.0f px of the %.0f it needs", side.Size().Width, side.MinSize().Width)
				}
			}
			c.showTariffs()
			if need := c.tariffs.Win.Content().MinSize(); need.Width > c.tariffs.Win.Canvas().Size().Width {
				t.Errorf("the Tariffs window needs %v, more than its size %v", need, c.tariffs.Win.Canvas().Size())
			}
			// The calls reports.
			c.showImports()
			c.showMargin()
			c.showInvoices()
			for name, w := range map[string]fyne.Window{"Imports": c.imports.Win, "Margin": c.margin.Win, "Invoices": c.invoiceList.Win} {
				if need := w.Content().MinSize(); need.Width > w.Canvas().Size().Width || need.Height > w.Canvas().Size().Height {
					t.Errorf("the %s window needs %v, more than its size %v", name, need, w.Canvas().Size())
				}
			}
			// The invoice dialogs fit the main window at its default size.
			c.win.Resize(fyne.NewSize(defaultWidth, defaultHeight))
			for name, open := range map[string]func(){"My company": c.showMyCompany, "Statement": c.showStatement,
				"Invoice": c.showInvoiceDraft, "Invoice all my customers": c.showInvoiceBatch} {
				open()
				top := c.win.Canvas().Overlays().Top()
				if top == nil {
					t.Errorf("%s opened no dialog", name)
					continue
				}
				if need := top.MinSize(); need.Width > defaultWidth || need.Height > defaultHeight {
					t.Errorf("the %s dialog needs %v, more than the window's %dx%d", name, need, defaultWidth, defaultHeight)
				}
				clearOverlays(c.win)
			}
		})
	}
}
