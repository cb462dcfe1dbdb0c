// Package documents prints invoices, credit notes and statements: as PDF
// (A4 or Letter, with signintech/gopdf), as an XLSX sheet (with
// xuri/excelize) and as CSV, in the document's language, number format and
// time zone. It knows no store and no window: it takes a model.Invoice or
// model.Statement as the store made it and writes it out.
//
// Amounts print in the currency's ISO 4217 minor unit. An invoice's
// figures are already rounded (model.Invoice.RoundForPaper), so it prints
// them as they are; a statement's are the ledger's and each is rounded
// once where it prints (docs/invoices.md, "Money on paper").
//
// The fonts (Noto Sans, and Droid Sans Fallback for Chinese) are parsed
// once per process and shared by every document; text that mixes scripts
// prints each run of characters in a font that has them.
package documents
