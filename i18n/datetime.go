package i18n

import (
	"strings"
	"time"
)

// dateTimeLayout gives the language's usual numeric date and 24-hour time
// (its file's "dateTimeLayout"), English's for a language without one.
func dateTimeLayout(l Lang) string {
	for _, loc := range []*locale{localeOf(l), localeOf(English)} {
		if loc != nil && loc.file.DateTimeLayout != "" {
			return loc.file.DateTimeLayout
		}
	}
	return "2006-01-02 15:04"
}

// DateTime formats tm as seen in loc (UTC when loc is nil) in the language's
// usual numeric order, to the minute.
func (t *Translator) DateTime(tm time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return tm.In(loc).Format(t.layout)
}

// DatePattern returns how a date is written in t's language ("TT.MM.JJJJ"
// in German; its file's "datePattern"), for the hints of date fields: the
// date part of the language's layout spelt the way a form hint does in that
// language, so a date field can say what ParseDate accepts besides
// YYYY-MM-DD.
func (t *Translator) DatePattern() string {
	for _, loc := range []*locale{localeOf(t.lang), localeOf(English)} {
		if loc != nil && loc.file.DatePattern != "" {
			return loc.file.DatePattern
		}
	}
	return "YYYY-MM-DD"
}

// Date formats the day of tm as seen in loc (UTC when loc is nil) in the
// language's usual order, as ParseDate reads it back.
func (t *Translator) Date(tm time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return tm.In(loc).Format(dateLayout(t.lang))
}

// dateLayout is the date part of the language's layout.
func dateLayout(l Lang) string { return strings.Fields(dateTimeLayout(l))[0] }

// ParseDate reads a date typed in the language's usual order ("31.03.2026"
// in German, "31/03/2026" in French) or as ISO 8601 ("2026-03-31"), which
// every language accepts, and returns the start of that day in loc.
func (t *Translator) ParseDate(text string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	d, err := time.ParseInLocation("2006-01-02", text, loc)
	if err != nil {
		d, err = time.ParseInLocation(dateLayout(t.lang), text, loc)
	}
	return d, err
}
