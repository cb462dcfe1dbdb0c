package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui/internal/uitest"
)

func TestPanicIsShownAndLoggedNotCrashing(t *testing.T) {
	c, _ := setUpRoot(t, "")
	c.guard(func() { panic("something impossible") })()
	// The dialog's Copy details hands over what it shows.
	copyButton := uitest.Button(c.win, "Copy details")
	if copyButton == nil {
		t.Fatal("no error dialog with its details")
	}
	test.Tap(copyButton)
	if details := c.app.Clipboard().Content(); !strings.Contains(details, "something impossible") {
		t.Fatalf("details %q", details)
	}
	log, err := os.ReadFile(c.logPath())
	if err != nil || !strings.Contains(string(log), "something impossible") {
		t.Fatalf("log: %v", err)
	}
	// Menu actions are guarded too.
	for _, m := range c.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Action != nil && it.Label == "About Branchbook" {
				it.Action()
			}
		}
	}
}

func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "books.db")
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	in := model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "UTC", FirstTariff: "Standard USD"}
	root, _ := s.CreateRoot(ctx, in)
	backup := filepath.Join(dir, "copy.db")
	a := test.NewTempApp(t)
	c := NewController(a, s, Options{
		Open:    func(p string) (model.Store, error) { return storage.Open(p) },
		Restore: storage.RestoreBackup,
	})
	c.background = func(f func()) { f() }
	c.Show()
	signInAsRoot(t, c)
	c.runBackup(s, backup)
	if err := storage.CheckBackup(backup); err != nil {
		t.Fatalf("the backup is not sound: %v", err)
	}
	tariffs, _ := s.Tariffs(ctx, root)
	in2 := model.CustomerInput{Name: "After the backup", TariffID: tariffs[0].ID, TimeZone: "UTC", WebLogin: "after",
		Password: "secret pass", PasswordAgain: "secret pass", Language: "en"}
	if _, err := s.CreateCustomer(ctx, root, root.CustomerID, in2); err != nil {
		t.Fatal(err)
	}
	c.restore(backup)
	signInAsRoot(t, c)
	kids, _ := c.Store().Children(ctx, c.session, c.session.CustomerID)
	if len(kids) != 0 {
		t.Fatalf("after the restore: %+v", kids)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "backups", "books-*-replaced.db"))
	if len(kept) != 1 {
		t.Fatalf("the replaced file was not kept: %v", kept)
	}
	// A file that is not a backup is refused and the database stays.
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, []byte("not a database"), 0o600)
	c.restore(bad)
	signInAsRoot(t, c)
	if _, err := c.Store().NeedsSetup(ctx); err != nil {
		t.Fatalf("the database is gone after a refused restore: %v", err)
	}
	c.Store().Close()
}
