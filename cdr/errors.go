package cdr

import (
	"errors"
	"fmt"

	"github.com/branchbook/branchbook/model"
)

// Reason says exactly why a file or a record was refused. It travels as
// Params["reason"] of a *model.Error, whose Code and Field stay the
// model's own, so the window can word the error like any other and an
// import summary can count refusals by reason. Reasons never change once
// released.
type Reason string

// Why a whole file is refused (Field "file"), before any record of it is
// handed out.
const (
	ReasonEmpty           Reason = "empty"            // CodeRequired: no line holds anything
	ReasonBinary          Reason = "binary"           // CodeInvalid: NUL or other control bytes, UTF-16
	ReasonUnknownLayout   Reason = "unknown_layout"   // CodeInvalid, Params "fields" of the first line
	ReasonNotLayout       Reason = "not_layout"       // CodeInvalid, Params "layout" the caller asked for
	ReasonAmbiguousLayout Reason = "ambiguous_layout" // CodeAmbiguous: lines of two layouts
	ReasonMissingColumn   Reason = "missing_column"   // CodeRequired, Params "column"
	ReasonDuplicateColumn Reason = "duplicate_column" // CodeDuplicate, Params "column"
	ReasonFirstLineLong   Reason = "first_line_long"  // CodeTooLong, Params "max"
)

// Why one record is left out (RowError); the rest of the file goes on.
const (
	ReasonLineTooLong      Reason = "line_too_long"     // CodeTooLong, Params "max"
	ReasonNUL              Reason = "nul"               // CodeInvalidChars: a NUL byte in the line
	ReasonQuotes           Reason = "quotes"            // CodeInvalid: an unclosed or misplaced quote
	ReasonFieldCount       Reason = "field_count"       // CodeInvalid, Params "fields", "want"
	ReasonUTF8             Reason = "utf8"              // CodeInvalidChars on a text column
	ReasonTextTooLong      Reason = "text_too_long"     // CodeTooLong on a text column, Params "max"
	ReasonRequired         Reason = "required"          // CodeRequired on the empty column
	ReasonTime             Reason = "time"              // CodeInvalid on start_time
	ReasonNumber           Reason = "number"            // CodeInvalid on a seconds column, Params "whole"
	ReasonNegative         Reason = "negative"          // CodeOutOfRange, Params "min" 0
	ReasonOverMax          Reason = "over_max"          // CodeOutOfRange, Params "max" MaxSeconds
	ReasonOverDuration     Reason = "over_duration"     // CodeOutOfRange on billed_seconds, Params "duration"
	ReasonAnswered         Reason = "answered"          // CodeInvalid on answered: not yes/no, true/false, 1/0
	ReasonBilledUnanswered Reason = "billed_unanswered" // CodeMismatch on billed_seconds
)

// The fields (columns) a record error names. They are Branchbook's column
// names for every layout, so the window words them once.
const (
	FieldCallID   = "call_id"
	FieldAccount  = "account"
	FieldCaller   = "caller"
	FieldCalled   = "called_number"
	FieldStart    = "start_time"
	FieldBilled   = "billed_seconds"
	FieldAnswered = "answered"
	FieldDuration = "duration"
	// FieldFile is the field of an error about the whole file.
	FieldFile = "file"
)

// RowError is a record left out: the line it began on and why.
type RowError struct {
	Line int
	Err  *model.Error
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Unwrap lets errors.As find the model error, so model.CodeOf and the
// window's error texts work on a RowError too.
func (e *RowError) Unwrap() error { return e.Err }

// Reason returns why the record was left out.
func (e *RowError) Reason() Reason { return ReasonOf(e.Err) }

// ReasonOf returns the Reason inside err (a file refusal or a RowError), or
// "" when err is not one of this package's.
func ReasonOf(err error) Reason {
	var e *model.Error
	if !errors.As(err, &e) || e == nil {
		return ""
	}
	r, _ := e.Params["reason"].(Reason)
	return r
}

// refusal builds the model error of a reason; params are key, value pairs.
func refusal(code model.Code, field string, reason Reason, params ...any) *model.Error {
	p := map[string]any{"reason": reason}
	for i := 0; i+1 < len(params); i += 2 {
		p[params[i].(string)] = params[i+1]
	}
	return &model.Error{Code: code, Field: field, Params: p}
}

// fileError is a refusal of the whole file.
func fileError(code model.Code, reason Reason, params ...any) *model.Error {
	return refusal(code, FieldFile, reason, params...)
}
