package storage

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// figureStore sets the manual's figure up in a new file.
func figureStore(t testing.TB) (*Store, *Figure) {
	t.Helper()
	s, _ := openTemp(t)
	f, err := SetUpFigure(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return s, f
}

// importFigure imports the 20 calls as sess.
func importFigure(t testing.TB, s *Store, sess model.Session) model.CallImportResult {
	t.Helper()
	res, err := s.ImportCalls(context.Background(), sess, model.CallImportInput{FileName: "figure20.csv", Layout: "branchbook",
		Source: &RecordSource{Records: FigureCalls()}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// callsEntries returns a holder's "calls" entries, newest first.
func callsEntries(t testing.TB, s *Store, sess model.Session, h model.Holder) []model.Entry {
	t.Helper()
	es, err := s.Entries(context.Background(), sess, h, model.EntryFilter{Kinds: []model.EntryKind{model.EntryCalls}})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestImportFigureBooksTheLastTable imports the figure's 20 calls and finds
// on c-desk, C, A, e-phone, E and B exactly one "calls" entry each, of the
// figure's last table.
func TestImportFigureBooksTheLastTable(t *testing.T) {
	ctx := context.Background()
	s, f := figureStore(t)
	root := f.Sessions["Root"]
	res := importFigure(t, s, root)
	ci := res.Import
	if res.Entries != 6 || ci.Calls != 20 || ci.Rated != 16 || ci.Unrated != 4 || ci.Duplicates != 0 {
		t.Fatalf("import: %+v", res)
	}
	want := map[string]int{"no_rate": 2, "unanswered": 1, "number_invalid": 1}
	for k, n := range want {
		if ci.Unreasons[k] != n {
			t.Errorf("unrated %s: %d, want %d (%v)", k, ci.Unreasons[k], n, ci.Unreasons)
		}
	}
	for name, total := range FigureTotals {
		es := callsEntries(t, s, root, f.Holder(name))
		if len(es) != 1 {
			t.Fatalf("%s: %d calls entries", name, len(es))
		}
		e := es[0]
		if !e.Booked.Equal(total.Amount.Neg()) || !e.Entered.Amount.Equal(total.Amount) || e.Entered.Currency != total.Currency ||
			e.Notes != "" || e.Calls == nil || e.Calls.Import != ci.ID || e.Calls.Count != 8 {
			t.Errorf("%s: %+v (calls %+v), want %s", name, e, e.Calls, total)
		}
	}
	if es := callsEntries(t, s, root, f.Holder("D")); len(es) != 0 {
		t.Errorf("D was charged: %+v", es)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
	// The account's page: its 10 calls, newest first, with every level for
	// the root.
	page, err := s.Calls(ctx, root, f.Holder("c-desk"), model.CallQuery{Limit: 100})
	if err != nil || page.Total != 10 || len(page.Calls) != 10 {
		t.Fatalf("c-desk's calls: %d of %d, %v", len(page.Calls), page.Total, err)
	}
	if c := page.Calls[0]; c.Key != "fig-10" || c.Reason != "unanswered" || c.ReasonLevel != -1 || len(c.Charges) != 0 {
		t.Errorf("the newest call: %+v", c)
	}
	if c := page.Calls[9]; c.Key != "fig-01" || len(c.Charges) != 3 || c.Charges[2].Prefix != "44" ||
		!c.Charges[2].Cost.Amount.Equal(dec("0.015833")) || c.Charges[2].Cost.Currency != "USD" || c.Charges[0].Prefix != "4420" {
		t.Errorf("the oldest call: %+v", c)
	}
	// C's page: its 8 charged calls and c-desk's 2 unrated ones.
	page, err = s.Calls(ctx, root, f.Holder("C"), model.CallQuery{Limit: 100})
	if err != nil || page.Total != 10 {
		t.Fatalf("C's calls: %d, %v", page.Total, err)
	}
	page, err = s.Calls(ctx, root, f.Holder("A"), model.CallQuery{Unrated: true})
	if err != nil || page.Total != 2 {
		t.Fatalf("A's unrated calls: %d, %v", page.Total, err)
	}
	page, err = s.Calls(ctx, root, f.Holder("e-phone"), model.CallQuery{Number: "44 20"})
	if err != nil || page.Total != 2 {
		t.Fatalf("e-phone's calls to 4420: %d, %v", page.Total, err)
	}
	entry := callsEntries(t, s, root, f.Holder("E"))[0]
	page, err = s.Calls(ctx, root, f.Holder("E"), model.CallQuery{Entry: entry.ID})
	if err != nil || page.Total != 8 {
		t.Fatalf("E's entry's calls: %d, %v", page.Total, err)
	}
	totals, err := s.CallTotals(ctx, root, f.Holder("E"), model.CallQuery{})
	if err != nil || len(totals) != 6 || totals[0].Prefix != "49" || !totals[0].Cost.Amount.Equal(dec("0.78")) ||
		totals[0].Calls != 1 || totals[0].Seconds != 3600 {
		t.Fatalf("E's totals: %+v, %v", totals, err)
	}
	imports, err := s.CallImports(ctx, root, 10)
	if err != nil || len(imports) != 1 || imports[0].ID != ci.ID || len(imports[0].Totals) != 3 {
		t.Fatalf("imports: %+v, %v", imports, err)
	}
}

// TestImportAgainUndoAndReimport: a second import of the same calls
// charges nothing (20 duplicates); undoing the first restores every
// balance and check passes; a second undo is refused; the calls can then
// be imported again and are charged again.
func TestImportAgainUndoAndReimport(t *testing.T) {
	ctx := context.Background()
	s, f := figureStore(t)
	root := f.Sessions["Root"]
	balances := func() map[string]string {
		out := map[string]string{}
		for _, n := range []string{"A", "B", "C", "D", "E"} {
			c, err := s.Customer(ctx, root, f.Customers[n])
			if err != nil {
				t.Fatal(err)
			}
			out[n] = c.Balance.String()
		}
		for n, id := range f.Accounts {
			a, err := s.Account(ctx, root, id)
			if err != nil {
				t.Fatal(err)
			}
			out[n] = a.Balance.String()
		}
		return out
	}
	before := balances()
	first := importFigure(t, s, root)
	again := importFigure(t, s, root)
	if again.Entries != 0 || again.Import.Calls != 0 || again.Import.Duplicates != 20 || len(again.Import.Totals) != 0 {
		t.Fatalf("the second import: %+v", again)
	}
	if err := s.UndoCallImport(ctx, root, first.Import.ID, "wrong file"); err != nil {
		t.Fatal(err)
	}
	if got := balances(); !equalMaps(got, before) {
		t.Fatalf("after the undo: %v, before the import: %v", got, before)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
	events, err := s.AuditLog(ctx, root, 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range events {
		actions[e.Action]++
	}
	if actions["calls.import"] != 2 || actions["calls.undo"] != 1 || actions["entry.calls"] != 6 || actions["entry.reversal"] != 6 {
		t.Errorf("audit log: %v", actions)
	}
	err = s.UndoCallImport(ctx, root, first.Import.ID, "again")
	if !errors.Is(err, &model.Error{Code: model.CodeAlreadyReversed}) {
		t.Fatalf("a second undo: %v", err)
	}
	if _, err := s.RerateCallImport(ctx, root, first.Import.ID); model.CodeOf(err) != model.CodeLocked {
		t.Fatalf("re-rating an undone import: %v", err)
	}
	// Undone calls leave the Calls list, but the undone entry still lists
	// the calls it charged.
	page, err := s.Calls(ctx, root, f.Holder("c-desk"), model.CallQuery{})
	if err != nil || page.Total != 0 {
		t.Fatalf("the Calls list after the undo: %+v, %v", page, err)
	}
	undone := callsEntries(t, s, root, f.Holder("c-desk"))
	if len(undone) != 1 {
		t.Fatalf("c-desk has %d calls entries after the undo, want 1", len(undone))
	}
	page, err = s.Calls(ctx, root, f.Holder("c-desk"), model.CallQuery{Entry: undone[0].ID})
	if err != nil || page.Total != 8 || !page.Calls[0].Void {
		t.Fatalf("the undone entry's calls: %+v, %v", page, err)
	}
	third := importFigure(t, s, root)
	if third.Entries != 6 || third.Import.Calls != 20 || third.Import.Duplicates != 0 {
		t.Fatalf("the import after the undo: %+v", third)
	}
	for name, total := range FigureTotals {
		es := callsEntries(t, s, root, f.Holder(name))
		if len(es) != 2 || !es[0].Booked.Equal(total.Amount.Neg()) || es[0].Calls.Import != third.Import.ID || es[1].ReversedBy == 0 {
			t.Errorf("%s after the re-import: %+v", name, es)
		}
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestImportCancelledLeavesNothing cancels an import from its Progress
// callback, after its first thousand records: no call, no entry, no
// import is left.
func TestImportCancelledLeavesNothing(t *testing.T) {
	s, f := figureStore(t)
	root := f.Sessions["Root"]
	var recs []model.CallRecord
	for range 150 { // 3000 records, the figure's over and over, ids apart
		for _, r := range FigureCalls() {
			r.ID += fmt.Sprintf("-%d", len(recs))
			recs = append(recs, r)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	progressed := 0
	_, err := s.ImportCalls(ctx, root, model.CallImportInput{FileName: "big.csv", Source: &RecordSource{Records: recs},
		Progress: func(done int) { progressed = done; cancel() }})
	if !errors.Is(err, context.Canceled) || progressed < 1000 || progressed >= 2000 {
		t.Fatalf("cancelled import: %v after %d", err, progressed)
	}
	var n int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM calls) + (SELECT count(*) FROM call_imports) +
		(SELECT count(*) FROM call_charges) + (SELECT count(*) FROM call_batches) +
		(SELECT count(*) FROM entries WHERE kind = 'calls')`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rows left, %v", n, err)
	}
}

// TestRerateChargesCall8 adds C's missing 81 rate and re-rates: call 8 is
// charged on c-desk, C and A in new entries; the other unrated calls keep
// their reasons.
func TestRerateChargesCall8(t *testing.T) {
	ctx := context.Background()
	s, f := figureStore(t)
	root := f.Sessions["Root"]
	first := importFigure(t, s, root)
	if _, err := s.SaveRate(ctx, f.Sessions["A"], f.Tariffs["C"], model.Rate{Prefix: "81", Price: dec("0.06"),
		FirstInterval: 30, NextInterval: 6}); err != nil {
		t.Fatal(err)
	}
	res, err := s.RerateCallImport(ctx, root, first.Import.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Entries != 3 || res.Import.Rated != 17 || res.Import.Unrated != 3 || res.Import.Unreasons["no_rate"] != 1 {
		t.Fatalf("re-rated: %+v", res)
	}
	// 120 s: c-desk 0.05 + 120 × 0.15 ÷ 60 = 0.35 EUR; C 120 × 0.06 ÷ 60 =
	// 0.12 EUR; A 120 × 0.03 ÷ 60 = 0.06 USD.
	for name, want := range map[string]string{"c-desk": "-0.35", "C": "-0.12", "A": "-0.06"} {
		es := callsEntries(t, s, root, f.Holder(name))
		if len(es) != 2 || !es[0].Booked.Equal(dec(want)) || es[0].Calls.Count != 1 {
			t.Errorf("%s: %+v", name, es)
		}
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}

// TestCheckFindsACallsEntryThatDisagrees changes one charge of an imported
// call behind the store's back: check reports the entry that booked it.
func TestCheckFindsACallsEntryThatDisagrees(t *testing.T) {
	s, f := figureStore(t)
	importFigure(t, s, f.Sessions["Root"])
	var entry int64
	if err := s.db.QueryRow(`SELECT b.entry_id FROM call_batches b WHERE b.account_id = ?`, f.Accounts["e-phone"]).
		Scan(&entry); err != nil {
		t.Fatal(err)
	}
	tamperFound(t, s, fmt.Sprintf("calls entry %d: booked -2.12, its calls' charges sum to -2.12001", entry),
		`UPDATE call_charges SET cost_micros = cost_micros + 10 WHERE level = 0 AND holder_id = ? AND prefix = '49'`,
		f.Accounts["e-phone"])
}

// TestFigureCSVHoldsTheFigureCalls reads testdata/calls/figure20.csv (the
// Branchbook layout, with a zone on every time) and finds FigureCalls.
func TestFigureCSVHoldsTheFigureCalls(t *testing.T) {
	file, err := os.Open(filepath.Join("..", "testdata", "calls", "figure20.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	rows, err := csv.NewReader(file).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := FigureCalls()
	if len(rows) != len(want)+1 || strings.Join(rows[0], ",") != "call_id,account,caller,called_number,start_time,billed_seconds,answered" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	for i, c := range want {
		r := rows[i+1]
		start, err := time.Parse(time.RFC3339, r[4])
		answered := map[string]bool{"yes": true, "no": false}[r[6]]
		if err != nil || r[0] != c.ID || r[1] != c.Account || r[2] != c.Caller || r[3] != c.Called || !start.Equal(c.Start) ||
			r[5] != fmt.Sprint(c.Seconds) || answered != c.Answered {
			t.Errorf("line %d: %v, want %+v (%v)", i+2, r, c, err)
		}
	}
}

// TestImportCountsDuplicatesWithinTheFile: a record given twice in one
// file is stored once; the same id under another account is another call.
func TestImportCountsDuplicatesWithinTheFile(t *testing.T) {
	s, f := figureStore(t)
	recs := FigureCalls()
	other := recs[0]
	other.Account = "e-phone"
	recs = append(recs, recs[0], recs[19], other)
	res, err := s.ImportCalls(context.Background(), f.Sessions["Root"], model.CallImportInput{FileName: "twice.csv",
		Source: &RecordSource{Records: recs}})
	if err != nil || res.Import.Calls != 21 || res.Import.Duplicates != 2 {
		t.Fatalf("%+v, %v", res.Import, err)
	}
}

// TestImportManyChunks imports 20,000 records, many chunks of the reading
// goroutine, to the end: every one is counted once and check passes.
func TestImportManyChunks(t *testing.T) {
	s, f := figureStore(t)
	var recs []model.CallRecord
	for i := range 1000 {
		for _, r := range FigureCalls() {
			r.ID += fmt.Sprintf("-%d", i)
			recs = append(recs, r)
		}
	}
	res, err := s.ImportCalls(context.Background(), f.Sessions["Root"], model.CallImportInput{FileName: "many.csv",
		Source: &RecordSource{Records: recs}})
	if err != nil || res.Import.Calls != 20_000 || res.Import.Rated != 16_000 || res.Entries != 6 {
		t.Fatalf("%+v, %v", res, err)
	}
	if r, err := s.Check(context.Background()); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}

// TestImportAccountReasons: calls of an unknown username, of an account
// outside the importer's subtree (stored exactly as unknown), of a deleted,
// a blocked and an expired account are kept unrated with the importer's
// reasons; the username is matched without case.
func TestImportAccountReasons(t *testing.T) {
	ctx := context.Background()
	s, f := figureStore(t)
	a, root := f.Sessions["A"], f.Sessions["Root"]
	mk := func(name string, edit func(*model.AccountInput)) model.ID {
		in := model.AccountInput{Username: name, Password: FigurePassword, PasswordAgain: FigurePassword, Currency: "EUR",
			TariffID: f.Tariffs["c-desk"], Balance: dec("0"), CreditLimit: dec("0")}
		if edit != nil {
			edit(&in)
		}
		acct, err := s.CreateAccount(ctx, root, f.Customers["C"], in)
		if err != nil {
			t.Fatal(name, err)
		}
		return acct.ID
	}
	mk("c-blocked", func(in *model.AccountInput) { in.Blocked = true })
	mk("c-expired", func(in *model.AccountInput) { in.ExpiresAt = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) })
	if err := s.DeleteAccount(ctx, root, mk("c-gone", nil)); err != nil {
		t.Fatal(err)
	}
	base := FigureCalls()[0]  // 2026-11-30 09:00, to 4420
	later := FigureCalls()[2] // 2026-12-01 10:00
	recs := []model.CallRecord{}
	add := func(id, user string, r model.CallRecord) {
		r.ID, r.Account = id, user
		recs = append(recs, r)
	}
	add("u1", "nobody", base)
	add("u2", "e-phone", base) // B's account: outside A's subtree
	add("u3", "c-gone", base)
	add("u4", "c-blocked", base)
	add("u5", "c-expired", base)  // before it expired: rated
	add("u6", "c-expired", later) // after: expired
	add("u7", "C-DESK", base)     // another case: c-desk's
	res, err := s.ImportCalls(ctx, a, model.CallImportInput{FileName: "reasons.csv", Source: &RecordSource{Records: recs}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"account_unknown": 2, "account_deleted": 1, "account_blocked": 1, "account_expired": 1}
	if res.Import.Rated != 2 || res.Import.Unrated != 5 || len(res.Import.Unreasons) != len(want) {
		t.Fatalf("%+v", res.Import)
	}
	for k, n := range want {
		if res.Import.Unreasons[k] != n {
			t.Errorf("%s: %d, want %d", k, res.Import.Unreasons[k], n)
		}
	}
	var accounts int
	if err := s.db.QueryRow(`SELECT count(*) FROM calls WHERE call_key IN ('u1', 'u2') AND account_id IS NULL
		AND reason = 'account_unknown' AND reason_level = -1`).Scan(&accounts); err != nil || accounts != 2 {
		t.Fatalf("unknown and outside scope stored alike: %d, %v", accounts, err)
	}
	// A sees its own unknown call in its list, never which account e-phone is.
	page, err := s.Calls(ctx, a, f.Holder("A"), model.CallQuery{Unrated: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range page.Calls {
		seen[c.Key] = true
		if c.Key == "u2" && c.Account != 0 {
			t.Errorf("the call of e-phone names its account: %+v", c)
		}
	}
	for _, k := range []string{"u1", "u2", "u3", "u4", "u6"} {
		if !seen[k] {
			t.Errorf("A's unrated calls lack %s: %v", k, seen)
		}
	}
	es := callsEntries(t, s, root, f.Holder("c-desk"))
	if len(es) != 1 || !es[0].Booked.Equal(dec("-0.09")) {
		t.Errorf("C-DESK's call on c-desk: %+v", es)
	}
}

// TestCallsPages pages C's calls three at a time, newest first: the pages
// join up to the whole list, with and without a number filter.
func TestCallsPages(t *testing.T) {
	ctx := context.Background()
	s, f := figureStore(t)
	root := f.Sessions["Root"]
	importFigure(t, s, root)
	for _, q := range []model.CallQuery{{}, {Number: "44"}, {Unrated: true}} {
		q.Limit = 100
		all, err := s.Calls(ctx, root, f.Holder("C"), q)
		if err != nil {
			t.Fatal(err)
		}
		var paged []string
		for q.Offset, q.Limit = 0, 3; q.Offset < all.Total+3; q.Offset += 3 {
			p, err := s.Calls(ctx, root, f.Holder("C"), q)
			if err != nil || p.Total != all.Total {
				t.Fatalf("offset %d: %d, %v", q.Offset, p.Total, err)
			}
			for _, c := range p.Calls {
				paged = append(paged, c.Key)
			}
		}
		var whole []string
		for i, c := range all.Calls {
			whole = append(whole, c.Key)
			if i > 0 && c.Start.After(all.Calls[i-1].Start) {
				t.Errorf("%+v: not newest first at %d", q, i)
			}
		}
		if strings.Join(paged, ",") != strings.Join(whole, ",") || len(whole) != all.Total {
			t.Errorf("%+v: pages %v, whole %v", q, paged, whole)
		}
	}
}

// TestRootSeesEveryCall: the root is never charged, so no charge row names
// it, yet its Calls list holds every call of the file, with every level's
// charge; Unrated keeps the four the figure leaves unrated.
func TestRootSeesEveryCall(t *testing.T) {
	ctx := context.Background()
	s, f := figureStore(t)
	root := f.Sessions["Root"]
	importFigure(t, s, root)
	page, err := s.Calls(ctx, root, model.CustomerLedger(root.CustomerID), model.CallQuery{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 20 || len(page.Calls) != 20 {
		t.Fatalf("the root sees %d calls (%d on the page), want 20", page.Total, len(page.Calls))
	}
	for _, c := range page.Calls {
		if c.Reason == "" && len(c.Charges) != 3 {
			t.Errorf("call %s: the root sees %d levels, want all 3", c.Key, len(c.Charges))
		}
	}
	unrated, err := s.Calls(ctx, root, model.CustomerLedger(root.CustomerID), model.CallQuery{Unrated: true, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if unrated.Total != 4 {
		t.Fatalf("the root sees %d unrated calls, want 4", unrated.Total)
	}
	first, err := s.Calls(ctx, root, model.CustomerLedger(root.CustomerID), model.CallQuery{Limit: 5, Offset: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Calls) != 5 || first.Calls[0].ID != page.Calls[5].ID {
		t.Fatalf("the second page of 5 starts at %v, want %v", first.Calls, page.Calls[5].ID)
	}
}
