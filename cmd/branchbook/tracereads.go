package main

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/branchbook/branchbook/model"
)

// readTracer is the store with each read the window makes written to a
// log, one line per call (--trace-reads): how a developer counts what a
// screen reads from the file, in the real window. The watcher's
// DataVersion poll, every two seconds, is left out.
type readTracer struct {
	model.Store
	mu  sync.Mutex
	log io.Writer
}

func traceReads(s model.Store, log io.Writer) model.Store {
	if log == nil {
		return s
	}
	return &readTracer{Store: s, log: log}
}

func (t *readTracer) read(what string) {
	t.mu.Lock()
	fmt.Fprintln(t.log, "read", what)
	t.mu.Unlock()
}

func (t *readTracer) Customer(ctx context.Context, s model.Session, id model.ID) (model.Customer, error) {
	t.read("Customer")
	return t.Store.Customer(ctx, s, id)
}

func (t *readTracer) Row(ctx context.Context, s model.Session, id model.ID) (model.CustomerRow, error) {
	t.read("Row")
	return t.Store.Row(ctx, s, id)
}

func (t *readTracer) Children(ctx context.Context, s model.Session, parent model.ID) ([]model.CustomerRow, error) {
	t.read("Children")
	return t.Store.Children(ctx, s, parent)
}

func (t *readTracer) Accounts(ctx context.Context, s model.Session, customer model.ID, q model.AccountQuery) (model.AccountPage, error) {
	t.read("Accounts")
	return t.Store.Accounts(ctx, s, customer, q)
}

func (t *readTracer) Account(ctx context.Context, s model.Session, id model.ID) (model.Account, error) {
	t.read("Account")
	return t.Store.Account(ctx, s, id)
}

func (t *readTracer) Entries(ctx context.Context, s model.Session, h model.Holder, f model.EntryFilter) ([]model.Entry, error) {
	t.read("Entries")
	return t.Store.Entries(ctx, s, h, f)
}

func (t *readTracer) ExchangeRates(ctx context.Context, s model.Session) (model.RateTable, error) {
	t.read("ExchangeRates")
	return t.Store.ExchangeRates(ctx, s)
}

func (t *readTracer) RightsNow(ctx context.Context, s model.Session) (model.Right, error) {
	t.read("RightsNow")
	return t.Store.RightsNow(ctx, s)
}

func (t *readTracer) SubtreeBalances(ctx context.Context, s model.Session, id model.ID) ([]model.Money, error) {
	t.read("SubtreeBalances")
	return t.Store.SubtreeBalances(ctx, s, id)
}

func (t *readTracer) Ancestors(ctx context.Context, s model.Session, id model.ID) ([]model.ID, error) {
	t.read("Ancestors")
	return t.Store.Ancestors(ctx, s, id)
}

func (t *readTracer) SearchCustomers(ctx context.Context, s model.Session, query string, limit int) ([]model.CustomerHit, error) {
	t.read("SearchCustomers")
	return t.Store.SearchCustomers(ctx, s, query, limit)
}
