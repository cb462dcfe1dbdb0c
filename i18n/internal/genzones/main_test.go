package main

import "testing"

func TestKeep(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Europe/Berlin", true},
		{"America/Argentina/Buenos_Aires", true},
		{"Etc/GMT+1", true},
		{"UTC", true},
		{"Factory", false},
		{"posixrules", false},
		{"localtime", false},
		{"posix/Europe/Berlin", false},
		{"right/UTC", false},
		{"zone1970.tab", false},
		{"tzdata.zi", false},
		{"", false},
		{"Europe/", false},
		{"../etc/passwd", false},
	}
	for _, tt := range tests {
		if got := keep(tt.name); got != tt.want {
			t.Errorf("keep(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
