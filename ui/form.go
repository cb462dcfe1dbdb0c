package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// formField is one row of a form: a label, the input, and a line under the
// input for its error message.
type formField struct {
	key   string // the model field name errors refer to
	input fyne.CanvasObject
	hint  *widget.Label
	error *widget.Label
}

// fieldForm lays out labelled inputs with an error line under each, and
// shows model errors next to the field they concern. Fyne's own Form shows
// an error only after the user leaves a changed field; a clerk needs every
// problem shown at once when saving, including those only the store knows
// (a duplicate name), so the form keeps its own error lines.
type fieldForm struct {
	tr      *i18n.Translator
	fields  []*formField
	objects []fyne.CanvasObject
	general *widget.Label // errors that concern no single field
}

func newFieldForm(tr *i18n.Translator) *fieldForm {
	general := widget.NewLabel("")
	general.Importance = widget.DangerImportance
	general.Wrapping = fyne.TextWrapWord
	general.Hide()
	return &fieldForm{tr: tr, general: general}
}

// add appends a labelled input whose errors are reported under key.
func (f *fieldForm) add(key, label string, input fyne.CanvasObject) {
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	errLabel.Hide()
	hint := widget.NewLabel("")
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	hint.Hide()
	f.fields = append(f.fields, &formField{key: key, input: input, hint: hint, error: errLabel})
	name := widget.NewLabel(label)
	name.TextStyle.Bold = true
	f.objects = append(f.objects, name, container.NewVBox(input, hint, errLabel))
}

// setHint shows a quiet note under the field reported as key.
func (f *fieldForm) setHint(key, text string) {
	if fl := f.field(key); fl != nil {
		fl.hint.SetText(text)
		fl.hint.Hidden = text == ""
		fl.hint.Refresh()
	}
}

// entries returns the form's text inputs, so Enter in any of them can save.
func (f *fieldForm) entries() []*widget.Entry {
	var out []*widget.Entry
	for _, fl := range f.fields {
		switch in := fl.input.(type) {
		case *widget.Entry:
			if !in.MultiLine {
				out = append(out, in)
			}
		case *searchEntry:
			out = append(out, &in.Entry)
		}
	}
	return out
}

func (f *fieldForm) object() fyne.CanvasObject {
	return container.NewVBox(container.New(layout.NewFormLayout(), f.objects...), f.general)
}

// columns lays the form out in two columns, the first n fields on the left,
// for forms too long for one screen.
func (f *fieldForm) columns(n int) fyne.CanvasObject {
	left := container.New(layout.NewFormLayout(), f.objects[:2*n]...)
	right := container.New(layout.NewFormLayout(), f.objects[2*n:]...)
	return container.NewVBox(container.NewGridWithColumns(2, left, right), f.general)
}

// field returns the field reported under key, or nil.
func (f *fieldForm) field(key string) *formField {
	for _, fl := range f.fields {
		if fl.key == key {
			return fl
		}
	}
	return nil
}

// clearErrors hides every error line.
func (f *fieldForm) clearErrors() {
	for _, fl := range f.fields {
		fl.error.SetText("")
		fl.error.Hide()
	}
	f.general.SetText("")
	f.general.Hide()
}

// setError shows msg under the field reported as key.
func (f *fieldForm) setError(key, msg string) {
	fl := f.field(key)
	if fl == nil {
		f.general.SetText(msg)
		f.general.Show()
		return
	}
	fl.error.SetText(msg)
	fl.error.Show()
}

// showErrors puts each problem in err next to its field (or under the form
// when it concerns none) and returns the input of the first field with an
// error, so the caller can move the focus there.
func (f *fieldForm) showErrors(err error) fyne.CanvasObject {
	f.clearErrors()
	es := model.FieldErrors(err)
	if len(es) == 0 {
		f.setError("", ErrorText(f.tr, err))
		return nil
	}
	for _, e := range es {
		f.setError(e.Field, ErrorText(f.tr, e))
	}
	for _, fl := range f.fields {
		if fl.error.Visible() {
			return fl.input
		}
	}
	return nil
}

// errorText returns the error shown under key, or "".
func (f *fieldForm) errorText(key string) string {
	if fl := f.field(key); fl != nil && fl.error.Visible() {
		return fl.error.Text
	}
	if key == "" && f.general.Visible() {
		return f.general.Text
	}
	return ""
}

// textArea is a multi-line entry in which Tab moves to the next field, as
// in every other field of a form, instead of typing a tab.
type textArea struct {
	widget.Entry
}

func newTextArea(rows int) *textArea {
	t := &textArea{}
	t.MultiLine = true
	t.Wrapping = fyne.TextWrapWord
	t.ExtendBaseWidget(t)
	t.SetMinRowsVisible(rows)
	return t
}

// AcceptsTab is false: Tab leaves the field.
func (t *textArea) AcceptsTab() bool { return false }

// readBalanceAndCredit reads a form's opening balance (nil when the form
// has none: the balance of an existing customer or account is read-only)
// and credit limit, in the user's language, each problem as an error on
// its field.
func readBalanceAndCredit(tr *i18n.Translator, balance, credit *widget.Entry) (decimal.Decimal, decimal.Decimal, model.Errors) {
	var es model.Errors
	var opening decimal.Decimal
	if balance != nil {
		d, e := parseAmount(tr, "balance", balance.Text)
		if e != nil {
			es = append(es, e)
		}
		opening = d
	}
	limit, e := parseAmount(tr, "credit_limit", credit.Text)
	if e != nil {
		es = append(es, e)
	}
	return opening, limit, es
}
