package calls

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
	"github.com/shopspring/decimal"
)

// pageSize is how many calls are read at a time: the list reads the page
// a row is on when the row is drawn, so a million calls scroll without
// ever being read whole.
const pageSize = 200

// keptPages is how many pages the list keeps; scrolling far drops the
// oldest read.
const keptPages = 16

// callColumns are the columns of a list of calls.
var callColumns = []widgets.Column{
	{Title: "Start", Width: 130, Fits: func(tr *i18n.Translator) []string {
		return []string{tr.DateTime(time.Date(2026, 12, 28, 23, 58, 0, 0, time.UTC), time.UTC)}
	}},
	{Title: "Account", Width: 90},
	{Title: "Called number", Width: 115},
	{Title: "Seconds", Width: 60},
	{Title: "Cost", Width: 110},
	{Title: "Status", Width: 110},
	{Title: "Levels below", Width: 220},
}

// callList is a table of the calls of one holder and query, read page by
// page with Offset and Limit.
type callList struct {
	env    widgets.Env
	store  Store
	holder model.Holder
	query  model.CallQuery
	// pages holds the pages read, by number; order is the order they
	// were read in, to drop the oldest.
	pages map[int][]model.Call
	order []int
	total int
	known bool // total was read
	err   error
	Table *widget.Table
	// onTotal is told the number of calls after the first read.
	onTotal func(n int)
}

func newCallList(env widgets.Env, store Store) *callList {
	l := &callList{env: env, store: store, pages: map[int][]model.Call{}}
	l.Table = widgets.NewTable(env.Tr, callColumns, l.rows, l.updateCell)
	return l
}

// show sets what the list shows and reads its first page.
func (l *callList) show(h model.Holder, q model.CallQuery) {
	l.holder, l.query = h, q
	l.reload()
}

// reload forgets the pages read and reads the first again.
func (l *callList) reload() {
	l.pages, l.order, l.total, l.known, l.err = map[int][]model.Call{}, nil, 0, false, nil
	if l.holder != (model.Holder{}) {
		l.page(0)
	}
	l.Table.Refresh()
	l.Table.ScrollToTop()
	if l.onTotal != nil {
		l.onTotal(l.total)
	}
}

func (l *callList) rows() int { return l.total }

// page returns page n, reading it when it is not kept.
func (l *callList) page(n int) []model.Call {
	if p, ok := l.pages[n]; ok {
		return p
	}
	if l.err != nil {
		return nil
	}
	q := l.query
	q.Offset, q.Limit = n*pageSize, pageSize
	p, err := l.store.Calls(context.Background(), l.env.Session(), l.holder, q)
	if err != nil {
		l.err = err
		l.env.ShowError(err)
		return nil
	}
	if !l.known || n == 0 {
		l.total, l.known = p.Total, true
	}
	l.pages[n] = p.Calls
	l.order = append(l.order, n)
	if len(l.order) > keptPages {
		delete(l.pages, l.order[0])
		l.order = l.order[1:]
	}
	return p.Calls
}

// Call returns row i, reading its page if needed.
func (l *callList) Call(i int) (model.Call, bool) {
	if i < 0 || i >= l.total {
		return model.Call{}, false
	}
	p := l.page(i / pageSize)
	if j := i % pageSize; j < len(p) {
		return p[j], true
	}
	return model.Call{}, false
}

func (l *callList) updateCell(id widget.TableCellID, lb *widget.Label) {
	c, ok := l.Call(id.Row)
	lb.Importance = widget.MediumImportance
	lb.Alignment = fyne.TextAlignLeading
	if !ok {
		lb.SetText("")
		return
	}
	switch id.Col {
	case 3, 4:
		lb.Alignment = fyne.TextAlignTrailing
		if id.Col == 4 && len(c.Charges) == 0 {
			lb.Importance = widget.WarningImportance
		}
	case 5:
		if c.Reason != "" || c.Void {
			lb.Importance = widget.WarningImportance
		}
	}
	lb.Text = cellText(l.env, l.holder, c, id.Col)
	lb.Refresh()
}

// cellText is the text of one column of a call, as the holder h sees it.
func cellText(env widgets.Env, h model.Holder, c model.Call, col int) string {
	tr := env.Tr
	switch col {
	case 0:
		return tr.DateTime(c.Start, env.Zone())
	case 1:
		return model.VisibleText(c.Username)
	case 2:
		return model.VisibleText(c.Called)
	case 3:
		return tr.Decimal(decimalInt(c.Seconds), 0)
	case 4:
		if own, ok := ownCharge(h, c); ok {
			return CostText(tr, own.Cost)
		}
		// Nothing charged: why, where the cost would be, so it shows in
		// a narrow pane.
		return StatusText(tr, c)
	case 5:
		return StatusText(tr, c)
	case 6:
		return belowText(tr, h, c)
	}
	return ""
}

// ownCharge is the level of a call that h pays: h's own charge, or, when
// h is not in the chain (an owner above looking), the highest level it may
// see.
func ownCharge(h model.Holder, c model.Call) (model.CallCharge, bool) {
	if len(c.Charges) == 0 {
		return model.CallCharge{}, false
	}
	for _, ch := range c.Charges {
		if ch.Holder == h {
			return ch, true
		}
	}
	return c.Charges[len(c.Charges)-1], true
}

// belowText lists the costs of the levels below h's own: "name: cost".
func belowText(tr *i18n.Translator, h model.Holder, c model.Call) string {
	own, ok := ownCharge(h, c)
	if !ok {
		return ""
	}
	var parts []string
	for _, ch := range c.Charges {
		if ch.Level >= own.Level {
			continue
		}
		parts = append(parts, model.VisibleText(ch.HolderName)+": "+CostText(tr, ch.Cost))
	}
	return strings.Join(parts, " · ")
}

func decimalInt(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }
