package ledger

import (
	"fmt"
	"strings"
	"time"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// ActionName names an entry kind as the clerk sees it, in the Maintenance
// form, the History tab and the audit log alike.
func ActionName(tr *i18n.Translator, k model.EntryKind) string {
	switch k {
	case model.EntryAddFunds:
		return tr.T("Add Funds")
	case model.EntryCredit:
		return tr.T("Credit")
	case model.EntryDebit:
		return tr.T("Debit")
	case model.EntryOpening:
		return tr.T("Opening balance")
	case model.EntryReversal:
		return tr.T("Reversal")
	case model.EntryCalls:
		return tr.T("Calls")
	}
	return string(k)
}

// CallsNote is the notes of a "calls" entry, written from what it charged
// in the viewer's language and zone: "8 calls, 30.11.2026 – 01.12.2026".
func CallsNote(tr *i18n.Translator, b *model.CallBatch, zone *time.Location) string {
	if b == nil {
		return ""
	}
	first, last := tr.Date(b.First, zone), tr.Date(b.Last, zone)
	period := first
	if last != first {
		period = first + " – " + last
	}
	return tr.T("%d calls, %s", b.Count, period)
}

// EntryNotes is what an entry's notes column shows: the notes written from
// the calls of a "calls" entry, else the clerk's notes on one line.
func EntryNotes(tr *i18n.Translator, e model.Entry, zone *time.Location) string {
	if e.Calls != nil {
		return CallsNote(tr, e.Calls, zone)
	}
	if e.Voucher != 0 {
		return tr.T("Voucher %s", model.GroupVoucherDigits(fmt.Sprintf("%0*d", model.VoucherSerialDigits, e.Voucher)))
	}
	return strings.ReplaceAll(e.Notes, "\n", " ")
}
