package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// recipient is what an invoice needs to know of whom it is for.
type recipient struct {
	holder   model.Holder
	name     string
	currency model.Currency
	path     string // the customer's, or the account's customer's
	language string
	zone     string
	party    model.Party
	// watermark is the newest entry the draft saw; an issued invoice
	// keeps it (seen_entry).
	watermark model.ID
}

// invoiceRecipient reads a direct customer of the session's customer or one
// of its own accounts. Outside the subtree: not found; inside but not
// directly below: not permitted.
func invoiceRecipient(ctx context.Context, q dbtx, sess model.Session, h model.Holder) (recipient, error) {
	lo, hi := subtree(sess.Path)
	var r recipient
	r.holder = h
	var owner model.ID
	var cur string
	if h.IsAccount() {
		var desc string
		err := q.QueryRowContext(ctx, `SELECT a.customer_id, a.username, a.description, a.currency, c.path, c.language, c.time_zone
			FROM accounts a JOIN customers c ON c.id = a.customer_id
			WHERE a.id = ? AND a.archived_at IS NULL AND c.archived_at IS NULL AND c.path >= ? AND c.path < ?`, h.Account, lo, hi).
			Scan(&owner, &r.name, &desc, &cur, &r.path, &r.language, &r.zone)
		if errors.Is(err, sql.ErrNoRows) {
			return r, model.ErrNotFound
		}
		if err != nil {
			return r, err
		}
		if owner != sess.CustomerID {
			return r, model.ErrNotPermitted
		}
		r.currency = model.Currency(cur)
		r.party = model.Party{Holder: h, Name: r.name, LegalName: desc}
		return r, nil
	}
	var parent model.ID
	var company, email, phone, address string
	err := q.QueryRowContext(ctx, `SELECT ifnull(parent_id, 0), name, ifnull(currency, ''), path, language, time_zone,
			company, email, phone, address
		FROM customers WHERE id = ? AND archived_at IS NULL AND path >= ? AND path < ?`, h.Customer, lo, hi).
		Scan(&parent, &r.name, &cur, &r.path, &r.language, &r.zone, &company, &email, &phone, &address)
	if errors.Is(err, sql.ErrNoRows) {
		return r, model.ErrNotFound
	}
	if err != nil {
		return r, err
	}
	if parent != sess.CustomerID {
		return r, model.ErrNotPermitted
	}
	r.currency = model.Currency(cur)
	own, _, err := companyOf(ctx, q, h.Customer)
	if err != nil {
		return r, err
	}
	pick := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	r.party = model.Party{Holder: h, Name: r.name, LegalName: pick(own.LegalName, company), Address: pick(own.Address, address),
		TaxNumber: own.TaxNumber, Email: pick(own.Email, email), Phone: pick(own.Phone, phone), Bank: own.BankDetails}
	return r, nil
}

// holderWhere is the entries condition of a holder.
func holderWhere(h model.Holder) (string, any) {
	if h.IsAccount() {
		return "account_id = ?", h.Account
	}
	return "customer_id = ?", h.Customer
}

// balanceBefore is the sum of a holder's entries booked before t.
func balanceBefore(ctx context.Context, q dbtx, h model.Holder, t time.Time) (int64, error) {
	w, id := holderWhere(h)
	var sum int64
	index := "entries_customer"
	if h.IsAccount() {
		index = "entries_account"
	}
	err := q.QueryRowContext(ctx, `SELECT ifnull(sum(booked_micros), 0) FROM entries INDEXED BY `+index+` WHERE `+w+` AND created_at < ?`,
		id, formatTime(t)).Scan(&sum)
	return sum, err
}

// periodEntry is one entry of a holder in a period.
type periodEntry struct {
	id       model.ID
	kind     model.EntryKind
	notes    string
	booked   int64
	at       time.Time
	payment  bool // add_funds, or a reversal of one
	reversed model.EntryKind
	note     bool // the credit a credit note booked
	tax      bool // the tax an issued invoice booked: owed from then on, never a line again
}

// periodEntries reads a holder's entries booked in [from, to), oldest first.
func periodEntries(ctx context.Context, q dbtx, h model.Holder, from, to time.Time) ([]periodEntry, error) {
	w, id := holderWhere(h)
	index := "entries_customer"
	if h.IsAccount() {
		index = "entries_account"
	}
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.kind, e.notes, e.booked_micros, e.created_at, ifnull(o.kind, ''),
			`+documentKind+`
		FROM entries e INDEXED BY `+index+` LEFT JOIN entries o ON o.id = e.reverses_id
		WHERE e.`+w+` AND e.created_at >= ? AND e.created_at < ? ORDER BY e.id`, id, formatTime(from), formatTime(to))
	return collect("reading entries", rows, err, scanPeriodEntry)
}

// documentKind is the kind of the issued document that booked an entry e
// (” for none): a credit note's credit, or an invoice's tax.
const documentKind = `ifnull((SELECT n.kind FROM invoices n WHERE n.entry_id = e.id), '')`

// scanPeriodEntry reads a row of id, kind, notes, booked, created at, the
// reversed entry's kind and the kind of document that booked it.
func scanPeriodEntry(r *sql.Rows) (periodEntry, error) {
	var e periodEntry
	var kind, at, rev, doc string
	err := r.Scan(&e.id, &kind, &e.notes, &e.booked, &at, &rev, &doc)
	e.kind, e.at, e.reversed = model.EntryKind(kind), parseTime(at), model.EntryKind(rev)
	e.note = doc == string(model.KindCreditNote)
	e.tax = doc == string(model.KindInvoice)
	e.payment = e.kind == model.EntryAddFunds || e.kind == model.EntryReversal && e.reversed == model.EntryAddFunds
	return e, err
}

// destination is the calls of one destination prefix in a period.
type destination struct {
	prefix  string
	calls   int
	seconds int
	micros  int64
	last    time.Time
}

// periodCalls groups by destination the holder's own charges (its level of
// each call) of the imports whose "calls" entry was booked in [from, to):
// the same calls the ledger charged in the period, so the lines add up to
// its entries. Charges of a batch with no entry (a total of 0) are left
// out with it.
func periodCalls(ctx context.Context, q dbtx, h model.Holder, from, to time.Time) ([]destination, error) {
	var query string
	var id model.ID
	// From the holder's "calls" entries of the period to their batches
	// (entry_id is unique) to the charges of each batch through the
	// holder's index between its first and last start; CROSS JOIN keeps
	// that order whatever the statistics say.
	if h.IsAccount() {
		id = h.Account
		query = `SELECT cc.prefix, count(*), sum(cc.billed_seconds), sum(cc.cost_micros), max(cc.start)
			FROM entries e INDEXED BY entries_account CROSS JOIN call_batches b ON b.entry_id = e.id
			CROSS JOIN calls c ON c.account_id = b.account_id AND c.start BETWEEN b.first_start AND b.last_start
			CROSS JOIN call_charges cc ON cc.call_id = c.id AND cc.level = 0 AND cc.batch_id = b.id
			WHERE e.account_id = ? AND e.kind = 'calls' AND e.created_at >= ? AND e.created_at < ?
			GROUP BY cc.prefix ORDER BY cc.prefix`
	} else {
		id = h.Customer
		query = `SELECT cc.prefix, count(*), sum(cc.billed_seconds), sum(cc.cost_micros), max(cc.start)
			FROM entries e INDEXED BY entries_customer CROSS JOIN call_batches b ON b.entry_id = e.id
			CROSS JOIN call_charges cc INDEXED BY call_charges_customer ON cc.holder_id = b.customer_id AND cc.level > 0
				AND cc.start BETWEEN b.first_start AND b.last_start AND cc.batch_id = b.id
			WHERE e.customer_id = ? AND e.kind = 'calls' AND e.created_at >= ? AND e.created_at < ?
			GROUP BY cc.prefix ORDER BY cc.prefix`
	}
	rows, err := q.QueryContext(ctx, query, id, formatTime(from), formatTime(to))
	return collect("reading calls", rows, err, func(r *sql.Rows) (destination, error) {
		var d destination
		var last string
		err := r.Scan(&d.prefix, &d.calls, &d.seconds, &d.micros, &last)
		d.last = parseTime(last)
		return d, err
	})
}

// checkPeriod refuses an empty or reversed period.
func checkPeriod(from, to time.Time) error {
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return model.FieldError("period", model.CodeInvalid, nil)
	}
	return nil
}

// draft works out an invoice from the ledger, through q (the pool for a
// preview, the issuing transaction for an issue).
func (s *Store) draft(ctx context.Context, q dbtx, sess model.Session, in model.InvoiceInput) (model.Invoice, recipient, error) {
	if err := checkPeriod(in.From, in.To); err != nil {
		return model.Invoice{}, recipient{}, err
	}
	r, err := invoiceRecipient(ctx, q, sess, in.Recipient)
	if err != nil {
		return model.Invoice{}, r, err
	}
	if r.currency == "" {
		return model.Invoice{}, r, model.FieldError("currency", model.CodeRequired, nil)
	}
	issuer, err := effectiveCompany(ctx, q, sess.CustomerID)
	if err != nil {
		return model.Invoice{}, r, err
	}
	var issuerName string
	if err := q.QueryRowContext(ctx, `SELECT name FROM customers WHERE id = ?`, sess.CustomerID).Scan(&issuerName); err != nil {
		return model.Invoice{}, r, err
	}
	issued := in.Issued
	if issued.IsZero() {
		issued = s.now()
	}
	issued = issued.UTC().Truncate(time.Second)
	inv := model.Invoice{
		Kind:   model.KindInvoice,
		Status: model.StatusDraft,
		Issuer: model.Party{Holder: model.CustomerLedger(sess.CustomerID), Name: issuerName, LegalName: issuer.LegalName,
			Address: issuer.Address, TaxNumber: issuer.TaxNumber, Email: issuer.Email, Phone: issuer.Phone,
			Bank: issuer.BankDetails, Logo: issuer.Logo},
		Recipient: r.party,
		Language:  r.language,
		TimeZone:  r.zone,
		Paper:     issuer.Paper,
		Currency:  r.currency,
		From:      in.From.UTC(),
		To:        in.To.UTC(),
		Issued:    issued,
		Due:       issued.AddDate(0, 0, issuer.PaymentTermsDays),
		TaxName:   issuer.TaxName,
		TaxRate:   issuer.TaxRate,
		Notes:     strings.TrimSpace(in.Notes),
	}
	b, err := billPeriod(ctx, q, r.holder, in.From, in.To)
	if err != nil {
		return model.Invoice{}, r, err
	}
	r.watermark = b.watermark
	before := b.before
	for _, d := range b.dests {
		inv.Lines = append(inv.Lines, model.InvoiceLine{Kind: model.EntryCalls, Prefix: d.prefix, Calls: d.calls,
			Seconds: d.seconds, At: d.last, Amount: model.FromMicros(d.micros)})
	}
	if b.late.calls != 0 {
		inv.Lines = append(inv.Lines, model.InvoiceLine{Kind: model.EntryCalls, Late: model.LateBooked, Calls: b.late.calls,
			Seconds: b.late.seconds, At: b.late.last, Amount: model.FromMicros(b.late.micros)})
	}
	if b.undone.calls != 0 {
		inv.Lines = append(inv.Lines, model.InvoiceLine{Kind: model.EntryCalls, Late: model.LateUndone, Calls: b.undone.calls,
			Seconds: b.undone.seconds, At: b.undone.last, Amount: model.FromMicros(-b.undone.micros)})
	}
	var payments int64
	for _, e := range b.entries {
		switch {
		case e.payment, e.note:
			// A credit note's credit is with the payments: it lowered
			// what the invoice it corrects owes, not this one's lines.
			payments += e.booked
		case e.kind == model.EntryOpening, e.tax:
			// The balance it was opened with, or an earlier invoice's
			// tax: owed before any line.
			before += e.booked
		default:
			// Debits, credits (a credit note's among them), reversals of
			// anything but a payment or calls: a line each, charges
			// positive.
			inv.Lines = append(inv.Lines, model.InvoiceLine{Kind: e.kind, Description: e.notes, At: e.at,
				Amount: model.FromMicros(-e.booked)})
		}
	}
	inv.Previous = model.FromMicros(-before)
	inv.Payments = model.FromMicros(payments)
	inv.RoundForPaper()
	return inv, r, nil
}

// DraftInvoice works out an invoice without storing it.
func (s *Store) DraftInvoice(ctx context.Context, sess model.Session, in model.InvoiceInput) (model.Invoice, error) {
	if err := s.permit(ctx, sess, model.RightInvoices); err != nil {
		return model.Invoice{}, err
	}
	inv, _, err := s.draft(ctx, s.cached(nil), sess, in)
	if err != nil {
		return model.Invoice{}, invoiceErr("working out an invoice", err)
	}
	return inv, nil
}

// invoiceErr passes model errors and wraps the rest.
func invoiceErr(doing string, err error) error {
	var me *model.Error
	var mes model.Errors
	if errors.As(err, &me) || errors.As(err, &mes) {
		return err
	}
	return storageErr(doing, err)
}

// IssueInvoice stores an invoice, immutable, with the issuer's next number,
// in one transaction, and returns it as it will always read.
func (s *Store) IssueInvoice(ctx context.Context, sess model.Session, in model.InvoiceInput) (model.Invoice, error) {
	inv, err := s.issueInvoice(ctx, sess, in, false)
	if err != nil {
		return model.Invoice{}, err
	}
	return s.Invoice(ctx, sess, inv.ID)
}

// issueInvoice is IssueInvoice returning the document as it was stored,
// its status open (a batch has no use for the status, and reading it back
// would cost as much as issuing it); a key already used returns just the
// id of the document issued with it. With skipEmpty, a draft with no line
// is not issued: errNothingToBill.
func (s *Store) issueInvoice(ctx context.Context, sess model.Session, in model.InvoiceInput, skipEmpty bool) (model.Invoice, error) {
	var inv model.Invoice
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
		q := s.cached(tx)
		d, r, err := s.draft(ctx, q, sess, in)
		if err != nil {
			return err
		}
		if err := overlapFree(ctx, q, r.holder, d.From, d.To); err != nil {
			return err
		}
		if skipEmpty && len(d.Lines) == 0 {
			return errNothingToBill
		}
		if d.Issuer.LegalName == "" {
			return model.FieldError("legal_name", model.CodeRequired, map[string]any{"company": true})
		}
		tax, err := s.bookTax(ctx, tx, sess, d, r)
		if err != nil {
			return err
		}
		inv, err = s.insertDocument(ctx, tx, sess, d, r, in.Key, tax)
		return err
	})
	if err != nil {
		return model.Invoice{}, err
	}
	if again != 0 {
		return model.Invoice{ID: again}, nil
	}
	return inv, nil
}

// bookTax books an invoice's tax on the recipient as a debit, so the
// ledger owes what the invoice asks (its lines are in the ledger already,
// the tax is not) and the next invoice's previous balance holds it. It
// returns the entry, 0 for an invoice without tax.
func (s *Store) bookTax(ctx context.Context, tx *sql.Tx, sess model.Session, d model.Invoice, r recipient) (model.ID, error) {
	tax, err := model.ToMicros(d.Tax)
	if err != nil || tax == 0 {
		return 0, err
	}
	var number string
	if err := tx.QueryRowContext(ctx, `SELECT invoice_prefix || next_number FROM companies WHERE customer_id = ?`,
		sess.CustomerID).Scan(&number); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, model.FieldError("legal_name", model.CodeRequired, map[string]any{"company": true})
		}
		return 0, err
	}
	l, err := s.anyLedger(ctx, tx, r.holder)
	if err != nil {
		return 0, err
	}
	notes := fmt.Sprintf("tax on invoice %s: %s %s %%", number, d.TaxName, d.TaxRate.String())
	entry, _, err := s.book(ctx, tx, sess, l, model.EntryDebit, tax, d.Currency, "1", -tax, strings.TrimSpace(notes), 0, "", s.now())
	return entry, err
}

// errNothingToBill is a batch's draft with no line: not issued.
var errNothingToBill = errors.New("nothing to bill in the period")

// overlapFree refuses a period overlapping an issued invoice of the holder
// (the trigger refuses it too; this says so on the field).
func overlapFree(ctx context.Context, q dbtx, h model.Holder, from, to time.Time) error {
	col, id := "recipient_customer_id", h.Customer
	if h.IsAccount() {
		col, id = "recipient_account_id", h.Account
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM invoices WHERE `+col+` = ? AND kind = 'invoice'
		AND period_from < ? AND ? < period_to`, id, formatTime(to), formatTime(from)).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return model.FieldError("period", model.CodeDuplicate, nil)
	}
	return nil
}

// insertDocument takes the issuer's next number and stores the document.
func (s *Store) insertDocument(ctx context.Context, tx *sql.Tx, sess model.Session, d model.Invoice, r recipient, key string,
	entry model.ID) (model.Invoice, error) {
	var seq int64
	var prefix string
	q := s.cached(tx)
	err := q.QueryRowContext(ctx, `UPDATE companies SET next_number = next_number + 1 WHERE customer_id = ?
		RETURNING next_number - 1, invoice_prefix`, sess.CustomerID).Scan(&seq, &prefix)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Invoice{}, model.FieldError("legal_name", model.CodeRequired, map[string]any{"company": true})
	}
	if err != nil {
		return model.Invoice{}, err
	}
	d.Number = prefix + strconv.FormatInt(seq, 10)
	d.Status, d.Paid, d.Credited = "", decimal.Zero, decimal.Zero // derived when read, never stored
	doc, err := json.Marshal(d)
	if err != nil {
		return model.Invoice{}, err
	}
	var lines decimal.Decimal
	for _, l := range d.Lines {
		lines = lines.Add(l.Amount)
	}
	micros := func(v decimal.Decimal) int64 { m, _ := model.ToMicros(v); return m }
	search := strings.ToLower(d.Number + " " + d.Recipient.Name + " " + d.Recipient.LegalName + " " + d.Issuer.Name + " " +
		d.Issuer.LegalName)
	err = q.QueryRowContext(ctx, `INSERT INTO invoices (issuer_id, recipient_customer_id, recipient_account_id, kind, number,
			sequence, period_from, period_to, issued_at, due_at, currency, lines_micros, subtotal_micros, tax_micros,
			total_micros, rounding_micros, amount_due_micros, credit_for, entry_id, search, document, idempotency_key, created_by,
			seen_entry)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		sess.CustomerID, nullID(r.holder.Customer), nullID(r.holder.Account), string(d.Kind), d.Number, seq,
		formatTime(d.From), formatTime(d.To), formatTime(d.Issued), formatTime(d.Due), string(d.Currency),
		micros(lines), micros(d.Subtotal), micros(d.Tax), micros(d.Total), micros(d.Rounding), micros(d.AmountDue),
		nullID(d.CreditFor), nullID(entry), search, string(doc), sql.NullString{String: key, Valid: key != ""},
		sess.CustomerID, r.watermark).Scan(&d.ID)
	if err != nil {
		if strings.Contains(err.Error(), "overlaps") {
			return model.Invoice{}, model.FieldError("period", model.CodeDuplicate, nil)
		}
		return model.Invoice{}, err
	}
	what := "invoice.issue"
	if d.Kind == model.KindCreditNote {
		what = "invoice.credit_note"
	}
	if err := s.audit(ctx, tx, sess.CustomerID, what, r.path, r.name,
		fmt.Sprintf("%s %s %s", d.Number, d.AmountDue.StringFixed(d.Currency.MinorUnits()), d.Currency)); err != nil {
		return model.Invoice{}, err
	}
	d.Status = model.StatusOpen
	return d, nil
}

// invoiceScope is the condition that admits a document to the session: its
// issuer is in the session's subtree, or the session's customer (or one of
// its accounts) received it. i is invoices, ic the issuer, ra the
// recipient account.
const invoiceScope = `((ic.path >= ? AND ic.path < ?) OR i.recipient_customer_id = ? OR ra.customer_id = ?)`

const invoiceFrom = ` FROM invoices i JOIN customers ic ON ic.id = i.issuer_id
	LEFT JOIN accounts ra ON ra.id = i.recipient_account_id`

func scopeArgs(sess model.Session) []any {
	lo, hi := subtree(sess.Path)
	return []any{lo, hi, sess.CustomerID, sess.CustomerID}
}

// Invoice returns one issued document the session may see.
func (s *Store) Invoice(ctx context.Context, sess model.Session, id model.ID) (model.Invoice, error) {
	var doc string
	err := s.db.QueryRowContext(ctx, `SELECT i.document`+invoiceFrom+` WHERE i.id = ? AND `+invoiceScope,
		append([]any{id}, scopeArgs(sess)...)...).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Invoice{}, model.ErrNotFound
	}
	if err != nil {
		return model.Invoice{}, storageErr("reading an invoice", err)
	}
	var inv model.Invoice
	if err := json.Unmarshal([]byte(doc), &inv); err != nil {
		return model.Invoice{}, storageErr("reading an invoice", err)
	}
	inv.ID = id
	if err := s.settle(ctx, s.db, []*model.Invoice{&inv}); err != nil {
		return model.Invoice{}, storageErr("reading an invoice", err)
	}
	return inv, nil
}

// Invoices lists the documents the session may see, newest first.
func (s *Store) Invoices(ctx context.Context, sess model.Session, q model.InvoiceQuery) (model.InvoicePage, error) {
	where := []string{invoiceScope}
	args := scopeArgs(sess)
	if !q.From.IsZero() {
		where, args = append(where, "i.issued_at >= ?"), append(args, formatTime(q.From))
	}
	if !q.To.IsZero() {
		where, args = append(where, "i.issued_at < ?"), append(args, formatTime(q.To))
	}
	if t := strings.TrimSpace(q.Search); t != "" {
		where, args = append(where, `i.search LIKE ? ESCAPE '\'`), append(args, likePattern(strings.ToLower(t)))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT i.id, i.document`+invoiceFrom+` WHERE `+strings.Join(where, " AND ")+`
		ORDER BY i.issued_at DESC, i.id DESC`, args...)
	all, err := collect("reading invoices", rows, err, func(r *sql.Rows) (*model.Invoice, error) {
		var id model.ID
		var doc string
		if err := r.Scan(&id, &doc); err != nil {
			return nil, err
		}
		inv := new(model.Invoice)
		if err := json.Unmarshal([]byte(doc), inv); err != nil {
			return nil, err
		}
		inv.ID, inv.Lines, inv.Issuer.Logo, inv.Recipient.Logo = id, nil, nil, nil
		return inv, nil
	})
	if err != nil {
		return model.InvoicePage{}, err
	}
	if err := s.settle(ctx, s.db, all); err != nil {
		return model.InvoicePage{}, storageErr("reading invoices", err)
	}
	var out []model.Invoice
	for _, inv := range all {
		if q.Status == "" || inv.Status == q.Status {
			out = append(out, *inv)
		}
	}
	page := model.InvoicePage{Total: len(out)}
	limit := q.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	if q.Offset < len(out) {
		page.Invoices = out[max(q.Offset, 0):min(max(q.Offset, 0)+limit, len(out))]
	}
	return page, nil
}

// settle derives the status of invoices (credit notes are always paid: they
// owe nothing). For each recipient, what it owes on each of its invoices is
// the invoice's Total and Rounding less the credit notes that refer to it
// (Credited); the payments it made (Add Funds less their reversals) from
// the issue of its first invoice on pay them oldest invoice first. Paid is
// what was allocated to the invoice: all it owes is paid, some partly
// paid, none open. The previous balance an invoice prints is not owed on
// it again: it is what the earlier invoices owe.
func (s *Store) settle(ctx context.Context, q dbtx, invs []*model.Invoice) error {
	seen := map[model.Holder]bool{}
	for _, inv := range invs {
		if inv.Kind == model.KindCreditNote {
			inv.Status, inv.Paid = model.StatusPaid, decimal.Zero
			continue
		}
		seen[inv.Recipient.Holder] = true
	}
	alloc := map[model.ID]decimal.Decimal{}
	owed := map[model.ID]decimal.Decimal{}
	credited := map[model.ID]decimal.Decimal{}
	for h := range seen {
		col, id := "recipient_customer_id", h.Customer
		if h.IsAccount() {
			col, id = "recipient_account_id", h.Account
		}
		rows, err := q.QueryContext(ctx, `SELECT i.id, i.issued_at, i.total_micros + i.rounding_micros,
				ifnull((SELECT sum(n.total_micros) FROM invoices n WHERE n.credit_for = i.id), 0)
			FROM invoices i WHERE i.`+col+` = ? AND i.kind = 'invoice' ORDER BY i.issued_at, i.id`, id)
		type due struct {
			id       model.ID
			at       string
			micros   int64
			credited int64
		}
		dues, err := collect("reading invoices", rows, err, func(r *sql.Rows) (due, error) {
			var d due
			err := r.Scan(&d.id, &d.at, &d.micros, &d.credited)
			credited[d.id] = model.FromMicros(d.credited)
			d.micros -= d.credited
			return d, err
		})
		if err != nil || len(dues) == 0 {
			return err
		}
		w, hid := holderWhere(h)
		index := "entries_customer"
		if h.IsAccount() {
			index = "entries_account"
		}
		var pool int64
		err = q.QueryRowContext(ctx, `SELECT ifnull(sum(e.booked_micros), 0) FROM entries e INDEXED BY `+index+`
			LEFT JOIN entries o ON o.id = e.reverses_id
			WHERE e.`+w+` AND e.created_at >= ? AND (e.kind = 'add_funds' OR (e.kind = 'reversal' AND o.kind = 'add_funds'))`,
			hid, dues[0].at).Scan(&pool)
		if err != nil {
			return err
		}
		for _, d := range dues {
			owe := max(d.micros, 0)
			take := min(max(pool, 0), owe)
			pool -= take
			alloc[d.id], owed[d.id] = model.FromMicros(take), model.FromMicros(owe)
		}
	}
	for _, inv := range invs {
		if inv.Kind == model.KindCreditNote {
			continue
		}
		inv.Paid, inv.Credited = alloc[inv.ID], credited[inv.ID]
		switch o := owed[inv.ID]; {
		case inv.Paid.GreaterThanOrEqual(o):
			inv.Status = model.StatusPaid
		case inv.Paid.IsPositive():
			inv.Status = model.StatusPartly
		default:
			inv.Status = model.StatusOpen
		}
	}
	return nil
}
