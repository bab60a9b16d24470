#!/usr/bin/env bash
# Cold start of the desktop app to its first painted window, and its idle
# memory, under Xvfb. Runs APP RUNS times, each with a fresh data folder.
# Mapped: xwininfo finds the window. Painted: a capture of it (ImageMagick
# import) is no longer the unpainted black — the web view drew its first
# frame. Content: the capture is no longer one flat colour — the page's text
# and controls are on screen (up to 20 s). A probe costs ~30 ms: that is
# the resolution.
# Prints JSON: {"mapped_ms", "painted_ms", "content_ms" (lists), "rss_kib", "pss_kib", "processes"}.
# usage: app_start.sh APP WORKDIR [RUNS]
set -euo pipefail
APP=$1; WORK=$2; RUNS=${3:-5}
mkdir -p "$WORK"
display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 1366x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# The app's top-level window: class "paneldesk" (or its title, when the
# X server reports it as text) and at least 900 pixels wide, not GTK's
# small helper windows.
window_id() {
  xwininfo -root -tree 2>/dev/null | grep -E '"paneldesk"|专家评审台' \
    | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+x[0-9]+\+/) { split($i, g, /[x+]/); if (g[1] >= 900) { print $1; exit } } }' || true
}
descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }

mapped=(); painted=(); content=(); rss=0; pss=0; nproc_app=0
for run in $(seq "$RUNS"); do
  data="$WORK/data-$run"; rm -rf "$data"
  t0=$(now_ms)
  "$APP" --data-dir "$data" >"$WORK/app-$run.log" 2>&1 &
  pid=$!
  m=""; p=""; c=""
  while [ $(( $(now_ms) - t0 )) -lt 20000 ]; do
    wid=$(window_id)
    if [ -n "$wid" ]; then
      [ -z "$m" ] && m=$(( $(now_ms) - t0 ))
      stats=$(import -silent -window "$wid" -format '%[fx:mean] %[fx:standard_deviation]' info: 2>/dev/null || echo "0 0")
      # Painted: no longer the unpainted black; content: no longer one colour.
      if [ -z "$p" ] && awk -v s="${stats% *}" 'BEGIN { exit !(s > 0.05) }'; then p=$(( $(now_ms) - t0 )); fi
      if awk -v s="${stats#* }" 'BEGIN { exit !(s > 0.02) }'; then c=$(( $(now_ms) - t0 )); break; fi
    fi
    sleep 0.01
  done
  mapped+=("${m:-null}"); painted+=("${p:-null}"); content+=("${c:-null}")
  if [ "$run" = "$RUNS" ]; then
    # Idle: let it settle, then sum the app's and its WebKit children's memory.
    sleep 10
    for q in $pid $(descendants $pid); do
      r=$(awk '/^Rss:/ {print $2}' /proc/$q/smaps_rollup 2>/dev/null || echo 0)
      s=$(awk '/^Pss:/ {print $2}' /proc/$q/smaps_rollup 2>/dev/null || echo 0)
      rss=$(( rss + ${r:-0} )); pss=$(( pss + ${s:-0} )); nproc_app=$(( nproc_app + 1 ))
      echo "$(cat /proc/$q/comm 2>/dev/null) rss=${r}KiB pss=${s}KiB" >> "$WORK/memory.txt"
    done
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
join() { local IFS=,; echo "$*"; }
echo "{\"mapped_ms\": [$(join "${mapped[@]}")], \"painted_ms\": [$(join "${painted[@]}")], \"content_ms\": [$(join "${content[@]}")], \"rss_kib\": $rss, \"pss_kib\": $pss, \"processes\": $nproc_app}"
