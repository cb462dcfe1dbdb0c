package model

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Account is one end user of a customer: a prepaid card, a phone, a port of
// a device. It has a balance and a ledger of its own, in its own currency.
type Account struct {
	ID           ID
	CustomerID   ID
	CustomerName string
	Username     string
	Description  string
	Currency     Currency
	TariffID     ID     // 0: no tariff, its calls are unrated (no_tariff)
	TariffName   string // for display
	Balance      decimal.Decimal
	CreditLimit  decimal.Decimal
	Blocked      bool
	ExpiresAt    time.Time // zero: never expires
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Available is how much the account may still spend: balance plus credit
// limit.
func (a Account) Available() decimal.Decimal { return a.Balance.Add(a.CreditLimit) }

// Expired reports whether the account's expiry has come at now.
func (a Account) Expired(now time.Time) bool {
	return !a.ExpiresAt.IsZero() && !now.Before(a.ExpiresAt)
}

// MaxAccountDescriptionLen bounds an account's description.
const MaxAccountDescriptionLen = MaxShortTextLen

// AccountInput is what the Add and Adjust account forms ask for. Balance is
// the opening balance, read only when the account is created.
type AccountInput struct {
	Username      string
	Password      string // when adjusting, empty keeps the old password
	PasswordAgain string
	Description   string
	Currency      Currency
	// TariffID is one the customer may use, in Currency. 0 on a new
	// account: the store picks the customer's tariff when its currency
	// agrees (else the one usable tariff in Currency, if exactly one);
	// 0 on an update keeps the account's tariff.
	TariffID    ID
	Balance     decimal.Decimal
	CreditLimit decimal.Decimal
	Blocked     bool
	ExpiresAt   time.Time // zero: never
}

// Normalize trims the text fields a person types.
func (in *AccountInput) Normalize() {
	in.Username = strings.TrimSpace(in.Username)
	in.Description = strings.TrimSpace(in.Description)
	in.Currency = Currency(strings.ToUpper(strings.TrimSpace(string(in.Currency))))
}

// Validate checks every field and returns all problems at once. creating
// says whether this is a new account (the password is then required).
func (in AccountInput) Validate(creating bool) error {
	var es Errors
	add := func(e *Error) {
		if e != nil {
			es = append(es, e)
		}
	}
	add(ValidateLogin("username", in.Username))
	if creating || in.Password != "" || in.PasswordAgain != "" {
		add(ValidatePassword("password", in.Password))
		if in.Password != in.PasswordAgain && es.For("password") == nil {
			add(FieldError("password_again", CodeMismatch, nil))
		}
	}
	add(validateText("description", in.Description, MaxAccountDescriptionLen, false))
	add(validateCurrencyCode("currency", in.Currency))
	add(validateAmount("balance", in.Balance, false))
	add(validateAmount("credit_limit", in.CreditLimit, true))
	return es.Err()
}

// validateCurrencyCode checks for three capital letters; whether a rate
// exists is the store's question.
func validateCurrencyCode(field string, c Currency) *Error {
	if c == "" {
		return FieldError(field, CodeRequired, nil)
	}
	if !c.wellFormed() {
		return FieldError(field, CodeInvalid, nil)
	}
	return nil
}

// AccountSort is the column an account list is ordered by.
type AccountSort int

// The orders of the Accounts tab.
const (
	SortByUsername AccountSort = iota
	SortByBalance
	SortByExpiry
)

// AccountQuery asks for one page of a customer's accounts.
type AccountQuery struct {
	Prefix string // usernames starting with this (case-insensitive); empty for all
	Sort   AccountSort
	Desc   bool
	Offset int
	Limit  int
}

// AccountPage is one page of accounts and how many match in all.
type AccountPage struct {
	Accounts []Account
	Total    int
}

// Limits of a batch of prepaid cards.
const (
	MaxCards      = 100_000
	MinCardDigits = 1
	MaxCardDigits = 12
	MinPINLength  = 4
	MaxPINLength  = 32
)

// CardBatch is what "Accounts → Generate…" asks for: Count accounts named
// Prefix followed by Digits digits, each with a random PIN of PINLength
// digits, the same opening balance, currency and expiry.
type CardBatch struct {
	Count       int
	Prefix      string
	Digits      int
	PINLength   int
	Description string
	Currency    Currency
	TariffID    ID // 0: the customer's tariff when in Currency
	Balance     decimal.Decimal
	ExpiresAt   time.Time // zero: never
}

// Normalize trims the text fields a person types.
func (b *CardBatch) Normalize() {
	b.Prefix = strings.TrimSpace(b.Prefix)
	b.Description = strings.TrimSpace(b.Description)
	b.Currency = Currency(strings.ToUpper(strings.TrimSpace(string(b.Currency))))
}

// Validate checks every field and returns all problems at once. Usernames
// follow the web login rules, so the prefix and digits together must make
// one.
func (b CardBatch) Validate() error {
	var es Errors
	add := func(e *Error) {
		if e != nil {
			es = append(es, e)
		}
	}
	if b.Count < 1 || b.Count > MaxCards {
		add(FieldError("count", CodeOutOfRange, map[string]any{"min": 1, "max": MaxCards}))
	}
	if b.Digits < MinCardDigits || b.Digits > MaxCardDigits {
		add(FieldError("digits", CodeOutOfRange, map[string]any{"min": MinCardDigits, "max": MaxCardDigits}))
	} else if b.Count >= 1 && b.Count > maxSerials(b.Digits) {
		add(FieldError("digits", CodeOutOfRange, map[string]any{"count": b.Count}))
	}
	if HasInvisible(b.Prefix) {
		add(ValidateVisible("prefix", b.Prefix))
	} else if strings.IndexFunc(b.Prefix, func(r rune) bool { return !isLoginRune(r) }) >= 0 {
		add(FieldError("prefix", CodeInvalidChars, nil))
	} else if es.For("digits") == nil {
		if n := len(b.Prefix) + b.Digits; n < MinLoginLen {
			add(FieldError("prefix", CodeTooShort, map[string]any{"min": MinLoginLen - b.Digits}))
		} else if n > MaxLoginLen {
			add(FieldError("prefix", CodeTooLong, map[string]any{"max": MaxLoginLen - b.Digits}))
		}
	}
	if b.PINLength < MinPINLength || b.PINLength > MaxPINLength {
		add(FieldError("pin_length", CodeOutOfRange, map[string]any{"min": MinPINLength, "max": MaxPINLength}))
	}
	add(validateText("description", b.Description, MaxAccountDescriptionLen, false))
	add(validateCurrencyCode("currency", b.Currency))
	add(validateAmount("balance", b.Balance, true))
	return es.Err()
}

// maxSerials is how many different numbers digits digits can write.
func maxSerials(digits int) int {
	n := 1
	for range digits {
		if n > MaxCards {
			break
		}
		n *= 10
	}
	return n
}

// Card is one generated prepaid card: its username and the PIN, shown in
// plain text this once; the store keeps only the PIN's hash.
type Card struct {
	ID       ID
	Username string
	PIN      string
}

// DeletedAccount is an archived account that can be restored.
type DeletedAccount struct {
	Account
	DeletedAt time.Time
	DeletedBy string // empty when the deleter is outside the viewer's subtree
}

// Holder names whose ledger an entry is in: a customer's own, or one of the
// accounts of a customer. Exactly one of the two is set.
type Holder struct {
	Customer ID
	Account  ID
}

// CustomerLedger is the holder of a customer's own ledger.
func CustomerLedger(id ID) Holder { return Holder{Customer: id} }

// AccountLedger is the holder of an account's ledger.
func AccountLedger(id ID) Holder { return Holder{Account: id} }

// IsAccount reports whether the holder is an account.
func (h Holder) IsAccount() bool { return h.Account != 0 }
