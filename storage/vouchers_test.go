package storage

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

// voucherSetup is the manual's figure with a EUR rate of 0.92, C signed in
// with every right, and a USD account of C's.
func voucherSetup(t *testing.T) (*Store, model.Session, model.Session, map[string]model.Customer, model.Account) {
	t.Helper()
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	if _, err := s.SetExchangeRate(ctx, root, "EUR", dec("0.92")); err != nil {
		t.Fatal(err)
	}
	c := sessionOf(t, s, cs["C"].ID)
	usd, err := s.CreateAccount(ctx, root, cs["C"].ID, accountInput("c.usd", "USD"))
	if err != nil {
		t.Fatal(err)
	}
	return s, root, c, cs, usd
}

// oneDigitWrong changes the digit at position i (counting digits only).
func oneDigitWrong(code string, i int) string {
	b := []byte(code)
	n := -1
	for j := range b {
		if b[j] >= '0' && b[j] <= '9' {
			n++
			if n == i {
				b[j] = '0' + (b[j]-'0'+3)%10
				break
			}
		}
	}
	return string(b)
}

// wrongSecret is a code for serial with a secret nobody drew and a right
// check digit: a guess.
func wrongSecret(serial int64) string { return model.MakeVoucherCode(serial, "1234567890123456789") }

func TestVouchers(t *testing.T) {
	ctx := context.Background()
	s, root, c, cs, usd := voucherSetup(t)
	expires := time.Now().Add(30 * 24 * time.Hour)
	var calls int
	b, codes, err := s.CreateVouchers(ctx, c, cs["C"].ID, model.VoucherBatchInput{Count: 10, Value: dec("5"), Currency: "EUR",
		ExpiresAt: expires, Label: " Shop window "}, func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 10 || b.Count != 10 || b.Unused != 10 || b.Label != "Shop window" || calls == 0 {
		t.Fatalf("batch %+v, %d codes, %d progress calls", b, len(codes), calls)
	}
	seen := map[string]bool{}
	for _, code := range codes {
		if len(code.Code) != model.VoucherDigits+model.VoucherDigits/4-1 || seen[code.Code] {
			t.Fatalf("code %q", code.Code)
		}
		seen[code.Code] = true
		if serial, _, err := model.ParseVoucherCode(code.Code); err != nil || serial != code.Serial {
			t.Fatalf("code %q reads as %d, %v", code.Code, serial, err)
		}
	}

	// Redeemed onto a USD account: 5 EUR at the current rate, one add_funds entry.
	e, err := s.RedeemVoucher(ctx, c, usd.ID, codes[0].Code)
	if err != nil {
		t.Fatal(err)
	}
	rates, _ := s.ExchangeRates(ctx, c)
	rate, _ := rates.CrossRate("EUR", "USD")
	want := model.Book(dec("5"), rate)
	if e.Kind != model.EntryAddFunds || !e.Booked.Equal(want) || e.Entered.Currency != "EUR" || !e.Entered.Amount.Equal(dec("5")) ||
		e.Holder != model.AccountLedger(usd.ID) || !strings.Contains(e.Notes, "0000-0001") || e.Voucher != codes[0].Serial {
		t.Fatalf("entry %+v, want %s USD booked", e, want)
	}
	t.Logf("5 EUR booked as %s USD at %s", e.Booked, rate)
	if a, _ := s.Account(ctx, c, usd.ID); !a.Balance.Equal(usd.Balance.Add(want)) {
		t.Fatalf("balance %s", a.Balance)
	}
	// The same code again, a guess, a code of a batch C did not issue onto
	// an account outside its issuer: one answer, which says nothing more.
	refused := func(what string, account model.ID, code string) {
		t.Helper()
		_, err := s.RedeemVoucher(ctx, c, account, code)
		var me *model.Error
		if !errors.As(err, &me) || me.Code != model.CodeVoucherRefused || me.Field != "code" || len(me.Params) != 0 {
			t.Fatalf("%s: %v, want refused", what, err)
		}
	}
	refused("used again", usd.ID, codes[0].Code)
	refused("a guess", usd.ID, wrongSecret(codes[1].Serial))
	refused("unknown serial", usd.ID, wrongSecret(99_999_999))
	// A digit wrong anywhere, or two neighbours swapped, is told apart.
	for i := range model.VoucherDigits {
		if _, err := s.RedeemVoucher(ctx, c, usd.ID, oneDigitWrong(codes[1].Code, i)); fieldCode(err, "code") != model.CodeMismatch {
			t.Fatalf("digit %d wrong: %v", i, err)
		}
	}
	if _, err := s.RedeemVoucher(ctx, c, usd.ID, "1234-5678"); fieldCode(err, "code") != model.CodeInvalid {
		t.Fatalf("short code: %v", err)
	}
	// Only accounts in the issuer's subtree: a root batch may go to C's
	// account, C's batch never to D's (which the root may see).
	d, err := s.CreateAccount(ctx, root, cs["D"].ID, accountInput("d.eur", "EUR"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RedeemVoucher(ctx, c, d.ID, codes[1].Code); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("C onto D's account: %v", err)
	}
	_, err = s.RedeemVoucher(ctx, root, d.ID, codes[1].Code)
	if model.CodeOf(err) != model.CodeVoucherRefused {
		t.Fatalf("C's code onto D's account by the root: %v", err)
	}
	// A success resets the wrong tries; five wrong in a row make the sixth wait.
	if _, err := s.RedeemVoucher(ctx, c, usd.ID, codes[1].Code); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	s.now = func() time.Time { return now }
	for i := range model.MaxFreeFailures {
		refused(fmt.Sprint("guess ", i), usd.ID, wrongSecret(codes[2].Serial))
	}
	_, err = s.RedeemVoucher(ctx, c, usd.ID, codes[2].Code)
	if model.CodeOf(err) != model.CodeVoucherWait {
		t.Fatalf("sixth try: %v", err)
	}
	now = now.Add(2 * time.Second)
	if _, err := s.RedeemVoucher(ctx, c, usd.ID, codes[2].Code); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	// Expired codes are refused alike, and counted as expired.
	now = expires
	refused("expired", usd.ID, codes[3].Code)
	bs, err := s.VoucherBatches(ctx, c, cs["C"].ID)
	if err != nil || len(bs) != 1 || bs[0].Used != 3 || bs[0].Expired != 7 || bs[0].Unused != 0 {
		t.Fatalf("batches %+v, %v", bs, err)
	}
	now = time.Now()
	bs, _ = s.VoucherBatches(ctx, c, cs["C"].ID)
	if bs[0].Unused != 7 || !bs[0].UsedValue().Equal(dec("15")) || !bs[0].UnusedValue().Equal(dec("35")) {
		t.Fatalf("batch %+v", bs[0])
	}
	// Void the unused codes: a reason is needed; a void code is refused alike.
	if _, err := s.VoidVouchers(ctx, c, b.ID, " "); fieldCode(err, "reason") != model.CodeRequired {
		t.Fatalf("void without a reason: %v", err)
	}
	n, err := s.VoidVouchers(ctx, c, b.ID, "printed twice")
	if err != nil || n != 7 {
		t.Fatalf("void: %d, %v", n, err)
	}
	refused("void", usd.ID, codes[4].Code)
	bs, _ = s.VoucherBatches(ctx, c, cs["C"].ID)
	if bs[0].Void != 7 || bs[0].Unused != 0 || bs[0].Used != 3 {
		t.Fatalf("after void %+v", bs[0])
	}
	events, _ := s.AuditLog(ctx, c, 0, 100)
	var voided bool
	for _, ev := range events {
		voided = voided || ev.Action == "voucher.void" && strings.Contains(ev.Details, "printed twice")
		if strings.Contains(ev.Details, codes[5].Code) {
			t.Fatalf("the audit log holds a code: %+v", ev)
		}
	}
	if !voided {
		t.Fatal("no voucher.void event with the reason")
	}
	rs, err := s.VoucherRedemptions(ctx, c, b.ID)
	if err != nil || len(rs) != 3 || rs[0].Username != "c.usd" || rs[0].Booked.Currency != "USD" || !rs[2].Booked.Amount.Equal(want) {
		t.Fatalf("redemptions %+v, %v", rs, err)
	}
	// The account's history names the voucher of each redemption.
	hist, err := s.Entries(ctx, c, model.AccountLedger(usd.ID), model.EntryFilter{})
	if err != nil || len(hist) != 4 || hist[0].Voucher != codes[2].Serial || hist[3].Voucher != 0 {
		t.Fatalf("history %+v, %v", hist, err)
	}
	// Payments count redemptions as Add Funds.
	pay, err := s.Payments(ctx, c, cs["C"].ID, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	if err != nil || len(pay) != 1 || pay[0].Count != 3 || !pay[0].Amount.Equal(want.Mul(dec("3"))) {
		t.Fatalf("payments %+v, %v", pay, err)
	}
	// Without the right, no batches; without maintenance, no redemption.
	noVouchers := sessionWith(t, s, cs["C"].ID, model.AllRights&^model.RightVouchers)
	if _, err := s.VoucherBatches(ctx, noVouchers, cs["C"].ID); !errors.Is(err, model.ErrNotPermitted) {
		t.Fatalf("without the right: %v", err)
	}
	noMaint := sessionWith(t, s, cs["C"].ID, model.AllRights&^model.RightMaintenance)
	if _, err := s.RedeemVoucher(ctx, noMaint, usd.ID, codes[5].Code); !errors.Is(err, model.ErrNotPermitted) {
		t.Fatalf("without maintenance: %v", err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}

func TestVoucherBatchValidation(t *testing.T) {
	ctx := context.Background()
	s, _, c, cs, _ := voucherSetup(t)
	_, _, err := s.CreateVouchers(ctx, c, cs["C"].ID, model.VoucherBatchInput{Count: 0, Value: dec("-1"), Currency: "",
		ExpiresAt: time.Now().Add(-time.Hour)}, nil)
	es := model.FieldErrors(err)
	for _, f := range []string{"count", "value", "currency", "expires"} {
		if es.For(f) == nil {
			t.Errorf("no error on %s: %v", f, err)
		}
	}
	_, _, err = s.CreateVouchers(ctx, c, cs["C"].ID, model.VoucherBatchInput{Count: 1, Value: dec("1"), Currency: "GBP",
		ExpiresAt: time.Now().Add(time.Hour)}, nil)
	if fieldCode(err, "currency") != model.CodeNoRate {
		t.Fatalf("a currency without a rate: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := s.CreateVouchers(cancelled, c, cs["C"].ID, model.VoucherBatchInput{Count: 5000, Value: dec("1"), Currency: "EUR",
		ExpiresAt: time.Now().Add(time.Hour)}, nil); err == nil {
		t.Fatal("a cancelled batch was made")
	}
	if bs, _ := s.VoucherBatches(ctx, c, cs["C"].ID); len(bs) != 0 {
		t.Fatalf("batches after a cancel: %+v", bs)
	}
}

// TestVoucherCodesNotInFile makes vouchers, redeems some and then looks for
// every code in the database file and its WAL: with and without dashes,
// and the secret digits alone.
func TestVoucherCodesNotInFile(t *testing.T) {
	ctx := context.Background()
	s, _, c, cs, usd := voucherSetup(t)
	_, codes, err := s.CreateVouchers(ctx, c, cs["C"].ID, model.VoucherBatchInput{Count: 2000, Value: dec("1"), Currency: "EUR",
		ExpiresAt: time.Now().Add(time.Hour), Label: "grep"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range codes[:20] {
		if _, err := s.RedeemVoucher(ctx, c, usd.ID, code.Code); err != nil {
			t.Fatal(err)
		}
	}
	grepFiles(t, s, codes)
	// Once the WAL is written back, the file alone holds everything.
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	grepFiles(t, s, codes)
}

// grepFiles looks for every code in the database file and its WAL: with
// and without dashes, the secret digits alone and with the check digit.
func grepFiles(t *testing.T, s *Store, codes []model.VoucherCode) {
	t.Helper()
	var files [][]byte
	for _, name := range []string{s.path, s.path + "-wal"} {
		b, err := os.ReadFile(name)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(b))
		files = append(files, b)
	}
	for _, code := range codes {
		plain := strings.ReplaceAll(code.Code, "-", "")
		secret := plain[model.VoucherSerialDigits : model.VoucherDigits-1]
		for _, needle := range []string{code.Code, plain, secret, plain[model.VoucherSerialDigits:]} {
			for i, f := range files {
				if bytes.Contains(f, []byte(needle)) {
					t.Fatalf("file %d holds %q of code %s", i, needle, code.Code)
				}
			}
		}
	}
}

// TestVoucherRedeemRace redeems each of 1,000 codes from two stores on one
// file at the same moment: exactly one of the two succeeds each time.
func TestVoucherRedeemRace(t *testing.T) {
	ctx := context.Background()
	s, _, c, cs, usd := voucherSetup(t)
	n := underRace(1000, 200)
	_, codes, err := s.CreateVouchers(ctx, c, cs["C"].ID, model.VoucherBatchInput{Count: n, Value: dec("1"), Currency: "EUR",
		ExpiresAt: time.Now().Add(time.Hour)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(s.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	stores := []*Store{s, other}
	wins := [2]int{}
	for i, code := range codes {
		var wg sync.WaitGroup
		start := make(chan struct{})
		var errs [2]error
		for k := range stores {
			wg.Go(func() {
				<-start
				_, errs[k] = stores[k].RedeemVoucher(ctx, c, usd.ID, code.Code)
			})
		}
		close(start)
		wg.Wait()
		ok := 0
		for k, err := range errs {
			switch {
			case err == nil:
				ok++
				wins[k]++
			case model.CodeOf(err) != model.CodeVoucherRefused:
				t.Fatalf("round %d store %d: %v", i, k, err)
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d successes", i, ok)
		}
	}
	t.Logf("%d rounds: store 1 won %d, store 2 won %d", n, wins[0], wins[1])
	checkRedeemedOnce(t, s, usd.ID, n)
}

// checkRedeemedOnce checks that the account got exactly n voucher entries
// and that n vouchers are used, each by one entry.
func checkRedeemedOnce(t *testing.T, s *Store, account model.ID, n int) {
	t.Helper()
	var entries, used, linked int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM entries WHERE account_id = ? AND notes LIKE 'Voucher %'),
		(SELECT count(*) FROM vouchers WHERE used_at IS NOT NULL), (SELECT count(DISTINCT entry_id) FROM vouchers)`, account).
		Scan(&entries, &used, &linked); err != nil {
		t.Fatal(err)
	}
	if entries != n || used != n || linked != n {
		t.Fatalf("%d entries, %d used, %d linked; want %d", entries, used, linked, n)
	}
	if r, err := s.Check(context.Background()); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}

// TestVoucherRedeemTwoProcesses runs this test binary a second time as a
// helper process: for each of 1,000 codes, the parent tells the helper the
// code's number and both redeem it at once; exactly one succeeds each time.
func TestVoucherRedeemTwoProcesses(t *testing.T) {
	if os.Getenv("BRANCHBOOK_VOUCHER_HELPER") != "" {
		voucherHelper(t)
		return
	}
	ctx := context.Background()
	s, _, c, cs, usd := voucherSetup(t)
	n := underRace(1000, 200)
	_, codes, err := s.CreateVouchers(ctx, c, cs["C"].ID, model.VoucherBatchInput{Count: n, Value: dec("1"), Currency: "EUR",
		ExpiresAt: time.Now().Add(time.Hour)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	list := make([]string, n)
	for i, code := range codes {
		list[i] = code.Code
	}
	codeFile := s.path + ".codes" // beside the file, in the test's own temp folder
	if err := os.WriteFile(codeFile, []byte(strings.Join(list, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestVoucherRedeemTwoProcesses$", "-test.count=1")
	cmd.Env = append(os.Environ(), "BRANCHBOOK_VOUCHER_HELPER=1", "BRANCHBOOK_VOUCHER_DB="+s.path,
		"BRANCHBOOK_VOUCHER_CODES="+codeFile, fmt.Sprintf("BRANCHBOOK_VOUCHER_SESSION=%d", c.CustomerID),
		fmt.Sprintf("BRANCHBOOK_VOUCHER_ACCOUNT=%d", usd.ID))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		cmd.Wait()
	}()
	in := bufio.NewScanner(stdout)
	// The helper says "ready" once its store is open.
	for in.Scan() && in.Text() != "ready" {
	}
	wins := [2]int{}
	for i := range n {
		if _, err := fmt.Fprintln(stdin, i); err != nil {
			t.Fatalf("round %d: helper gone: %v\n%s", i, err, stderr.String())
		}
		_, mine := s.RedeemVoucher(ctx, c, usd.ID, list[i])
		if !in.Scan() {
			t.Fatalf("round %d: helper said nothing\n%s", i, stderr.String())
		}
		theirs := in.Text()
		ok := 0
		if mine == nil {
			ok++
			wins[0]++
		} else if model.CodeOf(mine) != model.CodeVoucherRefused {
			t.Fatalf("round %d parent: %v", i, mine)
		}
		switch theirs {
		case "ok":
			ok++
			wins[1]++
		case string(model.CodeVoucherRefused):
		default:
			t.Fatalf("round %d helper: %s", i, theirs)
		}
		if ok != 1 {
			t.Fatalf("round %d: %d successes", i, ok)
		}
	}
	t.Logf("%d rounds: this process won %d, the helper %d", n, wins[0], wins[1])
	checkRedeemedOnce(t, s, usd.ID, n)
}

// voucherHelper is the second process of TestVoucherRedeemTwoProcesses: it
// reads a code's number on stdin, redeems it and writes "ok" or the code of
// its error.
func voucherHelper(t *testing.T) {
	ctx := context.Background()
	s, err := Open(os.Getenv("BRANCHBOOK_VOUCHER_DB"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	raw, err := os.ReadFile(os.Getenv("BRANCHBOOK_VOUCHER_CODES"))
	if err != nil {
		t.Fatal(err)
	}
	codes := strings.Split(string(raw), "\n")
	id, _ := strconv.Atoi(os.Getenv("BRANCHBOOK_VOUCHER_SESSION"))
	account, _ := strconv.Atoi(os.Getenv("BRANCHBOOK_VOUCHER_ACCOUNT"))
	var sess model.Session
	if err := s.db.QueryRow("SELECT id, path, name FROM customers WHERE id = ?", id).Scan(&sess.CustomerID, &sess.Path, &sess.Name); err != nil {
		t.Fatal(err)
	}
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(out, "ready")
	out.Flush()
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		i, err := strconv.Atoi(in.Text())
		if err != nil || i < 0 || i >= len(codes) {
			t.Fatalf("bad line %q", in.Text())
		}
		_, err = s.RedeemVoucher(ctx, sess, model.ID(account), codes[i])
		answer := "ok"
		if err != nil {
			answer = string(model.CodeOf(err))
		}
		fmt.Fprintln(out, answer)
		out.Flush()
	}
}
