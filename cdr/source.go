package cdr

import (
	"context"
	"io"

	"github.com/branchbook/branchbook/model"
)

// KeepRowErrors is how many RowErrors a Source keeps by default for the
// import's summary; the others are only counted.
const KeepRowErrors = 10

// Source hands the calls of a Reader to a store as a model.CallSource: it
// skips the malformed records, counts them (Skipped) and keeps the first
// few of them (RowErrors) for the summary, so the store sees only calls.
type Source struct {
	r       *Reader
	ctx     context.Context
	keep    int
	skipped int
	kept    []*RowError
	reasons map[Reason]int
	n       int
}

// NewSource returns a Source reading from r that keeps the first keep
// RowErrors (KeepRowErrors when keep is 0, none when it is negative). When
// ctx is cancelled, Next returns ctx.Err(), which makes the store leave
// nothing of the import behind; ctx may be nil.
func NewSource(ctx context.Context, r *Reader, keep int) *Source {
	if keep == 0 {
		keep = KeepRowErrors
	}
	if ctx == nil {
		ctx = context.Background()
	}
	return &Source{r: r, ctx: ctx, keep: keep, reasons: map[Reason]int{}}
}

var _ model.CallSource = (*Source)(nil)

// Next returns the next well-formed call, io.EOF after the last, or the
// error of the file's reader or of the context.
func (s *Source) Next() (model.CallRecord, error) {
	for {
		if s.n%checkCancelEvery == 0 {
			if err := s.ctx.Err(); err != nil {
				return model.CallRecord{}, err
			}
		}
		s.n++
		c, err := s.r.Next()
		switch e := err.(type) {
		case nil:
			return c.Record(), nil
		case *RowError:
			s.skipped++
			s.reasons[e.Reason()]++
			if len(s.kept) < s.keep {
				s.kept = append(s.kept, e)
			}
		default:
			if err == io.EOF {
				return model.CallRecord{}, io.EOF
			}
			return model.CallRecord{}, err
		}
	}
}

// Skipped is how many records were left out as malformed so far.
func (s *Source) Skipped() int { return s.skipped }

// RowErrors are the first records left out, in file order.
func (s *Source) RowErrors() []*RowError { return s.kept }

// SkippedBy counts the records left out by reason.
func (s *Source) SkippedBy() map[Reason]int { return s.reasons }

// Layout is the file's layout.
func (s *Source) Layout() Layout { return s.r.Layout() }

// Progress returns the bytes of the file read so far and its size (0 when
// unknown); it is safe to call from another goroutine.
func (s *Source) Progress() (read, total int64) { return s.r.Progress() }

// Record is the call as the store takes it.
func (c Call) Record() model.CallRecord {
	return model.CallRecord{
		ID:       c.ID,
		Account:  c.Account,
		Caller:   c.Caller,
		Called:   c.Called,
		Start:    c.Start,
		Answered: c.Answered,
		Seconds:  c.BilledSeconds,
		Line:     c.Line,
	}
}
