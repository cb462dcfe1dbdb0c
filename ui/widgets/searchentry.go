package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
)

// MaxSuggestions keeps a suggestion list short enough to scan.
const MaxSuggestions = 40

// SearchEntry is a text field with a list of suggestions that narrows to
// what has been typed: "berl" offers Europe/Berlin, "euro" offers EUR.
// Down arrow (or the arrow icon) opens the list; arrows and Enter choose.
// Unlike widget.SelectEntry, Tab goes straight to the next field: the
// arrow icon takes no focus. It is an Entry, so Enter and Escape go to its
// dialog and its text is bounded.
type SearchEntry struct {
	Entry
	suggest func(query string) []string
	popup   *widget.PopUpMenu
	// choices, when set (NewChoice), are the only values the field takes.
	choices []string
}

func NewSearchEntry(suggest func(query string) []string) *SearchEntry {
	e := &SearchEntry{suggest: suggest}
	e.MaxLen = model.MaxShortTextLen // longer than any label it offers
	e.ExtendBaseWidget(e)
	e.ActionItem = NewTapIcon(theme.MenuDropDownIcon(), e.showList)
	return e
}

// TypedKey opens the list on Down; everything else is the entry's.
func (e *SearchEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyDown {
		e.showList()
		return
	}
	e.Entry.TypedKey(k)
}

// Options are the suggestions for the text in the field now.
func (e *SearchEntry) Options() []string {
	opts := e.suggest(e.Text)
	if len(opts) > MaxSuggestions {
		opts = opts[:MaxSuggestions]
	}
	return opts
}

func (e *SearchEntry) showList() {
	if e.Disabled() {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, opt := range e.Options() {
		items = append(items, fyne.NewMenuItem(opt, func() {
			e.SetText(opt)
			c.Focus(e)
		}))
	}
	if len(items) == 0 {
		return
	}
	e.popup = widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	e.popup.ShowAtRelativePosition(fyne.NewPos(0, e.Size().Height), e)
	e.popup.Resize(fyne.NewSize(e.Size().Width, min(e.popup.MinSize().Height, 320)))
	e.popup.ActivateNext()
}

// TapIcon is an icon that does something when tapped but, unlike a button,
// never takes the keyboard focus.
type TapIcon struct {
	widget.Icon
	OnTap    func()
	disabled bool
}

func NewTapIcon(res fyne.Resource, onTap func()) *TapIcon {
	t := &TapIcon{OnTap: onTap}
	t.ExtendBaseWidget(t)
	t.SetResource(res)
	return t
}

func (t *TapIcon) Tapped(*fyne.PointEvent) {
	if !t.disabled && t.OnTap != nil {
		t.OnTap()
	}
}

// Enable and Disable follow the entry the icon belongs to.
func (t *TapIcon) Enable()        { t.disabled = false }
func (t *TapIcon) Disable()       { t.disabled = true }
func (t *TapIcon) Disabled() bool { return t.disabled }
