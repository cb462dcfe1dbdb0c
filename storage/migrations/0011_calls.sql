-- Calls (issue 16): imports of call records, the calls with what each
-- level of their chain paid, and the "calls" entries that book it.
--
-- 1. The ledger admits a new kind, 'calls'. SQLite cannot change a CHECK,
-- so entries is rebuilt, keeping every id, its indexes, its triggers and
-- the reverses_id self-reference. foreign_keys is ON inside this
-- transaction (it cannot be turned off there), and a DROP TABLE with
-- foreign keys on first deletes every row, checking every reference: so
-- the old table is renamed out of the way first (its self-reference
-- follows it), the new one made under the old name, filled in id order
-- (a reversal always comes after the entry it reverses), and only then is
-- the old one dropped, when nothing references it but itself. Its
-- triggers and indexes go with it and are made again on the new table.
ALTER TABLE entries RENAME TO entries_old;
CREATE TABLE entries (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER REFERENCES customers(id),
    account_id      INTEGER REFERENCES accounts(id),
    kind            TEXT    NOT NULL CHECK (kind IN ('opening', 'add_funds', 'credit', 'debit', 'reversal', 'calls')),
    entered_micros  INTEGER NOT NULL,           -- as typed, in entered_currency
    entered_currency TEXT   NOT NULL CHECK (length(entered_currency) = 3),
    rate            TEXT    NOT NULL,           -- entered -> owner's currency, exact decimal
    booked_micros   INTEGER NOT NULL,           -- signed change, in the owner's currency
    balance_after_micros INTEGER NOT NULL,
    notes           TEXT    NOT NULL DEFAULT '',
    reverses_id     INTEGER UNIQUE REFERENCES entries(id), -- an entry is reversed at most once
    idempotency_key TEXT    UNIQUE,             -- one entry per filled-in form
    created_by      INTEGER NOT NULL REFERENCES customers(id),
    created_at      TEXT    NOT NULL,
    CHECK ((customer_id IS NULL) <> (account_id IS NULL))
);
INSERT INTO entries (id, customer_id, account_id, kind, entered_micros, entered_currency, rate, booked_micros,
    balance_after_micros, notes, reverses_id, idempotency_key, created_by, created_at)
SELECT id, customer_id, account_id, kind, entered_micros, entered_currency, rate, booked_micros,
    balance_after_micros, notes, reverses_id, idempotency_key, created_by, created_at
FROM entries_old ORDER BY id;
DROP TABLE entries_old;
CREATE INDEX entries_customer ON entries (customer_id, id) WHERE customer_id IS NOT NULL;
CREATE INDEX entries_account ON entries (account_id, id) WHERE account_id IS NOT NULL;
CREATE INDEX entries_kind_time ON entries (kind, created_at);
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are never changed'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted'); END;

-- 2. One row per import of a call file: who imported it, its counts (kept
-- up to date by a re-rating), the first and last call start, and whether
-- it was undone.
CREATE TABLE call_imports (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id), -- who imported
    file_name   TEXT    NOT NULL,
    layout      TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    calls       INTEGER NOT NULL DEFAULT 0, -- stored, rated or not
    rated       INTEGER NOT NULL DEFAULT 0,
    unrated     INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    first_start TEXT,
    last_start  TEXT,
    undone_at   TEXT,
    undone_by   INTEGER REFERENCES customers(id)
);
CREATE INDEX call_imports_customer ON call_imports (customer_id, id);

-- 3. One row per call. username and call_key are as the file gave them;
-- account_id is NULL when the username matched no account the importer
-- may see (unknown and outside its subtree are one case, so nothing
-- leaks). reason is NULL for a rated call, else a rating.Reason code, with
-- the chain level it concerns (-1: the call itself). digits is the called
-- number reduced to digits ('' when refused), for the number filter.
-- void is 1 once the import was undone.
CREATE TABLE calls (
    id           INTEGER PRIMARY KEY,
    import_id    INTEGER NOT NULL REFERENCES call_imports(id),
    call_key     TEXT    NOT NULL,
    username     TEXT    NOT NULL,
    account_id   INTEGER REFERENCES accounts(id),
    caller       TEXT    NOT NULL DEFAULT '',
    called       TEXT    NOT NULL DEFAULT '',
    digits       TEXT    NOT NULL DEFAULT '',
    start        TEXT    NOT NULL,
    answered     INTEGER NOT NULL CHECK (answered IN (0, 1)),
    seconds      INTEGER NOT NULL,
    reason       TEXT,
    reason_level INTEGER,
    void         INTEGER NOT NULL DEFAULT 0 CHECK (void IN (0, 1)),
    CHECK ((reason IS NULL) = (reason_level IS NULL))
);
-- A call is a duplicate when a call of the same account (as written) and
-- id is stored in an import not undone. The id leads: switches number
-- their calls in time order (Asterisk's uniqueid is a timestamp), so an
-- import appends to the index instead of writing at one place per account.
CREATE UNIQUE INDEX calls_dedup ON calls (call_key, username) WHERE void = 0;
-- An account's calls, newest first; an import's calls (undo, re-rating,
-- counts by reason).
CREATE INDEX calls_account ON calls (account_id, start) WHERE account_id IS NOT NULL;
CREATE INDEX calls_import ON calls (import_id, reason);
-- The unrated calls of an account (a customer's Calls list shows those of
-- its subtree's accounts beside its own charged ones), and the calls of no
-- known account (shown to the customer who imported them).
CREATE INDEX calls_unrated ON calls (account_id, start) WHERE reason IS NOT NULL AND account_id IS NOT NULL;
CREATE INDEX calls_unknown ON calls (import_id, start) WHERE account_id IS NULL;
-- The root is never charged, so no charge row names it: its Calls list is
-- every call of the file, newest first.
CREATE INDEX calls_start ON calls (start);

-- 4. What each level of a rated call paid, in its tariff's currency:
-- level 0 is the account (holder_id an account id), 1 its customer, and so
-- on up (holder_id a customer id). start is the call's, so a customer's
-- calls page newest first from one index. batch_id is the call_batches row
-- that sums the holder's charges of one import (or re-rating); it has no
-- index of its own: an entry's calls are its holder's between the batch's
-- first and last start, found through the holder's index.
CREATE TABLE call_charges (
    call_id        INTEGER NOT NULL REFERENCES calls(id),
    level          INTEGER NOT NULL CHECK (level >= 0),
    holder_id      INTEGER NOT NULL,
    start          TEXT    NOT NULL,
    batch_id       INTEGER NOT NULL,
    tariff_id      INTEGER NOT NULL,
    rate_id        INTEGER NOT NULL,
    prefix         TEXT    NOT NULL,
    billed_seconds INTEGER NOT NULL,
    cost_micros    INTEGER NOT NULL CHECK (cost_micros >= 0),
    PRIMARY KEY (call_id, level)
) WITHOUT ROWID;
CREATE INDEX call_charges_customer ON call_charges (holder_id, start) WHERE level > 0;

-- 5. One row per holder charged by an import (or by a re-rating of it):
-- how many calls, their first and last start, the total, and the "calls"
-- entry that booked it (NULL when the total is 0: no entry is booked).
CREATE TABLE call_batches (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES call_imports(id),
    customer_id INTEGER REFERENCES customers(id),
    account_id  INTEGER REFERENCES accounts(id),
    currency    TEXT    NOT NULL,
    calls       INTEGER NOT NULL,
    first_start TEXT    NOT NULL,
    last_start  TEXT    NOT NULL,
    total_micros INTEGER NOT NULL,
    entry_id    INTEGER UNIQUE REFERENCES entries(id),
    CHECK ((customer_id IS NULL) <> (account_id IS NULL))
);
CREATE INDEX call_batches_import ON call_batches (import_id);
