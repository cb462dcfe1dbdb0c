package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/assets"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// setupView is the first-run form that creates the root customer on an
// empty file. It is a screen of the main window, not a dialog: until it is
// done there is nothing else to show.
type setupView struct {
	tr       *i18n.Translator
	form     *widgets.Form
	name     *widget.Entry
	login    *widget.Entry
	password *widget.Entry
	again    *widget.Entry
	language *widget.Select
	zone     *widgets.SearchEntry
	tariff   *widget.Check
	create   *widget.Button
	content  fyne.CanvasObject

	// OnCreate is given the filled-in form; it returns the store's error,
	// if any, to be shown next to the fields.
	OnCreate func(model.RootInput) error
	// OnLanguage is told when the user picks another language, so the
	// screen can be drawn again in it.
	OnLanguage func(i18n.Lang)
}

func newSetupView(tr *i18n.Translator, in model.RootInput) *setupView {
	v := &setupView{tr: tr, form: widgets.NewForm(tr)}
	v.name = widget.NewEntry()
	v.name.SetPlaceHolder(tr.T("The switch owner's name"))
	v.name.SetText(in.Name)
	v.login = widget.NewEntry()
	v.login.SetPlaceHolder(tr.T("For signing in"))
	v.login.SetText(in.WebLogin)
	v.password = widget.NewPasswordEntry()
	v.password.SetPlaceHolder(tr.T("At least %d characters", model.MinPasswordLen))
	v.password.SetText(in.Password)
	v.again = widget.NewPasswordEntry()
	v.again.SetText(in.PasswordAgain)
	lang, _ := i18n.Parse(in.Language)
	v.language = widgets.NewLanguagePicker(lang, func(l i18n.Lang) {
		if v.OnLanguage != nil {
			v.OnLanguage(l)
		}
	})
	v.zone = widgets.NewZonePicker(in.TimeZone)
	v.tariff = widget.NewCheck(tr.T("Also create a first tariff in US dollars, so customers can be added at once"), nil)
	v.tariff.SetChecked(in.FirstTariff != "")

	v.form.Add("name", tr.T("Name"), v.name)
	v.form.Add("web_login", tr.T("Web login"), v.login)
	v.form.Add("password", tr.T("Web password"), v.password)
	v.form.Add("password_again", tr.T("Password again"), v.again)
	v.form.Add("language", tr.T("Language"), v.language)
	v.form.Add("time_zone", tr.T("Time zone"), v.zone)
	for _, e := range []*widget.Entry{v.name, v.login, v.password, v.again, &v.zone.Entry} {
		e.OnSubmitted = func(string) { v.submit() }
	}

	v.create = widget.NewButton(tr.T("Create root customer"), v.submit)
	v.create.Importance = widget.HighImportance

	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabel(tr.T("Welcome to Branchbook"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(tr.T("This database is new. Create the root customer: the owner of the switch, at the top of the hierarchy. The root customer is never billed and holds every right."))
	intro.Wrapping = fyne.TextWrapWord

	card := container.NewVBox(
		container.NewHBox(icon, container.NewCenter(title)),
		intro,
		v.form.Object(),
		v.tariff,
		container.NewHBox(layout.NewSpacer(), v.create),
	)
	v.content = container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 560}, container.NewPadded(card)))
	return v
}

// input returns what the form holds now.
func (v *setupView) input() model.RootInput {
	return model.RootInput{
		Name:          v.name.Text,
		WebLogin:      v.login.Text,
		Password:      v.password.Text,
		PasswordAgain: v.again.Text,
		Language:      string(widgets.LangOf(v.language.Selected)),
		TimeZone:      widgets.ZoneOf(v.zone.Text),
		FirstTariff:   v.firstTariff(),
	}
}

// firstTariff names the first tariff when the box is ticked.
func (v *setupView) firstTariff() string {
	if v.tariff.Checked {
		return v.tr.T("Standard USD")
	}
	return ""
}

func (v *setupView) submit() {
	in := v.input()
	in.Normalize()
	err := in.Validate()
	if err == nil && v.OnCreate != nil {
		err = v.OnCreate(in)
	}
	if err != nil {
		if first := v.form.ShowErrors(err); first != nil {
			if f, ok := first.(fyne.Focusable); ok {
				if c := fyne.CurrentApp().Driver().CanvasForObject(first); c != nil {
					c.Focus(f)
				}
			}
		}
		return
	}
	v.form.ClearErrors()
}
