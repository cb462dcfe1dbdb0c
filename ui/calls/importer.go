package calls

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/cdr"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// previewBytes is how much of a file the preview reads: the layout is told
// from it, and its first rows shown, before anything is written.
const previewBytes = 64 << 10

// previewRows is how many calls the preview shows.
const previewRows = 10

// keptBadLines is how many malformed lines the summary names.
const keptBadLines = 5

// Importer runs File → Import calls…: a file picker, a preview of the
// layout and first rows, the import with a progress bar and Cancel, and a
// summary. OnImported is told after an import that stored something, so
// the shell redraws balances and lists.
type Importer struct {
	env        widgets.Env
	store      Store
	OnImported func()
	// Folder is where the file picker starts.
	Folder string
}

// NewImporter makes the import flow over env's window.
func NewImporter(env widgets.Env, store Store, onImported func()) *Importer {
	return &Importer{env: env, store: store, OnImported: onImported}
}

// Ask opens the file picker; the preview follows.
func (im *Importer) Ask() {
	tr := im.env.Tr
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			im.env.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		im.Folder = filepath.Dir(path)
		im.ShowPreview(path)
	}, im.env.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".cdr", ".txt", ".log"}))
	d.SetConfirmText(tr.T("Open"))
	d.SetDismissText(tr.T("Cancel"))
	widgets.SizeFileDialog(im.env.Win, d, im.Folder)
	widgets.ShowFileDialog(im.env.Win, d)
}

// Preview is what the first 64 KB of a file say: its layout and first
// calls, or why it is refused.
type Preview struct {
	Path   string
	Layout cdr.Layout
	Calls  []cdr.Call
	Bad    []*cdr.RowError
	// Err refuses the whole file (empty, binary, none of the layouts) or
	// says it cannot be read.
	Err error
}

// ReadPreview reads the beginning of the file at path, starting times
// without a zone in zone.
func ReadPreview(path string, zone *time.Location) Preview {
	p := Preview{Path: path}
	f, err := os.Open(path)
	if err != nil {
		p.Err = err
		return p
	}
	defer f.Close()
	sample, err := io.ReadAll(io.LimitReader(f, previewBytes))
	if err != nil {
		p.Err = err
		return p
	}
	if p.Layout, p.Err = cdr.Detect(sample); p.Err != nil {
		return p
	}
	r, err := cdr.NewReader(strings.NewReader(string(sample)), cdr.Options{Layout: p.Layout, Location: zone})
	if err != nil {
		p.Err = err
		return p
	}
	for len(p.Calls) < previewRows {
		c, err := r.Next()
		var bad *cdr.RowError
		switch {
		case err == nil:
			p.Calls = append(p.Calls, c)
		case errors.As(err, &bad):
			p.Bad = append(p.Bad, bad)
		default:
			return p
		}
	}
	return p
}

// previewColumns are the columns of the preview's calls.
var previewColumns = []widgets.Column{
	{Title: "Line", Width: 50}, {Title: "Account", Width: 110}, {Title: "Called number", Width: 130},
	{Title: "Start", Width: 130, Fits: callColumns[0].Fits}, {Title: "Seconds", Width: 60}, {Title: "Answered", Width: 70},
}

// PreviewDialog shows a file's layout and first calls; Import imports it.
type PreviewDialog struct {
	im      *Importer
	Preview Preview
	Dialog  *dialog.CustomDialog
	// Button imports; it is disabled for a refused file.
	Button *widgets.KeyButton
	// Text is the layout line, or the refusal.
	Text *widget.Label
}

// ShowPreview reads the beginning of path and shows what it holds; nothing
// is written until Import.
func (im *Importer) ShowPreview(path string) *PreviewDialog {
	tr := im.env.Tr
	pd := &PreviewDialog{im: im, Preview: ReadPreview(path, im.env.Zone())}
	p := pd.Preview
	pd.Text = widget.NewLabel("")
	pd.Text.Wrapping = fyne.TextWrapWord
	var body fyne.CanvasObject
	if p.Err != nil {
		pd.Text.SetText(tr.T("%s cannot be imported: %s", filepath.Base(path), fileErrorText(tr, p.Err)))
		pd.Text.Importance = widget.DangerImportance
		body = container.New(&widgets.MaxWidthLayout{Width: 520}, pd.Text)
	} else {
		pd.Text.SetText(tr.T("%s is a file of the layout %s. Its first calls:", filepath.Base(path), LayoutName(tr, string(p.Layout))))
		table := widgets.NewTable(tr, previewColumns, func() int { return len(p.Calls) }, func(id widget.TableCellID, l *widget.Label) {
			l.SetText(previewCell(tr, im.env.Zone(), p.Calls[id.Row], id.Col))
		})
		zone := widget.NewLabel(tr.T("Start times without a time zone are read in %s.", im.env.Zone().String()))
		zone.Importance = widget.LowImportance
		var bad []string
		for _, b := range p.Bad {
			bad = append(bad, RowText(tr, b))
		}
		badLabel := widget.NewLabel(strings.Join(bad, "\n"))
		badLabel.Importance = widget.WarningImportance
		badLabel.Hidden = len(bad) == 0
		body = container.NewBorder(pd.Text, container.NewVBox(badLabel, zone), nil, nil, table)
		body = container.New(&sized{dialogSize(im.env.Win, 760, 380)}, body)
	}
	cancel := widgets.NewKeyButton(tr.T("Cancel"), func() { pd.Dialog.Hide() }, nil)
	pd.Button = widgets.NewKeyButton(tr.T("Import"), im.env.Safe(pd.Import), nil)
	pd.Button.Importance = widget.HighImportance
	if p.Err != nil {
		pd.Button.Disable()
	}
	pd.Dialog = dialog.NewCustomWithoutButtons(tr.T("Import calls"), body, im.env.Win)
	pd.Dialog.SetButtons([]fyne.CanvasObject{cancel, pd.Button})
	pd.Dialog.Show()
	enter := pd.Import
	if p.Err != nil {
		enter = pd.Dialog.Hide
	}
	widgets.BindKeys(im.env.Win, pd.Dialog, &widgets.KeyTarget{Enter: enter}, body, cancel, pd.Button)
	if p.Err != nil {
		im.env.Win.Canvas().Focus(cancel)
	} else {
		im.env.Win.Canvas().Focus(pd.Button)
	}
	return pd
}

func previewCell(tr *i18n.Translator, zone *time.Location, c cdr.Call, col int) string {
	switch col {
	case 0:
		return fmt.Sprint(c.Line)
	case 1:
		return model.VisibleText(c.Account)
	case 2:
		return model.VisibleText(c.Called)
	case 3:
		return tr.DateTime(c.Start, zone)
	case 4:
		return fmt.Sprint(c.BilledSeconds)
	case 5:
		if c.Answered {
			return tr.T("Yes")
		}
		return tr.T("No")
	}
	return ""
}

// Import closes the preview and imports the file: in the background,
// behind a progress bar with Cancel, then a summary.
func (pd *PreviewDialog) Import() {
	if pd.Preview.Err != nil {
		return
	}
	pd.Dialog.Hide()
	pd.im.Run(pd.Preview.Path, pd.Preview.Layout)
}

// Outcome is what an import did, for its summary.
type Outcome struct {
	FileName  string
	Result    model.CallImportResult
	Bad       []*cdr.RowError
	Err       error
	Cancelled bool
}

// Run imports the file at path (of layout, or detected when "") in the
// background with a progress bar and Cancel; the summary follows.
func (im *Importer) Run(path string, layout cdr.Layout) {
	tr := im.env.Tr
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	status := widget.NewLabel(tr.T("Reading %s…", filepath.Base(path)))
	stop := widgets.NewKeyButton(tr.T("Cancel"), cancel, cancel)
	wait := dialog.NewCustomWithoutButtons(tr.T("Importing calls…"),
		container.New(&widgets.MaxWidthLayout{Width: 440}, container.NewVBox(status, bar)), im.env.Win)
	wait.SetButtons([]fyne.CanvasObject{stop})
	wait.Show()
	widgets.BindKeys(im.env.Win, wait, &widgets.KeyTarget{Escape: cancel}, stop)
	im.env.Win.Canvas().Focus(stop)
	zone, sess := im.env.Zone(), im.env.Session()
	im.env.Async(func() {
		var shown time.Time
		out := im.importFile(ctx, sess, path, layout, zone, func(read, total int64) {
			// Called on this goroutine as records are stored; the bar
			// moves at most ten times a second.
			if total <= 0 || time.Since(shown) < 100*time.Millisecond {
				return
			}
			shown = time.Now()
			v := float64(read) / float64(total)
			fyne.Do(func() { bar.SetValue(v) })
		})
		cancel()
		fyne.Do(im.env.Safe(func() {
			wait.Hide()
			im.finish(out)
		}))
	})
}

// importFile reads and imports one file; progress, when set, is told how
// many bytes of the file were read, on the importing goroutine, as the
// store reports its progress.
func (im *Importer) importFile(ctx context.Context, sess model.Session, path string, layout cdr.Layout, zone *time.Location, progress func(read, total int64)) Outcome {
	out := Outcome{FileName: filepath.Base(path)}
	f, err := os.Open(path)
	if err != nil {
		out.Err = err
		return out
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	r, err := cdr.NewReader(f, cdr.Options{Layout: layout, Location: zone, Size: size})
	if err != nil {
		out.Err = err
		return out
	}
	src := cdr.NewSource(ctx, r, keptBadLines)
	in := model.CallImportInput{FileName: out.FileName, Layout: string(r.Layout()), Source: src}
	if progress != nil {
		in.Progress = func(int) { progress(r.Progress()) }
	}
	out.Result, out.Err = im.store.ImportCalls(ctx, sess, in)
	out.Bad = src.RowErrors()
	if ctx.Err() != nil && out.Err != nil {
		out.Cancelled, out.Err = true, nil
	}
	return out
}

// ImportFile imports the file at path at once, without a window: the
// tests' way through the same code as Run.
func (im *Importer) ImportFile(path string) Outcome {
	out := im.importFile(context.Background(), im.env.Session(), path, "", im.env.Zone(), nil)
	return out
}

// finish shows what an import did and tells the shell.
func (im *Importer) finish(out Outcome) {
	tr := im.env.Tr
	switch {
	case out.Cancelled:
		im.env.ShowInfo(tr.T("Import cancelled"), tr.T("Nothing of %s was imported.", out.FileName))
		return
	case out.Err != nil:
		im.env.ShowInfo(tr.T("Import calls"), tr.T("%s cannot be imported: %s", out.FileName, fileErrorText(tr, out.Err)))
		return
	}
	if im.OnImported != nil {
		im.OnImported()
	}
	ShowSummary(im.env, tr.T("Calls imported"), out.Result.Import, out.Bad)
}

// SummaryText is the summary of an import: rated, unrated by reason,
// duplicates, malformed lines and totals per currency.
func SummaryText(tr *i18n.Translator, imp model.CallImport, bad []*cdr.RowError) string {
	lines := []string{
		tr.T("File: %s (%s)", imp.FileName, LayoutName(tr, imp.Layout)),
		tr.T("Rated: %d", imp.Rated),
		tr.T("Unrated: %d", imp.Unrated),
	}
	reasons := make([]string, 0, len(imp.Unreasons))
	for r := range imp.Unreasons {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool { return imp.Unreasons[reasons[i]] > imp.Unreasons[reasons[j]] })
	for _, r := range reasons {
		lines = append(lines, "    "+tr.T("%s: %d", ReasonText(tr, r), imp.Unreasons[r]))
	}
	lines = append(lines, tr.T("Duplicates skipped: %d", imp.Duplicates), tr.T("Malformed lines left out: %d", imp.Skipped))
	for _, b := range bad {
		lines = append(lines, "    "+RowText(tr, b))
	}
	lines = append(lines, tr.T("Charged: %s", ""))
	if len(imp.Totals) == 0 {
		lines[len(lines)-1] += "—"
	}
	for _, m := range imp.Totals {
		lines = append(lines, "    "+widgets.MoneyText(tr, m.Amount, m.Currency))
	}
	return strings.Join(lines, "\n")
}

// ShowSummary shows an import's summary in a dialog.
func ShowSummary(env widgets.Env, title string, imp model.CallImport, bad []*cdr.RowError) *dialog.CustomDialog {
	text := widget.NewLabel(SummaryText(env.Tr, imp, bad))
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	return widgets.ShowMessage(env.Win, env.Tr, title, container.New(&widgets.MaxWidthLayout{Width: 520}, text))
}
