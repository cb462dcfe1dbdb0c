package i18n

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

// Checking and compiling a translation (msgText) into catalog messages.
//
// A plain text becomes catalog.String. A select becomes plural.Selectf on
// its argument, its cases keyed by CLDR plural category (x/text's plural
// rules decide which category a count is in: Russian 1 and 21 are "one",
// 2–4 "few", 0 and 5–20 "many"; French 0 and 1 are "one") or by an exact
// number ("=1"). Variables become catalog.Var and are substituted where the
// text says ${name}.

// verbPattern matches one fmt verb: %%, or flags, an optional explicit
// argument index, width, precision and the verb letter.
var verbPattern = regexp.MustCompile(`%([-+# 0]*)(?:\[(\d+)\])?(\d*(?:\.\d*)?)([a-zA-Z%])`)

// varPattern matches a variable substitution, as x/text's catalog reads it.
var varPattern = regexp.MustCompile(`\$\{([^}]*)\}`)

// argUse is one argument a text prints: its 1-based index and verb letter.
type argUse struct {
	Arg  int
	Verb byte
}

// formNames are the CLDR plural categories by x/text's form.
var formNames = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

// categoryOrder is the order a select's cases are tried in: exact numbers
// first, "other" last.
var categoryOrder = []string{"zero", "one", "two", "few", "many", "other"}

// wholeCategories returns the plural categories language l puts whole
// numbers in, by asking x/text's CLDR rules about a range of them, and
// "other", which every select needs (fractions, and the fallback).
func wholeCategories(l Lang) []string {
	categoriesMu.Lock()
	defer categoriesMu.Unlock()
	cats, ok := categoriesOf[l]
	if !ok {
		cats = findWholeCategories(l)
		categoriesOf[l] = cats
	}
	return cats
}

var (
	categoriesMu sync.Mutex
	categoriesOf = map[Lang][]string{}
)

func findWholeCategories(l Lang) []string {
	seen := map[string]bool{"other": true}
	check := func(n int) { seen[formNames[plural.Cardinal.MatchPlural(l.Tag(), n, 0, 0, 0, 0)]] = true }
	for n := range 1000 {
		check(n)
	}
	for n := 1000; n <= 1_000_000_000; n *= 10 {
		check(n)
		check(n + 1)
	}
	var out []string
	for _, c := range categoryOrder {
		if seen[c] {
			out = append(out, c)
		}
	}
	return out
}

// printedArgs returns the arguments t prints, counting verbs without an
// index the way the printer does: on from the previous verb. next is the
// argument the next verb without an index takes; vars are the variables in
// scope. The printer formats a text with variables a piece at a time and
// complains about unused arguments after a piece whose verbs have no
// index, so there (explicit) every verb must name its argument.
func printedArgs(t msgText, next int, vars map[string]msgText, depth int, explicit bool) ([]argUse, int, error) {
	if depth > 4 {
		return nil, 0, errors.New("variables nest too deep")
	}
	if len(t.Var) > 0 {
		scope := maps.Clone(vars)
		if scope == nil {
			scope = map[string]msgText{}
		}
		maps.Copy(scope, t.Var)
		vars = scope
	}
	if t.Select != nil {
		if t.Msg != "" {
			return nil, 0, errors.New(`"msg" and "select" together; put the text in the cases`)
		}
		return selectArgs(t.Select, next, vars, depth, explicit)
	}
	var args []argUse
	rest := t.Msg
	explicit = explicit || varPattern.MatchString(rest)
	for rest != "" {
		seg := rest
		var name string
		m := varPattern.FindStringSubmatchIndex(rest)
		if m != nil {
			seg, name, rest = rest[:m[0]], rest[m[2]:m[3]], rest[m[1]:]
		} else {
			rest = ""
		}
		used, n, err := segmentArgs(seg, next, explicit)
		if err != nil {
			return nil, 0, err
		}
		args, next = append(args, used...), n
		if m == nil {
			break
		}
		v, ok := vars[strings.TrimSpace(name)]
		if !ok {
			return nil, 0, fmt.Errorf("${%s}: no such variable", name)
		}
		used, next, err = printedArgs(v, next, vars, depth+1, true)
		if err != nil {
			return nil, 0, fmt.Errorf("${%s}: %w", name, err)
		}
		args = append(args, used...)
	}
	return args, next, nil
}

// segmentArgs returns the arguments the verbs of a plain format string
// print; explicit requires every verb to have an argument index.
func segmentArgs(s string, next int, explicit bool) ([]argUse, int, error) {
	var args []argUse
	for _, m := range verbPattern.FindAllStringSubmatchIndex(s, -1) {
		verb := s[m[8]:m[9]]
		if verb == "%" {
			continue
		}
		n := next
		if m[4] >= 0 {
			n, _ = strconv.Atoi(s[m[4]:m[5]])
			if n < 1 {
				return nil, 0, fmt.Errorf("bad argument index in %q", s[m[0]:m[1]])
			}
		} else if explicit {
			return nil, 0, fmt.Errorf("%q: in a text with variables every verb names its argument, as in %%[%d]%s", s[m[0]:m[1]], n, verb)
		}
		args = append(args, argUse{n, verb[0]})
		next = n + 1
	}
	return args, next, nil
}

// selectArgs checks that every case of s prints the same arguments and
// returns them.
func selectArgs(s *msgSelect, next int, vars map[string]msgText, depth int, explicit bool) ([]argUse, int, error) {
	if s.Feature != "plural" {
		return nil, 0, fmt.Errorf("select feature %q; only \"plural\" is known", s.Feature)
	}
	if s.Arg < 1 {
		return nil, 0, fmt.Errorf("select arg %d; want the argument number of the count, from 1", s.Arg)
	}
	if _, ok := s.Cases["other"]; !ok {
		return nil, 0, errors.New(`select has no "other" case`)
	}
	var want []argUse
	wantNext := 0
	for _, key := range slices.Sorted(maps.Keys(s.Cases)) {
		c := s.Cases[key]
		if c.Select != nil {
			return nil, 0, fmt.Errorf("case %q: a select inside a case; use variables", key)
		}
		got, n, err := printedArgs(c, next, vars, depth+1, explicit)
		if err != nil {
			return nil, 0, fmt.Errorf("case %q: %w", key, err)
		}
		slices.SortFunc(got, compareArgs)
		if want == nil {
			want, wantNext = got, n
			if want == nil {
				want = []argUse{}
			}
			continue
		}
		if !slices.Equal(got, want) || n != wantNext {
			return nil, 0, fmt.Errorf("case %q prints %s, another case prints %s", key, argsString(got), argsString(want))
		}
	}
	return want, wantNext, nil
}

func compareArgs(a, b argUse) int {
	if a.Arg != b.Arg {
		return a.Arg - b.Arg
	}
	return int(a.Verb) - int(b.Verb)
}

func argsString(args []argUse) string {
	if len(args) == 0 {
		return "nothing"
	}
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%%[%d]%c", a.Arg, a.Verb)
	}
	return b.String()
}

// checkText checks translation t of key in language l: it prints the
// arguments the key prints with the same verbs, its selects count
// arguments the key prints with %d, and their cases are categories l has
// (all of them, and "other") or exact numbers.
func checkText(l Lang, key string, t msgText) error {
	want, _, err := printedArgs(msgText{Msg: key}, 1, nil, 0, false)
	if err != nil {
		return fmt.Errorf("the id: %w", err)
	}
	slices.SortFunc(want, compareArgs)
	got, _, err := printedArgs(t, 1, nil, 0, false)
	if err != nil {
		return err
	}
	slices.SortFunc(got, compareArgs)
	if !slices.Equal(got, want) {
		return fmt.Errorf("prints %s, the id prints %s", argsString(got), argsString(want))
	}
	cats := wholeCategories(l)
	return eachSelect(t, func(s *msgSelect) error {
		if !slices.Contains(want, argUse{s.Arg, 'd'}) {
			return fmt.Errorf("select arg %d: the id prints no %%d as argument %d", s.Arg, s.Arg)
		}
		for key := range s.Cases {
			if n, ok := strings.CutPrefix(key, "="); ok {
				if _, err := strconv.ParseUint(n, 10, 32); err != nil {
					return fmt.Errorf("case %q: want a category or =N", key)
				}
				continue
			}
			if !slices.Contains(cats, key) {
				return fmt.Errorf("case %q: %s counts with the categories %s", key, l, strings.Join(cats, ", "))
			}
		}
		for _, c := range cats {
			if _, ok := s.Cases[c]; !ok {
				return fmt.Errorf("select has no %q case; %s counts with %s", c, l, strings.Join(cats, ", "))
			}
		}
		return nil
	})
}

// eachSelect calls f on every select in t.
func eachSelect(t msgText, f func(*msgSelect) error) error {
	if t.Select != nil {
		if err := f(t.Select); err != nil {
			return err
		}
		for _, c := range t.Select.Cases {
			if err := eachSelect(c, f); err != nil {
				return err
			}
		}
	}
	for _, v := range t.Var {
		if err := eachSelect(v, f); err != nil {
			return err
		}
	}
	return nil
}

// compileText turns a translation into catalog messages. oneIsExact makes
// the "one" case "=1": an English text standing in for a missing
// translation then says "1 file" and "21 files" in a language whose "one"
// also holds 21, or that has no "one".
func compileText(t msgText, oneIsExact bool) ([]catalog.Message, error) {
	var msgs []catalog.Message
	for _, name := range slices.Sorted(maps.Keys(t.Var)) {
		vm, err := compileText(t.Var[name], oneIsExact)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, catalog.Var(name, vm...))
	}
	if s := t.Select; s != nil {
		var cases []any
		keys := slices.Collect(maps.Keys(s.Cases))
		slices.SortFunc(keys, func(a, b string) int {
			return caseRank(a) - caseRank(b)
		})
		for _, key := range keys {
			c := s.Cases[key]
			if !c.plain() {
				return nil, fmt.Errorf("case %q: want a text", key)
			}
			if oneIsExact && key == "one" {
				if _, ok := s.Cases["=1"]; ok {
					continue
				}
				key = "=1"
			}
			cases = append(cases, key, c.Msg)
		}
		msgs = append(msgs, plural.Selectf(s.Arg, "%d", cases...))
	}
	if t.Msg != "" {
		msgs = append(msgs, catalog.String(t.Msg))
	}
	if len(msgs) == 0 {
		return nil, errors.New("empty translation")
	}
	return msgs, nil
}

// caseRank orders cases: exact numbers, then the categories, "other" last.
func caseRank(key string) int {
	if i := slices.Index(categoryOrder, key); i >= 0 {
		return i + 1
	}
	return 0
}
