package ui

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/branchbook/branchbook/i18n"
)

// Fyne words its own dialogs and menus (a file dialog's title, folder form
// and hidden-files check, the OK of an information dialog, the Yes and No
// of a confirm dialog, an entry's Cut / Copy / Paste menu) through
// fyne.io/fyne/v2/lang. That package picks its language from the OS locale
// and has no call to pick another (Fyne 2.7.1); it only lets an app add
// messages for a locale (lang.AddTranslationsForLocale), after which it
// matches the OS locale again among the locales it knows. So that these
// words follow the signed-in customer's language instead of the OS,
// useFyneLanguage adds that language's words under every locale Fyne could
// match: its own built-in ones and the OS's. The names of the file
// dialog's places (Home, Documents, Computer) are plain English in Fyne
// and cannot be changed.

// fyneLocales are the locales of Fyne 2.7.1's built-in translations
// (fyne.io/fyne/v2/lang/translations/base.*.json); "en" is also what Fyne
// falls back to when the OS locale matches none.
var fyneLocales = []fyne.Locale{"cs", "de", "el", "en", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// fyneMessages are the words of Fyne's dialogs and menus that Branchbook's
// windows can show, by Fyne's message id, in tr's language. Weekday names
// (Fyne's calendar) and the colour picker's words are left out: no window
// shows them.
func fyneMessages(tr *i18n.Translator) map[string]string {
	return map[string]string{
		"Cancel":            tr.T("Cancel"),
		"Copy":              tr.T("Copy"),
		"Create Folder":     tr.T("Create Folder"),
		"Cut":               tr.T("Cut"),
		"Enter filename":    tr.T("Enter filename"),
		"Error":             tr.T("Error"),
		"File":              tr.T("File"),
		"Folder":            tr.T("Folder"),
		"New Folder":        tr.T("New Folder"),
		"No":                tr.T("No"),
		"OK":                tr.T("OK"),
		"Open":              tr.T("Open"),
		"Paste":             tr.T("Paste"),
		"Quit":              tr.T("Quit"),
		"Redo":              tr.T("Redo"),
		"Save":              tr.T("Save"),
		"Select all":        tr.T("Select all"),
		"Show Hidden Files": tr.T("Show Hidden Files"),
		"Undo":              tr.T("Undo"),
		"Yes":               tr.T("Yes"),
		"file.name":         tr.T("Name"),
		"file.parent":       tr.T("Parent folder"),
	}
}

// languageChanged makes what Fyne itself shows follow the window's
// language: the words of its dialogs and menus, and the font for Chinese.
// Call it on the UI goroutine whenever c.tr changes.
func (c *Controller) languageChanged() {
	useFyneLanguage(c.tr)
	useThemeFor(c.app, c.tr.Lang())
}

// fyneLanguageKey is the language and OS locale useFyneLanguage last
// worked for: adding the same messages again changes nothing.
var fyneLanguageKey string

// useFyneLanguage makes Fyne's own dialogs and menus speak tr's language.
func useFyneLanguage(tr *i18n.Translator) {
	system := lang.SystemLocale()
	key := string(tr.Lang()) + " " + string(system)
	if key == fyneLanguageKey {
		return
	}
	data, err := json.Marshal(fyneMessages(tr))
	if err != nil {
		fyne.LogError("Fyne's words in "+string(tr.Lang()), err)
		return
	}
	for _, l := range append(fyneLocales[:len(fyneLocales):len(fyneLocales)], system) {
		if err := lang.AddTranslationsForLocale(data, l); err != nil {
			fyne.LogError("Fyne's words for locale "+string(l), err)
		}
	}
	fyneLanguageKey = key
}
