package i18n

import (
	"testing"

	"golang.org/x/text/language"
)

func TestSupportedTags(t *testing.T) {
	if Supported[0] != English {
		t.Fatalf("Supported[0] = %q, want English first", Supported[0])
	}
	for _, l := range Supported {
		if l.Tag() == language.Und || l.Tag().String() != string(l) {
			t.Errorf("%q.Tag() = %v, want the same text", l, l.Tag())
		}
		if l.NativeName() == string(l) || l.NativeName() == "" {
			t.Errorf("%q has no native name", l)
		}
	}
}

func TestNativeName(t *testing.T) {
	tests := []struct {
		lang Lang
		want string
	}{
		{English, "English"},
		{Spanish, "Español"},
		{PortugueseBR, "Português (Brasil)"},
		{French, "Français"},
		{German, "Deutsch"},
		{Russian, "Русский"},
		{ChineseSimplified, "中文（简体）"},
		{"xx", "xx"},
	}
	for _, tt := range tests {
		if got := tt.lang.NativeName(); got != tt.want {
			t.Errorf("%q.NativeName() = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in     string
		want   Lang
		wantOK bool
	}{
		{"en", English, true},
		{"EN", English, true},
		{"pt-br", PortugueseBR, true},
		{"PT-BR", PortugueseBR, true},
		{" de ", German, true},
		{"zh-hans", ChineseSimplified, true},
		{"pt_BR", "", false},
		{"pt", "", false},
		{"de-DE", "", false},
		{"", "", false},
		{"xx", "", false},
	}
	for _, tt := range tests {
		got, ok := Parse(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		in   []string
		want Lang
	}{
		{nil, English},
		{[]string{""}, English},
		{[]string{"C"}, English},
		{[]string{"C.UTF-8"}, English},
		{[]string{"POSIX"}, English},
		{[]string{"xx"}, English},
		{[]string{"!!not a tag"}, English},
		{[]string{"en_US.UTF-8"}, English},
		{[]string{"en-GB"}, English},
		{[]string{"de_DE.UTF-8"}, German},
		{[]string{"de_AT"}, German},
		{[]string{"de-CH"}, German},
		{[]string{"de-u-rg-dezzzz"}, German},
		{[]string{"de_DE@euro"}, German},
		{[]string{"es_MX.UTF-8"}, Spanish},
		{[]string{"es-419"}, Spanish},
		{[]string{"pt_BR"}, PortugueseBR},
		{[]string{"pt-BR"}, PortugueseBR},
		{[]string{"fr_CA.UTF-8"}, French},
		{[]string{"ru_RU.UTF-8"}, Russian},
		{[]string{"zh_CN.UTF-8"}, ChineseSimplified},
		{[]string{"zh_CN"}, ChineseSimplified},
		{[]string{"zh-Hans-CN"}, ChineseSimplified},
		{[]string{"zh"}, ChineseSimplified},
		{[]string{"xx", "fr"}, French},
		{[]string{"C", "ru_RU"}, Russian},
		{[]string{"de:en"}, German},
		{[]string{"fr", "de"}, French},
		{[]string{"ja_JP.UTF-8"}, English},
	}
	for _, tt := range tests {
		if got := Match(tt.in...); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchReturnsSupported(t *testing.T) {
	for _, in := range []string{"de-u-rg-dezzzz", "de-DE-u-co-phonebk", "en-US-u-va-posix", "pt-BR-u-nu-latn", "zh-CN", "sr-Latn", "i-klingon"} {
		got := Match(in)
		if _, ok := Parse(string(got)); !ok {
			t.Errorf("Match(%q) = %q, not in Supported", in, got)
		}
	}
}

func TestFromEnvironment(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "de_DE.UTF-8"}, German},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, French},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR", "LC_ALL": "ru_RU.UTF-8"}, Russian},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_ALL": "C"}, English},
		{map[string]string{"LANG": "pt_BR.UTF-8", "LC_ALL": ""}, PortugueseBR},
	}
	for _, tt := range tests {
		if got := fromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("fromEnv(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestFromEnvironmentReal(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	if got := FromEnvironment(); got != ChineseSimplified {
		t.Errorf("FromEnvironment() with LANG=zh_CN.UTF-8 = %q, want %q", got, ChineseSimplified)
	}
}
