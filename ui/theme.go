package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/branchbook/branchbook/assets/fonts"
	"github.com/branchbook/branchbook/i18n"
)

// Fyne's Noto Sans has no Chinese: on a machine without a CJK system font
// (many Linux installations) Fyne draws it as boxes. Two fonts cut from
// Droid Sans Fallback Full (see assets/fonts/NOTICE and subset.py there)
// fill the gap, without a character Noto Sans has. The bytes are shared
// with the documents (package documents prints with the same CJK font).
var (
	// cjkFont has the CJK ideographs, punctuation and fullwidth forms: the
	// Chinese window's font.
	cjkFont = fyne.NewStaticResource("DroidSansFallback-CJK.ttf", fonts.CJK)

	// namesFont has only the characters of the language names ("中文（简体）"),
	// so that the language lists read right in every language.
	namesFont = fyne.NewStaticResource("DroidSansFallback-names.ttf", fonts.Names)
)

// Theme returns Fyne's default theme with namesFont in front of its text
// fonts; the Controller swaps in cjkFont while the window is in Chinese
// (useThemeFor). Fyne draws each character with the first font that has
// it: the theme's font, then the default font of the same style (Noto Sans
// regular, bold or italic), then emoji, then system fonts. Since neither
// font has a letter, digit or sign Noto Sans has, Latin and Cyrillic text
// keeps Fyne's look. Both have the space, because Fyne never changes font
// for a space and takes the line height from the font with the space; their
// space and line metrics are Noto Sans's, so every line measures as before.
// Monospaced and symbol text keep Fyne's own fonts.
//
// cjkFont is used in Chinese only because Fyne reads a theme font anew for
// each text style it draws, and this one costs about 10 MB of memory and
// 30 ms each time; in the other languages Chinese names of customers show
// only where the system has a CJK font (Windows and macOS always do).
func Theme() fyne.Theme { return &cjkTheme{Theme: theme.DefaultTheme(), font: namesFont} }

type cjkTheme struct {
	fyne.Theme
	font fyne.Resource
}

// Color is Fyne's, but for the greys of quiet text: hints under fields,
// the conversion preview, placeholders, blocked customers and disabled
// buttons. Fyne draws them at about 1.5:1 on its dark background, and a
// clerk must read the amount check before booking; these meet WCAG AA's
// 4.5:1 on every background they are drawn on, and stay dimmer than
// ordinary text.
func (t *cjkTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		if v == theme.VariantLight {
			return color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
		}
		return color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9a, A: 0xff}
	}
	return t.Theme.Color(n, v)
}

func (t *cjkTheme) Font(style fyne.TextStyle) fyne.Resource {
	if style.Symbol || style.Monospace {
		return t.Theme.Font(style)
	}
	return t.font
}

// cjkFontFor is the font a window in language l puts in front of Noto Sans.
func cjkFontFor(l i18n.Lang) fyne.Resource {
	if l == i18n.ChineseSimplified {
		return cjkFont
	}
	return namesFont
}

// useThemeFor gives the app the font language l needs, if the app uses
// Theme: an app with a theme of its own (Fyne's test theme) keeps it. A new
// theme makes Fyne drop its fonts and draw every window again.
func useThemeFor(a fyne.App, l i18n.Lang) {
	t, ok := a.Settings().Theme().(*cjkTheme)
	if !ok || t.font == cjkFontFor(l) {
		return
	}
	a.Settings().SetTheme(&cjkTheme{Theme: t.Theme, font: cjkFontFor(l)})
}
