package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func validRoot() RootInput {
	return RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "Europe/Berlin"}
}

func TestRootInputValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*RootInput)
		field  string
		code   Code
	}{
		{"valid", func(*RootInput) {}, "", ""},
		{"empty name", func(in *RootInput) { in.Name = "" }, "name", CodeRequired},
		{"long name", func(in *RootInput) { in.Name = strings.Repeat("x", 101) }, "name", CodeTooLong},
		{"100 runes of emoji is fine", func(in *RootInput) { in.Name = strings.Repeat("📞", 100) }, "", ""},
		{"control char", func(in *RootInput) { in.Name = "a\x00b" }, "name", CodeInvalidChars},
		{"invalid utf8", func(in *RootInput) { in.Name = "a\xffb" }, "name", CodeInvalidChars},
		{"rtl name", func(in *RootInput) { in.Name = "שלום" }, "", ""},
		{"quotes and sql", func(in *RootInput) { in.Name = `O'Brien"; DROP TABLE customers; --` }, "", ""},
		{"empty login", func(in *RootInput) { in.WebLogin = "" }, "web_login", CodeRequired},
		{"short login", func(in *RootInput) { in.WebLogin = "ab" }, "web_login", CodeTooShort},
		{"long login", func(in *RootInput) { in.WebLogin = strings.Repeat("a", 65) }, "web_login", CodeTooLong},
		{"login with space", func(in *RootInput) { in.WebLogin = "a b c" }, "web_login", CodeInvalidChars},
		{"login with email chars", func(in *RootInput) { in.WebLogin = "a.b_c-d@e" }, "", ""},
		{"short password", func(in *RootInput) { in.Password, in.PasswordAgain = "1234567", "1234567" }, "password", CodeTooShort},
		{"mismatch", func(in *RootInput) { in.PasswordAgain = "something else" }, "password_again", CodeMismatch},
		{"no language", func(in *RootInput) { in.Language = "" }, "language", CodeRequired},
		{"unknown language", func(in *RootInput) { in.Language = "xx" }, "language", CodeUnknownLang},
		{"unknown zone", func(in *RootInput) { in.TimeZone = "Mars/Olympus" }, "time_zone", CodeUnknownZone},
		{"Local zone", func(in *RootInput) { in.TimeZone = "Local" }, "time_zone", CodeUnknownZone},
		{"path zone", func(in *RootInput) { in.TimeZone = "../../etc/passwd" }, "time_zone", CodeUnknownZone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validRoot()
			tt.change(&in)
			err := in.Validate()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			e := FieldErrors(err).For(tt.field)
			if e == nil || e.Code != tt.code {
				t.Fatalf("want %s on %s, got %v", tt.code, tt.field, err)
			}
		})
	}
}

func TestValidateReportsEveryField(t *testing.T) {
	err := RootInput{}.Validate()
	for _, f := range []string{"name", "web_login", "password", "language", "time_zone"} {
		if FieldErrors(err).For(f) == nil {
			t.Errorf("no error for %s in %v", f, err)
		}
	}
}

func TestMicros(t *testing.T) {
	tests := []struct {
		in      string
		micros  int64
		errCode Code
	}{
		{"0", 0, ""},
		{"1", 1_000_000, ""},
		{"-12.345678", -12_345_678, ""},
		{"0.000001", 1, ""},
		{"0.0000001", 0, CodeTooPrecise},
		{"9000000000", 9_000_000_000_000_000, ""},
		{"9000000000.000001", 0, CodeOutOfRange},
		{"-9000000001", 0, CodeOutOfRange},
	}
	for _, tt := range tests {
		d := decimal.RequireFromString(tt.in)
		got, err := ToMicros(d)
		if tt.errCode != "" {
			if CodeOf(err) != tt.errCode {
				t.Errorf("%s: want %s, got %v", tt.in, tt.errCode, err)
			}
			continue
		}
		if err != nil || got != tt.micros {
			t.Errorf("%s: got %d, %v; want %d", tt.in, got, err, tt.micros)
		}
		if back := FromMicros(got); !back.Equal(d) {
			t.Errorf("%s: round trip gave %s", tt.in, back)
		}
	}
}

func TestRoundToStorageIsHalfEven(t *testing.T) {
	for in, want := range map[string]string{
		"0.0000005": "0", "0.0000015": "0.000002", "0.0000025": "0.000002", "-0.0000025": "-0.000002",
	} {
		if got := RoundToStorage(decimal.RequireFromString(in)); !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
}

func TestCurrency(t *testing.T) {
	// Minor units are ISO 4217's, not CLDR's display digits (CLDR shows
	// IDR, COP, PKR and IQD with none).
	for _, tt := range []struct {
		code   string
		want   Currency
		places int32
	}{
		{"usd", "USD", 2}, {"EUR", "EUR", 2}, {" jpy ", "JPY", 0}, {"KWD", "KWD", 3},
		{"IDR", "IDR", 2}, {"COP", "COP", 2}, {"PKR", "PKR", 2}, {"IQD", "IQD", 3},
		{"ISK", "ISK", 0}, {"BHD", "BHD", 3}, {"KRW", "KRW", 0},
		// In use since 2017, unknown to golang.org/x/text's tables.
		{"VES", "VES", 2}, {"ZWG", "ZWG", 2}, {"MRU", "MRU", 2}, {"SLE", "SLE", 2},
		{"XCG", "XCG", 2}, {"STN", "STN", 2},
	} {
		c, err := ParseCurrency(tt.code)
		if err != nil || c != tt.want {
			t.Errorf("ParseCurrency(%q) = %q, %v; want %s", tt.code, c, err, tt.want)
			continue
		}
		if !c.Current() || !slices.Contains(Currencies(), c) {
			t.Errorf("%s is not offered", c)
		}
		if c.MinorUnits() != tt.places {
			t.Errorf("%s: %d places, want %d", c, c.MinorUnits(), tt.places)
		}
	}
	for _, bad := range []string{
		"", "US", "USDX", "ZZZ", "12$",
		"HRK", "BGN", "VEF", "MRO", "SLL", "CUC", "ANG", "ZWL", "DEM", // withdrawn
		"CLF", "UYW", "BOV", "USN", "XAD", "XDR", "XAU", "XTS", "XXX", // no money to hold a balance in
	} {
		if c, err := ParseCurrency(bad); err == nil {
			t.Errorf("%q accepted as %s", bad, c)
		} else if e := FieldErrors(err).For("currency"); e == nil || e.Code != CodeInvalid {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}

func TestWithdrawnCurrencyInFile(t *testing.T) {
	// A code ISO has withdrawn may still be in a file: it shows with its
	// last minor unit (2 for all an earlier version offered), is not
	// offered, and a tariff may keep it but not take it.
	for _, code := range []Currency{"HRK", "BGN", "VEF", "MRO", "SLL", "CUC", "ANG"} {
		if code.Current() || slices.Contains(Currencies(), code) {
			t.Errorf("%s offered", code)
		}
		if code.MinorUnits() != 2 {
			t.Errorf("%s: %d places, want 2", code, code.MinorUnits())
		}
		in := TariffInput{Name: "Old", Currency: string(code)}
		if err := in.ValidateChange(code); err != nil {
			t.Errorf("a %s tariff cannot keep its currency: %v", code, err)
		}
		for _, was := range []Currency{"", "EUR"} {
			if e := FieldErrors(in.ValidateChange(was)).For("currency"); e == nil || e.Code != CodeInvalid {
				t.Errorf("a tariff in %s may take %s: %v", was, code, e)
			}
		}
		if e := FieldErrors(in.Validate()).For("currency"); e == nil || e.Code != CodeInvalid {
			t.Errorf("a new tariff may take %s", code)
		}
	}
	// Keeping the old code is no way around the form of a code.
	if err := (TariffInput{Name: "Odd", Currency: "h1"}).ValidateChange("h1"); FieldErrors(err).For("currency") == nil {
		t.Error("a malformed kept code passed")
	}
	// A withdrawn tariff may move to a current currency.
	if err := (TariffInput{Name: "New", Currency: "EUR"}).ValidateChange("HRK"); err != nil {
		t.Errorf("HRK tariff to EUR: %v", err)
	}
}

func TestCurrencies(t *testing.T) {
	list := Currencies()
	if len(list) < 150 || !slices.IsSorted(list) || len(slices.Compact(slices.Clone(list))) != len(list) {
		t.Fatalf("Currencies() = %d codes, sorted %v: %v", len(list), slices.IsSorted(list), list)
	}
	for _, c := range list {
		if _, err := ParseCurrency(string(c)); err != nil {
			t.Errorf("%s offered but refused", c)
		}
		if p := c.MinorUnits(); p < 0 || p > 3 {
			t.Errorf("%s: %d places", c, p)
		}
	}
	list[0] = "ZZZ"
	if Currencies()[0] == "ZZZ" {
		t.Error("Currencies() returns a shared slice")
	}
}

func TestPassword(t *testing.T) {
	h, err := HashPassword("s3cret pass")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h, "s3cret") || !strings.HasPrefix(h, "$argon2id$") {
		t.Fatalf("bad hash %q", h)
	}
	if !CheckPassword(h, "s3cret pass") {
		t.Error("right password refused")
	}
	if CheckPassword(h, "s3cret pasS") {
		t.Error("wrong password accepted")
	}
	h2, err := HashPassword("s3cret pass")
	if err != nil {
		t.Fatal(err)
	}
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2id$", "plain", h[:len(h)-5] + "!!!!!"} {
		if CheckPassword(bad, "s3cret pass") {
			t.Errorf("malformed hash %q matched", bad)
		}
	}
}

func TestErrorsIs(t *testing.T) {
	err := error(FieldError("name", CodeDuplicate, nil))
	if !errors.Is(err, &Error{Code: CodeDuplicate}) {
		t.Error("errors.Is by code failed")
	}
	if errors.Is(err, ErrNotFound) {
		t.Error("duplicate matched not found")
	}
	if CodeOf(errors.New("x")) != CodeStorageFailure {
		t.Error("plain error has a model code")
	}
}

func TestRights(t *testing.T) {
	if !AllRights.Has(RightMaintenance | RightExchangeRates) {
		t.Error("AllRights lacks a right")
	}
	if RightCustomersAdd.Has(RightCustomersAdd | RightCustomersEdit) {
		t.Error("one right has two")
	}
}

func TestSignInDelaySequence(t *testing.T) {
	for i := 1; i < MaxFreeFailures; i++ {
		if w := SignInDelay(i); w != 0 {
			t.Fatalf("after %d failures: wait %s", i, w)
		}
	}
	want := []time.Duration{1, 2, 4, 8, 16, 32, 60, 60}
	for i, w := range want {
		if got := SignInDelay(MaxFreeFailures + i); got != w*time.Second {
			t.Fatalf("failure %d: wait %s, want %s", MaxFreeFailures+i, got, w*time.Second)
		}
	}
}

func FuzzValidateLogin(f *testing.F) {
	for _, seed := range []string{"owner", "a.b_c-d@e", "ab", "", " x ", "\x00abc", "логин", "a\u202eb", strings.Repeat("a", 65)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, login string) {
		e := ValidateLogin("web_login", login)
		if e == nil {
			// What passes is plain ASCII of the allowed characters, 3 to 64 long.
			if len(login) < MinLoginLen || len(login) > MaxLoginLen || strings.IndexFunc(login, func(r rune) bool { return !isLoginRune(r) }) >= 0 {
				t.Fatalf("%q accepted", login)
			}
		} else if e.Field != "web_login" {
			t.Fatalf("%q: error about %q", login, e.Field)
		}
		if Key(login) != Key(Key(login)) {
			t.Fatalf("%q: Key is not stable", login)
		}
	})
}
