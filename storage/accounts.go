package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
)

// accountTariffNames fills in the accounts' TariffName with one look-up per
// distinct tariff (a page of cards has one), not a join per row: the
// Accounts tab reads pages of 200.
func accountTariffNames(ctx context.Context, q queryer, accounts []model.Account) error {
	names := map[model.ID]string{}
	for i, a := range accounts {
		if a.TariffID == 0 {
			continue
		}
		name, ok := names[a.TariffID]
		if !ok {
			if err := q.QueryRowContext(ctx, `SELECT name FROM tariffs WHERE id = ?`, a.TariffID).Scan(&name); err != nil {
				return err
			}
			names[a.TariffID] = name
		}
		accounts[i].TariffName = name
	}
	return nil
}

// accountColumns are read by scanAccount, from accounts a joined to their
// customer c.
const accountColumns = `a.id, a.customer_id, c.name, a.username, a.description, a.currency,
	ifnull(a.tariff_id, 0), a.balance_micros,
	a.credit_limit_micros, a.blocked, ifnull(a.expires_at, ''), a.created_at, a.updated_at`

func scanAccount(sc interface{ Scan(...any) error }) (model.Account, error) {
	var a model.Account
	var cur, expires, created, updated string
	var balance, credit int64
	err := sc.Scan(&a.ID, &a.CustomerID, &a.CustomerName, &a.Username, &a.Description, &cur, &a.TariffID, &balance, &credit,
		&a.Blocked, &expires, &created, &updated)
	a.Currency = model.Currency(cur)
	a.Balance, a.CreditLimit = model.FromMicros(balance), model.FromMicros(credit)
	if expires != "" {
		a.ExpiresAt = parseTime(expires)
	}
	a.CreatedAt, a.UpdatedAt = parseTime(created), parseTime(updated)
	return a, err
}

// nullTime is NULL for the zero time ("never").
func nullTime(t time.Time) sql.NullString {
	return sql.NullString{String: formatTime(t), Valid: !t.IsZero()}
}

// Account returns one live account of a customer inside the subtree.
func (s *Store) Account(ctx context.Context, sess model.Session, id model.ID) (model.Account, error) {
	lo, hi := subtree(sess.Path)
	a, err := scanAccount(s.db.QueryRowContext(ctx, `SELECT `+accountColumns+`
		FROM accounts a JOIN customers c ON c.id = a.customer_id
		WHERE a.id = ? AND a.archived_at IS NULL AND c.path >= ? AND c.path < ?`, id, lo, hi))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Account{}, model.ErrNotFound
	}
	if err == nil {
		one := []model.Account{a}
		err = accountTariffNames(ctx, s.db, one)
		a = one[0]
	}
	if err != nil {
		return model.Account{}, storageErr("reading an account", err)
	}
	return a, nil
}

// accountOrders are the ORDER BY clauses of each sort, ascending; each
// matches an index on (customer_id, column, id) so a page is read in order.
var accountOrders = map[model.AccountSort]string{
	model.SortByUsername: "a.username_sort %[1]s, a.id %[1]s",
	model.SortByBalance:  "a.balance_micros %[1]s, a.id %[1]s",
	model.SortByExpiry:   "a.expires_at %[1]s, a.id %[1]s",
}

// prefixRange is the filter for usernames starting with the folded prefix
// p. Without digits in p, the sort keys of those usernames are exactly the
// keys starting with p (SortKey copies text and writes numbers only from
// a digit on), so the index in username order serves both the filter and
// the order; with digits, the range is on the folded username.
func prefixRange(p string) string {
	if strings.ContainsAny(p, "0123456789") {
		return " AND a.username_key >= ? AND a.username_key < ?"
	}
	return " AND a.username_sort >= ? AND a.username_sort < ?"
}

// Accounts returns one page of a customer's live accounts and how many
// match in all.
func (s *Store) Accounts(ctx context.Context, sess model.Session, customer model.ID, q model.AccountQuery) (model.AccountPage, error) {
	if _, err := nodeIn(ctx, s.db, sess, customer, false); err != nil {
		return model.AccountPage{}, err
	}
	where, args := "a.customer_id = ? AND a.archived_at IS NULL", []any{customer}
	if p := model.Key(q.Prefix); p != "" {
		where, args = where+prefixRange(p), append(args, p, p+"\U0010FFFF")
	}
	order, ok := accountOrders[q.Sort]
	if !ok {
		order = accountOrders[model.SortByUsername]
	}
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	limit := q.Limit
	if limit <= 0 || limit > 10_000 {
		limit = 200
	}
	var page model.AccountPage
	// Without a filter the count is kept by triggers in the customer's row
	// (migration 7): one row, however many accounts.
	count := `SELECT live_accounts FROM customers WHERE id = ?`
	countArgs := []any{customer}
	if model.Key(q.Prefix) != "" {
		count, countArgs = `SELECT count(*) FROM accounts a WHERE `+where, args
	}
	if err := s.db.QueryRowContext(ctx, count, countArgs...).Scan(&page.Total); err != nil {
		return page, storageErr("counting accounts", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts a JOIN customers c ON c.id = a.customer_id
		WHERE `+where+` ORDER BY `+fmt.Sprintf(order, dir)+` LIMIT ? OFFSET ?`, append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return page, storageErr("reading accounts", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return page, storageErr("reading accounts", err)
		}
		page.Accounts = append(page.Accounts, a)
	}
	if err := rows.Err(); err != nil {
		return page, storageErr("reading accounts", err)
	}
	if err := accountTariffNames(ctx, s.db, page.Accounts); err != nil {
		return page, storageErr("reading accounts", err)
	}
	return page, nil
}

// usableCurrency checks that an account of a customer in currency c can be
// converted: the customer's own currency, USD, or one with a rate.
func (s *Store) usableCurrency(ctx context.Context, tx *sql.Tx, sess model.Session, owner node, c model.Currency, field string) error {
	if c == owner.currency || c == model.USD {
		return nil
	}
	rates, err := s.ratesOf(ctx, tx, sess, c)
	if err != nil {
		return err
	}
	if _, ok := rates.Rate(c); !ok {
		return model.FieldError(field, model.CodeNoRate, map[string]any{"currency": string(c)})
	}
	return nil
}

// accountOwner reads the customer an account is added to: live, in the
// subtree, and not the root (which is never billed, so has no currency).
func accountOwner(ctx context.Context, tx *sql.Tx, sess model.Session, customer model.ID) (node, error) {
	n, err := nodeIn(ctx, tx, sess, customer, false)
	if err != nil {
		return node{}, err
	}
	if n.parent == 0 && n.currency == "" {
		return node{}, &model.Error{Code: model.CodeInvalid, Params: map[string]any{"root_accounts": true}}
	}
	return n, nil
}

// usernameTaken reports whether a live account other than except has the
// username; usernames are unique in the whole file, so the answer may
// concern an account outside the session's subtree, which is not named.
func usernameTaken(ctx context.Context, tx *sql.Tx, username string, except model.ID) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE username_key = ? AND archived_at IS NULL AND id <> ?`,
		model.Key(username), except).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return model.FieldError("username", model.CodeDuplicate, nil)
	}
	return nil
}

// insertAccount is the step that writes a new account's row, after the
// checks only the transaction can make: its customer in scope, its
// currency, a free username.
func (s *Store) insertAccount(ctx context.Context, sess model.Session, customer model.ID, in model.AccountInput) insertFunc {
	return func(tx *sql.Tx, n newHolder) (ledger, string, error) {
		owner, err := accountOwner(ctx, tx, sess, customer)
		if err != nil {
			return ledger{}, "", err
		}
		if err := s.usableCurrency(ctx, tx, sess, owner, in.Currency, "currency"); err != nil {
			return ledger{}, "", err
		}
		tariff, err := s.accountTariff(ctx, tx, sess, owner, in.Currency, in.TariffID)
		if err != nil {
			return ledger{}, "", err
		}
		if err := usernameTaken(ctx, tx, in.Username, 0); err != nil {
			return ledger{}, "", err
		}
		now := formatTime(n.at)
		var id model.ID
		err = tx.QueryRowContext(ctx, `INSERT INTO accounts (customer_id, username, username_key, username_sort, password_hash,
			description, currency, tariff_id, balance_micros, credit_limit_micros, blocked, expires_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) RETURNING id`, owner.id, in.Username, model.Key(in.Username),
			model.SortKey(in.Username), n.hash,
			in.Description, in.Currency, nullID(tariff), n.credit, in.Blocked, nullTime(in.ExpiresAt), now, now).Scan(&id)
		details := fmt.Sprintf("opening balance %s %s", in.Balance, in.Currency)
		return accountLedger(id, in.Username, in.Currency, owner), details, err
	}
}

// CreateAccount adds an account to a customer. Its opening balance is its
// first ledger entry, written in the same transaction.
func (s *Store) CreateAccount(ctx context.Context, sess model.Session, customer model.ID, in model.AccountInput) (model.Account, error) {
	in.Normalize()
	form := holderForm{in.Validate, in.Balance, in.CreditLimit, in.Password, s.insertAccount(ctx, sess, customer, in)}
	return create(ctx, s, sess, accountKind, form, s.Account)
}

// accountForWrite reads a live account inside the subtree with its
// customer.
func accountForWrite(ctx context.Context, tx *sql.Tx, sess model.Session, id model.ID) (model.Account, node, error) {
	lo, hi := subtree(sess.Path)
	a, err := scanAccount(tx.QueryRowContext(ctx, `SELECT `+accountColumns+`
		FROM accounts a JOIN customers c ON c.id = a.customer_id
		WHERE a.id = ? AND a.archived_at IS NULL AND c.path >= ? AND c.path < ?`, id, lo, hi))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Account{}, node{}, model.ErrNotFound
	}
	if err != nil {
		return model.Account{}, node{}, err
	}
	owner, err := nodeIn(ctx, tx, sess, a.CustomerID, false)
	return a, owner, err
}

// UpdateAccount changes an account's fields, never its balance. The
// currency may change only while the ledger holds just the opening entry:
// after that the entries' amounts are in the old one.
func (s *Store) UpdateAccount(ctx context.Context, sess model.Session, id model.ID, in model.AccountInput) (model.Account, error) {
	if err := s.permit(ctx, sess, model.RightAccountsEdit); err != nil {
		return model.Account{}, err
	}
	in.Normalize()
	credit, hash, err := adjusted(in.Validate, in.CreditLimit, in.Password)
	if err != nil {
		return model.Account{}, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		old, owner, err := accountForWrite(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if in.Currency != old.Currency {
			var entries int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entries WHERE account_id = ? AND kind <> 'opening'`, id).
				Scan(&entries); err != nil {
				return err
			}
			if entries > 0 {
				return model.FieldError("currency", model.CodeLocked, nil)
			}
			if err := s.usableCurrency(ctx, tx, sess, owner, in.Currency, "currency"); err != nil {
				return err
			}
		}
		tariff := old.TariffID
		if in.TariffID != 0 && in.TariffID != old.TariffID || in.Currency != old.Currency {
			// 0 with a new currency: the default in that currency.
			if tariff, err = s.accountTariff(ctx, tx, sess, owner, in.Currency, in.TariffID); err != nil {
				return err
			}
		}
		if err := usernameTaken(ctx, tx, in.Username, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE accounts SET username = ?, username_key = ?, username_sort = ?,
			password_hash = coalesce(?, password_hash), description = ?, currency = ?, tariff_id = ?, credit_limit_micros = ?,
			blocked = ?, expires_at = ?, updated_at = ? WHERE id = ?`,
			in.Username, model.Key(in.Username), model.SortKey(in.Username), hash, in.Description, in.Currency, nullID(tariff),
			credit, in.Blocked,
			nullTime(in.ExpiresAt), formatTime(s.now()), id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "account.update", owner.path, owner.name+" / "+in.Username,
			accountChanges(old, in, hash.Valid))
	})
	if err != nil {
		return model.Account{}, err
	}
	return s.Account(ctx, sess, id)
}

// accountChanges says in the audit log what an update changed.
func accountChanges(old model.Account, in model.AccountInput, password bool) string {
	var c changeList
	c.diff("username", old.Username, in.Username)
	c.diff("description", old.Description, in.Description)
	c.diff("currency", string(old.Currency), string(in.Currency))
	if in.TariffID != 0 {
		c.diff("tariff", fmt.Sprint(old.TariffID), fmt.Sprint(in.TariffID))
	}
	c.diff("credit limit", old.CreditLimit.String(), in.CreditLimit.String())
	c.diff("blocked", fmt.Sprint(old.Blocked), fmt.Sprint(in.Blocked))
	c.diff("expires", formatTime(old.ExpiresAt), formatTime(in.ExpiresAt))
	return c.text(password)
}

// DeleteAccount archives an account. Its row and its ledger stay.
func (s *Store) DeleteAccount(ctx context.Context, sess model.Session, id model.ID) error {
	return s.archive(ctx, sess, accountKind, id, true, func(tx *sql.Tx) (ledger, error) {
		a, owner, err := accountForWrite(ctx, tx, sess, id)
		return accountLedger(id, a.Username, a.Currency, owner), err
	})
}

// DeletedAccounts lists a customer's archived accounts, newest first, at
// most limit of them.
func (s *Store) DeletedAccounts(ctx context.Context, sess model.Session, customer model.ID, limit int) ([]model.DeletedAccount, error) {
	if _, err := nodeIn(ctx, s.db, sess, customer, false); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 10_000 {
		limit = 1000
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+accountColumns+`, a.archived_at, ifnull(b.name, ''), ifnull(b.path, '')
		FROM accounts a JOIN customers c ON c.id = a.customer_id LEFT JOIN customers b ON b.id = a.archived_by
		WHERE a.customer_id = ? AND a.archived_at IS NOT NULL ORDER BY a.archived_at DESC, a.id DESC LIMIT ?`, customer, limit)
	return collect("reading deleted accounts", rows, err, func(rows *sql.Rows) (model.DeletedAccount, error) {
		var d model.DeletedAccount
		var at, byPath string
		a, err := scanAccount(scanTail{rows, []any{&at, &d.DeletedBy, &byPath}})
		d.Account, d.DeletedAt, d.DeletedBy = a, parseTime(at), deleter(d.DeletedBy, byPath, sess)
		return d, err
	})
}

// scanTail scans the account columns and then extra ones from one row.
type scanTail struct {
	rows  *sql.Rows
	extra []any
}

func (t scanTail) Scan(dest ...any) error { return t.rows.Scan(append(dest, t.extra...)...) }

// RestoreAccount brings an archived account back, unless a live account
// took its username meanwhile (CodeDuplicate on "username").
func (s *Store) RestoreAccount(ctx context.Context, sess model.Session, id model.ID) error {
	return s.archive(ctx, sess, accountKind, id, false, func(tx *sql.Tx) (ledger, error) {
		lo, hi := subtree(sess.Path)
		var username, cur string
		var owner node
		err := tx.QueryRowContext(ctx, `SELECT a.username, a.currency, c.id, c.path, c.name
			FROM accounts a JOIN customers c ON c.id = a.customer_id
			WHERE a.id = ? AND a.archived_at IS NOT NULL AND c.archived_at IS NULL AND c.path >= ? AND c.path < ?`,
			id, lo, hi).Scan(&username, &cur, &owner.id, &owner.path, &owner.name)
		if errors.Is(err, sql.ErrNoRows) {
			return ledger{}, model.ErrNotFound
		}
		if err != nil {
			return ledger{}, err
		}
		return accountLedger(id, username, model.Currency(cur), owner), usernameTaken(ctx, tx, username, id)
	})
}

// accountTariff checks or picks the tariff of an account of owner in
// currency cur, inside the write transaction. A tariff is usable when the
// customer owns it, an owner up to the session's customer owns it (as
// TariffsFor), or it is the customer's own tariff; and it must be in cur
// (CodeLocked on "tariff", as the customer form). id 0 picks the customer's
// tariff when in cur, else the one usable tariff in cur if exactly one,
// else none (0: the account's calls are unrated, no_tariff).
func (s *Store) accountTariff(ctx context.Context, tx *sql.Tx, sess model.Session, owner node, cur model.Currency, id model.ID) (model.ID, error) {
	var own sql.NullInt64
	var ownCur sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT c.tariff_id, t.currency FROM customers c LEFT JOIN tariffs t ON t.id = c.tariff_id
		WHERE c.id = ?`, owner.id).Scan(&own, &ownCur); err != nil {
		return 0, err
	}
	list, err := s.tariffsFor(ctx, tx, sess, owner)
	if err != nil {
		return 0, err
	}
	if id == 0 {
		if own.Valid && model.Currency(ownCur.String) == cur {
			return model.ID(own.Int64), nil
		}
		var found model.ID
		for _, t := range list {
			if t.Currency == cur {
				if found != 0 {
					return 0, nil
				}
				found = t.ID
			}
		}
		return found, nil
	}
	if own.Valid && model.ID(own.Int64) == id {
		if model.Currency(ownCur.String) != cur {
			return 0, &model.Error{Code: model.CodeLocked, Field: "tariff", Params: map[string]any{"currency": string(cur)}}
		}
		return id, nil
	}
	for _, t := range list {
		if t.ID == id {
			if t.Currency != cur {
				return 0, &model.Error{Code: model.CodeLocked, Field: "tariff", Params: map[string]any{"currency": string(cur)}}
			}
			return id, nil
		}
	}
	return 0, model.FieldError("tariff", model.CodeInvalid, nil)
}
