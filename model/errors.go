package model

import (
	"errors"
	"fmt"
)

// Code is a stable identifier of what went wrong. The window translates it
// into the user's language; it never changes once released.
type Code string

// The error codes a Store or a rule may return.
const (
	CodeRequired        Code = "required"
	CodeTooLong         Code = "too_long"
	CodeTooShort        Code = "too_short"
	CodeInvalid         Code = "invalid"
	CodeInvalidChars    Code = "invalid_chars"
	CodeDuplicate       Code = "duplicate"
	CodeMismatch        Code = "mismatch"
	CodeNotFound        Code = "not_found"
	CodeNotPermitted    Code = "not_permitted"
	CodeAlreadySetUp    Code = "already_set_up"
	CodeNotSetUp        Code = "not_set_up"
	CodeUnknownZone     Code = "unknown_zone"
	CodeUnknownLang     Code = "unknown_language"
	CodeNotListed       Code = "not_listed" // a value typed into a field that takes one of a list
	CodeTooPrecise      Code = "too_precise"
	CodeOutOfRange      Code = "out_of_range"
	CodeNotADatabase    Code = "not_a_database"
	CodeNewerDatabase   Code = "newer_database"
	CodeCannotOpen      Code = "cannot_open"
	CodeStorageFailure  Code = "storage_failure"
	CodeInUse           Code = "in_use"         // Params: "customers" (how many use it)
	CodeLocked          Code = "locked"         // a value that can no longer change
	CodeNoRate          Code = "no_rate"        // Params: "currency"
	CodeFixed           Code = "fixed"          // USD is always 1
	CodeAmbiguous       Code = "ambiguous"      // a number whose separators could be read two ways
	CodeHasChildren     Code = "has_children"   // Params: "customers", "accounts"
	CodeUnderItself     Code = "under_itself"   // a move under the customer itself or its descendant
	CodeOwnerArchived   Code = "owner_archived" // restoring under a deleted owner
	CodeAlreadyReversed Code = "already_reversed"
	CodeSelf            Code = "self"    // an action the signed-in customer may not take on itself
	CodeSignIn          Code = "sign_in" // wrong login or password: never says which
	CodeBlocked         Code = "blocked"
	CodeDiskFull        Code = "disk_full" // the disk (or the file size limit) is full: nothing was saved
	CodeReadOnly        Code = "read_only" // the file cannot be written: nothing was saved
	CodeBusy            Code = "busy"      // another program held the file too long: nothing was saved
	// CodeInvisibleChars: text holds a bidirectional control or another
	// invisible format character (Params: "char", such as "U+202E").
	CodeInvisibleChars Code = "invisible_chars"
	// CodeSignInWait: too many wrong passwords for this login in a row;
	// Params: "seconds" to wait before the next try.
	CodeSignInWait Code = "sign_in_wait"
	// CodeVoucherRefused: a voucher code with a right check digit that is
	// unknown, used, expired, void or not for this account: never says which.
	CodeVoucherRefused Code = "voucher_refused"
	// CodeVoucherWait: too many wrong voucher codes in a row for this
	// account; Params: "seconds" to wait before the next try.
	CodeVoucherWait Code = "voucher_wait"
)

// Error is a domain error: a stable Code, the form field it concerns (empty
// when it concerns the whole action), and optional parameters for the
// message, such as a maximum length.
type Error struct {
	Code   Code
	Field  string
	Params map[string]any
	Err    error // the underlying cause, for logs; never shown to a user as is
}

func (e *Error) Error() string {
	msg := string(e.Code)
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if len(e.Params) > 0 {
		msg += fmt.Sprintf(" %v", e.Params)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, &Error{Code: c}) match any Error with code c.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && (t.Field == "" || t.Field == e.Field)
}

// FieldError returns an Error about one field.
func FieldError(field string, code Code, params map[string]any) *Error {
	return &Error{Code: code, Field: field, Params: params}
}

// ErrNotFound is what a Store answers for an ID that does not exist and for
// one outside the session's subtree alike, so nothing leaks.
var ErrNotFound = &Error{Code: CodeNotFound}

// ErrNotPermitted is what a Store answers when the session lacks a right.
var ErrNotPermitted = &Error{Code: CodeNotPermitted}

// CodeOf returns the Code of err, or CodeStorageFailure when err is not a
// model error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeStorageFailure
}

// Errors collects the field errors of one form, so a form can show every
// problem at once instead of one per attempt.
type Errors []*Error

func (es Errors) Error() string {
	if len(es) == 0 {
		return "no errors"
	}
	msg := es[0].Error()
	if len(es) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(es)-1)
	}
	return msg
}

// For returns the first error about field, or nil.
func (es Errors) For(field string) *Error {
	for _, e := range es {
		if e.Field == field {
			return e
		}
	}
	return nil
}

// Err returns es as an error, or nil when it is empty.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// FieldErrors returns every field error inside err: the members of an
// Errors, or the single Error.
func FieldErrors(err error) Errors {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var e *Error
	if errors.As(err, &e) {
		return Errors{e}
	}
	return nil
}
