package i18n

import "time"

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
