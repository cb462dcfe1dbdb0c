// Package calls holds the screens of call records: the Calls tab of a
// customer or an account (paged list, totals by destination, CSV export),
// File → Import calls… (preview, progress with Cancel, summary), the calls
// of one "calls" ledger entry, and the Reports → Imports and Reports →
// Margin windows. Like the other feature packages it knows the store only
// through its small Store interface, and tells the shell through callbacks
// when balances changed.
package calls
