package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// shownTexts collects every text a user can read in o: labels, buttons,
// entries' placeholders, checks, selects, tabs.
func shownTexts(o fyne.CanvasObject, out *[]string) {
	switch w := o.(type) {
	case *widget.Label:
		*out = append(*out, w.Text)
	case *widget.Button:
		*out = append(*out, w.Text)
	case *widgets.KeyButton:
		*out = append(*out, w.Text)
	case *widget.Check:
		*out = append(*out, w.Text)
	case *widgets.Check:
		*out = append(*out, w.Text)
	case *widgets.Select:
		*out = append(*out, w.PlaceHolder)
	case *widgets.Entry:
		*out = append(*out, w.PlaceHolder)
	case *widgets.SearchEntry:
		*out = append(*out, w.PlaceHolder)
	case *widgets.TextArea:
		*out = append(*out, w.PlaceHolder)
	case *widget.Hyperlink:
		*out = append(*out, w.Text)
	case *widgets.Link:
		*out = append(*out, w.Text)
	case *widget.Select:
		*out = append(*out, w.PlaceHolder)
	case *widget.Entry:
		*out = append(*out, w.PlaceHolder)
	case *container.AppTabs:
		for _, it := range w.Items {
			*out = append(*out, it.Text)
			shownTexts(it.Content, out)
		}
	case *container.Split:
		shownTexts(w.Leading, out)
		shownTexts(w.Trailing, out)
	case *container.Scroll:
		shownTexts(w.Content, out)
	case *fyne.Container:
		for _, c := range w.Objects {
			shownTexts(c, out)
		}
	}
}

// englishLeft returns the texts shown in English although the language has
// a translation for them.
func englishLeft(tr *i18n.Translator, texts []string) []string {
	var left []string
	for _, s := range texts {
		s = strings.TrimSpace(s)
		if s == "" || !i18n.HasKey(s) {
			continue
		}
		if tr.T(s) != s {
			left = append(left, s)
		}
	}
	return left
}

func TestNoEnglishLeftInGermanAndRussian(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.German, i18n.Russian} {
		t.Run(string(lang), func(t *testing.T) {
			c, _, id := eurCustomer(t)
			c.changeLanguage(lang)
			c.customers.Reveal(id)
			var texts []string
			collect := func(o fyne.CanvasObject) { shownTexts(o, &texts) }
			collect(c.win.Content())
			// The search field is an entry of its own type, which the walk
			// does not open.
			texts = append(texts, c.customers.SearchEntry().PlaceHolder)
			for _, m := range c.win.MainMenu().Items {
				texts = append(texts, m.Label)
				for _, it := range m.Items {
					texts = append(texts, it.Label)
				}
			}
			c.addCustomer()
			collect(uitest.OpenForm(c.win).Form.Object())
			uitest.OpenForm(c.win).Dialog.Hide()
			c.adjustCustomer()
			collect(uitest.OpenForm(c.win).Form.Object())
			uitest.OpenForm(c.win).Dialog.Hide()
			c.showMaintenance()
			collect(c.maintenance.Dialog.Form.Object())
			collect(c.maintenance.Dialog.SaveOnly)
			collect(c.maintenance.Dialog.Save)
			c.maintenance.Dialog.Dialog.Hide()
			// The cards dialog, buttons and all, as the window shows it.
			c.showGenerateCards()
			cards := c.win.Canvas().Overlays().Top()
			collect(cards.(*widget.PopUp).Content)
			cards.Hide()
			c.showTariffs()
			collect(c.tariffs.Win.Content())
			c.tariffs.EditTariff(nil)
			collect(uitest.OpenForm(c.tariffs.Win).Form.Object())
			c.showExchangeRates()
			collect(c.exchange.Win.Content())
			c.showPayments()
			collect(c.payments.Win.Content())
			c.showImports()
			collect(c.imports.Win.Content())
			c.showMargin()
			collect(c.margin.Win.Content())
			// The invoice windows and dialogs.
			c.showInvoices()
			collect(c.invoiceList.Win.Content())
			for _, open := range []func(){c.showMyCompany, c.showStatement, c.showInvoiceBatch} {
				open()
				if top := c.win.Canvas().Overlays().Top(); top != nil {
					collect(top.(*widget.PopUp).Content)
				}
				clearOverlays(c.win)
			}
			// The import's preview of a file it refuses.
			empty := filepath.Join(t.TempDir(), "empty.csv")
			os.WriteFile(empty, nil, 0o600)
			pd := c.callImporter().ShowPreview(empty)
			collect(pd.Button)
			pd.Dialog.Hide()
			c.signOut()
			collect(c.win.Content())
			// The check itself can fail: an English text with a translation
			// is caught.
			if len(englishLeft(c.tr, []string{"Customer", "Save & Close"})) != 2 {
				t.Fatal("the check does not see English texts")
			}
			if left := englishLeft(c.tr, texts); len(left) > 0 {
				t.Fatalf("%d texts left in English: %q", len(left), left)
			}
			if len(texts) < 40 {
				t.Fatalf("only %d texts collected: the walk misses widgets", len(texts))
			}
		})
	}
}
