package ui

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestWindowSize(t *testing.T) {
	unknown := fyne.Size{}
	laptop := fyne.NewSize(1366, 728) // a 1366×768 screen less its panel
	big := fyne.NewSize(2560, 1400)
	cases := []struct {
		name   string
		w, h   float64
		screen fyne.Size
		want   fyne.Size
	}{
		{"remembered, fits", 1300, 800, big, fyne.NewSize(1300, 800)},
		{"remembered on a big screen, opened on a laptop", 2400, 1300, laptop, fyne.NewSize(1366-frameW, 728-frameH)},
		{"too wide only", 2000, 600, laptop, fyne.NewSize(1366-frameW, 600)},
		{"screen unknown: 1920×1080 assumed", 2400, 1300, unknown, fyne.NewSize(1920-frameW, 1080-frameH)},
		{"screen unknown, fits", 1240, 720, unknown, fyne.NewSize(1240, 720)},
		{"half unknown counts as unknown", 2400, 1300, fyne.NewSize(800, 0), fyne.NewSize(1920-frameW, 1080-frameH)},
		{"nothing remembered: the default", 0, 0, big, fyne.NewSize(defaultWidth, defaultHeight)},
		{"negative", -5, 700, big, fyne.NewSize(defaultWidth, defaultHeight)},
		{"NaN", math.NaN(), 700, big, fyne.NewSize(defaultWidth, defaultHeight)},
		{"infinite", math.Inf(1), 700, big, fyne.NewSize(defaultWidth, defaultHeight)},
		{"the default on a small screen", 0, 0, fyne.NewSize(1024, 552), fyne.NewSize(1024-frameW, 552-frameH)},
		{"a screen smaller than the frame", 800, 600, fyne.NewSize(10, 10), fyne.NewSize(1, 1)},
	}
	for _, c := range cases {
		if got := windowSize(c.w, c.h, c.screen); got != c.want {
			t.Errorf("%s: windowSize(%v, %v, %v) = %v, want %v", c.name, c.w, c.h, c.screen, got, c.want)
		}
	}
}

// TestRememberedSizeIsClamped opens a window whose remembered size is
// larger than any screen: under the test driver the screen is unknown,
// so it opens at most 1920×1080 less the frame.
func TestRememberedSizeIsClamped(t *testing.T) {
	store := openStore(t)
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	a.Preferences().SetFloat(prefWidth, 5000)
	a.Preferences().SetFloat(prefHeight, 4000)
	c := NewController(a, store, Options{Version: "test"})
	c.background = func(f func()) { f() }
	c.Show()
	if got, limit := c.win.Canvas().Size(), fyne.NewSize(1920-frameW, 1080-frameH); got.Width > limit.Width || got.Height > limit.Height {
		t.Fatalf("the window opened at %v, larger than %v", got, limit)
	}
}
