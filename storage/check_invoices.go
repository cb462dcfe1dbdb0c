package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// checkInvoices proves that every issuer's numbers are gapless (its
// documents, invoices and credit notes together, are numbered from the
// first without a hole up to just before its counter) and that every
// issued document adds up: its lines to its subtotal, subtotal and tax to
// its total, previous balance less payments plus total and rounding to the
// amount due, and the columns beside it to the document it stores.
func (s *Store) checkInvoices(ctx context.Context, r *CheckReport) error {
	rows, err := s.db.QueryContext(ctx, `SELECT i.issuer_id, count(*), min(i.sequence), max(i.sequence), ifnull(c.next_number, 0),
		ifnull(c.first_number, 0)
		FROM invoices i LEFT JOIN companies c ON c.customer_id = i.issuer_id GROUP BY i.issuer_id ORDER BY i.issuer_id`)
	if err != nil {
		return storageErr("checking invoice numbers", err)
	}
	defer rows.Close()
	for rows.Next() {
		var issuer, n, lo, hi, next, first int64
		if err := rows.Scan(&issuer, &n, &lo, &hi, &next, &first); err != nil {
			return storageErr("checking invoice numbers", err)
		}
		if hi-lo+1 != n || next != hi+1 || lo != first {
			r.Mismatches = append(r.Mismatches, fmt.Sprintf(
				"issuer %d: %d documents numbered %d to %d, numbers start at %d, next number %d: not gapless",
				issuer, n, lo, hi, first, next))
		}
	}
	if err := rows.Err(); err != nil {
		return storageErr("checking invoice numbers", err)
	}
	docs, err := s.db.QueryContext(ctx, `SELECT id, number, kind, lines_micros, subtotal_micros, tax_micros, total_micros,
		rounding_micros, amount_due_micros, document FROM invoices ORDER BY id`)
	if err != nil {
		return storageErr("checking invoices", err)
	}
	defer docs.Close()
	for docs.Next() {
		var id int64
		var number, kind, doc string
		var cols [6]int64
		if err := docs.Scan(&id, &number, &kind, &cols[0], &cols[1], &cols[2], &cols[3], &cols[4], &cols[5], &doc); err != nil {
			return storageErr("checking invoices", err)
		}
		r.Invoices++
		var inv model.Invoice
		if err := json.Unmarshal([]byte(doc), &inv); err != nil {
			r.Mismatches = append(r.Mismatches, fmt.Sprintf("invoice %d %s: its document cannot be read: %v", id, number, err))
			continue
		}
		for _, p := range invoiceProblems(inv, kind, number, cols) {
			r.Mismatches = append(r.Mismatches, fmt.Sprintf("invoice %d %s: %s", id, number, p))
		}
	}
	if err := docs.Err(); err != nil {
		return storageErr("checking invoices", err)
	}
	return s.checkInvoiceEntries(ctx, r)
}

// checkInvoiceEntries proves that every invoice with tax booked it on its
// recipient, and every credit note its credit, exactly once and of the
// document's amount.
func (s *Store) checkInvoiceEntries(ctx context.Context, r *CheckReport) error {
	rows, err := s.db.QueryContext(ctx, `SELECT i.id, i.number, i.kind, i.tax_micros, i.total_micros, e.booked_micros,
			e.customer_id IS i.recipient_customer_id AND e.account_id IS i.recipient_account_id
		FROM invoices i LEFT JOIN entries e ON e.id = i.entry_id
		WHERE i.entry_id IS NOT NULL OR (i.kind = 'invoice' AND i.tax_micros <> 0) OR i.kind = 'credit_note'
		ORDER BY i.id`)
	if err != nil {
		return storageErr("checking invoice entries", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, tax, total int64
		var number, kind string
		var booked sql.NullInt64
		var same sql.NullBool
		if err := rows.Scan(&id, &number, &kind, &tax, &total, &booked, &same); err != nil {
			return storageErr("checking invoice entries", err)
		}
		want := -tax // an invoice's tax is a charge
		if kind == string(model.KindCreditNote) {
			want = total // a credit note's credit
		}
		if !booked.Valid || booked.Int64 != want || !same.Bool {
			r.Mismatches = append(r.Mismatches, fmt.Sprintf("invoice %d %s: its entry on the recipient books %s, want %s",
				id, number, model.FromMicros(booked.Int64), model.FromMicros(want)))
		}
	}
	return rows.Err()
}

// invoiceProblems lists what does not add up in one stored document.
func invoiceProblems(inv model.Invoice, kind, number string, cols [6]int64) []string {
	var out []string
	var lines decimal.Decimal
	for _, l := range inv.Lines {
		lines = lines.Add(l.Amount)
	}
	if !lines.Equal(inv.Subtotal) {
		out = append(out, fmt.Sprintf("lines sum to %s, subtotal %s", lines, inv.Subtotal))
	}
	if !inv.Subtotal.Add(inv.Tax).Equal(inv.Total) {
		out = append(out, fmt.Sprintf("subtotal %s and tax %s, total %s", inv.Subtotal, inv.Tax, inv.Total))
	}
	if kind == string(model.KindInvoice) {
		if due := inv.Previous.Sub(inv.Payments).Add(inv.Total).Add(inv.Rounding); !due.Equal(inv.AmountDue) {
			out = append(out, fmt.Sprintf("previous - payments + total + rounding = %s, amount due %s", due, inv.AmountDue))
		}
	}
	if string(inv.Kind) != kind || inv.Number != number {
		out = append(out, fmt.Sprintf("the document says %s %s", inv.Kind, inv.Number))
	}
	for i, v := range []decimal.Decimal{lines, inv.Subtotal, inv.Tax, inv.Total, inv.Rounding, inv.AmountDue} {
		if m, err := model.ToMicros(v); err != nil || m != cols[i] {
			name := []string{"lines", "subtotal", "tax", "total", "rounding", "amount due"}[i]
			out = append(out, fmt.Sprintf("%s stored as %s, the document says %s", name, model.FromMicros(cols[i]), v))
		}
	}
	return out
}
