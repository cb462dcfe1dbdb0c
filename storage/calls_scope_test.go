package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// figureInside reports whether target (a customer or an account of the
// figure) is in the subtree of who.
func figureInside(who, target string) bool {
	owner := map[string]string{"A": "Root", "B": "Root", "C": "A", "D": "A", "E": "B", "c-desk": "C", "e-phone": "E"}
	for n := target; n != ""; n = owner[n] {
		if n == who {
			return true
		}
	}
	return false
}

// TestCallsStayInsideTheSubtree imports the figure's calls as Root, and
// c-desk's again (other ids) as A, then signs in as each customer: every
// calls method answers not found (or nothing) outside the session's
// subtree; a session sees the charges of its own level and those below,
// never one above (C never sees A's level, A sees A's, C's and c-desk's);
// the margin of C is at C's cost, never A's.
func TestCallsStayInsideTheSubtree(t *testing.T) {
	ctx := context.Background()
	s, f := figureStore(t)
	byRoot := importFigure(t, s, f.Sessions["Root"])
	var desk []model.CallRecord
	for _, r := range FigureCalls()[:10] {
		r.ID += "-a"
		desk = append(desk, r)
	}
	byA, err := s.ImportCalls(ctx, f.Sessions["A"], model.CallImportInput{FileName: "a.csv", Source: &RecordSource{Records: desk}})
	if err != nil {
		t.Fatal(err)
	}
	// A imported only c-desk's calls: e-phone's would be outside its subtree.
	if byA.Import.Calls != 10 || byA.Entries != 3 {
		t.Fatalf("A's import: %+v", byA)
	}
	holders := []string{"A", "B", "C", "D", "E", "c-desk", "e-phone"}
	for _, who := range []string{"Root", "A", "B", "C", "D", "E"} {
		sess := f.Sessions[who]
		lo, hi := subtree(sess.Path)
		for _, target := range holders {
			h := f.Holder(target)
			inside := figureInside(who, target)
			page, err := s.Calls(ctx, sess, h, model.CallQuery{Limit: 100})
			_, terr := s.CallTotals(ctx, sess, h, model.CallQuery{})
			if !inside {
				if !errors.Is(err, model.ErrNotFound) || !errors.Is(terr, model.ErrNotFound) {
					t.Errorf("%s on %s (outside): %v, %v", who, target, err, terr)
				}
				continue
			}
			if err != nil || terr != nil {
				t.Fatalf("%s on %s: %v, %v", who, target, err, terr)
			}
			for _, c := range page.Calls {
				for _, ch := range c.Charges {
					var path string
					if ch.Holder.IsAccount() {
						err = s.db.QueryRow(`SELECT c.path FROM accounts a JOIN customers c ON c.id = a.customer_id
							WHERE a.id = ?`, ch.Holder.Account).Scan(&path)
					} else {
						err = s.db.QueryRow(`SELECT path FROM customers WHERE id = ?`, ch.Holder.Customer).Scan(&path)
					}
					if err != nil || path < lo || path >= hi {
						t.Errorf("%s sees %s's level of call %s on %s (%v)", who, ch.HolderName, c.Key, target, err)
					}
				}
				if c.Reason == "" && who == "A" && target == "c-desk" && len(c.Charges) != 3 {
					t.Errorf("A sees %d levels of %s, want 3", len(c.Charges), c.Key)
				}
				if c.Reason == "" && who == "C" && len(c.Charges) != 2 {
					t.Errorf("C sees %d levels of %s, want 2 (c-desk and C)", len(c.Charges), c.Key)
				}
			}
		}
		imports, err := s.CallImports(ctx, sess, 10)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"Root": 2, "A": 1}[who]
		if len(imports) != want {
			t.Errorf("%s lists %d imports, want %d", who, len(imports), want)
		}
		for _, imp := range []model.ID{byRoot.Import.ID, byA.Import.ID} {
			if imp == byA.Import.ID && (who == "Root" || who == "A") || imp == byRoot.Import.ID && who == "Root" {
				continue
			}
			before := dump(t, s) + dumpCalls(t, s)
			if err := s.UndoCallImport(ctx, sess, imp, "no"); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("%s undoes import %d: %v", who, imp, err)
			}
			if _, err := s.RerateCallImport(ctx, sess, imp); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("%s re-rates import %d: %v", who, imp, err)
			}
			if dump(t, s)+dumpCalls(t, s) != before {
				t.Errorf("%s's refused undo or re-rating changed the file", who)
			}
		}
	}
	// A's import read by A: its totals are what A's subtree was
	// charged (EUR for c-desk and C, USD for A), never B's GBP.
	ci, err := s.callImport(ctx, f.Sessions["A"], byA.Import.ID)
	if err != nil || len(ci.Totals) != 2 {
		t.Fatalf("A's import as A: %+v, %v", ci, err)
	}
	// C's margin: c-desk's calls (C's own account) at C's cost, in EUR.
	lines, err := s.Margin(ctx, f.Sessions["C"], time.Time{}, time.Time{})
	if err != nil || len(lines) == 0 {
		t.Fatalf("C's margin: %+v, %v", lines, err)
	}
	for _, l := range lines {
		if l.Holder != f.Holder("c-desk") || l.Cost.Currency != "EUR" || l.Charged.Currency != "EUR" {
			t.Errorf("C's margin line: %+v", l)
		}
	}
	// 4420: c-desk paid 0.09 + 0.09 (both imports), C 0.0192 twice.
	if l := findMargin(lines, "4420"); l == nil || l.Calls != 2 || !l.Charged.Amount.Equal(dec("0.18")) ||
		!l.Cost.Amount.Equal(dec("0.0384")) || !l.Margin.Amount.Equal(dec("0.1416")) {
		t.Errorf("C's 4420 line: %+v", l)
	}
	// A's margin: C (its direct customer) at A's cost in USD.
	lines, err = s.Margin(ctx, f.Sessions["A"], time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.Holder != f.Holder("C") || l.Cost.Currency != "USD" || l.Charged.Currency != "EUR" {
			t.Errorf("A's margin line: %+v", l)
		}
	}
	// C's 4420 calls (calls 1 of both imports): C paid 2 × 0.0192 EUR, A
	// 2 × 0.015833 USD at its own 44; 0.0384 EUR at 0.92 EUR per dollar is
	// 0.041739 USD, less 0.031666.
	if l := findMargin(lines, "4420"); l == nil || l.Calls != 2 || !l.Charged.Amount.Equal(dec("0.0384")) ||
		!l.Cost.Amount.Equal(dec("0.031666")) || !l.Margin.Amount.Equal(dec("0.010073")) || l.Margin.Currency != "USD" {
		t.Errorf("A's 4420 line for C: %+v", l)
	}
	// The root's margin: A and B, at no cost, in dollars.
	lines, err = s.Margin(ctx, f.Sessions["Root"], time.Time{}, time.Time{})
	if err != nil || len(lines) == 0 {
		t.Fatal(lines, err)
	}
	for _, l := range lines {
		if l.Holder != f.Holder("A") && l.Holder != f.Holder("B") || !l.Cost.Amount.IsZero() || l.Cost.Currency != "USD" {
			t.Errorf("the root's margin line: %+v", l)
		}
	}
}

func findMargin(lines []model.MarginLine, prefix string) *model.MarginLine {
	for i := range lines {
		if lines[i].Prefix == prefix {
			return &lines[i]
		}
	}
	return nil
}

// dumpCalls sums up the calls tables, for "a refused call changed nothing".
func dumpCalls(t *testing.T, s *Store) string {
	t.Helper()
	var v string
	err := s.db.QueryRow(`SELECT (SELECT count(*) || ':' || sum(void) || ':' || count(reason) FROM calls) || '|' ||
		(SELECT count(*) || ':' || count(undone_at) || ':' || sum(rated) FROM call_imports) || '|' ||
		(SELECT count(*) FROM call_charges) || '|' || (SELECT count(*) FROM call_batches)`).Scan(&v)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
