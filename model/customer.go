package model

import (
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// ID identifies a row in the store. Zero means "none".
type ID int64

// Limits of the customer fields.
const (
	MaxNameLen      = 100
	MinLoginLen     = 3
	MaxLoginLen     = 64
	MinPasswordLen  = 8
	MaxPasswordLen  = 256
	MaxShortTextLen = 200
	MaxNotesLen     = 2000
	MaxPhoneLen     = 50
	MaxAddressLen   = MaxShortTextLen * 2
)

// Limits of fields that hold a number, a date or a search as text. The
// model reads such text into a value with its own limits; these only bound
// what a field takes, so a paste of a wall of text is cut there.
const (
	// MaxNumberTextLen is the longest amount, rate, count or interval
	// written out: 1,000,000,000,000.000000 with separators, and a sign.
	MaxNumberTextLen = 40
	// MaxDateTextLen is the longest date written out (2026-12-31, with
	// room for spaces).
	MaxDateTextLen = 20
	// MaxSearchLen is the longest text a search or filter field takes.
	MaxSearchLen = MaxShortTextLen
	// MaxPathLen is the longest file or folder path a field takes (Linux's
	// PATH_MAX).
	MaxPathLen = 4096
)

// Languages are the language tags a customer may choose. They match the
// languages the i18n package translates into, in its order (English first,
// then by tag); a test in ui keeps the two equal.
var Languages = []string{"en", "de", "es", "fr", "pt-BR", "ru", "zh-Hans"}

// Customer is one node of the hierarchy. The root customer has no parent,
// no tariff and no balance: it owns the system and is never billed.
type Customer struct {
	ID          ID
	ParentID    ID // 0 for the root
	Name        string
	WebLogin    string
	Language    string
	TimeZone    string
	TariffID    ID // 0 for the root
	TariffName  string
	Currency    Currency // the tariff's currency; empty for the root
	Balance     decimal.Decimal
	CreditLimit decimal.Decimal
	Company     string
	Contact     string
	Email       string
	Phone       string
	Address     string
	Notes       string
	Blocked     bool
	// Counts of the customer's live (not archived) sub-customers and accounts.
	SubCustomers int
	Accounts     int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// IsRoot reports whether c is the root customer: the only one without a
// tariff. (ParentID is 0 for the root, but also for the signed-in customer
// itself, whose owner is never shown to it.)
func (c Customer) IsRoot() bool { return c.TariffID == 0 }

// Available is how much the customer may still spend: balance plus credit
// limit.
func (c Customer) Available() decimal.Decimal { return c.Balance.Add(c.CreditLimit) }

// CustomerRow is what the tree shows for one customer: enough to draw the
// row and to know whether it can be opened.
type CustomerRow struct {
	ID          ID
	ParentID    ID
	Name        string
	Currency    Currency
	Balance     decimal.Decimal
	CreditLimit decimal.Decimal
	Blocked     bool
	HasChildren bool // has live sub-customers
	HasAccounts bool // has live accounts
}

// IsRoot reports whether the row is the root customer's: the only one
// without a currency.
func (r CustomerRow) IsRoot() bool { return r.Currency == "" }

// RootInput is what the first-run setup asks for.
type RootInput struct {
	Name          string
	WebLogin      string
	Password      string
	PasswordAgain string
	Language      string
	TimeZone      string
	// FirstTariff, when not empty, names a USD tariff made together with
	// the root, so the first customer can be added at once.
	FirstTariff string
}

// Normalize trims the text fields a person types.
func (in *RootInput) Normalize() {
	in.FirstTariff = strings.TrimSpace(in.FirstTariff)
	in.Name = strings.TrimSpace(in.Name)
	in.WebLogin = strings.TrimSpace(in.WebLogin)
	in.Language = strings.TrimSpace(in.Language)
	in.TimeZone = strings.TrimSpace(in.TimeZone)
}

// Validate checks every field and returns all problems at once.
func (in RootInput) Validate() error {
	var es Errors
	add := func(e *Error) {
		if e != nil {
			es = append(es, e)
		}
	}
	add(ValidateName("name", in.Name))
	add(ValidateLogin("web_login", in.WebLogin))
	add(ValidatePassword("password", in.Password))
	if in.Password != in.PasswordAgain && es.For("password") == nil {
		add(FieldError("password_again", CodeMismatch, nil))
	}
	add(ValidateLanguage("language", in.Language))
	add(ValidateTimeZone("time_zone", in.TimeZone))
	if in.FirstTariff != "" {
		add(ValidateName("first_tariff", in.FirstTariff))
	}
	return es.Err()
}

// ValidateName checks a customer name: required, at most MaxNameLen
// characters, no control characters. Callers trim it first.
func ValidateName(field, name string) *Error {
	switch {
	case name == "":
		return FieldError(field, CodeRequired, nil)
	case HasInvisible(name):
		return ValidateVisible(field, name)
	case !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return FieldError(field, CodeInvalidChars, nil)
	case utf8.RuneCountInString(name) > MaxNameLen:
		return FieldError(field, CodeTooLong, map[string]any{"max": MaxNameLen})
	}
	return nil
}

// ValidateLogin checks a web login: MinLoginLen to MaxLoginLen characters
// of ASCII letters, digits, '.', '_', '-' and '@'.
func ValidateLogin(field, login string) *Error {
	switch {
	case login == "":
		return FieldError(field, CodeRequired, nil)
	case HasInvisible(login):
		return ValidateVisible(field, login)
	case strings.IndexFunc(login, func(r rune) bool { return !isLoginRune(r) }) >= 0:
		return FieldError(field, CodeInvalidChars, nil)
	case len(login) < MinLoginLen:
		return FieldError(field, CodeTooShort, map[string]any{"min": MinLoginLen})
	case len(login) > MaxLoginLen:
		return FieldError(field, CodeTooLong, map[string]any{"max": MaxLoginLen})
	}
	return nil
}

func isLoginRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
		r == '.' || r == '_' || r == '-' || r == '@'
}

// ValidatePassword checks a new password's length. Any characters are
// allowed: a passphrase in the user's own script is a good password.
func ValidatePassword(field, password string) *Error {
	n := utf8.RuneCountInString(password)
	switch {
	case password == "":
		return FieldError(field, CodeRequired, nil)
	case !utf8.ValidString(password) || strings.ContainsRune(password, 0):
		return FieldError(field, CodeInvalidChars, nil)
	case n < MinPasswordLen:
		return FieldError(field, CodeTooShort, map[string]any{"min": MinPasswordLen})
	case n > MaxPasswordLen:
		return FieldError(field, CodeTooLong, map[string]any{"max": MaxPasswordLen})
	}
	return nil
}

// ValidateLanguage checks that lang is one of Languages.
func ValidateLanguage(field, lang string) *Error {
	if lang == "" {
		return FieldError(field, CodeRequired, nil)
	}
	for _, l := range Languages {
		if l == lang {
			return nil
		}
	}
	return FieldError(field, CodeUnknownLang, nil)
}

// ValidateTimeZone checks that zone is an IANA time zone name.
func ValidateTimeZone(field, zone string) *Error {
	if zone == "" {
		return FieldError(field, CodeRequired, nil)
	}
	if zone == "Local" || strings.ContainsAny(zone, "\x00\\") || strings.HasPrefix(zone, "/") || strings.Contains(zone, "..") {
		return FieldError(field, CodeUnknownZone, nil)
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return FieldError(field, CodeUnknownZone, nil)
	}
	return nil
}

// Key is the form of a name or login used to decide uniqueness and to
// search: Unicode-normalized and case-folded, so "ÄRGER" and "ärger" are the
// same name.
func Key(s string) string {
	return cases.Fold().String(norm.NFC.String(strings.TrimSpace(s)))
}

// CustomerInput is what the Add and Adjust forms ask for. Balance is the
// opening balance and is read only when the customer is created; after that
// only ledger entries change it.
type CustomerInput struct {
	Name          string
	TariffID      ID
	TimeZone      string
	WebLogin      string
	Password      string // when adjusting, empty keeps the old password
	PasswordAgain string
	Language      string
	Balance       decimal.Decimal
	CreditLimit   decimal.Decimal
	Company       string
	Contact       string
	Email         string
	Phone         string
	Address       string
	Notes         string
	Blocked       bool
}

// Normalize trims the text fields a person types.
func (in *CustomerInput) Normalize() {
	for _, p := range []*string{&in.Name, &in.TimeZone, &in.WebLogin, &in.Language, &in.Company,
		&in.Contact, &in.Email, &in.Phone} {
		*p = strings.TrimSpace(*p)
	}
	in.Address = strings.TrimSpace(in.Address)
	in.Notes = strings.TrimSpace(in.Notes)
}

// Validate checks every field and returns all problems at once. creating
// says whether this is a new customer (the password is then required).
func (in CustomerInput) Validate(creating bool) error {
	var es Errors
	add := func(e *Error) {
		if e != nil {
			es = append(es, e)
		}
	}
	add(ValidateName("name", in.Name))
	if in.TariffID == 0 {
		add(FieldError("tariff", CodeRequired, nil))
	}
	add(ValidateTimeZone("time_zone", in.TimeZone))
	add(ValidateLogin("web_login", in.WebLogin))
	if creating || in.Password != "" || in.PasswordAgain != "" {
		add(ValidatePassword("password", in.Password))
		if in.Password != in.PasswordAgain && es.For("password") == nil {
			add(FieldError("password_again", CodeMismatch, nil))
		}
	}
	add(ValidateLanguage("language", in.Language))
	add(validateAmount("balance", in.Balance, false))
	add(validateAmount("credit_limit", in.CreditLimit, true))
	add(visibleText("company", in.Company, MaxShortTextLen))
	add(visibleText("contact", in.Contact, MaxShortTextLen))
	add(ValidateEmail("email", in.Email))
	add(validatePhone("phone", in.Phone))
	add(validateText("address", in.Address, MaxAddressLen, true))
	add(validateText("notes", in.Notes, MaxNotesLen, true))
	return es.Err()
}

// visibleText is validateText for one-line text that names someone, where
// invisible characters are refused as in names.
func visibleText(field, s string, max int) *Error {
	if e := ValidateVisible(field, s); e != nil {
		return e
	}
	return validateText(field, s, max, false)
}

// validateAmount checks an amount fits the storage scale and range, and,
// when nonNegative, that it is not below zero.
func validateAmount(field string, d decimal.Decimal, nonNegative bool) *Error {
	if nonNegative && d.IsNegative() {
		return FieldError(field, CodeOutOfRange, map[string]any{"min": 0})
	}
	if _, err := ToMicros(d); err != nil {
		return FieldError(field, CodeOf(err), map[string]any{"places": StorageScale})
	}
	return nil
}

// ValidateEmail accepts an empty address or one plain address such as
// "billing@example.com" (no display name, no list).
func ValidateEmail(field, email string) *Error {
	if email == "" {
		return nil
	}
	if e := validateText(field, email, MaxShortTextLen, false); e != nil {
		return e
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || addr.Name != "" || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return FieldError(field, CodeInvalid, map[string]any{"email": true})
	}
	return nil
}

// validatePhone accepts digits, spaces and + - ( ) . / only.
func validatePhone(field, phone string) *Error {
	if strings.IndexFunc(phone, func(r rune) bool {
		return !(r >= '0' && r <= '9' || strings.ContainsRune(" +-()./", r))
	}) >= 0 {
		return FieldError(field, CodeInvalidChars, map[string]any{"phone": true})
	}
	return validateText(field, phone, MaxPhoneLen, false)
}
