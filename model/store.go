package model

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Store is everything the window needs from the data. Every call that reads
// or changes customers takes the signed-in Session; an implementation
// answers only inside the session's subtree and answers ErrNotFound for
// anything outside it, exactly as for an ID that never existed.
type Store interface {
	// NeedsSetup reports whether the file has no root customer yet.
	NeedsSetup(ctx context.Context) (bool, error)
	// CreateRoot makes the root customer on an empty file and returns its
	// session. It fails with CodeAlreadySetUp when a root exists.
	CreateRoot(ctx context.Context, in RootInput) (Session, error)
	// RootSession returns the root customer's session, for the first
	// start right after the setup and for tools such as the demo.
	RootSession(ctx context.Context) (Session, error)
	// SignIn checks a web login and password (Argon2id, in constant time)
	// and returns the customer's session with its rights. A wrong login and
	// a wrong password give the same CodeSignIn; a blocked customer with
	// the right password gets CodeBlocked. Both are in the audit log.
	SignIn(ctx context.Context, login, password string) (Session, error)
	// RightsNow returns the session customer's rights as the file has them
	// now (they may have changed since sign-in).
	RightsNow(ctx context.Context, s Session) (Right, error)
	// DataVersion changes whenever another program (or another store on
	// the same file) commits, and never for this store's own changes; the
	// window polls it to show changes made elsewhere without reading back
	// its own.
	DataVersion(ctx context.Context) (int64, error)
	// SetOwnLanguage changes the signed-in customer's own language; no
	// right is needed for that.
	SetOwnLanguage(ctx context.Context, s Session, lang string) error
	// Rights returns the rights granted to a direct sub-customer of the
	// session's customer.
	Rights(ctx context.Context, s Session, customer ID) (Right, error)
	// SetRights grants a direct sub-customer exactly these rights; only
	// rights the session holds can be granted (else ErrNotPermitted).
	SetRights(ctx context.Context, s Session, customer ID, rights Right) error
	// AuditLog returns the newest events about the session's subtree,
	// before the event id before (0 for the newest), at most limit.
	AuditLog(ctx context.Context, s Session, before ID, limit int) ([]AuditEvent, error)

	// Customer returns one customer with its counts.
	Customer(ctx context.Context, s Session, id ID) (Customer, error)
	// Row returns the tree row of one customer.
	Row(ctx context.Context, s Session, id ID) (CustomerRow, error)
	// Children returns the live sub-customers of parent, ordered by name.
	// For the tree's top, pass the session's own customer ID and call
	// Customer for the top row.
	Children(ctx context.Context, s Session, parent ID) ([]CustomerRow, error)

	// TariffsFor returns the tariffs a new sub-customer of parent may get:
	// those owned by parent or by any owner of parent up to the session's
	// customer.
	TariffsFor(ctx context.Context, s Session, parent ID) ([]Tariff, error)
	// CreateCustomer adds a customer under parent, with its opening
	// balance as its first ledger entry.
	CreateCustomer(ctx context.Context, s Session, parent ID, in CustomerInput) (Customer, error)
	// UpdateCustomer changes a customer's fields; never its balance. The
	// password changes only when one is given; the tariff only to one in
	// the same currency.
	UpdateCustomer(ctx context.Context, s Session, id ID, in CustomerInput) (Customer, error)
	// DeleteCustomer archives a customer without sub-customers or
	// accounts (else CodeHasChildren); its history stays.
	DeleteCustomer(ctx context.Context, s Session, id ID) error
	// DeletedCustomers lists the archived customers of the subtree,
	// newest first.
	DeletedCustomers(ctx context.Context, s Session) ([]DeletedCustomer, error)
	// RestoreCustomer brings an archived customer back.
	RestoreCustomer(ctx context.Context, s Session, id ID) error
	// MoveCustomer puts a customer, with its subtree, under another
	// owner; never under itself (CodeUnderItself).
	MoveCustomer(ctx context.Context, s Session, id, parent ID) error
	// SearchCustomers finds live customers whose name, login, company or
	// e-mail contains query, by name, at most limit of them.
	SearchCustomers(ctx context.Context, s Session, query string, limit int) ([]CustomerHit, error)
	// Ancestors returns the ids from the session's customer down to id's
	// owner, so the tree can open the way to id.
	Ancestors(ctx context.Context, s Session, id ID) ([]ID, error)
	// SubtreeBalances returns the sum of the balances of id and all its
	// descendants, one Money per currency.
	SubtreeBalances(ctx context.Context, s Session, id ID) ([]Money, error)
	// ExportCustomers calls each for every live customer of the subtree,
	// owners before their customers.
	ExportCustomers(ctx context.Context, s Session, each func(ExportRow) error) error
	// StreamCustomers is ExportCustomers in one read transaction, in tree
	// order, with progress (rows done of the total; progress may be nil)
	// and stopping when ctx is cancelled: what a long export runs on.
	StreamCustomers(ctx context.Context, s Session, progress func(done, total int), each func(ExportRow) error) error

	// AddEntry books one Maintenance action on a customer: the entry and
	// the new balance in one transaction. A second call with the same Key
	// returns the first entry instead of booking again.
	// The holder is a customer below the session's own (never itself) or
	// an account of any customer in the subtree.
	AddEntry(ctx context.Context, s Session, h Holder, in EntryInput) (Entry, error)
	// ReverseEntry books the opposite of an entry, linked to it, with the
	// reason as notes. An entry is reversed at most once.
	ReverseEntry(ctx context.Context, s Session, entry ID, reason, key string) (Entry, error)
	// Entries returns a customer's or an account's ledger, newest first.
	Entries(ctx context.Context, s Session, h Holder, f EntryFilter) ([]Entry, error)
	// Payments returns, per customer and per account of the subtree under
	// top, the Add Funds booked in [from, to), less their reversals.
	Payments(ctx context.Context, s Session, top ID, from, to time.Time) ([]PaymentLine, error)

	// Accounts returns one page of a customer's live accounts.
	Accounts(ctx context.Context, s Session, customer ID, q AccountQuery) (AccountPage, error)
	// Account returns one live account of a customer in the subtree.
	Account(ctx context.Context, s Session, id ID) (Account, error)
	// CreateAccount adds an account to a customer, with its opening
	// balance as its first ledger entry. Usernames are unique among all
	// live accounts of the file.
	CreateAccount(ctx context.Context, s Session, customer ID, in AccountInput) (Account, error)
	// UpdateAccount changes an account's fields; never its balance, and
	// its currency only while its ledger holds nothing but the opening.
	UpdateAccount(ctx context.Context, s Session, id ID, in AccountInput) (Account, error)
	// DeleteAccount archives an account; its history stays.
	DeleteAccount(ctx context.Context, s Session, id ID) error
	// DeletedAccounts lists a customer's archived accounts, newest first.
	DeletedAccounts(ctx context.Context, s Session, customer ID, limit int) ([]DeletedAccount, error)
	// RestoreAccount brings an archived account back, unless its username
	// was given to a live account meanwhile (CodeDuplicate).
	RestoreAccount(ctx context.Context, s Session, id ID) error
	// GenerateCards makes a batch of prepaid cards under a customer in one
	// transaction, calling progress now and then with how much of the work
	// (hashing the PINs, then writing) is done out of total.
	// Cancelling ctx leaves the file as it was. The PINs are returned in
	// plain text this once and stored only as hashes.
	GenerateCards(ctx context.Context, s Session, customer ID, b CardBatch, progress func(done, total int)) ([]Card, error)

	// CreateVouchers makes a batch of credit vouchers issued by a customer
	// of the subtree (RightVouchers), in one transaction, calling progress
	// as CardBatch does. The codes are returned this once; the file keeps
	// only a salted hash of each secret.
	CreateVouchers(ctx context.Context, s Session, customer ID, in VoucherBatchInput,
		progress func(done, total int)) (VoucherBatch, []VoucherCode, error)
	// VoucherBatches lists the batches a customer of the subtree issued,
	// newest first, with their counts (RightVouchers).
	VoucherBatches(ctx context.Context, s Session, customer ID) ([]VoucherBatch, error)
	// VoucherRedemptions lists the redeemed codes of a batch, newest first.
	VoucherRedemptions(ctx context.Context, s Session, batch ID) ([]VoucherRedemption, error)
	// VoidVouchers voids every unused code of a batch, with a reason kept
	// in the audit log, and returns how many it voided.
	VoidVouchers(ctx context.Context, s Session, batch ID, reason string) (int, error)
	// RedeemVoucher books a code's value onto an account of the subtree
	// (RightMaintenance) in the account's currency, as one Add Funds entry
	// linked to the voucher, and marks the voucher used, in one
	// transaction. The account must be in the issuer's subtree. A mistyped
	// code is a field error on "code"; any other refusal is
	// CodeVoucherRefused, and after five in a row the account must wait
	// (CodeVoucherWait).
	RedeemVoucher(ctx context.Context, s Session, account ID, code string) (Entry, error)

	// Tariffs returns the tariffs the session's customer owns, by name.
	Tariffs(ctx context.Context, s Session) ([]Tariff, error)
	// Tariff returns one tariff owned inside the session's subtree.
	Tariff(ctx context.Context, s Session, id ID) (Tariff, error)
	// CreateTariff adds a tariff owned by the session's customer.
	CreateTariff(ctx context.Context, s Session, in TariffInput) (Tariff, error)
	// UpdateTariff changes a tariff; its currency is locked (CodeLocked)
	// once customers use it.
	UpdateTariff(ctx context.Context, s Session, id ID, in TariffInput) (Tariff, error)
	// DeleteTariff archives a tariff no customer uses (else CodeInUse).
	DeleteTariff(ctx context.Context, s Session, id ID) error
	// TariffRates returns a tariff's rates ordered by prefix, and a
	// prefix's rates by when they take effect.
	TariffRates(ctx context.Context, s Session, tariff ID) ([]Rate, error)
	// SaveRate adds a rate (ID 0) or changes one; two rates of a prefix in
	// force at a same moment are refused (CheckRatePeriods).
	SaveRate(ctx context.Context, s Session, tariff ID, r Rate) (Rate, error)
	// DeleteRate removes one rate from a tariff.
	DeleteRate(ctx context.Context, s Session, tariff, rate ID) error
	// ImportRates adds or updates (by prefix and start) every rate in one
	// transaction: all are saved or none, and none if periods would
	// overlap (CheckRatePeriods).
	ImportRates(ctx context.Context, s Session, tariff ID, rates []Rate) (ImportResult, error)

	// ExchangeRates returns the rates in force for the session: its own
	// table, falling back to its owners' for what it did not set.
	ExchangeRates(ctx context.Context, s Session) (RateTable, error)
	// SetExchangeRate records a new rate for a currency in the session's
	// own table; the earlier ones stay as history.
	SetExchangeRate(ctx context.Context, s Session, c Currency, rate decimal.Decimal) (ExchangeRate, error)
	// ExchangeRateHistory returns every rate of c the session can see,
	// newest first.
	ExchangeRateHistory(ctx context.Context, s Session, c Currency) ([]ExchangeRate, error)
	// CurrenciesInUse returns the currencies of the tariffs in the
	// session's subtree.
	CurrenciesInUse(ctx context.Context, s Session) ([]Currency, error)

	// CallStore imports call records and reads the calls (issue 16).
	CallStore
	InvoiceStore

	// Info describes the open file.
	Info() StoreInfo
	// Close checkpoints and closes the file.
	Close() error
}

// StoreInfo describes an open store for the About box.
type StoreInfo struct {
	Path          string
	SchemaVersion int
}

// ImportResult says what an import did.
type ImportResult struct {
	Added   int
	Updated int
}

// DeletedCustomer is an archived customer that can be restored.
type DeletedCustomer struct {
	CustomerRow
	DeletedAt time.Time
	DeletedBy string // empty when the deleter is outside the viewer's subtree
}

// CustomerHit is one search result.
type CustomerHit struct {
	ID       ID
	Name     string
	WebLogin string
	Company  string
	Email    string
}

// ExportRow is one customer as exported: every field but the password,
// and its place in the tree as names from the session's customer down.
type ExportRow struct {
	Customer
	Path []string
}

// AuditEvent is one line of the audit log: who did what, when.
type AuditEvent struct {
	ID      ID
	At      time.Time
	Actor   string // empty when the actor is outside the viewer's subtree or unknown
	Action  string // e.g. "customer.create", "entry.add_funds", "signin.failed"
	Subject string
	Details string
}
