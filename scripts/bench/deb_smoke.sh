#!/usr/bin/env bash
# The .deb, installed the throwaway way: extracted with dpkg -x into a
# temporary folder, its desktop entry checked, its binary started under Xvfb
# with no network (a fresh network namespace when we may make one) and a
# fresh --data-dir, until its window 专家评审台 appears.
# usage: deb_smoke.sh PACKAGE.deb
set -euo pipefail
deb=$1
root=$(mktemp -d /tmp/paneldesk-deb.XXXXXX)
trap 'kill ${app:-} ${xvfb:-} 2>/dev/null || true; rm -rf "$root"' EXIT
dpkg -x "$deb" "$root/fs"
# The bundler names the package after productName (PanelDesk → panel-desk):
# it must stay plain ASCII, as Debian requires.
pkg=$(dpkg-deb -f "$deb" Package)
[[ $pkg =~ ^[a-z0-9][a-z0-9.+-]+$ ]] || { echo "package name \"$pkg\" is not a valid Debian name"; exit 1; }
desktop=$(ls "$root"/fs/usr/share/applications/*.desktop)
grep -qx 'Name=专家评审台' "$desktop" || { echo "$desktop has no Name=专家评审台"; exit 1; }
grep -qx 'Exec=paneldesk' "$desktop" || { echo "$desktop does not run paneldesk"; exit 1; }
bin=$root/fs/usr/bin/paneldesk
[ -x "$bin" ] || { echo "no /usr/bin/paneldesk in the package"; exit 1; }

display=:$(( 80 + RANDOM % 9 ))
Xvfb "$display" -screen 0 1366x900x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
export DISPLAY=$display
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
offline=()
if unshare -n true 2>/dev/null; then offline=(unshare -n); fi
"${offline[@]}" "$bin" --data-dir "$root/data" >"$root/app.log" 2>&1 & app=$!
for _ in $(seq 300); do
  if xwininfo -root -tree 2>/dev/null | grep -qF '专家评审台'; then
    echo "ok: $(basename "$deb") starts${offline:+ with no network}: window 专家评审台 shown, data in a fresh folder"
    exit 0
  fi
  kill -0 $app 2>/dev/null || { echo "the app exited:"; cat "$root/app.log"; exit 1; }
  sleep 0.1
done
echo "no window after 30 s:"; cat "$root/app.log"; exit 1
