package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// dialogOpener opens one dialog the window offers, over win().
type dialogOpener struct {
	name string
	win  func() fyne.Window
	open func()
}

// fileDialogs are the menu items that open Fyne's own file dialogs, whose
// keys are Fyne's; and the items that leave the window.
var notOurDialogs = map[string]bool{
	"Open database…": true, "Back up now…": true, "Restore from backup…": true, "Export customers…": true,
	"Quit": true, "Sign out": true, "Import calls…": true,
}

// everyDialog lists what opens a dialog: every menu item (what the
// shortcuts and toolbar open too), the plain keys of the tree, and the
// forms of the tool windows and of an account.
func everyDialog(t *testing.T, c *Controller, store model.Store, ids map[string]model.ID) []dialogOpener {
	main := func() fyne.Window { return c.win }
	var out []dialogOpener
	var walk func([]*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				continue // the languages: they redraw the window, no dialog
			}
			if it.Action != nil && !it.IsQuit && !it.Disabled && !notOurDialogs[it.Label] {
				out = append(out, dialogOpener{it.Label, main, it.Action})
			}
		}
	}
	for _, m := range c.win.MainMenu().Items {
		walk(m.Items)
	}
	for _, k := range []fyne.KeyName{fyne.KeyF2, fyne.KeyReturn, fyne.KeyDelete} {
		out = append(out, dialogOpener{"key " + string(k), main, func() { pressKey(c, k) }})
	}
	a, err := store.CreateAccount(context.Background(), c.session, ids["C"], model.AccountInput{Username: "keys.account",
		Password: "secret pass", PasswordAgain: "secret pass", Currency: "USD", Balance: decimal.NewFromInt(1)})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out,
		dialogOpener{"Adjust account", main, func() { c.accounts.Adjust(a) }},
		dialogOpener{"Permissions of A", main, func() { c.customers.Reveal(ids["A"]); c.showPermissions() }},
		dialogOpener{"Reverse entry", main, func() {
			c.customers.Show(ids["C"])
			c.history.List.Select(0)
			c.history.AskReverse()
		}},
		dialogOpener{"Ctrl+N in Tariffs", func() fyne.Window { return c.tariffs.Win }, func() {
			c.showTariffs()
			c.tariffs.EditTariff(nil)
		}},
		dialogOpener{"Ctrl+N in Exchange Rates", func() fyne.Window { return c.exchange.Win }, func() {
			c.showExchangeRates()
			c.exchange.EditRate("")
		}},
	)
	// The calls dialogs: the import's preview, the totals by destination,
	// the calls of a "calls" entry and Undo in Reports → Imports.
	calls := filepath.Join(t.TempDir(), "calls.csv")
	if err := os.WriteFile(calls, []byte("call_id,account,caller,called_number,start_time,billed_seconds,answered\n"+
		"k1,keys.account,100,+15551234,2026-11-30 10:00:00,60,yes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	imported := false
	importOnce := func() {
		if !imported {
			if out := c.callImporter().ImportFile(calls); out.Err != nil {
				t.Fatal(out.Err)
			}
			imported = true
		}
	}
	out = append(out,
		dialogOpener{"Import calls preview", main, func() { c.callImporter().ShowPreview(calls) }},
		dialogOpener{"Calls by destination", main, func() { c.calls.ShowTotals() }},
		dialogOpener{"Calls of an entry", main, func() {
			importOnce()
			es, err := store.Entries(context.Background(), c.session, model.AccountLedger(a.ID), model.EntryFilter{Limit: 1})
			if err != nil || len(es) == 0 {
				t.Fatalf("no entry: %v", err)
			}
			c.openEntryCalls(es[0])
		}},
		dialogOpener{"Undo import", func() fyne.Window { return c.imports.Win }, func() {
			importOnce()
			c.showImports()
			c.imports.Select(0)
			c.imports.AskUndo()
		}},
	)
	// The voucher forms: a new batch, and voiding a batch's unused codes.
	made := false // the batch to void, made the first time only
	vouchersOf := func() {
		c.customers.Reveal(ids["C"])
		c.showVouchers()
	}
	out = append(out,
		dialogOpener{"New voucher batch", main, func() {
			vouchersOf()
			c.vouchers.New.OnTapped()
		}},
		dialogOpener{"Void unused vouchers", main, func() {
			if made {
				vouchersOf()
				c.vouchers.Void.OnTapped()
				return
			}
			made = true
			if _, _, err := store.CreateVouchers(context.Background(), c.session, ids["C"], model.VoucherBatchInput{Count: 2,
				Value: decimal.NewFromInt(5), Currency: "USD", ExpiresAt: time.Now().Add(time.Hour)}, nil); err != nil {
				t.Fatal(err)
			}
			vouchersOf()
			c.vouchers.Void.OnTapped()
		}},
	)
	// Last, as it deletes E: the list of deleted customers with Restore.
	deleted := false
	out = append(out, dialogOpener{"Deleted customers with one deleted", main, func() {
		if !deleted {
			if err := store.DeleteCustomer(context.Background(), c.session, ids["E"]); err != nil {
				t.Fatal(err)
			}
			deleted = true
		}
		c.showDeletedCustomers()
	}})
	return out
}

// pressIn gives key to what has the focus in win, or to its canvas, as
// the desktop driver does.
func pressIn(win fyne.Window, key fyne.KeyName) {
	e := &fyne.KeyEvent{Name: key}
	if f := win.Canvas().Focused(); f != nil {
		f.TypedKey(e)
	} else if h := win.Canvas().OnTypedKey(); h != nil {
		h(e)
	}
}

func clearOverlays(win fyne.Window) {
	for top := win.Canvas().Overlays().Top(); top != nil; top = win.Canvas().Overlays().Top() {
		win.Canvas().Overlays().Remove(top)
	}
}

// newestAudit is the id of the newest audit event: every change the store
// makes writes one, so an unchanged id means nothing was saved.
func newestAudit(t *testing.T, c *Controller, store model.Store) model.ID {
	t.Helper()
	events, err := store.AuditLog(context.Background(), c.session, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 {
		return 0
	}
	return events[0].ID
}

// fieldKind names the key-aware input of a form field and returns it, or
// "" for a field with nothing to type into (a read-only balance).
func fieldKind(fl *widgets.Field) (string, fyne.Focusable) {
	var kind string
	var input fyne.Focusable
	uitest.Walk(fl.Input, func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *widgets.TextArea:
			kind, input = "text area", x
		case *widgets.SearchEntry:
			kind, input = "picker", x
		case *widgets.Entry:
			kind, input = "entry", x
		case *widgets.Select:
			kind, input = "select", x
		case *widgets.Check:
			kind, input = "check", x
		case *widgets.Link:
			kind, input = "link", x
		}
		return input != nil
	})
	if d, ok := input.(fyne.Disableable); ok && d.Disabled() {
		return "", nil
	}
	return kind, input
}

// submitted tells whether the form was read: it closed (saved), shows
// what stops it from saving, or asks a question over itself (formTop, the
// form's overlay, is no longer on top) before it saves.
func submitted(win fyne.Window, fd *widgets.FormDialog, formTop fyne.CanvasObject) bool {
	if uitest.OpenForm(win) != fd {
		return true
	}
	if top := win.Canvas().Overlays().Top(); top != nil && top != formTop {
		return true
	}
	for _, fl := range fd.Form.Fields() {
		if fd.Form.ErrorText(fl.Key) != "" {
			return true
		}
	}
	return fd.Form.ErrorText("") != ""
}

// TestEveryDialogTakesEnterAndEscape opens every dialog the window
// offers: Escape closes each, from its first focus and with nothing
// focused, and saves nothing; in every form, Enter on each field (entry,
// select, check, picker) reads and saves the form, and in a text area
// Enter is a new line and Ctrl+Enter saves.
func TestEveryDialogTakesEnterAndEscape(t *testing.T) {
	c, store, ids := buildManual(t)
	dialogs := 0
	kinds := map[string]bool{}
	for _, o := range everyDialog(t, c, store, ids) {
		reset := func() {
			for _, w := range fyne.CurrentApp().Driver().AllWindows() {
				clearOverlays(w)
			}
			c.customers.Reveal(ids["C"])
		}
		reset()
		o.open()
		win := o.win()
		before := len(win.Canvas().Overlays().List())
		if before == 0 {
			continue // a window, a toggle or the search box
		}
		dialogs++
		for _, unfocused := range []bool{false, true} {
			reset()
			mark := newestAudit(t, c, store)
			o.open()
			if unfocused {
				win.Canvas().Unfocus()
			}
			pressIn(win, fyne.KeyEscape)
			if n := len(win.Canvas().Overlays().List()); n != before-1 {
				t.Errorf("%s: Escape (nothing focused: %v) left %d of %d dialogs open", o.name, unfocused, n, before)
			}
			if newestAudit(t, c, store) != mark {
				t.Errorf("%s: Escape saved something", o.name)
			}
		}

		reset()
		o.open()
		fd := uitest.OpenForm(win)
		if fd == nil {
			continue
		}
		for _, fl := range fd.Form.Fields() {
			kind, _ := fieldKind(fl)
			if kind == "" {
				continue
			}
			kinds[kind] = true
			reset()
			mark := newestAudit(t, c, store)
			o.open()
			_, input := fieldKind(uitest.OpenForm(win).Form.Field(fl.Key))
			win.Canvas().Focus(input)
			pressIn(win, fyne.KeyEscape)
			if uitest.OpenForm(win) != nil || newestAudit(t, c, store) != mark {
				t.Errorf("%s: Escape on the %s %s did not close the form, or saved it", o.name, kind, fl.Key)
			}
			if kind == "link" {
				continue // Enter follows the link
			}

			reset()
			o.open()
			fd := uitest.OpenForm(win)
			_, input = fieldKind(fd.Form.Field(fl.Key))
			win.Canvas().Focus(input)
			formTop := win.Canvas().Overlays().Top()
			if kind == "text area" {
				pressIn(win, fyne.KeyReturn)
				if submitted(win, fd, formTop) {
					t.Errorf("%s: Enter in the text area %s read the form", o.name, fl.Key)
				}
				input.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault})
			} else {
				pressIn(win, fyne.KeyReturn)
			}
			if !submitted(win, fd, formTop) {
				t.Errorf("%s: Enter on the %s %s did not save the form", o.name, kind, fl.Key)
			}
		}
	}
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		clearOverlays(w)
	}
	t.Logf("%d dialogs; field kinds %v", dialogs, kinds)
	if dialogs < 20 {
		t.Errorf("only %d dialogs opened", dialogs)
	}
	for _, k := range []string{"entry", "select", "check", "picker", "text area", "link"} {
		if !kinds[k] {
			t.Errorf("no form had a %s", k)
		}
	}
}

// TestPastedWallOfTextIsCutInEveryForm pastes 64 KB into every text field
// of every form: each keeps at most its limit and says so under itself.
func TestPastedWallOfTextIsCutInEveryForm(t *testing.T) {
	c, store, ids := buildManual(t)
	wall := make([]rune, 64<<10)
	for i := range wall {
		wall[i] = 'a' + rune(i%26)
	}
	forms := 0
	for _, o := range everyDialog(t, c, store, ids) {
		for _, w := range fyne.CurrentApp().Driver().AllWindows() {
			clearOverlays(w)
		}
		c.customers.Reveal(ids["C"])
		o.open()
		win := o.win()
		fd := uitest.OpenForm(win)
		if fd == nil {
			continue
		}
		forms++
		for _, fl := range fd.Form.Fields() {
			kind, input := fieldKind(fl)
			if kind != "entry" && kind != "picker" && kind != "text area" {
				continue
			}
			e := fd.Form.Entry(fl.Key)
			e.SetText("")
			fd.Form.ClearErrors()
			cb := win.Clipboard()
			cb.SetContent(string(wall))
			input.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
			n := utf8.RuneCountInString(e.Text)
			if n == 0 || n >= len(wall) {
				t.Errorf("%s: %s keeps %d characters of a 64 KB paste", o.name, fl.Key, n)
			}
			if fd.Form.ErrorText(fl.Key) == "" {
				t.Errorf("%s: %s does not say the paste was cut", o.name, fl.Key)
			}
		}
	}
	if forms < 5 {
		t.Errorf("only %d forms opened", forms)
	}
}
