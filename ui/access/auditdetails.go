package access

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// AuditActor names who did an event. Storage leaves the name empty for an
// actor outside the viewer's subtree (who can only be an owner above it)
// and for a failed sign-in, which nobody signed in caused.
func AuditActor(tr *i18n.Translator, e model.AuditEvent) string {
	switch {
	case e.Actor != "":
		return e.Actor
	case e.Action == "signin.failed":
		return tr.T("someone")
	default:
		return tr.T("an owner above you")
	}
}

// AuditDetails says an event's details in the user's language. Storage
// writes them once, in English words around the values (storage/*.go, at
// each s.audit); the file is left as it is and the words are put in the
// viewer's language here. Details this version cannot read (an older or
// newer wording) are shown as they are.
func AuditDetails(tr *i18n.Translator, e model.AuditEvent) string {
	if e.Details == "" {
		return ""
	}
	if s, ok := auditDetails(tr, e.Action, e.Details); ok {
		return s
	}
	return e.Details
}

func auditDetails(tr *i18n.Translator, action, d string) (string, bool) {
	if strings.HasPrefix(action, "entry.") {
		// "10 USD, booked 10, balance 20"
		var amount, cur, booked, balance string
		if n, _ := fmt.Sscanf(d, "%s %s booked %s balance %s", &amount, &cur, &booked, &balance); n != 4 {
			return "", false
		}
		cur, booked = strings.TrimSuffix(cur, ","), strings.TrimSuffix(booked, ",")
		m, ok1 := money(tr, amount, cur)
		b, ok2 := number(tr, booked)
		bal, ok3 := number(tr, balance)
		return tr.T("%s, booked %s, balance %s", m, b, bal), ok1 && ok2 && ok3
	}
	switch action {
	case "customer.create":
		// "tariff Standard USD, opening balance 10 USD"; the tariff's name
		// may hold commas, the rest cannot.
		at := strings.LastIndex(d, ", opening balance ")
		tariff, ok := strings.CutPrefix(d[:max(at, 0)], "tariff ")
		if at < 0 || !ok {
			return "", false
		}
		m, ok := openingMoney(tr, d[at+len(", opening balance "):])
		return tr.T("tariff %s, opening balance %s", tariff, m), ok
	case "account.create":
		rest, ok := strings.CutPrefix(d, "opening balance ")
		if !ok {
			return "", false
		}
		m, ok := openingMoney(tr, rest)
		return tr.T("opening balance %s", m), ok
	case "account.generate":
		// "3 cards 1001 to 1003, opening balance 5 USD"
		head, tail, ok := strings.Cut(d, ", opening balance ")
		var n int
		var first, last string
		if !ok {
			return "", false
		}
		if k, _ := fmt.Sscanf(head, "%d cards %s to %s", &n, &first, &last); k != 3 {
			return "", false
		}
		m, ok := openingMoney(tr, tail)
		return tr.T("cards: %d (%s to %s), opening balance %s", n, first, last, m), ok
	case "voucher.create", "voucher.void", "voucher.redeem":
		return voucherDetails(tr, action, d)
	case "customer.update", "account.update":
		return changeList(tr, d)
	case "customer.move":
		name, ok := strings.CutPrefix(d, "under ")
		return tr.T("under %s", name), ok
	case "customer.language":
		l, ok := i18n.Parse(d)
		return l.NativeName(), ok
	case "permissions.set":
		return rightList(tr, d)
	case "exchange_rate.set":
		return number(tr, d)
	case "tariff.create":
		return d, true // a currency code
	case "tariff.update":
		// `was "Old name" USD`
		rest, ok := strings.CutPrefix(d, "was ")
		if !ok {
			return "", false
		}
		name, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return "", false
		}
		return tr.T("was %s %s", name, strings.TrimSpace(rest[len(name):])), true
	case "rate.save":
		// "49 0.12 0.05": prefix, price per minute, connect fee
		f := strings.Fields(d)
		if len(f) != 3 {
			return "", false
		}
		price, ok1 := number(tr, f[1])
		fee, ok2 := number(tr, f[2])
		return tr.T("prefix %s, price %s, connect fee %s", f[0], price, fee), ok1 && ok2
	case "rate.delete":
		f := strings.Fields(d)
		if len(f) != 2 {
			return "", false
		}
		price, ok := number(tr, f[1])
		return tr.T("prefix %s, price %s", f[0], price), ok
	case "calls.import":
		var n [6]int
		if k, _ := fmt.Sscanf(d, "%d calls, %d rated, %d unrated, %d duplicates, %d skipped, %d entries",
			&n[0], &n[1], &n[2], &n[3], &n[4], &n[5]); k != 6 {
			return "", false
		}
		return tr.T("calls: %d, rated: %d, unrated: %d, duplicates: %d, malformed: %d, entries: %d", n[0], n[1], n[2], n[3], n[4], n[5]), true
	case "calls.undo":
		// "import 7, 3 entries reversed: the reason"
		head, reason, ok := strings.Cut(d, ": ")
		var id, entries int
		if k, _ := fmt.Sscanf(head, "import %d, %d entries reversed", &id, &entries); !ok || k != 2 {
			return "", false
		}
		return tr.T("import %d, entries reversed: %d, reason: %s", id, entries, reason), true
	case "calls.rerate":
		var id, rated, of, entries int
		if k, _ := fmt.Sscanf(d, "import %d: %d of %d unrated calls rated, %d entries", &id, &rated, &of, &entries); k != 4 {
			return "", false
		}
		return tr.T("import %d: %d of %d unrated calls rated, entries: %d", id, rated, of, entries), true
	case "rate.import":
		var added, updated int
		if n, _ := fmt.Sscanf(d, "%d added, %d updated", &added, &updated); n != 2 {
			return "", false
		}
		return tr.T("added: %d, updated: %d", added, updated), true
	}
	return "", false
}

// number writes a decimal with the language's separators, keeping its
// places.
func number(tr *i18n.Translator, s string) (string, bool) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return "", false
	}
	return tr.Decimal(d, max(-d.Exponent(), 0)), true
}

// money writes an amount and its currency as the window does.
func money(tr *i18n.Translator, amount, code string) (string, bool) {
	d, err := decimal.NewFromString(amount)
	if err != nil {
		return "", false
	}
	return widgets.MoneyText(tr, d, model.Currency(code)), true
}

// openingMoney reads "10 USD".
func openingMoney(tr *i18n.Translator, s string) (string, bool) {
	amount, code, ok := strings.Cut(s, " ")
	if !ok {
		return "", false
	}
	return money(tr, amount, code)
}

// changeList reads what storage's changeList wrote: `field: "before" →
// "after"` joined by "; ", and "password changed".
func changeList(tr *i18n.Translator, d string) (string, bool) {
	var out []string
	for rest := d; rest != ""; {
		if r, ok := strings.CutPrefix(rest, "password changed"); ok {
			out = append(out, tr.T("password changed"))
			rest = r
		} else {
			field, r, ok := strings.Cut(rest, ": ")
			if !ok {
				return "", false
			}
			label, ok := fieldLabel(tr, field)
			if !ok {
				return "", false
			}
			before, err := strconv.QuotedPrefix(r)
			if err != nil {
				return "", false
			}
			r, ok = strings.CutPrefix(r[len(before):], " → ")
			if !ok {
				return "", false
			}
			after, err := strconv.QuotedPrefix(r)
			if err != nil {
				return "", false
			}
			rest = r[len(after):]
			out = append(out, label+": "+changeValue(tr, field, before)+" → "+changeValue(tr, field, after))
		}
		if rest == "" {
			break
		}
		var ok bool
		if rest, ok = strings.CutPrefix(rest, "; "); !ok {
			return "", false
		}
	}
	return strings.Join(out, "; "), len(out) > 0
}

// changeValue shows a changed value: yes or no for a flag, a language by
// its name, an expiry as a date, anything else quoted as stored.
func changeValue(tr *i18n.Translator, field, quoted string) string {
	v, err := strconv.Unquote(quoted)
	if err != nil {
		return quoted
	}
	switch field {
	case "blocked":
		switch v {
		case "true":
			return tr.T("Yes")
		case "false":
			return tr.T("No")
		}
	case "language":
		if l, ok := i18n.Parse(v); ok {
			return l.NativeName()
		}
	case "expires":
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			if t.Year() <= 1 {
				return tr.T("never") // the zero time: the account does not expire
			}
			return tr.Date(t, time.UTC)
		}
	}
	return quoted
}

// fieldLabel names a field of storage's change lists as the forms do.
func fieldLabel(tr *i18n.Translator, field string) (string, bool) {
	switch field {
	case "name":
		return tr.T("Name"), true
	case "web login":
		return tr.T("Web login"), true
	case "language":
		return tr.T("Language"), true
	case "time zone":
		return tr.T("Time zone"), true
	case "tariff":
		return tr.T("Tariff"), true
	case "credit limit":
		return tr.T("Credit limit"), true
	case "company":
		return tr.T("Company"), true
	case "contact":
		return tr.T("Contact person"), true
	case "e-mail":
		return tr.T("E-mail"), true
	case "phone":
		return tr.T("Phone"), true
	case "address":
		return tr.T("Address"), true
	case "notes":
		return tr.T("Notes"), true
	case "blocked":
		return tr.T("Blocked"), true
	case "username":
		return tr.T("Username"), true
	case "description":
		return tr.T("Description"), true
	case "currency":
		return tr.T("Currency"), true
	case "expires":
		return tr.T("Expires"), true
	}
	return "", false
}

// rightList reads storage's rightNames: "customers.add, maintenance" or
// "none", and names each right as the Permissions form does.
func rightList(tr *i18n.Translator, d string) (string, bool) {
	if d == "none" {
		return tr.T("no rights"), true
	}
	codes := map[string]model.Right{
		"customers.add": model.RightCustomersAdd, "customers.edit": model.RightCustomersEdit,
		"customers.delete": model.RightCustomersDelete, "accounts.add": model.RightAccountsAdd,
		"accounts.edit": model.RightAccountsEdit, "accounts.delete": model.RightAccountsDelete,
		"tariffs.add": model.RightTariffsAdd, "tariffs.edit": model.RightTariffsEdit,
		"tariffs.delete": model.RightTariffsDelete, "maintenance": model.RightMaintenance,
		"exchange_rates": model.RightExchangeRates, "vouchers": model.RightVouchers,
		"invoices": model.RightInvoices,
	}
	var names []string
	for _, c := range strings.Split(d, ", ") {
		r, ok := codes[c]
		if !ok {
			return "", false
		}
		names = append(names, RightName(tr, r))
	}
	return strings.Join(names, ", "), true
}

// The voucher events as storage/vouchers.go writes them.
var (
	voucherCreated = regexp.MustCompile(`^batch (\d+) ("(?:[^"\\]|\\.)*"): (\d+) vouchers (\S+) to (\S+) of (\S+) (\S+), expire (\S+)$`)
	voucherVoided  = regexp.MustCompile(`^batch (\d+) ("(?:[^"\\]|\\.)*"): (\d+) vouchers void: (.*)$`)
	voucherUsed    = regexp.MustCompile(`^voucher (\S+) of batch (\d+): (\S+) (\S+)$`)
)

// voucherDetails reads a voucher event: a batch made, voided, or a code
// redeemed (named by its serial only: the file never holds a code).
func voucherDetails(tr *i18n.Translator, action, d string) (string, bool) {
	switch action {
	case "voucher.create":
		m := voucherCreated.FindStringSubmatch(d)
		if m == nil {
			return "", false
		}
		label, err1 := strconv.Unquote(m[2])
		value, ok := money(tr, m[6], m[7])
		end, err2 := time.Parse("2006-01-02T15:04:05.000000Z", m[8])
		if err1 != nil || err2 != nil || !ok {
			return "", false
		}
		return tr.T("batch %s %q: %s vouchers %s to %s of %s, last day %s", m[1], label, m[3], m[4], m[5], value,
			tr.Date(end.Add(-time.Nanosecond), time.UTC)), true
	case "voucher.void":
		m := voucherVoided.FindStringSubmatch(d)
		if m == nil {
			return "", false
		}
		label, err := strconv.Unquote(m[2])
		return tr.T("batch %s %q: %s vouchers voided, reason: %s", m[1], label, m[3], m[4]), err == nil
	default:
		m := voucherUsed.FindStringSubmatch(d)
		if m == nil {
			return "", false
		}
		value, ok := money(tr, m[3], m[4])
		return tr.T("voucher %s of batch %s: %s", m[1], m[2], value), ok
	}
}
