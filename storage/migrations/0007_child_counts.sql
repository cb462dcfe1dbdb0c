-- How many live sub-customers each customer has, kept in its own row by
-- triggers in the same transaction as every customer added, deleted
-- (archived_at), restored or moved (parent_id), like the account counts of
-- migration 5. The tree draws a row's expander from it, so opening a branch
-- of 10,000 children reads 10,000 rows instead of also probing the index
-- once per row. `branchbook check` counts again and compares.

ALTER TABLE customers ADD COLUMN live_children INTEGER NOT NULL DEFAULT 0;

WITH n AS (SELECT parent_id, count(*) AS children FROM customers
    WHERE archived_at IS NULL AND parent_id IS NOT NULL GROUP BY parent_id)
UPDATE customers SET live_children = n.children FROM n WHERE customers.id = n.parent_id;

-- The parent's row changes only in live_children, which no other trigger
-- watches.
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
