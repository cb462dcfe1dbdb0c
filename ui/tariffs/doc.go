// Package tariffs holds the Tariffs window (tariffs, their rates, the
// import of a rates file) and the Exchange Rates window. Both are tool
// windows of their own; they reach the store through Store and tell the
// shell through OnChanged that the money shown elsewhere must be redrawn.
package tariffs
