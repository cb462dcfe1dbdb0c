package ui

import (
	"bytes"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/branchbook/branchbook/i18n"
)

// TestThemeKeepsFyneLook checks that the CJK fonts change nothing for text
// Fyne's own fonts can draw: Latin, Cyrillic, digits and punctuation
// measure the same with Theme as with Fyne's default theme, in every text
// style, in Chinese and in the other languages. It would fail if a CJK
// font's line metrics or space differed from Noto Sans's, or if it had a
// letter of Noto Sans.
func TestThemeKeepsFyneLook(t *testing.T) {
	a := test.NewTempApp(t)
	texts := []string{"Branchbook", "Balance after: -1 234,56 USD", "Überweisung — «Привет», мир… №5", "  \u00a0 ", " "}
	styles := []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}, {Monospace: true}}
	measure := func() []fyne.Size {
		var sizes []fyne.Size
		for _, s := range styles {
			for _, text := range texts {
				sizes = append(sizes, fyne.MeasureText(text, theme.TextSize(), s))
			}
		}
		return sizes
	}
	a.Settings().SetTheme(theme.DefaultTheme())
	want := measure()
	a.Settings().SetTheme(Theme())
	for _, l := range []i18n.Lang{i18n.German, i18n.ChineseSimplified} {
		useThemeFor(a, l)
		got := measure()
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: %q in %+v: %v with the CJK font, %v without", l, texts[i%len(texts)], styles[i/len(texts)], got[i], want[i])
			}
		}
	}
	// Chinese is drawn with the CJK font (no system font needed): each
	// ideograph is one em wide, and a line with it is as high as one
	// without.
	size := theme.TextSize()
	zh := fyne.MeasureText("简体中文", size, fyne.TextStyle{})
	if zh.Width != 4*size || zh.Height != want[0].Height {
		t.Errorf("Chinese text measures %v, want %v wide and %v high", zh, 4*size, want[0].Height)
	}
	// A space after Chinese stays in the CJK font (Fyne never changes font
	// for a space): it must be a space there, as wide as Noto Sans's.
	space := want[len(texts)-1].Width
	if spaced := fyne.MeasureText("简体 中文", size, fyne.TextStyle{}); math.Abs(float64(spaced.Width-zh.Width-space)) > 0.1 {
		t.Errorf("a space between ideographs is %v wide, want %v", spaced.Width-zh.Width, space)
	}
}

// TestThemeNamesFont fails when a language's name has a character that
// neither Noto Sans nor the names font has (add it to NAMES in
// assets/fonts/subset.py): the name must measure the same as with the full CJK
// font.
func TestThemeNamesFont(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme())
	for _, l := range i18n.Supported {
		name := l.NativeName()
		useThemeFor(a, i18n.ChineseSimplified)
		want := fyne.MeasureText(name, theme.TextSize(), fyne.TextStyle{})
		useThemeFor(a, i18n.English)
		if got := fyne.MeasureText(name, theme.TextSize(), fyne.TextStyle{}); got != want {
			t.Errorf("%q measures %v with the names font, %v with the CJK font", name, got, want)
		}
	}
}

func TestThemeFollowsLanguage(t *testing.T) {
	a := test.NewTempApp(t)
	own := a.Settings().Theme()
	useThemeFor(a, i18n.ChineseSimplified)
	if a.Settings().Theme() != own {
		t.Fatal("an app with a theme of its own lost it")
	}
	a.Settings().SetTheme(Theme())
	for _, tt := range []struct {
		lang i18n.Lang
		font fyne.Resource
	}{{i18n.ChineseSimplified, cjkFont}, {i18n.Russian, namesFont}, {i18n.ChineseSimplified, cjkFont}, {i18n.English, namesFont}} {
		useThemeFor(a, tt.lang)
		th := a.Settings().Theme()
		for _, s := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}} {
			if th.Font(s) != tt.font {
				t.Errorf("%s, style %+v: font %s, want %s", tt.lang, s, th.Font(s).Name(), tt.font.Name())
			}
		}
		for _, s := range []fyne.TextStyle{{Symbol: true}, {Monospace: true}} {
			if th.Font(s) != theme.DefaultTheme().Font(s) {
				t.Errorf("%s, style %+v: font %s, not Fyne's", tt.lang, s, th.Font(s).Name())
			}
		}
		if c := th.Color(theme.ColorNameBackground, theme.VariantDark); c != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
			t.Errorf("colours differ from Fyne's: %v", c)
		}
	}
	// TrueType files, the CJK one with its ideographs (about 3 MB).
	for _, f := range []fyne.Resource{cjkFont, namesFont} {
		if !bytes.HasPrefix(f.Content(), []byte{0, 1, 0, 0}) {
			t.Errorf("%s is not a TrueType font", f.Name())
		}
	}
	if len(cjkFont.Content()) < 2<<20 {
		t.Errorf("the CJK font is only %d bytes", len(cjkFont.Content()))
	}
}

// TestQuietTextIsReadable checks that hints, placeholders and blocked
// names meet WCAG AA (4.5:1) on every background they are drawn on, in the
// dark and the light variant, and are still dimmer than ordinary text.
func TestQuietTextIsReadable(t *testing.T) {
	test.NewTempApp(t)
	th := Theme()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		fg := th.Color(theme.ColorNameForeground, v)
		for _, quiet := range []fyne.ThemeColorName{theme.ColorNameDisabled, theme.ColorNamePlaceHolder} {
			for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameOverlayBackground,
				theme.ColorNameInputBackground, theme.ColorNameMenuBackground} {
				if r := contrast(th.Color(quiet, v), th.Color(bg, v)); r < 4.5 {
					t.Errorf("variant %d: %s on %s is %.2f:1, want at least 4.5:1", v, quiet, bg, r)
				}
			}
			if contrast(th.Color(quiet, v), th.Color(theme.ColorNameBackground, v)) >=
				contrast(fg, th.Color(theme.ColorNameBackground, v)) {
				t.Errorf("variant %d: %s is as strong as ordinary text", v, quiet)
			}
		}
	}
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).RGBA()
	channel := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(r) + 0.7152*channel(g) + 0.0722*channel(b)
}
