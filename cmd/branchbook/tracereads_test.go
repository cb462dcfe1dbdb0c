package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/storage"
)

func TestTraceReadsLogsEachRead(t *testing.T) {
	s, err := storage.Open(filepath.Join(t.TempDir(), "trace.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.GenerateDemo(ctx, storage.DemoOptions{Customers: 3, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	root, err := s.RootSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if traceReads(s, nil) != model.Store(s) {
		t.Fatal("without a log the store is not wrapped")
	}
	var log strings.Builder
	traced := traceReads(s, &log)
	if _, err := traced.Customer(ctx, root, root.CustomerID); err != nil {
		t.Fatal(err)
	}
	if _, err := traced.Children(ctx, root, root.CustomerID); err != nil {
		t.Fatal(err)
	}
	if _, err := traced.DataVersion(ctx); err != nil { // the watcher's poll: not logged
		t.Fatal(err)
	}
	if got := log.String(); got != "read Customer\nread Children\n" {
		t.Fatalf("log %q", got)
	}
}
