package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// reopenWith closes s and opens its file again with extra pragmas on every
// writer connection.
func reopenWith(t *testing.T, s *Store, pragmas ...string) *Store {
	t.Helper()
	path := s.Info().Path
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	testPragmas = pragmas
	t.Cleanup(func() { testPragmas = nil })
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s2.Close(); err != nil {
			t.Error(err)
		}
	})
	return s2
}

func TestFullDiskSavesNothingHalfWay(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	var pages int
	if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	s = reopenWith(t, s, fmt.Sprintf("max_page_count(%d)", pages+3))
	var full error
	for i := range 2000 {
		in := entryIn(model.EntryCredit, "1", "EUR", fmt.Sprint("full", i))
		in.Notes = fmt.Sprintf("%0500d", i) // fill pages quickly
		if _, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), in); err != nil {
			full = err
			break
		}
	}
	if model.CodeOf(full) != model.CodeDiskFull {
		t.Fatalf("want a disk-full error, got %v", full)
	}
	r, err := s.Check(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("after the disk filled: %+v %v", r, err)
	}
}

func TestReadOnlyFileSavesNothing(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	s = reopenWith(t, s, "query_only(1)")
	before := dump(t, s)
	_, err := s.AddEntry(ctx, root, model.CustomerLedger(cs["C"].ID), entryIn(model.EntryCredit, "1", "EUR", "ro"))
	if model.CodeOf(err) != model.CodeReadOnly {
		t.Fatalf("want a read-only error, got %v", err)
	}
	if _, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "X", Currency: "USD"}); model.CodeOf(err) != model.CodeReadOnly {
		t.Fatalf("tariff on a read-only file: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a read-only file changed")
	}
}

func TestDailyBackupsKeepFourteen(t *testing.T) {
	ctx := context.Background()
	s, root, _, _ := manual(t)
	dir := BackupDir(s.Info().Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 16 {
		if err := os.WriteFile(filepath.Join(dir, backupName(s.Info().Path, day.AddDate(0, 0, i), "daily")), []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s.now = func() time.Time { return day.AddDate(0, 1, 0) }
	first, err := s.DailyBackup(ctx)
	if err != nil || first == "" {
		t.Fatalf("first backup of the day: %q %v", first, err)
	}
	if again, err := s.DailyBackup(ctx); err != nil || again != "" {
		t.Fatal("a second backup the same day:", err)
	}
	all, err := filepath.Glob(filepath.Join(dir, "*-daily.db"))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != KeepBackups {
		t.Fatalf("%d daily backups kept, want %d", len(all), KeepBackups)
	}
	if err := CheckBackup(first); err != nil {
		t.Fatalf("the backup is not sound: %v", err)
	}
	b, err := Open(first)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got, err := b.Customer(ctx, root, root.CustomerID); err != nil || got.Name != "Switch Owner" {
		t.Fatal("the backup lacks the data:", err)
	}
}
