#!/usr/bin/env bash
# The Windows package from a release build: a portable ZIP (绿色版: unzip
# anywhere, start paneldesk.exe) and a per-user installer (paneldesk.nsi).
#   scripts/windows/package.sh RELEASE_DIR OUT_DIR
# The fonts the PDFs need are inside the exe (Noto Sans SC, SIL OFL 1.1);
# the licences travel beside it. The window draws with the WebView2 runtime
# that Windows 10/11 ships; WebView2Loader.dll goes along when the build
# produced one.
set -euo pipefail
release=$1 out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
name="PanelDesk-$version-windows-x64"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
app="$stage/$name"
mkdir -p "$app/licenses" "$out"

for exe in paneldesk.exe paneldesk-cli.exe; do
  [ -f "$release/$exe" ] || { echo "missing $release/$exe: build it first (make windows) / 缺少 $exe" >&2; exit 1; }
  x86_64-w64-mingw32-strip -o "$app/$exe" "$release/$exe"
done
# webview2-com-sys puts the x64 loader beside the exe it built.
[ ! -f "$release/WebView2Loader.dll" ] || cp "$release/WebView2Loader.dll" "$app/"
cp "$root/src-tauri/icons/icon.ico" "$app/paneldesk.ico"
# Notepad before Windows 10 1809 shows bare LF files on one line.
crlf() { sed 's/\r*$/\r/' "$1" > "$2"; }
crlf "$root/LICENSE" "$app/licenses/LICENSE.txt"
crlf "$root/assets/fonts/OFL.txt" "$app/licenses/NotoSansSC-OFL.txt"
crlf "$root/scripts/windows/README.txt" "$app/README.txt"

zip_out="$out/$name-portable.zip"
rm -f "$zip_out"
(cd "$stage" && zip -qr -X "$zip_out" "$name")
setup="$out/$name-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSTAGE="$app" -DOUTFILE="$setup" "$root/scripts/windows/paneldesk.nsi"
ls -l "$zip_out" "$setup"
