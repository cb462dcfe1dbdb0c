package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// IssueCreditNote corrects an issued invoice of the session's customer by
// an amount: positive, in the invoice's currency and minor unit, at most
// what the invoice still credits (its total less the credit notes already
// issued for it). In the same transaction it takes the issuer's next
// number and books a "credit" entry of the amount on the recipient (its
// notes name the credit note), so what the recipient owes goes down by it
// in the ledger too.
func (s *Store) IssueCreditNote(ctx context.Context, sess model.Session, in model.CreditNoteInput) (model.Invoice, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	var note model.Invoice
	var again model.ID
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.permitTx(ctx, tx, sess, model.RightInvoices); err != nil {
			return err
		}
		if in.Key != "" {
			switch err := tx.QueryRowContext(ctx, `SELECT id FROM invoices WHERE idempotency_key = ?`, in.Key).Scan(&again); {
			case err == nil:
				return nil
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		var doc string
		var left int64
		err := tx.QueryRowContext(ctx, `SELECT i.document, i.total_micros
				- ifnull((SELECT sum(n.total_micros) FROM invoices n WHERE n.credit_for = i.id), 0)
			FROM invoices i WHERE i.id = ? AND i.issuer_id = ? AND i.kind = 'invoice'`, in.Invoice, sess.CustomerID).Scan(&doc, &left)
		if errors.Is(err, sql.ErrNoRows) {
			return model.ErrNotFound
		}
		if err != nil {
			return err
		}
		var inv model.Invoice
		if err := json.Unmarshal([]byte(doc), &inv); err != nil {
			return err
		}
		switch {
		case !in.Amount.IsPositive():
			return model.FieldError("amount", model.CodeOutOfRange, map[string]any{"min": 0})
		case !in.Amount.Equal(model.RoundToMinor(in.Amount, inv.Currency)):
			return model.FieldError("amount", model.CodeTooPrecise, map[string]any{"places": inv.Currency.MinorUnits()})
		case in.Amount.GreaterThan(model.FromMicros(left)):
			return model.FieldError("amount", model.CodeOutOfRange, map[string]any{"max": model.FromMicros(left)})
		case in.Reason == "":
			return model.FieldError("reason", model.CodeRequired, nil)
		case len([]rune(in.Reason)) > model.MaxEntryNotesLen:
			return model.FieldError("reason", model.CodeTooLong, map[string]any{"max": model.MaxEntryNotesLen})
		}
		r, err := invoiceRecipient(ctx, tx, sess, inv.Recipient.Holder)
		if err != nil {
			return err
		}
		issuer, err := effectiveCompany(ctx, tx, sess.CustomerID)
		if err != nil {
			return err
		}
		// The credit note shows the invoice's parties as they were, with
		// the issue's date; the amount is a single line, taxes included.
		at := s.now().UTC().Truncate(1e9)
		note = model.Invoice{Kind: model.KindCreditNote, Issuer: inv.Issuer, Recipient: inv.Recipient, Language: inv.Language,
			TimeZone: inv.TimeZone, Paper: inv.Paper, Currency: inv.Currency, From: inv.From, To: inv.To, Issued: at,
			Due: at.AddDate(0, 0, issuer.PaymentTermsDays), Lines: []model.InvoiceLine{{Kind: model.EntryCredit,
				Description: in.Reason, At: at, Amount: in.Amount}},
			Subtotal: in.Amount, TaxName: inv.TaxName, TaxRate: decimal.Zero, Tax: decimal.Zero, Total: in.Amount,
			AmountDue: in.Amount.Neg(), CreditFor: inv.ID, CreditForNumber: inv.Number, Notes: in.Reason}
		note.CreditFor = in.Invoice
		// The ledger credit first, so the document can name it.
		l, err := s.anyLedger(ctx, tx, r.holder)
		if err != nil {
			return err
		}
		amount, _ := model.ToMicros(in.Amount)
		entry, _, err := s.book(ctx, tx, sess, l, model.EntryCredit, amount, inv.Currency, "1", amount,
			"credit note for "+inv.Number+": "+in.Reason, 0, "", at)
		if err != nil {
			return err
		}
		note, err = s.insertDocument(ctx, tx, sess, note, r, in.Key, entry)
		if err != nil {
			return err
		}
		note.Status, note.Paid = model.StatusPaid, decimal.Zero
		return nil
	})
	if err != nil {
		return model.Invoice{}, err
	}
	if again == 0 {
		again = note.ID
	}
	return s.Invoice(ctx, sess, again)
}
