package model

import (
	"strings"
	"testing"
	"time"
)

// TestVoucherCheckDigit makes codes and checks that every single wrong
// digit and every swap of two different neighbours is told apart.
func TestVoucherCheckDigit(t *testing.T) {
	for n := range 200 {
		secret, err := NewVoucherSecret()
		if err != nil || len(secret) != VoucherSecretDigits {
			t.Fatalf("secret %q, %v", secret, err)
		}
		serial := int64(n*7919 + 1)
		code := MakeVoucherCode(serial, secret)
		if len(code) != VoucherDigits+VoucherDigits/4-1 || strings.Count(code, "-") != VoucherDigits/4-1 {
			t.Fatalf("code %q is not in groups of four", code)
		}
		gotSerial, gotSecret, err := ParseVoucherCode(" " + strings.ReplaceAll(code, "-", " ") + " ")
		if err != nil || gotSerial != serial || gotSecret != secret {
			t.Fatalf("%q reads as %d %q %v", code, gotSerial, gotSecret, err)
		}
		digits := []byte(strings.ReplaceAll(code, "-", ""))
		for i := range digits {
			for d := byte('0'); d <= '9'; d++ {
				if d == digits[i] {
					continue
				}
				wrong := append([]byte{}, digits...)
				wrong[i] = d
				if _, _, err := ParseVoucherCode(string(wrong)); CodeOf(err) != CodeMismatch {
					t.Fatalf("%s with digit %d as %c: %v", code, i, d, err)
				}
			}
			if i+1 < len(digits) && digits[i] != digits[i+1] {
				wrong := append([]byte{}, digits...)
				wrong[i], wrong[i+1] = wrong[i+1], wrong[i]
				if _, _, err := ParseVoucherCode(string(wrong)); CodeOf(err) != CodeMismatch {
					t.Fatalf("%s with digits %d and %d swapped: %v", code, i, i+1, err)
				}
			}
		}
	}
	for _, bad := range []string{"", "1234", "1234-5678-9012-3456-7890-1234-567x", strings.Repeat("1", VoucherDigits+1)} {
		if _, _, err := ParseVoucherCode(bad); CodeOf(err) != CodeInvalid {
			t.Fatalf("%q: %v", bad, err)
		}
	}
}

// TestVoucherSecretsSpread checks that each digit of the secrets is drawn
// from all ten values, roughly evenly.
func TestVoucherSecretsSpread(t *testing.T) {
	var counts [10]int
	for range 2000 {
		s, err := NewVoucherSecret()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range s {
			counts[c-'0']++
		}
	}
	for d, n := range counts {
		if n < 3300 || n > 4300 { // 38,000 digits: 3,800 each expected
			t.Fatalf("digit %d drawn %d times: %v", d, n, counts)
		}
	}
}

func TestVoucherBatchCounts(t *testing.T) {
	now := time.Now()
	b := VoucherBatch{Count: 10, Used: 3, Void: 2, ExpiresAt: now.Add(time.Hour)}
	b.SetCounts(now)
	if b.Unused != 5 || b.Expired != 0 {
		t.Fatalf("%+v", b)
	}
	b.SetCounts(now.Add(time.Hour))
	if b.Unused != 0 || b.Expired != 5 {
		t.Fatalf("%+v", b)
	}
	hash, err := HashVoucherSecret("1234567890123456789")
	if err != nil || !CheckPassword(hash, "1234567890123456789") || CheckPassword(hash, "1234567890123456788") ||
		strings.Contains(hash, "1234567890123456789") {
		t.Fatalf("hash %q, %v", hash, err)
	}
}

// BenchmarkHashVoucherSecret is the cost of one guess at a stolen file:
// one Argon2id of a secret with its voucher's salt.
func BenchmarkHashVoucherSecret(b *testing.B) {
	hash, err := HashVoucherSecret("1234567890123456789")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		CheckPassword(hash, "1234567890123456788")
	}
}
