package customers

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
	"github.com/shopspring/decimal"
)

// detailPane shows every field of the selected customer on one tab, its
// history on another and its accounts on a third.
type detailPane struct {
	tr          *i18n.Translator
	viewer      *time.Location // times are shown in the signed-in customer's zone
	title       *widget.Label
	grid        *fyne.Container
	maintenance *widget.Button
	tabs        *container.AppTabs
	content     fyne.CanvasObject
	// onTab is told which tab's content comes to the front.
	onTab func(fyne.CanvasObject)
}

func newDetailPane(tr *i18n.Translator, viewer *time.Location, onMaintenance func(), history, accounts fyne.CanvasObject, more ...*container.TabItem) *detailPane {
	d := &detailPane{tr: tr, viewer: viewer}
	d.title = widget.NewLabel(tr.T("Select a customer in the tree."))
	d.title.TextStyle.Bold = true
	d.title.Wrapping = fyne.TextWrapWord
	d.grid = container.New(layout.NewFormLayout())
	d.maintenance = widget.NewButtonWithIcon(tr.T("Maintenance…"), theme.ContentAddIcon(), onMaintenance)
	d.maintenance.Hide()
	details := container.NewVScroll(container.NewVBox(container.NewBorder(nil, nil, nil, d.maintenance, d.title), d.grid))
	d.tabs = container.NewAppTabs(
		container.NewTabItem(tr.T("Details"), details),
		container.NewTabItem(tr.T("History"), history),
		container.NewTabItem(tr.T("Accounts"), accounts))
	for _, it := range more {
		d.tabs.Append(it)
	}
	d.tabs.OnSelected = func(it *container.TabItem) {
		if d.onTab != nil {
			d.onTab(it.Content)
		}
	}
	d.content = d.tabs
	return d
}

// show fills the pane with c.
func (d *detailPane) show(c model.Customer, rates model.RateTable, canMaintain bool) {
	d.title.SetText(model.VisibleText(c.Name))
	d.maintenance.Hidden = !canMaintain
	d.maintenance.Refresh()
	tr := d.tr
	var rows [][2]string
	add := func(label, value string) { rows = append(rows, [2]string{label, value}) }
	if c.IsRoot() {
		add(tr.T("Role"), tr.T("Root customer: owns the system and is never billed"))
	} else {
		add(tr.T("Tariff"), c.TariffName)
		add(tr.T("Currency"), string(c.Currency))
		add(tr.T("Balance"), widgets.NativeAndUSD(tr, rates, c.Balance, c.Currency))
		add(tr.T("Credit limit"), widgets.NativeAndUSD(tr, rates, c.CreditLimit, c.Currency))
		add(tr.T("Available"), widgets.NativeAndUSD(tr, rates, c.Available(), c.Currency))
	}
	add(tr.T("Web login"), model.VisibleText(c.WebLogin))
	add(tr.T("Language"), languageName(c.Language))
	add(tr.T("Time zone"), c.TimeZone)
	add(tr.T("Company"), c.Company)
	add(tr.T("Contact person"), c.Contact)
	add(tr.T("E-mail"), c.Email)
	add(tr.T("Phone"), c.Phone)
	add(tr.T("Address"), c.Address)
	add(tr.T("Notes"), c.Notes)
	add(tr.T("Blocked"), d.yesNo(c.Blocked))
	add(tr.T("Sub-customers"), tr.Decimal(decimalInt(c.SubCustomers), 0))
	add(tr.T("Accounts"), tr.Decimal(decimalInt(c.Accounts), 0))
	add(tr.T("Created"), tr.DateTime(c.CreatedAt, d.viewer))
	add(tr.T("Updated"), tr.DateTime(c.UpdatedAt, d.viewer))

	objs := make([]fyne.CanvasObject, 0, 2*len(rows))
	for _, r := range rows {
		label := widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		value := widget.NewLabel(r[1])
		value.Wrapping = fyne.TextWrapWord
		value.Selectable = true
		objs = append(objs, label, value)
	}
	d.grid.Objects = objs
	d.grid.Refresh()
}

// clear empties the pane, with a message in its place.
func (d *detailPane) clear(msg string) {
	d.title.SetText(msg)
	d.grid.Objects = nil
	d.grid.Refresh()
}

func (d *detailPane) yesNo(b bool) string {
	if b {
		return d.tr.T("Yes")
	}
	return d.tr.T("No")
}

func decimalInt(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }

func languageName(tag string) string {
	if l, ok := i18n.Parse(tag); ok {
		return l.NativeName()
	}
	return tag
}

// showAccountsTab brings the Accounts tab to the front.
func (d *detailPane) showAccountsTab() { d.tabs.SelectIndex(2) }

// stepTab brings the next tab (step 1) or the previous one (-1) to the
// front, going round from the last to the first.
func (d *detailPane) stepTab(step int) {
	n := len(d.tabs.Items)
	d.tabs.SelectIndex(((d.tabs.SelectedIndex()+step)%n + n) % n)
}
