// Package model holds Branchbook's domain: customers and their hierarchy,
// tariffs, currencies, money, ledger entries, sessions and permissions, the
// rules that make them valid, and the Store interface through which the
// window reads and changes them. It imports no database and no GUI code, so
// every rule here can be tested on its own and shared by any store.
package model
