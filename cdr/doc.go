// Package cdr reads call-record files exported by a switch: Asterisk's
// Master.csv, FreeSWITCH's mod_cdr_csv default template and Branchbook's own
// CSV with a header. It tells which layout a file is (Detect), refuses a
// file that is none of them before any record is handed out, and then
// streams the records one line at a time (Reader), so a file of millions of
// calls never sits in memory; a malformed line is reported with its line
// number and a reason (RowError) and left out while the rest goes on.
//
// A Call says what one record says: who called what, when, whether it was
// answered and how many seconds the switch billed. The package knows no
// store, no window, no tariff and no money: rating, duplicates across
// imports and booking belong to the packages that call it. The layouts,
// the detection rule and every refusal are in docs/calls-import.md.
package cdr
