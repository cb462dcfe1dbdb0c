-- Subtree totals: for every customer, the balances of its live subtree
-- (itself and every live customer below it) summed per currency, with how
-- many customers each sum covers. The tree's "Subtree totals" and the
-- whole tree's total read one row per currency here instead of summing
-- every customer below, so they cost the same at 10,000 customers as at a
-- million. The triggers keep the table in step with every change to a
-- customer, in the same transaction: an entry's balance, a new customer, a
-- delete or restore (archived_at), a move (path).

CREATE TABLE subtree_totals (
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    currency       TEXT    NOT NULL,
    balance_micros INTEGER NOT NULL,
    customers      INTEGER NOT NULL, -- live customers in that currency, in the subtree
    PRIMARY KEY (customer_id, currency)
) WITHOUT ROWID;

INSERT INTO subtree_totals (customer_id, currency, balance_micros, customers)
SELECT a.id, c.currency, sum(c.balance_micros), count(*)
FROM customers a
JOIN customers c ON c.path >= a.path AND c.path < substr(a.path, 1, length(a.path) - 1) || '0'
WHERE c.archived_at IS NULL AND c.currency IS NOT NULL
GROUP BY a.id, c.currency;

-- A customer's path, "/1/7/9/", names it and every owner above it; as a
-- JSON array, "[1,7,9]", json_each lists them.

CREATE TRIGGER customers_totals_insert AFTER INSERT ON customers
WHEN new.archived_at IS NULL AND new.currency IS NOT NULL
BEGIN
    INSERT INTO subtree_totals (customer_id, currency, balance_micros, customers)
    SELECT value, new.currency, new.balance_micros, 1
    FROM json_each('[' || replace(trim(new.path, '/'), '/', ',') || ']') WHERE true
    ON CONFLICT (customer_id, currency) DO UPDATE
    SET balance_micros = balance_micros + excluded.balance_micros, customers = customers + 1;
END;

-- The common case, an entry: only the balance moved.
CREATE TRIGGER customers_totals_balance AFTER UPDATE OF balance_micros ON customers
WHEN new.archived_at IS NULL AND old.archived_at IS NULL AND new.currency IS NOT NULL
    AND new.currency IS old.currency AND new.path = old.path AND new.balance_micros <> old.balance_micros
BEGIN
    UPDATE subtree_totals SET balance_micros = balance_micros + (new.balance_micros - old.balance_micros)
    WHERE currency = new.currency
      AND customer_id IN (SELECT value FROM json_each('[' || replace(trim(new.path, '/'), '/', ',') || ']'));
END;

-- Anything else: take the old row out along its old path, put the new one
-- in along its new path.
CREATE TRIGGER customers_totals_change AFTER UPDATE OF balance_micros, archived_at, path, currency ON customers
WHEN NOT (new.archived_at IS old.archived_at AND new.currency IS old.currency AND new.path = old.path)
BEGIN
    UPDATE subtree_totals SET balance_micros = balance_micros - old.balance_micros, customers = customers - 1
    WHERE old.archived_at IS NULL AND currency = old.currency
      AND customer_id IN (SELECT value FROM json_each('[' || replace(trim(old.path, '/'), '/', ',') || ']'));
    INSERT INTO subtree_totals (customer_id, currency, balance_micros, customers)
    SELECT value, new.currency, new.balance_micros, 1
    FROM json_each('[' || replace(trim(new.path, '/'), '/', ',') || ']')
    WHERE new.archived_at IS NULL AND new.currency IS NOT NULL
    ON CONFLICT (customer_id, currency) DO UPDATE
    SET balance_micros = balance_micros + excluded.balance_micros, customers = customers + 1;
END;
