// Package calltext words what an import of call records reports: why a
// call was not charged (a rating.Reason), why a file was refused and why a
// record of it was left out (a cdr.Reason), in the user's language. It
// needs no window, so the command line and the window word them alike.
package calltext

import (
	"errors"

	"github.com/branchbook/branchbook/cdr"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/rating"
)

// Reason words why a call was not charged; a code it does not know is
// shown as it is.
func Reason(tr *i18n.Translator, r rating.Reason) string {
	switch r {
	case rating.ReasonUnanswered:
		return tr.T("Not answered")
	case rating.ReasonNegativeDuration:
		return tr.T("Negative duration")
	case rating.ReasonDurationTooLong:
		return tr.T("Longer than 31 days")
	case rating.ReasonNumberEmpty:
		return tr.T("No called number")
	case rating.ReasonNumberInvalid:
		return tr.T("Not a valid called number")
	case rating.ReasonNumberTooLong:
		return tr.T("Called number too long")
	case rating.ReasonNoTariff:
		return tr.T("No tariff")
	case rating.ReasonNoRate:
		return tr.T("No rate for the number")
	case rating.ReasonUnknownAccount, rating.ReasonOutsideScope:
		// An account outside the importer's subtree reads as unknown, so
		// the text tells nothing of who else has it.
		return tr.T("Unknown account")
	case rating.ReasonAccountDeleted:
		return tr.T("Account deleted")
	case rating.ReasonAccountBlocked:
		return tr.T("Account blocked")
	case rating.ReasonAccountExpired:
		return tr.T("Account expired")
	}
	return string(r)
}

// Layout names a layout; the names are the switches', not translated.
func Layout(l cdr.Layout) string {
	switch l {
	case cdr.Asterisk:
		return "Asterisk"
	case cdr.FreeSWITCH:
		return "FreeSWITCH"
	case cdr.Branchbook:
		return "Branchbook"
	}
	return string(l)
}

// Field names a column of a call record (cdr's Field constants).
func Field(tr *i18n.Translator, field string) string {
	switch field {
	case cdr.FieldCallID:
		return tr.T("Call ID")
	case cdr.FieldAccount:
		return tr.T("Account")
	case cdr.FieldCaller:
		return tr.T("Caller")
	case cdr.FieldCalled:
		return tr.T("Called number")
	case cdr.FieldStart:
		return tr.T("Start time")
	case cdr.FieldBilled:
		return tr.T("Billed seconds")
	case cdr.FieldAnswered:
		return tr.T("Answered")
	case cdr.FieldDuration:
		return tr.T("Duration")
	}
	return field
}

// kib is a byte count in whole KiB, as the limits are written.
func kib(n any) int {
	if v, ok := n.(int); ok {
		return v >> 10
	}
	return 0
}

// Refusal words a refusal of a whole file by package cdr, or a record it
// left out (a *cdr.RowError, with its line). It returns false for any
// other error, which the caller words as it words errors.
func Refusal(tr *i18n.Translator, err error) (string, bool) {
	var row *cdr.RowError
	if errors.As(err, &row) {
		return RowError(tr, row), true
	}
	var e *model.Error
	if !errors.As(err, &e) || e.Field != cdr.FieldFile {
		return "", false
	}
	p := e.Params
	switch cdr.ReasonOf(e) {
	case cdr.ReasonEmpty:
		return tr.T("The file is empty."), true
	case cdr.ReasonBinary:
		return tr.T("This is not a text file of call records."), true
	case cdr.ReasonUnknownLayout:
		return tr.T("The file is not an Asterisk, FreeSWITCH or Branchbook call file (fields in its first line: %d).", p["fields"]), true
	case cdr.ReasonNotLayout:
		l, _ := p["layout"].(cdr.Layout)
		return tr.T("The file is not a %s call file.", Layout(l)), true
	case cdr.ReasonAmbiguousLayout:
		return tr.T("The file mixes Asterisk and FreeSWITCH records; import them separately."), true
	case cdr.ReasonMissingColumn:
		return tr.T("The file has no %s column.", p["column"]), true
	case cdr.ReasonDuplicateColumn:
		return tr.T("The file has the %s column twice.", p["column"]), true
	case cdr.ReasonFirstLineLong:
		return tr.T("The first line is longer than %d KiB; this is not a call file.", kib(p["max"])), true
	}
	return "", false
}

// RowError words why a record was left out, with its line.
func RowError(tr *i18n.Translator, e *cdr.RowError) string {
	var p map[string]any
	field := ""
	if e.Err != nil {
		p, field = e.Err.Params, Field(tr, e.Err.Field)
	}
	switch e.Reason() {
	case cdr.ReasonLineTooLong:
		return tr.T("Line %d is longer than %d KiB.", e.Line, kib(p["max"]))
	case cdr.ReasonNUL:
		return tr.T("Line %d contains a NUL byte.", e.Line)
	case cdr.ReasonQuotes:
		return tr.T("Line %d has a quote that is not closed or is misplaced.", e.Line)
	case cdr.ReasonFieldCount:
		return tr.T("Line %d: wrong number of fields (%d, not %d).", e.Line, p["fields"], p["want"])
	case cdr.ReasonUTF8:
		return tr.T("Line %d: %s is not valid UTF-8 text.", e.Line, field)
	case cdr.ReasonTextTooLong:
		return tr.T("Line %d: %s is longer than %d bytes.", e.Line, field, p["max"])
	case cdr.ReasonRequired:
		return tr.T("Line %d: %s is empty.", e.Line, field)
	case cdr.ReasonTime:
		return tr.T("Line %d: the start time is not a date and time like %s.", e.Line, "2026-11-02 09:15:02")
	case cdr.ReasonNumber:
		return tr.T("Line %d: %s is not a whole number of seconds.", e.Line, field)
	case cdr.ReasonNegative:
		return tr.T("Line %d: %s is negative.", e.Line, field)
	case cdr.ReasonOverMax:
		return tr.T("Line %d: %s is longer than a day.", e.Line, field)
	case cdr.ReasonOverDuration:
		return tr.T("Line %d: more seconds billed than the call lasted.", e.Line)
	case cdr.ReasonAnswered:
		return tr.T("Line %d: answered must be yes or no.", e.Line)
	case cdr.ReasonBilledUnanswered:
		return tr.T("Line %d: an unanswered call has billed seconds.", e.Line)
	}
	if e.Err == nil {
		return tr.T("Line %d", e.Line)
	}
	return tr.T("Line %d", e.Line) + ": " + e.Err.Error()
}
