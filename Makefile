# dlexplain — the two set-up commands (README.md):
#   make lesson   installs what is missing, builds (release), runs `dlexplain lesson backprop`
#   make test     installs what is missing, builds (debug), runs `swift test`, then the explorer's browser tests
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
# without (one sitting, 2 cores). `swift build` / `swift test` by hand rebuild .build/debug with debug info.
TESTFLAGS    ?= -Xswiftc -gnone

test: deps test-deps
	$(SWIFT) build --build-tests $(TESTFLAGS)
	$(SWIFT) test --skip-build
	/usr/bin/python3 Tests/Browser/serve_browser_test.py .build/debug/dlexplain-serve

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
