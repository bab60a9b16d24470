# Benchmarks and the installable package. Included by the main Makefile;
# neither is part of `make test`.
#   make bench     every figure of docs/benchmarks.md beside its anchor, one run
#   make package   the .deb (Tauri bundler via npm's @tauri-apps/cli), checked

BENCH_APT := hyperfine x11-utils imagemagick unzip poppler-utils xvfb xauth
BENCH_TARGET := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
DEB_DIR := $(BENCH_TARGET)/release/bundle/deb

# What package-check needs to watch the window: xwininfo, Xvfb, convert.
PACKAGE_APT := x11-utils xvfb xauth imagemagick python3

.PHONY: bench bench-deps package package-deps package-check

bench-deps:
	@scripts/apt-install.sh $(BENCH_APT)
	@python3 -c 'import typst' 2>/dev/null || python3 -m pip install -q typst
	@command -v pyhanko >/dev/null || python3 -m pip install -q $(PIP_PACKAGES)

# The .deb first: its release binary is the one whose start is timed.
bench: deps bench-deps package
	CARGO_TARGET_DIR=$(BENCH_TARGET) scripts/bench/run.sh

# Release build with the same features as mk/app.mk (the CLI finds
# tauri.conf.json from src-tauri and runs beforeBuildCommand in the repo root;
# vite only: type-checking is make test's job), icons from icon.png,
# desktop entry from src-tauri/linux/paneldesk.desktop (Name=专家评审台); the
# package and its .desktop file are named after productName: paneldesk.
package: app-deps
	@for s in 32 64 128; do [ -f src-tauri/icons/$${s}x$${s}.png ] || { \
	  (cd ui && npx tauri icon ../src-tauri/icons/icon.png -o ../src-tauri/icons -p 32 -p 64 -p 128) && break; }; done
	rm -f $(DEB_DIR)/*.deb $(DEB_DIR)/*.first-start.png
	cd src-tauri && CARGO_TARGET_DIR=$(BENCH_TARGET) ../ui/node_modules/.bin/tauri build --bundles deb --features custom-protocol --ci \
	  --config '{"build":{"beforeBuildCommand":{"script":"npx vite build","cwd":"$(CURDIR)/ui"}}}'
	@$(MAKE) --no-print-directory package-check

package-deps:
	@scripts/apt-install.sh $(PACKAGE_APT)

# What is in it, and that it starts offline from a throwaway extraction and
# draws its page (scripts/bench/deb_smoke.sh).
package-check: package-deps
	@deb=$$(ls -t $(DEB_DIR)/*.deb | head -1); echo "$$deb ($$(du -h "$$deb" | cut -f1))"; \
	dpkg-deb -I "$$deb"; dpkg-deb -c "$$deb"; \
	scripts/bench/deb_smoke.sh "$$deb"
