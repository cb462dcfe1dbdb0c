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

// ParseDate reads a date typed in the language's usual order ("31.03.2026"
// in German, "31/03/2026" in French) or as ISO 8601 ("2026-03-31"), which
// every language accepts, and returns the start of that day in loc.
func (t *Translator) ParseDate(text string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	own := strings.Fields(dateTimeLayout(t.lang))[0]
	d, err := time.ParseInLocation("2006-01-02", text, loc)
	if err != nil {
		d, err = time.ParseInLocation(own, text, loc)
	}
	return d, err
}
