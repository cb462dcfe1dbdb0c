package accounts

import (
	"context"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

// hookStore is a real store that lets a test act while a batch of cards
// is being written, as a user clicking during the run would.
type hookStore struct {
	model.Store
	onProgress func(done, total int)
}

func (s *hookStore) GenerateCards(ctx context.Context, sess model.Session, customer model.ID, b model.CardBatch,
	progress func(done, total int)) ([]model.Card, error) {
	return s.Store.GenerateCards(ctx, sess, customer, b, func(done, total int) {
		progress(done, total)
		if s.onProgress != nil {
			s.onProgress(done, total)
		}
	})
}

// wrap makes the hooks run on s.
func (s *hookStore) wrap(store model.Store) Store {
	s.Store = store
	return s
}

// cardsFile reads the accounts of the file with their PIN hashes, live or
// not, straight from SQLite: what the store holds, not what it shows.
func cardsFile(t *testing.T, store model.Store) map[string]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+store.Info().Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT username, password_hash FROM accounts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, hash string
		if err := rows.Scan(&name, &hash); err != nil {
			t.Fatal(err)
		}
		out[name] = hash
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// fillCards types a batch into the form.
func fillCards(d *cardsDialog, count, prefix, digits, pin, balance, expires string) {
	d.count.SetText(count)
	d.prefix.SetText(prefix)
	d.digits.SetText(digits)
	d.pinLength.SetText(pin)
	d.balance.SetText(balance)
	d.expires.SetText(expires)
}

func TestGenerateCardsShowsErrorsAndSavesNothing(t *testing.T) {
	c, store, id := eurCustomer(t)
	d := c.screens.openGenerateCards()
	if d == nil || d.cust.ID != id || d.currency.Text != "EUR" || d.pinLength.Text != "8" || d.balance.Text != "0.00" {
		t.Fatalf("the form does not start from the customer's defaults: %+v", d)
	}
	if hint := d.form.Field("digits").Hint.Text; !regexp.MustCompile(`^Example: card000001\.`).MatchString(hint) {
		t.Fatalf("example %q", hint)
	}
	d.prefix.SetText("pre")
	d.digits.SetText("3")
	if hint := d.form.Field("digits").Hint.Text; !regexp.MustCompile(`^Example: pre001\.`).MatchString(hint) {
		t.Fatalf("example after typing %q", hint)
	}
	yesterday := time.Now().In(c.zone()).AddDate(0, 0, -1).Format("2006-01-02")
	for _, tt := range []struct {
		count, prefix, digits, pin, balance, expires string
		want                                         map[string]string
	}{
		{"0", "ca rd", "6", "3", "1,5", "31.02.2030", map[string]string{
			"count":      "Enter a number from 1 to 100,000.",
			"prefix":     "Use only letters, digits and . _ - @ (no spaces).",
			"pin_length": "Use a PIN length from 4 to 32.",
			"balance":    "This number could be read two ways; write it like 1,234.56.",
			"expires":    "Write the date as YYYY-MM-DD, or leave it empty.",
		}},
		{"100001", "card", "13", "33", "-5", yesterday, map[string]string{
			"count":      "Enter a number from 1 to 100,000.",
			"digits":     "Use from 1 to 12 digits.",
			"pin_length": "Use a PIN length from 4 to 32.",
			"balance":    "The opening balance cannot be negative.",
			"expires":    "This day has passed; choose today or a later day.",
		}},
		{"50", "", "1", "", "", "", map[string]string{
			"digits":     "Too few digits for 50 cards; use more digits.",
			"pin_length": "This field is required.",
			"balance":    "This field is required.",
		}},
		{"5", "", "1", "4.5", "0.0000001", "", map[string]string{
			"prefix":     "With these digits, the prefix needs at least 2 characters.",
			"pin_length": "Enter a whole number.",
			"balance":    "Use at most 6 decimal places.",
		}},
		{"", "", "2", "8", "1", "", map[string]string{
			"count":  "This field is required.",
			"prefix": "With these digits, the prefix needs at least 1 character.",
		}},
	} {
		fillCards(d, tt.count, tt.prefix, tt.digits, tt.pin, tt.balance, tt.expires)
		test.Tap(d.generate)
		for _, field := range []string{"count", "prefix", "digits", "pin_length", "balance", "currency", "description", "expires", ""} {
			if got := d.form.ErrorText(field); got != tt.want[field] {
				t.Errorf("%q: %s: %q, want %q", tt.count, field, got, tt.want[field])
			}
		}
	}
	if d.result != nil || !onScreen(c, d.body) {
		t.Fatal("a refused form closed or made cards")
	}
	if got := cardsFile(t, store); len(got) != 0 {
		t.Fatalf("refused forms left %d accounts in the file", len(got))
	}
}

func TestGenerateCardsInGermanReadsGermanAmounts(t *testing.T) {
	c, store, id := eurCustomerIn(t, i18n.German, nil)
	d := c.screens.openGenerateCards()
	fillCards(d, "3", "de", "4", "6", "1.5", "")
	test.Tap(d.generate)
	if got, want := d.form.ErrorText("balance"), widgets.ErrorText(c.tr, model.FieldError("balance", model.CodeAmbiguous, nil)); got != want ||
		!regexp.MustCompile(`1\.234,56`).MatchString(got) {
		t.Fatalf("1.5 in German: %q, want %q", got, want)
	}
	d.count.SetText("100.001")
	test.Tap(d.generate)
	if got := d.form.ErrorText("count"); got != "Geben Sie eine Zahl von 1 bis 100.000 ein." {
		t.Fatalf("count error in German: %q", got)
	}
	fillCards(d, "3", "de", "4", "6", "1,5", "")
	test.Tap(d.generate)
	r := d.result
	if r == nil {
		t.Fatalf("no cards: %q", d.form.ErrorText("balance"))
	}
	if r.summary.Text != "Für Euro Client wurden 3 Karten angelegt: de0001 bis de0003." {
		t.Fatalf("summary %q", r.summary.Text)
	}
	var texts []string
	shownTexts(r.body, &texts)
	shownTexts(r.export, &texts)
	shownTexts(r.close, &texts)
	if left := englishLeft(c.tr, texts); len(left) > 0 {
		t.Fatalf("left in English: %q", left)
	}
	page, err := store.Accounts(context.Background(), c.session, id, model.AccountQuery{Limit: 10})
	if err != nil || page.Total != 3 || !page.Accounts[0].Balance.Equal(decimal.RequireFromString("1.5")) {
		t.Fatalf("accounts %+v, %v", page, err)
	}
}

func TestGenerateCardsMakesExportsAndDropsPINs(t *testing.T) {
	hooks := &hookStore{}
	c, store, id := eurCustomerIn(t, i18n.English, hooks.wrap)
	c.session.TimeZone = "Asia/Tokyo" // the viewer's zone decides when a day ends
	d := c.screens.openGenerateCards()
	last := time.Now().In(c.zone()).AddDate(0, 2, 0)
	fillCards(d, "50", "card", "6", "8", "2.5", last.Format("2006-01-02"))
	d.currency.SetSelected("USD")
	d.description.SetText("Batch A")
	// A second Generate while the batch is written starts nothing.
	hooks.onProgress = func(done, total int) {
		if done == total/2 { // hashed, about to write
			if !d.generate.Disabled() || !d.count.Disabled() {
				t.Error("Generate is not disabled while the batch runs")
			}
			d.submit()
		}
	}
	test.Tap(d.generate)
	r := d.result
	if r == nil {
		t.Fatalf("no cards; errors %q %q", d.form.ErrorText(""), d.form.ErrorText("digits"))
	}
	if onScreen(c, d.body) || !onScreen(c, r.body) {
		t.Fatal("the form stays open over the result")
	}
	if r.summary.Text != "50 cards were made for Euro Client: card000001 to card000050." {
		t.Fatalf("summary %q", r.summary.Text)
	}
	hashes := cardsFile(t, store)
	if len(hashes) != 50 {
		t.Fatalf("%d accounts in the file", len(hashes))
	}
	page, _ := store.Accounts(context.Background(), c.session, id, model.AccountQuery{Limit: 100})
	wantEnd := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, c.zone())
	for _, a := range page.Accounts {
		if a.Currency != "USD" || !a.Balance.Equal(decimal.RequireFromString("2.5")) || a.Description != "Batch A" ||
			!a.ExpiresAt.Equal(wantEnd) {
			t.Fatalf("account %+v; want expiry %s", a, wantEnd)
		}
	}
	if cust, _ := store.Customer(context.Background(), c.session, id); cust.Accounts != 50 || c.shown != id {
		t.Fatalf("customer shows %d accounts", cust.Accounts)
	}

	// Export: every PIN in the file opens its card.
	path := filepath.Join(t.TempDir(), "cards.csv")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	r.saveTo(w)
	if !r.exported || r.status.Text != "50 cards with PINs written to "+path+"." {
		t.Fatalf("status %q", r.status.Text)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the PIN file is readable by others: %v %v", info.Mode(), err)
	}
	f, _ := os.Open(path)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 51 {
		t.Fatalf("%d rows: %v", len(rows), err)
	}
	if want := []string{"Username", "PIN", "Currency", "Opening balance", "Expiry date"}; !equalRow(rows[0], want) {
		t.Fatalf("header %q", rows[0])
	}
	pin := regexp.MustCompile(`^[0-9]{8}$`)
	for _, row := range rows[1:] {
		if !pin.MatchString(row[1]) || row[2] != "USD" || row[3] != "2.50" || row[4] != last.Format("2006-01-02") {
			t.Fatalf("row %q", row)
		}
		if !model.CheckPassword(hashes[row[0]], row[1]) {
			t.Fatalf("the PIN of %s does not open it", row[0])
		}
	}
	if rows[1][0] != "card000001" || rows[50][0] != "card000050" {
		t.Fatalf("usernames %s … %s", rows[1][0], rows[50][0])
	}

	// Exported, Close closes at once and drops the PINs.
	test.Tap(r.close)
	if onScreen(c, r.body) || r.cards != nil {
		t.Fatal("the result stays, or keeps the PINs")
	}

	// The next batch with the prefix goes on after card000050, and numbers
	// run out: the store's answer shows under Digits.
	d = c.screens.openGenerateCards()
	fillCards(d, "9", "xy", "1", "4", "0", "")
	hooks.onProgress = nil
	test.Tap(d.generate)
	d.result.askClose() // not exported: asks first
	if !onScreen(c, d.result.body) || d.result.cards == nil {
		t.Fatal("closed without asking about the PINs")
	}
	d = c.screens.openGenerateCards()
	fillCards(d, "1", "xy", "1", "4", "0", "")
	test.Tap(d.generate)
	if got := d.form.ErrorText("digits"); got != "0 numbers are still free with this prefix and these digits: not enough for 1 card. Use more digits or another prefix." {
		t.Fatalf("digits error %q; status %q", got, d.status.Text)
	}
}

// onScreen reports whether o is inside a dialog shown over the window: a
// hidden dialog's pop-up leaves the canvas's overlays.
func onScreen(c *shell, o fyne.CanvasObject) bool {
	var in func(fyne.CanvasObject) bool
	in = func(x fyne.CanvasObject) bool {
		if x == o {
			return true
		}
		switch x := x.(type) {
		case *widget.PopUp:
			return in(x.Content)
		case *fyne.Container:
			for _, child := range x.Objects {
				if in(child) {
					return true
				}
			}
		}
		return false
	}
	for _, overlay := range c.win.Canvas().Overlays().List() {
		if in(overlay) {
			return true
		}
	}
	return false
}

func equalRow(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGenerateCardsCancelLeavesNothing(t *testing.T) {
	hooks := &hookStore{}
	c, store, _ := eurCustomerIn(t, i18n.English, hooks.wrap)
	d := c.screens.openGenerateCards()
	fillCards(d, "1500", "cancel", "5", "6", "1", "")
	hooks.onProgress = func(done, total int) {
		if done > total/2 && d.stop != nil { // writing: the transaction must roll back
			test.Tap(d.cancel)
		}
	}
	test.Tap(d.generate)
	if d.result != nil || d.status.Text != "Cancelled: no cards were made." || d.stop != nil || d.generate.Disabled() {
		t.Fatalf("after Cancel: result %v, status %q", d.result, d.status.Text)
	}
	if got := cardsFile(t, store); len(got) != 0 {
		t.Fatalf("a cancelled batch left %d accounts", len(got))
	}
	// The form stays, ready to try again.
	if !onScreen(c, d.body) || d.count.Text != "1500" {
		t.Fatal("the form was lost")
	}
}

func TestGenerateCardsNotForTheRoot(t *testing.T) {
	c, _, _ := eurCustomer(t)
	c.shown = c.session.CustomerID // the root selected in the tree
	if d := c.screens.openGenerateCards(); d != nil {
		t.Fatal("the root got the Generate form")
	}
	c.screens.ShowGenerateCards() // the info dialog, not a panic
}
