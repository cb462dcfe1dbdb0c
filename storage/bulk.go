package storage

import (
	"context"
	"database/sql"
	"strings"
)

// rowBatch inserts rows into one table many at a time: one INSERT with a
// hundred VALUES rows costs far less per row than a hundred INSERTs, which
// is what makes a demo file of millions of rows quick to build.
type rowBatch struct {
	ctx  context.Context
	tx   *sql.Tx
	head string // "INSERT INTO t (a, b) VALUES "
	cols int
	size int
	full *sql.Stmt // the statement for a whole batch, prepared once
	args []any
}

func newRowBatch(ctx context.Context, tx *sql.Tx, head string, cols, size int) (*rowBatch, error) {
	b := &rowBatch{ctx: ctx, tx: tx, head: head, cols: cols, size: size}
	var err error
	b.full, err = tx.PrepareContext(ctx, b.statement(size))
	return b, err
}

// statement is the INSERT of n rows.
func (b *rowBatch) statement(n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	return b.head + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// add queues one row, writing the batch when it is full.
func (b *rowBatch) add(values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) < b.cols*b.size {
		return nil
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	b.args = b.args[:0]
	return err
}

// flush writes the rows still queued and closes the statement.
func (b *rowBatch) flush() error {
	defer b.full.Close()
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(b.ctx, b.statement(len(b.args)/b.cols), b.args...)
	b.args = b.args[:0]
	return err
}
