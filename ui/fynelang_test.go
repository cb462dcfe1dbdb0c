package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/branchbook/branchbook/i18n"
)

// TestFyneSpeaksTheCustomersLanguage checks that Fyne's own words (file
// dialogs, confirm and information dialogs, an entry's menu) follow the
// language useFyneLanguage is given, whatever the OS locale: one Fyne has
// a translation for, one it has not, and none.
func TestFyneSpeaksTheCustomersLanguage(t *testing.T) {
	for _, env := range []map[string]string{
		{"LANG": "de_DE.UTF-8"},
		{"LANG": "pt_BR.UTF-8"},
		{"LANGUAGE": "ja_JP:fr", "LANG": "ja_JP.UTF-8"},
		{"LC_ALL": "zh_CN.UTF-8"},
		{"LANG": "en_US.UTF-8"},
		{},
	} {
		for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
			t.Setenv(k, env[k])
		}
		for _, l := range []i18n.Lang{i18n.Russian, i18n.ChineseSimplified, i18n.English, i18n.French, i18n.German} {
			tr := i18n.New(l)
			useFyneLanguage(tr)
			for id, want := range map[string]string{
				"Cancel": tr.T("Cancel"), "Yes": tr.T("Yes"), "No": tr.T("No"), "OK": tr.T("OK"),
				"Show Hidden Files": tr.T("Show Hidden Files"), "Paste": tr.T("Paste"),
			} {
				if got := lang.L(id); got != want {
					t.Errorf("OS locale %v, language %s: Fyne's %q is %q, want %q", env, l, id, got, want)
				}
			}
			if got, want := lang.X("file.parent", "Parent"), tr.T("Parent folder"); got != want {
				t.Errorf("OS locale %v, language %s: the parent folder is %q, want %q", env, l, got, want)
			}
		}
	}
}
