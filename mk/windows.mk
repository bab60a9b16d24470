# PanelDesk for Windows 10/11, cross-built on this Debian machine with mingw
# (x86_64-pc-windows-gnu). Included by the main Makefile.
#   make windows       the CLI and the window (release), the portable ZIP (绿色版)
#                      and the per-user installer; the installer is then
#                      installed, used and uninstalled under wine
#   make windows-test  the CLI's contract tests against the Windows exe under
#                      wine (part of make test; says it skipped them when the
#                      target or wine cannot be had)

WIN_TRIPLE := x86_64-pc-windows-gnu
WIN_CARGO := CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc $(CARGO)
WIN_BUILD := $(TARGET)/$(WIN_TRIPLE)
WIN_DIST := $(TARGET)/windows
# Wine: its own prefix under the build folder, never ~/.wine.
WIN_PREFIX := $(TARGET)/wine
WINE := WINEPREFIX=$(WIN_PREFIX) WINEDEBUG=-all
WIN_APT := gcc-mingw-w64-x86-64 nsis wine64 zip
# The contract tests (crates/cli/tests/exe/mod.rs runs them through wine).
WIN_TESTS := --test output --test check --test demo_batches --test scripted_expert --test scripted_panel \
  --test names_and_line_ends

.PHONY: windows windows-deps windows-test windows-wine

# Exit 0 with a note when the target or the tools cannot be installed, so
# that make test goes on; `make windows` checks the stamp and stops there.
windows-deps:
	@rm -f $(TARGET)/.windows-ready
	@if ! rustup target list --installed 2>/dev/null | grep -qx $(WIN_TRIPLE) \
	    && ! rustup target add $(WIN_TRIPLE) >/dev/null 2>&1; then \
	  echo "Windows: the Rust target $(WIN_TRIPLE) cannot be installed here (rustup offline?) — skipped / 无法安装 Windows 编译目标，已跳过"; \
	elif ! scripts/apt-install.sh $(WIN_APT) >/dev/null 2>&1; then \
	  echo "Windows: mingw, nsis or wine cannot be installed ($(WIN_APT)) — skipped / 无法安装 mingw、nsis 或 wine，已跳过"; \
	else mkdir -p $(TARGET) && touch $(TARGET)/.windows-ready; fi

# A wine prefix with the test-only bcryptprimitives.dll.
windows-wine:
	@WINEPREFIX=$(WIN_PREFIX) scripts/windows/wine-prefix.sh

# No persistent wineserver (-p): wine's services, started by the first test's
# process, would keep its output pipes open for as long as the server lives,
# and that test would never finish. A client cut off while the server comes
# and goes is run again instead (crates/cli/tests/exe/mod.rs).
windows-test: windows-deps
	@if [ ! -f $(TARGET)/.windows-ready ]; then echo "Windows contract tests skipped / 已跳过 Windows 测试"; exit 0; fi; \
	$(MAKE) --no-print-directory windows-wine && \
	$(WIN_CARGO) build -q -p paneldesk-cli --target $(WIN_TRIPLE) && \
	$(WINE) PANELDESK_CLI_EXE=$(WIN_BUILD)/debug/paneldesk-cli.exe $(CARGO) test $(WS) $(WIN_TESTS)

windows: windows-deps app-deps
	@[ -f $(TARGET)/.windows-ready ] || { echo "make windows needs the $(WIN_TRIPLE) target, mingw and nsis (see above) / 缺少 Windows 编译环境"; exit 1; }
	cd ui && npx vite build
	$(WIN_CARGO) build --release --target $(WIN_TRIPLE) -p paneldesk-cli -p paneldesk-app --features paneldesk-app/custom-protocol
	scripts/windows/package.sh $(WIN_BUILD)/release $(WIN_DIST)
	scripts/windows/installer-check.sh $(WIN_DIST)/PanelDesk-*-windows-x64-setup.exe
