package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"math/big"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/branchbook/branchbook/model"
)

// GenerateCards makes a batch of prepaid cards under a customer. The PINs
// are drawn from crypto/rand and hashed on every core before the write
// transaction, which then inserts every account and its opening entry at
// once: all the cards are made, or none. progress hears how much of the
// work (Count hashes, then Count rows) is done out of 2×Count.
func (s *Store) GenerateCards(ctx context.Context, sess model.Session, customer model.ID, b model.CardBatch,
	progress func(done, total int)) ([]model.Card, error) {
	if err := s.permit(ctx, sess, model.RightAccountsAdd); err != nil {
		return nil, err
	}
	b.Normalize()
	if err := b.Validate(); err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	total := 2 * b.Count
	cards := make([]model.Card, b.Count)
	hashes, err := hashPINs(ctx, cards, b.PINLength, func(done int) { progress(done, total) })
	if err != nil {
		return nil, err
	}
	balance, _ := model.ToMicros(b.Balance)
	err = s.write(ctx, func(tx *sql.Tx) error {
		owner, err := accountOwner(ctx, tx, sess, customer)
		if err != nil {
			return err
		}
		if err := s.usableCurrency(ctx, tx, sess, owner, b.Currency, "currency"); err != nil {
			return err
		}
		if b.TariffID, err = s.accountTariff(ctx, tx, sess, owner, b.Currency, b.TariffID); err != nil {
			return err
		}
		first, err := firstFreeSerial(ctx, tx, b)
		if err != nil {
			return err
		}
		if err := s.insertCards(ctx, tx, sess, owner, b, first, cards, hashes, balance, func(done int) {
			progress(b.Count+done, total)
		}); err != nil {
			return err
		}
		return s.audit(ctx, tx, sess.CustomerID, "account.generate", owner.path, owner.name,
			fmt.Sprintf("%d cards %s to %s, opening balance %s %s", b.Count, cards[0].Username,
				cards[len(cards)-1].Username, b.Balance, b.Currency))
	})
	if err != nil {
		return nil, err
	}
	return cards, nil
}

// hashPINs draws a PIN for every card and hashes it, on every core. It
// stops early when ctx is cancelled.
func hashPINs(ctx context.Context, cards []model.Card, length int, progress func(done int)) ([]string, error) {
	hashes := make([]string, len(cards))
	var next, done atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var errOnce sync.Once
	fail := func(err error) { errOnce.Do(func() { firstErr = err }) }
	for range runtime.NumCPU() {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(cards) || ctx.Err() != nil {
					return
				}
				pin, err := randomDigits(length)
				if err == nil {
					hashes[i], err = model.HashPIN(pin)
				}
				if err != nil {
					fail(storageErr("making a PIN", err))
					return
				}
				cards[i].PIN = pin
				if n := done.Add(1); n%256 == 0 {
					progress(int(n))
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	progress(len(cards))
	return hashes, nil
}

// randomDigits returns n decimal digits from crypto/rand, each uniform.
func randomDigits(n int) (string, error) {
	var sb strings.Builder
	ten := big.NewInt(10)
	for range n {
		d, err := rand.Int(rand.Reader, ten)
		if err != nil {
			return "", err
		}
		sb.WriteByte(byte('0' + d.Int64()))
	}
	return sb.String(), nil
}

// firstFreeSerial is the number after the highest serial a live account
// with the batch's prefix and length already has, so the batch never meets
// an existing username. It fails when the digits cannot hold the batch.
func firstFreeSerial(ctx context.Context, tx *sql.Tx, b model.CardBatch) (int64, error) {
	prefix := model.Key(b.Prefix)
	rows, err := tx.QueryContext(ctx, `SELECT substr(username_key, ?) FROM accounts
		WHERE username_key >= ? AND username_key < ? AND length(username_key) = ? AND archived_at IS NULL
		ORDER BY username_key DESC`, len(prefix)+1, prefix, prefix+"\U0010FFFF", len(prefix)+b.Digits)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var last int64
	for rows.Next() {
		var serial string
		if err := rows.Scan(&serial); err != nil {
			return 0, err
		}
		// The highest key made only of digits is the highest serial (same
		// length, so text order is number order).
		if n, err := strconv.ParseInt(serial, 10, 64); err == nil && !strings.ContainsAny(serial, "+-") {
			last = n
			break
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	limit := int64(1)
	for range b.Digits {
		limit *= 10
	}
	if last+int64(b.Count) >= limit {
		return 0, model.FieldError("digits", model.CodeOutOfRange, map[string]any{"count": b.Count, "free": limit - 1 - last})
	}
	return last + 1, nil
}

// insertCards writes the accounts and books their opening entries,
// checking ctx as it goes so a cancel rolls the whole batch back.
func (s *Store) insertCards(ctx context.Context, tx *sql.Tx, sess model.Session, owner node, b model.CardBatch,
	first int64, cards []model.Card, hashes []string, balance int64, progress func(done int)) error {
	account, err := tx.PrepareContext(ctx, `INSERT INTO accounts (customer_id, username, username_key, username_sort, password_hash,
		description, currency, tariff_id, balance_micros, blocked, expires_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer account.Close()
	at := s.now()
	now := formatTime(at)
	expires := nullTime(b.ExpiresAt)
	tariff := nullID(b.TariffID)
	for i := range cards {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			progress(i)
		}
		name := fmt.Sprintf("%s%0*d", b.Prefix, b.Digits, first+int64(i))
		res, err := account.ExecContext(ctx, owner.id, name, model.Key(name), model.SortKey(name), hashes[i], b.Description, b.Currency,
			tariff, expires, now, now)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		cards[i].ID, cards[i].Username = model.ID(id), name
		l := accountLedger(model.ID(id), name, b.Currency, owner)
		if err := s.bookOpening(ctx, tx, sess, l, balance, at); err != nil {
			return err
		}
	}
	progress(len(cards))
	return nil
}
