-- What rating needs of tariffs and rates (docs/rating.md, section 8).
--
-- A tariff's grace and free seconds are what its rates take when they set
-- none: 0 to 3600 (model.MaxAllowanceSeconds), 0 for every tariff so far.
ALTER TABLE tariffs ADD COLUMN grace_seconds INTEGER NOT NULL DEFAULT 0
    CHECK (grace_seconds BETWEEN 0 AND 3600);
ALTER TABLE tariffs ADD COLUMN free_seconds INTEGER NOT NULL DEFAULT 0
    CHECK (free_seconds BETWEEN 0 AND 3600);

-- A rate gains its own grace and free seconds (NULL: the tariff's) and the
-- period it is in force, effective_from <= start < ends, as UTC instants
-- written as created_at is (storage.timeLayout; NULL: open on that side).
-- A prefix may now have several rates in one tariff, one after another, so
-- UNIQUE (tariff_id, prefix) goes: the store refuses overlapping periods
-- inside its write transaction, as rating.NewDeck does, and the index on
-- (tariff_id, prefix, effective_from) serves that check and the listing.
-- SQLite cannot drop a table constraint, so the table is rebuilt the way
-- its documentation describes: nothing references tariff_rates and it has
-- no triggers or other indexes, and every row keeps its id.
CREATE TABLE tariff_rates_new (
    id                 INTEGER PRIMARY KEY,
    tariff_id          INTEGER NOT NULL REFERENCES tariffs(id),
    prefix             TEXT    NOT NULL CHECK (prefix <> '' AND prefix NOT GLOB '*[^0-9]*'),
    description        TEXT    NOT NULL DEFAULT '',
    price_micros       INTEGER NOT NULL CHECK (price_micros >= 0),       -- per minute
    connect_fee_micros INTEGER NOT NULL DEFAULT 0 CHECK (connect_fee_micros >= 0),
    first_interval     INTEGER NOT NULL DEFAULT 60 CHECK (first_interval > 0), -- seconds
    next_interval      INTEGER NOT NULL DEFAULT 60 CHECK (next_interval > 0),  -- seconds
    grace_seconds      INTEGER CHECK (grace_seconds BETWEEN 0 AND 3600),      -- NULL: the tariff's
    free_seconds       INTEGER CHECK (free_seconds BETWEEN 0 AND 3600),       -- NULL: the tariff's
    effective_from     TEXT,                                                  -- NULL: always in force before
    ends               TEXT,                                                  -- NULL: until further notice
    CHECK (ends > effective_from)                                             -- true when either is NULL
);
INSERT INTO tariff_rates_new (id, tariff_id, prefix, description, price_micros, connect_fee_micros,
    first_interval, next_interval)
SELECT id, tariff_id, prefix, description, price_micros, connect_fee_micros, first_interval, next_interval
FROM tariff_rates;
DROP TABLE tariff_rates;
ALTER TABLE tariff_rates_new RENAME TO tariff_rates;
CREATE INDEX tariff_rates_period ON tariff_rates (tariff_id, prefix, effective_from);
