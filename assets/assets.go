// Package assets holds Branchbook's embedded static files: the application
// icon as a 512x512 PNG, ready to use as a Fyne resource, and the SVG source
// it is rendered from.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// IconSVG is the source of the application icon, in SVG.
//
//go:embed icon.svg
var IconSVG []byte

// Icon is the application icon as a 512x512 PNG resource.
var Icon = &fyne.StaticResource{StaticName: "icon.png", StaticContent: iconPNG}
