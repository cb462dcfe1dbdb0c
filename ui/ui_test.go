package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/branchbook/branchbook/i18n"
	_ "github.com/branchbook/branchbook/i18n/localeenv" // no locale noise from Fyne
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/widgets"
)

func openStore(t *testing.T) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newTestController shows a controller on store with a test app, loading
// synchronously so assertions see the result at once.
func newTestController(t *testing.T, store model.Store) *Controller {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	c := NewController(a, store, Options{Version: "test"})
	c.background = func(f func()) { f() }
	c.Show()
	signInAsRoot(t, c)
	return c
}

// signInAsRoot goes past the sign-in form as the root, the way a
// successful sign-in does.
func signInAsRoot(t *testing.T, c *Controller) {
	t.Helper()
	if c.signin == nil {
		return
	}
	sess, err := c.Store().RootSession(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c.enter(sess)
}

func TestSetupFormShowsEveryErrorAndSavesNothing(t *testing.T) {
	store := openStore(t)
	c := newTestController(t, store)
	if c.setup == nil {
		t.Fatal("a new file did not show the setup form")
	}
	v := c.setup
	test.Type(v.Login, "a b")
	test.Type(v.Password, "short")
	test.Type(v.Again, "shorter")
	v.Zone.SetText("Mars/Olympus")
	test.Tap(v.Create)

	want := map[string]string{
		"name":      "This field is required.",
		"web_login": "Use only letters, digits and . _ - @ (no spaces).",
		"password":  "Use at least 8 characters.",
		"time_zone": "Choose a time zone from the list.",
	}
	for field, msg := range want {
		if got := v.Form.ErrorText(field); got != msg {
			t.Errorf("%s: error %q, want %q", field, got, msg)
		}
	}
	if needs, _ := store.NeedsSetup(context.Background()); !needs {
		t.Fatal("an invalid setup saved the root")
	}

	// Mend the fields: the errors go and the root is made.
	test.Type(v.Name, "Switch Owner")
	v.Login.SetText("owner")
	v.Password.SetText("correct horse")
	v.Again.SetText("correct horse wrong")
	test.Tap(v.Create)
	if got := v.Form.ErrorText("password_again"); got != "The two passwords are not the same." {
		t.Fatalf("mismatch error %q", got)
	}
	v.Again.SetText("correct horse")
	v.Zone.SetText("Europe/Berlin (UTC+01:00)")
	test.Tap(v.Create)
	if c.customers == nil {
		t.Fatalf("setup did not lead to the tree; errors: %q %q", v.Form.ErrorText(""), v.Form.ErrorText("name"))
	}
	sess, err := store.RootSession(context.Background())
	if err != nil || sess.Name != "Switch Owner" || sess.TimeZone != "Europe/Berlin" || sess.Language != "en" {
		t.Fatalf("root after setup: %+v, %v", sess, err)
	}
	if c.customers.Tree().Top() != sess.CustomerID {
		t.Fatalf("tree top %d, want the root %d", c.customers.Tree().Top(), sess.CustomerID)
	}
}

func TestSetupLanguageRedrawsKeepingInput(t *testing.T) {
	store := openStore(t)
	c := newTestController(t, store)
	test.Type(c.setup.Name, "Dueño")
	c.setup.Language.SetSelected(i18n.German.NativeName())
	if c.setup.Name.Text != "Dueño" {
		t.Fatalf("name lost when the language changed: %q", c.setup.Name.Text)
	}
	if c.tr.Lang() != i18n.German {
		t.Fatalf("language is %s", c.tr.Lang())
	}
}

func TestErrorTextCoversEveryCode(t *testing.T) {
	tr := i18n.New(i18n.English)
	generic := widgets.ErrorText(tr, &model.Error{Code: "no such code"})
	codes := []model.Code{model.CodeRequired, model.CodeTooLong, model.CodeTooShort, model.CodeInvalid,
		model.CodeInvalidChars, model.CodeDuplicate, model.CodeMismatch, model.CodeNotFound, model.CodeNotPermitted,
		model.CodeAlreadySetUp, model.CodeNotSetUp, model.CodeUnknownZone, model.CodeUnknownLang, model.CodeTooPrecise,
		model.CodeOutOfRange, model.CodeNotADatabase, model.CodeNewerDatabase, model.CodeCannotOpen,
		model.CodeInUse, model.CodeLocked, model.CodeNoRate, model.CodeFixed, model.CodeAmbiguous, model.CodeHasChildren,
		model.CodeUnderItself, model.CodeOwnerArchived, model.CodeAlreadyReversed, model.CodeSelf, model.CodeSignIn,
		model.CodeBlocked, model.CodeDiskFull, model.CodeReadOnly, model.CodeBusy}
	for _, code := range codes {
		got := widgets.ErrorText(tr, &model.Error{Code: code, Params: map[string]any{"path": "/x.db", "max": 5, "min": 3, "places": 6, "version": 9, "supported": 1,
			"customers": 2, "accounts": 1, "currency": "EUR"}})
		if got == generic || strings.Contains(got, "%!") {
			t.Errorf("%s: %q", code, got)
		}
	}
}

func TestNewDatabasePathNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "books.db")
	os.WriteFile(existing, []byte("keep me"), 0o644)
	tests := []struct {
		folder, name, field string
		code                model.Code
		want                string
	}{
		{dir, "books.db", "file", model.CodeDuplicate, ""},
		{dir, "books", "file", model.CodeDuplicate, ""}, // becomes books.db
		{dir, "", "file", model.CodeRequired, ""},
		{dir, "../x.db", "file", model.CodeInvalidChars, ""},
		{filepath.Join(dir, "nope"), "x.db", "folder", model.CodeCannotOpen, ""},
		{dir, "new", "", "", filepath.Join(dir, "new.db")},
		{dir, " other.sqlite ", "", "", filepath.Join(dir, "other.sqlite")},
	}
	for _, tt := range tests {
		path, err := newDatabasePath(tt.folder, tt.name)
		if tt.code == "" {
			if err != nil || path != tt.want {
				t.Errorf("%q: got %q, %v; want %q", tt.name, path, err, tt.want)
			}
			continue
		}
		if e := model.FieldErrors(err).For(tt.field); e == nil || e.Code != tt.code {
			t.Errorf("%q in %q: got %v; want %s on %s", tt.name, tt.folder, err, tt.code, tt.field)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Fatal("an existing file was touched")
	}
}

func TestSwitchDatabase(t *testing.T) {
	ctx := context.Background()
	first := openStore(t)
	if err := first.GenerateDemo(ctx, storage.DemoOptions{Customers: 3, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	c := NewController(a, first, Options{Open: func(p string) (model.Store, error) { return storage.Open(p) }})
	c.background = func(f func()) { f() }
	c.Show()
	if c.signin == nil {
		t.Fatal("a set-up file did not ask to sign in")
	}
	signInAsRoot(t, c)

	// A file that is not a database: an error, and the current one stays.
	bad := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(bad, []byte("not a database"), 0o644)
	c.switchTo(bad)
	if c.Store() != model.Store(first) || c.customers == nil {
		t.Fatal("a bad file replaced the open database")
	}
	if _, err := first.NeedsSetup(ctx); err != nil {
		t.Fatalf("the open database was closed: %v", err)
	}

	// A new file: the setup form, the old file closed, the path remembered.
	next := filepath.Join(t.TempDir(), "next.db")
	c.switchTo(next)
	if c.setup == nil || c.Store().Info().Path != next {
		t.Fatalf("switching to a new file: setup %v, path %s", c.setup != nil, c.Store().Info().Path)
	}
	if a.Preferences().String(PrefLastDatabase) != next {
		t.Fatal("the new file was not remembered")
	}
	if !strings.HasSuffix(c.win.Title(), "next.db") {
		t.Fatalf("title %q", c.win.Title())
	}
	if _, err := first.NeedsSetup(ctx); err == nil {
		t.Fatal("the previous database is still open")
	}
	c.Store().Close()
}

func TestModelAndI18nAgreeOnLanguages(t *testing.T) {
	if len(model.Languages) != len(i18n.Supported) {
		t.Fatalf("model has %v, i18n has %v", model.Languages, i18n.Supported)
	}
	for i, l := range i18n.Supported {
		if model.Languages[i] != string(l) {
			t.Fatalf("model has %v, i18n has %v", model.Languages, i18n.Supported)
		}
	}
}

// setUpRoot makes a root customer in store and returns a controller
// showing it.
func setUpRoot(t *testing.T, firstTariff string) (*Controller, model.Store) {
	t.Helper()
	store := openStore(t)
	in := model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC", FirstTariff: firstTariff}
	if _, err := store.CreateRoot(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return newTestController(t, store), store
}
