package calls

import (
	"context"
	"time"

	"github.com/branchbook/branchbook/model"
)

// Store is what the calls screens ask of the store (model.CallStore).
type Store interface {
	ImportCalls(ctx context.Context, s model.Session, in model.CallImportInput) (model.CallImportResult, error)
	CallImports(ctx context.Context, s model.Session, limit int) ([]model.CallImport, error)
	UndoCallImport(ctx context.Context, s model.Session, id model.ID, reason string) error
	RerateCallImport(ctx context.Context, s model.Session, id model.ID) (model.CallImportResult, error)
	Calls(ctx context.Context, s model.Session, h model.Holder, q model.CallQuery) (model.CallPage, error)
	CallTotals(ctx context.Context, s model.Session, h model.Holder, q model.CallQuery) ([]model.DestinationTotal, error)
	Margin(ctx context.Context, s model.Session, from, to time.Time) ([]model.MarginLine, error)
}

var _ Store = model.CallStore(nil)
