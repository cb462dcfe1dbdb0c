//go:build race

package storage

// raceEnabled says the tests run under the race detector, which slows the
// pure-Go SQLite many times over: the soak-sized tests then run fewer
// rounds (underRace), enough to race their goroutines.
const raceEnabled = true
