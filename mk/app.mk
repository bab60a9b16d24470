# PanelDesk desktop window (src-tauri + ui). Included by the main Makefile,
# whose $(WS) is the one package selection and feature set of every build.
#   make app-deps      install what the window needs (idempotent)
#   make app-bindings  regenerate ui/src/bindings from the Rust types; fails when the committed ones were stale
#   make app-ui        lint, type-check, unit-test and build the UI
#   make app-e2e       the real window under Xvfb, driven through WebDriver
#   make app-run       open the app on the bundled demo batch

APP_BIN := $(TARGET)/debug/paneldesk
APP_APT := libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev \
  libayatana-appindicator3-dev build-essential pkg-config libssl-dev xvfb xauth webkit2gtk-driver fonts-noto-cjk
APP_DEMO := assets/demo/establishment-2026.zip
APP_E2E_BATCH := $(TARGET)/e2e-batch.zip
UI_STAMP := ui/node_modules/.paneldesk-lock.sha256

.PHONY: app-deps app-bindings app-ui app-build app-test app-e2e app-run

app-deps:
	@scripts/apt-install.sh $(APP_APT)
	@command -v npm >/dev/null || { echo "Node.js 20+ (npm) is required / 需要安装 Node.js 20 以上版本"; exit 1; }
	@want=$$(sha256sum ui/package-lock.json | cut -d' ' -f1); \
	if [ ! -d ui/node_modules ] || [ "$$(cat $(UI_STAMP) 2>/dev/null)" != "$$want" ]; then \
	  (cd ui && npm ci --no-audit --no-fund) && echo "$$want" > $(UI_STAMP); \
	fi
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked

# ts-rs writes ui/src/bindings/*.ts from paneldesk-api's types while their
# export tests run (the whole workspace is selected so nothing rebuilds with
# other features). Committed bindings that differ from the Rust types fail.
app-bindings: app-deps
	rm -rf ui/src/bindings
	$(CARGO) test -q $(WS) export_bindings >/dev/null
	@git diff --quiet --exit-code -- ui/src/bindings && [ -z "$$(git status --porcelain -- ui/src/bindings)" ] || { \
	  git status --short -- ui/src/bindings; \
	  echo "ui/src/bindings is stale: commit the regenerated files / 界面类型定义已过期，请提交重新生成的文件"; exit 1; }

app-ui: app-deps
	cd ui && npm run lint && npx vue-tsc --noEmit && npx vitest run && npx vite build

# The window's binary and the e2e batch writer, from the same build as the tests.
app-build: app-deps
	cd ui && npx vite build
	$(CARGO) test $(WS) --no-run -q

$(APP_E2E_BATCH): src-tauri/tests/support/batch.rs app-build
	$(TARGET)/debug/examples/e2e_batch $@

app-e2e: app-build $(APP_E2E_BATCH)
	cd ui && PANELDESK_APP=$(APP_BIN) PANELDESK_BATCH=$(APP_E2E_BATCH) PANELDESK_SHOTS=$(CURDIR)/docs/screenshots \
	  xvfb-run -a -s "-screen 0 1366x900x24" node --test --test-concurrency=1 e2e/

app-test: app-bindings app-ui unit app-e2e

# The bundled demo batch when it is there, else the e2e batch. The demo
# panels' certificate files are written beside the build, to act as one of
# its experts (修改专家信息 → 导入证书文件).
APP_DEMO_IDS := $(TARGET)/demo-identities
app-run: app-build $(APP_E2E_BATCH)
	@$(TARGET)/debug/paneldesk-demo identities --out $(APP_DEMO_IDS) >/dev/null
	@echo "演示专家的证书文件 / the demo experts' certificate files: $(APP_DEMO_IDS) (README.txt)"
	@if [ -f $(APP_DEMO) ]; then batch=$(CURDIR)/$(APP_DEMO); else batch=$(APP_E2E_BATCH); fi; \
	echo "opening $$batch"; PANELDESK_OPEN=$$batch $(APP_BIN)
