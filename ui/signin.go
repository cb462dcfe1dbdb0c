package ui

import (
	"context"
	"time"

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

// signInView asks for a web login and password. A wrong login and a wrong
// password get the same message; after five failures in a row each try
// waits longer (model.Throttle).
type signInView struct {
	c        *Controller
	login    *widget.Entry
	password *widget.Entry
	button   *widget.Button
	message  *widget.Label
	content  fyne.CanvasObject
	now      func() time.Time
}

func (c *Controller) showSignIn() {
	c.setMenu(false)
	tr := c.tr
	v := &signInView{c: c, now: time.Now}
	v.login = widget.NewEntry()
	v.password = widget.NewPasswordEntry()
	v.login.OnSubmitted = func(string) { c.win.Canvas().Focus(v.password) }
	v.password.OnSubmitted = func(string) { v.submit() }
	v.button = widget.NewButton(tr.T("Sign in"), v.submit)
	v.button.Importance = widget.HighImportance
	v.message = widget.NewLabel("")
	v.message.Importance = widget.DangerImportance
	v.message.Wrapping = fyne.TextWrapWord
	v.message.Hide()

	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabel(tr.T("Sign in to Branchbook"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameHeadingText
	form := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle(tr.T("Web login"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.login,
		widget.NewLabelWithStyle(tr.T("Web password"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.password)
	card := container.NewVBox(container.NewHBox(icon, container.NewCenter(title)), form, v.message,
		container.NewHBox(layout.NewSpacer(), v.button))
	v.content = container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 460}, container.NewPadded(card)))
	c.signin = v
	c.win.SetContent(v.content)
	c.win.Canvas().Focus(v.login)
}

func (v *signInView) submit() {
	c := v.c
	tr := c.tr
	if wait := c.throttle.Wait(v.now()); wait > 0 {
		v.say(tr.T("Too many failed attempts. Try again in %d seconds.", int(wait.Round(time.Second)/time.Second)))
		return
	}
	sess, err := c.store.SignIn(context.Background(), v.login.Text, v.password.Text)
	if err != nil {
		v.password.SetText("")
		if model.CodeOf(err) == model.CodeSignIn {
			c.throttle.Fail(v.now())
		}
		msg := widgets.ErrorText(tr, err)
		if wait := c.throttle.Wait(v.now()); wait > 0 {
			msg += " " + tr.T("Too many failed attempts. Try again in %d seconds.", int(wait.Round(time.Second)/time.Second))
		}
		v.say(msg)
		c.win.Canvas().Focus(v.password)
		return
	}
	c.throttle.Succeed()
	c.enter(sess)
}

func (v *signInView) say(msg string) {
	v.message.SetText(msg)
	v.message.Show()
}

// enter starts working as the signed-in customer: its language, zone and
// rights, and the main screen with its tree on top.
func (c *Controller) enter(s model.Session) {
	c.trace("signed in")
	c.signin = nil
	c.useSession(s)
	c.showMain()
}

// signOut leaves the session and shows the sign-in form again.
func (c *Controller) signOut() {
	c.closeToolWindows()
	c.session = model.Session{}
	c.tree, c.detail, c.history, c.shown = nil, nil, nil, 0
	c.showSignIn()
}

// changeLanguage makes l the signed-in customer's language for good and
// draws the window again in it, keeping the selected customer.
func (c *Controller) changeLanguage(l i18n.Lang) {
	if err := c.store.SetOwnLanguage(context.Background(), c.session, string(l)); err != nil {
		c.showError(err)
		return
	}
	shown := c.shown
	c.closeToolWindows()
	c.session.Language = string(l)
	c.useSession(c.session)
	c.showMain()
	if shown != 0 {
		c.tree.reveal(shown)
	}
}
