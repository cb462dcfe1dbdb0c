package documents

import "testing"

func TestRuns(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	got := fs.runs("Счёт 发票 No. 7（草稿）", true)
	want := []struct{ family, text string }{
		{fontBold, "Счёт "}, {fontCJK, "发票 "}, {fontBold, "No. 7"}, {fontCJK, "（草稿）"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d runs: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].face.family != w.family || got[i].text != w.text {
			t.Errorf("run %d: %s %q, want %s %q", i, got[i].face.family, got[i].text, w.family, w.text)
		}
	}
	// Widths: Noto Sans's digits are 572/1000 of the size; a CJK
	// ideograph is a full em.
	if w := fs.measure("00", false, 10); w < 11 || w > 12 {
		t.Errorf("\"00\" at 10 pt is %.2f pt", w)
	}
	if w := fs.measure("中", false, 10); w != 10 {
		t.Errorf("中 at 10 pt is %.2f pt", w)
	}
}
