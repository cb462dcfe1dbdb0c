-- Invoices and statements (issue 17): each customer's company details,
-- and the invoices and credit notes it issued, stored whole.
--
-- 1. What a customer prints on its own documents (Customer → My
-- company…): one row per customer, made when it first saves them. A text
-- left '' takes the root's when a document is issued. next_number is the
-- issuer's gapless counter, shared by invoices and credit notes: an issue
-- takes it and moves it by one in its own transaction, so a failed issue
-- leaves no gap; once a document is issued it only ever moves by one.
-- first_number is where the issuer's numbers start (the counter as it was
-- set before the first issue), so a hole at the start shows too.
CREATE TABLE companies (
    customer_id        INTEGER PRIMARY KEY REFERENCES customers(id),
    legal_name         TEXT    NOT NULL DEFAULT '' CHECK (length(legal_name) <= 400),
    address            TEXT    NOT NULL DEFAULT '' CHECK (length(address) <= 2000),
    tax_number         TEXT    NOT NULL DEFAULT '' CHECK (length(tax_number) <= 400),
    email              TEXT    NOT NULL DEFAULT '' CHECK (length(email) <= 400),
    phone              TEXT    NOT NULL DEFAULT '' CHECK (length(phone) <= 400),
    bank_details       TEXT    NOT NULL DEFAULT '' CHECK (length(bank_details) <= 2000),
    invoice_prefix     TEXT    NOT NULL DEFAULT '' CHECK (length(invoice_prefix) <= 20),
    first_number       INTEGER NOT NULL DEFAULT 1 CHECK (first_number >= 1),
    next_number        INTEGER NOT NULL DEFAULT 1 CHECK (next_number >= first_number),
    payment_terms_days INTEGER NOT NULL DEFAULT 0 CHECK (payment_terms_days BETWEEN 0 AND 365),
    tax_name           TEXT    NOT NULL DEFAULT '' CHECK (length(tax_name) <= 400),
    tax_rate           TEXT    NOT NULL DEFAULT '0', -- percent, exact decimal, 0 to 100
    paper              TEXT    NOT NULL DEFAULT '' CHECK (paper IN ('', 'A4', 'Letter')),
    logo               BLOB    CHECK (logo IS NULL OR length(logo) <= 524288),
    updated_at         TEXT    NOT NULL
);

-- 2. Issued invoices and credit notes. document is the whole model.Invoice
-- as it showed when issued (JSON: parties with their details and logo,
-- lines, totals, language, time zone, paper), so it prints the same in ten
-- years whatever changes after; the columns beside it are what lists,
-- rules and `branchbook check` need. Amounts are in micros of currency;
-- lines_micros is the sum of the printed lines.
CREATE TABLE invoices (
    id                    INTEGER PRIMARY KEY,
    issuer_id             INTEGER NOT NULL REFERENCES customers(id),
    recipient_customer_id INTEGER REFERENCES customers(id),
    recipient_account_id  INTEGER REFERENCES accounts(id),
    kind                  TEXT    NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    number                TEXT    NOT NULL,
    sequence              INTEGER NOT NULL CHECK (sequence >= 1),
    period_from           TEXT    NOT NULL,
    period_to             TEXT    NOT NULL CHECK (period_to > period_from),
    issued_at             TEXT    NOT NULL,
    due_at                TEXT    NOT NULL,
    currency              TEXT    NOT NULL CHECK (length(currency) = 3),
    lines_micros          INTEGER NOT NULL,
    subtotal_micros       INTEGER NOT NULL,
    tax_micros            INTEGER NOT NULL,
    total_micros          INTEGER NOT NULL,
    rounding_micros       INTEGER NOT NULL,
    amount_due_micros     INTEGER NOT NULL,
    credit_for            INTEGER REFERENCES invoices(id),
    entry_id              INTEGER REFERENCES entries(id), -- a credit note's ledger credit
    search                TEXT    NOT NULL,               -- lower-cased number and party names
    document              TEXT    NOT NULL,
    idempotency_key       TEXT    UNIQUE,
    created_by            INTEGER NOT NULL REFERENCES customers(id),
    CHECK ((recipient_customer_id IS NULL) <> (recipient_account_id IS NULL)),
    CHECK ((kind = 'credit_note') = (credit_for IS NOT NULL)),
    UNIQUE (issuer_id, sequence)
);
CREATE INDEX invoices_issuer ON invoices (issuer_id, issued_at);
CREATE INDEX invoices_recipient_customer ON invoices (recipient_customer_id, period_from)
    WHERE recipient_customer_id IS NOT NULL;
CREATE INDEX invoices_recipient_account ON invoices (recipient_account_id, period_from)
    WHERE recipient_account_id IS NOT NULL;
CREATE INDEX invoices_credit_for ON invoices (credit_for) WHERE credit_for IS NOT NULL;
CREATE INDEX invoices_entry ON invoices (entry_id) WHERE entry_id IS NOT NULL;

-- An invoice whose period overlaps an issued invoice of the same recipient
-- is refused (credit notes are not periods of their own).
CREATE TRIGGER invoices_no_overlap_customer BEFORE INSERT ON invoices
WHEN NEW.kind = 'invoice' AND NEW.recipient_customer_id IS NOT NULL AND EXISTS (SELECT 1 FROM invoices o
    WHERE o.recipient_customer_id = NEW.recipient_customer_id AND o.kind = 'invoice'
    AND o.period_from < NEW.period_to AND NEW.period_from < o.period_to)
BEGIN SELECT RAISE(ABORT, 'invoice period overlaps an issued invoice'); END;
CREATE TRIGGER invoices_no_overlap_account BEFORE INSERT ON invoices
WHEN NEW.kind = 'invoice' AND NEW.recipient_account_id IS NOT NULL AND EXISTS (SELECT 1 FROM invoices o
    WHERE o.recipient_account_id = NEW.recipient_account_id AND o.kind = 'invoice'
    AND o.period_from < NEW.period_to AND NEW.period_from < o.period_to)
BEGIN SELECT RAISE(ABORT, 'invoice period overlaps an issued invoice'); END;

-- A document takes its issuer's next number, and the counter moves with it.
CREATE TRIGGER invoices_take_number BEFORE INSERT ON invoices
WHEN NEW.sequence IS NOT (SELECT next_number - 1 FROM companies WHERE customer_id = NEW.issuer_id)
BEGIN SELECT RAISE(ABORT, 'an issued document takes its issuer''s next number'); END;

-- Issued documents never change and are never deleted.
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN SELECT RAISE(ABORT, 'issued invoices are never changed'); END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN SELECT RAISE(ABORT, 'issued invoices are never deleted'); END;

-- Once an issuer has issued, its counter only moves by one, with an issue.
CREATE TRIGGER companies_number_gapless BEFORE UPDATE OF next_number ON companies
WHEN NEW.next_number <> OLD.next_number AND NEW.next_number <> OLD.next_number + 1
    AND EXISTS (SELECT 1 FROM invoices WHERE issuer_id = OLD.customer_id)
BEGIN SELECT RAISE(ABORT, 'invoice numbers are gapless'); END;
CREATE TRIGGER companies_first_number_fixed BEFORE UPDATE OF first_number ON companies
WHEN NEW.first_number <> OLD.first_number AND EXISTS (SELECT 1 FROM invoices WHERE issuer_id = OLD.customer_id)
BEGIN SELECT RAISE(ABORT, 'invoice numbers are gapless'); END;
CREATE TRIGGER companies_no_delete BEFORE DELETE ON companies
WHEN EXISTS (SELECT 1 FROM invoices WHERE issuer_id = OLD.customer_id)
BEGIN SELECT RAISE(ABORT, 'an issuer''s company details are never deleted'); END;

-- 3. The new right, RightInvoices (bit 12): a customer that could book
-- Maintenance entries (bit 9) on its customers may invoice them too; the
-- owner can take it away in the Permissions form.
UPDATE permissions SET rights = rights | 4096 WHERE rights & 512 <> 0;
