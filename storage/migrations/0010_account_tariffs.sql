-- An account gets a tariff (docs/accounts.md, "Tariff"): one its customer
-- owns or may use, in the account's currency. NULL: the account has no
-- tariff, and its calls are unrated (no_tariff).
ALTER TABLE accounts ADD COLUMN tariff_id INTEGER REFERENCES tariffs(id);

-- Existing accounts get their customer's tariff, but only where the
-- currencies agree.
UPDATE accounts SET tariff_id = (
    SELECT t.id FROM customers c JOIN tariffs t ON t.id = c.tariff_id
    WHERE c.id = accounts.customer_id AND t.currency = accounts.currency);

-- An account in another currency than its customer gets the one live tariff
-- in its currency that its customer or an owner above it owns, when there is
-- exactly one; otherwise it stays without a tariff: its calls are unrated
-- (no_tariff) until a clerk picks one.
UPDATE accounts SET tariff_id = (
    SELECT min(t.id) FROM customers c JOIN tariffs t
        ON instr(c.path, '/' || t.owner_id || '/') > 0
    WHERE c.id = accounts.customer_id AND t.archived_at IS NULL AND t.currency = accounts.currency)
WHERE tariff_id IS NULL AND (
    SELECT count(*) FROM customers c JOIN tariffs t
        ON instr(c.path, '/' || t.owner_id || '/') > 0
    WHERE c.id = accounts.customer_id AND t.archived_at IS NULL AND t.currency = accounts.currency) = 1;

-- Deleting a tariff asks whether an account uses it.
CREATE INDEX accounts_tariff ON accounts (tariff_id) WHERE tariff_id IS NOT NULL;
