-- Names sort as people read them: "Atlas Call 1538" before "Atlas Call
-- 10004". sort_key (and username_sort) hold model.SortKey of the name:
-- folded, with each run of digits written so that byte order is numeric
-- order. The program computes it in Go on every insert and update; here,
-- for the rows already in the file, through branchbook_sort_key, a Go
-- function the program registers with the driver (storage/sortkeys.go).
-- The function is used only by this migration, never by the schema, so
-- other tools can still read and write the file. `branchbook check`
-- computes every key again and compares.

ALTER TABLE customers ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE tariffs ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN username_sort TEXT NOT NULL DEFAULT '';

UPDATE customers SET sort_key = branchbook_sort_key(name);
UPDATE tariffs SET sort_key = branchbook_sort_key(name);
UPDATE accounts SET username_sort = branchbook_sort_key(username);

-- The tree opens a branch by listing live children in this order; the
-- index on (parent_id, name_key) it replaces served only that.
DROP INDEX customers_children;
CREATE INDEX customers_children ON customers (parent_id, sort_key) WHERE archived_at IS NULL;
-- The Accounts tab's username order.
CREATE INDEX accounts_customer_sorted ON accounts (customer_id, username_sort, id) WHERE archived_at IS NULL;
-- Search for one or two characters walks live customers in name order.
CREATE INDEX customers_sort_key ON customers (sort_key) WHERE archived_at IS NULL;
