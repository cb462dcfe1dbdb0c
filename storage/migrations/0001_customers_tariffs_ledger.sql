-- Branchbook schema, version 1.
-- Money is INTEGER millionths of the unit (*_micros) so sums stay exact.
-- Exchange rates are exact decimal TEXT. Times are UTC TEXT
-- "YYYY-MM-DDTHH:MM:SS.ffffffZ", which sorts as it reads.
-- Nothing is ever hard-deleted: archived rows carry archived_at.

CREATE TABLE customers (
    id                  INTEGER PRIMARY KEY,
    parent_id           INTEGER REFERENCES customers(id),
    -- Materialized path of ids, "/1/7/42/": a subtree is one index range.
    path                TEXT    NOT NULL UNIQUE,
    depth               INTEGER NOT NULL CHECK (depth >= 0),
    name                TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 400),
    name_key            TEXT    NOT NULL,           -- lower-cased name, for uniqueness and search
    web_login           TEXT,                       -- NULL: cannot sign in
    login_key           TEXT,                       -- lower-cased login
    password_hash       TEXT,                       -- Argon2id, never the password
    language            TEXT    NOT NULL,
    time_zone           TEXT    NOT NULL,
    tariff_id           INTEGER REFERENCES tariffs(id),
    currency            TEXT    CHECK (currency IS NULL OR length(currency) = 3),
    balance_micros      INTEGER NOT NULL DEFAULT 0, -- cache of SUM(entries.booked_micros)
    credit_limit_micros INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit_micros >= 0),
    company             TEXT    NOT NULL DEFAULT '',
    contact             TEXT    NOT NULL DEFAULT '',
    email               TEXT    NOT NULL DEFAULT '',
    phone               TEXT    NOT NULL DEFAULT '',
    address             TEXT    NOT NULL DEFAULT '',
    notes               TEXT    NOT NULL DEFAULT '',
    blocked             INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    archived_at         TEXT,
    archived_by         INTEGER REFERENCES customers(id),
    -- The root has no parent, no tariff and no balance; every other customer has all three.
    CHECK ((parent_id IS NULL AND tariff_id IS NULL AND currency IS NULL AND balance_micros = 0 AND depth = 0)
        OR (parent_id IS NOT NULL AND tariff_id IS NOT NULL AND currency IS NOT NULL AND depth > 0))
);
-- Exactly one root per file.
CREATE UNIQUE INDEX customers_one_root ON customers ((parent_id IS NULL)) WHERE parent_id IS NULL;
-- Names and logins are unique among live customers.
CREATE UNIQUE INDEX customers_name_key ON customers (name_key) WHERE archived_at IS NULL;
CREATE UNIQUE INDEX customers_login_key ON customers (login_key) WHERE login_key IS NOT NULL AND archived_at IS NULL;
-- The tree opens a branch by listing live children in name order.
CREATE INDEX customers_children ON customers (parent_id, name_key) WHERE archived_at IS NULL;
CREATE INDEX customers_tariff ON customers (tariff_id);

CREATE TABLE tariffs (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES customers(id),
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 400),
    name_key    TEXT    NOT NULL,
    currency    TEXT    NOT NULL CHECK (length(currency) = 3),
    description TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    archived_at TEXT
);
CREATE UNIQUE INDEX tariffs_owner_name ON tariffs (owner_id, name_key) WHERE archived_at IS NULL;

CREATE TABLE tariff_rates (
    id                 INTEGER PRIMARY KEY,
    tariff_id          INTEGER NOT NULL REFERENCES tariffs(id),
    prefix             TEXT    NOT NULL CHECK (prefix <> '' AND prefix NOT GLOB '*[^0-9]*'),
    description        TEXT    NOT NULL DEFAULT '',
    price_micros       INTEGER NOT NULL CHECK (price_micros >= 0),       -- per minute
    connect_fee_micros INTEGER NOT NULL DEFAULT 0 CHECK (connect_fee_micros >= 0),
    first_interval     INTEGER NOT NULL DEFAULT 60 CHECK (first_interval > 0), -- seconds
    next_interval      INTEGER NOT NULL DEFAULT 60 CHECK (next_interval > 0),  -- seconds
    UNIQUE (tariff_id, prefix)
);

-- Exchange rates: units of currency per 1 USD, owned by a customer (the
-- root's table is the system's). Rows are only added: the latest per
-- (owner, currency) is in force, the rest is history.
CREATE TABLE exchange_rates (
    id       INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES customers(id),
    currency TEXT    NOT NULL CHECK (length(currency) = 3),
    rate     TEXT    NOT NULL,
    set_at   TEXT    NOT NULL,
    set_by   INTEGER NOT NULL REFERENCES customers(id)
);
CREATE INDEX exchange_rates_latest ON exchange_rates (owner_id, currency, id);

CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    customer_id         INTEGER NOT NULL REFERENCES customers(id),
    username            TEXT    NOT NULL,
    username_key        TEXT    NOT NULL,
    password_hash       TEXT,
    description         TEXT    NOT NULL DEFAULT '',
    currency            TEXT    NOT NULL CHECK (length(currency) = 3),
    balance_micros      INTEGER NOT NULL DEFAULT 0,
    credit_limit_micros INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit_micros >= 0),
    blocked             INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
    expires_at          TEXT,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    archived_at         TEXT
);
CREATE UNIQUE INDEX accounts_username_key ON accounts (username_key) WHERE archived_at IS NULL;
CREATE INDEX accounts_customer ON accounts (customer_id, username_key) WHERE archived_at IS NULL;

-- The ledger. Append-only: triggers below refuse UPDATE and DELETE.
-- Each entry belongs to exactly one customer or one account.
CREATE TABLE entries (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER REFERENCES customers(id),
    account_id      INTEGER REFERENCES accounts(id),
    kind            TEXT    NOT NULL CHECK (kind IN ('opening', 'add_funds', 'credit', 'debit', 'reversal')),
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
CREATE INDEX entries_customer ON entries (customer_id, id) WHERE customer_id IS NOT NULL;
CREATE INDEX entries_account ON entries (account_id, id) WHERE account_id IS NOT NULL;
CREATE INDEX entries_kind_time ON entries (kind, created_at);

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are never changed'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted'); END;

-- Rights granted to a customer (a bit set of model.Right), by its owner.
CREATE TABLE permissions (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
    rights      INTEGER NOT NULL DEFAULT 0,
    granted_by  INTEGER NOT NULL REFERENCES customers(id),
    granted_at  TEXT    NOT NULL
);

-- Who did what, when. scope_path is the path of the customer the event is
-- about, so a customer sees only events inside its own subtree.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    actor_id   INTEGER REFERENCES customers(id),
    action     TEXT    NOT NULL,
    scope_path TEXT    NOT NULL,
    subject    TEXT    NOT NULL DEFAULT '',
    details    TEXT    NOT NULL DEFAULT ''   -- JSON of what changed; never a password
);
CREATE INDEX audit_log_scope ON audit_log (scope_path, id);

-- System-wide settings owned by the root.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
