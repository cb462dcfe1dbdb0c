-- How many live sub-customers and live accounts each customer has, in its
-- own row, kept by triggers in the same transaction as every customer or
-- account added, deleted (archived_at), restored or moved. The tree draws
-- a row's expander from them, so opening a branch of 10,000 children reads
-- 10,000 rows and nothing else: no probe per row for sub-customers, no
-- second table for accounts. The accounts' count moves here from the
-- account_counts table of migration 5, which the same read would otherwise
-- have to search once per row. `branchbook check` counts both again.

ALTER TABLE customers ADD COLUMN live_children INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN live_accounts INTEGER NOT NULL DEFAULT 0;

WITH n AS (SELECT parent_id, count(*) AS children FROM customers
    WHERE archived_at IS NULL AND parent_id IS NOT NULL GROUP BY parent_id)
UPDATE customers SET live_children = n.children FROM n WHERE customers.id = n.parent_id;

WITH n AS (SELECT customer_id, count(*) AS accounts FROM accounts WHERE archived_at IS NULL GROUP BY customer_id)
UPDATE customers SET live_accounts = n.accounts FROM n WHERE customers.id = n.customer_id;

DROP TRIGGER accounts_count_insert;
DROP TRIGGER accounts_count_change;
DROP TABLE account_counts;

-- The owner's row changes only in live_children or live_accounts, which no
-- other trigger watches.
CREATE TRIGGER customers_children_insert AFTER INSERT ON customers
WHEN new.archived_at IS NULL AND new.parent_id IS NOT NULL
BEGIN
    UPDATE customers SET live_children = live_children + 1 WHERE id = new.parent_id;
END;

CREATE TRIGGER customers_children_change AFTER UPDATE OF parent_id, archived_at ON customers
WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) OR old.parent_id IS NOT new.parent_id
BEGIN
    UPDATE customers SET live_children = live_children - 1
    WHERE old.archived_at IS NULL AND id = old.parent_id;
    UPDATE customers SET live_children = live_children + 1
    WHERE new.archived_at IS NULL AND id = new.parent_id;
END;

CREATE TRIGGER accounts_live_insert AFTER INSERT ON accounts
WHEN new.archived_at IS NULL
BEGIN
    UPDATE customers SET live_accounts = live_accounts + 1 WHERE id = new.customer_id;
END;

CREATE TRIGGER accounts_live_change AFTER UPDATE OF archived_at, customer_id ON accounts
WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) OR old.customer_id <> new.customer_id
BEGIN
    UPDATE customers SET live_accounts = live_accounts - 1
    WHERE old.archived_at IS NULL AND id = old.customer_id;
    UPDATE customers SET live_accounts = live_accounts + 1
    WHERE new.archived_at IS NULL AND id = new.customer_id;
END;
