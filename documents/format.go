package documents

import (
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// Format is how a document prints: its language, time zone and paper.
type Format struct {
	Lang  i18n.Lang // a language of i18n.Supported; another is matched, "" is English
	Zone  string    // an IANA time zone name; "" or an unknown one is UTC
	Paper string    // model.PaperA4 or model.PaperLetter; "" is A4
}

// InvoiceFormat is the format an invoice prints in: the language, zone
// and paper it was issued with.
func InvoiceFormat(inv model.Invoice) Format {
	return Format{Lang: i18n.Lang(inv.Language), Zone: inv.TimeZone, Paper: inv.Paper}
}

var (
	translators sync.Map // i18n.Lang → *i18n.Translator
	zones       sync.Map // string → *time.Location
)

// translator returns the shared translator of l.
func translator(l i18n.Lang) *i18n.Translator {
	if l == "" {
		l = i18n.English
	}
	if t, ok := translators.Load(l); ok {
		return t.(*i18n.Translator)
	}
	t, _ := translators.LoadOrStore(l, i18n.New(l))
	return t.(*i18n.Translator)
}

// zone returns the location of name, UTC for "" or a name Go does not know.
func zone(name string) *time.Location {
	if name == "" || name == "UTC" {
		return time.UTC
	}
	if z, ok := zones.Load(name); ok {
		return z.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.UTC
	}
	z, _ := zones.LoadOrStore(name, loc)
	return z.(*time.Location)
}

// printer formats a document's figures and dates.
type printer struct {
	tr    *i18n.Translator
	loc   *time.Location
	cur   model.Currency
	minor int32
}

func newPrinter(f Format, c model.Currency) printer {
	return printer{tr: translator(f.Lang), loc: zone(f.Zone), cur: c, minor: c.MinorUnits()}
}

// T translates.
func (p printer) T(key string, args ...any) string { return p.tr.T(key, args...) }

// amount prints an amount in the currency's minor unit, rounded once
// (model.RoundToMinor) when it has more places.
func (p printer) amount(d decimal.Decimal) string {
	return p.tr.Decimal(model.RoundToMinor(d, p.cur), p.minor)
}

// money is amount with the currency's code, in the language's order.
func (p printer) money(d decimal.Decimal) string {
	return p.tr.Money(model.RoundToMinor(d, p.cur), string(p.cur), p.minor)
}

// count prints a whole number with the language's grouping.
func (p printer) count(n int) string { return p.tr.Decimal(decimal.NewFromInt(int64(n)), 0) }

// minutes prints billed seconds as minutes to two places.
func (p printer) minutes(seconds int) string {
	return p.tr.Decimal(minutes(seconds), 2)
}

func minutes(seconds int) decimal.Decimal {
	return decimal.NewFromInt(int64(seconds)).DivRound(decimal.NewFromInt(60), 2)
}

// date prints the day of t in the document's zone; "" for a zero time.
func (p printer) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return p.tr.Date(t, p.loc)
}

// period prints [from, to) as its first and last day.
func (p printer) period(from, to time.Time) string {
	if from.IsZero() && to.IsZero() {
		return ""
	}
	last := to
	if to.After(from) {
		last = to.Add(-time.Nanosecond)
	}
	a, b := p.date(from), p.date(last)
	if a == b {
		return a
	}
	return a + " – " + b
}

// percent prints a tax rate as the language writes a percentage.
func (p printer) percent(rate decimal.Decimal) string {
	places := int32(0)
	if e := rate.Exponent(); e < 0 {
		places = -e
	}
	return p.T("%s%%", p.tr.Decimal(rate, places))
}

// taxLabel is "VAT 20 %", or "Tax" with no name.
func (p printer) taxLabel(name string, rate decimal.Decimal) string {
	if name == "" {
		name = p.T("Tax")
	}
	if rate.IsZero() && name == p.T("Tax") {
		return name
	}
	return name + " " + p.percent(rate.Truncate(4))
}

// title is "Invoice" or "Credit note".
func (p printer) title(k model.InvoiceKind) string {
	if k == model.KindCreditNote {
		return p.T("Credit note")
	}
	return p.T("Invoice")
}

// terms is the payment terms sentence: due on receipt, or within the days
// between issue and due date in the document's zone. Empty for a draft
// without dates.
func (p printer) terms(issued, due time.Time) string {
	if issued.IsZero() || due.IsZero() {
		return ""
	}
	y1, m1, d1 := issued.In(p.loc).Date()
	y2, m2, d2 := due.In(p.loc).Date()
	days := int(time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC).Sub(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	if days <= 0 {
		return p.T("Payment due on receipt.")
	}
	return p.T("Payment due within %d days of issue.", days)
}

// kindName names a statement line's entry kind.
func (p printer) kindName(l model.StatementLine) string {
	switch l.Kind {
	case model.EntryAddFunds:
		return p.T("Payment")
	case model.EntryCredit:
		return p.T("Credit")
	case model.EntryDebit:
		return p.T("Debit")
	case model.EntryOpening:
		return p.T("Opening balance")
	case model.EntryReversal:
		return p.T("Reversal")
	case model.EntryCalls:
		return p.T("Calls to %s", l.Prefix)
	}
	return string(l.Kind)
}

// lineText is what a statement line says: its kind and its notes.
func (p printer) lineText(l model.StatementLine) string {
	s := p.kindName(l)
	if n := oneLine(l.Notes); n != "" && l.Kind != model.EntryCalls {
		s += ": " + n
	}
	return s
}

// partyLines are the lines of an issuer's or recipient's block after its
// name: address, tax number, e-mail, phone.
func (p printer) partyLines(pt model.Party) []string {
	var out []string
	for _, l := range strings.Split(pt.Address, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	if pt.TaxNumber != "" {
		out = append(out, p.T("Tax number: %s", pt.TaxNumber))
	}
	if pt.Email != "" {
		out = append(out, pt.Email)
	}
	if pt.Phone != "" {
		out = append(out, pt.Phone)
	}
	return out
}

// partyName is the legal name, or the name in the customer tree.
func partyName(pt model.Party) string {
	if pt.LegalName != "" {
		return pt.LegalName
	}
	return pt.Name
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// lineLabel is the first column of an invoice line: the destination of a
// calls line, what a late calls line holds, the description of any other.
func (p printer) lineLabel(l model.InvoiceLine) string {
	if l.Late != "" {
		return p.description(l)
	}
	if l.Kind == model.EntryCalls || (l.Kind == "" && l.Prefix != "") {
		return l.Prefix
	}
	return oneLine(l.Description)
}

// description is an invoice line's description: a late calls line says
// which calls it holds.
func (p printer) description(l model.InvoiceLine) string {
	switch l.Late {
	case model.LateBooked:
		return p.T("Calls made before the period, booked late")
	case model.LateUndone:
		return p.T("Calls undone after they were invoiced")
	}
	return oneLine(l.Description)
}

// toUSD is amount in USD at rate units of the currency per USD, to the
// cent; ok is false without a rate.
func toUSD(amount, rate decimal.Decimal) (decimal.Decimal, bool) {
	if !rate.IsPositive() {
		return decimal.Decimal{}, false
	}
	return amount.DivRound(rate, 8).Round(2), true
}
