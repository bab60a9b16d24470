#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 600) and reports crashes.
# Not part of `make test`: it needs nightly Rust and cargo-fuzz.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(package_reader batch_reader)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Seed corpora: the demo batches and the packages inside them.
seed() {
  local dir=fuzz/corpus/$1
  mkdir -p "$dir"
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return
  cp assets/demo/*.zip "$dir"/ 2>/dev/null || true
  if [ "$1" = package_reader ]; then
    for b in assets/demo/*.zip; do
      [ -f "$b" ] || continue
      python3 - "$b" "$dir" <<'PY'
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if n.endswith('.zip'):
            open(os.path.join(sys.argv[2], os.path.basename(n)), 'wb').write(z.read(n))
        if n == 'batch.json':
            pass
PY
    done
  fi
}

for t in "${targets[@]}"; do
  seed "$t"
  echo "== fuzzing $t for ${seconds}s"
  (cd fuzz && cargo +nightly fuzz run "$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=1048576) \
    && echo "== $t: no crash in ${seconds}s" \
    || { echo "== $t: CRASH (artifacts in fuzz/artifacts/$t)"; exit 1; }
done
