package widgets

import (
	"testing"

	"github.com/branchbook/branchbook/i18n"
	"github.com/branchbook/branchbook/model"
)

// A tariff in use says who uses it: customers, or accounts (the store's
// Params), with the count's plural form, in every language.
func TestTariffInUseNamesWhoUsesIt(t *testing.T) {
	en := i18n.New(i18n.English)
	accounts := &model.Error{Code: model.CodeInUse, Params: map[string]any{"customers": 0, "accounts": 1}}
	if got := ErrorText(en, accounts); got != "1 account uses this tariff; give it another tariff first." {
		t.Fatalf("accounts: %q", got)
	}
	customers := &model.Error{Code: model.CodeInUse, Params: map[string]any{"customers": 3}}
	if got := ErrorText(en, customers); got != "3 customers use this tariff; move them to another tariff first." {
		t.Fatalf("customers: %q", got)
	}
	ru := i18n.New(i18n.Russian)
	accounts.Params["accounts"] = 5
	if got := ErrorText(ru, accounts); got != "Этот тариф используют 5 учётных записей; сначала назначьте им другой тариф." {
		t.Fatalf("Russian: %q", got)
	}
}
