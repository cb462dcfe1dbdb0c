// Package i18n provides language matching, translations, and locale-aware
// formatting of numbers, money and times for Branchbook: it picks one of the
// Supported languages from user or OS preferences (Match, FromEnvironment),
// translates UI strings through a golang.org/x/text/message catalog built
// from the embedded data files locales/<tag>.json, one per language, with
// plurals by CLDR category (Translator.T; the format is described in
// locales.go and docs/translations.md), formats and parses exact decimal
// amounts with the language's separators without ever going through float64
// (Translator.Decimal, Translator.Money, Translator.ParseDecimal), and
// formats times and lists, searches and labels IANA time zones
// (Translator.DateTime, Zones, SearchZones, ZoneLabel, LocalZone).
//
// The set of languages is the set of files: adding locales/<tag>.json adds
// a language (and its name, date layout and money order) without Go code.
package i18n
