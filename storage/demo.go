package storage

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// DemoOptions says how big a demo file to build.
type DemoOptions struct {
	Customers int    // how many customers to add under the root
	Accounts  int    // how many accounts to add, spread over the customers
	Entries   int    // how many Maintenance entries to add, spread over them
	Seed      uint64 // the same seed builds the same file
}

// Demo root credentials, printed by "branchbook demo" so the file can be
// opened and, once sign-in exists, signed in to.
const (
	DemoRootLogin    = "root"
	DemoRootPassword = "branchbook-demo"
	// DemoAccountPIN is every demo account's password. The accounts share
	// one hash of it: hashing a million PINs would take minutes.
	DemoAccountPIN = "0000"
)

// demoSpan is how far back the demo's history goes.
const demoSpan = 2 * 365 * 24 * time.Hour

// demoMaxDepth is how deep the demo hierarchy goes below the root.
const demoMaxDepth = 10

type demoTariff struct {
	name     string
	currency model.Currency
	perUSD   string
}

var demoTariffs = []demoTariff{
	{"Standard USD", "USD", "1"},
	{"Europe EUR", "EUR", "0.92"},
	{"United Kingdom GBP", "GBP", "0.79"},
	{"Japan JPY", "JPY", "151.3"},
	{"Gulf KWD", "KWD", "0.3075"},
	{"Brasil BRL", "BRL", "5.42"},
}

var (
	demoFirst = []string{"North", "Blue", "Atlas", "Nova", "Delta", "Prime", "Union", "Metro", "Polar", "Vertex",
		"Harbor", "Summit", "Orbit", "Lumen", "Cedar", "Falcon", "Quartz", "Coral", "Echo", "Zenith"}
	demoSecond = []string{"Telecom", "Voice", "Networks", "Connect", "Call", "Link", "Wave", "Tel", "Com", "Line",
		"Signal", "Route", "Carrier", "Dial", "Phone"}
)

type demoNode struct {
	id    model.ID
	depth int
	path  string
}

// GenerateDemo fills the file with a realistic hierarchy for trying and
// benchmarking the program: several tariffs and currencies with exchange
// rates, customers up to ten levels deep, one reseller with up to 10,000
// direct customers, most with a handful, and an opening-balance entry for
// each. On an empty file it first makes a root customer with the demo
// credentials. Everything is written in one transaction. progress, when not
// nil, is called now and then with how many customers are done.
func (s *Store) GenerateDemo(ctx context.Context, opt DemoOptions, progress func(done, total int)) error {
	if opt.Customers < 0 {
		return &model.Error{Code: model.CodeOutOfRange, Field: "customers"}
	}
	if needs, err := s.NeedsSetup(ctx); err != nil {
		return err
	} else if needs {
		_, err := s.CreateRoot(ctx, model.RootInput{Name: "Demo Switch", WebLogin: DemoRootLogin,
			Password: DemoRootPassword, PasswordAgain: DemoRootPassword, Language: "en", TimeZone: "UTC"})
		if err != nil {
			return err
		}
	}
	root, err := s.RootSession(ctx)
	if err != nil {
		return err
	}
	return s.bulkWrite(ctx, func(tx *sql.Tx) error {
		g := &demoGen{tx: tx, ctx: ctx, rnd: rand.New(rand.NewPCG(opt.Seed, 0xB4A7C8)), root: root, now: s.now()}
		if err := g.addTariffs(opt.Seed); err != nil {
			return err
		}
		if err := g.customers(opt.Customers, progress); err != nil {
			return err
		}
		// With accounts, half the entries are theirs.
		onAccounts := 0
		if opt.Accounts > 0 {
			onAccounts = opt.Entries / 2
		}
		if err := g.accounts(opt.Accounts, onAccounts, progress); err != nil {
			return err
		}
		return g.entries(opt.Entries-onAccounts, progress)
	})
}

type demoGen struct {
	tx   *sql.Tx
	ctx  context.Context
	rnd  *rand.Rand
	root model.Session
	now  time.Time
	// tariffs holds, per currency of demoTariffs, the tariff of each
	// level: tariffs[c][0] for the customers below the root, tariffs[c][1]
	// for theirs and for their accounts, and so on.
	tariffs                     [][]demoTier
	insertCustomer, insertEntry *sql.Stmt
	nextCustomer                model.ID
}

// demoTier is one tariff of the demo: its id and currency.
type demoTier struct {
	id  model.ID
	cur model.Currency
}

// demoLevels is how many levels of tariffs the demo has: one per depth of
// customer, and one more for the accounts of the deepest.
const demoLevels = demoMaxDepth + 1

// demoTierName names the tariff of a level: level 1 keeps the tariff's
// plain name.
func demoTierName(t demoTariff, level int) string {
	if level == 1 {
		return t.name
	}
	return fmt.Sprintf("%s, level %d", t.name, level)
}

// addTariffs makes, for each currency, one tariff per level of the
// hierarchy, all owned by the root: a customer at depth d has the tariff
// of level d and its accounts that of level d+1. Each level prices every
// destination higher than the one above it, so every level of a call's
// chain earns a margin. A tariff already there (a second run) is kept.
func (g *demoGen) addTariffs(seed uint64) error {
	now := formatTime(g.now)
	// The decks' own random numbers, so that the customers' stay as they
	// were before the decks had any.
	prefixes := demoPrefixes(rand.New(rand.NewPCG(seed, 0xDEC4)).IntN)
	for _, t := range demoTariffs {
		perUSD := decimal.RequireFromString(t.perUSD)
		var tiers []demoTier
		for level := 1; level <= demoLevels; level++ {
			name := demoTierName(t, level)
			var id model.ID
			err := g.tx.QueryRowContext(g.ctx, `SELECT id FROM tariffs WHERE owner_id = ? AND name_key = ? AND archived_at IS NULL`,
				g.root.CustomerID, model.Key(name)).Scan(&id)
			if err == sql.ErrNoRows {
				err = g.tx.QueryRowContext(g.ctx, `INSERT INTO tariffs (owner_id, name, name_key, sort_key, currency, description, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
					g.root.CustomerID, name, model.Key(name), model.SortKey(name), t.currency,
					fmt.Sprintf("Demo tariff for level %d of the hierarchy", level), now, now).Scan(&id)
				if err == nil {
					err = g.addRates(id, level, perUSD, prefixes)
				}
				if err == nil && level == 1 && t.currency != model.USD {
					_, err = g.tx.ExecContext(g.ctx, `INSERT INTO exchange_rates (owner_id, currency, rate, set_at, set_by)
						VALUES (?, ?, ?, ?, ?)`, g.root.CustomerID, t.currency, t.perUSD, now, g.root.CustomerID)
				}
			}
			if err != nil {
				return err
			}
			tiers = append(tiers, demoTier{id, t.currency})
		}
		g.tariffs = append(g.tariffs, tiers)
	}
	return nil
}

// demoLevelRate is how a level prices a destination of first-level price
// usd (USD micros a minute): 12 % more per level, a connect fee from the
// fourth level on, and coarser intervals further down (per second at the
// top, 30/6 in the middle, per minute at the bottom). Every part grows
// with the level, so a level never pays less than the one above it.
func demoLevelRate(usd int64, level int) (price, connectFee int64, first, next int) {
	price = usd * int64(100+12*(level-1)) / 100
	if level >= 4 {
		connectFee = int64(level-3) * 5_000
	}
	switch {
	case level == 1:
		return price, connectFee, 1, 1
	case level <= 5:
		return price, connectFee, 30, 6
	}
	return price, connectFee, 60, 60
}

// addRates gives a tariff of a level every demo prefix, in its currency.
func (g *demoGen) addRates(tariff model.ID, level int, perUSD decimal.Decimal, prefixes []demoPrefix) error {
	batch, err := newRowBatch(g.ctx, g.tx, `INSERT INTO tariff_rates (tariff_id, prefix, description, price_micros,
		connect_fee_micros, first_interval, next_interval) VALUES `, 7, 400)
	if err != nil {
		return err
	}
	inCurrency := func(usdMicros int64) (int64, error) {
		return model.ToMicros(model.RoundToStorage(decimal.New(usdMicros, -model.StorageScale).Mul(perUSD)))
	}
	for _, p := range prefixes {
		usd, fee, first, next := demoLevelRate(p.usdMicros, level)
		price, err := inCurrency(usd)
		if err != nil {
			return err
		}
		connect, err := inCurrency(fee)
		if err != nil {
			return err
		}
		if err := batch.add(tariff, p.prefix, p.name, price, connect, first, next); err != nil {
			return err
		}
	}
	return batch.flush()
}

func (g *demoGen) customers(n int, progress func(done, total int)) error {
	var err error
	g.insertCustomer, err = g.tx.PrepareContext(g.ctx, `INSERT INTO customers
		(id, parent_id, path, depth, name, name_key, sort_key, web_login, login_key, language, time_zone,
		 tariff_id, currency, balance_micros, credit_limit_micros, company, contact, email, phone,
		 blocked, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'en', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	g.insertEntry, err = g.tx.PrepareContext(g.ctx, `INSERT INTO entries
		(customer_id, kind, entered_micros, entered_currency, rate, booked_micros, balance_after_micros,
		 notes, created_by, created_at) VALUES (?, 'opening', ?, ?, '1', ?, ?, 'Opening balance', ?, ?)`)
	if err != nil {
		return err
	}
	if g.nextCustomer, err = nextID(g.ctx, g.tx, "customers"); err != nil {
		return err
	}
	rootNode := demoNode{id: g.root.CustomerID, path: g.root.Path}
	nodes := make([]demoNode, 0, n)
	add := func(parent demoNode) (demoNode, error) {
		c, err := g.customer(parent)
		if err == nil {
			nodes = append(nodes, c)
			if progress != nil && len(nodes)%1000 == 0 {
				progress(len(nodes), n)
			}
		}
		return c, err
	}
	// A few dozen direct customers of the root: resellers and companies.
	top := min(n, 40)
	for range top {
		if _, err := add(rootNode); err != nil {
			return err
		}
	}
	// One big reseller with up to 10,000 direct customers.
	if n > 100 {
		big := nodes[0]
		for range min(10_000, n/10) {
			if _, err := add(big); err != nil {
				return err
			}
		}
	}
	// One chain down to the deepest level.
	if n > 20 {
		p := nodes[1]
		for p.depth < demoMaxDepth && len(nodes) < n {
			if p, err = add(p); err != nil {
				return err
			}
		}
	}
	// The rest under random existing customers: a random recursive tree,
	// which gives most customers none or a few sub-customers.
	for len(nodes) < n {
		p := nodes[g.rnd.IntN(len(nodes))]
		if p.depth >= demoMaxDepth {
			continue
		}
		if _, err := add(p); err != nil {
			return err
		}
	}
	if progress != nil {
		progress(len(nodes), n)
	}
	return nil
}

func (g *demoGen) customer(parent demoNode) (demoNode, error) {
	id := g.nextCustomer
	g.nextCustomer++
	node := demoNode{id: id, depth: parent.depth + 1, path: fmt.Sprintf("%s%d/", parent.path, id)}
	t := g.tariffs[g.rnd.IntN(len(g.tariffs))][min(node.depth, demoLevels)-1]
	name := fmt.Sprintf("%s %s %d", demoFirst[g.rnd.IntN(len(demoFirst))], demoSecond[g.rnd.IntN(len(demoSecond))], id)
	login := fmt.Sprintf("c%d", id)
	// Opening balances in the currency's own minor units, mostly positive.
	places := t.cur.MinorUnits()
	units := g.rnd.Int64N(600_000) - 50_000
	balance := decimal.New(units, -2).Round(places)
	balMicros, err := model.ToMicros(balance)
	if err != nil {
		return node, err
	}
	credit := int64(g.rnd.IntN(20)) * 100 * 1_000_000
	// Customers were made in the first month of the two years; their
	// entries come after.
	created := formatTime(g.now.Add(-demoSpan - time.Duration(g.rnd.Int64N(int64(30*24*time.Hour)))))
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Asia/Tokyo", "Europe/Moscow"}
	_, err = g.insertCustomer.ExecContext(g.ctx, id, parent.id, node.path, node.depth, name, model.Key(name),
		model.SortKey(name), login, login, zones[g.rnd.IntN(len(zones))], t.id, t.cur, balMicros, credit,
		name+" Ltd", "Contact "+login, login+"@example.com", fmt.Sprintf("+1 555 %07d", id),
		g.rnd.IntN(20) == 0, created, created)
	if err != nil {
		return node, err
	}
	_, err = g.insertEntry.ExecContext(g.ctx, id, absMicros(balMicros), t.cur, balMicros, balMicros, g.root.CustomerID, created)
	return node, err
}

func absMicros(m int64) int64 {
	if m < 0 {
		return -m
	}
	return m
}

// demoEntryHead starts the demo's batched entry inserts.
const demoEntryHead = `INSERT INTO entries (customer_id, account_id, kind, entered_micros, entered_currency, rate,
	booked_micros, balance_after_micros, notes, created_by, created_at) VALUES `

var (
	demoKinds = []model.EntryKind{model.EntryAddFunds, model.EntryAddFunds, model.EntryCredit, model.EntryDebit, model.EntryDebit}
	demoNotes = map[model.EntryKind]string{model.EntryAddFunds: "Payment received", model.EntryCredit: "Compensation",
		model.EntryDebit: "Monthly charge"}
)

// demoRates are the demo's exchange rates as a table.
func demoRates() model.RateTable {
	var rates []model.ExchangeRate
	for _, t := range demoTariffs {
		rates = append(rates, model.ExchangeRate{Currency: t.currency, Rate: decimal.RequireFromString(t.perUSD)})
	}
	return model.NewRateTable(rates)
}

// entry queues one random Maintenance entry on o at time at: all three
// actions, mostly in o's currency, some in USD or EUR, with the balance
// after it.
func (g *demoGen) entry(batch *rowBatch, o *demoOwner, h model.Holder, rates model.RateTable, at time.Time) error {
	kind := demoKinds[g.rnd.IntN(len(demoKinds))]
	cur := o.cur
	if g.rnd.IntN(5) == 0 {
		cur = []model.Currency{"USD", "EUR"}[g.rnd.IntN(2)]
	}
	amount := decimal.New(int64(100+g.rnd.IntN(50_000)), -2).Round(cur.MinorUnits())
	if !amount.IsPositive() {
		amount = decimal.NewFromInt(1)
	}
	rate, err := rates.CrossRate(cur, o.cur)
	if err != nil {
		return err
	}
	entered, _ := model.ToMicros(amount)
	booked, err := model.ToMicros(model.Book(amount, rate))
	if err != nil {
		return err
	}
	booked *= kind.Sign()
	o.balance += booked
	return batch.add(nullID(h.Customer), nullID(h.Account), kind, entered, cur, rate.String(), booked, o.balance,
		demoNotes[kind], g.root.CustomerID, formatTime(at))
}

// entries adds n Maintenance entries on customers in time order over the
// last two years. Balances are updated at the end.
func (g *demoGen) entries(n int, progress func(done, total int)) error {
	if n <= 0 {
		return nil
	}
	cs, err := g.liveCustomers()
	if err != nil || len(cs) == 0 {
		return err
	}
	rates := demoRates()
	batch, err := newRowBatch(g.ctx, g.tx, demoEntryHead, 11, 100)
	if err != nil {
		return err
	}
	start := g.now.Add(-demoSpan)
	step := demoSpan / time.Duration(n)
	for i := range n {
		c := cs[g.rnd.IntN(len(cs))]
		if err := g.entry(batch, c, model.CustomerLedger(c.id), rates, start.Add(time.Duration(i)*step)); err != nil {
			return err
		}
		if progress != nil && (i+1)%10_000 == 0 {
			progress(i+1, n)
		}
	}
	if err := batch.flush(); err != nil {
		return err
	}
	upd, err := g.tx.PrepareContext(g.ctx, `UPDATE customers SET balance_micros = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	for _, c := range cs {
		if _, err := upd.ExecContext(g.ctx, c.balance, c.id); err != nil {
			return err
		}
	}
	return nil
}

// accounts adds n accounts: a tenth (up to 100,000) to the first
// customer, so one customer has a very long Accounts tab, the rest spread
// at random, each in its customer's currency, with an opening entry and
// its share of entries Maintenance entries after it, so its balance is
// known when it is written. All share one hash of DemoAccountPIN.
func (g *demoGen) accounts(n, entries int, progress func(done, total int)) error {
	if n <= 0 {
		return nil
	}
	hash, err := model.HashPIN(DemoAccountPIN)
	if err != nil {
		return err
	}
	owners, err := g.liveCustomers()
	if err != nil || len(owners) == 0 {
		return err
	}
	accounts, err := newRowBatch(g.ctx, g.tx, `INSERT INTO accounts (id, customer_id, username, username_key,
		username_sort, password_hash, description, currency, tariff_id, balance_micros, credit_limit_micros, blocked,
		expires_at, created_at, updated_at) VALUES `, 15, 100)
	if err != nil {
		return err
	}
	ledger, err := newRowBatch(g.ctx, g.tx, demoEntryHead, 11, 100)
	if err != nil {
		return err
	}
	first, err := nextID(g.ctx, g.tx, "accounts")
	if err != nil {
		return err
	}
	counts := g.spread(entries, n)
	rates := demoRates()
	descriptions := []string{"Prepaid card", "Desk phone", "SIP trunk port", "Mobile", "Reception", "Fax line"}
	big := min(n/10, 100_000)
	for i := range n {
		o := owners[0]
		if i >= big {
			o = owners[g.rnd.IntN(len(owners))]
		}
		id := first + model.ID(i)
		name := fmt.Sprintf("u%08d", id)
		opening := int64(g.rnd.IntN(50_000)) * 10_000 // up to 500.00, in whole cents
		created := g.now.Add(-demoSpan + time.Duration(g.rnd.Int64N(int64(60*24*time.Hour))))
		acct := &demoOwner{id: id, cur: o.cur, balance: opening}
		if err := ledger.add(nil, id, model.EntryOpening, opening, o.cur, "1", opening, opening, "",
			g.root.CustomerID, formatTime(created)); err != nil {
			return err
		}
		for _, at := range g.timesAfter(created, int(counts[i])) {
			if err := g.entry(ledger, acct, model.AccountLedger(id), rates, at); err != nil {
				return err
			}
		}
		var expires sql.NullString
		if g.rnd.IntN(4) == 0 {
			expires = sql.NullString{String: formatTime(g.now.Add(time.Duration(g.rnd.IntN(730)-180) * 24 * time.Hour)), Valid: true}
		}
		if err := accounts.add(id, o.id, name, name, model.SortKey(name), hash, descriptions[g.rnd.IntN(len(descriptions))], o.cur,
			g.accountTariff(o), acct.balance, int64(g.rnd.IntN(3))*10_000_000, g.rnd.IntN(30) == 0, expires,
			formatTime(created), formatTime(created)); err != nil {
			return err
		}
		if progress != nil && (i+1)%10_000 == 0 {
			progress(i+1, n)
		}
	}
	if err := accounts.flush(); err != nil {
		return err
	}
	return ledger.flush()
}

// spread shares total among n: each gets total/n, the rest goes to random
// ones, and then half of n moves of one from a random one to another make
// the counts uneven, as real use is.
func (g *demoGen) spread(total, n int) []int32 {
	counts := make([]int32, n)
	if n == 0 || total <= 0 {
		return counts
	}
	for i := range counts {
		counts[i] = int32(total / n)
	}
	for range total % n {
		counts[g.rnd.IntN(n)]++
	}
	for range n / 2 {
		from, to := g.rnd.IntN(n), g.rnd.IntN(n)
		if counts[from] > 0 {
			counts[from]--
			counts[to]++
		}
	}
	return counts
}

// timesAfter returns k times between after and now, in order.
func (g *demoGen) timesAfter(after time.Time, k int) []time.Time {
	span := int64(g.now.Sub(after))
	out := make([]time.Time, k)
	for i := range out {
		out[i] = after.Add(time.Duration(g.rnd.Int64N(span)))
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// demoOwner is a customer as the demo's accounts and entries need it.
type demoOwner struct {
	id      model.ID
	cur     model.Currency
	balance int64
	depth   int
}

// accountTariff is the tariff of an account of o: in o's currency, one
// level below o's, so the account pays more than its customer. A currency
// the demo has no tariffs in (a customer changed by hand) gets NULL: the
// account's calls are then unrated (no_tariff), as docs/accounts.md says.
func (g *demoGen) accountTariff(o *demoOwner) any {
	for _, tiers := range g.tariffs {
		if tiers[0].cur == o.cur {
			return tiers[min(o.depth+1, demoLevels)-1].id
		}
	}
	return nil
}

// liveCustomers lists every customer below the root, by id.
func (g *demoGen) liveCustomers() ([]*demoOwner, error) {
	rows, err := g.tx.QueryContext(g.ctx, `SELECT id, currency, balance_micros, depth FROM customers
		WHERE parent_id IS NOT NULL AND archived_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*demoOwner
	for rows.Next() {
		c := &demoOwner{}
		if err := rows.Scan(&c.id, &c.cur, &c.balance, &c.depth); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// bulkWrite is write for one very large transaction: on a connection of
// its own with a page cache big enough (up to 1 GiB, taken only as used)
// that SQLite need not spill changed pages to the WAL before the commit.
// With the default 2 MiB cache a million-row demo spent a third of its
// time in those spills.
func (s *Store) bulkWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return storageErr("starting a change", err)
	}
	defer conn.Close()
	// A statement of many rows keeps a statement journal, so it can be
	// undone alone; in memory, not in a temporary file.
	for _, pragma := range []string{"PRAGMA cache_size = -1048576", "PRAGMA temp_store = MEMORY"} {
		if _, err := conn.ExecContext(ctx, pragma); err != nil {
			return storageErr("starting a change", err)
		}
	}
	// The connection goes back to the pool afterwards: give it its usual
	// settings again.
	defer conn.ExecContext(context.Background(), "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return storageErr("starting a change", err)
	}
	defer tx.Rollback()
	// Rows are batched per table, so an entry may be written before its
	// account: foreign keys are checked at the commit instead.
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return storageErr("starting a change", err)
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return storageErr("saving", err)
	}
	s.ckpt.committed() // a big WAL to copy back once the file is quiet
	return nil
}
