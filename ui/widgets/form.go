package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// Field is one row of a form: a label, the input, and a line under the
// input for its error message.
type Field struct {
	Key   string // the model field name errors refer to
	Input fyne.CanvasObject
	Hint  *widget.Label
	Error *widget.Label
}

// Form lays out labelled inputs with an error line under each, and
// shows model errors next to the field they concern. Fyne's own Form shows
// an error only after the user leaves a changed field; a clerk needs every
// problem shown at once when saving, including those only the store knows
// (a duplicate name), so the form keeps its own error lines.
type Form struct {
	tr      *i18n.Translator
	fields  []*Field
	objects []fyne.CanvasObject
	general *widget.Label // errors that concern no single field
}

func NewForm(tr *i18n.Translator) *Form {
	general := widget.NewLabel("")
	general.Importance = widget.DangerImportance
	general.Wrapping = fyne.TextWrapWord
	general.Hide()
	return &Form{tr: tr, general: general}
}

// Add appends a labelled input whose errors are reported under key.
func (f *Form) Add(key, label string, input fyne.CanvasObject) {
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	errLabel.Hide()
	hint := widget.NewLabel("")
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	hint.Hide()
	f.fields = append(f.fields, &Field{Key: key, Input: input, Hint: hint, Error: errLabel})
	f.sayWhenCut(key, input)
	name := widget.NewLabel(label)
	name.TextStyle.Bold = true
	f.objects = append(f.objects, name, container.NewVBox(input, hint, errLabel))
}

// sayWhenCut makes every bounded entry of the field reported as key show
// "Use at most N characters." under it when typing or a paste is cut.
func (f *Form) sayWhenCut(key string, input fyne.CanvasObject) {
	eachObject(input, func(o fyne.CanvasObject) {
		e := entryOf(o)
		if e == nil || e.MaxLen <= 0 {
			return
		}
		e.OnCut = func() {
			f.SetError(key, ErrorText(f.tr, model.FieldError(key, model.CodeTooLong, map[string]any{"max": e.MaxLen})))
		}
	})
}

// entryOf is the bounded Entry that o is or is built on, or nil.
func entryOf(o fyne.CanvasObject) *Entry {
	switch x := o.(type) {
	case *Entry:
		return x
	case *TextArea:
		return &x.Entry
	case *SearchEntry:
		return &x.Entry
	}
	return nil
}

// SetHint shows a quiet note under the field reported as key.
func (f *Form) SetHint(key, text string) {
	if fl := f.Field(key); fl != nil {
		fl.Hint.SetText(text)
		fl.Hint.Hidden = text == ""
		fl.Hint.Refresh()
	}
}

// Entries returns the form's plain Fyne text inputs, whose Enter saves
// through OnSubmitted; this package's own fields pass Enter to the dialog
// themselves (keys.go).
func (f *Form) Entries() []*widget.Entry {
	var out []*widget.Entry
	for _, fl := range f.fields {
		if in, ok := fl.Input.(*widget.Entry); ok && !in.MultiLine {
			out = append(out, in)
		}
	}
	return out
}

func (f *Form) Object() fyne.CanvasObject {
	return container.NewVBox(container.New(layout.NewFormLayout(), f.objects...), f.general)
}

// Columns lays the form out in two Columns, the first n fields on the left,
// for forms too long for one screen.
func (f *Form) Columns(n int) fyne.CanvasObject {
	left := container.New(layout.NewFormLayout(), f.objects[:2*n]...)
	right := container.New(layout.NewFormLayout(), f.objects[2*n:]...)
	return container.NewVBox(container.NewGridWithColumns(2, left, right), f.general)
}

// Fields are the form's fields, in order.
func (f *Form) Fields() []*Field { return f.fields }

// Field returns the Field reported under key, or nil.
func (f *Form) Field(key string) *Field {
	for _, fl := range f.fields {
		if fl.Key == key {
			return fl
		}
	}
	return nil
}

// Entry returns the text entry of the field reported under key: the input
// itself, or the first entry of an input laid out with a button beside it
// (a password and its Generate button). It is nil when there is none.
func (f *Form) Entry(key string) *widget.Entry {
	fl := f.Field(key)
	if fl == nil {
		return nil
	}
	var found *widget.Entry
	eachObject(fl.Input, func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		if e, ok := o.(*widget.Entry); ok {
			found = e
		} else if e := entryOf(o); e != nil {
			found = &e.Entry
		}
	})
	return found
}

// ClearErrors hides every error line.
func (f *Form) ClearErrors() {
	for _, fl := range f.fields {
		fl.Error.SetText("")
		fl.Error.Hide()
	}
	f.general.SetText("")
	f.general.Hide()
}

// SetError shows msg under the field reported as key.
func (f *Form) SetError(key, msg string) {
	fl := f.Field(key)
	if fl == nil {
		f.general.SetText(msg)
		f.general.Show()
		return
	}
	fl.Error.SetText(msg)
	fl.Error.Show()
}

// ShowErrors puts each problem in err next to its field (or under the form
// when it concerns none) and returns the input of the first field with an
// error, so the caller can move the focus there.
func (f *Form) ShowErrors(err error) fyne.CanvasObject {
	f.ClearErrors()
	es := model.FieldErrors(err)
	if len(es) == 0 {
		f.SetError("", ErrorText(f.tr, err))
		return nil
	}
	for _, e := range es {
		f.SetError(e.Field, ErrorText(f.tr, e))
	}
	return f.FirstError()
}

// FirstError returns the input of the first field that shows an error, or
// nil.
func (f *Form) FirstError() fyne.CanvasObject {
	for _, fl := range f.fields {
		if fl.Error.Visible() {
			return fl.Input
		}
	}
	return nil
}

// ErrorText returns the error shown under key, or "".
func (f *Form) ErrorText(key string) string {
	if fl := f.Field(key); fl != nil && fl.Error.Visible() {
		return fl.Error.Text
	}
	if key == "" && f.general.Visible() {
		return f.general.Text
	}
	return ""
}

// ReadBalanceAndCredit reads a form's opening balance (nil when the form
// has none: the balance of an existing customer or account is read-only)
// and credit limit, in the user's language, each problem as an error on
// its field.
func ReadBalanceAndCredit(tr *i18n.Translator, balance, credit *Entry) (decimal.Decimal, decimal.Decimal, model.Errors) {
	var es model.Errors
	var opening decimal.Decimal
	if balance != nil {
		d, e := ParseAmount(tr, "balance", balance.Text)
		if e != nil {
			es = append(es, e)
		}
		opening = d
	}
	limit, e := ParseAmount(tr, "credit_limit", credit.Text)
	if e != nil {
		es = append(es, e)
	}
	return opening, limit, es
}

// AddOpeningBalance adds the Opening balance of a new customer, account or
// card batch: zero at first, negative allowed, with hint under it (whose
// currency it is in). Read it with ReadBalanceAndCredit.
func (f *Form) AddOpeningBalance(hint string) *Entry {
	e := NewEntry(model.MaxNumberTextLen)
	e.SetText(f.tr.Decimal(decimal.Zero, 2))
	f.Add("balance", f.tr.T("Opening balance"), e)
	f.SetHint("balance", hint)
	return e
}

// Row is one field of a form declared as a table: its key (the model
// field errors name), its label (already translated) and its input.
type Row struct {
	Key, Label string
	Input      fyne.CanvasObject
}

// AddRows adds rows in order, as Add does one at a time.
func (f *Form) AddRows(rows ...Row) {
	for _, r := range rows {
		f.Add(r.Key, r.Label, r.Input)
	}
}
