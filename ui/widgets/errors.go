package widgets

import (
	"errors"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// ErrorText turns an error into a sentence for the user, in tr's language.
// Model errors get a message of their own; anything else is reported as an
// unexpected failure, so raw driver text never reaches a form.
func ErrorText(tr *i18n.Translator, err error) string {
	var e *model.Error
	if !errors.As(err, &e) {
		if es := model.FieldErrors(err); len(es) > 0 {
			e = es[0]
		} else {
			return tr.T("Something went wrong; nothing was changed.")
		}
	}
	p := func(key string) any { return e.Params[key] }
	if e.Field == "" {
		if text, ok := FileErrorText(tr, e); ok {
			return text
		}
	}
	switch e.Code {
	case model.CodeRequired:
		return tr.T("This field is required.")
	case model.CodeTooLong:
		return tr.T("Use at most %d characters.", p("max"))
	case model.CodeTooShort:
		return tr.T("Use at least %d characters.", p("min"))
	case model.CodeInvalidChars:
		if e.Field == "phone" {
			return tr.T("Use digits, spaces and + - ( ) . / only.")
		}
		if e.Field == "prefix" {
			return tr.T("Use digits only.")
		}
		if e.Field == "web_login" {
			return tr.T("Use only letters, digits and . _ - @ (no spaces).")
		}
		return tr.T("This text contains characters that are not allowed.")
	case model.CodeInvisibleChars:
		return tr.T("This text contains an invisible character (%s) that can make it look like other text; remove it.", p("char"))
	case model.CodeSignInWait, model.CodeVoucherWait:
		return tr.T("Too many failed attempts. Try again in %d seconds.", p("seconds"))
	case model.CodeVoucherRefused:
		return tr.T("This code cannot be redeemed on this account.")
	case model.CodeMismatch:
		if e.Field == "code" {
			return tr.T("Check the code: a digit is wrong.")
		}
		return tr.T("The two passwords are not the same.")
	case model.CodeDuplicate:
		if e.Field == "prefix" && p("line") != nil {
			return tr.T("This prefix is already on line %d.", p("line"))
		}
		if e.Field == "effective_from" {
			return tr.T("Another rate of this prefix is in force at the same time; give the old one an end first.")
		}
		if e.Field == "file" {
			return tr.T("A file with this name already exists. Choose another name, or use File → Open database….")
		}
		return tr.T("This is already in use; choose another.")
	case model.CodeUnknownZone:
		return tr.T("Choose a time zone from the list.")
	case model.CodeUnknownLang:
		return tr.T("Choose a language from the list.")
	case model.CodeNotListed:
		return notListedText(tr, e.Field)
	case model.CodeTooPrecise:
		if p("digits") != nil {
			return tr.T("Use at most %d significant digits.", p("digits"))
		}
		return tr.T("Use at most %d decimal places.", p("places"))
	case model.CodeOutOfRange:
		switch e.Field {
		case "rate":
			return tr.T("The rate must be greater than 0.")
		case "first_interval", "next_interval":
			return tr.T("Use a number of seconds from 1 to 3600.")
		case "grace_seconds", "free_seconds":
			return tr.T("Use a number of seconds from 0 to 3600.")
		case "ends":
			return tr.T("The end must be after the start.")
		case "period":
			return tr.T("Invoices to this recipient follow each other: this period starts before the end of the last invoice's.")
		case "price", "connect_fee":
			return tr.T("Use an amount from 0 to 1,000,000.")
		case "credit_limit":
			if p("min") != nil {
				return tr.T("The credit limit cannot be negative.")
			}
		case "amount":
			if p("positive") != nil {
				return tr.T("Enter an amount greater than 0.")
			}
		}
		return tr.T("This amount is out of range.")
	case model.CodeInvalid:
		switch {
		case e.Field == "code" && p("digits") != nil:
			return tr.T("A voucher code has %d digits.", p("digits"))
		case p("number") != nil:
			return tr.T("Enter a number, for example %s.", tr.Decimal(decimal.RequireFromString("1234.56"), 2))
		case p("whole") != nil:
			return tr.T("Enter a whole number.")
		case p("date") != nil:
			pattern, ok := p("date").(string)
			if !ok {
				pattern = tr.DatePattern()
			}
			return tr.T("Write the date as %s, or leave it empty.", pattern)
		case e.Field == "currency":
			return tr.T("Choose a currency from the list.")
		case e.Field == "tariff":
			return tr.T("Choose one of the tariffs in the list.")
		case p("reversal") != nil:
			return tr.T("A reversal cannot be reversed; book a new entry instead.")
		case p("email") != nil:
			return tr.T("Enter an e-mail address like name@example.com.")
		}
		return tr.T("This value is not valid.")
	case model.CodeAmbiguous:
		return tr.T("This number could be read two ways; write it like %s.", tr.Decimal(decimal.RequireFromString("1234.56"), 2))
	case model.CodeDiskFull:
		return tr.T("The disk is full, so nothing was saved. Free some space and try again; what you typed is still here.")
	case model.CodeReadOnly:
		return tr.T("The database file cannot be written (it is read-only, or on a read-only disk), so nothing was saved.")
	case model.CodeBusy:
		return tr.T("Another program kept the database busy, so nothing was saved. Try again in a moment.")
	case model.CodeSignIn:
		return tr.T("The login or the password is not right.")
	case model.CodeBlocked:
		return tr.T("This customer is blocked and cannot sign in. Its owner can unblock it.")
	case model.CodeAlreadyReversed:
		return tr.T("This entry has been reversed already.")
	case model.CodeSelf:
		return tr.T("This is done by your owner, not by you.")
	case model.CodeHasChildren:
		return tr.T("This customer has %d sub-customers and %d accounts. Move or delete them first; then it can be deleted.",
			p("customers"), p("accounts"))
	case model.CodeUnderItself:
		return tr.T("A customer cannot be moved under itself or under one of its own customers.")
	case model.CodeOwnerArchived:
		return tr.T("Its owner is deleted too. Restore the owner first.")
	case model.CodeInUse:
		if e.Params["accounts"] != nil {
			return tr.T("%d accounts use this tariff; give them another tariff first.", p("accounts"))
		}
		return tr.T("%d customers use this tariff; move them to another tariff first.", p("customers"))
	case model.CodeLocked:
		if e.Field == "tariff" {
			return tr.T("Choose a tariff in %s: a customer's currency does not change.", p("currency"))
		}
		return tr.T("The currency cannot change: %d customers use this tariff.", p("customers"))
	case model.CodeNoRate:
		return tr.T("There is no exchange rate for %s; set one in Exchange Rates.", p("currency"))
	case model.CodeFixed:
		return tr.T("USD is the display currency; its rate is always 1.")
	case model.CodeNotFound:
		return tr.T("This item no longer exists.")
	case model.CodeNotPermitted:
		return tr.T("You are not permitted to do this.")
	case model.CodeAlreadySetUp:
		return tr.T("This database is already set up.")
	case model.CodeNotSetUp:
		return tr.T("This database is not set up yet.")
	case model.CodeNotADatabase:
		return tr.T("%s is not a Branchbook database, or it is damaged. It was left unchanged.", p("path"))
	case model.CodeNewerDatabase:
		return tr.T("%s was made by a newer Branchbook (schema %d; this version knows up to %d). Install the newer version to open it. The file was left unchanged.",
			p("path"), p("version"), p("supported"))
	case model.CodeCannotOpen:
		switch p("reason") {
		case "no_folder":
			return tr.T("The folder %s does not exist.", p("path"))
		case "is_folder":
			return tr.T("%s is a folder, not a database file.", p("path"))
		}
		return tr.T("Cannot open or create %s. Check that the place exists and that you may write there.", p("path"))
	}
	return tr.T("Something went wrong; nothing was changed.")
}

// FieldTitle names a form field for messages that list problems by field.
func FieldTitle(tr *i18n.Translator, field string) string {
	switch field {
	case "prefix":
		return tr.T("Prefix")
	case "description":
		return tr.T("Description")
	case "price":
		return tr.T("Price per minute")
	case "connect_fee":
		return tr.T("Connect fee")
	case "first_interval":
		return tr.T("First interval")
	case "next_interval":
		return tr.T("Next interval")
	case "grace_seconds":
		return tr.T("Grace seconds")
	case "free_seconds":
		return tr.T("Free seconds")
	case "effective_from":
		return tr.T("Effective from")
	case "ends":
		return tr.T("Ends")
	case "":
		return tr.T("Row")
	}
	return field
}

// FileErrorText words the errors about a whole imported file, which carry
// the line or column they concern.
func FileErrorText(tr *i18n.Translator, e *model.Error) (string, bool) {
	line, column := e.Params["line"], e.Params["column"]
	switch {
	case e.Code == model.CodeRequired && column != nil:
		return tr.T("The file has no %s column.", column), true
	case e.Code == model.CodeInvalid && line != nil:
		return tr.T("The file cannot be read as CSV at line %d; check its quotes.", line), true
	case e.Code == model.CodeOutOfRange && line != nil:
		return tr.T("The file has more than %d rows.", e.Params["max"]), true
	case e.Code == model.CodeTooLong && line != nil:
		return tr.T("Line %d is too long.", line), true
	}
	return "", false
}

// notListedText asks for a value from a field's list, naming what the list
// holds where the form has a sentence for it.
func notListedText(tr *i18n.Translator, field string) string {
	switch field {
	case "currency":
		return tr.T("Choose a currency from the list.")
	case "language":
		return tr.T("Choose a language from the list.")
	case "tariff", "tariff_id":
		return tr.T("Choose one of the tariffs in the list.")
	case "time_zone":
		return tr.T("Choose a time zone from the list.")
	}
	return tr.T("Choose one of the values in the list.")
}
