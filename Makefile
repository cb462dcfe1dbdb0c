# Branchbook. "make run" opens the window, "make test" runs every test.
# On Debian or Ubuntu the build packages are installed when missing (as root
# or through sudo); elsewhere the README says what to install.

GO      ?= go
TAGS    := migrated_fynedo
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1.0)
LDFLAGS := -X main.version=$(VERSION)

BUILD_DEBS := gcc pkg-config libgl1-mesa-dev xorg-dev
TEST_DEBS  := xvfb xdotool

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

.PHONY: run build test bench deps test-deps fmt

run: deps
	$(GO) run -tags $(TAGS) -ldflags "$(LDFLAGS)" ./cmd/branchbook $(ARGS)

build: deps
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o branchbook ./cmd/branchbook

test: deps test-deps
	@unformatted=$$(gofmt -l .); [ -z "$$unformatted" ] || { echo "gofmt needed:"; echo "$$unformatted"; exit 1; }
	$(GO) vet -tags $(TAGS) ./...
	BRANCHBOOK_E2E=1 $(GO) test -tags $(TAGS) -count=1 ./...

bench: deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 20x ./...

deps:
	$(call need-debs,$(BUILD_DEBS))

test-deps:
	$(call need-debs,$(TEST_DEBS))

fmt:
	gofmt -w .
