#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 600) and reports, per target,
# the minutes run, the executions and whether it crashed.
# Not part of `make test`: it needs nightly Rust and cargo-fuzz.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Targets: package_reader batch_reader review_pdf pkcs12_import (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(package_reader batch_reader review_pdf pkcs12_import)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# The seed generator builds with the workspace; the fuzz targets build in
# fuzz/target (nightly, sanitizers), never in the shared target dir.
seed_target=${CARGO_TARGET_DIR:-$PWD/target}

# Seed corpora: the demo batches and their packages; signed review PDFs (and
# tampered ones) and key files made by the app's own code and by openssl.
seed() {
  local dir=fuzz/corpus/$1
  mkdir -p "$dir"
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return
  case $1 in
    package_reader|batch_reader)
      cp assets/demo/*.zip "$dir"/ 2>/dev/null || true
      [ "$1" = package_reader ] || return 0
      for b in assets/demo/*.zip; do
        [ -f "$b" ] || continue
        python3 - "$b" "$dir" <<'PY'
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if n.endswith('.zip'):
            open(os.path.join(sys.argv[2], os.path.basename(n)), 'wb').write(z.read(n))
PY
      done ;;
    review_pdf|pkcs12_import)
      CARGO_TARGET_DIR=$seed_target cargo run -q -p paneldesk-opinion --example fuzz_seeds -- fuzz/corpus
      if [ "$1" = pkcs12_import ] && command -v openssl >/dev/null; then
        local tmp; tmp=$(mktemp -d)
        openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/k.pem"
        openssl req -new -x509 -key "$tmp/k.pem" -subj "/CN=Zhang Ming/serialNumber=X02/O=Shandong University" \
          -days 30 -out "$tmp/c.pem" 2>/dev/null
        openssl pkcs12 -export -inkey "$tmp/k.pem" -in "$tmp/c.pem" -passout pass:p12-secret -out "$dir/openssl.p12"
        openssl pkcs12 -export -legacy -inkey "$tmp/k.pem" -in "$tmp/c.pem" -passout pass:p12-secret \
          -out "$dir/openssl-legacy.p12" 2>/dev/null || true
        rm -rf "$tmp"
      fi ;;
  esac
}

summary=()
status=0
for t in "${targets[@]}"; do
  seed "$t"
  echo "== fuzzing $t for ${seconds}s"
  log=$(mktemp)
  # -timeout: one input taking 10 s is a hang (an endless key derivation);
  # -rss_limit_mb: a hostile input must not make us allocate gigabytes.
  rc=0
  (cd fuzz && env -u CARGO_TARGET_DIR cargo +nightly fuzz run "$t" -- -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=1048576 -print_final_stats=1) >"$log" 2>&1 || rc=$?
  if [ $rc -eq 0 ]; then
    result="no crash"
    grep -E '^Done [0-9]+ runs' "$log" || true
  else
    result="CRASH (artifacts in fuzz/artifacts/$t)"
    status=1
    tail -n 40 "$log"
  fi
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  secs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -Eo '[0-9]+ second' | grep -Eo '[0-9]+' | tail -1)
  summary+=("$t: ${secs:-?} s ($(( ${secs:-0} / 60 )) min), ${runs:-?} executions, $result")
  rm -f "$log"
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
