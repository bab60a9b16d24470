#!/usr/bin/env bash
# The window's commands and the CLI are adapters over crates/api: they may
# not reach the store or the PDF layer themselves, where a rule decided would
# be one the other front end does not apply (docs/architecture in README).
set -euo pipefail
cd "$(dirname "$0")/.."
hits=$(grep -rnE 'paneldesk_(store|opinion)\b' src-tauri/src/commands crates/cli/src || true)
# Dev-dependencies may: the tests check the files the CLI writes with them.
deps=$(awk '/^\[/{s=$0} s=="[dependencies]" && /^paneldesk-(store|opinion)/' crates/cli/Cargo.toml src-tauri/Cargo.toml)
if [ -n "$hits$deps" ]; then
  printf '%s\n%s\n' "$hits" "$deps" | sed '/^$/d'
  echo "these adapters reach past crates/api into store or opinion: call a paneldesk_api function instead" >&2
  echo "以上适配层绕过了 crates/api 直接使用 store 或 opinion：请改为调用 paneldesk_api 的函数" >&2
  exit 1
fi
echo "door: the window's commands and the CLI use only paneldesk-api (and core types)"
