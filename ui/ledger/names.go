package ledger

import (
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
	}
	return string(k)
}
