package tariffs

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
	"github.com/shopspring/decimal"
)

// Store is what the Tariffs and Exchange Rates windows ask of the store.
type Store interface {
	Tariffs(ctx context.Context, s model.Session) ([]model.Tariff, error)
	CreateTariff(ctx context.Context, s model.Session, in model.TariffInput) (model.Tariff, error)
	UpdateTariff(ctx context.Context, s model.Session, id model.ID, in model.TariffInput) (model.Tariff, error)
	DeleteTariff(ctx context.Context, s model.Session, id model.ID) error
	TariffRates(ctx context.Context, s model.Session, tariff model.ID) ([]model.Rate, error)
	SaveRate(ctx context.Context, s model.Session, tariff model.ID, r model.Rate) (model.Rate, error)
	DeleteRate(ctx context.Context, s model.Session, tariff, rate model.ID) error
	ImportRates(ctx context.Context, s model.Session, tariff model.ID, rates []model.Rate) (model.ImportResult, error)
	CurrenciesInUse(ctx context.Context, s model.Session) ([]model.Currency, error)
	SetExchangeRate(ctx context.Context, s model.Session, c model.Currency, rate decimal.Decimal) (model.ExchangeRate, error)
	ExchangeRateHistory(ctx context.Context, s model.Session, c model.Currency) ([]model.ExchangeRate, error)
}

// Window lists the signed-in customer's tariffs on the left and the
// selected tariff's rates on the right. OnChanged is told after a tariff
// was saved, so the window can read the rates and redraw the money.
type Window struct {
	env   widgets.Env
	store Store
	Win   fyne.Window
	// OnChanged is told when a tariff changed.
	OnChanged func()

	tariffs  []model.Tariff
	selected int // index in tariffs, -1 for none
	list     *widget.List

	rates        []model.Rate
	rate         int // selected rate, -1 for none
	table        *widget.Table
	ratesTitle   *widget.Label
	tariffTools  []*widget.Button // edit, delete: need a selected tariff
	rateTools    []*widget.Button // add, import: need a selected tariff
	rateSelTools []*widget.Button // edit, delete: need a selected rate
	addTariff    *widget.Button
	preview      *importPreview // the last import preview, for tests
}

// ShowTariffs opens the Tariffs window in app; onClosed is told when it
// closes.
func ShowTariffs(app fyne.App, env widgets.Env, store Store, onChanged, onClosed func()) *Window {
	w := &Window{env: env, store: store, selected: -1, rate: -1, OnChanged: onChanged}
	w.Win = app.NewWindow(env.Tr.T("Tariffs") + " — Branchbook")
	w.env.Win = w.Win
	w.Win.SetContent(w.build())
	w.Win.Resize(fyne.NewSize(defaultWidth, defaultHeight))
	w.Win.SetOnClosed(onClosed)
	w.reload()
	widgets.AddShortcuts(w.Win, map[fyne.KeyName]func(){
		fyne.KeyN: func() { w.EditTariff(nil) },
		fyne.KeyR: func() { w.editRate(nil) },
		fyne.KeyI: w.askImport,
		fyne.KeyW: w.Win.Close,
	})
	w.Win.Show()
	w.Win.Canvas().Focus(w.list)
	return w
}

func (w *Window) build() fyne.CanvasObject {
	tr := w.env.Tr
	w.list = widget.NewList(
		func() int { return len(w.tariffs) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle.Bold = true
			name.Truncation = fyne.TextTruncateEllipsis
			info := widget.NewLabel("")
			return container.NewVBox(name, info)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			t := w.tariffs[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(t.Name)
			box.Objects[1].(*widget.Label).SetText(tr.T("%s · %d rates · %d customers", string(t.Currency), t.Rates, t.Customers))
		})
	w.list.OnSelected = func(i widget.ListItemID) {
		if i != w.selected {
			w.selectTariff(i)
		}
	}
	w.list.OnUnselected = func(widget.ListItemID) { w.selectTariff(-1) }

	add := widget.NewButtonWithIcon(tr.T("Add…"), theme.ContentAddIcon(), func() { w.EditTariff(nil) })
	edit := widget.NewButtonWithIcon(tr.T("Edit…"), theme.DocumentCreateIcon(), func() {
		if w.selected >= 0 {
			t := w.tariffs[w.selected]
			w.EditTariff(&t)
		}
	})
	del := widget.NewButtonWithIcon(tr.T("Delete…"), theme.DeleteIcon(), w.deleteTariff)
	del.Importance = widget.DangerImportance
	w.tariffTools = []*widget.Button{edit, del}
	w.addTariff = add
	left := container.NewBorder(container.NewHBox(add, edit, del), nil, nil, nil, w.list)

	w.ratesTitle = widget.NewLabelWithStyle(tr.T("Select a tariff to see its rates."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.table = w.buildRatesTable()
	addRate := widget.NewButtonWithIcon(tr.T("Add rate…"), theme.ContentAddIcon(), func() { w.editRate(nil) })
	editRate := widget.NewButtonWithIcon(tr.T("Edit rate…"), theme.DocumentCreateIcon(), func() {
		if w.rate >= 0 {
			r := w.rates[w.rate]
			w.editRate(&r)
		}
	})
	delRate := widget.NewButtonWithIcon(tr.T("Delete rate"), theme.DeleteIcon(), w.deleteRate)
	importRates := widget.NewButtonWithIcon(tr.T("Import CSV…"), theme.UploadIcon(), w.askImport)
	w.rateTools = []*widget.Button{addRate, importRates}
	w.rateSelTools = []*widget.Button{editRate, delRate}
	right := container.NewBorder(
		container.NewVBox(w.ratesTitle, container.NewHBox(addRate, editRate, delRate, importRates)),
		nil, nil, nil, w.table)

	split := container.NewHSplit(left, right)
	split.SetOffset(0.3)
	w.updateTools()
	return split
}

// The Tariffs window's size when it opens: every language's rate columns
// fit in it (TestRatesShowWholeAtTheDefaultSize).
const (
	defaultWidth  = 1320
	defaultHeight = 660
)

// rateColumns are the rate table's columns: title and least width. The
// billing intervals share a column ("60 / 6"), and so do a rate's bounds,
// so that the period fits beside the prices in every language; a rate's
// own grace and free seconds are shown in its form only.
var rateColumns = []widgets.Column{
	{Title: "Prefix", Width: 80}, {Title: "Description", Width: 130}, {Title: "Price per minute", Width: 110}, {Title: "Connect fee", Width: 100},
	{Title: "Intervals (s)", Width: 90},
	{Title: "From – to", Width: 150, Fits: func(tr *i18n.Translator) []string {
		last := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
		return []string{periodText(tr, model.Rate{EffectiveFrom: last, Ends: last}, time.UTC)}
	}},
}

// periodText shows when a rate is in force as "from – ends", dates in the
// viewer's zone, "…" for an open side, and nothing for a rate always in
// force.
func periodText(tr *i18n.Translator, r model.Rate, zone *time.Location) string {
	if r.EffectiveFrom.IsZero() && r.Ends.IsZero() {
		return ""
	}
	side := func(t time.Time) string {
		if t.IsZero() {
			return "…"
		}
		return tr.Date(t, zone)
	}
	return side(r.EffectiveFrom) + " – " + side(r.Ends)
}

// zone is the signed-in customer's time zone, in which a date typed in
// the rate form begins.
func (w *Window) zone() *time.Location {
	if w.env.Zone != nil {
		if z := w.env.Zone(); z != nil {
			return z
		}
	}
	return time.UTC
}

func (w *Window) buildRatesTable() *widget.Table {
	tr := w.env.Tr
	t := widgets.NewTable(tr, rateColumns, func() int { return len(w.rates) }, w.updateRateCell)
	t.OnSelected = func(id widget.TableCellID) {
		w.rate = id.Row
		w.updateTools()
	}
	return t
}

// updateRateCell shows one cell of the rates table.
func (w *Window) updateRateCell(id widget.TableCellID, l *widget.Label) {
	tr := w.env.Tr
	r := w.rates[id.Row]
	l.Alignment = fyne.TextAlignTrailing
	cur := model.Currency("")
	if w.selected >= 0 {
		cur = w.tariffs[w.selected].Currency
	}
	switch id.Col {
	case 0:
		l.Alignment = fyne.TextAlignLeading
		l.SetText(r.Prefix)
	case 1:
		l.Alignment = fyne.TextAlignLeading
		l.SetText(r.Description)
	case 2:
		l.SetText(tr.Money(r.Price, string(cur), widgets.ShownPlaces(r.Price, cur.MinorUnits())))
	case 3:
		l.SetText(tr.Money(r.ConnectFee, string(cur), widgets.ShownPlaces(r.ConnectFee, cur.MinorUnits())))
	case 4:
		l.SetText(fmt.Sprintf("%d / %d", r.FirstInterval, r.NextInterval))
	case 5:
		l.Alignment = fyne.TextAlignLeading
		l.SetText(periodText(tr, r, w.zone()))
	}
}

// updateTools offers only what makes sense for the selection and what the
// signed-in customer has the right to do.
func (w *Window) updateTools() {
	rights := w.env.Session().Rights
	widgets.SetEnabled(w.addTariff, rights.Has(model.RightTariffsAdd))
	widgets.SetEnabled(w.tariffTools[0], w.selected >= 0 && rights.Has(model.RightTariffsEdit))
	widgets.SetEnabled(w.tariffTools[1], w.selected >= 0 && rights.Has(model.RightTariffsDelete))
	for _, b := range w.rateTools {
		widgets.SetEnabled(b, w.selected >= 0 && rights.Has(model.RightTariffsEdit))
	}
	for _, b := range w.rateSelTools {
		widgets.SetEnabled(b, w.selected >= 0 && w.rate >= 0 && w.rate < len(w.rates) && rights.Has(model.RightTariffsEdit))
	}
}

// reload reads the tariffs again, keeping the selection on the same tariff.
func (w *Window) reload() {
	var keep model.ID
	if w.selected >= 0 {
		keep = w.tariffs[w.selected].ID
	}
	w.reloadSelecting(keep)
}

// reloadSelecting reads the tariffs again and selects the one with id.
func (w *Window) reloadSelecting(keep model.ID) {
	list, err := w.store.Tariffs(context.Background(), w.env.Session())
	if err != nil {
		widgets.ShowError(w.Win, w.env.Tr, err)
		return
	}
	w.tariffs = list
	w.list.Refresh()
	w.selected = -1
	for i, t := range list {
		if t.ID == keep {
			// Select fires OnSelected only when the row was not selected
			// already; the rates are read again either way.
			w.list.Select(i)
			if w.selected != i {
				w.selectTariff(i)
			}
			return
		}
	}
	w.list.UnselectAll()
	w.selectTariff(-1)
}

func (w *Window) selectTariff(i int) {
	w.selected, w.rate = i, -1
	w.rates = nil
	w.table.UnselectAll()
	if i >= 0 {
		t := w.tariffs[i]
		w.ratesTitle.SetText(w.env.Tr.T("Rates of %s (%s)", t.Name, string(t.Currency)))
		rates, err := w.store.TariffRates(context.Background(), w.env.Session(), t.ID)
		if err != nil {
			widgets.ShowError(w.Win, w.env.Tr, err)
		}
		w.rates = rates
	} else {
		w.ratesTitle.SetText(w.env.Tr.T("Select a tariff to see its rates."))
	}
	w.table.Refresh()
	w.updateTools()
}

// EditTariff shows the tariff form, empty for a new tariff.
func (w *Window) EditTariff(t *model.Tariff) {
	tr := w.env.Tr
	form := widgets.NewForm(tr)
	name := widgets.NewEntry(model.MaxNameLen)
	cur := widgets.NewCurrencyPicker("USD")
	desc := widgets.NewTextArea(3, model.MaxDescriptionLen)
	grace, free := widgets.NewEntry(model.MaxNumberTextLen), widgets.NewEntry(model.MaxNumberTextLen)
	grace.SetText("0")
	free.SetText("0")
	title := tr.T("Add tariff")
	if t != nil {
		title = tr.T("Edit tariff")
		name.SetText(t.Name)
		cur = widgets.NewCurrencyPicker(string(t.Currency))
		desc.SetText(t.Description)
		grace.SetText(strconv.Itoa(t.GraceSeconds))
		free.SetText(strconv.Itoa(t.FreeSeconds))
		if t.Customers > 0 {
			cur.Disable()
		}
	}
	form.Add("name", tr.T("Name"), name)
	form.Add("currency", tr.T("Currency"), cur)
	if t != nil && t.Customers > 0 {
		form.SetHint("currency", tr.T("Locked: %d customers use this tariff.", t.Customers))
	}
	form.Add("description", tr.T("Description"), desc)
	form.Add("grace_seconds", tr.T("Grace seconds"), grace)
	form.SetHint("grace_seconds", tr.T("A call of at most this many seconds costs nothing; 0 to 3600."))
	form.Add("free_seconds", tr.T("Free seconds"), free)
	form.SetHint("free_seconds", tr.T("The first seconds of every longer call that are not billed; 0 to 3600."))
	var saved model.Tariff
	read := func() (func() error, error) {
		var es model.Errors
		g, e1 := widgets.ParseCount("grace_seconds", grace.Text)
		f, e2 := widgets.ParseCount("free_seconds", free.Text)
		for _, e := range []*model.Error{e1, e2} {
			if e != nil {
				es = append(es, e)
			}
		}
		in := model.TariffInput{Name: name.Text, Currency: widgets.CurrencyOf(cur.Text), Description: desc.Text,
			GraceSeconds: g, FreeSeconds: f}
		if len(es) > 0 {
			in.Normalize()
			for _, e := range model.FieldErrors(in.Validate()) {
				if es.For(e.Field) == nil {
					es = append(es, e)
				}
			}
			return nil, es
		}
		return func() (err error) {
			if t == nil {
				saved, err = w.store.CreateTariff(context.Background(), w.env.Session(), in)
			} else {
				saved, err = w.store.UpdateTariff(context.Background(), w.env.Session(), t.ID, in)
			}
			return err
		}, nil
	}
	widgets.ShowFormDialog(w.env, widgets.FormSpec{Title: title, Form: form, Focus: name, Read: read,
		Saved: func(bool) {
			w.reloadSelecting(saved.ID)
			if w.OnChanged != nil {
				w.OnChanged()
			}
			w.Win.Canvas().Focus(w.list)
		}})
}

func (w *Window) deleteTariff() {
	if w.selected < 0 {
		return
	}
	t := w.tariffs[w.selected]
	tr := w.env.Tr
	if t.Customers > 0 {
		widgets.ShowError(w.Win, w.env.Tr, &model.Error{Code: model.CodeInUse, Params: map[string]any{"customers": t.Customers}})
		return
	}
	widgets.Confirm(w.Win, w.env.Tr, tr.T("Delete tariff"), tr.T("Delete the tariff %s with its %d rates?", t.Name, t.Rates),
		tr.T("Delete"), func() {
			if err := w.store.DeleteTariff(context.Background(), w.env.Session(), t.ID); err != nil {
				widgets.ShowError(w.Win, w.env.Tr, err)
				return
			}
			w.reload()
		})
}

// editRate shows the rate form, empty for a new rate.
func (w *Window) editRate(r *model.Rate) {
	if w.selected < 0 {
		return
	}
	tariff := w.tariffs[w.selected]
	tr := w.env.Tr
	form := widgets.NewForm(tr)
	prefix, desc := widgets.NewEntry(model.MaxPrefixLen), widgets.NewEntry(model.MaxRateDescriptionLen)
	price, fee := widgets.NewEntry(model.MaxNumberTextLen), widgets.NewEntry(model.MaxNumberTextLen)
	first, next := widgets.NewEntry(model.MaxNumberTextLen), widgets.NewEntry(model.MaxNumberTextLen)
	first.SetText("60")
	next.SetText("60")
	grace, free := widgets.NewEntry(model.MaxNumberTextLen), widgets.NewEntry(model.MaxNumberTextLen)
	from, ends := widgets.NewEntry(model.MaxDateTextLen), widgets.NewEntry(model.MaxDateTextLen)
	from.SetPlaceHolder(tr.DatePattern())
	ends.SetPlaceHolder(tr.DatePattern())
	zone := w.zone()
	var was model.Rate // the rate as it was, whose bounds a date left as shown keeps
	fee.SetText(tr.Decimal(decimal.Zero, tariff.Currency.MinorUnits()))
	title := tr.T("Add rate")
	id := model.ID(0)
	if r != nil {
		title, id = tr.T("Edit rate"), r.ID
		prefix.SetText(r.Prefix)
		desc.SetText(r.Description)
		price.SetText(tr.Decimal(r.Price, widgets.ShownPlaces(r.Price, 2)))
		fee.SetText(tr.Decimal(r.ConnectFee, widgets.ShownPlaces(r.ConnectFee, 2)))
		first.SetText(fmt.Sprint(r.FirstInterval))
		next.SetText(fmt.Sprint(r.NextInterval))
		if r.GraceSeconds != nil {
			grace.SetText(strconv.Itoa(*r.GraceSeconds))
		}
		if r.FreeSeconds != nil {
			free.SetText(strconv.Itoa(*r.FreeSeconds))
		}
		if !r.EffectiveFrom.IsZero() {
			from.SetText(tr.Date(r.EffectiveFrom, zone))
		}
		if !r.Ends.IsZero() {
			ends.SetText(tr.Date(r.Ends, zone))
		}
		was = *r
	}
	form.Add("prefix", tr.T("Destination prefix"), prefix)
	form.Add("description", tr.T("Description"), desc)
	form.Add("price", tr.T("Price per minute (%s)", string(tariff.Currency)), price)
	form.Add("connect_fee", tr.T("Connect fee (%s)", string(tariff.Currency)), fee)
	form.Add("first_interval", tr.T("First interval (seconds)"), first)
	form.Add("next_interval", tr.T("Next interval (seconds)"), next)
	form.Add("grace_seconds", tr.T("Grace seconds"), grace)
	form.SetHint("grace_seconds", tr.T("Empty: the tariff's (%d s).", tariff.GraceSeconds))
	form.Add("free_seconds", tr.T("Free seconds"), free)
	form.SetHint("free_seconds", tr.T("Empty: the tariff's (%d s).", tariff.FreeSeconds))
	form.Add("effective_from", tr.T("Effective from"), from)
	form.SetHint("effective_from", tr.T("The first day the rate applies, as %s, from midnight in your time zone; empty: always.", tr.DatePattern()))
	form.Add("ends", tr.T("Ends"), ends)
	form.SetHint("ends", tr.T("The first day the rate no longer applies, as %s; empty: until further notice.", tr.DatePattern()))
	read := func() (func() error, error) {
		var es model.Errors
		collect := func(e *model.Error) {
			if e != nil {
				es = append(es, e)
			}
		}
		p, e1 := widgets.ParseAmount(tr, "price", price.Text)
		f, e2 := widgets.ParseAmount(tr, "connect_fee", fee.Text)
		fi, e3 := widgets.ParseCount("first_interval", first.Text)
		ni, e4 := widgets.ParseCount("next_interval", next.Text)
		collect(e1)
		collect(e2)
		collect(e3)
		collect(e4)
		rate := model.Rate{ID: id, Prefix: prefix.Text, Description: desc.Text, Price: p, ConnectFee: f,
			FirstInterval: fi, NextInterval: ni}
		var e *model.Error
		rate.GraceSeconds, e = optionalSeconds("grace_seconds", grace.Text)
		collect(e)
		rate.FreeSeconds, e = optionalSeconds("free_seconds", free.Text)
		collect(e)
		rate.EffectiveFrom, e = w.readDay("effective_from", from.Text, was.EffectiveFrom, zone)
		collect(e)
		rate.Ends, e = w.readDay("ends", ends.Text, was.Ends, zone)
		collect(e)
		rate.Normalize()
		for _, e := range model.FieldErrors(rate.Validate()) {
			if es.For(e.Field) == nil {
				es = append(es, e)
			}
		}
		if len(es) > 0 {
			return nil, es
		}
		return func() error {
			_, err := w.store.SaveRate(context.Background(), w.env.Session(), tariff.ID, rate)
			return err
		}, nil
	}
	// Two columns: the price on the left, the allowances and the period on
	// the right, so the form with its hints fits the window's height.
	widgets.ShowFormDialog(w.env, widgets.FormSpec{Title: title, Form: form, Focus: prefix, Read: read,
		Content: container.New(&widgets.MaxWidthLayout{Width: 940}, form.Columns(6)),
		Saved:   func(bool) { w.reloadRates() }})
}

func (w *Window) deleteRate() {
	if w.selected < 0 || w.rate < 0 || w.rate >= len(w.rates) {
		return
	}
	r := w.rates[w.rate]
	if err := w.store.DeleteRate(context.Background(), w.env.Session(), w.tariffs[w.selected].ID, r.ID); err != nil {
		widgets.ShowError(w.Win, w.env.Tr, err)
		return
	}
	w.reloadRates()
}

// reloadRates reads the tariff list (for its counts) and the rates again.
func (w *Window) reloadRates() {
	w.reload()
}

// optionalSeconds reads grace or free seconds of a rate: empty is nil, the
// tariff's.
func optionalSeconds(field, text string) (*int, *model.Error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	n, e := widgets.ParseCount(field, text)
	if e != nil {
		return nil, e
	}
	return &n, nil
}

// readDay reads a rate's bound typed as a date: empty is open, and a date
// is midnight at the start of that day in zone. A date left as the form
// showed it keeps the bound it showed (was), which need not be a midnight
// there.
func (w *Window) readDay(field, text string, was time.Time, zone *time.Location) (time.Time, *model.Error) {
	tr := w.env.Tr
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, nil
	}
	if !was.IsZero() && text == tr.Date(was, zone) {
		return was, nil
	}
	day, err := tr.ParseDate(text, zone)
	if err != nil {
		return time.Time{}, model.FieldError(field, model.CodeInvalid, map[string]any{"date": tr.DatePattern()})
	}
	return day, nil
}
