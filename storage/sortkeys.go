package storage

import (
	"database/sql/driver"
	"fmt"

	"github.com/branchbook/branchbook/model"
	"modernc.org/sqlite"
)

// branchbook_sort_key(name) is model.SortKey for migration 6, which fills
// the sort keys of the rows already in a file in the same transaction as
// the new columns. Inserts and updates compute keys in Go; the schema never
// calls the function, so the file stays usable without it.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("branchbook_sort_key", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case string:
				return model.SortKey(v), nil
			case []byte:
				return model.SortKey(string(v)), nil
			case nil:
				return nil, nil
			default:
				return nil, fmt.Errorf("branchbook_sort_key: a name of type %T", v)
			}
		})
}
