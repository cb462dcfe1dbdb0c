package storage

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/model"
)

func rootInput() model.RootInput {
	return model.RootInput{Name: "Switch Owner", WebLogin: "owner", Password: "correct horse",
		PasswordAgain: "correct horse", Language: "en", TimeZone: "Europe/Berlin"}
}

// createRootWith sets a file up with a first tariff of that name.
func createRootWith(t testing.TB, s *Store, tariff string) model.Session {
	t.Helper()
	in := rootInput()
	in.FirstTariff = tariff
	root, err := s.CreateRoot(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// restoreWaitsForClash checks that restore is refused with CodeDuplicate
// on field while a live row holds the name, and succeeds once free has
// deleted that row.
func restoreWaitsForClash(t *testing.T, field string, restore, free func() error) {
	t.Helper()
	if err := restore(); fieldCode(err, field) != model.CodeDuplicate {
		t.Fatalf("restore over a taken %s: %v", field, err)
	}
	if err := free(); err != nil {
		t.Fatal(err)
	}
	if err := restore(); err != nil {
		t.Fatal(err)
	}
}

// tamperFound runs a statement that breaks a cached figure and checks that
// Check reports exactly one mismatch, containing want.
func tamperFound(t *testing.T, s *Store, want, query string, args ...any) {
	t.Helper()
	if _, err := s.db.Exec(query, args...); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(context.Background())
	if err != nil || r.OK() || len(r.Mismatches) != 1 || !strings.Contains(r.Mismatches[0], want) {
		t.Fatalf("after %q: %+v (%v), want one mismatch with %q", query, r, err, want)
	}
}

// underRace is n, or fewer under the race detector (raceEnabled).
func underRace(n, fewer int) int {
	if raceEnabled {
		return fewer
	}
	return n
}

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s, path
}

func TestOpenFreshFile(t *testing.T) {
	s, path := openTemp(t)
	if got := s.Info(); got.SchemaVersion != latestVersion() || got.Path != path {
		t.Fatalf("Info = %+v", got)
	}
	pragmas := map[string]string{
		"journal_mode": "wal", "foreign_keys": "1", "synchronous": "2",
		"application_id": fmt.Sprint(applicationID), "user_version": fmt.Sprint(latestVersion()),
	}
	for name, want := range pragmas {
		var got string
		if err := s.db.QueryRow("PRAGMA " + name).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", name, got, want)
		}
	}
	needs, err := s.NeedsSetup(context.Background())
	if err != nil || !needs {
		t.Fatalf("NeedsSetup = %v, %v", needs, err)
	}
}

func TestCreateRootAndReopen(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	sess, err := s.CreateRoot(ctx, rootInput())
	if err != nil {
		t.Fatal(err)
	}
	if sess.Name != "Switch Owner" || sess.Rights != model.AllRights || sess.Path != fmt.Sprintf("/%d/", sess.CustomerID) {
		t.Fatalf("session %+v", sess)
	}
	if _, err := s.CreateRoot(ctx, rootInput()); model.CodeOf(err) != model.CodeAlreadySetUp {
		t.Fatalf("second root: %v", err)
	}
	var hash string
	if err := s.db.QueryRow("SELECT password_hash FROM customers").Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !model.CheckPassword(hash, "correct horse") || strings.Contains(hash, "correct") {
		t.Fatalf("password not stored as a hash: %q", hash)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() != 0 {
		t.Errorf("WAL not checkpointed on close: %d bytes", st.Size())
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Error(err)
	}
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	root, err := s2.Customer(ctx, sess, sess.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	if root.Name != "Switch Owner" || root.WebLogin != "owner" || !root.IsRoot() || !root.Balance.IsZero() {
		t.Fatalf("root after reopen: %+v", root)
	}
	if needs, err := s2.NeedsSetup(ctx); err != nil || needs {
		t.Fatal("reopened file still needs setup:", err)
	}
}

func TestCreateRootValidates(t *testing.T) {
	s, _ := openTemp(t)
	in := rootInput()
	in.Name, in.PasswordAgain = "  ", "other"
	_, err := s.CreateRoot(context.Background(), in)
	es := model.FieldErrors(err)
	if es.For("name") == nil || es.For("password_again") == nil {
		t.Fatalf("want name and password_again errors, got %v", err)
	}
	if needs, err := s.NeedsSetup(context.Background()); err != nil || !needs {
		t.Fatal("an invalid setup saved something:", err)
	}
}

func fileBytes(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenRefusesWhatIsNotOurs(t *testing.T) {
	dir := t.TempDir()
	random := make([]byte, 8192)
	if _, err := rand.Read(random); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hello')"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	truncated := fileBytes(t, other)[:100]

	tests := []struct {
		name string
		path string
		code model.Code
	}{
		{"random bytes", write("random.db", random), model.CodeNotADatabase},
		{"text file", write("notes.txt", []byte("customers,balance\nA,1\n")), model.CodeNotADatabase},
		{"truncated sqlite", write("short.db", truncated), model.CodeNotADatabase},
		{"another program's sqlite", other, model.CodeNotADatabase},
		{"directory", dir, model.CodeCannotOpen},
		{"missing folder", filepath.Join(dir, "no", "such", "x.db"), model.CodeCannotOpen},
		{"folder is a file", filepath.Join(write("plain", []byte("x")), "x.db"), model.CodeCannotOpen},
		{"read-only place", "/proc/branchbook-test.db", model.CodeCannotOpen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before []byte
			if st, err := os.Stat(tt.path); err == nil && !st.IsDir() {
				before = fileBytes(t, tt.path)
			}
			s, err := Open(tt.path)
			if err == nil {
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				t.Fatal("opened")
			}
			if got := model.CodeOf(err); got != tt.code {
				t.Fatalf("code %s, want %s (%v)", got, tt.code, err)
			}
			if before != nil && !bytes.Equal(before, fileBytes(t, tt.path)) {
				t.Fatal("the refused file was changed")
			}
			for _, side := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(tt.path + side); err == nil {
					t.Errorf("left %s behind", side)
				}
			}
		})
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", latestVersion()+1)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before := fileBytes(t, path)
	_, err := Open(path)
	var me *model.Error
	if !errors.As(err, &me) || me.Code != model.CodeNewerDatabase || me.Params["version"] != latestVersion()+1 {
		t.Fatalf("want newer-database error, got %v", err)
	}
	if !bytes.Equal(before, fileBytes(t, path)) {
		t.Fatal("the newer file was changed")
	}
}

func withExtraMigration(t *testing.T, sql string) {
	t.Helper()
	saved := migrationSet
	t.Cleanup(func() { migrationSet = saved })
	extra := migration{version: len(saved) + 1, name: "9999_test.sql", sql: sql}
	migrationSet = append(append([]migration(nil), saved...), extra)
}

func TestUpgradeBacksUpFirst(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if _, err := s.CreateRoot(ctx, rootInput()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	old := latestVersion()
	withExtraMigration(t, "CREATE TABLE extra (x TEXT);")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Info().SchemaVersion != old+1 {
		t.Fatalf("schema %d, want %d", s.Info().SchemaVersion, old+1)
	}
	backups, err := filepath.Glob(filepath.Join(BackupDir(path), fmt.Sprintf("test-*-before-v%d.db", old+1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(backups) != 1 {
		t.Fatalf("want one backup, found %v", backups)
	}
	b, err := sql.Open("sqlite", backups[0])
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var v, roots int
	if err := b.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRow("SELECT count(*) FROM customers WHERE parent_id IS NULL").Scan(&roots); err != nil {
		t.Fatal(err)
	}
	if v != old || roots != 1 {
		t.Fatalf("backup at version %d with %d roots", v, roots)
	}
}

func TestFailedMigrationChangesNothing(t *testing.T) {
	s, path := openTemp(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	withExtraMigration(t, "CREATE TABLE half (x TEXT); THIS IS NOT SQL;")
	if s, err := Open(path); err == nil {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		t.Fatal("a broken migration was applied")
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v, half int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").Scan(&half); err != nil {
		t.Fatal(err)
	}
	if v != latestVersion()-1 || half != 0 {
		t.Fatalf("after a failed migration: version %d, half table %d", v, half)
	}
}

func TestBackupBeforeMigrationIsConsistentCopy(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if _, err := s.CreateRoot(ctx, rootInput()); err != nil {
		t.Fatal(err)
	}
	dest, err := s.backupBeforeMigration(ctx, latestVersion())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(dest) != BackupDir(path) {
		t.Fatalf("backup at %s", dest)
	}
	b, err := Open(dest)
	if err != nil {
		t.Fatalf("backup does not open: %v", err)
	}
	defer b.Close()
	if needs, err := b.NeedsSetup(ctx); err != nil || needs {
		t.Fatal("backup lacks the root customer:", err)
	}
}

func TestEntriesAreAppendOnly(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	sess, err := s.CreateRoot(ctx, rootInput())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO tariffs (id, owner_id, name, name_key, currency, created_at, updated_at)
		VALUES (1, ?, 'T', 't', 'USD', 'x', 'x')`, sess.CustomerID); err != nil {
		t.Fatal(err)
	}
	_, err = s.db.Exec(`INSERT INTO customers (id, parent_id, path, depth, name, name_key, language, time_zone,
		tariff_id, currency, created_at, updated_at) VALUES (2, ?, '/1/2/', 1, 'A', 'a', 'en', 'UTC', 1, 'USD', 'x', 'x')`, sess.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.db.Exec(`INSERT INTO entries (customer_id, kind, entered_micros, entered_currency, rate,
		booked_micros, balance_after_micros, created_by, created_at) VALUES (2, 'opening', 5, 'USD', '1', 5, 5, 1, 'x')`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("UPDATE entries SET booked_micros = 6"); err == nil {
		t.Error("an entry was updated")
	}
	if _, err := s.db.Exec("DELETE FROM entries"); err == nil {
		t.Error("an entry was deleted")
	}
	if _, err := s.db.Exec(`INSERT INTO customers (id, parent_id, path, depth, name, name_key, language, time_zone,
		created_at, updated_at) VALUES (3, NULL, '/3/', 0, 'R2', 'r2', 'en', 'UTC', 'x', 'x')`); err == nil {
		t.Error("a second root was accepted")
	}
}

func TestPathWithSpacesAndQuestionMark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my data?#1 %20.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("file not at the exact path: %v", err)
	}
}
