package access

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/branchbook/branchbook/i18n"
	_ "github.com/branchbook/branchbook/i18n/localeenv" // no locale noise from Fyne
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/widgets"
)

func TestSignInForm(t *testing.T) {
	store, err := storage.Open(filepath.Join(t.TempDir(), "access.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	in := model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC"}
	if _, err := store.CreateRoot(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	win := a.NewWindow("sign in")
	var entered model.Session
	v := NewSignIn(widgets.Env{Win: win, Tr: i18n.New(i18n.English)}, store,
		func(s model.Session) { entered = s })
	win.SetContent(v.Content)
	try := func(login, password string) {
		v.Login.SetText(login)
		v.Password.SetText(password)
		test.Tap(v.Button)
	}
	try("nobody", "correct horse")
	wrongLogin := v.Message.Text
	try("owner", "wrong horse")
	if wrongLogin != v.Message.Text || wrongLogin != "The login or the password is not right." {
		t.Fatalf("messages differ: %q and %q", wrongLogin, v.Message.Text)
	}
	// The store counts per login: four more wrong passwords for this one.
	for range 4 {
		try("owner", "wrong horse")
	}
	if !strings.Contains(v.Message.Text, "Try again in 1 second") {
		t.Fatalf("after five failures: %q", v.Message.Text)
	}
	// Even the right password waits now: the store refuses it.
	try("owner", "correct horse")
	if !entered.IsZero() {
		t.Fatal("signed in during the wait")
	}
	if !strings.Contains(v.Message.Text, "Try again in 1 second") {
		t.Fatalf("during the wait: %q", v.Message.Text)
	}
	// The wait is kept by the store, on the real clock: once it is over,
	// the right password enters.
	for deadline := time.Now().Add(5 * time.Second); entered.IsZero() && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		try("owner", "correct horse")
	}
	if entered.Name != "Switch Owner" {
		t.Fatalf("not signed in: %q", v.Message.Text)
	}
}

// TestSignInAndSetupCutAPastedWall: 64 KB pasted into the sign-in and
// setup fields leaves each at its limit, and the screen says so.
func TestSignInAndSetupCutAPastedWall(t *testing.T) {
	a := test.NewTempApp(t)
	win := a.NewWindow("keys")
	tr := i18n.New(i18n.English)
	wall := strings.Repeat("x", 64<<10)
	paste := func(e *widgets.Entry) {
		cb := win.Clipboard()
		cb.SetContent(wall)
		e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	}
	v := NewSignIn(widgets.Env{Win: win, Tr: tr}, nil, func(model.Session) {})
	for _, e := range []*widgets.Entry{v.Login, v.Password} {
		paste(e)
		if len(e.Text) != e.MaxLen || v.Message.Text != tr.T("Use at most %d characters.", e.MaxLen) {
			t.Errorf("sign-in field keeps %d characters, says %q", len(e.Text), v.Message.Text)
		}
	}
	s := NewSetup(tr, model.RootInput{Language: "en", TimeZone: "UTC"})
	for key, e := range map[string]*widgets.Entry{"name": s.Name, "web_login": s.Login, "password": s.Password,
		"password_again": s.Again, "time_zone": &s.Zone.Entry, "language": &s.Language.Entry} {
		paste(e)
		if len(e.Text) > e.MaxLen || s.Form.ErrorText(key) != tr.T("Use at most %d characters.", e.MaxLen) {
			t.Errorf("setup's %s keeps %d characters, says %q", key, len(e.Text), s.Form.ErrorText(key))
		}
	}
}
