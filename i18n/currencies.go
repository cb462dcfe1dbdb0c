package i18n

import (
	"slices"
	"strings"
	"unicode"
)

// CurrencyInfo names one ISO 4217 currency for pickers. Which codes exist
// and their minor units are model's (model.Currencies, MinorUnits, from
// github.com/bojanz/currency); this package only names them.
type CurrencyInfo struct {
	Code string // ISO 4217 code, "EUR"
	Name string // English name, "Euro"
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

// currencyNames gives the English name of every code model.Currencies
// returns (ui's tests check that), and of the codes ISO 4217 has withdrawn
// that files of earlier versions may hold, so those still show a name.
var currencyNames = map[string]string{
	"AED": "UAE Dirham",
	"AFN": "Afghan Afghani",
	"ALL": "Albanian Lek",
	"AMD": "Armenian Dram",
	"ANG": "Netherlands Antillean Guilder (withdrawn)",
	"AOA": "Angolan Kwanza",
	"ARS": "Argentine Peso",
	"AUD": "Australian Dollar",
	"AWG": "Aruban Florin",
	"AZN": "Azerbaijani Manat",
	"BAM": "Bosnia-Herzegovina Convertible Mark",
	"BBD": "Barbadian Dollar",
	"BDT": "Bangladeshi Taka",
	"BGN": "Bulgarian Lev (withdrawn)",
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
	"CUC": "Cuban Convertible Peso (withdrawn)",
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
	"HRK": "Croatian Kuna (withdrawn)",
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
	"MRO": "Mauritanian Ouguiya (1973-2017)",
	"MRU": "Mauritanian Ouguiya",
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
	"SLE": "Sierra Leonean Leone",
	"SLL": "Sierra Leonean Leone (1964-2022)",
	"SOS": "Somali Shilling",
	"SRD": "Surinamese Dollar",
	"SSP": "South Sudanese Pound",
	"STN": "Sao Tome and Principe Dobra",
	"SVC": "Salvadoran Colon",
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
	"VED": "Venezuelan Digital Bolivar",
	"VEF": "Venezuelan Bolivar (2008-2018)",
	"VES": "Venezuelan Bolivar",
	"VND": "Vietnamese Dong",
	"VUV": "Vanuatu Vatu",
	"WST": "Samoan Tala",
	"XAF": "Central African CFA Franc",
	"XCD": "East Caribbean Dollar",
	"XCG": "Caribbean Guilder",
	"XOF": "West African CFA Franc",
	"XPF": "CFP Franc",
	"YER": "Yemeni Rial",
	"ZAR": "South African Rand",
	"ZMW": "Zambian Kwacha",
	"ZWG": "Zimbabwe Gold",
}

// CurrencyName returns the English name of the currency code, ignoring case
// and surrounding space, or "" if it has none.
func CurrencyName(code string) string {
	return currencyNames[strings.ToUpper(strings.TrimSpace(code))]
}

// SearchCurrencies returns those of codes whose code starts with query or
// whose name has, for every word of query, a word starting with it, ignoring
// case: "eur" and "euro" find EUR, "yen" JPY, "real" BRL, "dollar" every
// dollar. A code equal to query comes first, then the common currencies in
// the order of CommonCurrencies, then the rest in the order of codes. An
// empty query returns all codes, the common ones first.
func SearchCurrencies(codes []string, query string) []CurrencyInfo {
	words := currencyWords(query)
	code := strings.ToUpper(strings.Join(words, ""))
	var exact, common, rest []CurrencyInfo
	for _, c := range codes {
		info := CurrencyInfo{Code: c, Name: currencyNames[c]}
		switch {
		case c == code:
			exact = append(exact, info)
		case !strings.HasPrefix(c, code) && !nameMatches(currencyWords(info.Name), words):
		case slices.Contains(commonCurrencies, c):
			common = append(common, info)
		default:
			rest = append(rest, info)
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
