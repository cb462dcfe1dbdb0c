package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// readmeKeyRow is one row of README.md's keyboard table.
type readmeKeyRow struct {
	keys []string // "F2", "Enter", "double click"
	menu string   // "Customer › Adjust…", or "" for keys without a menu item
}

// readmeKeyTable reads the table under "### Keyboard" in README.md.
func readmeKeyTable(t *testing.T) []readmeKeyRow {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	at := strings.Index(text, "### Keyboard\n")
	if at < 0 {
		t.Fatal("README.md has no ### Keyboard section")
	}
	var rows []readmeKeyRow
	inTable := false
	for _, line := range strings.Split(text[at:], "\n")[1:] {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			if inTable {
				break
			}
			continue
		}
		inTable = true
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) != 3 {
			t.Fatalf("README keyboard row %q has %d cells, want Keys | Menu | Does", line, len(cells))
		}
		if cells[0] == "Keys" || strings.Trim(cells[0], "-") == "" {
			continue // the header and its rule
		}
		rows = append(rows, readmeKeyRow{keys: strings.Split(cells[0], ", "), menu: cells[1]})
	}
	if len(rows) == 0 {
		t.Fatal("README.md's keyboard table is empty")
	}
	return rows
}

// keyText writes a menu shortcut the way the README does: Ctrl+Shift+M.
func keyText(s fyne.Shortcut) string {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return s.ShortcutName()
	}
	var parts []string
	if cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		parts = append(parts, "Ctrl") // Cmd on a Mac
	}
	if cs.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if cs.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	return strings.Join(append(parts, string(cs.KeyName)), "+")
}

// TestReadmeKeyboardTableMatchesMenus builds the signed-in menus (as the
// root, who is offered everything) and checks README.md's keyboard table
// against them both ways: every menu item has a key and a row naming it
// with that key, and every row naming a menu item names one that exists
// with the key it says. The languages under View › Language (a submenu of
// choices) are the one exception the README states.
func TestReadmeKeyboardTableMatchesMenus(t *testing.T) {
	c, _ := setUpRoot(t, "no")
	rows := readmeKeyTable(t)

	menuKeys := map[string]string{} // "Customer › Adjust…" → "F2"
	for _, m := range c.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.IsSeparator || it.ChildMenu != nil {
				continue
			}
			name := m.Label + " › " + it.Label
			if it.Shortcut == nil {
				t.Errorf("menu item %s has no keyboard shortcut", name)
				continue
			}
			menuKeys[name] = keyText(it.Shortcut)
		}
	}

	documented := map[string]bool{}
	usedKeys := map[string]string{}
	for _, r := range rows {
		if r.menu == "" {
			continue
		}
		documented[r.menu] = true
		key, ok := menuKeys[r.menu]
		if !ok {
			t.Errorf("README row %q names no menu item", r.menu)
			continue
		}
		if r.keys[0] != key {
			t.Errorf("README gives %s the key %q, the menu has %q", r.menu, r.keys[0], key)
		}
	}
	for name, key := range menuKeys {
		if !documented[name] {
			t.Errorf("menu item %s (%s) is missing from README.md's keyboard table", name, key)
		}
		if other, ok := usedKeys[key]; ok {
			t.Errorf("%s is the key of both %s and %s", key, other, name)
		}
		usedKeys[key] = name
	}
}
