// Package accounts holds the accounts screens of a customer: the Accounts
// tab of the detail pane (paged, sorted, filtered by username), the Add and
// Adjust forms, Delete and the list of deleted accounts, the History window
// of an account, and the prepaid cards dialog with its result and CSV
// export. Screens reach the store through Store and leave to the shell,
// through Hooks, which customer is selected, the Maintenance form (ledger)
// and the redrawing of the tree and detail pane after accounts change.
package accounts
