package ui

import (
	"context"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/branchbook/branchbook/ui/widgets"
)

// backupMaker is what a store that can copy itself offers.
type backupMaker interface {
	BackupTo(ctx context.Context, dest string, progress func(done, total int)) error
}

// askBackup asks where to put a copy of the database and makes it in the
// background, with a progress bar.
func (c *Controller) askBackup() {
	tr := c.tr
	maker, ok := c.store.(backupMaker)
	if !ok {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				c.showError(err)
			}
			return
		}
		dest := w.URI().Path()
		w.Close()
		c.runBackup(maker, dest)
	}, c.win)
	base := filepath.Base(c.store.Info().Path)
	d.SetFileName(base[:len(base)-len(filepath.Ext(base))] + "-" + time.Now().Format("2006-01-02") + ".db")
	d.SetFilter(dbFilter())
	d.SetConfirmText(tr.T("Back up"))
	d.SetDismissText(tr.T("Cancel"))
	c.sizeFileDialog(d, filepath.Dir(c.store.Info().Path))
	widgets.ShowFileDialog(c.win, d)
}

func (c *Controller) runBackup(maker backupMaker, dest string) {
	tr := c.tr
	bar := widget.NewProgressBar()
	wait := dialog.NewCustomWithoutButtons(tr.T("Backing up…"), bar, c.win)
	wait.Show()
	c.background(func() {
		err := maker.BackupTo(context.Background(), dest, func(done, total int) {
			if total > 0 {
				fyne.Do(func() { bar.SetValue(float64(done) / float64(total)) })
			}
		})
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				c.showError(err)
				return
			}
			widgets.ShowInfo(c.win, c.tr, tr.T("Backup saved"), tr.T("The database was copied to %s.", dest))
		})
	})
}

// askRestore picks a backup, asks first, then replaces the open database
// by it. The replaced file is kept in the backups folder.
func (c *Controller) askRestore() {
	tr := c.tr
	if c.opts.Restore == nil || c.opts.Open == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				c.showError(err)
			}
			return
		}
		backup := r.URI().Path()
		r.Close()
		widgets.Confirm(c.win, c.tr, tr.T("Restore from backup"),
			tr.T("Replace the open database with %s? The file open now is kept in the backups folder.", filepath.Base(backup)),
			tr.T("Restore"), func() { c.restore(backup) })
	}, c.win)
	d.SetFilter(dbFilter())
	d.SetConfirmText(tr.T("Open"))
	d.SetDismissText(tr.T("Cancel"))
	c.sizeFileDialog(d, filepath.Join(filepath.Dir(c.store.Info().Path), "backups"))
	widgets.ShowFileDialog(c.win, d)
}

// restore closes the database, replaces it by the backup and opens it
// again; if the backup is refused, the current database is opened again
// unchanged.
func (c *Controller) restore(backup string) {
	tr := c.tr
	path := c.store.Info().Path
	c.closeToolWindows()
	if err := c.store.Close(); err != nil {
		c.showError(err)
		return
	}
	kept, rerr := c.opts.Restore(path, backup)
	next, err := c.opts.Open(path)
	if err != nil {
		c.showFailure(err)
		return
	}
	c.store = next
	c.showStart()
	if rerr != nil {
		c.showError(rerr)
		return
	}
	widgets.ShowInfo(c.win, c.tr, tr.T("Restored"), tr.T("The backup is open now. The file it replaced is kept as %s.", kept))
}
