package cdr

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/branchbook/branchbook/model"
)

// Layout names one of the call-record files the package reads.
type Layout string

// The layouts. Their names are what `--format` takes.
const (
	Asterisk   Layout = "asterisk"   // Master.csv of cdr_csv, no header
	FreeSWITCH Layout = "freeswitch" // mod_cdr_csv's default ("example") template
	Branchbook Layout = "branchbook" // Branchbook's CSV with a header
)

// Layouts lists every layout, in the order detection tries them.
var Layouts = []Layout{Branchbook, Asterisk, FreeSWITCH}

// ParseLayout reads a layout's name, as a user types it after --format.
func ParseLayout(s string) (Layout, error) {
	for _, l := range Layouts {
		if strings.EqualFold(strings.TrimSpace(s), string(l)) {
			return l, nil
		}
	}
	return "", model.FieldError("format", model.CodeNotListed, map[string]any{"value": s})
}

// Asterisk's columns, in cdr_csv's order. uniqueid, userfield and the
// newcdrcolumns trio follow amaflags only when cdr.conf turns them on.
const (
	astAccount  = 0
	astSrc      = 1
	astDst      = 2
	astDstChan  = 6
	astStart    = 9
	astDuration = 12
	astBillsec  = 13
	astDisp     = 14
	astBase     = 16 // columns without uniqueid and userfield
)

// FreeSWITCH's columns in the default template; read_codec and
// write_codec (the "example" template) or a few more may follow.
const (
	fsCallerNum = 1
	fsDest      = 2
	fsStart     = 4
	fsAnswer    = 5
	fsDuration  = 7
	fsBillsec   = 8
	fsUUID      = 10
	fsAccount   = 12
	fsBase      = 13
	fsMax       = 19
)

// The columns of a Branchbook file, by their header names.
const (
	bbCallID = iota
	bbAccount
	bbCaller
	bbCalled
	bbStart
	bbBilled
	bbAnswered
	bbCount
)

// BranchbookHeader is the header of a Branchbook call file, in the
// order Branchbook writes it. Columns may come in any order; names are
// matched without case, spaces, '_' or '-'; other columns are ignored.
var BranchbookHeader = [bbCount]string{"call_id", "account", "caller", "called_number",
	"start_time", "billed_seconds", "answered"}

// bbRequired tells which Branchbook columns a header must have; without a
// call_id, ids are derived, and a caller may be unknown.
var bbRequired = [bbCount]bool{bbAccount: true, bbCalled: true, bbStart: true, bbBilled: true, bbAnswered: true}

// format is a detected file: its layout and where its columns are.
type format struct {
	layout Layout
	fields int // how many fields every record has
	header bool
	// uniqueID is Asterisk's uniqueid column, -1 without one.
	uniqueID int
	// cols are a Branchbook file's columns by bb* index, -1 when absent.
	cols [bbCount]int
}

// texts is what a record says before it is checked.
type texts struct {
	id, account, caller, called, start, billed, duration string
	hasDuration                                          bool
}

// parse turns the fields of one record into a Call.
func (f *format) parse(fields []string, loc *time.Location) (Call, *model.Error) {
	if len(fields) != f.fields {
		return Call{}, refusal(model.CodeInvalid, "", ReasonFieldCount, "fields", len(fields), "want", f.fields)
	}
	switch f.layout {
	case Asterisk:
		return f.asterisk(fields, loc)
	case FreeSWITCH:
		return f.freeswitch(fields, loc)
	}
	return f.branchbook(fields, loc)
}

// asterisk reads a Master.csv record. The call is answered when the
// disposition is ANSWERED. Its id is the uniqueid followed by the
// dstchannel: since Asterisk 12 one channel that dials several times (a
// follow-me, a queue) writes one record per dialled party, all with the
// channel's uniqueid, and each is a call of its own.
func (f *format) asterisk(fields []string, loc *time.Location) (Call, *model.Error) {
	t := texts{account: unquote(fields[astAccount]), caller: unquote(fields[astSrc]), called: unquote(fields[astDst]),
		start: fields[astStart], billed: fields[astBillsec], duration: fields[astDuration], hasDuration: true}
	if f.uniqueID >= 0 && fields[f.uniqueID] != "" {
		t.id = unquote(fields[f.uniqueID])
		if ch := unquote(fields[astDstChan]); ch != "" {
			t.id += "/" + ch
		}
	}
	c, err := t.call(loc)
	if err != nil {
		return c, err
	}
	c.Answered = strings.EqualFold(fields[astDisp], "ANSWERED")
	return f.withID(c, fields), nil
}

// freeswitch reads a record of the default template. The call is answered
// when it has an answer_stamp or billed seconds; the hangup cause is not
// asked, because it says why a call ended, not whether it was answered
// (an answered call may end in MEDIA_TIMEOUT and is still billed, and
// NORMAL_CLEARING also ends calls nobody picked up).
func (f *format) freeswitch(fields []string, loc *time.Location) (Call, *model.Error) {
	t := texts{id: fields[fsUUID], account: fields[fsAccount], caller: fields[fsCallerNum],
		called: fields[fsDest], start: fields[fsStart], billed: fields[fsBillsec],
		duration: fields[fsDuration], hasDuration: true}
	c, err := t.call(loc)
	if err != nil {
		return c, err
	}
	c.Answered = fields[fsAnswer] != "" || c.BilledSeconds > 0
	return f.withID(c, fields), nil
}

// branchbook reads a record of Branchbook's own CSV.
func (f *format) branchbook(fields []string, loc *time.Location) (Call, *model.Error) {
	col := func(i int) string {
		if f.cols[i] < 0 {
			return ""
		}
		return unquote(fields[f.cols[i]])
	}
	t := texts{id: col(bbCallID), account: col(bbAccount), caller: col(bbCaller), called: col(bbCalled),
		start: col(bbStart), billed: col(bbBilled)}
	c, err := t.call(loc)
	if err != nil {
		return c, err
	}
	answered, ok := parseYesNo(col(bbAnswered))
	if !ok {
		if col(bbAnswered) == "" {
			return c, refusal(model.CodeRequired, FieldAnswered, ReasonRequired)
		}
		return c, refusal(model.CodeInvalid, FieldAnswered, ReasonAnswered)
	}
	if !answered && c.BilledSeconds > 0 {
		return c, refusal(model.CodeMismatch, FieldBilled, ReasonBilledUnanswered)
	}
	c.Answered = answered
	if c.ID == "" {
		// Derived from the columns in Branchbook's order, whatever the
		// file's, so a file written again with its columns moved still
		// gives the same ids.
		c.ID, c.DerivedID = StableID(Branchbook, []string{t.account, t.caller, t.called, t.start,
			t.billed, yesNo(answered)}), true
	}
	return c, nil
}

// withID gives a call of a fixed-column layout without an id of its own
// the id of all its fields, as the file writes them (quotes doubled).
func (f *format) withID(c Call, fields []string) Call {
	if c.ID == "" {
		c.ID, c.DerivedID = StableID(f.layout, fields), true
	}
	return c
}

// call checks the texts every layout shares and makes the Call of them.
func (t texts) call(loc *time.Location) (Call, *model.Error) {
	for _, x := range []struct{ field, s string }{
		{FieldCallID, t.id}, {FieldAccount, t.account}, {FieldCaller, t.caller}, {FieldCalled, t.called},
	} {
		if err := checkText(x.field, x.s); err != nil {
			return Call{}, err
		}
	}
	if t.start == "" {
		return Call{}, refusal(model.CodeRequired, FieldStart, ReasonRequired)
	}
	start, ok := parseStamp(t.start, loc)
	if !ok {
		return Call{}, refusal(model.CodeInvalid, FieldStart, ReasonTime)
	}
	billed, err := seconds(FieldBilled, t.billed)
	if err != nil {
		return Call{}, err
	}
	if t.hasDuration {
		duration, err := seconds(FieldDuration, t.duration)
		if err != nil {
			return Call{}, err
		}
		if billed > duration {
			return Call{}, refusal(model.CodeOutOfRange, FieldBilled, ReasonOverDuration, "duration", duration)
		}
	}
	return Call{ID: t.id, Account: t.account, Caller: t.caller, Called: t.called, Start: start,
		BilledSeconds: billed}, nil
}

// checkText refuses text that is not UTF-8 or longer than MaxTextLen.
func checkText(field, s string) *model.Error {
	if len(s) > MaxTextLen {
		return refusal(model.CodeTooLong, field, ReasonTextTooLong, "max", MaxTextLen)
	}
	if !utf8.ValidString(s) {
		return refusal(model.CodeInvalidChars, field, ReasonUTF8)
	}
	return nil
}

// seconds reads a whole number of seconds from 0 to MaxSeconds.
func seconds(field, s string) (int, *model.Error) {
	if s == "" {
		return 0, refusal(model.CodeRequired, field, ReasonRequired)
	}
	negative := s[0] == '-'
	if negative || s[0] == '+' {
		s = s[1:]
	}
	// Nine digits already pass a day; more are not read, so the count
	// cannot overflow.
	n, ok := digits(s[:min(len(s), 9)])
	if ok && len(s) > 9 {
		_, ok = digits(s)
		n = MaxSeconds + 1
	}
	switch {
	case !ok:
		return 0, refusal(model.CodeInvalid, field, ReasonNumber, "whole", true)
	case negative && n > 0:
		return 0, refusal(model.CodeOutOfRange, field, ReasonNegative, "min", 0)
	case n > MaxSeconds:
		return 0, refusal(model.CodeOutOfRange, field, ReasonOverMax, "max", MaxSeconds)
	}
	return n, nil
}

// parseYesNo reads answered: yes/no, true/false, 1/0, in any case.
func parseYesNo(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "yes", "true", "1":
		return true, true
	case "no", "false", "0":
		return false, true
	}
	return false, false
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
