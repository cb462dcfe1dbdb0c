package access

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/assets"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// SignInStore is what the sign-in form asks of the store.
type SignInStore interface {
	SignIn(ctx context.Context, login, password string) (model.Session, error)
}

// SignIn asks for a web login and password. A wrong login and a wrong
// password get the same message; after model.MaxFreeFailures failures in a
// row each try waits longer. The store keeps that count in the file and
// refuses a try during the wait (model.CodeSignInWait); the form only says
// so.
type SignIn struct {
	env   widgets.Env
	store SignInStore
	// The fields and the message, for the window to focus and tests to fill.
	Login    *widgets.Entry
	Password *widgets.Entry
	Button   *widget.Button
	Message  *widget.Label
	// Content is what the window shows.
	Content fyne.CanvasObject
	// OnEnter is given the session of a successful sign-in.
	OnEnter func(model.Session)
}

// NewSignIn builds the form; env.Win is the window it is shown in.
func NewSignIn(env widgets.Env, store SignInStore, onEnter func(model.Session)) *SignIn {
	tr := env.Tr
	v := &SignIn{env: env, store: store, OnEnter: onEnter}
	v.Login = widgets.NewEntry(model.MaxLoginLen)
	v.Password = widgets.NewPasswordEntry(model.MaxPasswordLen)
	v.Login.OnCut = func() { v.say(tr.T("Use at most %d characters.", model.MaxLoginLen)) }
	v.Password.OnCut = func() { v.say(tr.T("Use at most %d characters.", model.MaxPasswordLen)) }
	v.Login.OnSubmitted = func(string) { env.Win.Canvas().Focus(v.Password) }
	v.Password.OnSubmitted = func(string) { v.submit() }
	v.Button = widget.NewButton(tr.T("Sign in"), v.submit)
	v.Button.Importance = widget.HighImportance
	v.Message = widget.NewLabel("")
	v.Message.Importance = widget.DangerImportance
	v.Message.Wrapping = fyne.TextWrapWord
	v.Message.Hide()

	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabel(tr.T("Sign in to Branchbook"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameHeadingText
	form := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle(tr.T("Web login"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.Login,
		widget.NewLabelWithStyle(tr.T("Web password"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.Password)
	card := container.NewVBox(container.NewHBox(icon, container.NewCenter(title)), form, v.Message,
		container.NewHBox(layout.NewSpacer(), v.Button))
	v.Content = container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 460}, container.NewPadded(card)))
	return v
}

func (v *SignIn) submit() {
	tr := v.env.Tr
	sess, err := v.store.SignIn(context.Background(), v.Login.Text, v.Password.Text)
	if err != nil {
		v.Password.SetText("")
		msg := widgets.ErrorText(tr, err)
		// A wrong password that starts a wait says how long it is.
		var e *model.Error
		if errors.As(err, &e) && e.Code == model.CodeSignIn && e.Params["wait_seconds"] != nil {
			msg += " " + tr.T("Too many failed attempts. Try again in %d seconds.", e.Params["wait_seconds"])
		}
		v.say(msg)
		v.env.Win.Canvas().Focus(v.Password)
		return
	}
	v.OnEnter(sess)
}

func (v *SignIn) say(msg string) {
	v.Message.SetText(msg)
	v.Message.Show()
}
