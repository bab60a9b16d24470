#!/usr/bin/env bash
# Installs the Debian packages given that are not installed yet (through
# sudo unless root); does nothing when all are there. Used by every make
# target that needs system packages, so `make run` / `make test` work on a
# fresh Debian machine.
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
