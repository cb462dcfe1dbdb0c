package model

import (
	"context"
	"time"
)

// EntryCalls is the kind of the ledger entry an import books on each
// charged customer or account: the total of its calls in that import.
const EntryCalls EntryKind = "calls"

// CallRecord is one call as a call-record file gives it (package cdr reads
// the files): who called what, when, whether it was answered and how many
// seconds the switch billed. It holds no money.
type CallRecord struct {
	// ID identifies the call for duplicate checks (the switch's own id, or
	// one derived from the record's fields when it has none).
	ID string
	// Account is the username of the account that made the call.
	Account string
	Caller  string
	Called  string
	Start   time.Time // UTC
	// Answered is false for a call nobody picked up.
	Answered bool
	// Seconds is what the switch billed (billsec).
	Seconds int
	// Line is the record's line in its file, for messages.
	Line int
}

// CallSource hands out the records of one import, one at a time. Next
// returns io.EOF after the last; any other error stops the import, which
// then leaves nothing behind. Malformed lines are the source's business:
// it skips them and counts them (Skipped), so the store never sees them.
// The store calls Next from one goroutine of its own (it rates while it
// writes), never from two at once, and Skipped after the last Next.
type CallSource interface {
	Next() (CallRecord, error)
	// Skipped is how many lines the source left out as malformed, asked
	// once the last record is read.
	Skipped() int
}

// CallImportInput describes one import for the store.
type CallImportInput struct {
	FileName string // the file's base name, as the Imports list shows it
	Layout   string // "asterisk", "freeswitch" or "branchbook"
	Source   CallSource
	// Progress, when set, is called now and then with how many records
	// were stored so far; it runs on the importing goroutine.
	Progress func(done int)
}

// CallImport is one import as the Imports report lists it.
type CallImport struct {
	ID         ID
	Customer   ID     // who imported (the session's customer)
	ByName     string // empty when outside the viewer's subtree
	FileName   string
	Layout     string
	At         time.Time
	Calls      int // records stored (rated and unrated), duplicates not counted
	Rated      int // rated now (after any re-rating)
	Unrated    int // kept unrated, with a reason
	Duplicates int // records skipped as already imported
	Skipped    int // malformed lines left out
	// First and Last are the earliest and latest call start of the import.
	First, Last time.Time
	// Totals are what the import charged the holders in the session's
	// subtree, summed per currency.
	Totals []Money
	// Unreasons counts the unrated calls by reason code (see package rating).
	Unreasons map[string]int
	// UndoneAt is set once the import was undone.
	UndoneAt time.Time
}

// CallImportResult is what an import or a re-rating did.
type CallImportResult struct {
	Import CallImport
	// Entries are the "calls" entries booked, one per charged holder.
	Entries int
}

// CallCharge is what one level of a call's chain paid, as a viewer may see
// it: only the viewer's own level and the levels below it.
type CallCharge struct {
	Level  int // 0 is the account, 1 its customer, and so on up
	Holder Holder
	// HolderName is the customer's name or the account's username.
	HolderName    string
	TariffID      ID
	Prefix        string
	BilledSeconds int
	Cost          Money
}

// Call is one stored call as the Calls tab shows it.
type Call struct {
	ID       ID
	Import   ID
	Key      string // the record's id, as the file gave it or derived
	Account  ID     // 0 when the username matches no account in scope
	Username string // as the file wrote it
	Caller   string
	Called   string
	Start    time.Time
	Answered bool
	Seconds  int
	// Reason is empty for a rated call, else why it was not charged (a
	// rating.Reason code); Level is the chain level it concerns, -1 for
	// the call itself.
	Reason      string
	ReasonLevel int
	Void        bool // its import was undone
	// Charges are the levels the viewer may see, from the account up.
	Charges []CallCharge
}

// CallQuery selects calls of a holder for the Calls tab.
type CallQuery struct {
	From, To time.Time // started at From or later, and before To (zero: open)
	// Number keeps calls whose called number, as digits, contains it.
	Number string
	// Unrated keeps only calls that were not charged.
	Unrated bool
	// Entry keeps only the calls charged in this "calls" entry.
	Entry  ID
	Offset int
	Limit  int
}

// CallPage is one page of calls, newest first, and how many match in all.
type CallPage struct {
	Calls []Call
	Total int
}

// DestinationTotal is a holder's calls to one destination (the prefix its
// own tariff matched) in a period, at its own cost.
type DestinationTotal struct {
	Prefix  string
	Calls   int
	Seconds int // billed seconds
	Cost    Money
}

// MarginLine is, for the signed-in customer, one direct customer (or one of
// its own accounts) and one destination over a period: what that customer
// was charged for the calls, what the signed-in customer was charged for
// the same calls, and the difference in the signed-in customer's currency
// at today's rates.
type MarginLine struct {
	Holder     Holder
	HolderName string
	Prefix     string // the prefix the holder's tariff matched
	Calls      int
	Charged    Money // what the holder paid
	Cost       Money // what the signed-in customer paid; zero for the root
	Margin     Money // Charged converted to Cost's currency, less Cost
}

// CallStore is what the calls screens need of the store. Importing and
// undoing book ledger entries, so they need RightMaintenance.
type CallStore interface {
	// ImportCalls reads every record of in.Source and, in one transaction,
	// stores each call with its charges per level, books one EntryCalls
	// per charged holder and records the import. A call already stored
	// (the same account as written and id, in an import not undone, or
	// earlier in the same file) is skipped as a duplicate. A holder whose
	// charges sum to 0 (every call within its grace) keeps its charges but
	// gets no entry. Cancelling ctx, or an error from the source, leaves
	// the file as it was (the error is ctx.Err() once ctx is cancelled).
	ImportCalls(ctx context.Context, s Session, in CallImportInput) (CallImportResult, error)
	// CallImports lists the imports made by the session's customer or by
	// customers below it, newest first.
	CallImports(ctx context.Context, s Session, limit int) ([]CallImport, error)
	// UndoCallImport reverses every entry the import booked and voids its
	// calls, in one transaction; its calls can then be imported again. The
	// reason (required) is the reversals' notes. A second undo is refused
	// with CodeAlreadyReversed (Params "import").
	UndoCallImport(ctx context.Context, s Session, id ID, reason string) error
	// RerateCallImport rates again the import's calls that were left
	// unrated (an account or a rate was missing), books what they cost in
	// new "calls" entries and keeps the rest with their reason. An undone
	// import is refused with CodeLocked (Params "undone").
	RerateCallImport(ctx context.Context, s Session, id ID) (CallImportResult, error)
	// Calls returns a page of the calls of a customer (its own accounts'
	// and its subtree's) or of an account, newest first.
	Calls(ctx context.Context, s Session, h Holder, q CallQuery) (CallPage, error)
	// CallTotals sums the holder's calls of q (paging aside) by the prefix
	// its own tariff matched, at its own cost, the most expensive first.
	CallTotals(ctx context.Context, s Session, h Holder, q CallQuery) ([]DestinationTotal, error)
	// Margin returns the session customer's margin lines for calls started
	// in [from, to).
	Margin(ctx context.Context, s Session, from, to time.Time) ([]MarginLine, error)
}
