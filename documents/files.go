package documents

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/branchbook/branchbook/model"
)

// FileName is the file an issued document is saved as: "invoice-A-1.pdf",
// "credit-note-A-2.xlsx"; characters no file system takes become "_".
func FileName(inv model.Invoice, ext string) string {
	kind := "invoice-"
	if inv.Kind == model.KindCreditNote {
		kind = "credit-note-"
	}
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>| `, r) || r < ' ' {
			return '_'
		}
		return r
	}, inv.Number)
	return kind + name + ext
}

// ReadInvoice reads an issued document whole (lines and logos), for a list
// that left them out.
type ReadInvoice func(ctx context.Context, id model.ID) (model.Invoice, error)

// WriteInvoicePDFs writes each issued document as a PDF in dir, named by
// FileName, one worker per processor (the fonts are shared read-only; a
// PDF takes a few milliseconds of CPU). A document without lines is read
// whole with read first. It returns the files written, in the order of
// issued, up to the first failure, and stops at a cancelled ctx.
func WriteInvoicePDFs(ctx context.Context, dir string, issued []model.Invoice, read ReadInvoice) ([]string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	paths := make([]string, len(issued))
	errs := make([]error, len(issued))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(issued))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				paths[i], errs[i] = writeInvoicePDF(ctx, dir, issued[i], read)
				if errs[i] != nil {
					cancel()
				}
			}
		}()
	}
feed:
	for i := range issued {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	var files []string
	for i := range issued {
		if errs[i] != nil {
			return files, errs[i]
		}
		if paths[i] == "" {
			return files, ctx.Err()
		}
		files = append(files, paths[i])
	}
	return files, nil
}

func writeInvoicePDF(ctx context.Context, dir string, inv model.Invoice, read ReadInvoice) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if inv.ID != 0 && len(inv.Lines) == 0 {
		whole, err := read(ctx, inv.ID)
		if err != nil {
			return "", err
		}
		inv = whole
	}
	path := filepath.Join(dir, FileName(inv, ".pdf"))
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	err = InvoicePDF(f, inv)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return path, nil
}
