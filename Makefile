# Branchbook. "make run" opens the window, "make test" runs every test.
# On Debian or Ubuntu the build packages are installed when missing (as root
# or through sudo); elsewhere the README says what to install.

GO      ?= go
TAGS    := migrated_fynedo
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1.0)
LDFLAGS := -X main.version=$(VERSION)

BUILD_DEBS := gcc pkg-config libgl1-mesa-dev xorg-dev
TEST_DEBS  := xvfb xdotool poppler-utils
SHOT_DEBS  := xvfb xdotool imagemagick python3

# need-debs installs the Debian packages in $(1) that are missing.
define need-debs
	@command -v dpkg >/dev/null 2>&1 || exit 0; \
	missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	else echo "Missing packages. Run as root: apt-get install -y$$missing"; exit 1; fi; \
	echo "Installing$$missing"; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null
endef

.PHONY: run build test bench soak deps test-deps fmt screenshots

run: deps
	$(GO) run -tags $(TAGS) -ldflags "$(LDFLAGS)" ./cmd/branchbook $(ARGS)

build: deps
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o branchbook ./cmd/branchbook

# storage and ui run under the race detector (they share goroutines with
# SQLite and Fyne); the rest runs without it, which keeps the suite well
# inside CI's time on two cores.
RACE_PKGS := ./storage/... ./ui/...

test: deps test-deps
	@unformatted=$$(gofmt -l .); [ -z "$$unformatted" ] || { echo "gofmt needed:"; echo "$$unformatted"; exit 1; }
	@! git grep -nE '^(<<<<<<<|>>>>>>>)( |$$)' -- ':!*.png' 2>/dev/null || { echo "merge markers left in the files above"; exit 1; }
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -race -tags $(TAGS) -count=1 -timeout 60m $(RACE_PKGS)
	BRANCHBOOK_E2E=1 $(GO) test -tags $(TAGS) -count=1 $$($(GO) list -tags $(TAGS) ./... | grep -v -e /storage -e /ui)

# The scale table (docs/benchmarks.md): demo files of 10,000, 100,000 and
# 1,000,000 customers, built once into the user's cache folder (minutes the
# first time), then every figure beside bare SQLite. The other benchmarks
# follow, the 100,000-card batch, the million calls, the 100,000-voucher
# batch, the redemptions on a million vouchers and the 10,000 invoices once.
bench: deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench '^BenchmarkScale$$' -benchtime 1x -timeout 90m ./ui/customers
	$(GO) test -tags $(TAGS) -run '^$$' -bench 'Generate100000Cards|ImportMillionCalls|Create100000Vouchers|RedeemVoucherMillion|InvoiceAll10000' -benchtime 1x -timeout 30m ./storage
	$(GO) test -tags $(TAGS) -run '^$$' -bench 'InvoiceBatch' -benchtime 1x -timeout 30m ./documents
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -skip 'Scale|Generate100000Cards|ImportMillionCalls|Create100000Vouchers|RedeemVoucherMillion|InvoiceAll10000|InvoiceBatch' -benchtime 20x ./...

# The long versions of the safety tests: 50 SIGKILLs of a writer, two
# writers for 10 s. Each prints one summary line.
soak: deps
	@BRANCHBOOK_SOAK=1 $(GO) test -tags $(TAGS) -count=1 -run 'Crash|TwoWriters' -v ./storage > soak.log 2>&1; \
	status=$$?; grep -E '^(crash|two writers):|^(ok|FAIL|--- )' soak.log; rm -f soak.log; exit $$status

deps:
	$(call need-debs,$(BUILD_DEBS))

test-deps:
	$(call need-debs,$(TEST_DEBS))

fmt:
	gofmt -w .

# screenshots takes docs/screenshots/*-LANG.png (main window, Add customer,
# Maintenance, History tab, Tariffs window) in every language from the
# real window under Xvfb (docs/screenshots/README.md); LANGS=de and
# SHOTS="history tariffs" limit it.
screenshots: build
	$(call need-debs,$(SHOT_DEBS))
	SHOTS="$(SHOTS)" scripts/screenshots.sh $(LANGS)

# ---------------------------------------------------------------------------
# Release packages: "make dist" writes dist/Branchbook.tar.xz (Linux) and
# dist/Branchbook.exe (Windows, cross-compiled with mingw-w64); "make
# dist-check" builds them and proves they work; "make dist-macos" is for a
# Mac. docs/install.md says how to install them.
#
# The fyne CLI is installed into .tools/bin (never as a go.mod tool line:
# that would pull a newer Fyne). fyne package runs in cmd/branchbook, where
# main is, and leaves temporary files there while it works (a .syso for the
# Windows resources, fyne_metadata_init.go), so run one dist target at a time.

FYNE_TOOLS_VERSION := v1.7.4
TOOLS_BIN  := $(CURDIR)/.tools/bin
FYNE       := $(TOOLS_BIN)/fyne
DIST       := $(CURDIR)/dist
MAIN_DIR   := cmd/branchbook
WINDOWS_CC ?= x86_64-w64-mingw32-gcc
DIST_DEBS  := gcc-mingw-w64-x86-64 xz-utils file
WINE_DEBS  := wine wine64

# FyneApp.toml is the one place for the name, id, icon, version and build.
fyneapp = $(shell sed -n 's/^[[:space:]]*$(1)[[:space:]]*=[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$$/\1/p' FyneApp.toml | head -n 1)
APP_NAME          := $(call fyneapp,Name)
APP_ID            := $(call fyneapp,ID)
APP_ICON          := $(call fyneapp,Icon)
APP_BUILD         := $(call fyneapp,Build)
APP_TOML_VERSION  := $(call fyneapp,Version)

# DIST_VERSION goes into the binaries (branchbook version, Help -> About):
# the tag from git describe (v1.2.3 -> 1.2.3, or 1.2.3-4-gabc1234 past it),
# or without a tag FyneApp.toml's Version as a pre-release of this commit
# (0.1.0-dev+abc1234). APP_VERSION is the plain x.y.z the package metadata
# (Windows file version, macOS Info.plist) takes.
DIST_VERSION := $(shell v=$$(git describe --tags --dirty 2>/dev/null | sed 's/^v//'); \
	if [ -n "$$v" ]; then echo "$$v"; else \
	c=$$(git describe --always --dirty 2>/dev/null); echo "$(APP_TOML_VERSION)$${c:+-dev+$$c}"; fi)
APP_VERSION := $(shell v=$$(echo '$(DIST_VERSION)' | sed 's/[-+].*//'); \
	if echo "$$v" | grep -Eq '^[0-9]+(\.[0-9]+){0,2}$$'; then echo "$$v"; else echo '$(APP_TOML_VERSION)'; fi)
# UTC; SOURCE_DATE_EPOCH, when set, makes it reproducible.
BUILD_DATE := $(shell date -u -d "@$$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || \
	date -u -r "$$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)

# fyne package takes extra -ldflags only through GOFLAGS, one word each.
DIST_GOFLAGS := $(strip $(GOFLAGS) -ldflags=-X=main.version=$(DIST_VERSION) -ldflags=-X=main.buildDate=$(BUILD_DATE))
FYNE_PACKAGE := $(FYNE) package --release --name $(APP_NAME) --app-id $(APP_ID) \
	--app-version $(APP_VERSION) --app-build $(APP_BUILD) --icon $(CURDIR)/$(APP_ICON) --tags $(TAGS)

.PHONY: dist dist-linux dist-windows dist-macos dist-check dist-check-linux dist-check-windows dist-check-wine \
	screenshot-windows dist-deps wine-deps fyne-tool

# The sub-makes get the same version and date.
DIST_SUBMAKE = $(MAKE) --no-print-directory DIST_VERSION='$(DIST_VERSION)' BUILD_DATE='$(BUILD_DATE)'

dist: deps dist-deps fyne-tool
	@$(DIST_SUBMAKE) dist-linux
	@$(DIST_SUBMAKE) dist-windows
	@ls -l $(DIST)

dist-linux: deps dist-deps fyne-tool
	@mkdir -p $(DIST)
	rm -f $(DIST)/$(APP_NAME).tar.xz $(MAIN_DIR)/$(APP_NAME).tar.xz
	# fyne package reads the .desktop entry's Categories, Comment and
	# Keywords from a FyneApp.toml where it runs; the one at the top is the
	# only copy kept, so it goes there for the build and is removed after.
	cp FyneApp.toml $(MAIN_DIR)/FyneApp.toml
	cd $(MAIN_DIR) && GOFLAGS="$(DIST_GOFLAGS)" $(FYNE_PACKAGE) --target linux; \
		status=$$?; rm -f FyneApp.toml; exit $$status
	mv $(MAIN_DIR)/$(APP_NAME).tar.xz $(DIST)/

# For Windows fyne package builds once, writes the icon, version and manifest
# into fyne.syso and builds again; the second build loses the -ldflags taken
# from GOFLAGS (fyne v1.7.4 clears GOFLAGS after the first). With an
# --executable that exists it skips the first build, so the one build it
# makes (over the placeholder, with the .syso) keeps the version.
dist-windows: deps dist-deps fyne-tool
	@mkdir -p $(DIST)
	rm -f $(DIST)/$(APP_NAME).exe $(MAIN_DIR)/$(APP_NAME).exe
	: > $(MAIN_DIR)/branchbook.exe
	cd $(MAIN_DIR) && CC=$(WINDOWS_CC) GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
		GOFLAGS="$(DIST_GOFLAGS)" $(FYNE_PACKAGE) --target windows --executable branchbook.exe
	mv $(MAIN_DIR)/$(APP_NAME).exe $(DIST)/

# On a Mac with Xcode's command line tools and Go: dist/Branchbook.app and
# dist/Branchbook-macos.zip, for the Mac's own architecture, not signed.
dist-macos: fyne-tool
	@[ "$$(uname -s)" = Darwin ] || { echo "dist-macos runs on a Mac (it needs Xcode's command line tools)"; exit 1; }
	@mkdir -p $(DIST)
	rm -rf $(DIST)/$(APP_NAME).app $(DIST)/$(APP_NAME)-macos.zip $(MAIN_DIR)/$(APP_NAME).app
	cd $(MAIN_DIR) && GOFLAGS="$(DIST_GOFLAGS)" $(FYNE_PACKAGE) --target darwin
	mv $(MAIN_DIR)/$(APP_NAME).app $(DIST)/
	cd $(DIST) && ditto -c -k --keepParent $(APP_NAME).app $(APP_NAME)-macos.zip

# dist-check unpacks the Linux package, installs it into a temporary root
# with its own Makefile, starts it under Xvfb on a temporary database, waits
# for its window and stops it with SIGTERM (exit 0 wanted); then it checks
# that the .exe is a GUI PE for amd64 with icon, version and manifest
# resources (TestWindowsPackage in cmd/branchbook), and starts it under
# Wine (dist-check-wine).
dist-check: dist test-deps
	@$(DIST_SUBMAKE) dist-check-linux
	@$(DIST_SUBMAKE) dist-check-windows
	@$(DIST_SUBMAKE) dist-check-wine
	@echo "dist-check passed: Branchbook $(DIST_VERSION)"
	@for f in $(DIST)/$(APP_NAME).tar.xz $(DIST)/$(APP_NAME).exe; do \
		printf '  %-22s %8s  (%s bytes)\n' "$$(basename $$f)" "$$(numfmt --to=iec-i --suffix=B $$(stat -c %s $$f))" "$$(stat -c %s $$f)"; done

dist-check-linux: test-deps dist-deps
	@set -eu; pkg=$(DIST)/$(APP_NAME).tar.xz; \
	[ -f "$$pkg" ] || { echo "dist-check: $$pkg is missing; run make dist"; exit 1; }; \
	tmp=$$(mktemp -d); xpid=""; apid=""; \
	trap 'for p in $$apid $$xpid; do kill $$p 2>/dev/null || true; done; rm -rf "$$tmp"' EXIT; \
	tar -xJf "$$pkg" -C "$$tmp"; \
	echo "tar.xz holds:"; tar -tJf "$$pkg" | grep -v '/$$' | sed 's/^/  /'; \
	dir="$$tmp/$$(tar -tJf "$$pkg" | head -n 1 | cut -d/ -f1)"; \
	[ -f "$$dir/Makefile" ] || { echo "dist-check: no Makefile at the top of the tar.xz"; exit 1; }; \
	make --no-print-directory -s -C "$$dir" install DESTDIR="$$tmp/root" >/dev/null; \
	bin="$$tmp/root/usr/bin/branchbook"; \
	desktop="$$tmp/root/usr/share/applications/$(APP_ID).desktop"; \
	for f in "$$bin" "$$desktop" "$$tmp/root/usr/share/pixmaps/$(APP_ID).png"; do \
		[ -s "$$f" ] || { echo "dist-check: make install did not install $${f#$$tmp/root}"; exit 1; }; done; \
	[ -x "$$bin" ] || { echo "dist-check: the binary is not executable"; exit 1; }; \
	grep -q '^Exec=branchbook' "$$desktop" && grep -q '^Icon=$(APP_ID)' "$$desktop" && grep -q '^Name=$(APP_NAME)' "$$desktop" \
		&& grep -q '^Categories=Office;Finance;' "$$desktop" && grep -q '^Comment=.' "$$desktop" \
		|| { echo "dist-check: the .desktop file is wrong:"; cat "$$desktop"; exit 1; }; \
	file -b "$$bin" | grep -q 'ELF 64-bit LSB .*x86-64.*, stripped' || { echo "dist-check: not a stripped x86-64 ELF: $$(file -b "$$bin")"; exit 1; }; \
	v=$$("$$bin" version); echo "$$v"; \
	case "$$v" in "branchbook $(DIST_VERSION) built "[0-9]*) ;; \
		*) echo "dist-check: the version should be $(DIST_VERSION) with a build date"; exit 1;; esac; \
	Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$$tmp/display" 2>"$$tmp/xvfb.log" & xpid=$$!; \
	i=0; until [ -s "$$tmp/display" ]; do i=$$((i+1)); [ $$i -le 100 ] || { echo "dist-check: Xvfb did not start"; cat "$$tmp/xvfb.log"; exit 1; }; sleep 0.1; done; \
	export DISPLAY=":$$(cat "$$tmp/display")"; \
	mkdir -p "$$tmp/home"; \
	HOME="$$tmp/home" XDG_CONFIG_HOME="$$tmp/home/.config" LANG=C "$$bin" --db "$$tmp/check.db" >"$$tmp/app.log" 2>&1 & apid=$$!; \
	i=0; win=""; while [ -z "$$win" ]; do \
		i=$$((i+1)); kill -0 $$apid 2>/dev/null || { echo "dist-check: branchbook exited before showing a window:"; cat "$$tmp/app.log"; exit 1; }; \
		[ $$i -le 300 ] || { echo "dist-check: no window after 30 s:"; cat "$$tmp/app.log"; exit 1; }; \
		sleep 0.1; win=$$(xdotool search --name '^$(APP_NAME)' 2>/dev/null | head -n 1); done; \
	echo "window $$win: $$(xdotool getwindowname $$win), $$(xdotool getwindowgeometry $$win | sed -n 's/.*Geometry: //p')"; \
	sleep 1; kill -TERM $$apid; \
	i=0; while kill -0 $$apid 2>/dev/null; do i=$$((i+1)); [ $$i -le 150 ] || { echo "dist-check: still running 15 s after SIGTERM"; exit 1; }; sleep 0.1; done; \
	code=0; wait $$apid || code=$$?; apid=""; \
	[ $$code = 0 ] || { echo "dist-check: exit code $$code after SIGTERM:"; cat "$$tmp/app.log"; exit 1; }; \
	[ -s "$$tmp/check.db" ] || { echo "dist-check: the database was not created"; exit 1; }; \
	if grep -q 'panic' "$$tmp/app.log"; then echo "dist-check: panic on stderr:"; cat "$$tmp/app.log"; exit 1; fi; \
	if [ -s "$$tmp/app.log" ]; then echo "warning: branchbook wrote on stderr:"; sed 's/^/  /' "$$tmp/app.log"; fi; \
	echo "linux: OK (installs with make install, shows its window under Xvfb, exits 0 on SIGTERM)"

dist-check-windows: deps dist-deps
	@set -eu; exe=$(DIST)/$(APP_NAME).exe; \
	[ -f "$$exe" ] || { echo "dist-check: $$exe is missing; run make dist"; exit 1; }; \
	file -b "$$exe" | grep -q '^PE32+ executable (GUI) x86-64' || { echo "dist-check: not a GUI PE32+ for x86-64: $$(file -b "$$exe")"; exit 1; }; \
	out=$$(BRANCHBOOK_DIST="$$exe" BRANCHBOOK_DIST_VERSION='$(DIST_VERSION)' BRANCHBOOK_DIST_APP_VERSION='$(APP_VERSION).$(APP_BUILD)' \
		$(GO) test -tags $(TAGS) -count=1 -run '^TestWindowsPackage$$' -v ./$(MAIN_DIR) 2>&1) || { echo "$$out"; exit 1; }; \
	echo "$$out" | grep -q -- '--- PASS: TestWindowsPackage' || { echo "$$out"; echo "dist-check: TestWindowsPackage did not run"; exit 1; }; \
	echo "$$out" | sed -n 's/^ *dist_test.go:[0-9]*: /  /p'; \
	echo "windows: OK ($$(file -b "$$exe" | cut -d, -f1))"

# dist-check-wine runs the .exe under Wine in Xvfb (TestWindowsInWine in
# cmd/branchbook): a throwaway prefix, the first-run setup, a customer and a
# Maintenance entry typed in, Quit, then "branchbook check" (the Linux
# build) on the file it wrote. About a minute; the first wineboot is most
# of it. cmd/branchbook/testdata/wine has the test-only stand-in for
# Windows 10's bcryptprimitives.dll that Wine 8.0 lacks; it is never in
# dist/.
WINE_TEST = BRANCHBOOK_WINE_EXE="$(DIST)/$(APP_NAME).exe" WINDOWS_CC=$(WINDOWS_CC) \
	$(GO) test -tags $(TAGS) -count=1 -timeout 10m -run '^TestWindowsInWine$$' -v ./$(MAIN_DIR)

dist-check-wine: deps test-deps dist-deps wine-deps
	@set -eu; exe=$(DIST)/$(APP_NAME).exe; \
	[ -f "$$exe" ] || { echo "dist-check: $$exe is missing; run make dist"; exit 1; }; \
	start=$$(date +%s); \
	out=$$($(WINE_TEST) 2>&1) || { echo "$$out"; exit 1; }; \
	echo "$$out" | grep -q -- '--- PASS: TestWindowsInWine' || { echo "$$out"; echo "dist-check: TestWindowsInWine did not run"; exit 1; }; \
	echo "$$out" | sed -n 's/^ *wine_test.go:[0-9]*: \(.*\(wineboot\|Wine:\|check (Linux\|the file holds\|network\)\)/  \1/p'; \
	echo "windows under wine: OK ($$(( $$(date +%s) - start )) s: first-run setup, a customer, an entry, Quit; %APPDATA% and Z:\\...\\Ünïcode bücher.db)"

# screenshot-windows runs the same check and saves the Windows build's main
# window as docs/screenshots/windows-en.png (needs ImageMagick).
screenshot-windows: deps test-deps dist-deps wine-deps
	$(call need-debs,imagemagick)
	BRANCHBOOK_WINE_SCREENSHOT=$(CURDIR)/docs/screenshots/windows-en.png $(WINE_TEST)

dist-deps:
	$(call need-debs,$(DIST_DEBS))

wine-deps:
	$(call need-debs,$(WINE_DEBS))

# fyne-tool installs the fyne CLI at FYNE_TOOLS_VERSION into .tools/bin.
fyne-tool:
	@$(FYNE) version 2>/dev/null | grep -q 'cli version: $(FYNE_TOOLS_VERSION)$$' || \
		{ echo "Installing fyne $(FYNE_TOOLS_VERSION) into .tools/bin"; \
		GOBIN=$(TOOLS_BIN) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION); }
