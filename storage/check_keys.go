package storage

import (
	"context"
	"fmt"

	"github.com/branchbook/branchbook/model"
)

// checkChildCounts counts every customer's live sub-customers again and
// compares with live_children, which the triggers of migration 7 keep.
func (s *Store) checkChildCounts(ctx context.Context, r *CheckReport) error {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.live_children, ifnull(n.children, 0)
		FROM customers c LEFT JOIN (SELECT parent_id, count(*) AS children FROM customers
			WHERE archived_at IS NULL AND parent_id IS NOT NULL GROUP BY parent_id) n ON n.parent_id = c.id
		WHERE c.live_children <> ifnull(n.children, 0) ORDER BY c.id`)
	if err != nil {
		return storageErr("checking sub-customer counts", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var cached, fresh int
		if err := rows.Scan(&id, &cached, &fresh); err != nil {
			return storageErr("checking sub-customer counts", err)
		}
		r.Mismatches = append(r.Mismatches, fmt.Sprintf("customer %d: %d sub-customers counted, %d cached", id, fresh, cached))
	}
	return rows.Err()
}

// checkSortKeys computes the sort key of every customer, tariff and account
// name again (model.SortKey, in Go) and compares with the stored one, which
// orders the lists: a name written by another tool, or by a program whose
// rule differed, would sort out of place.
func (s *Store) checkSortKeys(ctx context.Context, r *CheckReport) error {
	for _, t := range []struct{ what, table, name, key string }{
		{"customer", "customers", "name", "sort_key"},
		{"tariff", "tariffs", "name", "sort_key"},
		{"account", "accounts", "username", "username_sort"},
	} {
		// Table and column names are the constants above.
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf(`SELECT id, %s, %s FROM %s`, t.name, t.key, t.table))
		if err != nil {
			return storageErr("checking sort keys", err)
		}
		for rows.Next() {
			var id int64
			var name, key string
			if err := rows.Scan(&id, &name, &key); err != nil {
				rows.Close()
				return storageErr("checking sort keys", err)
			}
			if model.SortKey(name) != key {
				r.Mismatches = append(r.Mismatches, fmt.Sprintf("%s %d %q: its sort key is out of date", t.what, id, name))
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return storageErr("checking sort keys", err)
		}
	}
	return nil
}
