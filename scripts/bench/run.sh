#!/usr/bin/env bash
# make bench: every figure of docs/benchmarks.md, each beside its anchor
# measured in the same run. Work files go to $CARGO_TARGET_DIR/bench (or
# target/bench), never into the repository. Sizes can be scaled down for a
# quick look: SCALE_PACKAGES=20 SCALE_EXPERTS=5 BIG_MB=20 make bench
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

step "the desktop app: cold start, idle memory, .deb"
APP=$T/release/paneldesk
if [ -x "$APP" ]; then
  scripts/bench/app_start.sh "$APP" "$W/app" 5 > "$W/app.json"
  cat "$W/app.json"
else
  echo "no release app at $APP (make package builds it)"
fi
ls "$T"/release/bundle/deb/*.deb > "$W/deb.list" 2>/dev/null || true

step "writing $OUT"
python3 scripts/bench/report.py "$W" "$OUT" "$SCALE_PACKAGES" "$SCALE_EXPERTS" "$BIG_MB"
echo "done: $OUT"
