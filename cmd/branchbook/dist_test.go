package main

import (
	"bytes"
	"debug/pe"
	encbinary "encoding/binary"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestWindowsPackage checks the Windows release build that "make dist"
// cross-compiles: a GUI program for amd64 with the icon, version and
// manifest resources, that needs no MinGW DLL next to it. It runs only when
// BRANCHBOOK_DIST names the .exe, as "make dist-check" does; there
// BRANCHBOOK_DIST_VERSION is the version given by -ldflags and
// BRANCHBOOK_DIST_APP_VERSION the file version (x.y.z.build).
func TestWindowsPackage(t *testing.T) {
	path := os.Getenv("BRANCHBOOK_DIST")
	if path == "" {
		t.Skip("BRANCHBOOK_DIST is not set; make dist-check sets it to dist/Branchbook.exe")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pe.NewFile(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s is not a PE file: %v", path, err)
	}
	defer f.Close()

	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x, want amd64 (%#x)", f.Machine, pe.IMAGE_FILE_MACHINE_AMD64)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatalf("optional header %T, want PE32+", f.OptionalHeader)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want the GUI subsystem (%d): built without -H windowsgui", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	if f.Section(".symtab") != nil || f.Section(".debug_info") != nil || f.Section(".zdebug_info") != nil {
		t.Errorf("symbols or DWARF present: not a release build (-s -w)")
	}

	// debug/pe's ImportedLibraries is a stub; the DLLs are named by the
	// imported symbols ("name:dll").
	syms, err := f.ImportedSymbols()
	if err != nil {
		t.Fatal(err)
	}
	var libs []string
	seen := map[string]bool{}
	for _, s := range syms {
		if _, dll, ok := strings.Cut(s, ":"); ok && !seen[strings.ToLower(dll)] {
			seen[strings.ToLower(dll)] = true
			libs = append(libs, dll)
		}
	}
	hasGL := false
	for _, l := range libs {
		l = strings.ToLower(l)
		if l == "opengl32.dll" {
			hasGL = true
		}
		// A MinGW runtime DLL is not on the user's machine.
		if strings.HasPrefix(l, "lib") {
			t.Errorf("imports %s, which Windows does not have", l)
		}
	}
	if !hasGL {
		t.Errorf("does not import opengl32.dll (imports %v): built without cgo?", libs)
	}
	t.Logf("imports %s", strings.Join(libs, " "))

	res := readResources(t, f)
	const (
		rtIcon      = 3
		rtGroupIcon = 14
		rtVersion   = 16
		rtManifest  = 24
	)
	for _, typ := range []uint32{rtIcon, rtGroupIcon, rtVersion, rtManifest} {
		if len(res[typ]) == 0 {
			t.Errorf("no resource of type %d (have %v)", typ, resourceTypes(res))
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	// The group icon names icons that exist.
	group := res[rtGroupIcon][0].data
	if len(group) < 6 || encbinary.LittleEndian.Uint16(group[2:]) != 1 {
		t.Fatalf("group icon header % x", group[:min(len(group), 6)])
	}
	icons := map[uint32][]byte{}
	for _, r := range res[rtIcon] {
		icons[r.id] = r.data
	}
	var sizes []string
	n := int(encbinary.LittleEndian.Uint16(group[4:]))
	for i := 0; i < n; i++ {
		e := group[6+14*i:]
		w, h := int(e[0]), int(e[1])
		if w == 0 {
			w = 256
		}
		if h == 0 {
			h = 256
		}
		id := uint32(encbinary.LittleEndian.Uint16(e[12:]))
		if len(icons[id]) == 0 {
			t.Errorf("the group icon names icon %d, which is missing", id)
		}
		sizes = append(sizes, fmt.Sprintf("%dx%d", w, h))
	}
	if n == 0 {
		t.Error("the group icon is empty")
	}
	t.Logf("icon %s", strings.Join(sizes, " "))

	// The version resource: fixed file version and the product name.
	ver := res[rtVersion][0].data
	sig := bytes.Index(ver, []byte{0xbd, 0x04, 0xef, 0xfe})
	if sig < 0 || len(ver) < sig+16 {
		t.Fatal("no VS_FIXEDFILEINFO in the version resource")
	}
	ms := encbinary.LittleEndian.Uint32(ver[sig+8:])
	ls := encbinary.LittleEndian.Uint32(ver[sig+12:])
	fileVersion := fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff)
	if want := os.Getenv("BRANCHBOOK_DIST_APP_VERSION"); want != "" && fileVersion != want {
		t.Errorf("file version %s, want %s", fileVersion, want)
	}
	if !bytes.Contains(ver, utf16le("Branchbook")) {
		t.Error("the version resource does not name Branchbook")
	}
	t.Logf("file version %s", fileVersion)

	if !bytes.Contains(res[rtManifest][0].data, []byte("<assembly")) {
		t.Error("the manifest is not an assembly manifest")
	}

	if want := os.Getenv("BRANCHBOOK_DIST_VERSION"); want != "" {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("version %q (from -ldflags) is not in the binary", want)
		}
		t.Logf("version %s", want)
	}
}

type resource struct {
	typ, id uint32
	data    []byte
}

// readResources reads the .rsrc section's tree (type, id, language) and
// returns its leaves by type.
func readResources(t *testing.T, f *pe.File) map[uint32][]resource {
	t.Helper()
	s := f.Section(".rsrc")
	if s == nil {
		t.Fatal("no .rsrc section: no icon or version resource")
	}
	sec, err := s.Data()
	if err != nil {
		t.Fatal(err)
	}
	out := map[uint32][]resource{}
	var walk func(off uint32, depth int, typ, id uint32)
	walk = func(off uint32, depth int, typ, id uint32) {
		if depth > 3 || int(off)+16 > len(sec) {
			t.Fatalf("bad resource directory at %#x", off)
		}
		named := int(encbinary.LittleEndian.Uint16(sec[off+12:]))
		ids := int(encbinary.LittleEndian.Uint16(sec[off+14:]))
		for i := 0; i < named+ids; i++ {
			e := off + 16 + uint32(8*i)
			if int(e)+8 > len(sec) {
				t.Fatalf("bad resource entry at %#x", e)
			}
			name := encbinary.LittleEndian.Uint32(sec[e:])
			target := encbinary.LittleEndian.Uint32(sec[e+4:])
			typ, id := typ, id
			switch depth {
			case 0:
				typ = name
			case 1:
				id = name
			}
			if target&0x80000000 != 0 {
				walk(target&0x7fffffff, depth+1, typ, id)
				continue
			}
			if int(target)+8 > len(sec) {
				t.Fatalf("bad resource data entry at %#x", target)
			}
			rva := encbinary.LittleEndian.Uint32(sec[target:])
			size := encbinary.LittleEndian.Uint32(sec[target+4:])
			start := rva - s.VirtualAddress
			if rva < s.VirtualAddress || int(start)+int(size) > len(sec) {
				t.Fatalf("resource %d/%d outside .rsrc", typ, id)
			}
			out[typ] = append(out[typ], resource{typ: typ, id: id, data: sec[start : start+size]})
		}
	}
	walk(0, 0, 0, 0)
	return out
}

func resourceTypes(res map[uint32][]resource) []uint32 {
	var types []uint32
	for typ := range res {
		types = append(types, typ)
	}
	return types
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range utf16.Encode([]rune(s)) {
		b = encbinary.LittleEndian.AppendUint16(b, r)
	}
	return b
}
