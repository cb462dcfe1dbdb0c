package assets

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

func TestIconPNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon.Content()))
	if err != nil {
		t.Fatalf("decoding Icon as PNG: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != b.Dy() {
		t.Errorf("Icon is %dx%d, want a square", b.Dx(), b.Dy())
	}
	if b.Dx() < 256 {
		t.Errorf("Icon is %d px wide, want at least 256", b.Dx())
	}
	if Icon.Name() != "icon.png" {
		t.Errorf("Icon.Name() = %q, want %q", Icon.Name(), "icon.png")
	}
}

func TestIconSVG(t *testing.T) {
	s := strings.TrimSpace(string(IconSVG))
	if !strings.HasPrefix(s, "<svg") {
		t.Errorf("IconSVG does not start with an <svg element: %.40q", s)
	}
}
