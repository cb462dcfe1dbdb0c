package i18n

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/currency"
)

// CurrencyInfo describes one ISO 4217 currency for pickers.
type CurrencyInfo struct {
	Code string // ISO 4217 code, "EUR"
	Name string // English name, "Euro"
	// Places is the number of fraction digits amounts usually show, from
	// currency.Standard.Rounding (CLDR), the same value model.Currency's
	// MinorUnits gives: 2 for USD, 0 for JPY, 3 for KWD. For some currencies
	// CLDR shows fewer digits than the ISO 4217 minor unit (IDR, IQD, PKR...).
	Places int32
}

// Label returns the code and name for a picker, as "EUR — Euro"; just the
// code when the name is unknown.
func (c CurrencyInfo) Label() string {
	if c.Name == "" {
		return c.Code
	}
	return c.Code + " — " + c.Name
}

// commonCurrencies are offered first in pickers, in this order.
var commonCurrencies = []string{
	"USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "BRL", "RUB",
	"INR", "MXN", "KWD", "AED", "TRY", "ZAR", "SEK", "NOK", "PLN",
}

// CommonCurrencies returns the codes offered first in pickers. The caller
// may modify the slice.
func CommonCurrencies() []string {
	return slices.Clone(commonCurrencies)
}

// notTender lists units that are no money to hold a balance in: funds,
// precious metals, testing and offshore codes. The query for legal tender
// already leaves them out; the list guards against changes in x/text data.
var notTender = map[string]bool{
	"XAU": true, "XAG": true, "XPT": true, "XPD": true, // precious metals
	"XTS": true, "XXX": true, // testing, no currency
	"XDR": true, "XSU": true, "XUA": true, // IMF, SUCRE, ADB units of account
	"XBA": true, "XBB": true, "XBC": true, "XBD": true, // European bond market units
	"BOV": true, "CLF": true, "COU": true, "MXV": true, "UYI": true, "UYW": true, // indexed units
	"USN": true, "CHE": true, "CHW": true, // fund codes
	"CNH": true, // offshore yuan, not in ISO 4217
}

// withdrawn lists codes that golang.org/x/text's CLDR 32 tables still give
// as current but ISO 4217 has withdrawn. Their successors VES and MRU are
// unknown to x/text, so they cannot be offered.
var withdrawn = map[string]bool{
	"HRK": true, // Croatia uses EUR since 2023
	"BGN": true, // Bulgaria uses EUR since 2026
	"VEF": true, // replaced by VES in 2018
	"MRO": true, // replaced by MRU in 2018
}

// currencyNames gives the English name of every code Currencies returns.
var currencyNames = map[string]string{
	"AED": "UAE Dirham",
	"AFN": "Afghan Afghani",
	"ALL": "Albanian Lek",
	"AMD": "Armenian Dram",
	"ANG": "Netherlands Antillean Guilder",
	"AOA": "Angolan Kwanza",
	"ARS": "Argentine Peso",
	"AUD": "Australian Dollar",
	"AWG": "Aruban Florin",
	"AZN": "Azerbaijani Manat",
	"BAM": "Bosnia-Herzegovina Convertible Mark",
	"BBD": "Barbadian Dollar",
	"BDT": "Bangladeshi Taka",
	"BHD": "Bahraini Dinar",
	"BIF": "Burundian Franc",
	"BMD": "Bermudian Dollar",
	"BND": "Brunei Dollar",
	"BOB": "Bolivian Boliviano",
	"BRL": "Brazilian Real",
	"BSD": "Bahamian Dollar",
	"BTN": "Bhutanese Ngultrum",
	"BWP": "Botswana Pula",
	"BYN": "Belarusian Ruble",
	"BZD": "Belize Dollar",
	"CAD": "Canadian Dollar",
	"CDF": "Congolese Franc",
	"CHF": "Swiss Franc",
	"CLP": "Chilean Peso",
	"CNY": "Chinese Yuan",
	"COP": "Colombian Peso",
	"CRC": "Costa Rican Colon",
	"CUC": "Cuban Convertible Peso",
	"CUP": "Cuban Peso",
	"CVE": "Cape Verdean Escudo",
	"CZK": "Czech Koruna",
	"DJF": "Djiboutian Franc",
	"DKK": "Danish Krone",
	"DOP": "Dominican Peso",
	"DZD": "Algerian Dinar",
	"EGP": "Egyptian Pound",
	"ERN": "Eritrean Nakfa",
	"ETB": "Ethiopian Birr",
	"EUR": "Euro",
	"FJD": "Fijian Dollar",
	"FKP": "Falkland Islands Pound",
	"GBP": "British Pound Sterling",
	"GEL": "Georgian Lari",
	"GHS": "Ghanaian Cedi",
	"GIP": "Gibraltar Pound",
	"GMD": "Gambian Dalasi",
	"GNF": "Guinean Franc",
	"GTQ": "Guatemalan Quetzal",
	"GYD": "Guyanese Dollar",
	"HKD": "Hong Kong Dollar",
	"HNL": "Honduran Lempira",
	"HTG": "Haitian Gourde",
	"HUF": "Hungarian Forint",
	"IDR": "Indonesian Rupiah",
	"ILS": "Israeli New Shekel",
	"INR": "Indian Rupee",
	"IQD": "Iraqi Dinar",
	"IRR": "Iranian Rial",
	"ISK": "Icelandic Krona",
	"JMD": "Jamaican Dollar",
	"JOD": "Jordanian Dinar",
	"JPY": "Japanese Yen",
	"KES": "Kenyan Shilling",
	"KGS": "Kyrgyzstani Som",
	"KHR": "Cambodian Riel",
	"KMF": "Comorian Franc",
	"KPW": "North Korean Won",
	"KRW": "South Korean Won",
	"KWD": "Kuwaiti Dinar",
	"KYD": "Cayman Islands Dollar",
	"KZT": "Kazakhstani Tenge",
	"LAK": "Lao Kip",
	"LBP": "Lebanese Pound",
	"LKR": "Sri Lankan Rupee",
	"LRD": "Liberian Dollar",
	"LSL": "Lesotho Loti",
	"LYD": "Libyan Dinar",
	"MAD": "Moroccan Dirham",
	"MDL": "Moldovan Leu",
	"MGA": "Malagasy Ariary",
	"MKD": "Macedonian Denar",
	"MMK": "Myanmar Kyat",
	"MNT": "Mongolian Tugrik",
	"MOP": "Macanese Pataca",
	"MUR": "Mauritian Rupee",
	"MVR": "Maldivian Rufiyaa",
	"MWK": "Malawian Kwacha",
	"MXN": "Mexican Peso",
	"MYR": "Malaysian Ringgit",
	"MZN": "Mozambican Metical",
	"NAD": "Namibian Dollar",
	"NGN": "Nigerian Naira",
	"NIO": "Nicaraguan Cordoba",
	"NOK": "Norwegian Krone",
	"NPR": "Nepalese Rupee",
	"NZD": "New Zealand Dollar",
	"OMR": "Omani Rial",
	"PAB": "Panamanian Balboa",
	"PEN": "Peruvian Sol",
	"PGK": "Papua New Guinean Kina",
	"PHP": "Philippine Peso",
	"PKR": "Pakistani Rupee",
	"PLN": "Polish Zloty",
	"PYG": "Paraguayan Guarani",
	"QAR": "Qatari Riyal",
	"RON": "Romanian Leu",
	"RSD": "Serbian Dinar",
	"RUB": "Russian Ruble",
	"RWF": "Rwandan Franc",
	"SAR": "Saudi Riyal",
	"SBD": "Solomon Islands Dollar",
	"SCR": "Seychellois Rupee",
	"SDG": "Sudanese Pound",
	"SEK": "Swedish Krona",
	"SGD": "Singapore Dollar",
	"SHP": "Saint Helena Pound",
	"SLL": "Sierra Leonean Leone",
	"SOS": "Somali Shilling",
	"SRD": "Surinamese Dollar",
	"SSP": "South Sudanese Pound",
	"STN": "Sao Tome and Principe Dobra",
	"SYP": "Syrian Pound",
	"SZL": "Swazi Lilangeni",
	"THB": "Thai Baht",
	"TJS": "Tajikistani Somoni",
	"TMT": "Turkmenistani Manat",
	"TND": "Tunisian Dinar",
	"TOP": "Tongan Pa'anga",
	"TRY": "Turkish Lira",
	"TTD": "Trinidad and Tobago Dollar",
	"TWD": "New Taiwan Dollar",
	"TZS": "Tanzanian Shilling",
	"UAH": "Ukrainian Hryvnia",
	"UGX": "Ugandan Shilling",
	"USD": "US Dollar",
	"UYU": "Uruguayan Peso",
	"UZS": "Uzbekistani Som",
	"VND": "Vietnamese Dong",
	"VUV": "Vanuatu Vatu",
	"WST": "Samoan Tala",
	"XAF": "Central African CFA Franc",
	"XCD": "East Caribbean Dollar",
	"XOF": "West African CFA Franc",
	"XPF": "CFP Franc",
	"YER": "Yemeni Rial",
	"ZAR": "South African Rand",
	"ZMW": "Zambian Kwacha",
}

// currencyList is every currency x/text knows as legal tender today (by its
// CLDR tables), less notTender and withdrawn codes, sorted by code.
var currencyList = sync.OnceValue(func() []CurrencyInfo {
	seen := make(map[string]bool)
	var list []CurrencyInfo
	for it := currency.Query(); it.Next(); {
		u := it.Unit()
		code := u.String()
		if seen[code] || notTender[code] || withdrawn[code] {
			continue
		}
		seen[code] = true
		scale, _ := currency.Standard.Rounding(u)
		list = append(list, CurrencyInfo{Code: code, Name: currencyNames[code], Places: int32(scale)})
	}
	slices.SortFunc(list, func(a, b CurrencyInfo) int { return strings.Compare(a.Code, b.Code) })
	return list
})

// Currencies returns every active ISO 4217 currency that is legal tender
// somewhere, with its English name and places, sorted by code. The caller
// may modify the slice.
func Currencies() []CurrencyInfo {
	return slices.Clone(currencyList())
}

// CurrencyName returns the English name of the currency code, ignoring case
// and surrounding space, or "" if the code is not one of Currencies.
func CurrencyName(code string) string {
	return currencyNames[strings.ToUpper(strings.TrimSpace(code))]
}

// SearchCurrencies returns the currencies whose code starts with query or
// whose name has, for every word of query, a word starting with it, ignoring
// case: "eur" and "euro" find EUR, "yen" JPY, "real" BRL, "dollar" every
// dollar. A code equal to query comes first, then the common currencies in
// the order of CommonCurrencies, then the rest by code. An empty query
// returns all currencies, the common ones first.
func SearchCurrencies(query string) []CurrencyInfo {
	words := currencyWords(query)
	code := strings.ToUpper(strings.Join(words, ""))
	var exact, common, rest []CurrencyInfo
	for _, c := range currencyList() {
		switch {
		case c.Code == code:
			exact = append(exact, c)
		case !strings.HasPrefix(c.Code, code) && !nameMatches(currencyWords(c.Name), words):
		case slices.Contains(commonCurrencies, c.Code):
			common = append(common, c)
		default:
			rest = append(rest, c)
		}
	}
	slices.SortFunc(common, func(a, b CurrencyInfo) int {
		return slices.Index(commonCurrencies, a.Code) - slices.Index(commonCurrencies, b.Code)
	})
	return slices.Concat(exact, common, rest)
}

// currencyWords splits s into lower-case words of letters and digits.
func currencyWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// nameMatches reports whether every query word starts some word of the name.
func nameMatches(name, query []string) bool {
	for _, q := range query {
		if !slices.ContainsFunc(name, func(w string) bool { return strings.HasPrefix(w, q) }) {
			return false
		}
	}
	return true
}
