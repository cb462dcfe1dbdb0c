package ui

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

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
			return store.ExportCustomers(context.Background(), sess, each)
		})
	}
}

func writeCustomersCSV(w io.Writer, tr *i18n.Translator, rates model.RateTable,
	export func(func(model.ExportRow) error) error) (int, error) {
	out := csv.NewWriter(w)
	header := []string{tr.T("Path"), tr.T("Name"), tr.T("Web login"), tr.T("Tariff"), tr.T("Currency"),
		tr.T("Balance"), tr.T("Balance (USD)"), tr.T("Credit limit"), tr.T("Credit limit (USD)"),
		tr.T("Available"), tr.T("Available (USD)"), tr.T("Language"), tr.T("Time zone"), tr.T("Company"),
		tr.T("Contact person"), tr.T("E-mail"), tr.T("Phone"), tr.T("Address"), tr.T("Notes"), tr.T("Blocked"),
		tr.T("Created (UTC)"), tr.T("Updated (UTC)")}
	if err := out.Write(header); err != nil {
		return 0, err
	}
	n := 0
	err := export(func(r model.ExportRow) error {
		cust := r.Customer
		money := func(d decimal.Decimal) (native, usd string) {
			if cust.Currency == "" {
				return "", ""
			}
			native = d.StringFixed(cust.Currency.MinorUnits())
			if v, err := rates.ToUSD(d, cust.Currency); err == nil {
				usd = v.StringFixed(model.USD.MinorUnits())
			}
			return native, usd
		}
		bal, balUSD := money(cust.Balance)
		credit, creditUSD := money(cust.CreditLimit)
		avail, availUSD := money(cust.Available())
		blocked := tr.T("No")
		if cust.Blocked {
			blocked = tr.T("Yes")
		}
		n++
		return out.Write([]string{
			safeCell(strings.Join(r.Path, " / ")), safeCell(cust.Name), safeCell(cust.WebLogin), safeCell(cust.TariffName),
			string(cust.Currency), bal, balUSD, credit, creditUSD, avail, availUSD, cust.Language, cust.TimeZone,
			safeCell(cust.Company), safeCell(cust.Contact), safeCell(cust.Email), safeCell(cust.Phone),
			safeCell(cust.Address), safeCell(cust.Notes), blocked,
			cust.CreatedAt.UTC().Format("2006-01-02 15:04:05"), cust.UpdatedAt.UTC().Format("2006-01-02 15:04:05"),
		})
	})
	if err != nil {
		return n, err
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return n, fmt.Errorf("writing CSV: %w", err)
	}
	return n, nil
}

// safeCell keeps a spreadsheet from running text as a formula: a cell that
// starts with = + - @ or a tab gets a leading apostrophe.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
