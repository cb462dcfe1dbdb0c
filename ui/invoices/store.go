package invoices

import (
	"github.com/branchbook/branchbook/model"
)

// Store is what the invoice screens ask of the store.
type Store interface {
	model.InvoiceStore
}
