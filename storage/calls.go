package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/rating"
)

// Calls (issue 16; docs/calls.md). An import stores every call of a file
// with what each level of its chain paid (call_charges), sums the charges
// per holder (call_batches) and books one "calls" entry per holder whose
// sum is not 0, all in one write transaction.

// progressEvery is how many records an import stores between two calls of
// its Progress.
const progressEvery = 1000

// callsBatchRows is how many calls one INSERT writes.
const callsBatchRows = 64

// callColumns are the columns an import writes for a call, in order.
const callColumns = 13

// importCacheMiB is the page cache of an import's transaction: enough for
// the index pages of ten thousand accounts' calls to stay in memory.
const importCacheMiB = 96

// ImportCalls reads every record of in.Source and stores it, in one write
// transaction: rated calls with their charges, unrated ones with their
// reason, duplicates counted and left out; then books the entries.
func (s *Store) ImportCalls(ctx context.Context, sess model.Session, in model.CallImportInput) (model.CallImportResult, error) {
	if in.Source == nil {
		return model.CallImportResult{}, model.FieldError("file", model.CodeRequired, nil)
	}
	var id model.ID
	var entries int
	err := s.writeSized(ctx, importCacheMiB, func(tx *sql.Tx) error {
		if err := s.permitTx(ctx, tx, sess, model.RightMaintenance); err != nil {
			return err
		}
		at := s.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO call_imports (customer_id, file_name, layout, at) VALUES (?, ?, ?, ?)
			RETURNING id`, sess.CustomerID, in.FileName, in.Layout, formatTime(at)).Scan(&id)
		if err != nil {
			return err
		}
		imp, err := s.newImporter(ctx, tx, sess, id, at)
		if err != nil {
			return err
		}
		for n := 1; ; n++ {
			rec, err := in.Source.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			if n&255 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := imp.add(rec); err != nil {
				return err
			}
			if in.Progress != nil && n%progressEvery == 0 {
				in.Progress(n)
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := imp.flush(); err != nil {
			return err
		}
		if entries, err = imp.book(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE call_imports SET calls = ?, rated = ?, unrated = ?, duplicates = ?, skipped = ?,
			first_start = ?, last_start = ? WHERE id = ?`, imp.rated+imp.unrated, imp.rated, imp.unrated, imp.duplicates,
			in.Source.Skipped(), nullTime(imp.first), nullTime(imp.last), id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "calls.import", sess.Path, in.FileName,
			fmt.Sprintf("%d calls, %d rated, %d unrated, %d duplicates, %d skipped, %d entries",
				imp.rated+imp.unrated, imp.rated, imp.unrated, imp.duplicates, in.Source.Skipped(), entries))
	})
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return model.CallImportResult{}, ctxErr // whatever the statement that saw it said
		}
		return model.CallImportResult{}, err
	}
	ci, err := s.callImport(ctx, sess, id)
	return model.CallImportResult{Import: ci, Entries: entries}, err
}

// importer rates and stores the calls of one import (or one re-rating)
// inside its write transaction. It caches what it reads: accounts by the
// username as written, chains by customer, decks by tariff.
type importer struct {
	s      *Store
	ctx    context.Context
	tx     *sql.Tx
	sess   model.Session
	lo, hi string
	id     model.ID // the import
	at     time.Time

	nextCall  model.ID
	nextBatch model.ID

	accounts  map[string]*callAccount
	customers map[model.ID]*chainLevel
	decks     map[model.ID]*rating.Deck
	batches   []*callBatch
	byHolder  map[model.Holder]int

	dup, liveAccount, goneAccount, customer, tariff *sql.Stmt

	// rows waiting for the next multi-row INSERT
	callArgs   []any
	callsFull  *sql.Stmt
	pending    map[[2]string]struct{}
	chargeArgs []any
	charges    *rowBatch
	buf        []rating.Charge

	rated, unrated, duplicates int
	first, last                time.Time
}

// callAccount is an account as an import resolved its username: the
// reason its calls are not rated (empty when they may be), and its chain.
type callAccount struct {
	id       model.ID // 0: unknown (or outside the importer's subtree)
	reason   rating.Reason
	expires  time.Time
	chain    []*rating.Deck
	holders  []*chainLevel // one per level of chain: the account, its customer, and up
	batchIdx []int         // per level, the index of the holder's batch in importer.batches, -1 until charged
}

// chainLevel is one holder of a chain and the ledger its entry goes to.
type chainLevel struct {
	ledger ledger
	tariff model.ID
	up     []*chainLevel // for a customer: its own and its owners' levels below the root
}

// callBatch sums one holder's charges of this import.
type callBatch struct {
	id          model.ID
	level       *chainLevel
	calls       int
	total       int64
	first, last time.Time
}

func (s *Store) newImporter(ctx context.Context, tx *sql.Tx, sess model.Session, id model.ID, at time.Time) (*importer, error) {
	lo, hi := subtree(sess.Path)
	imp := &importer{s: s, ctx: ctx, tx: tx, sess: sess, lo: lo, hi: hi, id: id, at: at,
		accounts: map[string]*callAccount{}, customers: map[model.ID]*chainLevel{}, decks: map[model.ID]*rating.Deck{},
		byHolder: map[model.Holder]int{}, pending: map[[2]string]struct{}{}}
	var err error
	if imp.nextCall, err = nextID(ctx, tx, "calls"); err != nil {
		return nil, err
	}
	if imp.nextBatch, err = nextID(ctx, tx, "call_batches"); err != nil {
		return nil, err
	}
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = s.prepared(ctx, tx, q)
		return st
	}
	imp.dup = prep(`SELECT 1 FROM calls WHERE call_key = ? AND username = ? AND void = 0`)
	imp.liveAccount = prep(`SELECT a.id, a.username, a.currency, a.blocked, ifnull(a.expires_at, ''), ifnull(a.tariff_id, 0),
			c.id, c.path, c.archived_at IS NOT NULL
		FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.username_key = ? AND a.archived_at IS NULL`)
	imp.goneAccount = prep(`SELECT a.id FROM accounts a JOIN customers c ON c.id = a.customer_id
		WHERE a.username_key = ? AND a.archived_at IS NOT NULL AND c.path >= ? AND c.path < ? ORDER BY a.archived_at DESC, a.id DESC LIMIT 1`)
	imp.customer = prep(`SELECT id, ifnull(parent_id, 0), path, depth, name, ifnull(currency, ''), ifnull(tariff_id, 0)
		FROM customers WHERE id = ?`)
	imp.tariff = prep(`SELECT currency, grace_seconds, free_seconds FROM tariffs WHERE id = ?`)
	if err != nil {
		return nil, err
	}
	imp.callsFull, err = s.prepared(ctx, tx, callInsert(callsBatchRows))
	if err != nil {
		return nil, err
	}
	imp.charges, err = newRowBatch(ctx, tx, `INSERT INTO call_charges (call_id, level, holder_id, start, batch_id, tariff_id,
		rate_id, prefix, billed_seconds, cost_micros) VALUES `, 10, 100)
	return imp, err
}

// callInsert is the INSERT of n calls.
func callInsert(n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", callColumns), ", ") + ")"
	return `INSERT INTO calls (id, import_id, call_key, username, account_id, caller, called, digits, start, answered,
		seconds, reason, reason_level) VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// duplicate reports whether a call of this username and id is stored in
// an import not undone, or waits in this import's next INSERT.
func (imp *importer) duplicate(rec model.CallRecord) (bool, error) {
	if _, ok := imp.pending[[2]string{rec.Account, rec.ID}]; ok {
		return true, nil
	}
	var one int
	err := imp.dup.QueryRowContext(imp.ctx, rec.ID, rec.Account).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// add stores one record of an import.
func (imp *importer) add(rec model.CallRecord) error {
	if dup, err := imp.duplicate(rec); dup || err != nil {
		if dup {
			imp.duplicates++
		}
		return err
	}
	id := imp.nextCall
	imp.nextCall++
	start := rec.Start.UTC().Truncate(time.Second)
	startText := formatTime(start)
	acct, reason, level, err := imp.rate(rec, start)
	if err != nil {
		return err
	}
	if reason == "" {
		imp.charge(id, acct, startText, start)
	}
	digits, _ := rating.NormalizeNumber(rec.Called)
	var why, lvl any
	if reason != "" {
		why, lvl = string(reason), level
	}
	imp.callArgs = append(imp.callArgs, id, imp.id, rec.ID, rec.Account, nullID(acct.id), rec.Caller, rec.Called, digits,
		startText, rec.Answered, rec.Seconds, why, lvl)
	imp.pending[[2]string{rec.Account, rec.ID}] = struct{}{}
	if len(imp.callArgs) == callColumns*callsBatchRows {
		return imp.flush()
	}
	return nil
}

// rate resolves the record's account and rates the call through its chain,
// leaving the charges in imp.buf; a reason when it is not charged.
func (imp *importer) rate(rec model.CallRecord, start time.Time) (*callAccount, rating.Reason, int, error) {
	acct, err := imp.account(rec.Account)
	if err != nil {
		return nil, "", 0, err
	}
	imp.count(start)
	if acct.reason == "" && !acct.expires.IsZero() && acct.expires.Before(start) {
		imp.unrated++
		return acct, rating.ReasonAccountExpired, rating.WholeCall, nil
	}
	if acct.reason != "" {
		imp.unrated++
		return acct, acct.reason, rating.WholeCall, nil
	}
	imp.buf, err = rating.AppendRate(imp.buf[:0], rating.Call{Number: rec.Called, Start: start, Seconds: rec.Seconds,
		Answered: rec.Answered}, acct.chain)
	if err != nil {
		var u *rating.Unrated
		if !errors.As(err, &u) {
			return nil, "", 0, err
		}
		imp.unrated++
		return acct, u.Reason, u.Level, nil
	}
	imp.rated++
	return acct, "", 0, nil
}

// count widens the import's first and last start.
func (imp *importer) count(start time.Time) {
	if imp.first.IsZero() || start.Before(imp.first) {
		imp.first = start
	}
	if start.After(imp.last) {
		imp.last = start
	}
}

// charge queues the charges in imp.buf of call id and adds them to the
// holders' batches.
func (imp *importer) charge(id model.ID, acct *callAccount, startText string, start time.Time) {
	for i, ch := range imp.buf {
		b := imp.batch(acct, i)
		b.calls++
		b.total += ch.CostMicros
		if b.first.IsZero() || start.Before(b.first) {
			b.first = start
		}
		if start.After(b.last) {
			b.last = start
		}
		holder := acct.holders[i].ledger.holder
		imp.chargeArgs = append(imp.chargeArgs, id, i, max(holder.Customer, holder.Account), startText, b.id, ch.TariffID,
			ch.RateID, ch.Prefix, ch.BilledSeconds, ch.CostMicros)
	}
}

// batch returns the batch of the account's level i, made on its first
// charge.
func (imp *importer) batch(acct *callAccount, i int) *callBatch {
	if k := acct.batchIdx[i]; k >= 0 {
		return imp.batches[k]
	}
	level := acct.holders[i]
	k, ok := imp.byHolder[level.ledger.holder]
	if !ok {
		k = len(imp.batches)
		imp.batches = append(imp.batches, &callBatch{id: imp.nextBatch, level: level})
		imp.nextBatch++
		imp.byHolder[level.ledger.holder] = k
	}
	acct.batchIdx[i] = k
	return imp.batches[k]
}

// flush writes the calls waiting, then their charges.
func (imp *importer) flush() error {
	if n := len(imp.callArgs) / callColumns; n > 0 {
		st := imp.callsFull
		if n != callsBatchRows {
			var err error
			if st, err = imp.tx.PrepareContext(imp.ctx, callInsert(n)); err != nil {
				return err
			}
			defer st.Close()
		}
		if _, err := st.ExecContext(imp.ctx, imp.callArgs...); err != nil {
			return err
		}
		imp.callArgs = imp.callArgs[:0]
		clear(imp.pending)
	}
	for len(imp.chargeArgs) > 0 {
		if err := imp.charges.add(imp.chargeArgs[:10]...); err != nil {
			return err
		}
		imp.chargeArgs = imp.chargeArgs[10:]
	}
	imp.chargeArgs = imp.chargeArgs[:0:0]
	return nil
}

// account resolves a username as the file wrote it, once per import.
func (imp *importer) account(username string) (*callAccount, error) {
	if a, ok := imp.accounts[username]; ok {
		return a, nil
	}
	a := &callAccount{}
	var id, customer, tariff model.ID
	var name, cur, expires, path string
	var blocked, customerGone bool
	err := imp.liveAccount.QueryRowContext(imp.ctx, model.Key(username)).Scan(&id, &name, &cur, &blocked, &expires, &tariff,
		&customer, &path, &customerGone)
	switch {
	case errors.Is(err, sql.ErrNoRows) || err == nil && (path < imp.lo || path >= imp.hi):
		a.reason = rating.ReasonUnknownAccount
		err = imp.goneAccount.QueryRowContext(imp.ctx, model.Key(username), imp.lo, imp.hi).Scan(&a.id)
		if err == nil {
			a.reason = rating.ReasonAccountDeleted
		} else if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
	case err != nil:
	case customerGone:
		a.id, a.reason = id, rating.ReasonAccountDeleted
	case blocked:
		a.id, a.reason = id, rating.ReasonAccountBlocked
	default:
		a.id = id
		if expires != "" {
			a.expires = parseTime(expires)
		}
		err = imp.chain(a, id, name, model.Currency(cur), tariff, customer)
	}
	if err != nil {
		return nil, err
	}
	imp.accounts[username] = a
	return a, nil
}

// chain fills an account's chain: its own tariff, then its customer's and
// each owner's up to the one below the root.
func (imp *importer) chain(a *callAccount, id model.ID, username string, cur model.Currency, tariff, customer model.ID) error {
	owner, err := imp.level(customer)
	if err != nil {
		return err
	}
	self := &chainLevel{ledger: accountLedger(id, username, cur, owner.ledger.owner), tariff: tariff}
	a.holders = append([]*chainLevel{self}, owner.up...)
	a.chain = make([]*rating.Deck, len(a.holders))
	a.batchIdx = make([]int, len(a.holders))
	for i, l := range a.holders {
		a.batchIdx[i] = -1
		if a.chain[i], err = imp.deck(l.tariff); err != nil {
			return err
		}
	}
	return nil
}

// level reads a customer and the chain of customers from it up to the one
// below the root (empty for the root).
func (imp *importer) level(id model.ID) (*chainLevel, error) {
	if l, ok := imp.customers[id]; ok {
		return l, nil
	}
	var n node
	var cur string
	var tariff model.ID
	if err := imp.customer.QueryRowContext(imp.ctx, id).Scan(&n.id, &n.parent, &n.path, &n.depth, &n.name, &cur, &tariff); err != nil {
		return nil, err
	}
	n.currency = model.Currency(cur)
	l := &chainLevel{ledger: customerLedger(n), tariff: tariff}
	if n.parent != 0 {
		up, err := imp.level(n.parent)
		if err != nil {
			return nil, err
		}
		l.up = append([]*chainLevel{l}, up.up...)
	}
	imp.customers[id] = l
	return l, nil
}

// deck builds a tariff's deck once per import; nil for no tariff.
func (imp *importer) deck(tariff model.ID) (*rating.Deck, error) {
	if tariff == 0 {
		return nil, nil
	}
	if d, ok := imp.decks[tariff]; ok {
		return d, nil
	}
	t := rating.TariffRules{ID: tariff}
	var cur string
	if err := imp.tariff.QueryRowContext(imp.ctx, tariff).Scan(&cur, &t.GraceSeconds, &t.FreeSeconds); err != nil {
		return nil, err
	}
	t.Currency = model.Currency(cur)
	rates, err := queryRates(imp.ctx, imp.tx, tariff, "")
	if err != nil {
		return nil, err
	}
	d, err := rating.NewDeck(t, rates)
	if err != nil {
		return nil, fmt.Errorf("the rates of tariff %d: %w", tariff, err)
	}
	imp.decks[tariff] = d
	return d, nil
}

// book writes the batches and books one "calls" entry for each whose total
// is not 0 (a holder charged only 0, every call within its grace, keeps its
// charges and batch but gets no entry). It returns how many it booked.
func (imp *importer) book() (int, error) {
	if err := imp.charges.flush(); err != nil {
		return 0, err
	}
	insert, err := imp.s.prepared(imp.ctx, imp.tx, `INSERT INTO call_batches (id, import_id, customer_id, account_id, currency,
		calls, first_start, last_start, total_micros, entry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, b := range imp.batches {
		l := b.level.ledger
		var entry model.ID
		if b.total != 0 {
			entry, _, err = imp.s.book(imp.ctx, imp.tx, imp.sess, l, model.EntryCalls, b.total, l.currency, "1", -b.total,
				"", 0, "", imp.at)
			if err != nil {
				return 0, err
			}
			n++
		}
		_, err := insert.ExecContext(imp.ctx, b.id, imp.id, nullID(l.holder.Customer), nullID(l.holder.Account), l.currency,
			b.calls, formatTime(b.first), formatTime(b.last), b.total, nullID(entry))
		if err != nil {
			return 0, err
		}
	}
	return n, nil
}

// UndoCallImport reverses every "calls" entry of the import (those not
// reversed already, one by one from the History), voids its calls so they
// can be imported again, and marks it undone.
func (s *Store) UndoCallImport(ctx context.Context, sess model.Session, id model.ID, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		if err := s.permit(ctx, sess, model.RightMaintenance); err != nil {
			return err
		}
		return model.FieldError("reason", model.CodeRequired, nil)
	}
	if len([]rune(reason)) > model.MaxEntryNotesLen {
		return model.FieldError("reason", model.CodeTooLong, map[string]any{"max": model.MaxEntryNotesLen})
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := s.permitTx(ctx, tx, sess, model.RightMaintenance); err != nil {
			return err
		}
		name, undone, err := s.importForWrite(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if undone {
			return &model.Error{Code: model.CodeAlreadyReversed, Params: map[string]any{"import": int64(id)}}
		}
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.entered_micros, e.entered_currency, e.rate, e.booked_micros,
				ifnull(e.customer_id, 0), ifnull(e.account_id, 0)
			FROM call_batches b JOIN entries e ON e.id = b.entry_id
			WHERE b.import_id = ? AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id) ORDER BY e.id`, id)
		type rev struct {
			id              model.ID
			entered, booked int64
			cur, rate       string
			holder          model.Holder
		}
		revs, err := collect("reading the import's entries", rows, err, func(r *sql.Rows) (rev, error) {
			var v rev
			err := r.Scan(&v.id, &v.entered, &v.cur, &v.rate, &v.booked, &v.holder.Customer, &v.holder.Account)
			return v, err
		})
		if err != nil {
			return err
		}
		at := s.now()
		for _, v := range revs {
			l, err := s.anyLedger(ctx, tx, v.holder)
			if err != nil {
				return err
			}
			if _, _, err := s.book(ctx, tx, sess, l, model.EntryReversal, v.entered, model.Currency(v.cur), v.rate, -v.booked,
				reason, v.id, "", at); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calls SET void = 1 WHERE import_id = ? AND void = 0`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE call_imports SET undone_at = ?, undone_by = ? WHERE id = ?`,
			formatTime(at), sess.CustomerID, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "calls.undo", sess.Path, name,
			fmt.Sprintf("import %d, %d entries reversed: %s", id, len(revs), reason))
	})
}

// importForWrite reads an import made by the session's customer or one
// below it: its file name and whether it was undone.
func (s *Store) importForWrite(ctx context.Context, tx *sql.Tx, sess model.Session, id model.ID) (string, bool, error) {
	lo, hi := subtree(sess.Path)
	var name string
	var undone bool
	err := tx.QueryRowContext(ctx, `SELECT i.file_name, i.undone_at IS NOT NULL FROM call_imports i
		JOIN customers c ON c.id = i.customer_id WHERE i.id = ? AND c.path >= ? AND c.path < ?`, id, lo, hi).Scan(&name, &undone)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, model.ErrNotFound
	}
	return name, undone, err
}

// anyLedger reads the ledger of a customer or an account whatever the
// session: an import's entries may be on owners above the one who undoes
// it, as its calls charged them.
func (s *Store) anyLedger(ctx context.Context, tx *sql.Tx, h model.Holder) (ledger, error) {
	var n node
	var cur, username, acur string
	if !h.IsAccount() {
		err := tx.QueryRowContext(ctx, `SELECT id, ifnull(parent_id, 0), path, depth, name, ifnull(currency, '')
			FROM customers WHERE id = ?`, h.Customer).Scan(&n.id, &n.parent, &n.path, &n.depth, &n.name, &cur)
		n.currency = model.Currency(cur)
		return customerLedger(n), err
	}
	err := tx.QueryRowContext(ctx, `SELECT a.username, a.currency, c.id, ifnull(c.parent_id, 0), c.path, c.depth, c.name,
			ifnull(c.currency, '')
		FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = ?`, h.Account).
		Scan(&username, &acur, &n.id, &n.parent, &n.path, &n.depth, &n.name, &cur)
	n.currency = model.Currency(cur)
	return accountLedger(h.Account, username, model.Currency(acur), n), err
}

// RerateCallImport rates again the import's calls left unrated, resolving
// their accounts and reading their tariffs anew; those now charged are
// booked in new "calls" entries, the others keep their (new) reason.
func (s *Store) RerateCallImport(ctx context.Context, sess model.Session, id model.ID) (model.CallImportResult, error) {
	var entries int
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.permitTx(ctx, tx, sess, model.RightMaintenance); err != nil {
			return err
		}
		name, undone, err := s.importForWrite(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if undone {
			return &model.Error{Code: model.CodeLocked, Params: map[string]any{"undone": true}}
		}
		var importer model.ID
		if err := tx.QueryRowContext(ctx, `SELECT customer_id FROM call_imports WHERE id = ?`, id).Scan(&importer); err != nil {
			return err
		}
		// The accounts are resolved in the importer's subtree, as the
		// import did, whoever re-rates.
		by, err := s.sessionFor(ctx, tx, importer, sess)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, call_key, username, called, start, answered, seconds FROM calls
			WHERE import_id = ? AND reason IS NOT NULL AND void = 0 ORDER BY id`, id)
		type unrated struct {
			id    model.ID
			rec   model.CallRecord
			start string
		}
		calls, err := collect("reading unrated calls", rows, err, func(r *sql.Rows) (unrated, error) {
			var u unrated
			err := r.Scan(&u.id, &u.rec.ID, &u.rec.Account, &u.rec.Called, &u.start, &u.rec.Answered, &u.rec.Seconds)
			u.rec.Start = parseTime(u.start)
			return u, err
		})
		if err != nil {
			return err
		}
		at := s.now()
		imp, err := s.newImporter(ctx, tx, by, id, at)
		if err != nil {
			return err
		}
		imp.sess = sess // entries are booked by who re-rates
		update, err := tx.PrepareContext(ctx, `UPDATE calls SET account_id = ?, reason = ?, reason_level = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer update.Close()
		for _, u := range calls {
			acct, reason, level, err := imp.rate(u.rec, u.rec.Start)
			if err != nil {
				return err
			}
			var why, lvl any
			if reason != "" {
				why, lvl = string(reason), level
			} else {
				imp.charge(u.id, acct, u.start, u.rec.Start)
			}
			if _, err := update.ExecContext(ctx, nullID(acct.id), why, lvl, u.id); err != nil {
				return err
			}
		}
		if err := imp.flush(); err != nil {
			return err
		}
		if entries, err = imp.book(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE call_imports SET rated = rated + ?, unrated = unrated - ? WHERE id = ?`,
			imp.rated, imp.rated, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "calls.rerate", sess.Path, name,
			fmt.Sprintf("import %d: %d of %d unrated calls rated, %d entries", id, imp.rated, len(calls), entries))
	})
	if err != nil {
		return model.CallImportResult{}, err
	}
	ci, err := s.callImport(ctx, sess, id)
	return model.CallImportResult{Import: ci, Entries: entries}, err
}

// sessionFor is the importing customer as a session for scoping account
// look-ups: the session itself when it is that customer.
func (s *Store) sessionFor(ctx context.Context, tx *sql.Tx, id model.ID, sess model.Session) (model.Session, error) {
	if id == sess.CustomerID {
		return sess, nil
	}
	by := model.Session{CustomerID: id}
	err := tx.QueryRowContext(ctx, `SELECT path, name FROM customers WHERE id = ?`, id).Scan(&by.Path, &by.Name)
	return by, err
}

// callsErr names a failed read of calls.
func callsErr(err error) error {
	var me *model.Error
	if err == nil || errors.As(err, &me) {
		return err
	}
	return storageErr("reading calls", err)
}
