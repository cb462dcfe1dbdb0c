package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
)

// watchInterval is how often the window asks whether the file changed.
const watchInterval = 2 * time.Second

// watch polls the file's data version in the background while a session is
// open. When another window or program (or a change in permissions) has
// committed, the window reads the rights and rates again and tells every
// pane, through the bus, to read again what it shows.
func (c *Controller) watch() {
	if c.watching || !c.opts.WatchFile {
		return
	}
	c.watching = true
	go func() {
		var last int64
		for range time.Tick(watchInterval) {
			store := c.watchedStore()
			if store == nil {
				continue
			}
			v, err := store.DataVersion(context.Background())
			if err != nil || v == last {
				continue
			}
			first := last == 0
			last = v
			if !first {
				fyne.Do(c.refreshFromFile)
			}
		}
	}()
}

// watchedStore is the store to watch, or nil when nobody is signed in.
func (c *Controller) watchedStore() (s interface {
	DataVersion(context.Context) (int64, error)
}) {
	done := make(chan struct{})
	fyne.Do(func() {
		if !c.session.IsZero() && c.customers != nil {
			s = c.store
		}
		close(done)
	})
	<-done
	return s
}

// refreshFromFile has every pane read again what it shows, after a change
// made elsewhere. New rights redraw the whole main screen instead.
func (c *Controller) refreshFromFile() {
	if c.session.IsZero() || c.customers == nil {
		return
	}
	ctx := context.Background()
	if rights, err := c.store.RightsNow(ctx, c.session); err == nil && rights != c.session.Rights {
		// Granted or revoked elsewhere: offer exactly what is allowed now.
		c.session.Rights = rights
		shown := c.customers.Shown()
		c.showMain()
		if shown != 0 {
			c.customers.Reveal(shown)
		}
		return
	}
	c.loadRates()
	c.bus.FileChanged.Publish(struct{}{})
}
