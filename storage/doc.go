// Package storage keeps Branchbook's data in one SQLite file: it opens and
// checks the file, applies the numbered schema migrations, and implements
// model.Store with every query scoped to the signed-in session's subtree.
// Money is stored as integer millionths (see model.StorageScale), the ledger
// is append-only, and writes are durable before a call returns.
package storage
