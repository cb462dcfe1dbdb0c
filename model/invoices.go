package model

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Paper sizes a document can be printed on.
const (
	PaperA4     = "A4"
	PaperLetter = "Letter"
)

// Limits of a customer's company details.
const (
	MaxCompanyTextLen   = 400  // legal name, tax number, e-mail, phone, tax name, prefix
	MaxCompanyBlockLen  = 2000 // address and bank details, several lines
	MaxPaymentTermsDays = 365  // payment terms
	MaxLogoBytes        = 512 << 10
	MaxInvoicePrefixLen = 20
)

// Company is what a customer prints on its own documents (Customer → My
// company…). A field left empty takes the root's, which are the system's
// defaults; Effective says what a document shows.
type Company struct {
	Customer      ID
	LegalName     string
	Address       string // several lines
	TaxNumber     string
	Email         string
	Phone         string
	BankDetails   string // several lines
	InvoicePrefix string // e.g. "A-2026-"; numbers follow it
	// NextNumber is the number the next issued invoice or credit note of
	// this issuer gets; numbers are gapless per issuer.
	NextNumber int64
	// PaymentTermsDays is how long after issue an invoice is due.
	PaymentTermsDays int
	TaxName          string          // e.g. "VAT"; empty with a 0 rate for none
	TaxRate          decimal.Decimal // percent, 0 allowed, e.g. 20 for 20 %
	Paper            string          // PaperA4 or PaperLetter
	Logo             []byte          // PNG or JPEG, at most MaxLogoBytes; nil for none
	UpdatedAt        time.Time
}

// StatementLine is one line of a statement: a ledger entry, or the calls of
// one destination in the period (Kind EntryCalls, grouped by Prefix).
type StatementLine struct {
	At      time.Time // the entry's time; for a calls line, the last call's start
	Kind    EntryKind
	Notes   string
	Prefix  string          // calls lines only: the destination
	Calls   int             // calls lines only
	Seconds int             // calls lines only: billed seconds
	Amount  decimal.Decimal // signed, in the holder's currency, as the ledger keeps it
	Entry   ID              // 0 for a calls line
}

// Statement is a holder's account of a period [From, To): what it had, every
// entry, what it has. Amounts are the ledger's (millionths); a document
// rounds them to the currency's minor unit when it prints them.
type Statement struct {
	Holder     Holder
	HolderName string
	Currency   Currency
	From, To   time.Time
	Opening    decimal.Decimal
	Lines      []StatementLine
	Closing    decimal.Decimal
	// USDRate is how many units of Currency make one USD at the rates in
	// force for the session, to show USD beside each amount.
	USDRate decimal.Decimal
}

// InvoiceKind tells an invoice from a credit note.
type InvoiceKind string

// The kinds of issued documents.
const (
	KindInvoice    InvoiceKind = "invoice"
	KindCreditNote InvoiceKind = "credit_note"
)

// InvoiceStatus is derived from the payments the recipient made after the
// invoice was issued.
type InvoiceStatus string

// The statuses of an issued invoice.
const (
	StatusDraft  InvoiceStatus = "draft"
	StatusOpen   InvoiceStatus = "open"
	StatusPartly InvoiceStatus = "partly_paid"
	StatusPaid   InvoiceStatus = "paid"
)

// InvoiceLine is one printed line. Amount is rounded once to the
// currency's minor unit; the invoice's totals are sums of printed amounts.
type InvoiceLine struct {
	Kind EntryKind // EntryCalls (a destination) or EntryDebit
	// Late marks a calls line of calls made before the period that
	// changed after the recipient's previous invoice was issued (no
	// Prefix: all destinations together): booked late, or undone.
	Late        LateCalls
	Description string // for a debit, its notes
	Prefix      string // calls lines: the destination
	Calls       int
	Seconds     int // billed seconds
	At          time.Time
	Amount      decimal.Decimal
}

// LateCalls tells the lines of calls of earlier periods from those of the
// period.
type LateCalls string

// The late calls lines.
const (
	LateBooked LateCalls = "booked" // made before the period, booked after the previous invoice
	LateUndone LateCalls = "undone" // on an earlier invoice, undone after it was issued (negative)
)

// Party is an issuer or a recipient as a document shows it: copied when the
// invoice is issued, so later changes of names or details never change it.
type Party struct {
	Holder    Holder
	Name      string
	LegalName string
	Address   string
	TaxNumber string
	Email     string
	Phone     string
	Bank      string
	Logo      []byte
}

// Invoice is a draft or an issued invoice or credit note. Once issued it is
// stored whole, with every text and figure it shows, and never changes.
type Invoice struct {
	ID        ID
	Kind      InvoiceKind
	Number    string // prefix and number; empty for a draft
	Status    InvoiceStatus
	Issuer    Party
	Recipient Party
	// Language, TimeZone and Paper are the recipient's and the issuer's
	// at issue: the document prints in them.
	Language string
	TimeZone string
	Paper    string
	Currency Currency
	From, To time.Time // the period [From, To)
	Issued   time.Time // zero for a draft
	Due      time.Time
	Lines    []InvoiceLine
	Subtotal decimal.Decimal
	TaxName  string
	TaxRate  decimal.Decimal // percent
	Tax      decimal.Decimal
	Total    decimal.Decimal
	// Previous is what the recipient owed at From (positive: owed).
	Previous decimal.Decimal
	// Payments are what it paid in the period.
	Payments decimal.Decimal
	// Rounding is the difference between the ledger (millionths) and the
	// printed lines, carried as its own line so nothing is lost.
	Rounding decimal.Decimal
	// Due amount: Previous - Payments + Total + Rounding.
	AmountDue decimal.Decimal
	// Paid is what payments after issue covered of what the invoice owes
	// (derived when read, never stored: see docs/invoices.md).
	Paid decimal.Decimal
	// Credited is the sum of the credit notes issued for this invoice
	// (derived when read); what it still owes is Total + Rounding -
	// Credited - Paid.
	Credited decimal.Decimal
	// CreditFor is the invoice a credit note corrects, and CreditForNumber
	// its number as the credit note prints it.
	CreditFor       ID
	CreditForNumber string
	Notes           string
}

// InvoiceInput is a draft as the clerk leaves it before issuing.
type InvoiceInput struct {
	Recipient Holder
	From, To  time.Time
	Issued    time.Time // zero: now
	Notes     string
	// Key identifies the filled-in form: issuing twice with one key issues
	// once.
	Key string
}

// CreditNoteInput corrects an issued invoice by an amount (positive, in the
// invoice's currency, at most what it still credits) with a reason.
type CreditNoteInput struct {
	Invoice ID
	Amount  decimal.Decimal
	Reason  string
	Key     string
}

// InvoiceQuery selects invoices for Reports → Invoices.
type InvoiceQuery struct {
	From, To time.Time // issued in [From, To); zero: open
	Search   string    // number or party name contains it
	Status   InvoiceStatus
	Offset   int
	Limit    int
}

// InvoicePage is a page of invoices, newest first, and how many match.
type InvoicePage struct {
	Invoices []Invoice // Lines and logos left out
	Total    int
}

// BatchFailure is one recipient a batch could not invoice, and why.
type BatchFailure struct {
	Recipient Holder
	Name      string
	Err       error
}

// InvoiceStore is what the documents screens need of the store. Issuing
// needs RightInvoices; anyone may read and set its own company details.
type InvoiceStore interface {
	// Company returns the details of the session's customer or of one in
	// its subtree as saved (fields left empty stay empty).
	Company(ctx context.Context, s Session, customer ID) (Company, error)
	// EffectiveCompany is Company with every empty field taken from the
	// root's: what a document shows.
	EffectiveCompany(ctx context.Context, s Session, customer ID) (Company, error)
	// SetCompany saves the session customer's own details.
	SetCompany(ctx context.Context, s Session, c Company) (Company, error)
	// Statement returns a holder's statement for [from, to).
	Statement(ctx context.Context, s Session, h Holder, from, to time.Time) (Statement, error)
	// DraftInvoice works out the invoice in for a direct customer of the
	// session's customer, or one of its accounts, without storing it.
	DraftInvoice(ctx context.Context, s Session, in InvoiceInput) (Invoice, error)
	// IssueInvoice stores the invoice in, immutable, with the issuer's next
	// number, in one transaction. A period overlapping an issued invoice of
	// the same recipient is refused (CodeDuplicate on "period").
	IssueInvoice(ctx context.Context, s Session, in InvoiceInput) (Invoice, error)
	// IssueCreditNote stores a credit note that refers to an invoice.
	IssueCreditNote(ctx context.Context, s Session, in CreditNoteInput) (Invoice, error)
	// Invoice returns one issued document the session issued or received
	// (or one issued inside its subtree).
	Invoice(ctx context.Context, s Session, id ID) (Invoice, error)
	// Invoices lists the documents the session's customer issued or
	// received, and those issued inside its subtree, newest first.
	Invoices(ctx context.Context, s Session, q InvoiceQuery) (InvoicePage, error)
}

// InvoiceBatcher is the batch of Reports → Invoice all my customers… and of
// `branchbook invoices issue`; the store implements it beside InvoiceStore.
type InvoiceBatcher interface {
	// InvoiceAll issues, each in its own transaction, an invoice for [from,
	// to) to every direct customer and own account of the session's
	// customer that has calls charged or debits booked in the period. One
	// with an invoice overlapping the period is skipped (so running it
	// twice issues nothing twice); one that cannot be invoiced is listed
	// with why and the rest go on. It stops at a cancelled ctx.
	InvoiceAll(ctx context.Context, s Session, from, to time.Time, progress func(done, total int)) (issued []Invoice,
		skipped int, failures []BatchFailure, err error)
}
