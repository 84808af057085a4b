# dlexplain — the two set-up commands (README.md):
#   make lesson   installs what is missing, builds (release), runs `dlexplain lesson backprop`
#   make test     installs what is missing, builds (debug), runs `swift test`

APT_PACKAGES := pkg-config libpng-dev zlib1g-dev libgraphviz-dev libopenblas-dev dataset-fashion-mnist fonts-dejavu-core fonts-noto-cjk
SWIFT        ?= swift
RELEASE      := -c release
LESSON       ?= backprop

.PHONY: lesson test deps build release clean

lesson: deps release
	.build/release/dlexplain lesson $(LESSON)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

release: deps
	$(SWIFT) build $(RELEASE) --product dlexplain

build: deps
	$(SWIFT) build

# Idempotent: asks dpkg first and calls apt-get only for what is missing.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
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
