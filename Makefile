# CaseMiner: `make run` sets up, builds and runs the demo; `make test` runs the tests.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libicu-dev libxml2-dev libsqlite3-dev zlib1g-dev libssl-dev pkg-config
BIN := .build/release/caseminer

.PHONY: setup build run test gate bench clean

## setup: install the system libraries CaseMiner links against (Debian), if missing
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "caseminer: installing$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

## build: release build of the caseminer tool
build: setup
	$(SWIFT) build -c release --product caseminer

## run: the demo over corpora/
run: build
	@bash scripts/demo.sh $(BIN)

## test: unit, integration and CLI tests
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

## gate: accuracy floors against ../shared/data (skips what is absent)
gate: build
	@bash benchmarks/gate.sh $(BIN)

## bench: speed and accuracy side by side with the peers (writes benchmarks/out/)
bench: build
	@bash benchmarks/run

clean:
	rm -rf .build

## sanitize: the test suite under AddressSanitizer, then ThreadSanitizer (own build folders)
.PHONY: sanitize
sanitize: setup
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp \
	  $(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address --disable-xctest
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --scratch-path .build-tsan --sanitize=thread --disable-xctest
