package accounts

import (
	"context"
	"encoding/csv"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// VoucherStore is what the Vouchers window asks of the store.
type VoucherStore interface {
	CreateVouchers(ctx context.Context, s model.Session, customer model.ID, in model.VoucherBatchInput,
		progress func(done, total int)) (model.VoucherBatch, []model.VoucherCode, error)
	VoucherBatches(ctx context.Context, s model.Session, customer model.ID) ([]model.VoucherBatch, error)
	VoucherRedemptions(ctx context.Context, s model.Session, batch model.ID) ([]model.VoucherRedemption, error)
	VoidVouchers(ctx context.Context, s model.Session, batch model.ID, reason string) (int, error)
}

// Vouchers is "Accounts → Vouchers…": the credit voucher batches the
// selected customer issued, with their counts, and the actions on them.
type Vouchers struct {
	s       *Screens
	store   VoucherStore
	cust    model.Customer
	Dialog  *dialog.CustomDialog
	List    *widgets.List
	batches []model.VoucherBatch
	chosen  int
	// New, Redemptions, Void and Close are the buttons.
	New, Redemptions, Void, Close *widgets.KeyButton
	empty                         *widget.Label
	// Made is the batch dialog opened last, for tests.
	Made *VoucherBatchDialog
}

// ShowVouchers opens the Vouchers window of the customer selected in the
// tree, or returns nil when the session lacks the right.
func (s *Screens) ShowVouchers(store VoucherStore) *Vouchers {
	tr := s.tr
	cust, ok := s.hooks.Customer(model.RightVouchers)
	if !ok {
		return nil
	}
	v := &Vouchers{s: s, store: store, cust: cust}
	v.List = widgets.TextList(func() int { return len(v.batches) }, v.line)
	v.List.OnSelected = func(i widget.ListItemID) { v.chosen = i }
	v.empty = widget.NewLabel(tr.T("No vouchers yet: New batch makes some."))
	v.empty.Wrapping = fyne.TextWrapWord
	v.New = widgets.NewKeyButton(tr.T("New batch…"), s.guard(v.newBatch), nil)
	v.New.Importance = widget.HighImportance
	v.Redemptions = widgets.NewKeyButton(tr.T("Redemptions…"), s.guard(v.showRedemptions), nil)
	v.Void = widgets.NewKeyButton(tr.T("Void unused…"), s.guard(v.askVoid), nil)
	v.Close = widgets.NewKeyButton(tr.T("Close"), func() { v.Dialog.Hide() }, nil)
	body := container.NewBorder(v.empty, nil, nil, nil, v.List)
	v.Dialog = dialog.NewCustomWithoutButtons(tr.T("Vouchers of %s", cust.Name), body, s.win)
	v.Dialog.SetButtons([]fyne.CanvasObject{v.Close, v.Void, v.Redemptions, v.New})
	v.Dialog.Resize(fyne.NewSize(900, 480))
	v.Dialog.Show()
	widgets.BindKeys(s.win, v.Dialog, &widgets.KeyTarget{Enter: v.New.OnTapped}, v.List, v.Close, v.Void, v.Redemptions, v.New)
	s.win.Canvas().Focus(v.New)
	v.Load()
	return v
}

// Load reads the batches again.
func (v *Vouchers) Load() {
	bs, err := v.store.VoucherBatches(context.Background(), v.s.session(), v.cust.ID)
	if err != nil {
		v.s.showError(err)
		return
	}
	v.batches = bs
	if v.chosen >= len(bs) {
		v.chosen = 0
	}
	if len(bs) > 0 {
		v.List.Select(v.chosen)
		v.empty.Hide()
	} else {
		v.empty.Show()
	}
	for _, b := range []*widgets.KeyButton{v.Redemptions, v.Void} {
		if len(bs) == 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	v.List.Refresh()
}

// Batches are the batches shown, newest first.
func (v *Vouchers) Batches() []model.VoucherBatch { return v.batches }

// line is one batch: what, how many of each state, what they are worth.
func (v *Vouchers) line(i int) string {
	return VoucherBatchLine(v.s.tr, v.batches[i], v.s.zone())
}

// VoucherBatchLine describes a batch in one line.
func VoucherBatchLine(tr *i18n.Translator, b model.VoucherBatch, zone *time.Location) string {
	label := b.Label
	if label == "" {
		label = "#" + fmt.Sprint(b.ID)
	}
	value := widgets.MoneyText(tr, b.Value.Amount, b.Value.Currency)
	return tr.T("%s: %d × %s, expire %s · unused %d, used %d, expired %d, void %d · used %s, unused %s",
		label, b.Count, value, tr.Date(b.ExpiresAt.Add(-time.Nanosecond), zone), b.Unused, b.Used, b.Expired, b.Void,
		widgets.MoneyText(tr, b.UsedValue(), b.Value.Currency), widgets.MoneyText(tr, b.UnusedValue(), b.Value.Currency))
}

func (v *Vouchers) selected() (model.VoucherBatch, bool) {
	if v.chosen < 0 || v.chosen >= len(v.batches) {
		return model.VoucherBatch{}, false
	}
	return v.batches[v.chosen], true
}

// showRedemptions lists the redeemed codes of the selected batch.
func (v *Vouchers) showRedemptions() {
	b, ok := v.selected()
	if !ok {
		return
	}
	tr := v.s.tr
	rs, err := v.store.VoucherRedemptions(context.Background(), v.s.session(), b.ID)
	if err != nil {
		v.s.showError(err)
		return
	}
	zone := v.s.zone()
	lines := make([]string, len(rs))
	for i, r := range rs {
		lines[i] = fmt.Sprintf("%s… · %s · %s · %s", model.GroupVoucherDigits(fmt.Sprintf("%0*d", model.VoucherSerialDigits, r.Serial)),
			r.Username, tr.DateTime(r.At, zone), widgets.MoneyText(tr, r.Booked.Amount, r.Booked.Currency))
	}
	var content fyne.CanvasObject = widget.NewLabel(tr.T("No code of this batch was redeemed yet."))
	if len(lines) > 0 {
		list := widgets.TextList(func() int { return len(lines) }, func(i int) string { return lines[i] })
		content = minSized(list, fyne.NewSize(640, 320))
	}
	widgets.ShowMessage(v.s.win, tr, tr.T("Redemptions of %s", VoucherBatchLabel(tr, b)), content)
}

// VoucherBatchLabel names a batch: its label, or its number.
func VoucherBatchLabel(tr *i18n.Translator, b model.VoucherBatch) string {
	if b.Label != "" {
		return b.Label
	}
	return "#" + fmt.Sprint(b.ID)
}

// askVoid asks for the reason and voids the selected batch's unused codes.
func (v *Vouchers) askVoid() {
	b, ok := v.selected()
	if !ok {
		return
	}
	tr := v.s.tr
	form := widgets.NewForm(tr)
	reason := widgets.NewEntry(model.MaxVoidReasonLen)
	form.Add("reason", tr.T("Reason"), reason)
	note := widget.NewLabel(tr.T("Every code of %s that is neither used nor void stops working now. The reason goes into the audit log.",
		VoucherBatchLabel(tr, b)))
	note.Wrapping = fyne.TextWrapWord
	store, sess := v.store, v.s.session()
	widgets.ShowFormDialog(v.s.env, widgets.FormSpec{
		Title:   tr.T("Void unused vouchers"),
		Form:    form,
		Content: container.New(&widgets.MaxWidthLayout{Width: 520}, container.NewVBox(note, form.Object())),
		Focus:   reason,
		Read: func() (func() error, error) {
			text := reason.Text
			if strings.TrimSpace(text) == "" {
				return nil, model.FieldError("reason", model.CodeRequired, nil)
			}
			return func() error {
				_, err := store.VoidVouchers(context.Background(), sess, b.ID, text)
				return err
			}, nil
		},
		Saved: func(bool) { v.Load() },
	})
}

// newBatch opens the New batch form.
func (v *Vouchers) newBatch() {
	v.Made = v.s.showVoucherBatch(v.store, v.cust, func() { v.Load() })
}

// VoucherBatchDialog is the New batch form: count, value, currency,
// expiry, label; the batch is made in the background with a progress
// bar, and Cancel stops it with nothing made.
type VoucherBatchDialog struct {
	s      *Screens
	store  VoucherStore
	cust   model.Customer
	Dialog *dialog.CustomDialog
	form   *widgets.Form
	// The fields.
	Count, Value, Expires, Label *widgets.Entry
	Currency                     *widgets.SearchEntry
	Make, cancel                 *widgets.KeyButton
	keys                         *widgets.KeyTarget
	body                         *fyne.Container
	bar                          *widget.ProgressBar
	status                       *widget.Label
	stop                         context.CancelFunc
	mu                           sync.Mutex
	shown                        int
	onMade                       func()
	// Result is the dialog showing the codes made, for tests.
	Result *VoucherCodes
}

func (s *Screens) showVoucherBatch(store VoucherStore, cust model.Customer, onMade func()) *VoucherBatchDialog {
	tr := s.tr
	d := &VoucherBatchDialog{s: s, store: store, cust: cust, form: widgets.NewForm(tr), onMade: onMade}
	first := cust.Currency
	if first == "" {
		first = model.USD
	}
	d.Count = widgets.NewEntry(model.MaxNumberTextLen)
	d.Value = widgets.NewEntry(model.MaxNumberTextLen)
	d.Currency = widgets.NewChoice(s.currenciesFrom(first), string(first))
	d.Expires = widgets.NewEntry(model.MaxDateTextLen)
	d.Expires.SetPlaceHolder(tr.DatePattern())
	d.Expires.SetText(tr.Date(time.Now().AddDate(1, 0, 0), s.zone()))
	d.Label = widgets.NewEntry(model.MaxVoucherLabelLen)
	f := d.form
	f.Add("count", tr.T("Number of vouchers"), d.Count)
	f.Add("value", tr.T("Value"), d.Value)
	f.Add("currency", tr.T("Currency"), d.Currency)
	f.Add("expires", tr.T("Expiry date"), d.Expires)
	f.Add("label", tr.T("Label"), d.Label)
	f.SetHint("expires", tr.T("The last day the codes can be redeemed, as %s.", tr.DatePattern()))
	submit := s.guard(d.submit)
	d.keys = &widgets.KeyTarget{Enter: submit, Escape: s.guard(d.cancelTapped)}
	note := widget.NewLabel(tr.T("Every code is random. Branchbook keeps only a hash of each, so the codes can be exported only right after they are made. Accounts of %s and of its customers can redeem them.", cust.Name))
	note.Wrapping = fyne.TextWrapWord
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.status.Hide()
	d.bar = widget.NewProgressBar()
	d.bar.Hide()
	d.cancel = widgets.NewKeyButton(tr.T("Cancel"), d.keys.Escape, nil)
	d.Make = widgets.NewKeyButton(tr.T("Make vouchers"), submit, nil)
	d.Make.Importance = widget.HighImportance
	d.body = container.NewVBox(note, f.Object(), d.bar, d.status)
	d.Dialog = dialog.NewCustomWithoutButtons(tr.T("New voucher batch for %s", cust.Name),
		container.New(&widgets.MaxWidthLayout{Width: 560}, d.body), s.win)
	d.Dialog.SetButtons([]fyne.CanvasObject{d.cancel, d.Make})
	d.Dialog.SetOnClosed(func() {
		if d.stop != nil {
			d.stop()
		}
	})
	d.Dialog.Show()
	widgets.BindKeys(s.win, d.Dialog, d.keys, d.body, d.cancel, d.Make)
	s.win.Canvas().Focus(d.Count)
	return d
}

// input reads the form, every problem at once.
func (d *VoucherBatchDialog) input() (model.VoucherBatchInput, error) {
	tr := d.s.tr
	var es model.Errors
	keep := func(e *model.Error) {
		if e != nil {
			es = append(es, e)
		}
	}
	code, e := d.Currency.Chosen("currency")
	keep(e)
	in := model.VoucherBatchInput{Currency: model.Currency(code), Label: d.Label.Text}
	in.Count, e = parseWhole(tr, "count", d.Count.Text)
	keep(e)
	in.Value, e = widgets.ParseAmount(tr, "value", d.Value.Text)
	keep(e)
	if text := strings.TrimSpace(d.Expires.Text); text == "" {
		keep(model.FieldError("expires", model.CodeRequired, nil))
	} else if day, err := tr.ParseDate(text, d.s.zone()); err != nil {
		keep(model.FieldError("expires", model.CodeInvalid, map[string]any{"date": true}))
	} else {
		in.ExpiresAt = day.AddDate(0, 0, 1)
	}
	in.Normalize()
	for _, e := range model.FieldErrors(in.Validate(time.Now())) {
		if es.For(e.Field) == nil {
			es = append(es, e)
		}
	}
	return in, es.Err()
}

func (d *VoucherBatchDialog) submit() {
	if d.stop != nil {
		return
	}
	in, err := d.input()
	if err != nil {
		d.showErrors(err)
		return
	}
	d.form.ClearErrors()
	store, sess, id := d.store, d.s.session(), d.cust.ID
	ctx, stop := context.WithCancel(context.Background())
	d.stop = stop
	d.shown = 0
	d.setRunning(true)
	d.s.background(func() {
		b, codes, err := store.CreateVouchers(ctx, sess, id, in, d.progress)
		fyne.Do(d.s.guard(func() { d.finished(ctx, b, codes, err) }))
	})
}

func (d *VoucherBatchDialog) progress(done, total int) {
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

func (d *VoucherBatchDialog) finished(ctx context.Context, b model.VoucherBatch, codes []model.VoucherCode, err error) {
	tr := d.s.tr
	cancelled := ctx.Err() != nil
	d.stop()
	d.stop = nil
	d.setRunning(false)
	switch {
	case err == nil:
		d.Dialog.Hide()
		if d.onMade != nil {
			d.onMade()
		}
		d.Result = d.s.showVoucherCodes(d.cust, b, codes)
	case cancelled:
		d.status.SetText(tr.T("Cancelled: no vouchers were made."))
		d.status.Show()
		d.Dialog.Refresh()
	default:
		d.status.Hide()
		d.showErrors(err)
	}
}

func (d *VoucherBatchDialog) cancelTapped() {
	if d.stop == nil {
		d.Dialog.Hide()
		return
	}
	d.stop()
	d.status.SetText(d.s.tr.T("Cancelling…"))
}

func (d *VoucherBatchDialog) setRunning(on bool) {
	for _, in := range []fyne.Disableable{d.Count, d.Value, d.Currency, d.Expires, d.Label, d.Make} {
		if on {
			in.Disable()
		} else {
			in.Enable()
		}
	}
	d.bar.SetValue(0)
	d.status.SetText(d.s.tr.T("Making vouchers… Cancel stops it, and then no voucher is made."))
	for _, o := range []fyne.CanvasObject{d.bar, d.status} {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	d.Dialog.Refresh()
}

func (d *VoucherBatchDialog) showErrors(err error) {
	f := d.form
	defer d.Dialog.Refresh()
	f.ClearErrors()
	es := model.FieldErrors(err)
	if len(es) == 0 {
		f.SetError("", widgets.ErrorText(d.s.tr, err))
		return
	}
	tr := d.s.tr
	for _, e := range es {
		text := widgets.ErrorText(tr, e)
		switch {
		case e.Field == "count" && e.Code == model.CodeOutOfRange:
			text = tr.T("Enter a number from %d to %d.", 1, model.MaxVouchers)
		case e.Field == "value" && e.Code == model.CodeOutOfRange:
			text = tr.T("The value must be more than zero.")
		case e.Field == "expires" && e.Code == model.CodeInvalid:
			text = tr.T("Write the date as %s.", tr.DatePattern())
		case e.Field == "expires" && e.Code == model.CodeOutOfRange:
			text = tr.T("This day has passed; choose today or a later day.")
		}
		f.SetError(e.Field, text)
	}
	if in, ok := f.FirstError().(fyne.Focusable); ok {
		d.s.win.Canvas().Focus(in)
	}
}

// VoucherCodes shows the codes of a batch just made, this once, and
// offers their export. Closing drops them.
type VoucherCodes struct {
	s        *Screens
	Dialog   *dialog.CustomDialog
	batch    model.VoucherBatch
	Codes    []model.VoucherCode
	exported bool
	status   *widget.Label
	Export   *widgets.KeyButton
	Close    *widgets.KeyButton
}

func (s *Screens) showVoucherCodes(cust model.Customer, b model.VoucherBatch, codes []model.VoucherCode) *VoucherCodes {
	tr := s.tr
	r := &VoucherCodes{s: s, batch: b, Codes: codes}
	summary := widget.NewLabel(tr.T("%d vouchers of %s were made for %s.", len(codes),
		widgets.MoneyText(tr, b.Value.Amount, b.Value.Currency), cust.Name))
	summary.Wrapping = fyne.TextWrapWord
	warning := widget.NewLabel(tr.T("The codes are in this window only, until you close it: Branchbook keeps only a hash of each and cannot show them again. Export them now and keep the file safe."))
	warning.Wrapping = fyne.TextWrapWord
	warning.Importance = widget.WarningImportance
	list := widgets.TextList(func() int { return len(r.Codes) }, func(i int) string { return r.Codes[i].Code })
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord
	r.status.Hide()
	r.Close = widgets.NewKeyButton(tr.T("Close"), s.guard(r.askClose), s.guard(r.askClose))
	r.Export = widgets.NewKeyButton(tr.T("Export CSV…"), s.guard(r.askExport), s.guard(r.askClose))
	r.Export.Importance = widget.HighImportance
	top := container.NewVBox(summary, warning)
	body := container.NewBorder(top, r.status, nil, nil, minSized(list, fyne.NewSize(520, 240)))
	r.Dialog = dialog.NewCustomWithoutButtons(tr.T("Vouchers made"), container.New(&widgets.MaxWidthLayout{Width: 600}, body), s.win)
	r.Dialog.SetButtons([]fyne.CanvasObject{r.Close, r.Export})
	r.Dialog.SetOnClosed(func() { r.Codes = nil })
	r.Dialog.Show()
	widgets.BindKeys(s.win, r.Dialog, &widgets.KeyTarget{Enter: r.Export.OnTapped, Escape: r.Close.OnTapped}, body, r.Close, r.Export)
	s.win.Canvas().Focus(r.Export)
	return r
}

func (r *VoucherCodes) askClose() {
	if r.exported {
		r.Dialog.Hide()
		return
	}
	tr := r.s.tr
	widgets.Confirm(r.s.win, tr, tr.T("Close without exporting?"),
		tr.T("These codes cannot be shown again. Without them, nobody can redeem these vouchers; you can void them."),
		tr.T("Close without exporting"), r.Dialog.Hide)
}

func (r *VoucherCodes) askExport() {
	tr := r.s.tr
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			r.s.showError(err)
			return
		}
		if w != nil {
			r.SaveTo(w)
		}
	}, r.s.win)
	d.SetFileName(fmt.Sprintf("vouchers-%d.csv", r.batch.ID))
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

// SaveTo writes the CSV to w and closes it; only its owner may read it
// where the system allows.
func (r *VoucherCodes) SaveTo(w fyne.URIWriteCloser) {
	tr := r.s.tr
	if w.URI().Scheme() == "file" {
		os.Chmod(w.URI().Path(), 0o600)
	}
	err := WriteVouchersCSV(w, tr, r.batch, r.Codes, r.s.zone())
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		r.s.showError(err)
		return
	}
	r.exported = true
	r.status.SetText(tr.T("%d codes written to %s.", len(r.Codes), w.URI().Path()))
	r.status.Show()
	r.Dialog.Refresh()
}

// WriteVouchersCSV writes one row per code: the code in groups, its value,
// currency, last day and the batch's label, headers in the user's language.
func WriteVouchersCSV(w io.Writer, tr *i18n.Translator, b model.VoucherBatch, codes []model.VoucherCode, zone *time.Location) error {
	out := csv.NewWriter(w)
	out.Write([]string{tr.T("Code"), tr.T("Value"), tr.T("Currency"), tr.T("Expiry date"), tr.T("Label")})
	value := b.Value.Amount.StringFixed(widgets.ShownPlaces(b.Value.Amount, b.Value.Currency.MinorUnits()))
	expiry := b.ExpiresAt.Add(-time.Nanosecond).In(zone).Format("2006-01-02")
	for _, c := range codes {
		out.Write([]string{c.Code, value, string(b.Value.Currency), expiry, widgets.SafeCell(b.Label)})
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

// minSized gives o at least size: a list has almost no size of its own.
func minSized(o fyne.CanvasObject, size fyne.Size) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(size)
	return container.NewStack(spacer, o)
}
