package documents

import (
	"fmt"
	"sync"
	"unicode"

	"github.com/signintech/gopdf"

	"github.com/branchbook/branchbook/assets/fonts"
)

// The fonts a PDF prints with, by the family names gopdf knows them by.
// Noto Sans has Latin, Greek and Cyrillic; the CJK font (cut from Droid
// Sans Fallback, docs/fonts.md) has Chinese and one weight only, so bold
// Chinese prints in the regular weight.
const (
	fontRegular = "NotoSans"
	fontBold    = "NotoSans-Bold"
	fontCJK     = "DroidSansFallback-CJK"
)

// face is one parsed font: the advance width of each character of the
// Basic Multilingual Plane it has (in thousandths of the font size), or
// -1 for a character it lacks.
type face struct {
	family string
	widths []int16
}

// has reports whether the font has a glyph for r.
func (f *face) has(r rune) bool {
	return r >= 0 && int(r) < len(f.widths) && f.widths[r] >= 0
}

// width is r's advance in thousandths of the font size (0 for a character
// the font lacks).
func (f *face) width(r rune) int {
	if !f.has(r) {
		return 0
	}
	return int(f.widths[r])
}

// fontSet is the fonts parsed once for the process and shared by every
// document: parsing the 2.9 MB CJK font costs tens of milliseconds, so a
// document only copies what gopdf needs from the container (its tables
// are read, never written, while a PDF is made).
type fontSet struct {
	container          *gopdf.FontContainer
	regular, bold, cjk *face
}

var loadFonts = sync.OnceValues(func() (*fontSet, error) {
	fs := &fontSet{container: &gopdf.FontContainer{}}
	var err error
	for _, f := range []struct {
		family string
		data   []byte
		dst    **face
	}{
		{fontRegular, fonts.NotoSansRegular, &fs.regular},
		{fontBold, fonts.NotoSansBold, &fs.bold},
		{fontCJK, fonts.CJK, &fs.cjk},
	} {
		if err = fs.container.AddTTFFontData(f.family, f.data); err != nil {
			return nil, fmt.Errorf("documents: font %s: %w", f.family, err)
		}
		if *f.dst, err = parseFace(f.family, f.data); err != nil {
			return nil, err
		}
	}
	return fs, nil
})

// parseFace reads which characters of the Basic Multilingual Plane the
// font has, and their widths, from its cmap (format 4) and hmtx tables.
func parseFace(family string, data []byte) (*face, error) {
	var s gopdf.SubsetFontObj
	if err := s.SetTTFData(data); err != nil {
		return nil, fmt.Errorf("documents: font %s: %w", family, err)
	}
	p := s.GetTTFParser()
	f := &face{family: family, widths: make([]int16, 0x10000)}
	for i := range f.widths {
		f.widths[i] = -1
	}
	for seg := uint(0); seg < p.SegCount && seg < uint(len(p.EndCount)); seg++ {
		for c := p.StartCount[seg]; c <= p.EndCount[seg] && c < 0xFFFF; c++ {
			g, err := s.CharCodeToGlyphIndex(rune(c))
			if err != nil || g == 0 {
				continue
			}
			f.widths[c] = int16(s.GlyphIndexToPdfWidth(g))
		}
	}
	if !f.has('0') && !f.has('一') {
		return nil, fmt.Errorf("documents: font %s: no characters found", family)
	}
	return f, nil
}

// run is a piece of text printed in one font.
type run struct {
	face *face
	text string
}

// runs cuts text into runs, each printed with the first of the text's
// fonts (Noto Sans regular or bold, then the CJK font) that has its
// characters; spaces stay in the run they are in. A character no font has
// goes with the text's own font, which prints gopdf's substitute.
func (fs *fontSet) runs(text string, bold bool) []run {
	primary := fs.regular
	if bold {
		primary = fs.bold
	}
	var out []run
	var cur *face
	start := 0
	for i, r := range text {
		f := primary
		switch {
		case unicode.IsSpace(r) && cur != nil:
			f = cur
		case !primary.has(r) && fs.cjk.has(r):
			f = fs.cjk
		}
		if f != cur {
			if cur != nil && i > start {
				out = append(out, run{cur, text[start:i]})
			}
			cur, start = f, i
		}
	}
	if cur != nil && len(text) > start {
		out = append(out, run{cur, text[start:]})
	}
	return out
}

// measure is the width of text in points at size, printed as runs would.
func (fs *fontSet) measure(text string, bold bool, size float64) float64 {
	primary := fs.regular
	if bold {
		primary = fs.bold
	}
	var w int
	for _, r := range text {
		switch {
		case primary.has(r):
			w += primary.width(r)
		case fs.cjk.has(r):
			w += fs.cjk.width(r)
		default:
			w += primary.width('?')
		}
	}
	return float64(w) * size / 1000
}
