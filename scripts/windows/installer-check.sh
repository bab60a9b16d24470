#!/usr/bin/env bash
# Installs the Windows installer under wine in a fresh prefix and checks
# what a user would find: the files, the Start-menu entry 专家评审台, the
# uninstall entry, the installed CLI answering; then that uninstalling
# removes the program and keeps the data folder, and that /REMOVEDATA
# removes it too. (The window itself cannot be started: WebView2 does not
# run under wine.)
#   scripts/windows/installer-check.sh PanelDesk-…-setup.exe
set -euo pipefail
setup=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
WINEPREFIX=$(mktemp -d /var/tmp/paneldesk-wine-install.XXXXXX)
export WINEPREFIX WINEDEBUG=-all
trap 'wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"' EXIT
"$here/wine-prefix.sh"
user_dir="$WINEPREFIX/drive_c/users/$(id -un)"
inst="$user_dir/AppData/Local/Programs/PanelDesk"
lnk="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/专家评审台.lnk"
data="$user_dir/AppData/Roaming/cn.liaocheng.paneldesk"
fail() { echo "installer check FAILED: $* / 安装包检查失败" >&2; exit 1; }

install() { wine "$setup" /S; wineserver -w; }
uninstall() { wine "$inst/uninstall.exe" /S "$@"; wineserver -w; }

install
for f in paneldesk.exe paneldesk-cli.exe uninstall.exe README.txt licenses/LICENSE.txt licenses/NotoSansSC-OFL.txt; do
  [ -f "$inst/$f" ] || fail "$f is not installed"
done
[ -f "$lnk" ] || fail "no Start-menu entry 专家评审台"
grep -q 'cn.liaocheng.paneldesk' "$WINEPREFIX/user.reg" || fail "no uninstall entry in the registry"
# The installed CLI, on its default data folder (%APPDATA%).
wine "$inst/paneldesk-cli.exe" identity profile --expert-id E01 --name 张明 --title 教授 --affiliation 山东大学 >/dev/null \
  || fail "the installed paneldesk-cli.exe does not run"
[ -f "$data/paneldesk.sqlite3" ] || fail "no data folder under %APPDATA%"

uninstall
[ ! -e "$inst/paneldesk.exe" ] || fail "paneldesk.exe left after uninstall"
[ ! -e "$lnk" ] || fail "Start-menu entry left after uninstall"
! grep -q 'Uninstall\\\\cn.liaocheng.paneldesk' "$WINEPREFIX/user.reg" || fail "uninstall entry left in the registry"
[ -d "$data" ] || fail "uninstall removed the data folder without being asked"

install
uninstall /REMOVEDATA
[ ! -e "$data" ] || fail "/REMOVEDATA left the data folder"
echo "installer: installs, starts the CLI, uninstalls keeping the data folder; /REMOVEDATA removes it / 安装包检查通过"
