package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// dbtx is what the invoice code reads through: the store's pool, or the
// issuing transaction.
type dbtx interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const companyColumns = `legal_name, address, tax_number, email, phone, bank_details, invoice_prefix, next_number,
	payment_terms_days, tax_name, tax_rate, paper, logo, updated_at`

// companyOf reads a customer's saved details; a customer that never saved
// any has the zero Company (next number 1) and found false.
func companyOf(ctx context.Context, q dbtx, id model.ID) (model.Company, bool, error) {
	c, saved, err := savedCompany(ctx, q, id)
	return c.Company, saved, err
}

// storedCompany is a company row with where its numbers start.
type storedCompany struct {
	model.Company
	first int64
}

func savedCompany(ctx context.Context, q dbtx, id model.ID) (storedCompany, bool, error) {
	c := storedCompany{Company: model.Company{Customer: id, NextNumber: 1}, first: 1}
	var rate, at string
	err := q.QueryRowContext(ctx, `SELECT `+companyColumns+`, first_number FROM companies WHERE customer_id = ?`, id).Scan(
		&c.LegalName, &c.Address, &c.TaxNumber, &c.Email, &c.Phone, &c.BankDetails, &c.InvoicePrefix, &c.NextNumber,
		&c.PaymentTermsDays, &c.TaxName, &rate, &c.Paper, &c.Logo, &at, &c.first)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return storedCompany{}, false, err
	}
	c.TaxRate, c.UpdatedAt = parseRate(rate), parseTime(at)
	return c, true, nil
}

// rootID is the root customer's id.
func rootID(ctx context.Context, q dbtx) (model.ID, error) {
	var id model.ID
	err := q.QueryRowContext(ctx, `SELECT id FROM customers WHERE parent_id IS NULL`).Scan(&id)
	return id, err
}

// effectiveCompany is a customer's details with every empty text taken
// from the root's. Payment terms, tax and paper are the customer's own
// once it saved its details (0 and no tax are choices), the root's before.
func effectiveCompany(ctx context.Context, q dbtx, id model.ID) (model.Company, error) {
	c, saved, err := companyOf(ctx, q, id)
	if err != nil {
		return c, err
	}
	root, err := rootID(ctx, q)
	if err != nil || root == id {
		if c.Paper == "" {
			c.Paper = model.PaperA4
		}
		return c, err
	}
	r, _, err := companyOf(ctx, q, root)
	if err != nil {
		return c, err
	}
	for _, f := range []struct{ own, root *string }{
		{&c.LegalName, &r.LegalName}, {&c.Address, &r.Address}, {&c.TaxNumber, &r.TaxNumber}, {&c.Email, &r.Email},
		{&c.Phone, &r.Phone}, {&c.BankDetails, &r.BankDetails}, {&c.Paper, &r.Paper},
	} {
		if *f.own == "" {
			*f.own = *f.root
		}
	}
	if c.Logo == nil {
		c.Logo = r.Logo
	}
	if !saved {
		c.PaymentTermsDays, c.TaxName, c.TaxRate = r.PaymentTermsDays, r.TaxName, r.TaxRate
	}
	if c.Paper == "" {
		c.Paper = model.PaperA4
	}
	return c, nil
}

// Company returns the saved details of the session's customer or of one in
// its subtree.
func (s *Store) Company(ctx context.Context, sess model.Session, id model.ID) (model.Company, error) {
	if _, err := nodeIn(ctx, s.db, sess, id, false); err != nil {
		return model.Company{}, err
	}
	c, _, err := companyOf(ctx, s.db, id)
	if err != nil {
		return model.Company{}, storageErr("reading company details", err)
	}
	return c, nil
}

// EffectiveCompany is Company with empty fields taken from the root's.
func (s *Store) EffectiveCompany(ctx context.Context, sess model.Session, id model.ID) (model.Company, error) {
	if _, err := nodeIn(ctx, s.db, sess, id, false); err != nil {
		return model.Company{}, err
	}
	c, err := effectiveCompany(ctx, s.db, id)
	if err != nil {
		return model.Company{}, storageErr("reading company details", err)
	}
	return c, nil
}

// validateCompany checks every field, one FieldError per field wrong.
func validateCompany(c *model.Company) error {
	var errs model.Errors
	text := func(field string, v *string, max int) {
		*v = strings.TrimSpace(*v)
		if len([]rune(*v)) > max {
			errs = append(errs, model.FieldError(field, model.CodeTooLong, map[string]any{"max": max}))
		}
	}
	text("legal_name", &c.LegalName, model.MaxCompanyTextLen)
	text("address", &c.Address, model.MaxCompanyBlockLen)
	text("tax_number", &c.TaxNumber, model.MaxCompanyTextLen)
	text("email", &c.Email, model.MaxCompanyTextLen)
	text("phone", &c.Phone, model.MaxCompanyTextLen)
	text("bank_details", &c.BankDetails, model.MaxCompanyBlockLen)
	text("invoice_prefix", &c.InvoicePrefix, model.MaxInvoicePrefixLen)
	text("tax_name", &c.TaxName, model.MaxCompanyTextLen)
	if strings.ContainsAny(c.InvoicePrefix, "\r\n\t") {
		errs = append(errs, model.FieldError("invoice_prefix", model.CodeInvalidChars, nil))
	}
	if c.Email != "" && (!strings.Contains(c.Email, "@") || strings.ContainsAny(c.Email, " \r\n")) {
		errs = append(errs, model.FieldError("email", model.CodeInvalid, nil))
	}
	if c.NextNumber < 0 {
		errs = append(errs, model.FieldError("next_number", model.CodeOutOfRange, map[string]any{"min": 1}))
	}
	if c.PaymentTermsDays < 0 || c.PaymentTermsDays > model.MaxPaymentTermsDays {
		errs = append(errs, model.FieldError("payment_terms_days", model.CodeOutOfRange,
			map[string]any{"min": 0, "max": model.MaxPaymentTermsDays}))
	}
	switch {
	case c.TaxRate.IsNegative() || c.TaxRate.GreaterThan(decimal.NewFromInt(100)):
		errs = append(errs, model.FieldError("tax_rate", model.CodeOutOfRange, map[string]any{"min": 0, "max": 100}))
	case !c.TaxRate.Equal(c.TaxRate.Truncate(4)):
		errs = append(errs, model.FieldError("tax_rate", model.CodeTooPrecise, map[string]any{"places": 4}))
	}
	switch c.Paper {
	case "", model.PaperA4, model.PaperLetter:
	default:
		errs = append(errs, model.FieldError("paper", model.CodeNotListed, nil))
	}
	if len(c.Logo) == 0 {
		c.Logo = nil
	} else if len(c.Logo) > model.MaxLogoBytes {
		errs = append(errs, model.FieldError("logo", model.CodeTooLong, map[string]any{"max": model.MaxLogoBytes}))
	} else if !isPNG(c.Logo) && !isJPEG(c.Logo) {
		errs = append(errs, model.FieldError("logo", model.CodeInvalid, nil))
	}
	return errs.Err()
}

func isPNG(b []byte) bool  { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) }
func isJPEG(b []byte) bool { return bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}) }

// SetCompany saves the session customer's own details. NextNumber 0 keeps
// the counter; another number is taken only before the first document is
// issued (after that numbers are gapless: CodeLocked on "next_number").
func (s *Store) SetCompany(ctx context.Context, sess model.Session, c model.Company) (model.Company, error) {
	if c.Customer != 0 && c.Customer != sess.CustomerID {
		return model.Company{}, model.ErrNotPermitted
	}
	c.Customer = sess.CustomerID
	if err := validateCompany(&c); err != nil {
		return model.Company{}, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		n, err := nodeIn(ctx, tx, sess, sess.CustomerID, false)
		if err != nil {
			return err
		}
		old, _, err := savedCompany(ctx, tx, c.Customer)
		if err != nil {
			return err
		}
		var issued int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM invoices WHERE issuer_id = ?`, c.Customer).Scan(&issued); err != nil {
			return err
		}
		if c.NextNumber == 0 {
			c.NextNumber = old.NextNumber
		}
		if c.NextNumber != old.NextNumber && issued > 0 {
			return model.FieldError("next_number", model.CodeLocked, nil)
		}
		at := formatTime(s.now())
		first := c.NextNumber
		if issued > 0 {
			first = old.first
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO companies (customer_id, `+companyColumns+`, first_number)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (customer_id) DO UPDATE SET legal_name = excluded.legal_name, address = excluded.address,
				tax_number = excluded.tax_number, email = excluded.email, phone = excluded.phone,
				bank_details = excluded.bank_details, invoice_prefix = excluded.invoice_prefix,
				next_number = excluded.next_number, payment_terms_days = excluded.payment_terms_days,
				tax_name = excluded.tax_name, tax_rate = excluded.tax_rate, paper = excluded.paper, logo = excluded.logo,
				updated_at = excluded.updated_at, first_number = excluded.first_number`,
			c.Customer, c.LegalName, c.Address, c.TaxNumber, c.Email, c.Phone, c.BankDetails, c.InvoicePrefix, c.NextNumber,
			c.PaymentTermsDays, c.TaxName, c.TaxRate.String(), c.Paper, c.Logo, at, first)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "company.set", n.path, n.name, c.LegalName)
	})
	if err != nil {
		return model.Company{}, err
	}
	return s.Company(ctx, sess, sess.CustomerID)
}

// cachedQ is a dbtx whose statements are prepared once per store (see
// prepared): issuing 10,000 invoices would otherwise parse the same dozen
// queries 10,000 times. tx nil reads through the pool.
type cachedQ struct {
	s  *Store
	tx *sql.Tx
}

func (s *Store) cached(tx *sql.Tx) dbtx { return cachedQ{s, tx} }

func (c cachedQ) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if c.tx != nil {
		return c.s.prepared(ctx, c.tx, query)
	}
	c.s.stmtMu.Lock()
	defer c.s.stmtMu.Unlock()
	st, ok := c.s.stmts[query]
	if !ok {
		var err error
		if st, err = c.s.db.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		c.s.stmts[query] = st
	}
	return st, nil
}

func (c cachedQ) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c cachedQ) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		// The same query run plainly returns the same error in its row.
		if c.tx != nil {
			return c.tx.QueryRowContext(ctx, query, args...)
		}
		return c.s.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}
