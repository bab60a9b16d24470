#!/usr/bin/env bash
# The long form of the crash-safety test (docs/reliability.md): a process
# saving scores through the window's save_sheet command is killed with
# SIGKILL at random points N times (default 1,000); after each kill the
# database passes integrity_check, the audit chain verifies and every
# acknowledged save is there. `make test` runs the short form (20 kills).
#   scripts/crash-loop.sh [N]        PANELDESK_CRASH_SEED=S replays a run
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-1000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
# The app is built as mk/app.mk builds it: the embedded UI must exist.
[ -f ui/dist/index.html ] || make app-build
features=(--workspace --features paneldesk-app/custom-protocol)
cargo test -q "${features[@]}" --no-run
started=$(date +%s)
PANELDESK_CRASH_KILLS=$kills cargo test -q "${features[@]}" --test crash_safety -- \
  --exact acknowledged_saves_survive_sigkill_at_random_points --nocapture
echo "crash loop: $kills kills passed in $(( $(date +%s) - started )) s"
