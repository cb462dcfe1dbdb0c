// Package access holds the screens about who may do what: the first-run
// setup of the root customer, the sign-in form, the Permissions form and the
// audit log. Each is given what it shows and the few store calls it needs;
// the shell (package ui) decides when each is shown and what follows.
package access
