package i18n

import (
	"strings"
	"time"
)

// dateTimeLayouts gives each language its usual numeric date and 24-hour time.
var dateTimeLayouts = map[Lang]string{
	English:           "2006-01-02 15:04",
	Spanish:           "02/01/2006 15:04",
	PortugueseBR:      "02/01/2006 15:04",
	French:            "02/01/2006 15:04",
	German:            "02.01.2006 15:04",
	Russian:           "02.01.2006 15:04",
	ChineseSimplified: "2006-01-02 15:04",
}

func dateTimeLayout(l Lang) string {
	if layout, ok := dateTimeLayouts[l]; ok {
		return layout
	}
	return dateTimeLayouts[English]
}

// DateTime formats tm as seen in loc (UTC when loc is nil) in the language's
// usual numeric order, to the minute.
func (t *Translator) DateTime(tm time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return tm.In(loc).Format(t.layout)
}

// datePatterns spell each language's date order (the date part of
// dateTimeLayouts) the way a form hint does in that language, so a date
// field can say what ParseDate accepts besides YYYY-MM-DD.
var datePatterns = map[Lang]string{
	English:           "YYYY-MM-DD",
	Spanish:           "DD/MM/AAAA",
	PortugueseBR:      "DD/MM/AAAA",
	French:            "JJ/MM/AAAA",
	German:            "TT.MM.JJJJ",
	Russian:           "ДД.ММ.ГГГГ",
	ChineseSimplified: "年-月-日",
}

// DatePattern returns how a date is written in t's language ("TT.MM.JJJJ"
// in German), for the hints of date fields.
func (t *Translator) DatePattern() string {
	if p, ok := datePatterns[t.lang]; ok {
		return p
	}
	return datePatterns[English]
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
