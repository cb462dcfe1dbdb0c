package ui

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"github.com/branchbook/branchbook/export"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// askExportCustomers asks where to write the CSV of the visible tree.
func (c *Controller) askExportCustomers() {
	tr := c.tr
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			c.showError(err)
			return
		}
		if w == nil {
			return
		}
		widgets.WriteInBackground(c.env(c.win), w, tr.T("Exporting customers…"), c.customersWriter(), func(n int) {
			widgets.ShowInfo(c.win, c.tr, tr.T("Customers exported"), tr.T("%d customers written to %s.", n, w.URI().Path()))
		})
	}, c.win)
	d.SetFileName("customers.csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	d.Show()
}

// exportCustomers writes one CSV row per customer of the visible tree: its
// path, every field but the password, money in its own currency and in USD.
// Numbers are written plainly ("1234.56") for spreadsheets; the headers are
// in the user's language.
func (c *Controller) exportCustomers(w io.Writer) (int, error) {
	return c.customersWriter()(context.Background(), w, nil)
}

// customersWriter is exportCustomers with the file, session, language and
// rates taken now, on the UI goroutine: it runs off it, while the window
// may sign out or switch files.
func (c *Controller) customersWriter() widgets.Export {
	store, sess, tr, rates := c.store, c.session, c.tr, c.rates
	return func(ctx context.Context, w io.Writer, progress func(done, total int)) (int, error) {
		return writeCustomersCSV(w, tr, rates, func(each func(model.ExportRow) error) error {
			return store.StreamCustomers(ctx, sess, progress, each)
		})
	}
}

func writeCustomersCSV(w io.Writer, tr *i18n.Translator, rates model.RateTable,
	stream func(func(model.ExportRow) error) error) (int, error) {
	header := make([]string, len(export.CustomerHeader))
	for i, h := range export.CustomerHeader {
		header[i] = tr.T(h)
	}
	return export.CustomersCSV(w, export.Labels{Header: header, Yes: tr.T("Yes"), No: tr.T("No")}, rates, stream)
}
