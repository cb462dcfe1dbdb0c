package model

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// A voucher code is VoucherDigits decimal digits, shown in groups of four:
//
//	SSSS-SSSS-XXXX-XXXX-XXXX-XXXX-XXXC
//
// S is the serial (VoucherSerialDigits digits) that finds the voucher's row;
// X is the secret (VoucherSecretDigits digits from crypto/rand, about 63
// bits), which the file keeps only as a salted Argon2id hash; C is a Damm
// check digit over all the others, so a mistyped code (any one digit wrong,
// any two neighbours swapped) is told apart from a wrong one without
// looking anything up. docs/vouchers.md works through why a stolen file
// yields no spendable code.
const (
	VoucherSerialDigits = 8
	VoucherSecretDigits = 19
	VoucherDigits       = VoucherSerialDigits + VoucherSecretDigits + 1
	// MaxVoucherSerial is the highest serial a code can carry.
	MaxVoucherSerial = 99_999_999
	// MaxVouchers bounds one batch.
	MaxVouchers = 100_000
	// MaxVoucherLabelLen bounds a batch's label; MaxVoidReasonLen a void's reason.
	MaxVoucherLabelLen = 100
	MaxVoidReasonLen   = 500
)

// Argon2id cost of a voucher's secret: one pass over 8 KiB, about 40 µs.
// The secret's length, not this cost, is what protects it (see above); the
// cost only keeps each offline guess from being a bare SHA-256.
const (
	voucherTime   = 1
	voucherMemory = 8
)

// dammTable is the quasigroup of order 10 of H. Michael Damm's check digit
// (weakly totally anti-symmetric): it detects every single-digit error
// and every swap of two neighbouring digits.
var dammTable = [10][10]byte{
	{0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
	{7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
	{4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
	{1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
	{6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
	{3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
	{5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
	{8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
	{9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
	{2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}

// DammDigit is the check digit of a string of decimal digits.
func DammDigit(digits string) byte {
	var interim byte
	for i := 0; i < len(digits); i++ {
		interim = dammTable[interim][digits[i]-'0']
	}
	return '0' + interim
}

// VoucherCode is a code as made: its serial and the full code in groups.
type VoucherCode struct {
	Serial int64
	Code   string // "1234-5678-…", shown and exported this once
}

// NewVoucherSecret draws a secret of VoucherSecretDigits uniform decimal
// digits from crypto/rand.
func NewVoucherSecret() (string, error) {
	// 10^19 < 2^64: draw 64 bits, refusing the top of the range that would
	// make low numbers likelier.
	const space = 10_000_000_000_000_000_000
	const limit = ^uint64(0) - ^uint64(0)%space
	var b [8]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			return "", fmt.Errorf("voucher secret: %w", err)
		}
		if n := binary.LittleEndian.Uint64(b[:]); n < limit {
			return fmt.Sprintf("%0*d", VoucherSecretDigits, n%space), nil
		}
	}
}

// MakeVoucherCode writes a serial and a secret as a code in groups, with
// its check digit.
func MakeVoucherCode(serial int64, secret string) string {
	digits := fmt.Sprintf("%0*d%s", VoucherSerialDigits, serial, secret)
	digits += string(DammDigit(digits))
	return GroupVoucherDigits(digits)
}

// GroupVoucherDigits puts a dash after every four digits.
func GroupVoucherDigits(digits string) string {
	var sb strings.Builder
	for i := 0; i < len(digits); i += 4 {
		if i > 0 {
			sb.WriteByte('-')
		}
		sb.WriteString(digits[i:min(i+4, len(digits))])
	}
	return sb.String()
}

// HashVoucherSecret hashes a voucher's secret with a salt of its own;
// CheckPassword checks it.
func HashVoucherSecret(secret string) (string, error) {
	return hashArgon2id(secret, voucherTime, voucherMemory)
}

// ParseVoucherCode reads a typed code: spaces and dashes anywhere are
// ignored. A code that is not VoucherDigits digits is CodeInvalid on
// "code" (Params "digits": VoucherDigits); one whose check digit does not
// match is CodeMismatch on "code": a digit was mistyped. Neither says
// anything about whether the voucher exists.
func ParseVoucherCode(typed string) (serial int64, secret string, err error) {
	var sb strings.Builder
	for _, r := range typed {
		switch {
		case r == '-' || r == ' ' || r == '\u00a0' || r == '\t':
		case r >= '0' && r <= '9':
			sb.WriteRune(r)
		default:
			return 0, "", FieldError("code", CodeInvalid, map[string]any{"digits": VoucherDigits})
		}
	}
	digits := sb.String()
	if len(digits) != VoucherDigits {
		return 0, "", FieldError("code", CodeInvalid, map[string]any{"digits": VoucherDigits})
	}
	if DammDigit(digits) != '0' {
		return 0, "", FieldError("code", CodeMismatch, nil)
	}
	for _, c := range digits[:VoucherSerialDigits] {
		serial = serial*10 + int64(c-'0')
	}
	return serial, digits[VoucherSerialDigits : VoucherDigits-1], nil
}

// VoucherBatchInput is what "Accounts → Vouchers… → New batch" asks for.
type VoucherBatchInput struct {
	Count     int
	Value     decimal.Decimal
	Currency  Currency
	ExpiresAt time.Time // the first moment a code no longer works
	Label     string
}

// Normalize trims the text a person types.
func (b *VoucherBatchInput) Normalize() {
	b.Label = strings.TrimSpace(b.Label)
	b.Currency = Currency(strings.ToUpper(strings.TrimSpace(string(b.Currency))))
}

// Validate checks every field and returns all problems at once; now is
// the time the expiry must come after.
func (b VoucherBatchInput) Validate(now time.Time) error {
	var es Errors
	add := func(e *Error) {
		if e != nil {
			es = append(es, e)
		}
	}
	if b.Count < 1 || b.Count > MaxVouchers {
		add(FieldError("count", CodeOutOfRange, map[string]any{"min": 1, "max": MaxVouchers}))
	}
	if !b.Value.IsPositive() {
		add(FieldError("value", CodeOutOfRange, map[string]any{"min": 0}))
	} else {
		add(validateAmount("value", b.Value, true))
	}
	add(validateCurrencyCode("currency", b.Currency))
	if b.ExpiresAt.IsZero() {
		add(FieldError("expires", CodeRequired, nil))
	} else if !b.ExpiresAt.After(now) {
		add(FieldError("expires", CodeOutOfRange, nil))
	}
	add(validateText("label", b.Label, MaxVoucherLabelLen, false))
	return es.Err()
}

// VoucherBatch is one batch with its counts.
type VoucherBatch struct {
	ID                      ID
	CustomerID              ID // the issuer: only accounts in its subtree may redeem
	Label                   string
	Count                   int
	Value                   Money
	ExpiresAt               time.Time
	CreatedAt               time.Time
	FirstSerial, LastSerial int64
	Used, Void              int
	// Expired are the codes neither used nor void past the expiry; Unused
	// those still redeemable.
	Expired, Unused int
}

// UsedValue and UnusedValue are the face values of the used and the still
// redeemable codes, in the batch's currency.
func (b VoucherBatch) UsedValue() decimal.Decimal {
	return b.Value.Amount.Mul(decimal.NewFromInt(int64(b.Used)))
}

// UnusedValue is the face value of the codes that can still be redeemed.
func (b VoucherBatch) UnusedValue() decimal.Decimal {
	return b.Value.Amount.Mul(decimal.NewFromInt(int64(b.Unused)))
}

// SetCounts works out Expired and Unused from Used, Void and the time.
func (b *VoucherBatch) SetCounts(now time.Time) {
	left := b.Count - b.Used - b.Void
	b.Expired, b.Unused = 0, left
	if !now.Before(b.ExpiresAt) {
		b.Expired, b.Unused = left, 0
	}
}

// VoucherRedemption is one code of a batch redeemed: onto which account,
// when, and what was booked in the account's currency.
type VoucherRedemption struct {
	Serial    int64
	AccountID ID
	Username  string // empty when the account is outside the viewer's subtree
	At        time.Time
	Booked    Money
	EntryID   ID
}

// VoucherWait is how long an account with failures wrong voucher codes in
// a row, the last at last, must still wait at now: after MaxFreeFailures
// wrong codes each further try waits 1 s, 2 s, 4 s … up to MaxWait, as for
// sign-in (SignInDelay).
func VoucherWait(failures int, last, now time.Time) time.Duration {
	return SignInWait(failures, last, now)
}
