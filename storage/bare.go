package storage

// BareDSN is the connection string the store opens path with: the same
// pragmas (WAL, synchronous FULL, foreign keys, busy timeout). Benchmarks
// open bare SQLite with it, so their comparisons share every setting.
func BareDSN(path string) string { return dsn(path, false) }
