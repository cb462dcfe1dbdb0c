package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/rating"
)

// Calls (issue 16; docs/calls.md). An import stores every call of a file
// with what each level of its chain paid (call_charges), sums the charges
// per holder (call_batches) and books one "calls" entry per holder whose
// sum is not 0, all in one write transaction.

// progressEvery is how many records an import reads between two calls of
// its Progress.
const progressEvery = 1000

// callsBatchRows is how many calls one INSERT writes (13 values each), and how many records
// the reading goroutine hands over at a time.
const callsBatchRows = 256

// callColumns are the columns an import writes for a call, in order.
const callColumns = 13

// importCacheMiB is the page cache of an import's transaction: enough for
// the index pages of ten thousand accounts' calls to stay in memory.
const importCacheMiB = 64

// ImportCalls reads every record of in.Source and stores it, in one write
// transaction: rated calls with their charges, unrated ones with their
// reason, duplicates counted and left out; then books the entries. One
// goroutine reads and rates the records while the calling one writes
// them, a chunk of callsBatchRows at a time.
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
		if err := imp.run(in); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
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
// username as written, chains by customer, decks by tariff (the reading
// side alone uses the caches during an import).
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

	liveAccount, goneAccount, customer, tariff *sql.Stmt

	callArgs   []any
	callsFull  *sql.Stmt
	inserted   []model.ID
	chargeArgs []any
	charges    *rowBatch

	rated, unrated, duplicates int
	first, last                time.Time
}

// callItem is one record read and rated, waiting to be written.
type callItem struct {
	rec       model.CallRecord
	start     time.Time
	startText string
	digits    string
	acct      *callAccount
	reason    rating.Reason
	level     int
	charges   []rating.Charge
}

// callChunk is the records the reading goroutine hands over at a time;
// chunks go back to it to be filled again, so reading allocates little.
type callChunk struct {
	items []callItem
	slab  []rating.Charge // the items' charges
	err   error           // the source's or a look-up's; the chunk's items come before it
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
		byHolder: map[model.Holder]int{}}
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
		rate_id, prefix, billed_seconds, cost_micros) VALUES `, 10, 400)
	return imp, err
}

// callInsert is the INSERT of n calls. A call already stored (the same id
// and account in an import not undone: calls_dedup) is passed over, and
// RETURNING names those written, so duplicates cost no look-up of their
// own, within the file as across imports.
func callInsert(n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", callColumns), ", ") + ")"
	return `INSERT INTO calls (id, import_id, call_key, username, account_id, caller, called, digits, start, answered,
		seconds, reason, reason_level) VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") +
		` ON CONFLICT DO NOTHING RETURNING id`
}

// run reads in.Source on a goroutine of its own, which rates each record
// (prepare) and hands them over in chunks; this goroutine writes each
// chunk (write), calls Progress, and stops both at the first error or
// when the context is cancelled.
func (imp *importer) run(in model.CallImportInput) error {
	full := make(chan *callChunk, 4)
	free := make(chan *callChunk, 4)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(full)
		for {
			var c *callChunk
			select {
			case c = <-free:
			default:
				c = &callChunk{items: make([]callItem, 0, callsBatchRows), slab: make([]rating.Charge, 0, 4*callsBatchRows)}
			}
			c.items, c.slab, c.err = c.items[:0], c.slab[:0], imp.ctx.Err()
			last := c.err != nil
			for !last && len(c.items) < callsBatchRows {
				rec, err := in.Source.Next()
				if errors.Is(err, io.EOF) {
					last = true
					break
				}
				if err == nil {
					err = imp.prepare(c, rec)
				}
				if err != nil {
					c.err, last = err, true
					break
				}
			}
			select {
			case full <- c:
			case <-stop:
				return
			}
			if last {
				return
			}
		}
	}()
	// The reader uses the transaction too: it must be done before the
	// transaction ends, whatever happens here.
	defer func() {
		close(stop)
		<-done
	}()
	n, next := 0, progressEvery
	for c := range full {
		if err := imp.write(c.items); err != nil {
			return err
		}
		n += len(c.items)
		if c.err != nil {
			return c.err
		}
		select {
		case free <- c: // to be filled again
		default: // the reader has chunks enough, or is done
		}
		if err := imp.ctx.Err(); err != nil {
			return err
		}
		if in.Progress != nil && n >= next {
			in.Progress(n)
			next = (n/progressEvery + 1) * progressEvery
			if err := imp.ctx.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}

// prepare rates one record into the chunk.
func (imp *importer) prepare(c *callChunk, rec model.CallRecord) error {
	it := callItem{rec: rec, start: rec.Start.UTC().Truncate(time.Second)}
	it.startText = formatTime(it.start)
	it.digits, _ = rating.NormalizeNumber(rec.Called)
	var err error
	from := len(c.slab)
	it.acct, it.reason, it.level, c.slab, err = imp.rate(c.slab, rec, it.start)
	if err != nil {
		return err
	}
	it.charges = c.slab[from:len(c.slab):len(c.slab)]
	c.items = append(c.items, it)
	return nil
}

// write stores one chunk of calls in one INSERT, then, for the calls it
// wrote (not the duplicates), counts them and queues their charges.
func (imp *importer) write(items []callItem) error {
	if len(items) == 0 {
		return nil
	}
	first := imp.nextCall
	imp.callArgs = imp.callArgs[:0]
	for i := range items {
		it := &items[i]
		var why, lvl any
		if it.reason != "" {
			why, lvl = string(it.reason), it.level
		}
		imp.callArgs = append(imp.callArgs, imp.nextCall, imp.id, it.rec.ID, it.rec.Account, nullID(it.acct.id), it.rec.Caller,
			it.rec.Called, it.digits, it.startText, it.rec.Answered, it.rec.Seconds, why, lvl)
		imp.nextCall++
	}
	st := imp.callsFull
	if len(items) != callsBatchRows {
		var err error
		if st, err = imp.tx.PrepareContext(imp.ctx, callInsert(len(items))); err != nil {
			return err
		}
		defer st.Close()
	}
	rows, err := st.QueryContext(imp.ctx, imp.callArgs...)
	if err != nil {
		return err
	}
	imp.inserted = imp.inserted[:0]
	for rows.Next() {
		var id model.ID
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		imp.inserted = append(imp.inserted, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	slices.Sort(imp.inserted)
	k := 0
	for i := range items {
		id := first + model.ID(i)
		if k >= len(imp.inserted) || imp.inserted[k] != id {
			imp.duplicates++
			continue
		}
		k++
		it := &items[i]
		imp.count(it.start)
		if it.reason != "" {
			imp.unrated++
			continue
		}
		imp.rated++
		imp.charge(id, it.acct, it.charges, it.startText, it.start)
	}
	return imp.queueCharges()
}

// queueCharges hands the charges waiting to the multi-row INSERT.
func (imp *importer) queueCharges() error {
	for len(imp.chargeArgs) > 0 {
		if err := imp.charges.add(imp.chargeArgs[:10]...); err != nil {
			return err
		}
		imp.chargeArgs = imp.chargeArgs[10:]
	}
	imp.chargeArgs = imp.chargeArgs[:0:0]
	return nil
}

// rate resolves the record's account and rates the call through its chain,
// appending the charges to dst; a reason (and the level it concerns) when
// it is not charged.
func (imp *importer) rate(dst []rating.Charge, rec model.CallRecord, start time.Time) (*callAccount, rating.Reason, int, []rating.Charge, error) {
	acct, err := imp.account(rec.Account)
	if err != nil {
		return nil, "", 0, dst, err
	}
	if acct.reason != "" {
		return acct, acct.reason, rating.WholeCall, dst, nil
	}
	if !acct.expires.IsZero() && acct.expires.Before(start) {
		return acct, rating.ReasonAccountExpired, rating.WholeCall, dst, nil
	}
	dst, err = rating.AppendRate(dst, rating.Call{Number: rec.Called, Start: start, Seconds: rec.Seconds,
		Answered: rec.Answered}, acct.chain)
	if err != nil {
		var u *rating.Unrated
		if !errors.As(err, &u) {
			return nil, "", 0, dst, err
		}
		return acct, u.Reason, u.Level, dst, nil
	}
	return acct, "", 0, dst, nil
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

// charge queues the charges of call id and adds them to the holders'
// batches.
func (imp *importer) charge(id model.ID, acct *callAccount, charges []rating.Charge, startText string, start time.Time) {
	for i, ch := range charges {
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
	// Voiding a large import's calls changes every one of its rows and the
	// dedup index: the import's page cache.
	return s.writeSized(ctx, importCacheMiB, func(tx *sql.Tx) error {
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
	err := s.writeSized(ctx, importCacheMiB, func(tx *sql.Tx) error {
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
		var buf []rating.Charge
		for _, u := range calls {
			acct, reason, level, charges, err := imp.rate(buf[:0], u.rec, u.rec.Start)
			if err != nil {
				return err
			}
			buf = charges
			var why, lvl any
			if reason != "" {
				why, lvl = string(reason), level
			} else {
				imp.rated++
				imp.charge(u.id, acct, charges, u.start, u.rec.Start)
			}
			if _, err := update.ExecContext(ctx, nullID(acct.id), why, lvl, u.id); err != nil {
				return err
			}
		}
		if err := imp.queueCharges(); err != nil {
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
