package customers

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

// AskExport asks where to write the CSV of the visible tree.
func (s *Screens) AskExport() {
	tr := s.tr
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.env.ShowError(err)
			return
		}
		if w == nil {
			return
		}
		widgets.WriteInBackground(s.env, w, tr.T("Exporting customers…"), s.customersWriter(), func(n int) {
			s.env.ShowInfo(tr.T("Customers exported"), tr.T("%d customers written to %s.", n, w.URI().Path()))
		})
	}, s.win)
	d.SetFileName("customers.csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.ShowFileDialog(s.win, d)
}

// customersWriter writes one CSV row per customer of the visible tree: its
// path, every field but the password, money in its own currency and in USD.
// Numbers are written plainly ("1234.56") for spreadsheets; the headers are
// in the user's language. The file, session, language and rates are taken
// now, on the UI goroutine: the writer runs off it, while the window may
// sign out or switch files.
func (s *Screens) customersWriter() widgets.Export {
	store, sess, tr, rates := s.store, s.session(), s.tr, s.env.Rates()
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
