// Package invoices holds the screens of issue 17: Customer → My company…
// (the signed-in customer's details for its documents), the statement of
// a customer or an account, the invoice draft with Issue, the credit note,
// Reports → Invoices, and the batch "Invoice all my customers…". Like the
// other feature packages it knows the store only through its small Store
// interface and writes documents through package documents.
package invoices
