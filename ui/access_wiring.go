package ui

import (
	"context"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/access"
	"github.com/branchbook/branchbook/ui/widgets"
)

// This file wires the screens of package access (setup, sign-in,
// permissions, audit log) to the store and to what follows them.

func (c *Controller) showSetup(in model.RootInput) {
	c.setMenu(false)
	v := access.NewSetup(c.tr, in)
	v.OnLanguage = func(l i18n.Lang) {
		c.tr = i18n.New(l)
		c.languageChanged()
		in := v.Input()
		in.Language = string(l)
		c.showSetup(in)
	}
	v.OnCreate = func(in model.RootInput) error {
		// The root was just made with the password typed here: no need
		// to type it again.
		sess, err := c.store.CreateRoot(context.Background(), in)
		if err != nil {
			return err
		}
		c.enter(sess)
		return nil
	}
	c.setup = v
	c.win.SetContent(v.Content)
	c.win.Canvas().Focus(v.Name)
}

func (c *Controller) showSignIn() {
	c.setMenu(false)
	v := access.NewSignIn(c.env(c.win), c.store, c.enter)
	c.signin = v
	c.win.SetContent(v.Content)
	c.win.Canvas().Focus(v.Login)
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
	c.customers, c.history, c.reselect = nil, nil, 0
	c.showSignIn()
}

// changeLanguage makes l the signed-in customer's language for good and
// draws the window again in it, keeping the selected customer.
func (c *Controller) changeLanguage(l i18n.Lang) {
	if err := c.store.SetOwnLanguage(context.Background(), c.session, string(l)); err != nil {
		c.showError(err)
		return
	}
	// The window keeps its size and the customer it shows: the tree
	// selects it again once its first rows are read (in the background,
	// so after showMain has returned).
	size := c.win.Canvas().Size()
	shown := c.selectedOrTop()
	c.closeToolWindows()
	c.session.Language = string(l)
	c.useSession(c.session)
	c.reselect = shown
	c.showMain()
	c.win.Resize(size)
}

// showPermissions shows the rights of the selected customer, which must be
// a direct sub-customer of the signed-in one. Only rights the signed-in
// customer holds can be granted.
func (c *Controller) showPermissions() *access.Permissions {
	tr := c.tr
	ctx := context.Background()
	id := c.selectedOrTop()
	cust, err := c.store.Customer(ctx, c.session, id)
	if err != nil {
		c.showError(err)
		return nil
	}
	if cust.ParentID != c.session.CustomerID || id == c.session.CustomerID {
		widgets.ShowInfo(c.win, c.tr, tr.T("Permissions"), tr.T("Permissions are given by a customer to its own direct customers. Select one of yours."))
		return nil
	}
	current, err := c.store.Rights(ctx, c.session, id)
	if err != nil {
		c.showError(err)
		return nil
	}
	sess := c.session
	return access.ShowPermissions(c.env(c.win), cust, current, func(rights model.Right) error {
		return c.store.SetRights(ctx, sess, id, rights)
	})
}

// showAuditLog lists who did what, newest first, inside the signed-in
// customer's part of the tree.
func (c *Controller) showAuditLog() *access.AuditLog {
	events, err := c.store.AuditLog(context.Background(), c.session, 0, 1000)
	if err != nil {
		c.showError(err)
		return nil
	}
	return access.ShowAuditLog(c.app, c.env(c.win), events)
}
