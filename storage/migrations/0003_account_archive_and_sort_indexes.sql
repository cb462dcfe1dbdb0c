-- Accounts in use: who archived one (as for customers), and the orders the
-- Accounts tab sorts by, so the first page of a customer with 100,000
-- accounts is read from an index whatever the order.
ALTER TABLE accounts ADD COLUMN archived_by INTEGER REFERENCES customers(id);
CREATE INDEX accounts_customer_balance ON accounts (customer_id, balance_micros, id) WHERE archived_at IS NULL;
CREATE INDEX accounts_customer_expiry ON accounts (customer_id, expires_at, id) WHERE archived_at IS NULL;
