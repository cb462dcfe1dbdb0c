package documents

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos
	_ "image/png"  // logos
	"io"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"

	"github.com/branchbook/branchbook/model"
)

// Layout, in points.
const (
	margin     = 48.0
	footerZone = 54.0 // kept free at the bottom of each page for the page number
	bodySize   = 9.0
	smallSize  = 7.5
	lineGap    = 1.38 // line height as a multiple of the font size
	rowPad     = 3.0  // above and below the text of a table row
	cellPad    = 4.0  // left and right inside a table cell
)

var (
	black = [3]uint8{0x1f, 0x23, 0x28}
	grey  = [3]uint8{0x5f, 0x66, 0x6d}
	shade = [3]uint8{0xe9, 0xec, 0xef}
	rule  = [3]uint8{0xb0, 0xb6, 0xbc}
)

// pdfDoc is one PDF being written: gopdf's document, the shared fonts, the
// page size and the cursor, and the header a continuation page repeats.
type pdfDoc struct {
	gp     *gopdf.GoPdf
	fonts  *fontSet
	added  map[string]bool
	w, h   float64
	y      float64
	cont   func() // draws a continuation page's top (running title, table header)
	pages  int
	family string
	size   float64
	color  [3]uint8
}

func newPDF(fs *fontSet, paper string) *pdfDoc {
	size := *gopdf.PageSizeA4
	if paper == model.PaperLetter {
		size = *gopdf.PageSizeLetter
	}
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: size, Unit: gopdf.UnitPT})
	// Page contents are left uncompressed: deflating them (a new zlib
	// writer per page) cost a third of the time of a 20-line invoice for
	// 10 KB less. gopdf deflates the embedded font subsets either way.
	gp.SetNoCompression()
	d := &pdfDoc{gp: gp, fonts: fs, added: map[string]bool{}, w: size.W, h: size.H}
	d.newPage()
	return d
}

// left and right are the edges of the text area.
func (d *pdfDoc) left() float64  { return margin }
func (d *pdfDoc) right() float64 { return d.w - margin }

// bottom is the lowest y text may reach on a page.
func (d *pdfDoc) bottom() float64 { return d.h - footerZone }

func (d *pdfDoc) newPage() {
	d.gp.AddPage()
	d.pages++
	d.y = margin
	d.family = ""
}

// need starts a new page, with the continuation header, unless h more
// points fit on this one.
func (d *pdfDoc) need(h float64) {
	if d.y+h <= d.bottom() {
		return
	}
	d.newPage()
	if d.cont != nil {
		d.cont()
	}
}

// setFont selects a font, adding it to this PDF on first use.
func (d *pdfDoc) setFont(f *face, size float64) error {
	if !d.added[f.family] {
		if err := d.gp.AddTTFFontFromFontContainer(f.family, d.fonts.container); err != nil {
			return fmt.Errorf("documents: font %s: %w", f.family, err)
		}
		d.added[f.family] = true
	}
	if d.family == f.family && d.size == size {
		return nil
	}
	d.family, d.size = f.family, size
	return d.gp.SetFont(f.family, "", size)
}

func (d *pdfDoc) setColor(c [3]uint8) {
	if c != d.color {
		d.gp.SetTextColor(c[0], c[1], c[2])
		d.color = c
	}
}

// style is how a piece of text prints.
type style struct {
	size  float64
	bold  bool
	color [3]uint8
}

var (
	body      = style{size: bodySize, color: black}
	bodyBold  = style{size: bodySize, bold: true, color: black}
	label     = style{size: smallSize, color: grey}
	labelBold = style{size: smallSize, bold: true, color: grey}
)

func (s style) lineHeight() float64 { return s.size * lineGap }

// width is how wide text prints in st.
func (d *pdfDoc) width(text string, st style) float64 {
	return d.fonts.measure(text, st.bold, st.size)
}

// text prints one line with its top-left corner at x, y.
func (d *pdfDoc) text(x, y float64, text string, st style) error {
	if text == "" {
		return nil
	}
	d.setColor(st.color)
	for _, r := range d.fonts.runs(text, st.bold) {
		if err := d.setFont(r.face, st.size); err != nil {
			return err
		}
		d.gp.SetXY(x, y)
		if err := d.gp.Cell(nil, r.text); err != nil {
			return err
		}
		x += d.fonts.measure(r.text, st.bold, st.size)
	}
	return nil
}

// textRight prints one line ending at x.
func (d *pdfDoc) textRight(x, y float64, text string, st style) error {
	return d.text(x-d.width(text, st), y, text, st)
}

// textCenter prints one line centred on x.
func (d *pdfDoc) textCenter(x, y float64, text string, st style) error {
	return d.text(x-d.width(text, st)/2, y, text, st)
}

// fit shortens text with an ellipsis until it is at most w wide.
func (d *pdfDoc) fit(text string, w float64, st style) string {
	if d.width(text, st) <= w {
		return text
	}
	rs := []rune(text)
	for len(rs) > 0 && d.width(string(rs)+"…", st) > w {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimRightFunc(string(rs), unicode.IsSpace) + "…"
}

// wrap breaks text into lines at most w wide: at its newlines, then
// between words, and between any two characters of a word too long for a
// line (Chinese has no spaces).
func (d *pdfDoc) wrap(text string, w float64, st style) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		para = strings.TrimRightFunc(para, unicode.IsSpace)
		if d.width(para, st) <= w {
			out = append(out, para)
			continue
		}
		var line []rune
		lastSpace := -1
		for _, r := range para {
			line = append(line, r)
			if unicode.IsSpace(r) {
				lastSpace = len(line) - 1
			}
			if d.width(string(line), st) <= w {
				continue
			}
			cut := len(line) - 1
			if lastSpace > 0 {
				cut = lastSpace
			}
			if cut == 0 {
				cut = 1
			}
			out = append(out, strings.TrimRightFunc(string(line[:cut]), unicode.IsSpace))
			line = []rune(strings.TrimLeftFunc(string(line[cut:]), unicode.IsSpace))
			lastSpace = -1
			for i, r := range line {
				if unicode.IsSpace(r) {
					lastSpace = i
				}
			}
		}
		if len(line) > 0 {
			out = append(out, string(line))
		}
	}
	return out
}

// lines prints lines from the cursor down at x, moving the cursor.
func (d *pdfDoc) lines(x float64, lines []string, st style) error {
	for _, l := range lines {
		if err := d.text(x, d.y, l, st); err != nil {
			return err
		}
		d.y += st.lineHeight()
	}
	return nil
}

// hline draws a rule across [x1, x2] at y.
func (d *pdfDoc) hline(x1, x2, y float64, c [3]uint8, width float64) {
	d.gp.SetStrokeColor(c[0], c[1], c[2])
	d.gp.SetLineWidth(width)
	d.gp.Line(x1, y, x2, y)
}

// fill paints a rectangle.
func (d *pdfDoc) fill(x, y, w, h float64, c [3]uint8) {
	d.gp.SetFillColor(c[0], c[1], c[2])
	d.gp.RectFromUpperLeftWithStyle(x, y, w, h, "F")
}

// logo draws a PNG or JPEG scaled to fit in w × h with its top-left corner
// at x, y, and returns the height it took; 0 (and no error) for a logo
// that does not decode, so a bad image never stops an invoice.
func (d *pdfDoc) logo(data []byte, x, y, w, h float64) float64 {
	if len(data) == 0 {
		return 0
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0
	}
	scale := min(w/float64(cfg.Width), h/float64(cfg.Height))
	iw, ih := float64(cfg.Width)*scale, float64(cfg.Height)*scale
	holder, err := gopdf.ImageHolderByBytes(data)
	if err != nil {
		return 0
	}
	if err := d.gp.ImageByHolder(holder, x, y, &gopdf.Rect{W: iw, H: ih}); err != nil {
		return 0
	}
	return ih
}

// column is one column of a table.
type column struct {
	title string
	width float64 // 0: what the others leave
	right bool
}

// table lays out columns across the text area.
type table struct {
	d    *pdfDoc
	cols []column
	xs   []float64 // left edge of each column
}

func (d *pdfDoc) newTable(cols []column) *table {
	fixed, flex := 0.0, 0
	for _, c := range cols {
		if c.width == 0 {
			flex++
		}
		fixed += c.width
	}
	t := &table{d: d, cols: cols}
	x := d.left()
	for i := range t.cols {
		if t.cols[i].width == 0 {
			t.cols[i].width = (d.right() - d.left() - fixed) / float64(flex)
		}
		t.xs = append(t.xs, x)
		x += t.cols[i].width
	}
	return t
}

// header prints the shaded row of titles.
func (t *table) header() error {
	d := t.d
	h := labelBold.lineHeight() + 2*rowPad
	d.fill(d.left(), d.y, d.right()-d.left(), h, shade)
	for i, c := range t.cols {
		if err := t.cell(i, d.y+rowPad, c.title, labelBold); err != nil {
			return err
		}
	}
	d.y += h
	return nil
}

// cell prints text in column i at y.
func (t *table) cell(i int, y float64, text string, st style) error {
	c := t.cols[i]
	text = t.d.fit(text, c.width-2*cellPad, st)
	if c.right {
		return t.d.textRight(t.xs[i]+c.width-cellPad, y, text, st)
	}
	return t.d.text(t.xs[i]+cellPad, y, text, st)
}

// row prints one row; the text of column wrapCol (-1: none) may take
// several lines, the others are cut to fit. A row that does not fit on
// the page goes to the next, after the repeated header.
func (t *table) row(cells []string, st style, wrapCol int) error {
	d := t.d
	lines := 1
	var wrapped []string
	if wrapCol >= 0 && cells[wrapCol] != "" {
		wrapped = d.wrap(cells[wrapCol], t.cols[wrapCol].width-2*cellPad, st)
		lines = max(1, len(wrapped))
	}
	h := float64(lines)*st.lineHeight() + 2*rowPad
	d.need(h)
	top := d.y + rowPad
	for i, c := range cells {
		if i == wrapCol && len(wrapped) > 0 {
			for k, l := range wrapped {
				if err := t.cell(i, top+float64(k)*st.lineHeight(), l, st); err != nil {
					return err
				}
			}
			continue
		}
		if err := t.cell(i, top, c, st); err != nil {
			return err
		}
	}
	d.y += h
	d.hline(d.left(), d.right(), d.y, shade, 0.5)
	return nil
}

// finish prints "Page N of M" and the footer text on every page and writes
// the PDF.
func (d *pdfDoc) finish(w io.Writer, p printer, footer string) error {
	for n := 1; n <= d.pages; n++ {
		if err := d.gp.SetPage(n); err != nil {
			return err
		}
		d.family = "" // a page's content starts with no font
		y := d.h - footerZone + 24
		d.hline(d.left(), d.right(), y-6, rule, 0.5)
		if err := d.text(d.left(), y, d.fit(footer, (d.right()-d.left())*0.6, label), label); err != nil {
			return err
		}
		if err := d.textRight(d.right(), y, p.T("Page %d of %d", n, d.pages), label); err != nil {
			return err
		}
	}
	return d.gp.Write(w)
}
