package widgets

import (
	"strings"

	"github.com/branchbook/branchbook/model"
)

// NewChoice is a field that takes one of options (a tariff, a currency
// with a rate, a sort order): a SearchEntry whose list narrows to the
// options that contain what was typed, in any case. What it holds is read
// back with Chosen, which refuses text that is not an option.
func NewChoice(options []string, initial string) *SearchEntry {
	var e *SearchEntry
	e = NewSearchEntry(func(text string) []string {
		if _, ok := e.match(); ok {
			return e.choices // a whole option is shown: offer every one again
		}
		q := strings.ToLower(strings.TrimSpace(text))
		var out []string
		for _, o := range e.choices { // SetChoices may have replaced them
			if strings.Contains(strings.ToLower(o), q) {
				out = append(out, o)
			}
		}
		return out
	})
	e.choices = options
	e.SetText(initial)
	return e
}

// SetChoices replaces the options (a new owner's currencies); the text
// stays as it is and is checked when read.
func (e *SearchEntry) SetChoices(options []string) { e.choices = options }

// Chosen returns the option the field holds: the text equal to one of its
// options, ignoring case and surrounding spaces. Anything else is a
// CodeNotListed error on field, which a Form shows next to the field.
func (e *SearchEntry) Chosen(field string) (string, *model.Error) {
	if o, ok := e.match(); ok {
		return o, nil
	}
	if strings.TrimSpace(e.Text) == "" {
		return "", model.FieldError(field, model.CodeRequired, nil)
	}
	return "", model.FieldError(field, model.CodeNotListed, nil)
}

func (e *SearchEntry) match() (string, bool) {
	if i := e.SelectedIndex(); i >= 0 {
		return e.choices[i], true
	}
	return "", false
}

// SetSelected shows option in the field, as a select would.
func (e *SearchEntry) SetSelected(option string) { e.SetText(option) }

// SetSelectedIndex shows the i-th option.
func (e *SearchEntry) SetSelectedIndex(i int) {
	if i >= 0 && i < len(e.choices) {
		e.SetText(e.choices[i])
	}
}

// SelectedIndex is the index of the option the field holds, or -1 when
// its text is no option.
func (e *SearchEntry) SelectedIndex() int {
	t := strings.TrimSpace(e.Text)
	for i, o := range e.choices {
		if strings.EqualFold(o, t) {
			return i
		}
	}
	return -1
}

// Choices are the options the field takes.
func (e *SearchEntry) Choices() []string { return e.choices }
