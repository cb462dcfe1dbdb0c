// Package fonts holds the fonts Branchbook ships, as plain TrueType bytes
// embedded in the binary, so that the window (ui) and the documents
// (documents) share one copy of each file:
//
//   - NotoSansRegular and NotoSansBold: Noto Sans 2.000 (© 2015 Google
//     Inc., SIL Open Font License 1.1, OFL-NotoSans.txt), the same files
//     Fyne 2.7.1 draws with: Latin, Greek and Cyrillic. The documents
//     print with them.
//   - CJK and Names: two fonts cut from Droid Sans Fallback Full (© Google
//     Corp., Apache License 2.0, LICENSE; NOTICE says what was changed and
//     subset.py makes them again): the CJK ideographs, punctuation and
//     fullwidth forms, and only the characters of "中文（简体）".
//
// docs/fonts.md says why these and how each is used. The package only
// holds bytes: it imports nothing and parses nothing.
package fonts

import _ "embed"

// NotoSansRegular is Noto Sans Regular.
//
//go:embed NotoSans-Regular.ttf
var NotoSansRegular []byte

// NotoSansBold is Noto Sans Bold.
//
//go:embed NotoSans-Bold.ttf
var NotoSansBold []byte

// CJK is DroidSansFallback-CJK.ttf (2.9 MB): Chinese, with no character
// Noto Sans has but the space, scaled to Noto Sans's metrics.
//
//go:embed DroidSansFallback-CJK.ttf
var CJK []byte

// Names is DroidSansFallback-names.ttf (2 KB): the characters of
// "中文（简体）" and the space.
//
//go:embed DroidSansFallback-names.ttf
var Names []byte
