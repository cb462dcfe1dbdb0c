package accounts

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// cardsDialog is "Accounts → Generate…": a batch of prepaid cards for one
// customer. The store makes the whole batch in one transaction, which can
// take seconds, so it runs in the background with a progress bar; Cancel
// stops it and the store keeps nothing.
type cardsDialog struct {
	s      *Screens
	cust   model.Customer
	zone   *time.Location
	dialog *dialog.CustomDialog
	form   *widgets.Form
	// tariffs are those the customer may use (Screens.accountTariffs).
	tariffs []model.Tariff

	count, prefix, digits, pinLength *widgets.Entry
	balance, description, expires    *widgets.Entry
	currency                         *widgets.SearchEntry
	tariff                           *tariffPicker
	keys                             *widgets.KeyTarget

	body     *fyne.Container
	status   *widget.Label
	bar      *widget.ProgressBar
	generate *widgets.KeyButton
	cancel   *widgets.KeyButton

	// stop cancels the batch running now; nil when none runs, so a second
	// Generate (a double click, Enter) never starts another batch.
	stop context.CancelFunc
	// shown is the progress in percent the bar was last told, so the
	// workers' reports ask the UI for a redraw at most 100 times.
	mu    sync.Mutex
	shown int
	// result is the dialog showing the batch made, for tests.
	result *cardsResult
}

// ShowGenerateCards opens the Generate form for the customer selected in
// the tree.
func (s *Screens) ShowGenerateCards() { s.openGenerateCards() }

// openGenerateCards is ShowGenerateCards returning the dialog, or nil when
// the customer cannot have cards or the right is missing.
func (s *Screens) openGenerateCards() *cardsDialog {
	tr := s.tr
	cust, ok := s.hooks.Customer(model.RightAccountsAdd)
	if !ok {
		return nil
	}
	if cust.IsRoot() {
		widgets.ShowInfo(s.win, s.tr, tr.T("Prepaid cards"), tr.T("Prepaid cards belong to a customer below the root. Select one in the tree first."))
		return nil
	}
	tariffs, err := s.accountTariffs(cust)
	if err != nil {
		s.showError(err)
		return nil
	}
	d := &cardsDialog{s: s, cust: cust, zone: s.zone(), form: widgets.NewForm(tr), tariffs: tariffs}
	d.build()
	d.dialog.Show()
	widgets.BindKeys(s.win, d.dialog, d.keys, d.body, d.cancel, d.generate)
	s.win.Canvas().Focus(d.count)
	return d
}

// build makes the form, its buttons and the dialog.
func (d *cardsDialog) build() {
	tr := d.s.tr
	d.count = widgets.NewEntry(model.MaxNumberTextLen)
	d.prefix = widgets.NewEntry(model.MaxLoginLen)
	d.prefix.SetText("card")
	d.digits = widgets.NewEntry(model.MaxNumberTextLen)
	d.digits.SetText("6")
	d.pinLength = widgets.NewEntry(model.MaxNumberTextLen)
	d.pinLength.SetText("8")
	d.balance = widgets.NewEntry(model.MaxNumberTextLen)
	d.balance.SetText(tr.Decimal(decimal.Zero, d.cust.Currency.MinorUnits()))
	d.currency = widgets.NewChoice(d.s.currenciesFrom(d.cust.Currency), string(d.cust.Currency))
	d.tariff = newTariffPicker(tr, d.cust, d.tariffs)
	d.tariff.follow(d.currency)
	d.description = widgets.NewEntry(model.MaxAccountDescriptionLen)
	d.expires = widgets.NewEntry(model.MaxDateTextLen)
	d.expires.SetPlaceHolder(tr.DatePattern())

	f := d.form
	f.Add("count", tr.T("Number of cards"), d.count)
	f.Add("prefix", tr.T("Username prefix"), d.prefix)
	f.Add("digits", tr.T("Digits"), d.digits)
	f.Add("pin_length", tr.T("PIN length"), d.pinLength)
	f.Add("balance", tr.T("Opening balance"), d.balance)
	f.Add("currency", tr.T("Currency"), d.currency)
	f.Add("tariff", tr.T("Tariff"), d.tariff.entry)
	f.Add("expires", tr.T("Expiry date"), d.expires)
	f.Add("description", tr.T("Description"), d.description)
	f.SetHint("expires", tr.T("The last day the cards can be used, as %s; leave it empty if they never expire.", tr.DatePattern()))
	d.prefix.OnChanged = func(string) { d.showExample() }
	d.digits.OnChanged = func(string) { d.showExample() }
	d.showExample()

	submit := d.s.guard(d.submit)
	d.keys = &widgets.KeyTarget{Enter: submit, Escape: d.s.guard(d.cancelTapped)}
	note := widget.NewLabel(tr.T("Every card gets a random PIN. Branchbook keeps only a hash of each PIN, so the PINs can be exported only right after the cards are made."))
	note.Wrapping = fyne.TextWrapWord
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.status.Hide()
	d.bar = widget.NewProgressBar()
	d.bar.Hide()
	d.cancel = widgets.NewKeyButton(tr.T("Cancel"), d.keys.Escape, nil)
	d.generate = widgets.NewKeyButton(tr.T("Generate cards"), submit, nil)
	d.generate.Importance = widget.HighImportance
	// Two columns: with an error under every field, one would not fit a
	// window of ordinary height.
	d.body = container.NewVBox(note, f.Columns(5), d.bar, d.status)
	d.dialog = dialog.NewCustomWithoutButtons(tr.T("Generate prepaid cards for %s", d.cust.Name),
		container.New(&widgets.MaxWidthLayout{Width: 960}, d.body), d.s.win)
	d.dialog.SetButtons([]fyne.CanvasObject{d.cancel, d.generate})
	d.dialog.SetOnClosed(func() {
		if d.stop != nil {
			d.stop()
		}
	})
}

// showExample shows, under Digits, the username the prefix and digits make.
func (d *cardsDialog) showExample() {
	n, err := strconv.Atoi(strings.TrimSpace(d.digits.Text))
	defer d.relayout()
	if err != nil || n < model.MinCardDigits || n > model.MaxCardDigits {
		d.form.SetHint("digits", "")
		return
	}
	d.form.SetHint("digits", d.s.tr.T("Example: %s. If the prefix is in use already, numbering continues after its highest number.",
		cardUsername(strings.TrimSpace(d.prefix.Text), n, 1)))
}

// cardUsername is the username of card number serial, as the store makes it.
func cardUsername(prefix string, digits int, serial int64) string {
	return fmt.Sprintf("%s%0*d", prefix, digits, serial)
}

// input reads the form: numbers and the date that cannot be read, then the
// model's own rules, every problem at once.
func (d *cardsDialog) input() (model.CardBatch, error) {
	tr := d.s.tr
	var es model.Errors
	keep := func(e *model.Error) {
		if e != nil {
			es = append(es, e)
		}
	}
	code, e := d.currency.Chosen("currency")
	keep(e)
	b := model.CardBatch{Prefix: d.prefix.Text, Description: d.description.Text, Currency: model.Currency(code)}
	b.TariffID, e = d.tariff.chosen()
	keep(e)
	b.Count, e = parseWhole(tr, "count", d.count.Text)
	keep(e)
	b.Digits, e = parseWhole(tr, "digits", d.digits.Text)
	keep(e)
	b.PINLength, e = parseWhole(tr, "pin_length", d.pinLength.Text)
	keep(e)
	b.Balance, e = widgets.ParseAmount(tr, "balance", d.balance.Text)
	keep(e)
	b.ExpiresAt, e = d.expiry(time.Now())
	keep(e)
	b.Normalize()
	for _, e := range model.FieldErrors(b.Validate()) {
		if es.For(e.Field) == nil {
			es = append(es, e)
		}
	}
	return b, es.Err()
}

// expiry reads the last day the cards may be used; they expire at the
// start of the day after, in the viewer's time zone. Empty is never.
func (d *cardsDialog) expiry(now time.Time) (time.Time, *model.Error) {
	text := strings.TrimSpace(d.expires.Text)
	if text == "" {
		return time.Time{}, nil
	}
	day, err := d.s.tr.ParseDate(text, d.zone)
	if err != nil {
		return time.Time{}, model.FieldError("expires", model.CodeInvalid, map[string]any{"date": true})
	}
	end := day.AddDate(0, 0, 1)
	if !end.After(now) {
		return time.Time{}, model.FieldError("expires", model.CodeOutOfRange, map[string]any{"past": true})
	}
	return end, nil
}

// parseWhole reads a whole number, with or without the language's group
// separators ("10,000" in English, "10.000" in German).
func parseWhole(tr *i18n.Translator, field, text string) (int, *model.Error) {
	n, e := widgets.ParseCount(field, text)
	if e == nil || e.Code == model.CodeRequired {
		return n, e
	}
	v, err := tr.ParseDecimal(text)
	if err != nil || !v.IsInteger() {
		return 0, e
	}
	// Far beyond any limit: the range check reports it.
	limit := decimal.NewFromInt(1_000_000_000)
	return int(decimal.Min(decimal.Max(v, limit.Neg()), limit).IntPart()), nil
}

// submit checks the form and starts the batch.
func (d *cardsDialog) submit() {
	if d.stop != nil {
		return
	}
	b, err := d.input()
	if err != nil {
		d.showErrors(err)
		return
	}
	d.form.ClearErrors()
	d.start(b)
}

// showErrors puts each problem under its field, worded for cards.
func (d *cardsDialog) showErrors(err error) {
	f := d.form
	defer d.relayout()
	f.ClearErrors()
	es := model.FieldErrors(err)
	if len(es) == 0 {
		f.SetError("", widgets.ErrorText(d.s.tr, err))
		return
	}
	for _, e := range es {
		f.SetError(e.Field, cardErrorText(d.s.tr, e))
	}
	if in, ok := f.FirstError().(fyne.Focusable); ok {
		d.s.win.Canvas().Focus(in)
	}
}

// start runs the batch in the background. The session and store are read
// here, on the UI goroutine.
func (d *cardsDialog) start(b model.CardBatch) {
	s := d.s
	store, sess, id := s.store, s.session(), d.cust.ID
	ctx, stop := context.WithCancel(context.Background())
	d.stop = stop
	d.shown = 0
	d.setRunning(true)
	s.background(func() {
		cards, err := store.GenerateCards(ctx, sess, id, b, d.progress)
		fyne.Do(s.guard(func() { d.finished(ctx, b, cards, err) }))
	})
}

// progress hears from the store's workers; the bar is redrawn on the UI
// goroutine, only when the percentage grows.
func (d *cardsDialog) progress(done, total int) {
	if total <= 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	pct := int(int64(done) * 100 / int64(total))
	if pct <= d.shown {
		return
	}
	d.shown = pct
	fyne.Do(func() { d.bar.SetValue(float64(pct) / 100) })
}

// finished shows what became of the batch.
func (d *cardsDialog) finished(ctx context.Context, b model.CardBatch, cards []model.Card, err error) {
	tr := d.s.tr
	cancelled := ctx.Err() != nil // read before stop, which cancels too
	d.stop()
	d.stop = nil
	d.setRunning(false)
	switch {
	case err == nil:
		d.dialog.Hide()
		d.s.hooks.OnAccountsChanged(d.cust.ID)
		d.result = d.s.showCardsResult(d.cust, b, cards, d.zone)
	case cancelled:
		d.status.SetText(tr.T("Cancelled: no cards were made."))
		d.status.Show()
		d.relayout()
	default:
		d.status.Hide()
		d.showErrors(err)
	}
}

// cancelTapped stops a running batch, or closes the form when none runs.
func (d *cardsDialog) cancelTapped() {
	if d.stop == nil {
		d.dialog.Hide()
		return
	}
	d.stop()
	d.status.SetText(d.s.tr.T("Cancelling…"))
}

// setRunning locks the form while a batch runs, and shows the bar.
func (d *cardsDialog) setRunning(on bool) {
	tr := d.s.tr
	inputs := []fyne.Disableable{d.count, d.prefix, d.digits, d.pinLength, d.balance, d.currency, d.tariff.entry, d.expires, d.description, d.generate}
	for _, in := range inputs {
		if on {
			in.Disable()
		} else {
			in.Enable()
		}
	}
	d.bar.SetValue(0)
	d.status.SetText(tr.T("Generating cards… Cancel stops it, and then no card is made."))
	for _, o := range []fyne.CanvasObject{d.bar, d.status} {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	d.relayout()
}

// relayout fits the dialog to its content after lines under the fields
// came or went; a pop-up keeps its first size otherwise.
func (d *cardsDialog) relayout() {
	if d.dialog != nil {
		d.dialog.Refresh()
	}
}

// cardErrorText words the errors of the Generate form; the rest are the
// usual ones.
func cardErrorText(tr *i18n.Translator, e *model.Error) string {
	p := e.Params
	switch {
	case e.Field == "count" && e.Code == model.CodeOutOfRange:
		return tr.T("Enter a number from %d to %d.", 1, model.MaxCards)
	case e.Field == "digits" && e.Code == model.CodeOutOfRange:
		return digitsErrorText(tr, p)
	case e.Field == "prefix" && e.Code == model.CodeInvalidChars:
		return tr.T("Use only letters, digits and . _ - @ (no spaces).")
	case e.Field == "prefix" && e.Code == model.CodeTooShort:
		return tr.T("With these digits, the prefix needs at least %d characters.", p["min"])
	case e.Field == "prefix" && e.Code == model.CodeTooLong:
		return tr.T("With these digits, the prefix can have at most %d characters.", p["max"])
	case e.Field == "pin_length" && e.Code == model.CodeOutOfRange:
		return tr.T("Use a PIN length from %d to %d.", model.MinPINLength, model.MaxPINLength)
	case e.Field == "balance" && e.Code == model.CodeOutOfRange:
		return tr.T("The opening balance cannot be negative.")
	case e.Field == "expires" && e.Code == model.CodeInvalid:
		return tr.T("Write the date as %s, or leave it empty.", tr.DatePattern())
	case e.Field == "expires" && e.Code == model.CodeOutOfRange:
		return tr.T("This day has passed; choose today or a later day.")
	case e.Code == model.CodeInvalid && p["root_accounts"] != nil:
		return tr.T("Prepaid cards belong to a customer below the root. Select one in the tree first.")
	}
	return widgets.ErrorText(tr, e)
}

// digitsErrorText says why the digits cannot number the batch: out of
// bounds, too few for the count, or too few numbers left after the cards
// made before with the same prefix.
func digitsErrorText(tr *i18n.Translator, p map[string]any) string {
	switch {
	case p["free"] != nil:
		return tr.T("%d numbers are still free with this prefix and these digits: not enough for %d cards. Use more digits or another prefix.",
			p["free"], p["count"])
	case p["count"] != nil:
		return tr.T("Too few digits for %d cards; use more digits.", p["count"])
	}
	return tr.T("Use from %d to %d digits.", model.MinCardDigits, model.MaxCardDigits)
}

// cardsResult shows a batch just made and offers its export. The PINs are
// in plain text in memory only here: closing drops them.
type cardsResult struct {
	s        *Screens
	dialog   *dialog.CustomDialog
	batch    model.CardBatch
	cards    []model.Card
	zone     *time.Location
	exported bool
	body     *fyne.Container
	summary  *widget.Label
	status   *widget.Label
	export   *widgets.KeyButton
	close    *widgets.KeyButton
}

// showCardsResult says how many cards were made and from which username to
// which, and warns that the PINs are lost unless exported now.
func (s *Screens) showCardsResult(cust model.Customer, b model.CardBatch, cards []model.Card, zone *time.Location) *cardsResult {
	tr := s.tr
	r := &cardsResult{s: s, batch: b, cards: cards, zone: zone}
	first, last := cards[0].Username, cards[len(cards)-1].Username
	made := tr.T("%d cards were made for %s: %s to %s.", len(cards), cust.Name, first, last)
	if len(cards) == 1 {
		made = tr.T("One card was made for %s: %s.", cust.Name, first)
	}
	r.summary = widget.NewLabel(made)
	r.summary.Wrapping = fyne.TextWrapWord
	warning := widget.NewLabel(tr.T("The PINs are in this window only, in plain text, until you close it: Branchbook keeps only a hash of each and cannot show them again. Export them now and keep the file safe."))
	warning.Wrapping = fyne.TextWrapWord
	warning.Importance = widget.WarningImportance
	zeros := widget.NewLabel(tr.T("PINs may begin with 0: open the PIN column as text in a spreadsheet."))
	zeros.Wrapping = fyne.TextWrapWord
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord
	r.status.Hide()
	r.close = widgets.NewKeyButton(tr.T("Close"), s.guard(r.askClose), s.guard(r.askClose))
	r.export = widgets.NewKeyButton(tr.T("Export CSV…"), s.guard(r.askExport), s.guard(r.askClose))
	r.export.Importance = widget.HighImportance
	r.body = container.NewVBox(r.summary, warning, zeros, r.status)
	r.dialog = dialog.NewCustomWithoutButtons(tr.T("Cards generated"), container.New(&widgets.MaxWidthLayout{Width: 520}, r.body), s.win)
	r.dialog.SetButtons([]fyne.CanvasObject{r.close, r.export})
	r.dialog.SetOnClosed(func() { r.cards = nil })
	r.dialog.Show()
	widgets.BindKeys(s.win, r.dialog, &widgets.KeyTarget{Enter: r.export.OnTapped, Escape: r.close.OnTapped}, r.body, r.close, r.export)
	s.win.Canvas().Focus(r.export)
	return r
}

// askClose closes, asking first while the PINs were never exported.
func (r *cardsResult) askClose() {
	if r.exported {
		r.dialog.Hide()
		return
	}
	tr := r.s.tr
	widgets.Confirm(r.s.win, r.s.tr, tr.T("Close without exporting?"),
		tr.T("These PINs cannot be shown again. Without them, each card needs a new password before it can be used."),
		tr.T("Close without exporting"), r.dialog.Hide)
}

// askExport asks where to write the CSV.
func (r *cardsResult) askExport() {
	tr := r.s.tr
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			r.s.showError(err)
			return
		}
		if w != nil {
			r.saveTo(w)
		}
	}, r.s.win)
	d.SetFileName(fmt.Sprintf("%s-%s.csv", r.cards[0].Username, r.cards[len(r.cards)-1].Username))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(tr.T("Export"))
	d.SetDismissText(tr.T("Cancel"))
	folder, err := os.UserHomeDir()
	if err != nil {
		folder = filepath.Dir(r.s.store.Info().Path)
	}
	widgets.SizeFileDialog(r.s.win, d, folder)
	widgets.ShowFileDialog(r.s.win, d)
}

// saveTo writes the CSV to w and closes it. The file holds PINs, so only
// its owner may read it where the system allows.
func (r *cardsResult) saveTo(w fyne.URIWriteCloser) {
	tr := r.s.tr
	if w.URI().Scheme() == "file" {
		os.Chmod(w.URI().Path(), 0o600)
	}
	err := writeCardsCSV(w, tr, r.batch, r.cards, r.zone)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		r.s.showError(err)
		return
	}
	r.exported = true
	r.status.SetText(tr.T("%d cards with PINs written to %s.", len(r.cards), w.URI().Path()))
	r.status.Show()
	r.dialog.Refresh()
}

// writeCardsCSV writes one row per card: username, PIN, currency, opening
// balance and the last day of use (empty: never), plain for spreadsheets
// and card printers, headers in the user's language.
func writeCardsCSV(w io.Writer, tr *i18n.Translator, b model.CardBatch, cards []model.Card, zone *time.Location) error {
	out := csv.NewWriter(w)
	out.Write([]string{tr.T("Username"), tr.T("PIN"), tr.T("Currency"), tr.T("Opening balance"), tr.T("Expiry date")})
	balance := b.Balance.StringFixed(widgets.ShownPlaces(b.Balance, b.Currency.MinorUnits()))
	expiry := ""
	if !b.ExpiresAt.IsZero() {
		expiry = b.ExpiresAt.Add(-time.Nanosecond).In(zone).Format("2006-01-02")
	}
	for _, card := range cards {
		out.Write([]string{widgets.SafeCell(card.Username), card.PIN, string(b.Currency), balance, expiry})
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}
