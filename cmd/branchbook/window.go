package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/branchbook/branchbook/assets"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui"
)

// appID must match FyneApp.toml: it names the preferences and data folder.
const appID = "app.branchbook"

func runWindow(dbPath string, stderr io.Writer) int {
	a := app.NewWithID(appID)
	a.SetIcon(assets.Icon)
	if dbPath == "" {
		dbPath = a.Preferences().String(ui.PrefLastDatabase)
		if _, err := os.Stat(dbPath); dbPath == "" || err != nil {
			var err error
			if dbPath, err = defaultDatabase(a.Storage().RootURI().Path()); err != nil {
				fmt.Fprintln(stderr, "branchbook:", err)
				return 1
			}
		}
	}
	store, err := storage.Open(dbPath)
	if err != nil {
		return fail(stderr, err)
	}
	a.Preferences().SetString(ui.PrefLastDatabase, store.Info().Path)
	c := ui.NewController(a, store, ui.Options{
		Version: version,
		Open:    func(path string) (model.Store, error) { return storage.Open(path) },
	})
	stopOnSignal(c)
	c.Show()
	a.Run()
	// The window is gone; write the WAL back and close the file.
	if err := c.Store().Close(); err != nil {
		fmt.Fprintln(stderr, "branchbook: closing the database:", err)
		return 1
	}
	return 0
}

// stopOnSignal quits cleanly on SIGINT and SIGTERM, which a Fyne window
// would otherwise ignore (SIGTERM) or die of without closing the file.
func stopOnSignal(c *ui.Controller) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ch
		fyne.Do(c.Quit)
	}()
}
