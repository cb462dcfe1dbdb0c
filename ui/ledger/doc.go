// Package ledger holds the screens of the append-only ledger: the
// Maintenance form (Add Funds, Credit, Debit), the history of a customer or
// an account with Reverse and Export, and the payments report. A customer
// and an account share each screen through Target. The screens reach the
// store through their small Store interface and tell the shell, through
// callbacks, whose balance changed so it can redraw every pane.
package ledger
