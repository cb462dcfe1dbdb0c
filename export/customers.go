// Package export writes what the store streams into files people open in
// a spreadsheet. It knows no store and no window: the window passes in
// its texts, already translated, and a function that streams the rows
// (model.Store.StreamCustomers), so tests and benchmarks can feed it too.
package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

// Labels are the words of a customers CSV in the user's language: the
// header (22 columns, as CustomerHeader) and how a yes/no is written.
type Labels struct {
	Header  []string
	Yes, No string
}

// CustomerHeader is the English header of a customers CSV; the window
// translates each word.
var CustomerHeader = []string{"Path", "Name", "Web login", "Tariff", "Currency",
	"Balance", "Balance (USD)", "Credit limit", "Credit limit (USD)",
	"Available", "Available (USD)", "Language", "Time zone", "Company",
	"Contact person", "E-mail", "Phone", "Address", "Notes", "Blocked",
	"Created (UTC)", "Updated (UTC)"}

// Stream calls each once per row, as model.Store.StreamCustomers does.
type Stream func(each func(model.ExportRow) error) error

// batchRows is how many rows go from the reader to the writer at a time:
// enough that handing them over costs nothing next to formatting them.
const batchRows = 512

// CustomersCSV writes one CSV row per streamed customer: its path of names,
// every field but the password, money in its own currency (to its minor
// unit) and in USD (to the cent, through rates; empty when a rate is
// missing). Numbers are plain ("1234.56") for spreadsheets. It returns how
// many customers were written.
//
// The rows are formatted and written on a goroutine of their own while
// stream goes on reading, so on two cores a million customers take about
// as long as reading them does. A write error stops the stream.
func CustomersCSV(w io.Writer, l Labels, rates model.RateTable, stream Stream) (int, error) {
	batches := make(chan []model.ExportRow, 4)
	var failed atomic.Pointer[error]
	written := make(chan int, 1)
	go func() {
		n, err := writeCustomers(w, l, rates, batches)
		if err != nil {
			failed.Store(&err)
			for range batches { // let the reader finish handing over
			}
		}
		written <- n
	}()
	batch := make([]model.ExportRow, 0, batchRows)
	err := stream(func(r model.ExportRow) error {
		if werr := failed.Load(); werr != nil {
			return *werr
		}
		batch = append(batch, r)
		if len(batch) == batchRows {
			batches <- batch
			batch = make([]model.ExportRow, 0, batchRows)
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	n := <-written
	if werr := failed.Load(); werr != nil && err == nil {
		err = *werr
	}
	return n, err
}

// writeCustomers writes the header, then every batch it is given, and
// flushes. It returns how many rows it wrote.
func writeCustomers(w io.Writer, l Labels, rates model.RateTable, batches <-chan []model.ExportRow) (int, error) {
	buf := bufio.NewWriterSize(w, 1<<16)
	out := csv.NewWriter(buf)
	if err := out.Write(l.Header); err != nil {
		return 0, fmt.Errorf("writing CSV: %w", err)
	}
	usd := usdConverter(rates)
	record := make([]string, len(CustomerHeader))
	n := 0
	for batch := range batches {
		for _, r := range batch {
			fillRecord(record, r, l, usd)
			if err := out.Write(record); err != nil {
				return n, fmt.Errorf("writing CSV: %w", err)
			}
			n++
		}
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return n, fmt.Errorf("writing CSV: %w", err)
	}
	if err := buf.Flush(); err != nil {
		return n, fmt.Errorf("writing CSV: %w", err)
	}
	return n, nil
}

// fillRecord writes one customer's cells into record.
func fillRecord(record []string, r model.ExportRow, l Labels, usd func(decimal.Decimal, model.Currency) string) {
	c := r.Customer
	var bal, balUSD, credit, creditUSD, avail, availUSD string
	if c.Currency != "" {
		places := int(c.Currency.MinorUnits())
		b, cr := micros(c.Balance), micros(c.CreditLimit)
		bal, credit, avail = fixed(b, places), fixed(cr, places), fixed(b+cr, places)
		balUSD, creditUSD = usd(c.Balance, c.Currency), usd(c.CreditLimit, c.Currency)
		availUSD = usd(model.FromMicros(b+cr), c.Currency)
	}
	blocked := l.No
	if c.Blocked {
		blocked = l.Yes
	}
	copy(record, []string{
		safeCell(strings.Join(r.Path, " / ")), safeCell(c.Name), safeCell(c.WebLogin), safeCell(c.TariffName),
		string(c.Currency), bal, balUSD, credit, creditUSD, avail, availUSD, c.Language, c.TimeZone,
		safeCell(c.Company), safeCell(c.Contact), safeCell(c.Email), safeCell(c.Phone),
		safeCell(c.Address), safeCell(c.Notes), blocked,
		c.CreatedAt.UTC().Format("2006-01-02 15:04:05"), c.UpdatedAt.UTC().Format("2006-01-02 15:04:05"),
	})
}

// usdConverter returns amount in USD to the cent, or "" without a rate.
func usdConverter(rates model.RateTable) func(decimal.Decimal, model.Currency) string {
	return func(d decimal.Decimal, cur model.Currency) string {
		if cur == model.USD {
			return fixed(micros(d), 2)
		}
		v, err := rates.ToUSD(d, cur)
		if err != nil {
			return ""
		}
		return fixed(micros(v), 2)
	}
}

// micros is an amount the store read (at most six places) in millionths.
// Amounts from the store carry exactly six places, so the coefficient is
// the answer without arithmetic.
func micros(d decimal.Decimal) int64 {
	if d.Exponent() == -model.StorageScale && d.Coefficient().IsInt64() {
		return d.CoefficientInt64()
	}
	return d.Shift(model.StorageScale).IntPart()
}

// fixed writes millionths with places decimals (0 to 6), rounding half
// away from zero as decimal.StringFixed does, with integers only: a
// million customers have six amounts each.
func fixed(m int64, places int) string {
	scale := int64(1)
	for range model.StorageScale - places {
		scale *= 10
	}
	q, r := m/scale, m%scale
	if 2*abs(r) >= scale {
		if m < 0 {
			q--
		} else {
			q++
		}
	}
	neg := q < 0
	digits := strconv.FormatInt(abs(q), 10)
	if places > 0 {
		if len(digits) <= places {
			digits = strings.Repeat("0", places-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-places] + "." + digits[len(digits)-places:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// safeCell keeps a spreadsheet from running text as a formula: a cell that
// starts with = + - @, a tab or a carriage return gets a leading apostrophe.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
