package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/branchbook/branchbook/model"
	"github.com/branchbook/branchbook/ui/internal/uitest"
)

// rowOf is the tree's row of a customer (the zero row when the tree has
// not read it).
func rowOf(c *Controller, id model.ID) model.CustomerRow {
	r, _ := c.customers.Tree().Row(id)
	return r
}

// idOf is the id in a tree node ("12", or "a34" for an account leaf).
func idOf(t *testing.T, uid string) model.ID {
	t.Helper()
	if uid != "" && (uid[0] == 'a' || uid[0] == 'm') {
		uid = uid[1:]
	}
	n, err := strconv.ParseInt(uid, 10, 64)
	if err != nil {
		t.Fatalf("tree node %q: %v", uid, err)
	}
	return model.ID(n)
}

// labelTexts are the texts of every label drawn in o.
func labelTexts(o fyne.CanvasObject) []string {
	var texts []string
	uitest.Walk(o, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
		return false
	})
	return texts
}
