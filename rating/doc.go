// Package rating prices calls. It turns a called number into digits,
// finds the longest prefix in force in a tariff's rate deck when the call
// started, bills whole intervals, and charges every level of the reseller
// chain (the account, its customer, each owner above, never the root) in
// that level's own currency. It knows no store and no window: the importer
// builds one Deck per tariff and hands each call with its chain of decks to
// Rate. The rules, with worked examples that are also tests, are in
// docs/rating.md.
//
// Money never passes through float64: rates are read from model.Rate's
// decimals into whole millionths (micros, model.StorageScale) once, when a
// deck is built, and a cost is computed from them exactly, in integers, and
// rounded once, half up (RoundCost).
package rating
