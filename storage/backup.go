package storage

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/branchbook/branchbook/model"
	"modernc.org/sqlite"
)

// KeepBackups is how many daily backups are kept in the backups folder.
const KeepBackups = 14

// backupStamp names backups so that name order is time order.
const backupStamp = "20060102-150405"

// BackupDir is the folder beside the database that holds its backups.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// backupName is the file name of a backup of db made at t, of a kind
// ("daily", "before-v2", "replaced").
func backupName(db string, t time.Time, kind string) string {
	base := strings.TrimSuffix(filepath.Base(db), filepath.Ext(db))
	return fmt.Sprintf("%s-%s-%s.db", base, t.Format(backupStamp), kind)
}

// backuper is what modernc's connection offers for SQLite's online backup.
type backuper interface {
	NewBackup(dstURI string) (*sqlite.Backup, error)
}

// BackupTo copies the database to dest with SQLite's online backup, a few
// pages at a time, so the copy is consistent while others keep writing.
// The copy is written beside dest and renamed into place at the end, so
// dest is never a half-written file. progress, when not nil, is told the
// pages done and the total.
func (s *Store) BackupTo(ctx context.Context, dest string, progress func(done, total int)) error {
	tmp := dest + ".part"
	os.Remove(tmp)
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return storageErr("starting a backup", err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		b, err := dc.(backuper).NewBackup(tmp)
		if err != nil {
			return err
		}
		for {
			more, err := b.Step(512)
			if err != nil {
				b.Finish()
				return err
			}
			if progress != nil {
				progress(b.PageCount()-b.Remaining(), b.PageCount())
			}
			if !more {
				break
			}
		}
		return b.Finish()
	})
	if err != nil {
		os.Remove(tmp)
		return storageErr("backing up to "+dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return storageErr("backing up to "+dest, err)
	}
	return nil
}

// DailyBackup copies the database into the backups folder unless a daily
// backup from today is there already, and keeps the newest KeepBackups. It
// returns the new backup's path, or "" when none was needed.
func (s *Store) DailyBackup(ctx context.Context) (string, error) {
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", storageErr("making the backups folder", err)
	}
	now := s.now()
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	today, _ := filepath.Glob(filepath.Join(dir, base+"-"+now.Format("20060102")+"-*-daily.db"))
	if len(today) > 0 {
		return "", nil
	}
	dest := filepath.Join(dir, backupName(s.path, now, "daily"))
	if err := s.BackupTo(ctx, dest, nil); err != nil {
		return "", err
	}
	old, _ := filepath.Glob(filepath.Join(dir, base+"-*-daily.db"))
	sort.Strings(old)
	for len(old) > KeepBackups {
		os.Remove(old[0])
		old = old[1:]
	}
	return dest, nil
}

// CheckBackup makes sure a file is a sound Branchbook database this program
// can open: the right kind of file, a schema no newer than ours, and
// SQLite's integrity check passing. It changes nothing.
func CheckBackup(path string) error {
	exists, err := checkPath(path)
	if err != nil {
		return err
	}
	if !exists {
		return notADatabase(path)
	}
	if _, err := inspect(path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return cannotOpen(path, err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow("PRAGMA integrity_check(1)").Scan(&result); err != nil || result != "ok" {
		return &model.Error{Code: model.CodeNotADatabase, Params: map[string]any{"path": path, "reason": "damaged"}}
	}
	return nil
}

// RestoreBackup replaces the database at dbPath by a copy of backup, after
// checking the backup. The replaced file is kept in the backups folder and
// its path returned. The store on dbPath must be closed first.
func RestoreBackup(dbPath, backup string) (string, error) {
	if err := CheckBackup(backup); err != nil {
		return "", err
	}
	dir := BackupDir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", cannotOpen(dir, err)
	}
	// Copy first, beside the database, so a failure leaves everything as
	// it was; then move the current file aside and the copy into place.
	tmp := dbPath + ".restore"
	if err := copyFile(backup, tmp); err != nil {
		os.Remove(tmp)
		return "", cannotOpen(dbPath, err)
	}
	kept := filepath.Join(dir, backupName(dbPath, time.Now().UTC(), "replaced"))
	if _, err := os.Stat(dbPath); err == nil {
		if err := os.Rename(dbPath, kept); err != nil {
			os.Remove(tmp)
			return "", cannotOpen(dbPath, err)
		}
		for _, side := range []string{"-wal", "-shm"} {
			os.Rename(dbPath+side, kept+side)
		}
	} else {
		kept = ""
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return kept, cannotOpen(dbPath, err)
	}
	return kept, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
