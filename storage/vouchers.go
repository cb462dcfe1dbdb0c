package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// CreateVouchers makes a batch of credit vouchers issued by customer. The
// secrets are drawn from crypto/rand and hashed on every core before the
// write transaction, which then inserts the batch and every voucher at
// once: all the codes are made, or none. progress hears how much of the
// work (Count hashes, then Count rows) is done out of 2×Count.
func (s *Store) CreateVouchers(ctx context.Context, sess model.Session, customer model.ID, in model.VoucherBatchInput,
	progress func(done, total int)) (model.VoucherBatch, []model.VoucherCode, error) {
	if err := s.permit(ctx, sess, model.RightVouchers); err != nil {
		return model.VoucherBatch{}, nil, err
	}
	in.Normalize()
	if err := in.Validate(s.now()); err != nil {
		return model.VoucherBatch{}, nil, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	total := 2 * in.Count
	secrets, hashes, err := hashVoucherSecrets(ctx, in.Count, func(done int) { progress(done, total) })
	if err != nil {
		return model.VoucherBatch{}, nil, err
	}
	value, _ := model.ToMicros(in.Value)
	at := s.now()
	b := model.VoucherBatch{CustomerID: customer, Label: in.Label, Count: in.Count,
		Value: model.Money{Amount: in.Value, Currency: in.Currency}, ExpiresAt: in.ExpiresAt.UTC().Truncate(time.Microsecond),
		CreatedAt: at.UTC().Truncate(time.Microsecond)}
	codes := make([]model.VoucherCode, in.Count)
	err = s.write(ctx, func(tx *sql.Tx) error {
		issuer, err := nodeIn(ctx, tx, sess, customer, false)
		if err != nil {
			return err
		}
		if err := s.usableCurrency(ctx, tx, sess, issuer, in.Currency, "currency"); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT ifnull(max(serial), 0) + 1 FROM vouchers`).Scan(&b.FirstSerial); err != nil {
			return err
		}
		b.LastSerial = b.FirstSerial + int64(in.Count) - 1
		if b.LastSerial > model.MaxVoucherSerial {
			return model.FieldError("count", model.CodeOutOfRange,
				map[string]any{"min": 1, "max": max(0, model.MaxVoucherSerial-b.FirstSerial+1)})
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO voucher_batches (customer_id, label, count, value_micros, currency, expires_at,
			first_serial, last_serial, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			customer, in.Label, in.Count, value, in.Currency, formatTime(b.ExpiresAt), b.FirstSerial, b.LastSerial,
			sess.CustomerID, formatTime(at)).Scan(&b.ID)
		if err != nil {
			return err
		}
		insert, err := tx.PrepareContext(ctx, `INSERT INTO vouchers (serial, batch_id, secret_hash) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insert.Close()
		for i := range codes {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				progress(in.Count+i, total)
			}
			serial := b.FirstSerial + int64(i)
			if _, err := insert.ExecContext(ctx, serial, b.ID, hashes[i]); err != nil {
				return err
			}
			codes[i] = model.VoucherCode{Serial: serial, Code: model.MakeVoucherCode(serial, secrets[i])}
		}
		progress(total, total)
		return s.audit(ctx, tx, sess.CustomerID, "voucher.create", issuer.path, issuer.name,
			fmt.Sprintf("batch %d %q: %d vouchers %s to %s of %s %s, expire %s", b.ID, in.Label, in.Count,
				serialText(b.FirstSerial), serialText(b.LastSerial), in.Value, in.Currency, formatTime(b.ExpiresAt)))
	})
	if err != nil {
		return model.VoucherBatch{}, nil, err
	}
	b.SetCounts(s.now())
	return b, codes, nil
}

// serialText writes a serial as the first groups of its codes.
func serialText(serial int64) string {
	return model.GroupVoucherDigits(fmt.Sprintf("%0*d", model.VoucherSerialDigits, serial))
}

// hashVoucherSecrets draws n secrets and hashes them, on every core. It
// stops early when ctx is cancelled.
func hashVoucherSecrets(ctx context.Context, n int, progress func(done int)) ([]string, []string, error) {
	secrets, hashes := make([]string, n), make([]string, n)
	var next, done atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var errOnce sync.Once
	for range runtime.NumCPU() {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				secret, err := model.NewVoucherSecret()
				if err == nil {
					hashes[i], err = model.HashVoucherSecret(secret)
				}
				if err != nil {
					errOnce.Do(func() { firstErr = storageErr("making a voucher", err) })
					return
				}
				secrets[i] = secret
				if d := done.Add(1); d%256 == 0 {
					progress(int(d))
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if firstErr != nil {
		return nil, nil, firstErr
	}
	progress(n)
	return secrets, hashes, nil
}

const batchColumns = `b.id, b.customer_id, b.label, b.count, b.value_micros, b.currency, b.expires_at, b.first_serial,
	b.last_serial, b.used, b.void, b.created_at`

func scanBatch(sc interface{ Scan(...any) error }, now time.Time) (model.VoucherBatch, error) {
	var b model.VoucherBatch
	var value int64
	var cur, expires, at string
	err := sc.Scan(&b.ID, &b.CustomerID, &b.Label, &b.Count, &value, &cur, &expires, &b.FirstSerial, &b.LastSerial,
		&b.Used, &b.Void, &at)
	b.Value = model.Money{Amount: model.FromMicros(value), Currency: model.Currency(cur)}
	b.ExpiresAt, b.CreatedAt = parseTime(expires), parseTime(at)
	b.SetCounts(now)
	return b, err
}

// VoucherBatches lists the batches a customer of the subtree issued,
// newest first.
func (s *Store) VoucherBatches(ctx context.Context, sess model.Session, customer model.ID) ([]model.VoucherBatch, error) {
	if err := s.permit(ctx, sess, model.RightVouchers); err != nil {
		return nil, err
	}
	if _, err := nodeIn(ctx, s.db, sess, customer, false); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+batchColumns+` FROM voucher_batches b
		WHERE b.customer_id = ? ORDER BY b.id DESC`, customer)
	if err != nil {
		return nil, storageErr("reading vouchers", err)
	}
	defer rows.Close()
	now := s.now()
	var out []model.VoucherBatch
	for rows.Next() {
		b, err := scanBatch(rows, now)
		if err != nil {
			return nil, storageErr("reading vouchers", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// batchIn reads a batch whose issuer is in the session's subtree, with
// the issuer's path.
func (s *Store) batchIn(ctx context.Context, q queryer, sess model.Session, id model.ID) (model.VoucherBatch, string, string, error) {
	lo, hi := subtree(sess.Path)
	var path, name string
	var b model.VoucherBatch
	row := q.QueryRowContext(ctx, `SELECT `+batchColumns+`, c.path, c.name FROM voucher_batches b
		JOIN customers c ON c.id = b.customer_id WHERE b.id = ? AND c.path >= ? AND c.path < ?`, id, lo, hi)
	var value int64
	var cur, expires, at string
	err := row.Scan(&b.ID, &b.CustomerID, &b.Label, &b.Count, &value, &cur, &expires, &b.FirstSerial, &b.LastSerial,
		&b.Used, &b.Void, &at, &path, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return b, "", "", model.ErrNotFound
	}
	if err != nil {
		return b, "", "", err
	}
	b.Value = model.Money{Amount: model.FromMicros(value), Currency: model.Currency(cur)}
	b.ExpiresAt, b.CreatedAt = parseTime(expires), parseTime(at)
	b.SetCounts(s.now())
	return b, path, name, nil
}

// VoucherRedemptions lists the redeemed codes of a batch, newest first.
func (s *Store) VoucherRedemptions(ctx context.Context, sess model.Session, batch model.ID) ([]model.VoucherRedemption, error) {
	if err := s.permit(ctx, sess, model.RightVouchers); err != nil {
		return nil, err
	}
	if _, _, _, err := s.batchIn(ctx, s.db, sess, batch); err != nil {
		if errors.Is(err, model.ErrNotFound) {
			return nil, err
		}
		return nil, storageErr("reading vouchers", err)
	}
	lo, hi := subtree(sess.Path)
	rows, err := s.db.QueryContext(ctx, `SELECT v.serial, v.account_id, CASE WHEN c.path >= ? AND c.path < ? THEN a.username ELSE '' END,
			v.used_at, e.booked_micros, a.currency, v.entry_id
		FROM vouchers v JOIN accounts a ON a.id = v.account_id JOIN customers c ON c.id = a.customer_id
		JOIN entries e ON e.id = v.entry_id
		WHERE v.batch_id = ? AND v.used_at IS NOT NULL ORDER BY v.used_at DESC, v.serial DESC`, lo, hi, batch)
	if err != nil {
		return nil, storageErr("reading vouchers", err)
	}
	defer rows.Close()
	var out []model.VoucherRedemption
	for rows.Next() {
		var r model.VoucherRedemption
		var at, cur string
		var booked int64
		if err := rows.Scan(&r.Serial, &r.AccountID, &r.Username, &at, &booked, &cur, &r.EntryID); err != nil {
			return nil, storageErr("reading vouchers", err)
		}
		r.At, r.Booked = parseTime(at), model.Money{Amount: model.FromMicros(booked), Currency: model.Currency(cur)}
		out = append(out, r)
	}
	return out, rows.Err()
}

// VoidVouchers voids every code of a batch that is neither used nor void,
// with the reason in the audit log.
func (s *Store) VoidVouchers(ctx context.Context, sess model.Session, batch model.ID, reason string) (int, error) {
	if err := s.permit(ctx, sess, model.RightVouchers); err != nil {
		return 0, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return 0, model.FieldError("reason", model.CodeRequired, nil)
	}
	if e := model.ValidateVisible("reason", reason); e != nil {
		return 0, e
	}
	if len([]rune(reason)) > model.MaxVoidReasonLen {
		return 0, model.FieldError("reason", model.CodeTooLong, map[string]any{"max": model.MaxVoidReasonLen})
	}
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.permitTx(ctx, tx, sess, model.RightVouchers); err != nil {
			return err
		}
		b, path, name, err := s.batchIn(ctx, tx, sess, batch)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE vouchers SET void_at = ? WHERE batch_id = ? AND used_at IS NULL AND void_at IS NULL`,
			formatTime(s.now()), batch)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE voucher_batches SET void = void + ? WHERE id = ?`, n, batch); err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "voucher.void", path, name,
			fmt.Sprintf("batch %d %q: %d vouchers void: %s", b.ID, b.Label, n, reason))
	})
	if err != nil {
		return 0, err
	}
	return int(n), nil
}

// dummyVoucherHash is checked against when a serial is unknown, so an
// unknown code takes as long to refuse as a wrong secret.
var dummyVoucherHash = func() string {
	h, _ := model.HashVoucherSecret("0000000000000000000")
	return h
}()

// RedeemVoucher books a voucher's value onto an account and marks it used,
// in one immediate transaction; see model.Store.
func (s *Store) RedeemVoucher(ctx context.Context, sess model.Session, account model.ID, code string) (model.Entry, error) {
	if err := s.permit(ctx, sess, model.RightMaintenance); err != nil {
		return model.Entry{}, err
	}
	if _, err := s.Account(ctx, sess, account); err != nil {
		return model.Entry{}, err
	}
	serial, secret, err := model.ParseVoucherCode(code)
	if err != nil {
		return model.Entry{}, err // mistyped: no guess, not counted
	}
	if wait, err := s.voucherWait(ctx, account); err != nil {
		return model.Entry{}, storageErr("checking a voucher", err)
	} else if wait > 0 {
		return model.Entry{}, &model.Error{Code: model.CodeVoucherWait, Params: map[string]any{"seconds": seconds(wait)}}
	}
	// The secret is checked before the write lock is taken: the hash is
	// the slow part, and the transaction below checks again that the
	// voucher is still unused.
	var hash string
	err = s.db.QueryRowContext(ctx, `SELECT secret_hash FROM vouchers WHERE serial = ?`, serial).Scan(&hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return model.Entry{}, storageErr("checking a voucher", err)
	}
	known := err == nil
	if !known {
		hash = dummyVoucherHash
	}
	good := model.CheckPassword(hash, secret) && known
	var id model.ID
	refused := false
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := s.permitTx(ctx, tx, sess, model.RightMaintenance); err != nil {
			return err
		}
		l, err := s.ledgerForWrite(ctx, tx, sess, model.AccountLedger(account))
		if err != nil {
			return err
		}
		if good {
			id, err = s.redeem(ctx, tx, sess, l, serial)
			if err != nil {
				return err
			}
		}
		if id == 0 {
			refused = true
			_, err := s.voucherFailed(ctx, tx, account)
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM voucher_failures WHERE account_id = ?`, account)
		return err
	})
	if err != nil {
		return model.Entry{}, err
	}
	if refused {
		return model.Entry{}, &model.Error{Code: model.CodeVoucherRefused, Field: "code"}
	}
	return s.entry(ctx, sess, id)
}

// redeem books the voucher with serial onto l's account when it is unused,
// not void, not expired and issued by an owner of the account (the account
// is in the issuer's subtree). It returns 0 for a voucher it refuses.
func (s *Store) redeem(ctx context.Context, tx *sql.Tx, sess model.Session, l ledger, serial int64) (model.ID, error) {
	st, err := s.prepared(ctx, tx, `SELECT b.id, b.value_micros, b.currency, b.expires_at, c.path
		FROM vouchers v JOIN voucher_batches b ON b.id = v.batch_id JOIN customers c ON c.id = b.customer_id
		WHERE v.serial = ? AND v.used_at IS NULL AND v.void_at IS NULL`)
	if err != nil {
		return 0, err
	}
	var batch model.ID
	var value int64
	var cur, expires, issuerPath string
	err = st.QueryRowContext(ctx, serial).Scan(&batch, &value, &cur, &expires, &issuerPath)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	at := s.now()
	if !at.Before(parseTime(expires)) || !strings.HasPrefix(l.owner.path, issuerPath) {
		return 0, nil
	}
	vcur := model.Currency(cur)
	rate := decimal.NewFromInt(1)
	if vcur != l.currency {
		rates, err := s.ratesOf(ctx, tx, sess, vcur, l.currency)
		if err != nil {
			return 0, err
		}
		if rate, err = rates.CrossRate(vcur, l.currency); err != nil {
			return 0, err
		}
	}
	booked, err := model.ToMicros(model.Book(model.FromMicros(value), rate))
	if err != nil {
		return 0, model.FieldError("code", model.CodeOutOfRange, nil)
	}
	notes := "Voucher " + serialText(serial)
	id, _, err := s.book(ctx, tx, sess, l, model.EntryAddFunds, value, vcur, rate.String(), booked, notes, 0, "", at)
	if err != nil {
		return 0, err
	}
	use, err := s.prepared(ctx, tx, `UPDATE vouchers SET used_at = ?, account_id = ?, entry_id = ?
		WHERE serial = ? AND used_at IS NULL AND void_at IS NULL`)
	if err != nil {
		return 0, err
	}
	res, err := use.ExecContext(ctx, formatTime(at), l.holder.Account, id, serial)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return 0, fmt.Errorf("voucher %d changed under the write lock (%d rows): %v", serial, n, err)
	}
	count, err := s.prepared(ctx, tx, `UPDATE voucher_batches SET used = used + 1 WHERE id = ?`)
	if err != nil {
		return 0, err
	}
	if _, err := count.ExecContext(ctx, batch); err != nil {
		return 0, err
	}
	return id, s.audit(ctx, tx, sess.CustomerID, "voucher.redeem", l.owner.path, l.subject,
		fmt.Sprintf("voucher %s of batch %d: %s %s", serialText(serial), batch, model.FromMicros(value), vcur))
}

// voucherWait is how long the account must still wait before its next
// voucher try.
func (s *Store) voucherWait(ctx context.Context, account model.ID) (time.Duration, error) {
	var failures int
	var last string
	err := s.db.QueryRowContext(ctx, `SELECT failures, last_failure_at FROM voucher_failures WHERE account_id = ?`, account).
		Scan(&failures, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil || failures < model.MaxFreeFailures {
		return 0, err // a clock set back must not make the first tries wait
	}
	return model.VoucherWait(failures, parseTime(last), s.now()), nil
}

// voucherFailed counts one more wrong code for the account.
func (s *Store) voucherFailed(ctx context.Context, tx *sql.Tx, account model.ID) (int, error) {
	var failures int
	err := tx.QueryRowContext(ctx, `INSERT INTO voucher_failures (account_id, failures, last_failure_at) VALUES (?, 1, ?)
		ON CONFLICT (account_id) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at
		RETURNING failures`, account, formatTime(s.now())).Scan(&failures)
	return failures, err
}
