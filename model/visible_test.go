package model

import (
	"errors"
	"testing"
	"time"
)

func TestVisibleText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Plain", "Plain"},
		{"abc\u202Edcb", "abc⟨U+202E⟩dcb"},
		{"a\u200Bb\uFEFF", "a⟨U+200B⟩b⟨U+FEFF⟩"},
		{"\u2066x\u2069", "⟨U+2066⟩x⟨U+2069⟩"},
		{"tab\there", "tab⟨U+0009⟩here"},
		{"Zürich 東京", "Zürich 東京"},
	}
	for _, c := range cases {
		if got := VisibleText(c.in); got != c.want {
			t.Errorf("VisibleText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestInvisibleRefused(t *testing.T) {
	bad := []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
		0x200E, 0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD}
	for _, r := range bad {
		s := "Acme" + string(r) + "Tel"
		if e := ValidateName("name", s); e == nil || e.Code != CodeInvisibleChars {
			t.Errorf("ValidateName(%q) = %v, want %s", s, e, CodeInvisibleChars)
		}
		if e := ValidateLogin("web_login", "ab"+string(r)+"c"); e == nil || e.Code != CodeInvisibleChars {
			t.Errorf("ValidateLogin with U+%04X = %v", r, e)
		}
	}
	in := CustomerInput{Name: "Acme", TariffID: 1, TimeZone: "UTC", WebLogin: "acme", Language: "en",
		Company: "Ac\u202Eme", Contact: "Jo\u200Bhn"}
	es := FieldErrors(in.Validate(false))
	for _, field := range []string{"company", "contact"} {
		if e := es.For(field); e == nil || e.Code != CodeInvisibleChars || e.Params["char"] == nil {
			t.Errorf("%s: %v, want %s with the character", field, e, CodeInvisibleChars)
		}
	}
	acc := AccountInput{Username: "card\u2060one", Currency: "USD"}
	if e := FieldErrors(acc.Validate(false)).For("username"); e == nil || e.Code != CodeInvisibleChars {
		t.Errorf("account username: %v", e)
	}
	tariff := TariffInput{Name: "Cheap\u200F", Currency: "USD"}
	if err := tariff.Validate(); !errors.Is(err, &Error{Code: CodeInvisibleChars, Field: "name"}) &&
		FieldErrors(err).For("name") == nil {
		t.Errorf("tariff name: %v", err)
	} else if e := FieldErrors(err).For("name"); e.Code != CodeInvisibleChars {
		t.Errorf("tariff name: %v", e)
	}
	// Visible text in other scripts stays allowed.
	if e := ValidateName("name", "Zürich Телеком 東京 ١٢٣"); e != nil {
		t.Errorf("ordinary name refused: %v", e)
	}
}

func TestSignInDelay(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		failures int
		ago      time.Duration
		want     time.Duration
	}{
		{MaxFreeFailures - 1, 0, 0},
		{MaxFreeFailures, 0, time.Second},
		{MaxFreeFailures + 1, 500 * time.Millisecond, 1500 * time.Millisecond},
		{MaxFreeFailures + 3, 0, 8 * time.Second},
		{MaxFreeFailures + 30, 0, MaxWait},
		{MaxFreeFailures + 30, MaxWait, 0},
	}
	for _, c := range cases {
		if got := SignInWait(c.failures, now.Add(-c.ago), now); got != c.want {
			t.Errorf("SignInWait(%d, %v ago) = %v, want %v", c.failures, c.ago, got, c.want)
		}
	}
}
