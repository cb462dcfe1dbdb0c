package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// InvoiceAll implements model.InvoiceBatcher: every direct customer and
// own account of the session's customer with something to bill in [from,
// to) (calls made in it, debits booked in it, calls or debits booked late)
// gets an invoice for the period, each issued in its own transaction. One with an invoice overlapping the period is skipped;
// one that cannot be invoiced is listed with why and the rest go on. The
// invoices returned leave their lines and logos out (Invoice reads one
// whole) and say open: the status of each is read with it.
func (s *Store) InvoiceAll(ctx context.Context, sess model.Session, from, to time.Time,
	progress func(done, total int)) ([]model.Invoice, int, []model.BatchFailure, error) {
	if err := s.permit(ctx, sess, model.RightInvoices); err != nil {
		return nil, 0, nil, err
	}
	if err := checkPeriod(from, to); err != nil {
		return nil, 0, nil, err
	}
	type who struct {
		holder model.Holder
		name   string
	}
	f, t := formatTime(from), formatTime(to)
	// Candidates: calls that started in the period, or calls and debits
	// booked from its start on (late ones among them); a candidate whose
	// draft has no line is left alone.
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, 0, c.name FROM customers c
		WHERE c.parent_id = ? AND c.archived_at IS NULL AND (EXISTS (SELECT 1 FROM call_charges cc INDEXED BY call_charges_customer
			WHERE cc.holder_id = c.id AND cc.level > 0 AND cc.start >= ? AND cc.start < ?)
			OR EXISTS (SELECT 1 FROM entries e INDEXED BY entries_customer
			WHERE e.customer_id = c.id AND e.kind IN ('calls', 'debit') AND e.created_at >= ?))
		UNION ALL
		SELECT 0, a.id, a.username FROM accounts a
		WHERE a.customer_id = ? AND a.archived_at IS NULL AND (EXISTS (SELECT 1 FROM calls k INDEXED BY calls_account
			WHERE k.account_id = a.id AND k.start >= ? AND k.start < ? AND k.reason IS NULL)
			OR EXISTS (SELECT 1 FROM entries e INDEXED BY entries_account
			WHERE e.account_id = a.id AND e.kind IN ('calls', 'debit') AND e.created_at >= ?))`,
		sess.CustomerID, f, t, f, sess.CustomerID, f, t, f)
	list, err := collect("finding whom to invoice", rows, err, func(r *sql.Rows) (who, error) {
		var w who
		return w, r.Scan(&w.holder.Customer, &w.holder.Account, &w.name)
	})
	if err != nil {
		return nil, 0, nil, err
	}
	var issued []model.Invoice
	var failures []model.BatchFailure
	skipped := 0
	for i, w := range list {
		if progress != nil {
			progress(i, len(list))
		}
		if err := ctx.Err(); err != nil {
			return issued, skipped, failures, err
		}
		if err := overlapFree(ctx, s.cached(nil), w.holder, from, to); err != nil {
			if model.CodeOf(err) == model.CodeDuplicate {
				skipped++
				continue
			}
			return issued, skipped, failures, storageErr("finding whom to invoice", err)
		}
		inv, err := s.issueInvoice(ctx, sess, model.InvoiceInput{Recipient: w.holder, From: from, To: to}, true)
		switch {
		case errors.Is(err, errNothingToBill):
			// nothing of the period is theirs to pay
		case err == nil:
			inv.Lines, inv.Issuer.Logo, inv.Recipient.Logo = nil, nil, nil
			inv.Paid, inv.Credited = decimal.Zero, decimal.Zero
			issued = append(issued, inv)
		case model.CodeOf(err) == model.CodeDuplicate:
			skipped++ // issued from elsewhere meanwhile
		case ctx.Err() != nil:
			return issued, skipped, failures, ctx.Err()
		default:
			failures = append(failures, model.BatchFailure{Recipient: w.holder, Name: w.name, Err: err})
		}
	}
	if progress != nil {
		progress(len(list), len(list))
	}
	return issued, skipped, failures, nil
}

var _ model.InvoiceBatcher = (*Store)(nil)
