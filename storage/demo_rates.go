package storage

// demoCountry is one destination of the demo's rate decks: a country
// code with a wholesale price per minute in millionths of a USD for its
// fixed lines and for its mobile ranges, and the prefixes of its mobile
// ranges and of a few big cities. The codes and ranges are the real ones
// (ITU-T E.164 and the national plans); the prices are plausible
// wholesale prices, not any carrier's.
type demoCountry struct {
	code           string
	name           string
	fixed, mobile  int64 // USD micros per minute
	mobiles, areas []string
	weight         int // how often the demo calls it (0: rarely)
}

var demoCountries = []demoCountry{
	// North America (NANP) and the Caribbean, which shares +1.
	{code: "1", name: "United States and Canada", fixed: 4_000, mobile: 4_000, weight: 40,
		areas: []string{"1212", "1213", "1312", "1415", "1305", "1202", "1617", "1713", "1404", "1416", "1604", "1514"}},
	{code: "1876", name: "Jamaica", fixed: 95_000, mobile: 160_000, weight: 1},
	{code: "1809", name: "Dominican Republic", fixed: 45_000, mobile: 80_000, weight: 1, areas: []string{"1829", "1849"}},
	{code: "1787", name: "Puerto Rico", fixed: 9_000, mobile: 9_000},
	{code: "1868", name: "Trinidad and Tobago", fixed: 70_000, mobile: 120_000},
	{code: "1242", name: "Bahamas", fixed: 60_000, mobile: 110_000},
	{code: "1246", name: "Barbados", fixed: 90_000, mobile: 140_000},
	// Europe.
	{code: "44", name: "United Kingdom", fixed: 6_000, mobile: 14_000, weight: 30,
		mobiles: []string{"447", "4474", "4475", "4477", "4478", "4479"},
		areas:   []string{"4420", "44121", "44161", "44131", "44141", "44113", "44117"}},
	{code: "4470", name: "United Kingdom personal numbers", fixed: 250_000, mobile: 250_000},
	{code: "49", name: "Germany", fixed: 7_000, mobile: 35_000, weight: 25,
		mobiles: []string{"4915", "4916", "4917"}, areas: []string{"4930", "4940", "4989", "4969", "49221", "49711"}},
	{code: "33", name: "France", fixed: 8_000, mobile: 28_000, weight: 20,
		mobiles: []string{"336", "337"}, areas: []string{"331", "334", "335"}},
	{code: "34", name: "Spain", fixed: 7_500, mobile: 22_000, weight: 12,
		mobiles: []string{"346", "347"}, areas: []string{"3491", "3493", "3495"}},
	{code: "39", name: "Italy", fixed: 8_000, mobile: 25_000, weight: 12,
		mobiles: []string{"393"}, areas: []string{"3906", "3902", "39081"}},
	{code: "31", name: "Netherlands", fixed: 9_000, mobile: 45_000, weight: 6, mobiles: []string{"316"}, areas: []string{"3120", "3110"}},
	{code: "32", name: "Belgium", fixed: 10_000, mobile: 40_000, weight: 4, mobiles: []string{"324"}, areas: []string{"322"}},
	{code: "41", name: "Switzerland", fixed: 12_000, mobile: 90_000, weight: 5,
		mobiles: []string{"4175", "4176", "4177", "4178", "4179"}, areas: []string{"4144", "4122"}},
	{code: "43", name: "Austria", fixed: 10_000, mobile: 50_000, weight: 4, mobiles: []string{"4366", "4367", "4368", "4369"}, areas: []string{"431"}},
	{code: "45", name: "Denmark", fixed: 9_000, mobile: 30_000, weight: 2},
	{code: "46", name: "Sweden", fixed: 8_000, mobile: 30_000, weight: 3, mobiles: []string{"467"}, areas: []string{"468"}},
	{code: "47", name: "Norway", fixed: 9_000, mobile: 35_000, weight: 2, mobiles: []string{"474", "479"}},
	{code: "358", name: "Finland", fixed: 25_000, mobile: 60_000, weight: 1, mobiles: []string{"35840", "35850"}},
	{code: "48", name: "Poland", fixed: 8_000, mobile: 18_000, weight: 6,
		mobiles: []string{"4850", "4851", "4853", "4857", "4860", "4866", "4869", "4872", "4878", "4879", "4888"}, areas: []string{"4822"}},
	{code: "420", name: "Czech Republic", fixed: 9_000, mobile: 30_000, weight: 2, mobiles: []string{"4206", "4207"}},
	{code: "421", name: "Slovakia", fixed: 15_000, mobile: 45_000, mobiles: []string{"4219"}},
	{code: "36", name: "Hungary", fixed: 10_000, mobile: 40_000, weight: 1, mobiles: []string{"3620", "3630", "3670"}},
	{code: "40", name: "Romania", fixed: 12_000, mobile: 38_000, weight: 3, mobiles: []string{"407"}},
	{code: "359", name: "Bulgaria", fixed: 20_000, mobile: 70_000, weight: 1, mobiles: []string{"35987", "35988", "35989"}},
	{code: "30", name: "Greece", fixed: 9_000, mobile: 30_000, weight: 2, mobiles: []string{"3069"}, areas: []string{"30210"}},
	{code: "351", name: "Portugal", fixed: 8_000, mobile: 25_000, weight: 3, mobiles: []string{"3519"}},
	{code: "353", name: "Ireland", fixed: 10_000, mobile: 35_000, weight: 2, mobiles: []string{"3538"}},
	{code: "352", name: "Luxembourg", fixed: 12_000, mobile: 60_000},
	{code: "354", name: "Iceland", fixed: 30_000, mobile: 60_000},
	{code: "356", name: "Malta", fixed: 30_000, mobile: 90_000},
	{code: "357", name: "Cyprus", fixed: 20_000, mobile: 40_000},
	{code: "370", name: "Lithuania", fixed: 30_000, mobile: 110_000},
	{code: "371", name: "Latvia", fixed: 40_000, mobile: 120_000},
	{code: "372", name: "Estonia", fixed: 40_000, mobile: 150_000},
	{code: "373", name: "Moldova", fixed: 90_000, mobile: 140_000},
	{code: "374", name: "Armenia", fixed: 60_000, mobile: 110_000},
	{code: "375", name: "Belarus", fixed: 120_000, mobile: 160_000},
	{code: "380", name: "Ukraine", fixed: 50_000, mobile: 90_000, weight: 3,
		mobiles: []string{"38050", "38063", "38066", "38067", "38068", "38073", "38093", "38095", "38096", "38097", "38098", "38099"},
		areas:   []string{"38044"}},
	{code: "381", name: "Serbia", fixed: 25_000, mobile: 110_000, mobiles: []string{"3816"}},
	{code: "385", name: "Croatia", fixed: 20_000, mobile: 80_000, mobiles: []string{"3859"}},
	{code: "386", name: "Slovenia", fixed: 25_000, mobile: 120_000},
	{code: "387", name: "Bosnia and Herzegovina", fixed: 80_000, mobile: 180_000},
	{code: "389", name: "North Macedonia", fixed: 60_000, mobile: 140_000},
	{code: "355", name: "Albania", fixed: 90_000, mobile: 200_000},
	{code: "377", name: "Monaco", fixed: 30_000, mobile: 250_000},
	{code: "423", name: "Liechtenstein", fixed: 40_000, mobile: 300_000},
	{code: "7", name: "Russia", fixed: 20_000, mobile: 45_000, weight: 5,
		mobiles: []string{"79"}, areas: []string{"7495", "7499", "7812"}},
	{code: "76", name: "Kazakhstan", fixed: 60_000, mobile: 90_000, mobiles: []string{"77"}},
	{code: "90", name: "Turkey", fixed: 15_000, mobile: 60_000, weight: 4, mobiles: []string{"905"}, areas: []string{"90212", "90312"}},
	{code: "995", name: "Georgia", fixed: 80_000, mobile: 120_000},
	{code: "994", name: "Azerbaijan", fixed: 150_000, mobile: 200_000},
	// Asia and the Pacific.
	{code: "81", name: "Japan", fixed: 15_000, mobile: 70_000, weight: 6,
		mobiles: []string{"8170", "8180", "8190"}, areas: []string{"813", "816"}},
	{code: "86", name: "China", fixed: 8_000, mobile: 8_000, weight: 10,
		mobiles: []string{"8613", "8615", "8617", "8618", "8619"}, areas: []string{"8610", "8621", "8620"}},
	{code: "852", name: "Hong Kong", fixed: 7_000, mobile: 7_000, weight: 3},
	{code: "853", name: "Macau", fixed: 40_000, mobile: 40_000},
	{code: "886", name: "Taiwan", fixed: 15_000, mobile: 60_000, weight: 1, mobiles: []string{"8869"}},
	{code: "82", name: "South Korea", fixed: 12_000, mobile: 25_000, weight: 3, mobiles: []string{"8210"}, areas: []string{"822"}},
	{code: "91", name: "India", fixed: 18_000, mobile: 15_000, weight: 15,
		mobiles: []string{"916", "917", "918", "919", "9198", "9199"}, areas: []string{"9111", "9122", "9180"}},
	{code: "92", name: "Pakistan", fixed: 70_000, mobile: 95_000, weight: 4, mobiles: []string{"923"}},
	{code: "880", name: "Bangladesh", fixed: 30_000, mobile: 30_000, weight: 3, mobiles: []string{"8801"}},
	{code: "94", name: "Sri Lanka", fixed: 90_000, mobile: 110_000, mobiles: []string{"947"}},
	{code: "977", name: "Nepal", fixed: 120_000, mobile: 140_000, weight: 1},
	{code: "62", name: "Indonesia", fixed: 40_000, mobile: 60_000, weight: 3, mobiles: []string{"628"}, areas: []string{"6221"}},
	{code: "60", name: "Malaysia", fixed: 15_000, mobile: 25_000, weight: 2, mobiles: []string{"601"}},
	{code: "65", name: "Singapore", fixed: 8_000, mobile: 8_000, weight: 2, mobiles: []string{"658", "659"}},
	{code: "66", name: "Thailand", fixed: 20_000, mobile: 20_000, weight: 2, mobiles: []string{"666", "668", "669"}},
	{code: "84", name: "Vietnam", fixed: 60_000, mobile: 70_000, weight: 2, mobiles: []string{"843", "847", "848", "849"}},
	{code: "63", name: "Philippines", fixed: 120_000, mobile: 150_000, weight: 4, mobiles: []string{"639"}},
	{code: "855", name: "Cambodia", fixed: 60_000, mobile: 80_000},
	{code: "856", name: "Laos", fixed: 60_000, mobile: 60_000},
	{code: "95", name: "Myanmar", fixed: 180_000, mobile: 200_000},
	{code: "976", name: "Mongolia", fixed: 30_000, mobile: 30_000},
	{code: "93", name: "Afghanistan", fixed: 220_000, mobile: 240_000},
	{code: "998", name: "Uzbekistan", fixed: 90_000, mobile: 90_000},
	{code: "996", name: "Kyrgyzstan", fixed: 100_000, mobile: 110_000},
	{code: "992", name: "Tajikistan", fixed: 150_000, mobile: 150_000},
	{code: "993", name: "Turkmenistan", fixed: 100_000, mobile: 120_000},
	{code: "960", name: "Maldives", fixed: 300_000, mobile: 350_000},
	{code: "61", name: "Australia", fixed: 9_000, mobile: 30_000, weight: 5,
		mobiles: []string{"614"}, areas: []string{"612", "613", "617", "618"}},
	{code: "64", name: "New Zealand", fixed: 12_000, mobile: 60_000, weight: 1, mobiles: []string{"6421", "6422", "6427"}},
	{code: "679", name: "Fiji", fixed: 200_000, mobile: 250_000},
	{code: "675", name: "Papua New Guinea", fixed: 500_000, mobile: 700_000},
	{code: "685", name: "Samoa", fixed: 400_000, mobile: 450_000},
	{code: "676", name: "Tonga", fixed: 400_000, mobile: 450_000},
	// The Middle East.
	{code: "972", name: "Israel", fixed: 10_000, mobile: 25_000, weight: 2, mobiles: []string{"9725"}},
	{code: "966", name: "Saudi Arabia", fixed: 90_000, mobile: 150_000, weight: 3, mobiles: []string{"9665"}},
	{code: "971", name: "United Arab Emirates", fixed: 120_000, mobile: 150_000, weight: 3, mobiles: []string{"9715"}},
	{code: "965", name: "Kuwait", fixed: 60_000, mobile: 80_000, weight: 1},
	{code: "974", name: "Qatar", fixed: 150_000, mobile: 180_000},
	{code: "973", name: "Bahrain", fixed: 80_000, mobile: 100_000},
	{code: "968", name: "Oman", fixed: 200_000, mobile: 220_000},
	{code: "962", name: "Jordan", fixed: 150_000, mobile: 200_000, mobiles: []string{"9627"}},
	{code: "961", name: "Lebanon", fixed: 150_000, mobile: 220_000},
	{code: "964", name: "Iraq", fixed: 120_000, mobile: 130_000, mobiles: []string{"9647"}},
	{code: "98", name: "Iran", fixed: 110_000, mobile: 140_000, mobiles: []string{"989"}},
	{code: "963", name: "Syria", fixed: 250_000, mobile: 280_000},
	{code: "967", name: "Yemen", fixed: 250_000, mobile: 250_000},
	// Africa.
	{code: "20", name: "Egypt", fixed: 110_000, mobile: 130_000, weight: 2, mobiles: []string{"201"}},
	{code: "27", name: "South Africa", fixed: 20_000, mobile: 60_000, weight: 2, mobiles: []string{"276", "277", "278"}, areas: []string{"2711", "2721"}},
	{code: "234", name: "Nigeria", fixed: 90_000, mobile: 100_000, weight: 3, mobiles: []string{"2347", "2348", "2349"}},
	{code: "254", name: "Kenya", fixed: 90_000, mobile: 110_000, weight: 1, mobiles: []string{"2547"}},
	{code: "233", name: "Ghana", fixed: 180_000, mobile: 200_000, weight: 1, mobiles: []string{"2332", "2335"}},
	{code: "212", name: "Morocco", fixed: 80_000, mobile: 280_000, weight: 1, mobiles: []string{"2126", "2127"}},
	{code: "213", name: "Algeria", fixed: 90_000, mobile: 350_000, weight: 1, mobiles: []string{"2135", "2136", "2137"}},
	{code: "216", name: "Tunisia", fixed: 250_000, mobile: 300_000},
	{code: "218", name: "Libya", fixed: 200_000, mobile: 250_000},
	{code: "251", name: "Ethiopia", fixed: 250_000, mobile: 280_000, mobiles: []string{"2519"}},
	{code: "255", name: "Tanzania", fixed: 200_000, mobile: 250_000},
	{code: "256", name: "Uganda", fixed: 200_000, mobile: 240_000},
	{code: "250", name: "Rwanda", fixed: 250_000, mobile: 250_000},
	{code: "221", name: "Senegal", fixed: 200_000, mobile: 300_000},
	{code: "223", name: "Mali", fixed: 300_000, mobile: 380_000},
	{code: "225", name: "Côte d'Ivoire", fixed: 250_000, mobile: 300_000},
	{code: "237", name: "Cameroon", fixed: 250_000, mobile: 300_000},
	{code: "243", name: "DR Congo", fixed: 350_000, mobile: 400_000},
	{code: "244", name: "Angola", fixed: 100_000, mobile: 150_000},
	{code: "249", name: "Sudan", fixed: 300_000, mobile: 320_000},
	{code: "252", name: "Somalia", fixed: 700_000, mobile: 800_000},
	{code: "258", name: "Mozambique", fixed: 150_000, mobile: 250_000},
	{code: "260", name: "Zambia", fixed: 200_000, mobile: 250_000},
	{code: "261", name: "Madagascar", fixed: 400_000, mobile: 450_000},
	{code: "263", name: "Zimbabwe", fixed: 250_000, mobile: 300_000},
	// Latin America.
	{code: "52", name: "Mexico", fixed: 8_000, mobile: 15_000, weight: 8, mobiles: []string{"521"}, areas: []string{"5255", "5233", "5281"}},
	{code: "55", name: "Brazil", fixed: 12_000, mobile: 45_000, weight: 8,
		mobiles: []string{"55119", "55219", "55319", "55419", "55519", "55619"}, areas: []string{"5511", "5521", "5531", "5541", "5551", "5561"}},
	{code: "54", name: "Argentina", fixed: 15_000, mobile: 70_000, weight: 3, mobiles: []string{"549"}, areas: []string{"5411"}},
	{code: "56", name: "Chile", fixed: 15_000, mobile: 30_000, weight: 2, mobiles: []string{"569"}, areas: []string{"562"}},
	{code: "57", name: "Colombia", fixed: 20_000, mobile: 30_000, weight: 3, mobiles: []string{"573"}, areas: []string{"571"}},
	{code: "51", name: "Peru", fixed: 15_000, mobile: 40_000, weight: 2, mobiles: []string{"519"}, areas: []string{"511"}},
	{code: "58", name: "Venezuela", fixed: 30_000, mobile: 120_000, weight: 1, mobiles: []string{"584"}},
	{code: "593", name: "Ecuador", fixed: 90_000, mobile: 150_000, mobiles: []string{"5939"}},
	{code: "591", name: "Bolivia", fixed: 120_000, mobile: 130_000},
	{code: "598", name: "Uruguay", fixed: 90_000, mobile: 200_000},
	{code: "595", name: "Paraguay", fixed: 60_000, mobile: 80_000},
	{code: "502", name: "Guatemala", fixed: 120_000, mobile: 140_000},
	{code: "503", name: "El Salvador", fixed: 100_000, mobile: 140_000},
	{code: "504", name: "Honduras", fixed: 150_000, mobile: 200_000},
	{code: "505", name: "Nicaragua", fixed: 150_000, mobile: 200_000},
	{code: "506", name: "Costa Rica", fixed: 30_000, mobile: 60_000},
	{code: "507", name: "Panama", fixed: 30_000, mobile: 100_000},
	{code: "53", name: "Cuba", fixed: 700_000, mobile: 750_000},
	{code: "509", name: "Haiti", fixed: 250_000, mobile: 280_000},
	// Satellite networks: the dearest calls of any deck.
	{code: "870", name: "Inmarsat", fixed: 4_500_000, mobile: 4_500_000},
	{code: "8816", name: "Iridium", fixed: 6_000_000, mobile: 6_000_000, areas: []string{"8817"}},
	{code: "88216", name: "Thuraya", fixed: 1_800_000, mobile: 1_800_000},
}

// demoPrefix is one rate of every demo deck, priced for the first level.
type demoPrefix struct {
	prefix, name string
	usdMicros    int64
	weight       int
}

// demoPrefixes lists every prefix of the demo decks: each country's code,
// its mobile ranges and its cities, with a price per minute that varies a
// little from one range to the next, as real decks do. rnd gives the
// variation, so the same seed gives the same decks.
func demoPrefixes(jitter func(n int) int) []demoPrefix {
	var out []demoPrefix
	vary := func(usd int64) int64 { return usd + usd*int64(jitter(21)-10)/100 }
	for _, c := range demoCountries {
		out = append(out, demoPrefix{c.code, c.name, c.fixed, c.weight * 3})
		for _, m := range c.mobiles {
			out = append(out, demoPrefix{m, c.name + " mobile", vary(c.mobile), c.weight * 4})
		}
		for _, a := range c.areas {
			out = append(out, demoPrefix{a, c.name + " " + a, vary(c.fixed), c.weight * 2})
		}
	}
	return out
}
