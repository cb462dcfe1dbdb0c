package calls

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/cdr"
	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// fakeStore keeps calls in memory and records what it was asked.
type fakeStore struct {
	calls    []model.Call
	limits   []int // the Limit of every Calls
	imported []model.CallRecord
	skipped  int
	undone   []model.ID
	imports  []model.CallImport
}

func (f *fakeStore) ImportCalls(ctx context.Context, _ model.Session, in model.CallImportInput) (model.CallImportResult, error) {
	var got []model.CallRecord
	for {
		r, err := in.Source.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return model.CallImportResult{}, err
		}
		got = append(got, r)
	}
	f.imported, f.skipped = got, in.Source.Skipped()
	imp := model.CallImport{ID: 1, FileName: in.FileName, Layout: in.Layout, Calls: len(got), Rated: len(got) - 1, Unrated: 1,
		Skipped: f.skipped, Unreasons: map[string]int{"no_rate": 1},
		Totals: []model.Money{{Amount: decimal.RequireFromString("1.234567"), Currency: "EUR"}}}
	f.imports = append(f.imports, imp)
	return model.CallImportResult{Import: imp, Entries: 2}, nil
}

func (f *fakeStore) CallImports(context.Context, model.Session, int) ([]model.CallImport, error) {
	return f.imports, nil
}

func (f *fakeStore) UndoCallImport(_ context.Context, _ model.Session, id model.ID, reason string) error {
	f.undone = append(f.undone, id)
	for i := range f.imports {
		if f.imports[i].ID == id {
			f.imports[i].UndoneAt = time.Now()
		}
	}
	return nil
}

func (f *fakeStore) RerateCallImport(context.Context, model.Session, model.ID) (model.CallImportResult, error) {
	return model.CallImportResult{}, errors.New("not here")
}

func (f *fakeStore) Calls(_ context.Context, _ model.Session, _ model.Holder, q model.CallQuery) (model.CallPage, error) {
	f.limits = append(f.limits, q.Limit)
	end := min(q.Offset+q.Limit, len(f.calls))
	if q.Offset > end {
		return model.CallPage{Total: len(f.calls)}, nil
	}
	return model.CallPage{Calls: f.calls[q.Offset:end], Total: len(f.calls)}, nil
}

func (f *fakeStore) CallTotals(context.Context, model.Session, model.Holder, model.CallQuery) ([]model.DestinationTotal, error) {
	return []model.DestinationTotal{{Prefix: "49", Calls: 3, Seconds: 150, Cost: model.Money{Amount: decimal.RequireFromString("0.5"), Currency: "EUR"}}}, nil
}

func (f *fakeStore) Margin(context.Context, model.Session, time.Time, time.Time) ([]model.MarginLine, error) {
	return nil, nil
}

func testEnv(t *testing.T) widgets.Env {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("calls")
	w.Resize(fyne.NewSize(1240, 720))
	return widgets.Env{Win: w, Tr: i18n.New(i18n.English), Background: func(f func()) { f() },
		Session: func() model.Session {
			return model.Session{CustomerID: 2, Rights: model.RightMaintenance, TimeZone: "Europe/Berlin"}
		},
		Rates: func() model.RateTable { return model.RateTable{} },
		Zone:  func() *time.Location { z, _ := time.LoadLocation("Europe/Berlin"); return z }}
}

// TestTabReadsPageByPage: a list of many calls reads only the pages its
// rows are on, never the whole.
func TestTabReadsPageByPage(t *testing.T) {
	env := testEnv(t)
	st := &fakeStore{}
	start := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	for i := range 5000 {
		st.calls = append(st.calls, model.Call{ID: model.ID(i + 1), Username: "alice", Called: fmt.Sprint(4930000 + i),
			Start: start, Answered: true, Seconds: 60,
			Charges: []model.CallCharge{
				{Level: 0, Holder: model.AccountLedger(7), HolderName: "alice", Cost: model.Money{Amount: decimal.RequireFromString("0.12"), Currency: "EUR"}},
				{Level: 1, Holder: model.CustomerLedger(2), HolderName: "C", Cost: model.Money{Amount: decimal.RequireFromString("0.100001"), Currency: "EUR"}},
			}})
	}
	st.calls[4999].Reason = "no_rate"
	tab := NewTab(env, st)
	env.Win.SetContent(tab.Content)
	tab.Show(model.CustomerLedger(2), "C")
	if len(st.limits) != 0 || tab.Rows() != 0 {
		t.Fatal("a tab behind others read calls")
	}
	tab.SetActive(true)
	if tab.Rows() != 5000 {
		t.Fatalf("rows = %d, want 5000", tab.Rows())
	}
	if c, ok := tab.Call(4999); !ok || c.ID != 5000 {
		t.Fatalf("row 4999 = %v %v", c.ID, ok)
	}
	for _, l := range st.limits {
		if l != pageSize {
			t.Fatalf("the tab asked for %d calls at once", l)
		}
	}
	if len(st.limits) > 3 {
		t.Errorf("%d reads for two rows", len(st.limits))
	}
	if got := tab.CellText(0, 4); got != "EUR 0.100001" {
		t.Errorf("cost = %q, want C's own cost", got)
	}
	if got := tab.CellText(0, 6); got != "alice: EUR 0.12" {
		t.Errorf("levels below = %q", got)
	}
	if got := tab.CellText(4999, 5); got != "No rate for the number" {
		t.Errorf("status = %q", got)
	}
	if got := tab.CellText(0, 0); got != tr(env).DateTime(start, env.Zone()) {
		t.Errorf("start = %q, want in the viewer's zone", got)
	}
	if tab.Count.Text != "5000 calls" && tab.Count.Text != "5,000 calls" {
		t.Errorf("count = %q", tab.Count.Text)
	}
	// Totals by destination and the export.
	if d := tab.ShowTotals(); d == nil {
		t.Fatal("no totals")
	}
	var b strings.Builder
	n, err := ExportCalls(context.Background(), env, st, model.CustomerLedger(2), model.CallQuery{}, &b, nil)
	if err != nil || n != 5000 {
		t.Fatalf("export: %d, %v", n, err)
	}
	if lines := strings.Count(b.String(), "\n"); lines != 5001 {
		t.Errorf("export has %d lines", lines)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ExportCalls(ctx, env, st, model.CustomerLedger(2), model.CallQuery{}, io.Discard, nil); err == nil {
		t.Error("a cancelled export went on")
	}
}

func tr(env widgets.Env) *i18n.Translator { return env.Tr }

// TestImportPreviewAndRun: the preview shows the layout and first calls
// before anything is written; a file of no layout is refused; the import
// hands the store the calls and counts the malformed lines.
func TestImportPreviewAndRun(t *testing.T) {
	env := testEnv(t)
	st := &fakeStore{}
	dir := t.TempDir()
	good := filepath.Join(dir, "calls.csv")
	os.WriteFile(good, []byte("call_id,account,caller,called_number,start_time,billed_seconds,answered\n"+
		"c1,alice,100,+4930123,2026-11-30 10:00:00,60,yes\n"+
		"c2,alice,100,+4930124,2026-11-30 11:00:00,abc,yes\n"+
		"c3,bob,100,0033612345678,2026-12-01T09:00:00Z,26,yes\n"), 0o600)
	imported := 0
	im := NewImporter(env, st, func() { imported++ })
	pd := im.ShowPreview(good)
	if pd.Preview.Err != nil || pd.Preview.Layout != cdr.Branchbook || len(pd.Preview.Calls) != 2 || len(pd.Preview.Bad) != 1 {
		t.Fatalf("preview = %+v", pd.Preview)
	}
	// A time without a zone is read in the viewer's zone (Berlin: UTC+1).
	if got := pd.Preview.Calls[0].Start; !got.Equal(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("start = %v", got)
	}
	if st.imported != nil {
		t.Fatal("the preview wrote")
	}
	pd.Dialog.Hide()
	out := im.ImportFile(good)
	if out.Err != nil || len(st.imported) != 2 || st.skipped != 1 || len(out.Bad) != 1 || out.Bad[0].Line != 3 {
		t.Fatalf("import: %+v, stored %d, skipped %d", out, len(st.imported), st.skipped)
	}
	sum := SummaryText(env.Tr, out.Result.Import, out.Bad)
	for _, want := range []string{"Rated: 1", "Unrated: 1", "No rate for the number: 1", "Malformed lines left out: 1", "Line 3", "EUR 1.23"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}

	bad := filepath.Join(dir, "photo.csv")
	os.WriteFile(bad, []byte("\x89PNG\x00\x00\x00binary"), 0o600)
	pd = im.ShowPreview(bad)
	if pd.Preview.Err == nil || !pd.Button.Disabled() {
		t.Fatalf("a binary file was offered for import: %+v", pd.Preview)
	}
	if !strings.Contains(pd.Text.Text, "photo.csv cannot be imported") {
		t.Errorf("refusal = %q", pd.Text.Text)
	}
	pd.Dialog.Hide()
}

// TestImportsUndo: Undo asks for a reason and a confirmation.
func TestImportsUndo(t *testing.T) {
	env := testEnv(t)
	st := &fakeStore{imports: []model.CallImport{{ID: 4, FileName: "a.csv", Layout: "asterisk", Calls: 3, Rated: 3}}}
	changed := 0
	w := ShowImports(test.NewTempApp(t), env, st, func() { changed++ }, nil)
	defer w.Win.Close()
	if len(w.List()) != 1 || !w.Undo.Disabled() {
		t.Fatal("Undo is offered with nothing selected")
	}
	w.Select(0)
	if w.Undo.Disabled() {
		t.Fatal("Undo is not offered for the selected import")
	}
	fd := w.AskUndo()
	fd.Form.Entry("reason").SetText("wrong file")
	fd.Submit(true)
	// The confirmation is on top: confirm it.
	top := w.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no confirmation")
	}
	// The confirm button has the focus: Enter confirms.
	w.Win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(st.undone) != 1 || st.undone[0] != 4 || changed != 1 {
		t.Fatalf("undone %v, changed %d", st.undone, changed)
	}
	if !w.Undo.Disabled() {
		t.Error("Undo is still offered for an undone import")
	}
}
