package customers

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// searchLimit is how many matches a search brings back to step through.
const searchLimit = 200

// searchBar finds customers in the visible subtree as the user types, opens
// the way to the first match and selects it; Enter goes to the next match.
type searchBar struct {
	s       *Screens
	entry   *searchField
	status  *widget.Label
	hits    []model.CustomerHit
	current int
	// asked counts searches, so only the answer to the latest one is shown
	// when the user types faster than the store answers.
	asked int
}

func newSearchBar(s *Screens) *searchBar {
	b := &searchBar{s: s}
	b.entry = newSearchField(func() { s.win.Canvas().Focus(s.tree.widget) })
	b.entry.SetPlaceHolder(s.tr.T("Find a customer by name, login, company or e-mail (Ctrl+F)"))
	b.entry.OnChanged = b.search
	b.entry.OnSubmitted = func(string) { b.next() }
	b.status = widget.NewLabel("")
	return b
}

func (b *searchBar) object() fyne.CanvasObject {
	icon := widget.NewIcon(theme.SearchIcon())
	return container.NewBorder(nil, nil, icon, b.status, b.entry)
}

// search asks the store in the background and shows the first match.
func (b *searchBar) search(text string) {
	b.asked++
	ask := b.asked
	if text == "" {
		b.hits, b.current = nil, 0
		b.status.SetText("")
		return
	}
	s := b.s
	sess := s.session()
	s.env.Async(func() {
		hits, err := s.store.SearchCustomers(context.Background(), sess, text, searchLimit)
		fyne.Do(func() {
			if ask != b.asked {
				return // a newer search is on its way
			}
			if err != nil {
				b.status.SetText(widgets.ErrorText(s.tr, err))
				return
			}
			b.hits, b.current = hits, 0
			b.show()
		})
	})
}

// next moves to the following match, back to the first after the last.
func (b *searchBar) next() {
	if len(b.hits) == 0 {
		return
	}
	b.current = (b.current + 1) % len(b.hits)
	b.show()
}

func (b *searchBar) show() {
	tr := b.s.tr
	if len(b.hits) == 0 {
		b.status.SetText(tr.T("no match"))
		return
	}
	more := ""
	if len(b.hits) == searchLimit {
		more = "+"
	}
	b.status.SetText(tr.T("%d of %d%s", b.current+1, len(b.hits), more))
	b.s.tree.reveal(b.hits[b.current].ID)
	// Keep typing in the search field: reveal selected the row, which
	// must not take the focus away.
	b.s.win.Canvas().Focus(b.entry)
}

// searchField is an entry that hands the focus back to the tree on Escape.
type searchField struct {
	widgets.Entry
	onEscape func()
}

func newSearchField(onEscape func()) *searchField {
	f := &searchField{onEscape: onEscape}
	f.MaxLen = model.MaxSearchLen
	f.ExtendBaseWidget(f)
	return f
}

func (f *searchField) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && f.onEscape != nil {
		f.onEscape()
		return
	}
	f.Entry.TypedKey(k)
}
