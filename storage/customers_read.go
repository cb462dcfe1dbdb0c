package storage

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/branchbook/branchbook/model"
)

// Ancestors returns the ids from the session's customer down to id's owner.
func (s *Store) Ancestors(ctx context.Context, sess model.Session, id model.ID) ([]model.ID, error) {
	n, err := nodeIn(ctx, s.db, sess, id, false)
	if err != nil {
		return nil, err
	}
	var out []model.ID
	inside := false
	for _, v := range chain(n.path) {
		a := model.ID(v.(int64))
		if a == sess.CustomerID {
			inside = true
		}
		if inside && a != id {
			out = append(out, a)
		}
	}
	return out, nil
}

// likePattern makes a LIKE pattern that finds text anywhere, with the
// wildcards in the text itself escaped.
// searchCandidates bounds the work of a search for a common word: the
// index's first matches (oldest customers first) are read, at most this
// many, and the first of them by name are shown. A word found in fewer
// customers is shown in full name order. The cost is then that of the
// candidates, not of the file: a word in half of a million customers costs
// what it costs in ten thousand.
var searchCandidates = 2000 // a variable for the tests

// searchIndex finds a phrase of three characters or more with the trigram
// index (LIKE with an ESCAPE clause would not use it), case-insensitively.
// When the candidates ran out before the session's subtree gave enough
// matches (a reseller's small subtree in a big file), it reads every match.
func (s *Store) searchIndex(ctx context.Context, sess model.Session, q string, limit int) ([]model.CustomerHit, error) {
	lo, hi := subtree(sess.Path)
	phrase := `"` + strings.ReplaceAll(q, `"`, `""`) + `"`
	query := func(candidates int) ([]model.CustomerHit, error) {
		rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.name, ifnull(c.web_login, ''), c.company, c.email
			FROM (SELECT rowid FROM customer_search WHERE customer_search MATCH ?3 LIMIT ?5) f
			JOIN customers c ON c.id = f.rowid
			WHERE c.archived_at IS NULL AND c.path >= ?1 AND c.path < ?2
			ORDER BY c.sort_key, c.id LIMIT ?4`, lo, hi, phrase, limit, candidates)
		if err != nil {
			return nil, storageErr("searching customers", err)
		}
		return scanHits(rows)
	}
	hits, err := query(searchCandidates)
	if err != nil || len(hits) >= limit {
		return hits, err
	}
	var found int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM customer_search WHERE customer_search MATCH ?
		LIMIT ?)`, phrase, searchCandidates).Scan(&found); err != nil {
		return nil, storageErr("searching customers", err)
	}
	if found < searchCandidates {
		return hits, nil // every match was a candidate
	}
	return query(-1) // no limit
}

func scanHits(rows *sql.Rows) ([]model.CustomerHit, error) {
	defer rows.Close()
	var out []model.CustomerHit
	for rows.Next() {
		var h model.CustomerHit
		if err := rows.Scan(&h.ID, &h.Name, &h.WebLogin, &h.Company, &h.Email); err != nil {
			return nil, storageErr("searching customers", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

func likePattern(text string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(text) + "%"
}

// SearchCustomers finds live customers in the subtree whose name, login,
// company or e-mail contains query (case-folded), ordered by name.
func (s *Store) SearchCustomers(ctx context.Context, sess model.Session, query string, limit int) ([]model.CustomerHit, error) {
	// Control characters and broken UTF-8 can never be in a name; dropping
	// them keeps the full-text query well formed whatever was pasted.
	q := model.Key(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(query, "")))
	if q == "" || limit <= 0 {
		return nil, nil
	}
	lo, hi := subtree(sess.Path)
	pat := likePattern(q)
	var rows *sql.Rows
	var err error
	if utf8.RuneCountInString(q) >= 3 {
		return s.searchIndex(ctx, sess, q, limit)
	} else {
		// One or two characters match many customers: walk them in name
		// order and stop at the limit.
		rows, err = s.db.QueryContext(ctx, `SELECT id, name, ifnull(web_login, ''), company, email
			FROM customers INDEXED BY customers_sort_key
			WHERE archived_at IS NULL AND path >= ?1 AND path < ?2
			AND (name_key LIKE ?3 ESCAPE '\' OR login_key LIKE ?3 ESCAPE '\'
				OR lower(company) LIKE ?3 ESCAPE '\' OR lower(email) LIKE ?3 ESCAPE '\')
			ORDER BY sort_key LIMIT ?4`, lo, hi, pat, limit)
	}
	if err != nil {
		return nil, storageErr("searching customers", err)
	}
	return scanHits(rows)
}

// SubtreeBalances returns the balances of id and all its descendants,
// summed per currency: the rows of subtree_totals that the triggers of
// migration 4 keep up to date, so the cost does not grow with the subtree.
func (s *Store) SubtreeBalances(ctx context.Context, sess model.Session, id model.ID) ([]model.Money, error) {
	if _, err := nodeIn(ctx, s.db, sess, id, false); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT currency, balance_micros FROM subtree_totals
		WHERE customer_id = ? AND customers > 0 ORDER BY currency`, id)
	if err != nil {
		return nil, storageErr("summing balances", err)
	}
	defer rows.Close()
	var out []model.Money
	for rows.Next() {
		var cur string
		var sum int64
		if err := rows.Scan(&cur, &sum); err != nil {
			return nil, storageErr("summing balances", err)
		}
		out = append(out, model.Money{Amount: model.FromMicros(sum), Currency: model.Currency(cur)})
	}
	return out, rows.Err()
}

// ExportCustomers calls each for every live customer of the subtree, in path
// order, so owners come before their customers (StreamCustomers without
// progress).
func (s *Store) ExportCustomers(ctx context.Context, sess model.Session, each func(model.ExportRow) error) error {
	return s.StreamCustomers(ctx, sess, nil, each)
}

// belowSession cuts a path to the part from the session's customer down:
// with the session at "/1/7/", "/1/7/42/" gives "7/42/".
func belowSession(sess model.Session, path string) string {
	own := strconv.FormatInt(int64(sess.CustomerID), 10) + "/"
	return strings.TrimPrefix(path, strings.TrimSuffix(sess.Path, own))
}
