package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// maxSuggestions keeps a suggestion list short enough to scan.
const maxSuggestions = 40

// searchEntry is a text field with a list of suggestions that narrows to
// what has been typed: "berl" offers Europe/Berlin, "euro" offers EUR.
// Down arrow (or the arrow icon) opens the list; arrows and Enter choose.
// Unlike widget.SelectEntry, Tab goes straight to the next field: the
// arrow icon takes no focus.
type searchEntry struct {
	widget.Entry
	suggest func(query string) []string
	popup   *widget.PopUpMenu
}

func newSearchEntry(suggest func(query string) []string) *searchEntry {
	e := &searchEntry{suggest: suggest}
	e.ExtendBaseWidget(e)
	e.ActionItem = newTapIcon(theme.MenuDropDownIcon(), e.showList)
	return e
}

// TypedKey opens the list on Down; everything else is the entry's.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyDown {
		e.showList()
		return
	}
	e.Entry.TypedKey(k)
}

// options are the suggestions for the text in the field now.
func (e *searchEntry) options() []string {
	opts := e.suggest(e.Text)
	if len(opts) > maxSuggestions {
		opts = opts[:maxSuggestions]
	}
	return opts
}

func (e *searchEntry) showList() {
	if e.Disabled() {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, opt := range e.options() {
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

// tapIcon is an icon that does something when tapped but, unlike a button,
// never takes the keyboard focus.
type tapIcon struct {
	widget.Icon
	onTap    func()
	disabled bool
}

func newTapIcon(res fyne.Resource, onTap func()) *tapIcon {
	t := &tapIcon{onTap: onTap}
	t.ExtendBaseWidget(t)
	t.SetResource(res)
	return t
}

func (t *tapIcon) Tapped(*fyne.PointEvent) {
	if !t.disabled && t.onTap != nil {
		t.onTap()
	}
}

// Enable and Disable follow the entry the icon belongs to.
func (t *tapIcon) Enable()        { t.disabled = false }
func (t *tapIcon) Disable()       { t.disabled = true }
func (t *tapIcon) Disabled() bool { return t.disabled }
