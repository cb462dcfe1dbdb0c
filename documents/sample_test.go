package documents

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/branchbook/branchbook/model"
)

var time0 time.Time

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// testLogo is a small PNG: an orange square, a blue one with a white bar.
var testLogo = sync.OnceValue(func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 120, 48))
	for y := 0; y < 48; y++ {
		for x := 0; x < 120; x++ {
			c := color.RGBA{0x1d, 0x4e, 0x89, 0xff}
			if y > 20 && y < 28 && x > 52 {
				c = color.RGBA{0xff, 0xff, 0xff, 0xff}
			}
			if x < 48 {
				c = color.RGBA{0xf2, 0x8c, 0x28, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // an in-memory image always encodes
	}
	return b.Bytes()
})

// figureInvoice is the manual's figure's invoice (docs/rating.md, section
// 7; docs/invoices.md): A invoices C for c-desk's calls of November and
// December 2026 at C's prices, in EUR, with 20 % VAT, as the store hands
// it over after RoundForPaper. lang picks the recipient's language and
// names in its script.
func figureInvoice(lang string) model.Invoice {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	recipient := model.Party{
		Holder: model.CustomerLedger(3), Name: "C", LegalName: "C Reseller GmbH",
		Address:   "Friedrichstraße 10\n10117 Berlin\nGermany",
		TaxNumber: "DE123456789", Email: "accounts@c.example", Phone: "+49 30 1234567",
	}
	switch lang {
	case "ru":
		recipient.LegalName = "ООО «Си Телеком»"
		recipient.Address = "ул. Тверская, д. 1\nМосква, 125009\nРоссия"
		recipient.TaxNumber = "7701234567"
	case "zh-Hans":
		recipient.LegalName = "C 通信有限公司"
		recipient.Address = "北京市朝阳区建国路 88 号\n100022 中国"
		recipient.TaxNumber = "91110105MA01234567"
	}
	inv := model.Invoice{
		ID: 1, Kind: model.KindInvoice, Number: "A-2026-0007", Status: model.StatusOpen,
		Issuer: model.Party{
			Holder: model.CustomerLedger(2), Name: "A", LegalName: "A Telecom Ltd",
			Address:   "1 Harbour Street\nLondon E1 6AN\nUnited Kingdom",
			TaxNumber: "GB123456789", Email: "billing@a.example", Phone: "+44 20 7946 0000",
			Bank: "Example Bank plc\nIBAN GB33 BUKB 2020 1555 5555 55 · BIC BUKBGB22",
			Logo: testLogo(),
		},
		Recipient: recipient,
		Language:  lang, TimeZone: "Europe/Berlin", Paper: model.PaperA4,
		Currency: "EUR",
		From:     time.Date(2026, 11, 1, 0, 0, 0, 0, berlin),
		To:       time.Date(2027, 1, 1, 0, 0, 0, 0, berlin),
		Issued:   time.Date(2027, 1, 2, 9, 0, 0, 0, berlin),
		Due:      time.Date(2027, 1, 16, 9, 0, 0, 0, berlin),
		TaxName:  "VAT", TaxRate: dec("20"),
		Previous: dec("5"), Payments: dec("5"),
		Lines: []model.InvoiceLine{
			{Kind: model.EntryCalls, Prefix: "1", Calls: 1, Seconds: 600, Amount: dec("0.09")},
			{Kind: model.EntryCalls, Prefix: "33", Calls: 1, Seconds: 66, Amount: dec("0.0198")},
			{Kind: model.EntryCalls, Prefix: "336", Calls: 1, Seconds: 48, Amount: dec("0.048")},
			{Kind: model.EntryCalls, Prefix: "44", Calls: 1, Seconds: 0, Amount: dec("0")},
			{Kind: model.EntryCalls, Prefix: "4420", Calls: 1, Seconds: 96, Amount: dec("0.0192")},
			{Kind: model.EntryCalls, Prefix: "447", Calls: 2, Seconds: 60, Amount: dec("0.0675")},
			{Kind: model.EntryCalls, Prefix: "49", Calls: 1, Seconds: 30, Amount: dec("0.008")},
		},
	}
	inv.RoundForPaper()
	return inv
}

// figureStatement is C's statement for December 2026 as the store would
// give it: a payment, the calls by destination, a debit.
func figureStatement() model.Statement {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	at := func(d, h int) time.Time { return time.Date(2026, 12, d, h, 0, 0, 0, berlin) }
	return model.Statement{
		Holder: model.CustomerLedger(3), HolderName: "C Reseller GmbH", Currency: "EUR",
		From: time.Date(2026, 12, 1, 0, 0, 0, 0, berlin), To: time.Date(2027, 1, 1, 0, 0, 0, 0, berlin),
		Opening: dec("20.0383"),
		Lines: []model.StatementLine{
			{At: at(1, 10), Kind: model.EntryCalls, Prefix: "447", Calls: 1, Seconds: 30, Amount: dec("-0.0325")},
			{At: at(1, 10), Kind: model.EntryCalls, Prefix: "33", Calls: 1, Seconds: 66, Amount: dec("-0.0198")},
			{At: at(1, 11), Kind: model.EntryCalls, Prefix: "336", Calls: 1, Seconds: 48, Amount: dec("-0.048")},
			{At: at(1, 12), Kind: model.EntryCalls, Prefix: "1", Calls: 1, Seconds: 600, Amount: dec("-0.09")},
			{At: at(1, 13), Kind: model.EntryCalls, Prefix: "49", Calls: 1, Seconds: 30, Amount: dec("-0.008")},
			{At: at(1, 15), Kind: model.EntryCalls, Prefix: "44", Calls: 1, Seconds: 0, Amount: dec("0")},
			{At: at(3, 9), Kind: model.EntryAddFunds, Notes: "Bank transfer 2026-12-03", Amount: dec("50"), Entry: 41},
			{At: at(15, 9), Kind: model.EntryDebit, Notes: "Number porting fee", Amount: dec("-4.5"), Entry: 42},
		},
		Closing: dec("65.3400"),
		USDRate: dec("0.92"),
	}
}
