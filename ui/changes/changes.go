// Package changes carries what changed in the file to every pane that
// shows it. A screen that saves publishes one event; each pane subscribes
// to the events it draws and reads again only what it shows, once. A
// change made by another program on the same file arrives as FileChanged,
// from the shell's watcher.
//
// Every topic is used on the UI goroutine only: publishers call Publish
// there (after a background write, inside fyne.Do), and subscribers run
// in the order they subscribed.
package changes

import "github.com/branchbook/branchbook/model"

// Topic is one kind of change and the panes that want to hear of it.
type Topic[T any] struct {
	subscribers []func(T)
}

// Subscribe has f called with every later event of the topic.
func (t *Topic[T]) Subscribe(f func(T)) { t.subscribers = append(t.subscribers, f) }

// Publish tells every subscriber of the topic about v.
func (t *Topic[T]) Publish(v T) {
	for _, f := range t.subscribers {
		f(v)
	}
}

// Bus holds the topics of one signed-in session. It is made again with the
// main screen, so subscribers of a closed session are never called.
type Bus struct {
	// Booked: an entry was booked (Maintenance, a reversal). The entry
	// carries its holder, amount and balance after, so a pane that lists
	// entries needs no read.
	Booked Topic[model.Entry]
	// AccountsChanged: accounts of this customer were added, deleted or
	// restored; its row, counts and Accounts tab change.
	AccountsChanged Topic[model.ID]
	// AccountChanged: one account's fields changed.
	AccountChanged Topic[model.Account]
	// RatesChanged: an exchange rate or a tariff changed; every USD
	// figure is drawn again from the rates the shell holds.
	RatesChanged Topic[struct{}]
	// FileChanged: another program or window committed to the file; each
	// pane reads again what it shows.
	FileChanged Topic[struct{}]
}
