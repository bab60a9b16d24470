#!/usr/bin/env bash
# The .deb, installed the throwaway way: extracted with dpkg -x into a
# temporary folder, its name and desktop entry checked, its binary started
# under Xvfb with no network (a fresh network namespace when we may make one)
# and a fresh --data-dir, until its window 专家评审台 shows the page drawn:
# window_watch.py waits for a frame that is not one flat colour (a blank or
# unstyled web view is) and then stays unchanged for 1.5 s (up to 30 s). That frame is kept beside the .deb as
# NAME.first-start.png (a fresh data folder: the expert-profile page).
# usage: deb_smoke.sh PACKAGE.deb
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deb=$1
shot=${deb%.deb}.first-start.png
root=$(mktemp -d /tmp/paneldesk-deb.XXXXXX)
trap 'kill ${app:-} ${xvfb:-} 2>/dev/null || true; rm -rf "$root"' EXIT
dpkg -x "$deb" "$root/fs"
# The bundler names the package and its desktop entry after productName
# (docs/decisions.md): paneldesk, the name of the command it installs.
pkg=$(dpkg-deb -f "$deb" Package)
[ "$pkg" = paneldesk ] || { echo "package name \"$pkg\", expected paneldesk (productName in tauri.conf.json)"; exit 1; }
desktop=$root/fs/usr/share/applications/paneldesk.desktop
[ -f "$desktop" ] || { echo "no /usr/share/applications/paneldesk.desktop in the package"; exit 1; }
grep -qx 'Name=专家评审台' "$desktop" || { echo "$desktop has no Name=专家评审台"; exit 1; }
grep -qx 'Exec=paneldesk' "$desktop" || { echo "$desktop does not run paneldesk"; exit 1; }
bin=$root/fs/usr/bin/paneldesk
[ -x "$bin" ] || { echo "no /usr/bin/paneldesk in the package"; exit 1; }

# Xvfb picks a free display (-displayfd) and draws into $root/fb/Xvfb_screen0.
mkdir "$root/fb"
exec {fd}>"$root/fb/display"
Xvfb -displayfd "$fd" -screen 0 1366x900x24 -nolisten tcp -fbdir "$root/fb" >/dev/null 2>&1 & xvfb=$!
exec {fd}>&-
for _ in $(seq 100); do [ -s "$root/fb/display" ] && break; sleep 0.05; done
export DISPLAY=:$(head -1 "$root/fb/display")
offline=()
if unshare -n true 2>/dev/null; then offline=(unshare -n); fi
t0=$(( $(date +%s%N) / 1000000 ))
"${offline[@]}" "$bin" --data-dir "$root/data" >"$root/app.log" 2>&1 & app=$!
seen=$(python3 "$here/window_watch.py" "$root/fb/Xvfb_screen0" "$t0" "$app" --timeout 30000 --shot "$root/shot.ppm")
[ -f "$root/shot.ppm" ] && convert "$root/shot.ppm" "$shot"
case $seen in
  *'"content_ms": null'*) ;;
  *) echo "ok: $(basename "$deb") starts${offline:+ with no network} in a fresh data folder;" \
       "window 专家评审台 shows its page ($seen; $shot)"
     exit 0 ;;
esac
case $seen in
  *'"exited": true'*) echo "the app exited:" ;;
  *'"mapped_ms": null'*) echo "no window 专家评审台 within 30 s ($seen):" ;;
  *) echo "window 专家评审台 shown but its page was not drawn within 30 s ($seen; last frame: $shot):" ;;
esac
cat "$root/app.log"; exit 1
