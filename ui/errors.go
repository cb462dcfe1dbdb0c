package ui

import (
	"errors"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
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
	switch e.Code {
	case model.CodeRequired:
		return tr.T("This field is required.")
	case model.CodeTooLong:
		return tr.T("Use at most %d characters.", p("max"))
	case model.CodeTooShort:
		return tr.T("Use at least %d characters.", p("min"))
	case model.CodeInvalidChars:
		if e.Field == "web_login" {
			return tr.T("Use only letters, digits and . _ - @ (no spaces).")
		}
		return tr.T("This text contains characters that are not allowed.")
	case model.CodeMismatch:
		return tr.T("The two passwords are not the same.")
	case model.CodeDuplicate:
		if e.Field == "file" {
			return tr.T("A file with this name already exists. Choose another name, or use File → Open database….")
		}
		return tr.T("This is already in use; choose another.")
	case model.CodeUnknownZone:
		return tr.T("Choose a time zone from the list.")
	case model.CodeUnknownLang:
		return tr.T("Choose a language from the list.")
	case model.CodeTooPrecise:
		return tr.T("Use at most %d decimal places.", p("places"))
	case model.CodeOutOfRange:
		return tr.T("This amount is out of range.")
	case model.CodeInvalid:
		return tr.T("This value is not valid.")
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
