package i18n

import (
	"os"
	"strings"

	"golang.org/x/text/language"
)

// Lang is a BCP 47 language tag in text form, such as "en" or "pt-BR".
type Lang string

// Names for the languages the program itself refers to. The languages
// offered are the files in locales/, whether or not they have a name here.
const (
	English           Lang = "en"
	Spanish           Lang = "es"
	PortugueseBR      Lang = "pt-BR"
	French            Lang = "fr"
	German            Lang = "de"
	Russian           Lang = "ru"
	ChineseSimplified Lang = "zh-Hans"
)

// Supported lists the languages in the order they are offered to users:
// one per file in locales/, English first (it is the fallback for
// everything), then the others by tag.
var Supported = func() []Lang {
	langs := make([]Lang, len(locales))
	for i, loc := range locales {
		langs[i] = loc.lang
	}
	return langs
}()

// supportedTags is Supported as language tags, in the same order, so that an
// index returned by the matcher is also an index into Supported.
var supportedTags = func() []language.Tag {
	tags := make([]language.Tag, len(Supported))
	for i, l := range Supported {
		tags[i] = language.MustParse(string(l))
	}
	return tags
}()

var matcher = language.NewMatcher(supportedTags)

// Tag returns l as a language tag; text that does not parse gives language.Und.
func (l Lang) Tag() language.Tag {
	return language.Make(string(l))
}

// NativeName returns the language's name in that language (its file's
// "name"), for a language picker. For a language that is not supported it returns l itself.
func (l Lang) NativeName() string {
	if loc := localeOf(l); loc != nil {
		return loc.file.Name
	}
	return string(l)
}

// Parse returns the supported language whose tag text equals s, ignoring
// case and surrounding spaces ("pt-br" gives PortugueseBR). It does no
// matching: use Match for OS locales or near matches.
func Parse(s string) (Lang, bool) {
	s = strings.TrimSpace(s)
	for _, l := range Supported {
		if strings.EqualFold(s, string(l)) {
			return l, true
		}
	}
	return "", false
}

// Match returns the supported language that best fits the preferences, most
// preferred first. A preference may be a BCP 47 tag ("de-CH") or an OS
// locale ("de_DE.UTF-8", "pt_BR", "sr_RS@latin"); "C", "POSIX", empty and
// unparsable entries are skipped, and a GNU LANGUAGE list ("de:en") counts as
// several preferences. When nothing fits, Match returns English. It never
// fails and never logs.
func Match(preferred ...string) Lang {
	var tags []language.Tag
	for _, p := range preferred {
		for _, part := range strings.Split(p, ":") {
			if t, ok := parseLocale(part); ok {
				tags = append(tags, t)
			}
		}
	}
	if len(tags) == 0 {
		return English
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No || i < 0 || i >= len(Supported) {
		return English
	}
	return Supported[i]
}

// parseLocale turns a BCP 47 tag or a POSIX locale name into a tag.
func parseLocale(s string) (language.Tag, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i] // drop ".UTF-8" codeset and "@euro" modifier
	}
	if s == "" || s == "C" || s == "POSIX" {
		return language.Und, false
	}
	t, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil || t == language.Und {
		return language.Und, false
	}
	return t, true
}

// FromEnvironment matches the first non-empty of $LC_ALL, $LC_MESSAGES and
// $LANG, as the C library does; with none set (as on Windows) it returns
// English.
func FromEnvironment() Lang {
	return fromEnv(os.Getenv)
}

func fromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return Match(v)
		}
	}
	return English
}

// supported maps any Lang to a supported one: exact text first, then Match.
func (l Lang) supported() Lang {
	if s, ok := Parse(string(l)); ok {
		return s
	}
	return Match(string(l))
}
