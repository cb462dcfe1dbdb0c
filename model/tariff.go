package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tariff is a named price list in one currency, owned by a customer. A
// customer's currency is its tariff's currency.
type Tariff struct {
	ID          ID
	OwnerID     ID
	Name        string
	Currency    Currency
	Description string
	// GraceSeconds and FreeSeconds are what the tariff's rates take when
	// they set none (0 to MaxAllowanceSeconds; docs/rating.md): a call of
	// at most GraceSeconds costs nothing, and the first FreeSeconds of a
	// longer one are not billed.
	GraceSeconds int
	FreeSeconds  int
	Rates        int // how many rates it holds
	Customers    int // how many live customers use it
}

// MaxDescriptionLen bounds tariff descriptions.
const MaxDescriptionLen = 500

// TariffInput is what the tariff form asks for.
type TariffInput struct {
	Name         string
	Currency     string
	Description  string
	GraceSeconds int
	FreeSeconds  int
}

// Normalize trims the typed text and upper-cases the currency code.
func (in *TariffInput) Normalize() {
	in.Name = strings.TrimSpace(in.Name)
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	in.Description = strings.TrimSpace(in.Description)
}

// Validate checks every field of a new tariff and returns all problems at
// once. Its currency must be one of Currencies.
func (in TariffInput) Validate() error {
	return in.ValidateChange("")
}

// ValidateChange checks a tariff whose currency was was before the change
// ("" for a new one). A tariff may keep a code ISO 4217 has withdrawn since
// it was saved (HRK); any other code must be one of Currencies.
func (in TariffInput) ValidateChange(was Currency) error {
	var es Errors
	if e := ValidateName("name", in.Name); e != nil {
		es = append(es, e)
	}
	if in.Currency == "" {
		es = append(es, FieldError("currency", CodeRequired, nil))
	} else if c := Currency(in.Currency); !(c == was && c.wellFormed()) {
		if _, err := ParseCurrency(in.Currency); err != nil {
			es = append(es, FieldError("currency", CodeInvalid, nil))
		}
	}
	if e := validateText("description", in.Description, MaxDescriptionLen, true); e != nil {
		es = append(es, e)
	}
	if e := validateAllowance("grace_seconds", in.GraceSeconds); e != nil {
		es = append(es, e)
	}
	if e := validateAllowance("free_seconds", in.FreeSeconds); e != nil {
		es = append(es, e)
	}
	return es.Err()
}

// validateText checks free text: valid UTF-8, no control characters (but
// line breaks when multiline), at most max characters.
func validateText(field, s string, max int, multiline bool) *Error {
	bad := func(r rune) bool {
		if multiline && (r == '\n' || r == '\t') {
			return false
		}
		return unicode.IsControl(r)
	}
	switch {
	case !utf8.ValidString(s) || strings.IndexFunc(s, bad) >= 0:
		return FieldError(field, CodeInvalidChars, nil)
	case utf8.RuneCountInString(s) > max:
		return FieldError(field, CodeTooLong, map[string]any{"max": max})
	}
	return nil
}
