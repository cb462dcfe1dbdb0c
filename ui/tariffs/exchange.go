package tariffs

import (
	"context"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// ExchangeWindow lists each currency in use with its rate per USD, when it
// was set and by whom, and lets the user add and update rates and read a
// currency's history.
type ExchangeWindow struct {
	env   widgets.Env
	store Store
	Win   fyne.Window
	rows  []exchangeRow
	row   int
	table *widget.Table
	add   *widget.Button
	edit  *widget.Button
	hist  *widget.Button
	// OnChanged is told after a rate was set.
	OnChanged func()
}

// exchangeRow is one currency: its rate when it has one.
type exchangeRow struct {
	currency model.Currency
	rate     model.ExchangeRate
	hasRate  bool
}

var exchangeColumns = []widgets.Column{
	{Title: "Currency", Width: 90}, {Title: "Name", Width: 200}, {Title: "Units per 1 USD", Width: 150}, {Title: "1 unit in USD", Width: 150}, {Title: "Set", Width: 170}, {Title: "Set by", Width: 180},
}

// ShowExchangeRates opens the Exchange Rates window in app; onClosed is
// told when it closes.
func ShowExchangeRates(app fyne.App, env widgets.Env, store Store, onChanged, onClosed func()) *ExchangeWindow {
	w := &ExchangeWindow{env: env, store: store, row: -1, OnChanged: onChanged}
	w.Win = app.NewWindow(env.Tr.T("Exchange Rates") + " — Branchbook")
	w.env.Win = w.Win
	w.Win.SetContent(w.build())
	w.Win.Resize(fyne.NewSize(980, 520))
	w.Win.SetOnClosed(onClosed)
	w.Reload()
	widgets.AddShortcuts(w.Win, map[fyne.KeyName]func(){
		fyne.KeyN: func() { w.EditRate("") },
		fyne.KeyU: func() {
			if w.row > 0 {
				w.EditRate(w.rows[w.row].currency)
			}
		},
		fyne.KeyW: w.Win.Close,
	})
	w.Win.Show()
	w.Win.Canvas().Focus(w.table)
	return w
}

func (w *ExchangeWindow) build() fyne.CanvasObject {
	tr := w.env.Tr
	w.table = widgets.NewTable(tr, exchangeColumns, func() int { return len(w.rows) }, w.updateCell)
	w.table.OnSelected = func(id widget.TableCellID) {
		w.row = id.Row
		w.updateTools()
	}
	w.add = widget.NewButtonWithIcon(tr.T("Add currency…"), theme.ContentAddIcon(), func() { w.EditRate("") })
	w.edit = widget.NewButtonWithIcon(tr.T("Update rate…"), theme.DocumentCreateIcon(), func() {
		if w.row >= 0 {
			w.EditRate(w.rows[w.row].currency)
		}
	})
	w.hist = widget.NewButtonWithIcon(tr.T("History…"), theme.HistoryIcon(), func() {
		if w.row >= 0 {
			w.showHistory(w.rows[w.row].currency)
		}
	})
	note := widget.NewLabel(tr.T("Balances are shown in USD at the latest rate. A rate says how many units of a currency make 1 USD."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	w.updateTools()
	return container.NewBorder(container.NewVBox(container.NewHBox(w.add, w.edit, w.hist), note), nil, nil, nil, w.table)
}

func (w *ExchangeWindow) updateCell(id widget.TableCellID, l *widget.Label) {
	tr := w.env.Tr
	r := w.rows[id.Row]
	l.Alignment = fyne.TextAlignLeading
	l.Importance = widget.MediumImportance
	switch id.Col {
	case 0:
		l.SetText(string(r.currency))
	case 1:
		l.SetText(i18n.CurrencyName(string(r.currency)))
	case 2, 3:
		l.Alignment = fyne.TextAlignTrailing
		rate, ok := w.env.Rates().Rate(r.currency)
		switch {
		case !ok:
			l.Importance = widget.DangerImportance
			l.SetText(tr.T("no rate"))
		case id.Col == 2:
			l.SetText(tr.Decimal(rate, widgets.RateDisplayPlaces(rate)))
		default:
			usd, _ := w.env.Rates().ToUSD(decimal.NewFromInt(1), r.currency)
			l.SetText(tr.Decimal(usd, widgets.RateDisplayPlaces(usd)))
		}
	case 4:
		if r.hasRate {
			l.SetText(tr.DateTime(r.rate.SetAt, w.env.Zone()))
		} else {
			l.SetText("—")
		}
	case 5:
		switch {
		case r.currency == model.USD:
			l.SetText(tr.T("always 1"))
		case r.hasRate && r.rate.Inherited && r.rate.SetBy == "":
			l.SetText(tr.T("inherited"))
		case r.hasRate:
			l.SetText(r.rate.SetBy)
		default:
			l.SetText("—")
		}
	}
	l.Refresh()
}

func (w *ExchangeWindow) updateTools() {
	ok := w.row >= 0 && w.row < len(w.rows)
	can := w.env.Can(model.RightExchangeRates)
	widgets.SetEnabled(w.add, can)
	widgets.SetEnabled(w.edit, can && ok && w.rows[w.row].currency != model.USD)
	widgets.SetEnabled(w.hist, ok && w.rows[w.row].currency != model.USD)
}

// Reload rebuilds the rows: USD first, then every currency that has a rate
// or is used by a tariff, by code.
func (w *ExchangeWindow) Reload() {
	inUse, err := w.store.CurrenciesInUse(context.Background(), w.env.Session())
	if err != nil {
		widgets.ShowError(w.Win, w.env.Tr, err)
		return
	}
	rows := []exchangeRow{{currency: model.USD}}
	seen := map[model.Currency]bool{model.USD: true}
	for _, r := range w.env.Rates().All() {
		rows = append(rows, exchangeRow{currency: r.Currency, rate: r, hasRate: true})
		seen[r.Currency] = true
	}
	for _, c := range inUse {
		if !seen[c] {
			rows = append(rows, exchangeRow{currency: c})
			seen[c] = true
		}
	}
	sort.Slice(rows[1:], func(i, j int) bool { return rows[1+i].currency < rows[1+j].currency })
	w.rows = rows
	w.row = -1
	w.table.UnselectAll()
	w.table.Refresh()
	w.updateTools()
}

// EditRate asks for a rate; cur is empty to add a currency.
func (w *ExchangeWindow) EditRate(cur model.Currency) {
	tr := w.env.Tr
	form := widgets.NewForm(tr)
	pick := widgets.NewCurrencyPicker(string(cur))
	rate := widgets.NewEntry(model.MaxNumberTextLen)
	title := tr.T("Add currency")
	if cur != "" {
		title = tr.T("Update the rate of %s", string(cur))
		pick.Disable()
		if old, ok := w.env.Rates().Rate(cur); ok {
			rate.SetText(tr.Decimal(old, widgets.RateDisplayPlaces(old)))
		}
	}
	showPreview := func() {
		code := model.Currency(widgets.CurrencyOf(pick.Text))
		d, err := tr.ParseDecimal(rate.Text)
		if err != nil || !d.IsPositive() || code == "" {
			form.SetHint("rate", tr.T("How many units of the currency make 1 USD."))
			return
		}
		inv := model.NewRateTable([]model.ExchangeRate{{Currency: code, Rate: d}})
		usd, _ := inv.ToUSD(decimal.NewFromInt(1), code)
		form.SetHint("rate", tr.T("1 USD = %s %s · 1 %s = %s USD", tr.Decimal(d, widgets.RateDisplayPlaces(d)), string(code),
			string(code), tr.Decimal(usd, widgets.RateDisplayPlaces(usd))))
	}
	form.Add("currency", tr.T("Currency"), pick)
	form.Add("rate", tr.T("Units per 1 USD"), rate)
	rate.OnChanged = func(string) { showPreview() }
	showPreview()
	read := func() (func() error, error) {
		var es model.Errors
		code := widgets.CurrencyOf(pick.Text)
		if code == "" {
			es = append(es, model.FieldError("currency", model.CodeRequired, nil))
		}
		d, e := widgets.ParseAmount(tr, "rate", rate.Text)
		if e != nil {
			es = append(es, e)
		}
		if len(es) > 0 {
			return nil, es
		}
		return func() error {
			_, err := w.store.SetExchangeRate(context.Background(), w.env.Session(), model.Currency(code), d)
			return err
		}, nil
	}
	var focus fyne.Focusable = rate
	if cur == "" {
		focus = pick
	}
	widgets.ShowFormDialog(w.env, widgets.FormSpec{Title: title, Form: form, Focus: focus, Read: read,
		Saved: func(bool) {
			if w.OnChanged != nil {
				w.OnChanged()
			}
		}})
}

// showHistory lists every rate a currency has had, newest first.
func (w *ExchangeWindow) showHistory(cur model.Currency) {
	tr := w.env.Tr
	hist, err := w.store.ExchangeRateHistory(context.Background(), w.env.Session(), cur)
	if err != nil {
		widgets.ShowError(w.Win, w.env.Tr, err)
		return
	}
	list := widgets.TextList(func() int { return len(hist) }, func(i int) string {
		h := hist[i]
		by := h.SetBy
		if by == "" {
			by = tr.T("inherited")
		}
		return tr.T("%s · %s per USD · %s", tr.DateTime(h.SetAt, w.env.Zone()), tr.Decimal(h.Rate, widgets.RateDisplayPlaces(h.Rate)), by)
	})
	d := widgets.ShowMessage(w.Win, tr, tr.T("History of %s", string(cur)), list)
	d.Resize(fyne.NewSize(560, 400))
}
