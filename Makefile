# dlexplain — the two set-up commands (README.md):
#   make lesson   installs what is missing, builds (release), runs `dlexplain lesson backprop`
#   make test     installs what is missing, builds (debug), runs `swift test` and beside it the explorer's browser tests
#   make serve    builds the explorer (release) and starts it: `dlexplain serve`

APT_PACKAGES := pkg-config libpng-dev zlib1g-dev libgraphviz-dev libopenblas-dev dataset-fashion-mnist fonts-dejavu-core fonts-noto-cjk
# Only `make test` needs these: the explorer's browser tests (Debian's selenium drives chromium; /usr/bin/python3).
TEST_PACKAGES := chromium chromium-driver python3-selenium
SWIFT        ?= swift
RELEASE      := -c release
LESSON       ?= backprop

.PHONY: lesson test serve deps test-deps build release clean

lesson: deps release
	.build/release/dlexplain lesson $(LESSON)

# Without debug info: a fresh debug build of the package and its tests took 341 CPU-seconds with it and 277
# without (one sitting, 2 cores). Whole-module (still -Onone): one compiler job per module instead of one per
# core plus one that emits the module's interface, each parsing and checking the module's declarations again
# (277 CPU-seconds instead of 330 for a fresh build, two fresh clones side by side); -num-threads 2 keeps one
# object file per source, which SwiftPM's link steps expect. The driver says once per module that it ignores
# batch mode and incremental builds: those two lines are dropped. `swift build` / `swift test` by hand rebuild
# .build/debug with their own flags.
TESTFLAGS    ?= -Xswiftc -gnone -Xswiftc -wmo -Xswiftc -num-threads -Xswiftc 2
WMO_NOISE    := /ignoring '-enable-batch-mode' because '-whole-module-optimization'/d; /remark: Incremental compilation has been disabled/d
BROWSER_LOG  := .build/browser-tests.log

# The browser tests need only the two executables, so they run beside `swift test` (much of their time is
# waiting for Chromium and the server); their output follows the Swift tests'. Fails if either fails.
test: private SHELL := /bin/bash
test: private .SHELLFLAGS := -o pipefail -c
test: deps test-deps
	$(SWIFT) build --build-tests $(TESTFLAGS) 2>&1 | sed -u -e "$(WMO_NOISE)"
	@echo "browser tests (Tests/Browser) run beside swift test; their output follows it"
	@/usr/bin/python3 Tests/Browser/serve_browser_test.py .build/debug/dlexplain-serve >$(BROWSER_LOG) 2>&1 & \
	browser=$$!; \
	$(SWIFT) test --skip-build; swift_status=$$?; \
	wait $$browser; browser_status=$$?; \
	echo "── browser tests ──"; cat $(BROWSER_LOG); \
	if [ $$swift_status -ne 0 ]; then echo "swift test failed (status $$swift_status)" >&2; fi; \
	if [ $$browser_status -ne 0 ]; then echo "browser tests failed (status $$browser_status)" >&2; fi; \
	[ $$swift_status -eq 0 ] && [ $$browser_status -eq 0 ]

# The explorer is its own product, so `release` (and `make lesson`) never compile its web framework.
serve: deps
	$(SWIFT) build $(RELEASE) --product dlexplain
	$(SWIFT) build $(RELEASE) --product dlexplain-serve
	.build/release/dlexplain serve

release: deps
	$(SWIFT) build $(RELEASE) --product dlexplain

build: deps
	$(SWIFT) build

# Idempotent: asks dpkg first and calls apt-get only for what is missing.
deps test-deps: PACKAGES = $(if $(filter test-deps,$@),$(TEST_PACKAGES),$(APT_PACKAGES))
deps test-deps:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "dlexplain needs:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
	else echo "Run as root:  apt-get update && apt-get install -y$$missing" >&2; exit 1; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends$$missing

clean:
	rm -rf .build Output/*/
