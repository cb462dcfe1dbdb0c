package cdr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"sync/atomic"
	"time"

	"github.com/branchbook/branchbook/model"
)

// Options say how to read a file.
type Options struct {
	// Layout is the layout the file must be (--format); "" detects it.
	Layout Layout
	// Location is the zone of start times written without one: the
	// importing customer's zone (or UTC for a switch that writes UTC, such
	// as Asterisk with usegmtime). It is required.
	Location *time.Location
	// Size is the file's length in bytes when known, for Progress; 0 when
	// not.
	Size int64
}

// Reader streams the calls of one file, one line at a time: it holds one
// line (at most MaxLineLen bytes) and never the file.
type Reader struct {
	in     *bufio.Reader
	f      *format
	loc    *time.Location
	total  int64
	read   atomic.Int64 // bytes taken from the file, for Progress
	line   int
	header bool // the header line is still to be skipped
	fields []string
	err    error // a read error, returned again by every later Next
}

// errNoLocation is a mistake of the caller's, not of the file.
var errNoLocation = errors.New("cdr: Options.Location is nil")

// checkCancelEvery is how many lines Scan reads between looks at its
// context: cancelling answers within a few microseconds of work.
const checkCancelEvery = 256

// NewReader reads the beginning of r, tells its layout (or checks it is
// opt.Layout) and returns a Reader positioned at the first record. A file
// that is empty, binary or none of the layouts is refused here, before any
// record is read (the error's Params "reason" is a Reason); an error of r
// is returned as it is.
func NewReader(r io.Reader, opt Options) (*Reader, error) {
	if opt.Location == nil {
		return nil, errNoLocation
	}
	if opt.Layout != "" {
		if _, err := ParseLayout(string(opt.Layout)); err != nil {
			return nil, err
		}
	}
	in := bufio.NewReaderSize(r, MaxLineLen)
	sample, err := in.Peek(MaxLineLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	f, err := detect(sample, opt.Layout)
	if err != nil {
		return nil, err
	}
	rd := &Reader{in: in, f: f, loc: opt.Location, total: opt.Size, header: f.header}
	if bytes.HasPrefix(sample, utf8BOM) {
		n, _ := in.Discard(len(utf8BOM))
		rd.read.Add(int64(n))
	}
	return rd, nil
}

// Layout is the file's layout.
func (r *Reader) Layout() Layout { return r.f.layout }

// Line is the line of the record Next returned last (1-based).
func (r *Reader) Line() int { return r.line }

// Progress returns how many bytes of the file have been read and its size
// (0 when unknown). Another goroutine may call it while Next runs, so a
// window can draw a progress bar from a timer.
func (r *Reader) Progress() (read, total int64) { return r.read.Load(), r.total }

// Next returns the next call. At the end of the file it returns io.EOF. A
// record that cannot be read returns a *RowError and the next call of Next
// goes on after it. Any other error comes from the file's reader, and
// every later call returns it again.
func (r *Reader) Next() (Call, error) {
	for {
		line, tooLong, err := r.readLine()
		if err != nil {
			return Call{}, err
		}
		r.line++
		if tooLong {
			return Call{}, r.rowError(refusal(model.CodeTooLong, "", ReasonLineTooLong, "max", MaxLineLen))
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if r.header {
			r.header = false
			continue
		}
		c, rerr := r.record(line)
		if rerr != nil {
			return Call{}, r.rowError(rerr)
		}
		return c, nil
	}
}

// record reads the call of one non-blank line.
func (r *Reader) record(line []byte) (Call, *model.Error) {
	if bytes.IndexByte(line, 0) >= 0 {
		return Call{}, refusal(model.CodeInvalidChars, "", ReasonNUL)
	}
	var ok bool
	r.fields, ok = splitLine(line, r.fields, r.f.layout != FreeSWITCH)
	if !ok {
		return Call{}, refusal(model.CodeInvalid, "", ReasonQuotes)
	}
	c, err := r.f.parse(r.fields, r.loc)
	c.Line = r.line
	return c, err
}

func (r *Reader) rowError(err *model.Error) *RowError { return &RowError{Line: r.line, Err: err} }

// readLine returns the next line with its line break. A line longer than
// MaxLineLen is read in pieces of the buffer's size and thrown away as it
// goes (tooLong), so even a 100 MB line never sits in memory whole. At the
// end of the file it returns io.EOF.
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	if r.err != nil {
		return nil, false, r.err
	}
	line, err = r.in.ReadSlice('\n')
	r.read.Add(int64(len(line)))
	for errors.Is(err, bufio.ErrBufferFull) {
		tooLong = true
		var piece []byte
		piece, err = r.in.ReadSlice('\n')
		r.read.Add(int64(len(piece)))
	}
	switch {
	case err == nil:
	case errors.Is(err, io.EOF) && (len(line) > 0 || tooLong):
		// The last line has no line break; the next call says EOF.
	default:
		r.err = err
		return nil, false, err
	}
	if tooLong {
		return nil, true, nil
	}
	return line, false, nil
}

// Counts is what Scan read.
type Counts struct {
	Calls int // records handed to each
	Bad   int // records left out
}

// Scan reads the whole file, giving each call to each and each record
// left out to bad (which may be nil when the caller only counts them). It
// stops at the first error either returns, at a read error, or when ctx
// is cancelled (returning ctx.Err()); the counts say how far it got.
func (r *Reader) Scan(ctx context.Context, each func(Call) error, bad func(*RowError) error) (Counts, error) {
	var n Counts
	for i := 0; ; i++ {
		if i%checkCancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
		}
		c, err := r.Next()
		// A type switch, not errors.As: Next returns a *RowError as it
		// is, and errors.As would put a variable on the heap per line.
		switch e := err.(type) {
		case nil:
			n.Calls++
			err = each(c)
		case *RowError:
			n.Bad++
			err = nil
			if bad != nil {
				err = bad(e)
			}
		default:
			if err == io.EOF {
				return n, nil
			}
		}
		if err != nil {
			return n, err
		}
	}
}
