# PanelDesk desktop window (src-tauri + ui). Included by the main Makefile.
#   make app-deps   install what the window needs (idempotent)
#   make app-build  type-check and build the UI, then the app (custom protocol)
#   make app-test   command tests (mock runtime), vitest, WebDriver e2e under Xvfb
#   make app-run    open the app on the bundled demo batch
# The app shares the workspace's target dir (CI caches it as CARGO_TARGET_DIR),
# so the crates both use are compiled once.

CARGO ?= cargo
APP_TARGET ?= $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
APP_BIN := $(APP_TARGET)/debug/paneldesk
APP_CARGO := CARGO_TARGET_DIR=$(APP_TARGET) $(CARGO)
# custom-protocol: the binary serves the embedded ui/dist, not the dev server.
APP_FEATURES := --features custom-protocol
APP_APT := libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev \
  libayatana-appindicator3-dev build-essential pkg-config libssl-dev xvfb xauth webkit2gtk-driver fonts-noto-cjk
APP_DEMO := assets/demo/establishment-2026.zip
APP_E2E_BATCH := $(APP_TARGET)/e2e-batch.zip
UI_STAMP := ui/node_modules/.paneldesk-lock.sha256

.PHONY: app-deps app-bindings app-build app-unit app-test app-e2e app-run app-lint

app-deps:
	@scripts/apt-install.sh $(APP_APT)
	@command -v npm >/dev/null || { echo "Node.js 20+ (npm) is required / 需要安装 Node.js 20 以上版本"; exit 1; }
	@want=$$(sha256sum ui/package-lock.json | cut -d' ' -f1); \
	if [ ! -d ui/node_modules ] || [ "$$(cat $(UI_STAMP) 2>/dev/null)" != "$$want" ]; then \
	  (cd ui && npm ci --no-audit --no-fund) && echo "$$want" > $(UI_STAMP); \
	fi
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked

# ts-rs writes ui/src/bindings/*.ts from the DTOs while their tests run.
app-bindings:
	$(APP_CARGO) test -q -p paneldesk-app $(APP_FEATURES) --lib export_bindings

app-build: app-deps app-bindings
	cd ui && npm run build
	$(APP_CARGO) build -p paneldesk-app $(APP_FEATURES)

app-lint: app-deps
	$(CARGO) fmt -p paneldesk-app -- --check
	$(APP_CARGO) clippy -p paneldesk-app $(APP_FEATURES) --all-targets -- -D warnings
	cd ui && npx vue-tsc --noEmit

$(APP_E2E_BATCH): src-tauri/tests/support/batch.rs
	$(APP_CARGO) run -q -p paneldesk-app $(APP_FEATURES) --example e2e_batch -- $@

app-e2e: app-build $(APP_E2E_BATCH)
	cd ui && PANELDESK_APP=$(APP_BIN) PANELDESK_BATCH=$(APP_E2E_BATCH) PANELDESK_SHOTS=$(CURDIR)/docs/screenshots \
	  xvfb-run -a -s "-screen 0 1366x900x24" node --test --test-concurrency=1 e2e/

app-unit: app-build
	$(APP_CARGO) test -p paneldesk-app $(APP_FEATURES)
	cd ui && npx vitest run

# Prerequisites run in order: unit tests first, then the real window.
app-test: app-unit app-e2e

# The bundled demo batch when it is there, else the e2e batch.
app-run: app-build $(APP_E2E_BATCH)
	@if [ -f $(APP_DEMO) ]; then batch=$(CURDIR)/$(APP_DEMO); else batch=$(APP_E2E_BATCH); fi; \
	echo "opening $$batch"; PANELDESK_OPEN=$$batch $(APP_BIN)
