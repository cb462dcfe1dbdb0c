package access

import (
	"strings"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/ledger"
)

// AuditAction names an audit log action code (as storage writes it:
// "customer.create", "entry.add_funds", "signin.failed") in the user's
// language. The file keeps codes, not words, so every viewer reads the log
// in its own language; a code this version does not know (written by a
// newer one) is shown as it is rather than hidden.
func AuditAction(tr *i18n.Translator, code string) string {
	switch code {
	case "setup":
		return tr.T("Root customer created")
	case "signin":
		return tr.T("Signed in")
	case "signin.failed":
		return tr.T("Sign-in failed")
	case "signin.blocked":
		return tr.T("Sign-in refused: customer blocked")
	case "customer.create":
		return tr.T("Customer added")
	case "customer.update":
		return tr.T("Customer adjusted")
	case "customer.delete":
		return tr.T("Customer deleted")
	case "customer.restore":
		return tr.T("Customer restored")
	case "customer.move":
		return tr.T("Customer moved")
	case "customer.language":
		return tr.T("Language changed")
	case "permissions.set":
		return tr.T("Permissions changed")
	case "exchange_rate.set":
		return tr.T("Exchange rate set")
	case "tariff.create":
		return tr.T("Tariff added")
	case "tariff.update":
		return tr.T("Tariff changed")
	case "tariff.delete":
		return tr.T("Tariff deleted")
	case "rate.save":
		return tr.T("Tariff rate saved")
	case "rate.delete":
		return tr.T("Tariff rate deleted")
	case "rate.import":
		return tr.T("Tariff rates imported")
	case "account.create":
		return tr.T("Account created")
	case "account.update":
		return tr.T("Account adjusted")
	case "account.delete":
		return tr.T("Account deleted")
	case "account.generate":
		return tr.T("Prepaid cards generated")
	case "account.restore":
		return tr.T("Account restored")
	case "voucher.create":
		return tr.T("Vouchers made")
	case "voucher.redeem":
		return tr.T("Voucher redeemed")
	case "voucher.void":
		return tr.T("Vouchers voided")
	case "calls.import":
		return tr.T("Calls imported")
	case "calls.undo":
		return tr.T("Import undone")
	case "calls.rerate":
		return tr.T("Rated again")
	case "company.set":
		return tr.T("Company details saved")
	case "invoice.issue":
		return tr.T("Invoice issued")
	case "invoice.credit_note":
		return tr.T("Credit note issued")
	}
	// Ledger entries are "entry." and the entry kind, named as in the
	// History tab.
	if kind, ok := strings.CutPrefix(code, "entry."); ok {
		if name := ledger.ActionName(tr, model.EntryKind(kind)); name != kind {
			return name
		}
	}
	return code
}

// AuditSubject translates the one subject storage writes in English: a
// failed sign-in with a login nobody has (the text typed is not kept).
func AuditSubject(tr *i18n.Translator, e model.AuditEvent) string {
	if e.Action == "signin.failed" && e.Subject == "unknown login" {
		return tr.T("unknown login")
	}
	return e.Subject
}
