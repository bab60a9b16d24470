#!/usr/bin/env bash
# Cold start of the desktop app to its page content, and its idle memory,
# under Xvfb. A returning expert's start: each run gets a fresh copy of a
# data folder holding a profile and the imported demo batch (made once with
# paneldesk-cli), so the page waited for is the batch list with the demo
# batch. window_watch.py times each run from the screen itself (Xvfb's
# memory-mapped frame buffer, ~20 ms a probe, no X grabs): "mapped" (window
# viewable), "painted" (no longer the unpainted black) and "content" (the
# page drawn: not one flat colour, then unchanged for 1.5 s; the time that
# frame first appeared; none within 20 s is null).
# Prints JSON: {"mapped_ms", "painted_ms", "content_ms" (lists), "rss_kib", "pss_kib", "processes"}.
# WORKDIR keeps content-N.png, the frame each run's "content" refers to.
# usage: app_start.sh APP WORKDIR [RUNS]   (PANELDESK_CLI: default paneldesk-cli beside APP;
#        WINDOW: the window's name or class when APP is not PanelDesk, e.g. the bare Tauri anchor,
#        which is started the same way and ignores the arguments)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
APP=$1; WORK=$2; RUNS=${3:-5}
CLI=${PANELDESK_CLI:-$(dirname "$APP")/paneldesk-cli}
BATCH=$here/../../assets/demo/establishment-2026.zip
[ -x "$CLI" ] || { echo "app_start.sh: no $CLI (cargo build --release -p paneldesk-cli)" >&2; exit 2; }
mkdir -p "$WORK"
template=$WORK/data-template
rm -rf "$template" "$WORK"/memory.txt "$WORK"/content-*.png
"$CLI" --data-dir "$template" identity profile --expert-id LCEXP-2026E-02 --name 宋雅琴 --title 教授 \
  --affiliation 山东大学机械工程学院 >/dev/null
"$CLI" --data-dir "$template" batch import "$BATCH" >/dev/null

# Xvfb picks a free display (-displayfd) and draws into $fb/Xvfb_screen0.
fb=$(mktemp -d /dev/shm/paneldesk-fb.XXXXXX 2>/dev/null || mktemp -d)
exec {fd}>"$fb/display"
Xvfb -displayfd "$fd" -screen 0 1366x900x24 -nolisten tcp -fbdir "$fb" >/dev/null 2>&1 &
xvfb=$!
exec {fd}>&-
trap 'kill ${pid:-} $xvfb 2>/dev/null || true; rm -rf "$fb"' EXIT
for _ in $(seq 100); do [ -s "$fb/display" ] && break; sleep 0.05; done
export DISPLAY=:$(head -1 "$fb/display")

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }
field() {
  python3 -c 'import json, sys; v = json.loads(sys.argv[1])[sys.argv[2]]; print("null" if v is None else v)' "$1" "$2"
}

mapped=(); painted=(); content=(); rss=0; pss=0; nproc_app=0
for run in $(seq "$RUNS"); do
  data="$WORK/data-$run"; rm -rf "$data"; cp -r "$template" "$data"
  t0=$(now_ms)
  "$APP" --data-dir "$data" >"$WORK/app-$run.log" 2>&1 &
  pid=$!
  seen=$(python3 "$here/window_watch.py" "$fb/Xvfb_screen0" "$t0" "$pid" --timeout 20000 \
    --shot "$WORK/content-$run.ppm" ${WINDOW:+--window "$WINDOW"})
  mapped+=("$(field "$seen" mapped_ms)")
  painted+=("$(field "$seen" painted_ms)")
  content+=("$(field "$seen" content_ms)")
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
  pid=
  if [ -f "$WORK/content-$run.ppm" ]; then
    convert "$WORK/content-$run.ppm" "$WORK/content-$run.png" && rm -f "$WORK/content-$run.ppm"
  fi
done
join() { local IFS=,; echo "$*"; }
echo "{\"mapped_ms\": [$(join "${mapped[@]}")], \"painted_ms\": [$(join "${painted[@]}")], \"content_ms\": [$(join "${content[@]}")], \"rss_kib\": $rss, \"pss_kib\": $pss, \"processes\": $nproc_app}"
