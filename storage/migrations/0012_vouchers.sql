-- Credit vouchers (issue 18): batches of top-up codes a customer issues
-- and the accounts of its subtree redeem. docs/vouchers.md explains the
-- code and why the file never holds one in readable form.
--
-- A redemption is booked as an 'add_funds' entry (the end user paid for
-- the voucher: it is a payment, and the payments report counts it), linked
-- from vouchers.entry_id, so the entries table and its kind CHECK stay as
-- migration 0011 left them.

-- 1. One row per batch. used and void count its codes (kept in the same
-- transaction as each redemption or void), so the list of batches never
-- counts a million rows; expired is worked out from expires_at.
CREATE TABLE voucher_batches (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id), -- the issuer
    label         TEXT    NOT NULL DEFAULT '',
    count         INTEGER NOT NULL CHECK (count > 0),
    value_micros  INTEGER NOT NULL CHECK (value_micros > 0),
    currency      TEXT    NOT NULL CHECK (length(currency) = 3),
    expires_at    TEXT    NOT NULL,
    first_serial  INTEGER NOT NULL,
    last_serial   INTEGER NOT NULL,
    used          INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0),
    void          INTEGER NOT NULL DEFAULT 0 CHECK (void >= 0),
    created_by    INTEGER NOT NULL REFERENCES customers(id),
    created_at    TEXT    NOT NULL,
    CHECK (used + void <= count)
);
CREATE INDEX voucher_batches_customer ON voucher_batches (customer_id, id);

-- 2. One row per code: the serial (the code's first digits) is the key;
-- secret_hash is the salted Argon2id hash of the secret digits, in the
-- "$argon2id$…$salt$hash" form. Neither the secret nor the check digit is
-- stored. A code is used (account, time, entry) or void (time, reason),
-- never both.
CREATE TABLE vouchers (
    serial      INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES voucher_batches(id),
    secret_hash TEXT    NOT NULL,
    used_at     TEXT,
    account_id  INTEGER REFERENCES accounts(id),
    entry_id    INTEGER UNIQUE REFERENCES entries(id),
    void_at     TEXT,
    CHECK ((used_at IS NULL) = (account_id IS NULL) AND (used_at IS NULL) = (entry_id IS NULL)),
    CHECK (used_at IS NULL OR void_at IS NULL)
);
CREATE INDEX vouchers_batch ON vouchers (batch_id, serial);
CREATE INDEX vouchers_used ON vouchers (batch_id, used_at) WHERE used_at IS NOT NULL;

-- 3. Wrong voucher codes in a row per account, so the wait they impose
-- (model.VoucherWait) survives a restart. A redemption deletes the row.
CREATE TABLE voucher_failures (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts(id),
    failures        INTEGER NOT NULL CHECK (failures > 0),
    last_failure_at TEXT    NOT NULL
);
