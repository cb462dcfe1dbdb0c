package invoices

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/widgets"
)

func TestLogoProblem(t *testing.T) {
	env := widgets.Env{Tr: i18n.New(i18n.English)}
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 2))); err != nil {
		t.Fatal(err)
	}
	if msg := logoProblem(env, b.Bytes()); msg != "" {
		t.Errorf("a PNG refused: %s", msg)
	}
	if msg := logoProblem(env, []byte("GIF89a not a logo")); !strings.Contains(msg, "PNG or JPEG") {
		t.Errorf("a GIF: %q", msg)
	}
	if msg := logoProblem(env, make([]byte, model.MaxLogoBytes+1)); !strings.Contains(msg, "512 KB") {
		t.Errorf("a large file: %q", msg)
	}
}

func TestFileName(t *testing.T) {
	if got := FileName(model.Invoice{Kind: model.KindInvoice, Number: "A/2026 7"}, ".pdf"); got != "invoice-A_2026_7.pdf" {
		t.Errorf("file name %q", got)
	}
	if got := FileName(model.Invoice{Kind: model.KindCreditNote, Number: "A-8"}, ".xlsx"); got != "credit-note-A-8.xlsx" {
		t.Errorf("file name %q", got)
	}
}
