# PanelDesk (专家评审台). Two commands on a fresh Debian 12 machine:
#   make run    installs what is missing, then opens PanelDesk on the demo batch
#   make test   everything: fmt, clippy -D warnings, unit, integration tests
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
CLI := $(CARGO) run -q -p paneldesk-cli --
DEMO := assets/demo
# Debian packages the tests use to check generated PDFs independently.
APT_PACKAGES := poppler-utils qpdf

.PHONY: run test deps fmt clippy unit demo fuzz help

help:
	@echo "make run   – install what is missing, then open PanelDesk on the demo batch"
	@echo "make test  – fmt, clippy -D warnings, unit and integration tests"
	@echo "make demo  – regenerate the demo batches and rubrics in assets/"
	@echo "make fuzz  – fuzz the package and batch readers (nightly, not in CI)"

# Idempotent: installs only what is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@command -v $(CARGO) >/dev/null || { echo "Rust (cargo) is required: https://rustup.rs / 需要安装 Rust"; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy

# Until the desktop window lands, `run` shows the formal review of the
# bundled demo batches in the terminal.
run: deps
	@for b in $(DEMO)/*.zip; do echo; $(CLI) batch check "$$b"; done

test: deps fmt clippy unit

fmt:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

unit:
	$(CARGO) test --workspace --no-fail-fast

demo:
	$(CARGO) run -q --release -p paneldesk-demo -- --out assets

fuzz:
	scripts/fuzz.sh $${SECONDS_EACH:-600}
