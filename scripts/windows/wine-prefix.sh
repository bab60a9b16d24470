#!/usr/bin/env bash
# Makes (or completes) the wine prefix $WINEPREFIX for the Windows tests:
# wine's first-start set-up, then the test-only bcryptprimitives.dll (wine 8
# lacks it; Rust's std needs its ProcessPrng; every Windows 10/11 has it).
set -euo pipefail
: "${WINEPREFIX:?WINEPREFIX must name the prefix}"
export WINEPREFIX WINEDEBUG=-all
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  mkdir -p "$WINEPREFIX"
  wineboot -i >/dev/null 2>&1 || true
  wineserver -w
fi
[ -f "$WINEPREFIX/system.reg" ] || { echo "wine could not set up $WINEPREFIX / wine 初始化失败" >&2; exit 1; }
dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
[ -f "$dll" ] || x86_64-w64-mingw32-gcc -O2 -shared -o "$dll" \
  "$here/bcryptprimitives-shim.c" "$here/bcryptprimitives-shim.def" -ladvapi32
