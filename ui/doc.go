// Package ui is Branchbook's window shell: the main window and its menus,
// toolbar and keys, the guard that turns a panic into a message, the file
// watcher, backup and restore, the theme, and the wiring that builds the
// screens of the feature packages (ui/customers, ui/access, ui/accounts,
// ui/ledger, ui/tariffs, with ui/widgets beneath them), connects their
// callbacks to model.Store and carries their changes on a changes.Bus.
// It holds no screen of its own.
// It speaks through i18n and is tested with Fyne's test driver against a
// real store in a temporary file.
package ui
