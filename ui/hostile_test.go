package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"
	"github.com/branchbook/branchbook/ui/customers"
	"github.com/branchbook/branchbook/ui/internal/uitest"
	"github.com/branchbook/branchbook/ui/widgets"
)

// hostileInputs are typed into the real forms. Very large texts (10 MB)
// are tested against the store in storage: Fyne's Entry takes minutes to
// lay out tens of kilobytes, which is a limit of the widget, not of the
// data.
//
// hostileInputs are typed into the real forms: each must get a clear
// message under its field or be stored and shown back exactly; none may
// panic or save half-way.
var hostileInputs = []string{
	"", " ", "\t", "   padded   ", "\n", "a\nb", "a\r\nb", "\x00", "a\x00b", "\x07bell", "\x1b[31mred",
	"\xff\xfe", "\xed\xa0\x80", "ok\xc3", "'; DROP TABLE customers; --", `Robert"); DELETE FROM entries;--`,
	"%s%n%d%x%%", "%!(EXTRA)", "{{.Password}}", "${HOME}", "$(rm -rf /)", "<script>alert(1)</script>",
	"../../etc/passwd", `C:\Windows\System32`, "NULL", "null", "undefined", "0", "-0", "1e308", "NaN",
	"Infinity", "١٢٣٤", "１２３", "ß", "İstanbul", "e\u0301", "\u202eevil", "\u200bzero", "\ufeffbom",
	"שלום עולם", "مرحبا", "Телеком", "中文客户", "😀📞💶", strings.Repeat("😀", 100), strings.Repeat("x", 101),
	strings.Repeat("x", 100), strings.Repeat("ж", 100), "=SUM(A1:A9)", "@cmd", "+1", "-1",
	strings.Repeat("1 KB ", 1<<10/5),
}

func TestHostileInputsThroughTheCustomerForm(t *testing.T) {
	if len(hostileInputs) < 40 {
		t.Fatalf("only %d hostile inputs", len(hostileInputs))
	}
	c, store := setUpRoot(t, "Standard USD")
	ctx := context.Background()
	stored, refused := 0, 0
	for i, text := range hostileInputs {
		c.customers.Tree().Widget().Select(customers.UID(c.session.CustomerID))
		c.addCustomer()
		fd := uitest.OpenForm(c.win)
		fillCustomer(fd.Form, text, fmt.Sprintf("hostile%d", i))
		fd.Form.Field("notes").Input.(*widgets.TextArea).SetText(text)
		fd.Form.Field("company").Input.(*widgets.Entry).SetText(text)
		test.Tap(fd.Save)
		msg := fd.Form.ErrorText("name") + fd.Form.ErrorText("notes") + fd.Form.ErrorText("company") + fd.Form.ErrorText("")
		if msg != "" {
			refused++
			if strings.Contains(msg, "Something went wrong") {
				t.Errorf("input %d: a vague message: %q", i, msg)
			}
			fd.Dialog.Hide()
			continue
		}
		stored++
		got, err := store.Customer(ctx, c.session, c.customers.Shown())
		if err != nil {
			t.Fatalf("input %d: saved but not readable: %v", i, err)
		}
		if want := strings.TrimSpace(text); got.Name != want || got.Company != want || got.Notes != want {
			t.Errorf("input %d: stored %q, want %q", i, got.Name, want)
		}
		if !utf8.ValidString(got.Name) {
			t.Errorf("input %d: invalid UTF-8 stored", i)
		}
		if rowOf(c, got.ID).Name != got.Name || c.customers.Title() != got.Name {
			t.Errorf("input %d: not shown back exactly", i)
		}
	}
	t.Logf("%d hostile inputs: %d stored and shown back exactly, %d refused with a message", len(hostileInputs), stored, refused)
	if stored == 0 || refused == 0 {
		t.Fatal("expected some inputs stored and some refused")
	}
}

func TestHostileSearchAndAmounts(t *testing.T) {
	c, _, id := eurCustomer(t)
	for _, text := range hostileInputs {
		c.customers.SearchEntry().SetText(text) // never a panic, never an error message
		if strings.Contains(c.customers.SearchStatus(), "wrong") {
			t.Fatalf("search %q: %q", text, c.customers.SearchStatus())
		}
		c.customers.Reveal(id)
		c.showMaintenance()
		m := c.maintenance
		m.Amount.SetText(text)
		test.Tap(m.Dialog.SaveOnly)
		if m.Dialog.Form.ErrorText("amount") == "" && !strings.Contains(m.Status.Text, "Saved") {
			t.Fatalf("amount %q: neither saved nor refused", text)
		}
		m.Dialog.Dialog.Hide()
	}
}
