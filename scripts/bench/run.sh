#!/usr/bin/env bash
# make bench: every figure of docs/benchmarks.md, each beside its anchor
# measured in the same run. Work files go to $CARGO_TARGET_DIR/bench (or
# target/bench), never into the repository. Sizes can be scaled down for a
# quick look: SCALE_PACKAGES=20 SCALE_EXPERTS=5 BIG_MB=20 SCAN_PAGES=30 make bench
# (the document then says so).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
T=${CARGO_TARGET_DIR:-$ROOT/target}
W=$T/bench
CARGO=${CARGO:-cargo}
SCALE_PACKAGES=${SCALE_PACKAGES:-200}
SCALE_EXPERTS=${SCALE_EXPERTS:-15}
BIG_MB=${BIG_MB:-200}
SCAN_PAGES=${SCAN_PAGES:-300}
OUT=${BENCH_DOC:-$ROOT/docs/benchmarks.md}
DEMO=$ROOT/assets/demo/establishment-2026.zip
PASS=paneldesk-fixtures
rm -rf "$W"; mkdir -p "$W"
step() { echo; echo "== $*"; }
diff_s() { python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 3))" "$1" "$2"; }

step "release builds"
$CARGO build -q --release -p paneldesk-cli
$CARGO build -q --release -p paneldesk-fixtures
CLI=$T/release/paneldesk-cli
FIX=$T/release/paneldesk-fixtures

step "render + sign (criterion, in-process, warm)"
PANELDESK_BENCH_OUT=$W $CARGO bench -q -p paneldesk-fixtures --bench render_sign -- --noplot
for b in render render_sign verify; do
  cp "$T/criterion/review/$b/new/estimates.json" "$W/criterion-$b.json"
done

step "typst (PyPI) on the same page content"
python3 scripts/bench/typst_review.py "$W/review.pdf" "$DEMO" "$W/review.typ"
python3 scripts/bench/typst_time.py "$W/review.typ" "$ROOT/assets/fonts" 30 > "$W/typst.json"
cat "$W/typst.json"

step "verify vs pdfsig vs pyHanko (hyperfine)"
# The real pyhanko script, not a pyenv shim (a shim adds a bash start-up).
PYHANKO=$(pyenv which pyhanko 2>/dev/null || command -v pyhanko)
hyperfine -N --warmup 3 --min-runs 20 -i --export-json "$W/verify.json" \
  -n paneldesk-cli "$CLI verify $W/review.pdf --json" \
  -n pdfsig "pdfsig $W/review.pdf" \
  -n pyhanko "$PYHANKO sign validate $W/review.pdf"
pdfinfo "$W/review.pdf" | awk '/^Pages:/ {print $2}' > "$W/review.pages"

step "a ${BIG_MB} MiB package: check and import vs sha256sum + unzip -t"
$FIX big-package --mb "$BIG_MB" --out "$W/big.zip" --batch "$W/big-batch.zip"
hyperfine --warmup 1 --runs 5 --export-json "$W/big.json" \
  --prepare "rm -rf $W/big-data" \
  -n "paneldesk-cli check" "$CLI check $W/big.zip --json > /dev/null" \
  -n "paneldesk-cli batch import" "$CLI --data-dir $W/big-data batch import $W/big-batch.zip > /dev/null" \
  -n "sha256sum + unzip -t" "sha256sum $W/big.zip > /dev/null && unzip -tq $W/big.zip > /dev/null"

step "scale: ${SCALE_PACKAGES} packages × ${SCALE_EXPERTS} experts"
start=$(date +%s.%N)
$FIX panel --packages "$SCALE_PACKAGES" --experts "$SCALE_EXPERTS" --out "$W/scale" \
  --chair-data-dir "$W/scale/chair-template" --passphrase "$PASS"
echo "{\"seconds\": $(diff_s "$start" "$(date +%s.%N)")}" > "$W/scale-make.json"
BATCH_ID=FIX-${SCALE_PACKAGES}x${SCALE_EXPERTS}
cat > "$W/scale/run.sh" <<RUN
#!/usr/bin/env bash
set -euo pipefail
export PANELDESK_PASSPHRASE=$PASS
$CLI --data-dir $W/scale/chair batch import $W/scale/batch.zip > /dev/null
$CLI --data-dir $W/scale/chair consolidate --batch $BATCH_ID --reviews $W/scale/reviews --out $W/scale/out --json --accept-new-certificates > $W/scale/result.json
RUN
chmod +x "$W/scale/run.sh"
hyperfine -N --runs 2 --export-json "$W/scale.json" \
  --prepare "bash -c 'rm -rf $W/scale/chair $W/scale/out && cp -r $W/scale/chair-template $W/scale/chair'" \
  -n "batch import + consolidate" "$W/scale/run.sh"
# The two halves once more, apart.
rm -rf "$W/scale/chair" "$W/scale/out"; cp -r "$W/scale/chair-template" "$W/scale/chair"
export PANELDESK_PASSPHRASE=$PASS
t0=$(date +%s.%N); $CLI --data-dir "$W/scale/chair" batch import "$W/scale/batch.zip" > /dev/null; t1=$(date +%s.%N)
$CLI --data-dir "$W/scale/chair" consolidate --batch "$BATCH_ID" --reviews "$W/scale/reviews" --out "$W/scale/out" --json --accept-new-certificates > "$W/scale/result.json" || true
t2=$(date +%s.%N)
echo "{\"import_s\": $(diff_s "$t0" "$t1"), \"consolidate_s\": $(diff_s "$t1" "$t2")}" > "$W/scale-split.json"

step "the desktop app: cold start and idle memory beside a bare Tauri window, .deb"
APP=$T/release/paneldesk
if [ -x "$APP" ]; then
  # The anchor: its own workspace under the project's lock file, so tauri
  # and everything it shares with PanelDesk are the same versions.
  cp Cargo.lock scripts/bench/anchor/Cargo.lock
  $CARGO build -q --release --manifest-path scripts/bench/anchor/Cargo.toml
  ANCHOR=$T/release/tauri-anchor
  # Without a render node PanelDesk switches WebKit's DMA-BUF renderer off
  # (src-tauri/src/renderer.rs): the anchor then runs both ways.
  soft=""
  compgen -G "/dev/dri/renderD*" > /dev/null || soft=1
  # Alternated, so that neither always runs on a warmer machine.
  for round in 1 2; do
    WINDOW=tauri-anchor scripts/bench/app_start.sh "$ANCHOR" "$W/anchor-$round" 5 > "$W/anchor-$round.json"
    if [ -n "$soft" ]; then
      WEBKIT_DISABLE_DMABUF_RENDERER=1 WINDOW=tauri-anchor \
        scripts/bench/app_start.sh "$ANCHOR" "$W/anchor-soft-$round" 5 > "$W/anchor-soft-$round.json"
    fi
    scripts/bench/app_start.sh "$APP" "$W/app-$round" 5 > "$W/app-$round.json"
    cat "$W/anchor-$round.json" "$W/app-$round.json"
  done
  python3 scripts/bench/merge_runs.py "$W/anchor-1.json" "$W/anchor-2.json" > "$W/anchor.json"
  if [ -n "$soft" ]; then
    python3 scripts/bench/merge_runs.py "$W/anchor-soft-1.json" "$W/anchor-soft-2.json" > "$W/anchor-soft.json"
  fi
  python3 scripts/bench/merge_runs.py "$W/app-1.json" "$W/app-2.json" > "$W/app.json"
  ls -l ui/dist/assets > "$W/chunks.txt"; cp ui/dist/index.html "$W/dist-index.html"
else
  echo "no release app at $APP (make package builds it)"
fi

step "the viewer on a ${SCAN_PAGES}-page scanned application (WebDriver)"
if [ -x "$APP" ]; then
  $FIX scanned-package --pages "$SCAN_PAGES" --out "$W/scan.zip" --batch "$W/scan-batch.zip"
  $CLI --data-dir "$W/scan-data" identity profile --expert-id FX01 --name 王立新 --title 教授 --affiliation 山东大学 > /dev/null
  $CLI --data-dir "$W/scan-data" batch import "$W/scan-batch.zip" > /dev/null
  # The result is the last line (tauri-driver writes to the same output).
  (cd ui && xvfb-run -a -s "-screen 0 1366x900x24" node ../scripts/bench/viewer_scan.mjs "$APP" "$W/scan-data" "SCAN-${SCAN_PAGES}P" "$W" 3) | tail -n 1 > "$W/viewer.json"
  cat "$W/viewer.json"
  stat -c %s "$W/scan.zip" > "$W/scan.size"
  # The anchor for the scroll: the bare window, the viewer's layout with
  # nothing drawn, scrolled the same way under PanelDesk's renderer setting.
  if [ -n "${ANCHOR:-}" ]; then
    (cd ui && env ${soft:+WEBKIT_DISABLE_DMABUF_RENDERER=1} xvfb-run -a -s "-screen 0 1366x900x24" \
      node ../scripts/bench/anchor_scroll.mjs "$ANCHOR" "$W/viewer.json") | tail -n 1 > "$W/anchor-scroll.json"
    cat "$W/anchor-scroll.json"
  fi
fi
ls "$T"/release/bundle/deb/*.deb > "$W/deb.list" 2>/dev/null || true

step "writing $OUT"
python3 scripts/bench/report.py "$W" "$OUT" "$SCALE_PACKAGES" "$SCALE_EXPERTS" "$BIG_MB" "$SCAN_PAGES"
echo "done: $OUT"
