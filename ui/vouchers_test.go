package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/accounts"
	"github.com/branchbook/branchbook/ui/ledger"
	"github.com/branchbook/branchbook/ui/widgets"
)

// TestVouchersMadeRedeemedRefused makes a batch of 10 vouchers of EUR 5
// from Accounts → Vouchers…, redeems one in a USD account's Maintenance
// (USD booked at the current rate), then the same code again (refused) and
// a code with one digit wrong (told apart by its check digit).
func TestVouchersMadeRedeemedRefused(t *testing.T) {
	c, store, id := eurCustomer(t)
	ctx := context.Background()
	usd, err := store.CreateAccount(ctx, c.session, id, model.AccountInput{Username: "usd.account", Password: "secret pass",
		PasswordAgain: "secret pass", Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	c.showVouchers()
	v := c.vouchers
	if v == nil || len(v.Batches()) != 0 || !v.Redemptions.Disabled() {
		t.Fatal("no empty Vouchers window")
	}
	test.Tap(v.New)
	d := v.Made
	if d == nil || d.Currency.Text != "EUR" {
		t.Fatal("no New batch form in EUR")
	}
	d.Count.SetText("0")
	test.Tap(d.Make)
	if d.Result != nil {
		t.Fatal("a batch of 0 was made")
	}
	d.Count.SetText("10")
	d.Value.SetText("5")
	d.Label.SetText("Shop")
	test.Tap(d.Make)
	r := d.Result
	if r == nil || len(r.Codes) != 10 {
		t.Fatal("no codes shown")
	}
	codes := append([]model.VoucherCode{}, r.Codes...)
	var out bytes.Buffer
	if err := accounts.WriteVouchersCSV(&out, c.tr, model.VoucherBatch{Value: model.Money{Amount: dec("5"), Currency: "EUR"},
		Label: "Shop"}, codes, c.zone()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(rows) != 11 || rows[1][0] != codes[0].Code || rows[1][1] != "5.00" || rows[1][2] != "EUR" {
		t.Fatalf("CSV %q, %v", rows, err)
	}
	if bs := v.Batches(); len(bs) != 1 || bs[0].Unused != 10 || !strings.Contains(accounts.VoucherBatchLine(c.tr, bs[0], c.zone()), "unused 10") {
		t.Fatalf("batches after making: %+v", bs)
	}

	c.accountMaintenance(usd)
	m := c.maintenance
	if m.Code == nil || !m.Code.Disabled() {
		t.Fatal("an account's Maintenance has no disabled voucher code")
	}
	m.Action.SetSelectedIndex(3)
	if m.Code.Disabled() || !m.Amount.Disabled() {
		t.Fatal("Voucher does not switch the fields")
	}
	m.Code.SetText(codes[0].Code)
	test.Tap(m.Dialog.SaveOnly)
	a, err := store.Account(ctx, c.session, usd.ID)
	if err != nil || !a.Balance.Equal(dec("5.434783")) {
		t.Fatalf("balance %s after EUR 5 at 0.92, %v", a.Balance, err)
	}
	if !strings.Contains(m.Status.Text, "Voucher redeemed: EUR 5.00, booked USD 5.43") {
		t.Fatalf("status %q", m.Status.Text)
	}
	es, err := store.Entries(ctx, c.session, model.AccountLedger(usd.ID), model.EntryFilter{Limit: 1})
	if err != nil || len(es) != 1 || ledger.EntryNotes(c.tr, es[0], c.zone()) != "Voucher 0000-0001" {
		t.Fatalf("history notes of the redemption: %+v, %v", es, err)
	}
	// The same code again: refused, in words that say nothing more.
	m.Code.SetText(codes[0].Code)
	test.Tap(m.Dialog.SaveOnly)
	if got := m.Dialog.Form.ErrorText("code"); got != widgets.ErrorText(c.tr, &model.Error{Code: model.CodeVoucherRefused}) ||
		got != "This code cannot be redeemed on this account." {
		t.Fatalf("used again: %q", got)
	}
	// One digit wrong: told apart.
	wrong := []byte(codes[1].Code)
	wrong[12] = '0' + (wrong[12]-'0'+1)%10
	m.Code.SetText(string(wrong))
	test.Tap(m.Dialog.SaveOnly)
	if got := m.Dialog.Form.ErrorText("code"); got != "Check the code: a digit is wrong." {
		t.Fatalf("a digit wrong: %q", got)
	}
	if a, _ := store.Account(ctx, c.session, usd.ID); !a.Balance.Equal(dec("5.434783")) {
		t.Fatalf("balance moved to %s", a.Balance)
	}
	// Lists: one used; the redemption; void the rest with a reason.
	v.Load()
	if bs := v.Batches(); bs[0].Used != 1 || bs[0].Unused != 9 {
		t.Fatalf("after one redemption: %+v", bs[0])
	}
	rs, err := store.VoucherRedemptions(ctx, c.session, v.Batches()[0].ID)
	if err != nil || len(rs) != 1 || rs[0].Username != "usd.account" {
		t.Fatalf("redemptions %+v, %v", rs, err)
	}
	n, err := store.VoidVouchers(ctx, c.session, v.Batches()[0].ID, "test")
	if err != nil || n != 9 {
		t.Fatalf("void %d, %v", n, err)
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
