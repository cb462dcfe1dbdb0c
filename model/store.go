package model

import "context"

// Store is everything the window needs from the data. Every call that reads
// or changes customers takes the signed-in Session; an implementation
// answers only inside the session's subtree and answers ErrNotFound for
// anything outside it, exactly as for an ID that never existed.
type Store interface {
	// NeedsSetup reports whether the file has no root customer yet.
	NeedsSetup(ctx context.Context) (bool, error)
	// CreateRoot makes the root customer on an empty file and returns its
	// session. It fails with CodeAlreadySetUp when a root exists.
	CreateRoot(ctx context.Context, in RootInput) (Session, error)
	// RootSession returns the root customer's session. Until sign-in
	// exists, the program works as the root.
	RootSession(ctx context.Context) (Session, error)

	// Customer returns one customer with its counts.
	Customer(ctx context.Context, s Session, id ID) (Customer, error)
	// Row returns the tree row of one customer.
	Row(ctx context.Context, s Session, id ID) (CustomerRow, error)
	// Children returns the live sub-customers of parent, ordered by name.
	// For the tree's top, pass the session's own customer ID and call
	// Customer for the top row.
	Children(ctx context.Context, s Session, parent ID) ([]CustomerRow, error)

	// Info describes the open file.
	Info() StoreInfo
	// Close checkpoints and closes the file.
	Close() error
}

// StoreInfo describes an open store for the About box.
type StoreInfo struct {
	Path          string
	SchemaVersion int
}
