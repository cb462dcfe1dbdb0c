package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/branchbook/branchbook/assets"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
	"github.com/branchbook/branchbook/ui"
)

// appID must match FyneApp.toml: it names the preferences and data folder.
const appID = "app.branchbook"

// processStart is when the program started, as near as Go can tell.
var processStart = time.Now()

// startupTrace prints each step of the start with the time since the
// process started and since the step before.
func startupTrace(w io.Writer) func(string) {
	var mu sync.Mutex
	last := processStart
	return func(step string) {
		mu.Lock()
		defer mu.Unlock()
		now := time.Now()
		fmt.Fprintf(w, "startup: %-20s %8.1f ms  (+%.1f ms)\n", step, ms(now.Sub(processStart)), ms(now.Sub(last)))
		last = now
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func runWindow(dbPath string, stderr io.Writer, trace func(string), readLog io.Writer) int {
	if trace == nil {
		trace = func(string) {}
	}
	// A path given on the command line is checked before any window opens,
	// so a bad one gets a plain message and a non-zero exit.
	var store *storage.Store
	if dbPath != "" {
		var err error
		if store, err = storage.Open(dbPath); err != nil {
			return fail(stderr, err)
		}
		trace("database open")
	}
	a := app.NewWithID(appID)
	a.SetIcon(assets.Icon)
	// Fyne's default theme with a font for Chinese (see ui.Theme).
	a.Settings().SetTheme(ui.Theme())
	if store == nil {
		path, err := lastOrDefaultDatabase(a)
		if err != nil {
			fmt.Fprintln(stderr, "branchbook:", err)
			return 1
		}
		if store, err = storage.Open(path); err != nil {
			return fail(stderr, err)
		}
	}
	a.Preferences().SetString(ui.PrefLastDatabase, store.Info().Path)
	dailyBackup(store, stderr)
	c := ui.NewController(a, traceReads(store, readLog), ui.Options{
		Version: version,
		Open: func(path string) (model.Store, error) {
			s, err := storage.Open(path)
			if err != nil {
				return nil, err
			}
			dailyBackup(s, stderr)
			return traceReads(s, readLog), nil
		},
		Restore:   storage.RestoreBackup,
		WatchFile: true,
		Trace:     trace,
	})
	var closing sync.Once
	closeStore := func() (err error) {
		closing.Do(func() { err = c.Store().Close() })
		return err
	}
	stopOnSignal(c, closeStore, stderr)
	c.Show()
	a.Run()
	// The window is gone; write the WAL back and close the file.
	if err := closeStore(); err != nil {
		fmt.Fprintln(stderr, "branchbook: closing the database:", err)
		return 1
	}
	return 0
}

// dailyBackup copies the database into its backups folder, once a day, in
// the background: a large file must not slow the start.
func dailyBackup(s *storage.Store, stderr io.Writer) {
	go func() {
		if _, err := s.DailyBackup(context.Background()); err != nil {
			fmt.Fprintln(stderr, "branchbook: daily backup:", err)
		}
	}()
}

// lastOrDefaultDatabase is the database used last, if it still exists, or
// branchbook.db in the app's data folder.
func lastOrDefaultDatabase(a fyne.App) (string, error) {
	if last := a.Preferences().String(ui.PrefLastDatabase); last != "" {
		if st, err := os.Stat(last); err == nil && !st.IsDir() {
			return last, nil
		}
	}
	return defaultDatabase(a.Storage().RootURI().Path())
}

// stopOnSignal quits cleanly on SIGINT and SIGTERM, which a Fyne window
// would otherwise ignore (SIGTERM) or die of without closing the file. If
// the window has not closed ten seconds later, the file is closed and the
// program ends anyway: a stop request is never ignored.
func stopOnSignal(c *ui.Controller, closeStore func() error, stderr io.Writer) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ch
		fyne.Do(c.Quit)
		time.Sleep(10 * time.Second)
		fmt.Fprintln(stderr, "branchbook: the window did not close in time; closing the database and stopping")
		closeStore()
		os.Exit(1)
	}()
}
