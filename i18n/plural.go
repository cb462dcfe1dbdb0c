package i18n

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

// Plural choices in the message table.
//
// A text in the message table may choose words by a count with a plural
// choice: forms between braces, separated by "|", in the order of the
// language's plural categories (see pluralCategories), each printing the
// count with %d:
//
//	English, Spanish, German:  "{%d customer|%d customers} written to %s."
//	French, Portuguese:        "{%d client exporté|%d clients exportés} vers %s."  (one is 0 and 1)
//	Russian (one|few|many):    "{%d клиент записан|%d клиента записаны|%d клиентов записано} в файл %s."
//	Chinese:                   no choice needed
//
// A choice takes the place of one verb: it prints the next argument (or the
// one its forms name, as in {%[2]d a|%[2]d b}) and picks the form for it:
// English 1 gives "1 customer", 5 gives "5 customers"; Russian 1 and 21 take
// the first form, 2–4 and 22–24 the second, 0, 5–20 and 25–30 the third. A
// choice whose forms print nothing names its count: "move {[1]it|them}".
// Keys never contain choices: a key whose English needs one has an English
// entry saying it with the choice. A language without a translation falls
// back to the English text, choices included.

// pluralCategories lists, per language, the plural forms a choice gives in
// order. The last one also serves as "other" (fractions, or a category the
// language does not use for whole numbers).
var pluralCategories = map[Lang][]plural.Form{
	English:           {plural.One, plural.Other},
	Spanish:           {plural.One, plural.Other},
	PortugueseBR:      {plural.One, plural.Other},
	French:            {plural.One, plural.Other},
	German:            {plural.One, plural.Other},
	Russian:           {plural.One, plural.Few, plural.Many},
	ChineseSimplified: {plural.Other},
}

// verbPattern matches one fmt verb: %%, or flags, an optional explicit
// argument index, width, precision and the verb letter.
var verbPattern = regexp.MustCompile(`%([-+# 0]*)(?:\[(\d+)\])?(\d*(?:\.\d*)?)([a-zA-Z%])`)

// choicePrefix names the count of a plural choice whose forms need not
// print it: "{[1]it|them}".
var choicePrefix = regexp.MustCompile(`^\[(\d+)\]`)

// argUse is one argument a text prints: its 1-based index and verb letter.
type argUse struct {
	Arg  int
	Verb byte
}

// textPart is a piece of a parsed text: literal text with verbs
// (choice == nil), or a plural choice.
type textPart struct {
	text   string   // literal text, verbs rewritten with explicit indices
	forms  []string // choice: the forms, count verb rewritten as %[arg]d
	arg    int      // choice: the argument the count is
	choice bool
}

// parseText splits text into literal parts and plural choices, giving every
// verb an explicit argument index counted the way fmt counts them (a verb
// without an index takes the argument after the previous one; a choice
// counts as one verb). It also returns the arguments the text prints.
func parseText(text string) (parts []textPart, args []argUse, err error) {
	next := 1 // argument the next verb without an index takes
	// rewrite gives the verbs of s explicit indices. In a plural form
	// (choiceArg > 0) a verb must be the count, %d, of argument choiceArg;
	// it reports how many there are.
	rewrite := func(s string, choiceArg int) (string, int, error) {
		var b strings.Builder
		count, last := 0, 0
		for _, m := range verbPattern.FindAllStringSubmatchIndex(s, -1) {
			b.WriteString(s[last:m[0]])
			last = m[1]
			verb := s[m[8]:m[9]]
			if verb == "%" {
				b.WriteString("%%")
				continue
			}
			n := next
			if choiceArg > 0 {
				n = choiceArg
			}
			if m[4] >= 0 {
				n, _ = strconv.Atoi(s[m[4]:m[5]])
				if n < 1 {
					return "", 0, fmt.Errorf("bad argument index in %q", s[m[0]:m[1]])
				}
			}
			if choiceArg > 0 {
				if verb != "d" || n != choiceArg {
					return "", 0, fmt.Errorf("plural form %q: the only verb may be the count, %%d", s)
				}
				count++
			} else {
				args = append(args, argUse{n, verb[0]})
				next = n + 1
			}
			fmt.Fprintf(&b, "%%%s[%d]%s%s", s[m[2]:m[3]], n, s[m[6]:m[7]], verb)
		}
		b.WriteString(s[last:])
		if count > 1 {
			return "", 0, fmt.Errorf("plural form %q: more than one count verb", s)
		}
		return b.String(), count, nil
	}
	rest := text
	for rest != "" {
		open := strings.IndexAny(rest, "{}")
		if open < 0 {
			open = len(rest)
		} else if rest[open] == '}' {
			return nil, nil, errors.New("} without {")
		}
		if open > 0 {
			lit, _, err := rewrite(rest[:open], 0)
			if err != nil {
				return nil, nil, err
			}
			parts = append(parts, textPart{text: lit})
		}
		if open == len(rest) {
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return nil, nil, errors.New("{ without }")
		}
		inner := rest[open+1 : open+end]
		rest = rest[open+end+1:]
		if strings.ContainsRune(inner, '{') {
			return nil, nil, errors.New("plural choices cannot nest")
		}
		// The count: named by a [N] prefix, or by an index in a form's
		// verb, or else the next argument.
		p := textPart{choice: true, arg: next}
		named := false
		if m := choicePrefix.FindStringSubmatch(inner); m != nil {
			p.arg, _ = strconv.Atoi(m[1])
			inner = inner[len(m[0]):]
			named = true
		} else if m := verbPattern.FindStringSubmatch(inner); m != nil && m[2] != "" {
			p.arg, _ = strconv.Atoi(m[2])
		}
		if p.arg < 1 {
			return nil, nil, fmt.Errorf("plural choice {%s}: bad argument index", inner)
		}
		printed := false
		for _, form := range strings.Split(inner, "|") {
			f, n, err := rewrite(form, p.arg)
			if err != nil {
				return nil, nil, err
			}
			printed = printed || n > 0
			p.forms = append(p.forms, f)
		}
		if !printed && !named {
			return nil, nil, fmt.Errorf("plural choice {%s}: no form prints the count; name it as {[N]…}", inner)
		}
		if printed {
			args = append(args, argUse{p.arg, 'd'})
			next = p.arg + 1
		}
		parts = append(parts, p)
	}
	return parts, args, nil
}

// hasChoice reports whether text contains a plural choice.
func hasChoice(text string) bool {
	return strings.ContainsAny(text, "{}")
}

// compileText turns a table text of language l into catalog messages: the
// text itself when it has no plural choice, else one plural.Selectf variable
// per choice and the text with the variables in place.
func compileText(l Lang, text string) ([]catalog.Message, error) {
	return compileTextFor(l, l, text)
}

// compileTextFor is compileText for a text of language l used for language
// target (a fallback): the forms target does not use are left out, but for
// English "one", which is kept as "exactly 1", so that English serves
// Chinese with "1 file" and "2 files".
func compileTextFor(target, l Lang, text string) ([]catalog.Message, error) {
	if !hasChoice(text) {
		return []catalog.Message{catalog.String(text)}, nil
	}
	parts, _, err := parseText(text)
	if err != nil {
		return nil, err
	}
	cats, ok := pluralCategories[l]
	if !ok {
		return nil, fmt.Errorf("no plural categories for %s", l)
	}
	var msgs []catalog.Message
	var b strings.Builder
	for i, p := range parts {
		if !p.choice {
			b.WriteString(p.text)
			continue
		}
		if len(p.forms) != len(cats) {
			return nil, fmt.Errorf("plural choice %d has %d forms; %s needs %d (%v)", i+1, len(p.forms), l, len(cats), cats)
		}
		var cases []any
		for j, f := range p.forms {
			switch {
			case cats[j] == plural.Other || slices.Contains(pluralCategories[target], cats[j]):
				cases = append(cases, cats[j], f)
			case cats[j] == plural.One && l == English:
				cases = append(cases, "=1", f) // English "one" is exactly 1
			}
		}
		if cats[len(cats)-1] != plural.Other {
			// Whole numbers never get here, but Selectf needs a case for
			// everything else; the first form after "one" reads right
			// for fractions in the languages that have more than two.
			cases = append(cases, plural.Other, p.forms[min(1, len(p.forms)-1)])
		}
		name := fmt.Sprintf("plural%d", i)
		msgs = append(msgs, catalog.Var(name, plural.Selectf(p.arg, "%d", cases...)))
		b.WriteString("${" + name + "}")
	}
	return append(msgs, catalog.String(b.String())), nil
}
