// Package customers holds the customer screens of the main window: the
// lazy customer tree with its money columns and account leaves, the search
// bar above it, the Details tab, and the customer actions (Add, Adjust,
// Delete, Deleted customers, Move, Export). The screens reach the store
// through their small Store interface; what they leave to the shell (the
// History and Accounts tabs, Maintenance, the Tariffs window) goes through
// Hooks, and changes made elsewhere reach them through the changes.Bus.
package customers
