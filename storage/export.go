package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/branchbook/branchbook/model"
)

// exportColumns are every field of a customer but the password, in the
// order scanExport reads them. The tariff's name is looked up in Go: a
// join would search the tariffs once per customer.
const exportColumns = `id, ifnull(parent_id, 0), depth, name, ifnull(web_login, ''), language, time_zone,
	ifnull(tariff_id, 0), ifnull(currency, ''), balance_micros, credit_limit_micros, company, contact, email,
	phone, address, notes, blocked, created_at, updated_at`

// exportMmap is how much of the file an export maps: 4 GiB of address
// space, not of memory.
const exportMmap = 4 << 30

// StreamCustomers calls each for every live customer of the session's
// subtree, in tree order (path order: every owner before its customers),
// inside one read transaction, so the rows are one consistent picture of
// the file while writers go on. progress, when not nil, is called with how
// many rows are done of the total, at the start, every 1,000 rows and at
// the end. A cancelled ctx or an error from each stops it.
//
// The rows are read once along the path index; a row's place in the tree
// comes from the names of the rows above it, which path order has just
// read (a stack by depth), so nothing is read twice and nothing is kept
// per customer.
func (s *Store) StreamCustomers(ctx context.Context, sess model.Session, progress func(done, total int),
	each func(model.ExportRow) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return storageErr("exporting customers", err)
	}
	defer conn.Close()
	// Path order visits the table's pages out of order; through SQLite's
	// small page cache each visit was a read() of the file. Mapped, the
	// file's pages are read in place (the kernel's cache holds them).
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA mmap_size = %d", exportMmap)); err != nil {
		return storageErr("exporting customers", err)
	}
	// The connection goes back to the pool afterwards.
	defer conn.ExecContext(context.Background(), "PRAGMA mmap_size = 0")
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return storageErr("exporting customers", err)
	}
	defer tx.Rollback()
	top, err := nodeIn(ctx, tx, sess, sess.CustomerID, false)
	if err != nil {
		return err
	}
	total, err := liveInSubtree(ctx, tx, top)
	if err != nil {
		return storageErr("exporting customers", err)
	}
	tariffs, err := tariffNames(ctx, tx)
	if err != nil {
		return storageErr("exporting customers", err)
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	progress(0, total)
	lo, hi := subtree(sess.Path)
	rows, err := tx.QueryContext(ctx, `SELECT `+exportColumns+` FROM customers
		WHERE archived_at IS NULL AND path >= ? AND path < ? ORDER BY path`, lo, hi)
	if err != nil {
		return storageErr("exporting customers", err)
	}
	defer rows.Close()
	var above []string // names from the session's customer down to the last row's owner
	done := 0
	for rows.Next() {
		var r model.ExportRow
		depth, err := scanExport(rows, &r.Customer)
		if err != nil {
			return storageErr("exporting customers", err)
		}
		c := &r.Customer
		c.TariffName = tariffs[c.TariffID]
		if c.ID == sess.CustomerID {
			c.ParentID = 0
		}
		level := depth - top.depth // 0 for the session's own customer
		above = append(above[:min(level, len(above))], c.Name)
		r.Path = append([]string(nil), above...)
		if err := each(r); err != nil {
			return err
		}
		if done++; done%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			progress(done, max(total, done))
		}
	}
	if err := rows.Err(); err != nil {
		return storageErr("exporting customers", err)
	}
	progress(done, max(total, done))
	return nil
}

func scanExport(rows *sql.Rows, c *model.Customer) (depth int, err error) {
	var cur, created, updated string
	var bal, credit int64
	err = rows.Scan(&c.ID, &c.ParentID, &depth, &c.Name, &c.WebLogin, &c.Language, &c.TimeZone, &c.TariffID,
		&cur, &bal, &credit, &c.Company, &c.Contact, &c.Email, &c.Phone, &c.Address, &c.Notes,
		&c.Blocked, &created, &updated)
	c.Currency, c.Balance, c.CreditLimit = model.Currency(cur), model.FromMicros(bal), model.FromMicros(credit)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return depth, err
}

// liveInSubtree counts the live customers of n's subtree from the subtree
// totals (one row per currency), plus n itself when it has no currency
// (the root), instead of counting a million index entries.
func liveInSubtree(ctx context.Context, tx *sql.Tx, n node) (int, error) {
	var total int
	err := tx.QueryRowContext(ctx, `SELECT ifnull(sum(customers), 0) FROM subtree_totals WHERE customer_id = ?`, n.id).
		Scan(&total)
	if n.currency == "" {
		total++
	}
	return total, err
}

// tariffNames maps every tariff's id to its name: a few hundred rows.
func tariffNames(ctx context.Context, tx *sql.Tx) (map[model.ID]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM tariffs`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[model.ID]string{}
	for rows.Next() {
		var id model.ID
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	return names, rows.Err()
}
