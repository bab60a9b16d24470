# PanelDesk (专家评审台). Two commands on a fresh Debian 12 machine:
#   make run    installs what is missing, then opens PanelDesk on the demo batch
#   make test   everything: fmt, clippy -D warnings, unit, integration, UI and
#               end-to-end tests of the real window
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
TARGET := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
# One package selection and one feature set for every debug build, test and
# lint, so each dependency is compiled once: cargo resolves features per
# invocation, and `-p paneldesk-app` beside `--workspace --exclude
# paneldesk-app` built tokio, tauri and printpdf's layout crates twice.
# custom-protocol: the window serves the embedded ui/dist, not a dev server.
WS := --workspace --features paneldesk-app/custom-protocol
# `cargo run` takes no --workspace: build with the shared selection, then run.
CLI := $(CARGO) build -q $(WS) && $(TARGET)/debug/paneldesk-cli
DEMO := assets/demo
# Debian packages the tests use to check generated PDFs independently
# (pdfsig, pdftotext, qpdf) and to read a .p12 made by openssl.
APT_PACKAGES := poppler-utils qpdf openssl
# pyHanko validates the signatures a second, independent way.
PIP_PACKAGES := pyhanko pyhanko-cli

.PHONY: run test deps fmt clippy unit demo fuzz help check-demo door

include mk/app.mk
include mk/reliability.mk
include mk/bench.mk
include mk/windows.mk

help:
	@echo "make run   – install what is missing, then open PanelDesk on the demo batch"
	@echo "make test  – fmt, clippy -D warnings, unit, integration, UI and end-to-end tests"
	@echo "make check-demo – the formal review of the demo batches in the terminal"
	@echo "make demo  – regenerate the demo batches and rubrics in assets/"
	@echo "make fuzz  – fuzz the package, batch, review-PDF and PKCS#12 readers (nightly, not in CI)"
	@echo "make bench – benchmarks against their anchors → docs/benchmarks.md (not in make test)"
	@echo "make package – the .deb (专家评审台), checked and started offline"
	@echo "make windows – the Windows CLI and window (mingw), portable ZIP and installer, checked under wine"
	@echo "make crash-loop – kill a saving app 1,000 times and check every acknowledged score survived"

# Idempotent: installs only what is missing.
deps: app-deps
	@scripts/apt-install.sh $(APT_PACKAGES)
	@command -v pyhanko >/dev/null || python3 -m pip install -q $(PIP_PACKAGES)
	@command -v $(CARGO) >/dev/null || { echo "Rust (cargo) is required: https://rustup.rs / 需要安装 Rust"; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy

run: deps app-run

# The formal review of the bundled demo batches, in the terminal.
check-demo:
	@for b in $(DEMO)/*.zip; do echo; $(CLI) batch check "$$b"; done

# Order matters: the bindings the UI type-checks against come from the Rust
# types; the UI is built before the tests compile the window that embeds it.
test: deps fmt door clippy app-bindings app-ui unit app-e2e windows-test

fmt:
	$(CARGO) fmt --all -- --check

# The window and the CLI reach the store and the PDFs only through crates/api.
door:
	scripts/check-door.sh

clippy:
	$(CARGO) clippy $(WS) --all-targets -- -D warnings

# Every crate's tests, the window's command tests (mock runtime) included.
unit:
	$(CARGO) test $(WS) --no-fail-fast

# Debug, with the shared selection: a release build would compile every
# dependency a second time for a run of seconds.
demo:
	$(CARGO) build -q $(WS)
	$(TARGET)/debug/paneldesk-demo --out assets

fuzz:
	scripts/fuzz.sh $${SECONDS_EACH:-600}
