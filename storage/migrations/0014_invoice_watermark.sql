-- Invoices bill calls by when they were made (issue 17): an invoice holds
-- the calls that started in its period and were booked when it was issued,
-- and the next invoice of the recipient holds those of earlier periods
-- booked after that (its "late calls" line). seen_entry is the newest
-- ledger entry an invoice saw when it was issued: what came after it is
-- late for the next one. Entry ids only grow (entries are never deleted).
ALTER TABLE invoices ADD COLUMN seen_entry INTEGER NOT NULL DEFAULT 0;

-- Invoices issued before this version saw what was booked up to their
-- issue; issued documents never change otherwise, so the guard is lifted
-- for this one update only.
DROP TRIGGER invoices_no_update;
UPDATE invoices SET seen_entry = (SELECT ifnull(max(e.id), 0) FROM entries e WHERE e.created_at <= invoices.issued_at);
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN SELECT RAISE(ABORT, 'issued invoices are never changed'); END;
