// Package ui is Branchbook's window: the first-run setup, the customer tree,
// the detail pane, menus and dialogs, built with Fyne. It talks to the data
// only through model.Store and speaks through i18n, so it can be tested with
// Fyne's test driver against a real store in a temporary file.
package ui
