package ui

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
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
		c.writeInBackground(w, tr.T("Exporting customers…"), c.customersWriter(), func(n int) {
			widgets.ShowInfo(c.win, c.tr, tr.T("Customers exported"), tr.T("%d customers written to %s.", n, w.URI().Path()))
		})
	}, c.win)
	d.SetFileName("customers.csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	d.Show()
}

// writeInBackground runs write (an export of 100,000 rows takes seconds)
// off the UI goroutine behind a busy bar, closes the file, and then reports
// an error or calls done with how many rows were written.
func (c *Controller) writeInBackground(w fyne.URIWriteCloser, busy string, write func(io.Writer) (int, error), done func(n int)) {
	wait := dialog.NewCustomWithoutButtons(busy, widget.NewProgressBarInfinite(), c.win)
	wait.Show()
	c.background(func() {
		n, err := write(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				c.showError(err)
				return
			}
			done(n)
		})
	})
}

// exportCustomers writes one CSV row per customer of the visible tree: its
// path, every field but the password, money in its own currency and in USD.
// Numbers are written plainly ("1234.56") for spreadsheets; the headers are
// in the user's language.
func (c *Controller) exportCustomers(w io.Writer) (int, error) { return c.customersWriter()(w) }

// customersWriter is exportCustomers with the file, session, language and
// rates taken now, on the UI goroutine: it runs off it, while the window
// may sign out or switch files.
func (c *Controller) customersWriter() func(io.Writer) (int, error) {
	store, sess, tr, rates := c.store, c.session, c.tr, c.rates
	return func(w io.Writer) (int, error) {
		return writeCustomersCSV(w, tr, rates, func(each func(model.ExportRow) error) error {
			return store.StreamCustomers(context.Background(), sess, nil, each)
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
