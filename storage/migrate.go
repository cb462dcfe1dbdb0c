package storage

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Schema changes are numbered files named for what they do,
// "0001_customers_tariffs_ledger.sql", "0002_customer_search.sql", and so
// on. A file's number is the schema version it brings the database to and
// is all that PRAGMA user_version records: the name after it can change
// without making the file a new migration.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrationSet is every migration this program knows, in order. Tests
// replace it to exercise upgrades.
var migrationSet = loadMigrations()

func loadMigrations() []migration {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		panic(err) // embedded at build time: cannot fail at run time
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("storage: migration file without a number: " + e.Name())
		}
		body, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic(fmt.Sprintf("storage: migrations must be numbered 1, 2, 3...; found %s", m.name))
		}
	}
	return ms
}

// latestVersion is the schema version this program writes.
func latestVersion() int { return len(migrationSet) }

// migrate applies every migration the database lacks, each in its own
// transaction together with the new user_version, and returns the version
// reached.
func migrate(ctx context.Context, db *sql.DB) (int, error) {
	var current int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return 0, err
	}
	for _, m := range migrationSet {
		if m.version <= current {
			continue
		}
		if err := apply(ctx, db, m); err != nil {
			return current, fmt.Errorf("%s: %w", m.name, err)
		}
		current = m.version
	}
	return current, nil
}

func apply(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	// PRAGMA takes no parameters; both values are integers we control.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", applicationID, m.version)); err != nil {
		return err
	}
	return tx.Commit()
}
