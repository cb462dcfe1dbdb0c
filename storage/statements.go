package storage

import (
	"context"
	"time"

	"github.com/branchbook/branchbook/model"
	"github.com/shopspring/decimal"
)

// Statement returns a holder's statement for [from, to): the balance
// before from, every entry booked in the period except "calls" entries,
// which become one line per destination (the holder's own charges of the
// imports booked in the period, as an invoice has them), and the closing
// balance. Any customer or account in the session's subtree may be asked
// for; no right is needed to read.
func (s *Store) Statement(ctx context.Context, sess model.Session, h model.Holder, from, to time.Time) (model.Statement, error) {
	if err := checkPeriod(from, to); err != nil {
		return model.Statement{}, err
	}
	st := model.Statement{Holder: h, From: from.UTC(), To: to.UTC()}
	if h.IsAccount() {
		a, err := s.Account(ctx, sess, h.Account)
		if err != nil {
			return model.Statement{}, err
		}
		st.HolderName, st.Currency = a.Username, a.Currency
	} else {
		n, err := nodeIn(ctx, s.db, sess, h.Customer, false)
		if err != nil {
			return model.Statement{}, err
		}
		st.HolderName, st.Currency = n.name, n.currency
	}
	before, err := balanceBefore(ctx, s.db, h, from)
	if err != nil {
		return model.Statement{}, storageErr("reading a statement", err)
	}
	sum := before
	entries, err := periodEntries(ctx, s.db, h, from, to)
	if err != nil {
		return model.Statement{}, err
	}
	var calls, callLines int64
	for _, e := range entries {
		sum += e.booked
		if e.kind == model.EntryCalls {
			calls += e.booked
			continue
		}
		st.Lines = append(st.Lines, model.StatementLine{At: e.at, Kind: e.kind, Notes: e.notes,
			Amount: model.FromMicros(e.booked), Entry: e.id})
	}
	dests, err := periodCalls(ctx, s.db, h, from, to)
	if err != nil {
		return model.Statement{}, err
	}
	for _, d := range dests {
		callLines -= d.micros
		st.Lines = append(st.Lines, model.StatementLine{At: d.last, Kind: model.EntryCalls, Prefix: d.prefix, Calls: d.calls,
			Seconds: d.seconds, Amount: model.FromMicros(-d.micros)})
	}
	if calls != callLines {
		st.Lines = append(st.Lines, model.StatementLine{At: st.To, Kind: model.EntryCalls, Notes: "calls adjustment",
			Amount: model.FromMicros(calls - callLines)})
	}
	st.Opening, st.Closing = model.FromMicros(before), model.FromMicros(sum)
	st.USDRate = decimal.NewFromInt(1)
	if st.Currency != "" && st.Currency != model.USD {
		rates, err := s.ExchangeRates(ctx, sess)
		if err != nil {
			return model.Statement{}, err
		}
		if r, ok := rates.Rate(st.Currency); ok {
			st.USDRate = r
		} else {
			st.USDRate = decimal.Zero // no rate: the document shows no USD
		}
	}
	return st, nil
}
