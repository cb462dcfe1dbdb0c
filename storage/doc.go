// Package storage keeps Branchbook's data in one SQLite file: it opens and
// checks the file, applies the numbered schema migrations, and implements
// model.Store with every query scoped to the signed-in session's subtree.
// Money is stored as integer millionths (see model.StorageScale), the ledger
// is append-only, and writes are durable before a call returns.
//
// Calls (docs/calls.md): ImportCalls stores a file's calls in one
// transaction, each rated through its chain by package rating with what
// every level paid, and books one "calls" entry per charged holder;
// UndoCallImport reverses them and RerateCallImport rates the unrated
// again. SetUpFigure builds the manual's figure of docs/rating.md, with
// its 20 calls, for tests here and in the packages above.
package storage
