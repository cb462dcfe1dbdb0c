package storage

import (
	"context"
	"fmt"

	"github.com/branchbook/branchbook/model"
)

// CheckReport is what Check found.
type CheckReport struct {
	Integrity  string   // "ok", or SQLite's list of problems
	Customers  int      // customers whose balance was checked
	Accounts   int      // accounts whose balance was checked
	Entries    int      // ledger entries summed
	Invoices   int      // issued invoices and credit notes added up
	Mismatches []string // one line per cached balance or subtree total that differs from what it sums
}

// OK reports whether nothing was wrong.
func (r CheckReport) OK() bool { return r.Integrity == "ok" && len(r.Mismatches) == 0 }

// Check proves, for every customer and every account, that the cached
// balance equals the sum of its ledger entries, that no two rates of a
// prefix in a tariff are in force at a same moment, that every "calls"
// entry books minus the sum of its calls' charges, that every issuer's
// invoice numbers are gapless and every issued document adds up, and runs
// SQLite's integrity check.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&r.Integrity); err != nil {
		return r, storageErr("checking integrity", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM accounts),
		(SELECT count(*) FROM entries)`).Scan(&r.Customers, &r.Accounts, &r.Entries); err != nil {
		return r, storageErr("counting", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT 'customer', c.id, c.name, c.balance_micros, ifnull(e.total, 0)
		FROM customers c LEFT JOIN (SELECT customer_id, sum(booked_micros) AS total FROM entries
			WHERE customer_id IS NOT NULL GROUP BY customer_id) e ON e.customer_id = c.id
		WHERE c.balance_micros <> ifnull(e.total, 0)
		UNION ALL
		SELECT 'account', a.id, a.username, a.balance_micros, ifnull(e.total, 0)
		FROM accounts a LEFT JOIN (SELECT account_id, sum(booked_micros) AS total FROM entries
			WHERE account_id IS NOT NULL GROUP BY account_id) e ON e.account_id = a.id
		WHERE a.balance_micros <> ifnull(e.total, 0)
		ORDER BY 1 DESC, 2`)
	if err != nil {
		return r, storageErr("checking balances", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var what, name string
		var cached, sum int64
		if err := rows.Scan(&what, &id, &name, &cached, &sum); err != nil {
			return r, storageErr("checking balances", err)
		}
		r.Mismatches = append(r.Mismatches, fmt.Sprintf("%s %d %q: balance %s, entries sum to %s",
			what, id, name, model.FromMicros(cached), model.FromMicros(sum)))
	}
	if err := rows.Err(); err != nil {
		return r, storageErr("checking balances", err)
	}
	if err := s.checkSubtreeTotals(ctx, &r); err != nil {
		return r, err
	}
	if err := s.checkChildCounts(ctx, &r); err != nil {
		return r, err
	}
	if err := s.checkSortKeys(ctx, &r); err != nil {
		return r, err
	}
	if err := s.checkRatePeriods(ctx, &r); err != nil {
		return r, err
	}
	if err := s.checkAccountTariffs(ctx, &r); err != nil {
		return r, err
	}
	if err := s.checkCallEntries(ctx, &r); err != nil {
		return r, err
	}
	if err := s.checkInvoices(ctx, &r); err != nil {
		return r, err
	}
	return r, s.checkAccountCounts(ctx, &r)
}

// checkAccountCounts counts every customer's live accounts again and
// compares with the counts the triggers keep.
func (s *Store) checkAccountCounts(ctx context.Context, r *CheckReport) error {
	rows, err := s.db.QueryContext(ctx, `WITH fresh AS (SELECT customer_id, count(*) AS accounts FROM accounts
			WHERE archived_at IS NULL GROUP BY customer_id),
		cached AS (SELECT id AS customer_id, live_accounts AS accounts FROM customers WHERE live_accounts <> 0)
		SELECT customer_id FROM (SELECT * FROM fresh EXCEPT SELECT * FROM cached)
		UNION SELECT customer_id FROM (SELECT * FROM cached EXCEPT SELECT * FROM fresh) ORDER BY 1`)
	if err != nil {
		return storageErr("checking account counts", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return storageErr("checking account counts", err)
		}
		r.Mismatches = append(r.Mismatches, fmt.Sprintf("customer %d: the cached count of its accounts is wrong", id))
	}
	return rows.Err()
}

// checkSubtreeTotals sums every live subtree again and compares it with
// the cached totals, both ways, so a missing row counts as much as a
// wrong one.
func (s *Store) checkSubtreeTotals(ctx context.Context, r *CheckReport) error {
	rows, err := s.db.QueryContext(ctx, `WITH fresh AS (
			SELECT a.id AS customer_id, c.currency, sum(c.balance_micros) AS balance_micros, count(*) AS customers
			FROM customers a
			JOIN customers c ON c.path >= a.path AND c.path < substr(a.path, 1, length(a.path) - 1) || '0'
			WHERE c.archived_at IS NULL AND c.currency IS NOT NULL
			GROUP BY a.id, c.currency),
		cached AS (SELECT customer_id, currency, balance_micros, customers FROM subtree_totals WHERE customers <> 0)
		SELECT customer_id, currency FROM (SELECT * FROM fresh EXCEPT SELECT * FROM cached)
		UNION SELECT customer_id, currency FROM (SELECT * FROM cached EXCEPT SELECT * FROM fresh)
		ORDER BY 1, 2`)
	if err != nil {
		return storageErr("checking subtree totals", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var cur string
		if err := rows.Scan(&id, &cur); err != nil {
			return storageErr("checking subtree totals", err)
		}
		r.Mismatches = append(r.Mismatches, fmt.Sprintf("customer %d: the cached %s total of its subtree is wrong", id, cur))
	}
	return rows.Err()
}

// checkRatePeriods finds rates of one prefix in one tariff whose periods
// overlap: the store refuses them in Go (model.CheckRatePeriods), since the
// schema cannot. Bounds are fixed-width UTC text, so text order is time
// order; a NULL bound is open.
func (s *Store) checkRatePeriods(ctx context.Context, r *CheckReport) error {
	rows, err := s.db.QueryContext(ctx, `SELECT a.tariff_id, a.prefix, a.id, b.id
		FROM tariff_rates a JOIN tariff_rates b
			ON b.tariff_id = a.tariff_id AND b.prefix = a.prefix AND b.id > a.id
		WHERE (a.effective_from IS NULL OR b.ends IS NULL OR a.effective_from < b.ends)
			AND (b.effective_from IS NULL OR a.ends IS NULL OR b.effective_from < a.ends)
		ORDER BY 1, 2, 3, 4`)
	if err != nil {
		return storageErr("checking rate periods", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tariff, a, b int64
		var prefix string
		if err := rows.Scan(&tariff, &prefix, &a, &b); err != nil {
			return storageErr("checking rate periods", err)
		}
		r.Mismatches = append(r.Mismatches, fmt.Sprintf("tariff %d prefix %s: rates %d and %d are in force at a same moment",
			tariff, prefix, a, b))
	}
	if err := rows.Err(); err != nil {
		return storageErr("checking rate periods", err)
	}
	return nil
}

// checkAccountTariffs finds live accounts whose tariff their customer may
// not use (owned neither by the customer nor by an owner above it, nor the
// customer's own tariff) or is in another currency than the account. An
// account without a tariff is allowed: its calls are unrated (no_tariff).
func (s *Store) checkAccountTariffs(ctx context.Context, r *CheckReport) error {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.username, t.id, t.currency, a.currency,
			instr(c.path, '/' || t.owner_id || '/') > 0 OR c.tariff_id IS t.id
		FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN tariffs t ON t.id = a.tariff_id
		WHERE a.archived_at IS NULL AND (t.currency <> a.currency
			OR NOT (instr(c.path, '/' || t.owner_id || '/') > 0 OR c.tariff_id IS t.id))
		ORDER BY a.id`)
	if err != nil {
		return storageErr("checking account tariffs", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, tariff int64
		var name, tcur, acur string
		var usable bool
		if err := rows.Scan(&id, &name, &tariff, &tcur, &acur, &usable); err != nil {
			return storageErr("checking account tariffs", err)
		}
		if !usable {
			r.Mismatches = append(r.Mismatches, fmt.Sprintf("account %d %q: tariff %d is not one its customer may use", id, name, tariff))
		}
		if tcur != acur {
			r.Mismatches = append(r.Mismatches, fmt.Sprintf("account %d %q: tariff %d is in %s, the account in %s", id, name, tariff, tcur, acur))
		}
	}
	if err := rows.Err(); err != nil {
		return storageErr("checking account tariffs", err)
	}
	return nil
}

// checkCallEntries finds "calls" entries whose booked amount is not minus
// the sum of the charges they book (call_batches links an entry to its
// charges), and batches whose recorded total is not that sum.
func (s *Store) checkCallEntries(ctx context.Context, r *CheckReport) error {
	rows, err := s.db.QueryContext(ctx, `WITH sums AS (SELECT batch_id, sum(cost_micros) AS total FROM call_charges
			GROUP BY batch_id)
		SELECT e.id, e.booked_micros, ifnull(b.id, 0), ifnull(-sums.total, 0)
		FROM entries e LEFT JOIN call_batches b ON b.entry_id = e.id LEFT JOIN sums ON sums.batch_id = b.id
		WHERE e.kind = 'calls' AND (b.id IS NULL OR e.booked_micros <> ifnull(-sums.total, 0)
			OR b.total_micros <> ifnull(sums.total, 0))
		ORDER BY e.id`)
	if err != nil {
		return storageErr("checking calls entries", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, booked, batch, want int64
		if err := rows.Scan(&id, &booked, &batch, &want); err != nil {
			return storageErr("checking calls entries", err)
		}
		if batch == 0 {
			r.Mismatches = append(r.Mismatches, fmt.Sprintf("calls entry %d: no calls are linked to it", id))
			continue
		}
		r.Mismatches = append(r.Mismatches, fmt.Sprintf("calls entry %d: booked %s, its calls' charges sum to %s",
			id, model.FromMicros(booked), model.FromMicros(want)))
	}
	return rows.Err()
}
