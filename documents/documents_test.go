package documents

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// pdfText renders pdf to text with poppler's pdftotext, keeping the layout,
// each line's runs of spaces made one space.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: apt-get install poppler-utils (make test-deps does)")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func mustContain(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q missing from:\n%s", what, w, text)
		}
	}
}

func invoicePDF(t *testing.T, inv model.Invoice) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := InvoicePDF(&b, inv); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	return b.Bytes()
}

// TestInvoicePDFFigure prints the manual's figure's invoice (A to C) and
// reads it back: both parties, every destination with the costs
// docs/rating.md predicts at C's level rounded to the cent, the totals and
// the amount due, in the language's words, numbers and dates.
func TestInvoicePDFFigure(t *testing.T) {
	cases := []struct {
		lang string
		want []string
	}{
		{"en", []string{
			"Invoice", "A Telecom Ltd", "1 Harbour Street", "Tax number: GB123456789", "billing@a.example",
			"Bill to", "C Reseller GmbH", "Friedrichstraße 10", "Tax number: DE123456789",
			"Number A-2026-0007", "Issue date 2027-01-02", "Due date 2027-01-16", "Period 2026-11-01 – 2026-12-31",
			"Destination Calls Minutes Amount (EUR)",
			"1 1 10.00 0.09", "33 1 1.10 0.02", "336 1 0.80 0.05", "44 1 0.00 0.00",
			"4420 1 1.60 0.02", "447 2 1.00 0.07", "49 1 0.50 0.01",
			"Subtotal 0.26", "VAT 20% 0.05", "Total 0.31", "Previous balance 5.00",
			"Payments received -5.00", "Rounding -0.01", "Amount due EUR 0.30",
			"Payment due within 14 days of issue.", "Bank details", "IBAN GB33 BUKB 2020 1555 5555 55",
			"Invoice A-2026-0007 · A Telecom Ltd Page 1 of 1",
		}},
		{"de", []string{
			"Rechnung", "Rechnungsempfänger", "Rechnungsdatum 02.01.2027", "Fällig am 16.01.2027",
			"Zeitraum 01.11.2026 – 31.12.2026", "Ziel Anrufe Minuten Betrag (EUR)", "4420 1 1,60 0,02",
			"Zwischensumme 0,26", "VAT 20 % 0,05", "Rundung -0,01", "Zu zahlender Betrag 0,30 EUR",
			"Zahlbar innerhalb von 14 Tagen ab Rechnungsdatum.", "Bankverbindung", "Seite 1 von 1",
		}},
		{"ru", []string{
			"Счёт", "ООО «Си Телеком»", "ул. Тверская, д. 1", "ИНН: 7701234567", "Плательщик",
			"Дата выставления 02.01.2027", "Срок оплаты 16.01.2027", "Направление Звонки Минуты Сумма (EUR)",
			"447 2 1,00 0,07", "Промежуточный итог 0,26", "Округление -0,01", "К оплате 0,30 EUR",
			"Оплата в течение 14 дней с даты выставления.", "Банковские реквизиты", "Страница 1 из 1",
		}},
		{"zh-Hans", []string{
			"发票", "C 通信有限公司", "北京市朝阳区建国路 88 号", "税号：91110105MA01234567", "收票方",
			"开具日期 2027-01-02", "目的地 通话 分钟 金额（EUR）", "447 2 1.00 0.07",
			"小计 0.26", "舍入差额 -0.01", "应付金额 EUR 0.30", "请于开具之日起 14 天内付款。",
			"银行账户信息", "第 1 页，共 1 页",
		}},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			text := pdfText(t, invoicePDF(t, figureInvoice(c.lang)))
			mustContain(t, c.lang, text, c.want...)
			if strings.ContainsRune(text, '\uFFFD') {
				t.Errorf("%s: a character did not map back to text", c.lang)
			}
		})
	}
}

// TestInvoicePDFMixedScripts prints Chinese in an English invoice and
// Russian in a Chinese one: each run takes a font that has it.
func TestInvoicePDFMixedScripts(t *testing.T) {
	inv := figureInvoice("en")
	inv.Recipient.LegalName = "上海 Telecom «Связь» Ltd"
	inv.Lines = append(inv.Lines, model.InvoiceLine{Kind: model.EntryDebit, Description: "号码携带 fee / плата за перенос номера", Amount: dec("4.5")})
	text := pdfText(t, invoicePDF(t, inv))
	mustContain(t, "mixed", text, "上海 Telecom «Связь» Ltd", "号码携带 fee / плата за перенос номера 4.50")
	inv = figureInvoice("zh-Hans")
	inv.Recipient.LegalName = "ООО «Связь» 上海"
	mustContain(t, "mixed zh", pdfText(t, invoicePDF(t, inv)), "ООО «Связь» 上海")
}

// TestInvoicePDFPaginates prints 5,000 destinations: the pages repeat the
// table's header, each says "Page N of M", the last has the totals.
func TestInvoicePDFPaginates(t *testing.T) {
	inv := figureInvoice("en")
	inv.Lines = nil
	var sum int64
	for i := range 5000 {
		inv.Lines = append(inv.Lines, model.InvoiceLine{Kind: model.EntryCalls, Prefix: strconv.Itoa(100000 + i), Calls: i%7 + 1, Seconds: 60 * (i%5 + 1), Amount: dec(fmt.Sprintf("%d.%02d", i%9, i%100))})
		sum += int64(i%9)*100 + int64(i%100)
	}
	inv.Previous, inv.Payments = dec("0"), dec("0")
	inv.RoundForPaper()
	pdf := invoicePDF(t, inv)
	text := pdfText(t, pdf)
	m := regexp.MustCompile(`Page 1 of (\d+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no page numbers:\n%.2000s", text)
	}
	pages, _ := strconv.Atoi(m[1])
	if pages < 50 {
		t.Fatalf("5,000 lines on %d pages", pages)
	}
	for _, n := range []int{2, pages / 2, pages} {
		mustContain(t, "pages", text, fmt.Sprintf("Page %d of %d", n, pages))
	}
	if got := strings.Count(text, "Destination Calls Minutes Amount (EUR)"); got != pages && got != pages-1 {
		t.Errorf("table header on %d of %d pages", got, pages)
	}
	if got := strings.Count(text, "Invoice A-2026-0007 · A Telecom Ltd"); got < 2*pages-2 {
		t.Errorf("running title %d times on %d pages", got, pages)
	}
	want := fmt.Sprintf("Subtotal %s", translator("en").Decimal(dec(strconv.FormatInt(sum, 10)).Shift(-2), 2))
	mustContain(t, "pages", text, "100000 1 1.00 0.00", "104999", want, "Amount due EUR")
	t.Logf("5,000 lines: %d pages, %d KB", pages, len(pdf)>>10)
}

func TestCreditNotePDF(t *testing.T) {
	inv := figureInvoice("fr")
	inv.Kind, inv.Number, inv.CreditFor, inv.CreditForNumber = model.KindCreditNote, "A-2026-0008", 1, "A-2026-0007"
	inv.Issuer.Logo = []byte("not an image") // a bad logo is left out, not an error
	text := pdfText(t, invoicePDF(t, inv))
	mustContain(t, "credit note", text, "Avoir", "Rectifie la facture A-2026-0007", "Montant dû 0,30 EUR", "Page 1 sur 1")
	draft := figureInvoice("es")
	draft.Number, draft.Issued, draft.Status = "", time0, model.StatusDraft
	mustContain(t, "draft", pdfText(t, invoicePDF(t, draft)), "Número Borrador", "Importe a pagar")
}

func TestInvoicePDFLetter(t *testing.T) {
	size := func(pdf []byte) string {
		path := filepath.Join(t.TempDir(), "doc.pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdfinfo", path).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		m := regexp.MustCompile(`Page size:\s+(.*)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("pdfinfo: %s", out)
		}
		return string(m[1])
	}
	inv := figureInvoice("en")
	inv.Paper = model.PaperLetter
	if got := size(invoicePDF(t, inv)); !strings.Contains(got, "612 x 792") {
		t.Errorf("Letter: %s", got)
	}
	if got := size(invoicePDF(t, figureInvoice("en"))); !strings.Contains(got, "595 x 842") {
		t.Errorf("A4: %s", got)
	}
}

func TestStatementPDF(t *testing.T) {
	var b bytes.Buffer
	if err := StatementPDF(&b, figureStatement(), Format{Lang: i18n.English, Zone: "Europe/Berlin"}); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "statement", pdfText(t, b.Bytes()),
		"Statement", "C Reseller GmbH", "Period 2026-12-01 – 2026-12-31", "Currency EUR",
		"Date Description Calls Minutes Amount (EUR) Balance Amount (USD)",
		"2026-12-01 Opening balance 20.04 21.78", "2026-12-01 Calls to 447 1 0.50 -0.03 20.01 -0.04",
		"2026-12-03 Payment: Bank transfer 50.00 69.84 54.35",
		"2026-12-15 Debit: Number porting fee -4.50 65.34 -4.89",
		"2026-12-31 Closing balance 65.34 71.02", "Page 1 of 1")
	b.Reset()
	if err := StatementPDF(&b, figureStatement(), Format{Lang: i18n.ChineseSimplified, Zone: "Asia/Shanghai", Paper: model.PaperLetter}); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "statement zh", pdfText(t, b.Bytes()), "对账单", "期初余额", "期末余额", "拨往 447 的通话", "付款: Bank transfer")
}

func TestInvoiceXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := InvoiceXLSX(&b, figureInvoice("de")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "Rechnung" {
		t.Errorf("sheet %q", sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	find := func(first string) int {
		for i, r := range rows {
			if len(r) > 0 && r[0] == first {
				return i + 1
			}
		}
		t.Fatalf("no row %q in %q", first, rows)
		return 0
	}
	raw := func(cell string) string {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	num := func(cell, want string) {
		t.Helper()
		if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is text", cell)
		}
		if got := raw(cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	r := find("4420")
	num(fmt.Sprintf("C%d", r), "1")
	num(fmt.Sprintf("D%d", r), "1.60")
	num(fmt.Sprintf("E%d", r), "0.02")
	if shown, _ := f.GetCellValue(sheet, fmt.Sprintf("E%d", r)); shown != "0.02" && shown != "0,02" {
		t.Errorf("amount shows as %q", shown)
	}
	num(fmt.Sprintf("E%d", find("Zwischensumme")), "0.26")
	num(fmt.Sprintf("E%d", find("Rundung")), "-0.01")
	num(fmt.Sprintf("E%d", find("Zu zahlender Betrag")), "0.30")
	// Dates are dates: 2 January 2027 is day 46389 of Excel's calendar.
	r = find("Rechnungsdatum")
	num(fmt.Sprintf("B%d", r), "46389")
	if shown, _ := f.GetCellValue(sheet, fmt.Sprintf("B%d", r)); shown != "02.01.2027" {
		t.Errorf("issue date shows as %q", shown)
	}
	r = find("Zeitraum")
	num(fmt.Sprintf("C%d", r), "46387") // 31 December 2026, the period's last day
}

func TestStatementXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := StatementXLSX(&b, figureStatement(), Format{Lang: i18n.Russian, Zone: "Europe/Berlin"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4+1+1+8+1 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	if rows[5][1] != "Начальный баланс" || rows[len(rows)-1][1] != "Конечный баланс" {
		t.Errorf("opening/closing rows: %q / %q", rows[5], rows[len(rows)-1])
	}
	v, _ := f.GetCellValue(f.GetSheetName(0), "G15", excelize.Options{RawCellValue: true})
	if v != "65.34" {
		t.Errorf("closing balance %q", v)
	}
}

func TestInvoiceCSV(t *testing.T) {
	var b bytes.Buffer
	if err := InvoiceCSV(&b, figureInvoice("en")); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+7+7 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	if got := strings.Join(rows[0], "|"); got != "Number|Issue date|Currency|Destination|Description|Calls|Minutes|Amount (EUR)" {
		t.Errorf("header %s", got)
	}
	if got := strings.Join(rows[5], "|"); got != "A-2026-0007|2027-01-02|EUR|4420||1|1.60|0.02" {
		t.Errorf("4420: %s", got)
	}
	if got := strings.Join(rows[len(rows)-2], "|"); got != "A-2026-0007|2027-01-02|EUR||Rounding|||-0.01" {
		t.Errorf("rounding: %s", got)
	}
	if got := strings.Join(rows[len(rows)-1], "|"); got != "A-2026-0007|2027-01-02|EUR||Amount due|||0.30" {
		t.Errorf("due: %s", got)
	}
}

func TestStatementCSV(t *testing.T) {
	var b bytes.Buffer
	if err := StatementCSV(&b, figureStatement(), Format{Lang: i18n.French, Zone: "Europe/Berlin"}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+1+8+1 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	want := []string{
		"Date|Description|Destination|Appels|Minutes|Montant (EUR)|Solde|Amount (USD)",
		"2026-12-01 00:00|Solde initial|||||20.04|21.78",
		"2026-12-01 10:00|Appels vers 447|447|1|0.50|-0.03|20.01|-0.04",
	}
	for i, w := range want {
		if got := strings.Join(rows[i], "|"); !strings.HasPrefix(got, strings.SplitN(w, "|", 2)[0]) || (i > 0 && got != w) {
			t.Errorf("row %d: %s, want %s", i, got, w)
		}
	}
	if got := strings.Join(rows[len(rows)-1], "|"); got != "2027-01-01 00:00|Solde final|||||65.34|71.02" {
		t.Errorf("closing: %s", got)
	}
}

// TestConcurrentDocuments prints in parallel: the shared fonts are only read.
func TestConcurrentDocuments(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lang := []string{"en", "ru", "zh-Hans", "de"}[i%4]
			var b bytes.Buffer
			errs <- InvoicePDF(&b, figureInvoice(lang))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
