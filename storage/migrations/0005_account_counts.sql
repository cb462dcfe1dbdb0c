-- How many live accounts each customer has, kept by triggers in the same
-- transaction as every account added, deleted (archived_at) or restored,
-- so the Accounts tab and the customer's details read one row instead of
-- counting 100,000 index entries.

CREATE TABLE account_counts (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
    accounts    INTEGER NOT NULL
);

INSERT INTO account_counts (customer_id, accounts)
SELECT customer_id, count(*) FROM accounts WHERE archived_at IS NULL GROUP BY customer_id;

CREATE TRIGGER accounts_count_insert AFTER INSERT ON accounts
WHEN new.archived_at IS NULL
BEGIN
    INSERT INTO account_counts (customer_id, accounts) VALUES (new.customer_id, 1)
    ON CONFLICT (customer_id) DO UPDATE SET accounts = accounts + 1;
END;

CREATE TRIGGER accounts_count_change AFTER UPDATE OF archived_at, customer_id ON accounts
WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) OR old.customer_id <> new.customer_id
BEGIN
    UPDATE account_counts SET accounts = accounts - 1
    WHERE old.archived_at IS NULL AND customer_id = old.customer_id;
    INSERT INTO account_counts (customer_id, accounts) SELECT new.customer_id, 1 WHERE new.archived_at IS NULL
    ON CONFLICT (customer_id) DO UPDATE SET accounts = accounts + 1;
END;
