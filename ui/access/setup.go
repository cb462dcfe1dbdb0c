package access

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

// Setup is the first-run form that creates the root customer on an
// empty file. It is a screen of the main window, not a dialog: until it is
// done there is nothing else to show.
type Setup struct {
	tr *i18n.Translator
	// The form and its fields, for the window to focus and tests to fill.
	Form     *widgets.Form
	Name     *widgets.Entry
	Login    *widgets.Entry
	Password *widgets.Entry
	Again    *widgets.Entry
	Language *widgets.SearchEntry
	Zone     *widgets.SearchEntry
	Tariff   *widgets.Check
	Create   *widget.Button
	// Content is what the window shows.
	Content fyne.CanvasObject

	// OnCreate is given the filled-in form; it returns the store's error,
	// if any, to be shown next to the fields.
	OnCreate func(model.RootInput) error
	// OnLanguage is told when the user picks another language, so the
	// screen can be drawn again in it.
	OnLanguage func(i18n.Lang)
}

// NewSetup builds the form, filled with in.
func NewSetup(tr *i18n.Translator, in model.RootInput) *Setup {
	v := &Setup{tr: tr, Form: widgets.NewForm(tr)}
	v.Name = widgets.NewEntry(model.MaxNameLen)
	v.Name.SetPlaceHolder(tr.T("The switch owner's name"))
	v.Name.SetText(in.Name)
	v.Login = widgets.NewEntry(model.MaxLoginLen)
	v.Login.SetPlaceHolder(tr.T("For signing in"))
	v.Login.SetText(in.WebLogin)
	v.Password = widgets.NewPasswordEntry(model.MaxPasswordLen)
	v.Password.SetPlaceHolder(tr.T("At least %d characters", model.MinPasswordLen))
	v.Password.SetText(in.Password)
	v.Again = widgets.NewPasswordEntry(model.MaxPasswordLen)
	v.Again.SetText(in.PasswordAgain)
	lang, _ := i18n.Parse(in.Language)
	v.Language = widgets.NewLanguagePicker(lang, func(l i18n.Lang) {
		if v.OnLanguage != nil {
			v.OnLanguage(l)
		}
	})
	v.Zone = widgets.NewZonePicker(in.TimeZone)
	v.Tariff = widgets.NewCheck(tr.T("Also create a first tariff in US dollars, so customers can be added at once"), nil)
	v.Tariff.SetChecked(in.FirstTariff != "")

	v.Form.Add("name", tr.T("Name"), v.Name)
	v.Form.Add("web_login", tr.T("Web login"), v.Login)
	v.Form.Add("password", tr.T("Web password"), v.Password)
	v.Form.Add("password_again", tr.T("Password again"), v.Again)
	v.Form.Add("language", tr.T("Language"), v.Language)
	v.Form.Add("time_zone", tr.T("Time zone"), v.Zone)
	for _, e := range []*widgets.Entry{v.Name, v.Login, v.Password, v.Again, &v.Language.Entry, &v.Zone.Entry} {
		e.OnSubmitted = func(string) { v.submit() }
	}

	v.Create = widget.NewButton(tr.T("Create root customer"), v.submit)
	v.Create.Importance = widget.HighImportance

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
		v.Form.Object(),
		v.Tariff,
		container.NewHBox(layout.NewSpacer(), v.Create),
	)
	v.Content = container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 560}, container.NewPadded(card)))
	return v
}

// Input returns what the form holds now.
func (v *Setup) Input() model.RootInput {
	return model.RootInput{
		Name:          v.Name.Text,
		WebLogin:      v.Login.Text,
		Password:      v.Password.Text,
		PasswordAgain: v.Again.Text,
		Language:      widgets.LanguageCode(v.Language),
		TimeZone:      widgets.ZoneOf(v.Zone.Text),
		FirstTariff:   v.firstTariff(),
	}
}

// firstTariff names the first tariff when the box is ticked.
func (v *Setup) firstTariff() string {
	if v.Tariff.Checked {
		return v.tr.T("Standard USD")
	}
	return ""
}

func (v *Setup) submit() {
	in := v.Input()
	in.Normalize()
	err := in.Validate()
	if err == nil && v.OnCreate != nil {
		err = v.OnCreate(in)
	}
	if err != nil {
		if first := v.Form.ShowErrors(err); first != nil {
			if f, ok := first.(fyne.Focusable); ok {
				if c := fyne.CurrentApp().Driver().CanvasForObject(first); c != nil {
					c.Focus(f)
				}
			}
		}
		return
	}
	v.Form.ClearErrors()
}
