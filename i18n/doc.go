// Package i18n provides language matching, translations, and locale-aware
// formatting of numbers, money and times for Branchbook: it picks one of the
// Supported languages from user or OS preferences (Match, FromEnvironment),
// translates UI strings through a golang.org/x/text/message catalog built
// from the table in messages.go (Translator.T), formats and parses exact
// decimal amounts with the language's separators without ever going through
// float64 (Translator.Decimal, Translator.Money, Translator.ParseDecimal),
// and formats times and lists, searches and labels IANA time zones
// (Translator.DateTime, Zones, SearchZones, ZoneLabel, LocalZone).
package i18n
