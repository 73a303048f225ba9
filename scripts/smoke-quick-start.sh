#!/usr/bin/env bash
# Runs the README's quick-start start command as a newcomer would, waits for the banner,
# runs the curl example the banner prints and checks that it streamed a reply to the end.
set -euo pipefail
cd "$(dirname "$0")/.."

start_cmd=$(awk '/^## Quick start/{f=1} f&&/^```sh/{getline; print; exit}' README.md)
[[ "$start_cmd" == *" start" ]] || { echo "no start command found in README.md"; exit 1; }
log=$(mktemp)
setsid bash -c "$start_cmd" >"$log" 2>&1 &
pgid=$!
trap 'kill -TERM -- -"$pgid" 2>/dev/null || true' EXIT

for _ in $(seq 1 180); do
  grep -q '^curl ' "$log" && break
  kill -0 "$pgid" 2>/dev/null || { cat "$log"; echo "the start command exited early"; exit 1; }
  sleep 1
done
curl_cmd=$(awk '/^curl /{f=1} f{print; if ($0 !~ /\\$/) exit}' "$log")
[ -n "$curl_cmd" ] || { cat "$log"; echo "the banner printed no curl example"; exit 1; }

# The README shows the same curl, so both must name the same model.
model_of() { grep -o '"model":"[^"]*"' | head -1; }
readme_model=$(awk '/^## Quick start/{f=1} f&&/^curl /{g=1} g' README.md | model_of)
banner_model=$(model_of <<<"$curl_cmd")
[ -n "$banner_model" ] && [ "$banner_model" = "$readme_model" ] ||
  { echo "the banner's curl uses $banner_model, the README's $readme_model"; exit 1; }

reply=$(bash -c "$curl_cmd --max-time 30 --silent --show-error")
grep -q '"content":"' <<<"$reply" || { echo "$reply"; echo "no streamed content"; exit 1; }
grep -q '^data: \[DONE\]' <<<"$reply" || { echo "$reply"; echo "the stream did not finish"; exit 1; }
grep -q 'EMULATOR' "$log" || { cat "$log"; echo "the banner does not say it serves the emulator"; exit 1; }
echo "quick start: the gateway started, and its curl example streamed $(grep -c '^data: {' <<<"$reply") chunks"

# The banner first, whole; log lines only after it (README: "its log lines after it").
banner_line=$(grep -n '^Outcrop gateway listening on ' "$log" | head -1 | cut -d: -f1)
first_log=$(grep -n '^{' "$log" | head -1 | cut -d: -f1)
[ -n "$banner_line" ] && { [ -z "$first_log" ] || [ "$first_log" -gt "$banner_line" ]; } ||
  { cat "$log"; echo "a log line came before the banner"; exit 1; }
! grep -q 'NodeVersionSupportWarning' "$log" || { cat "$log"; echo "the SDK's Node warning was printed"; exit 1; }
kill -TERM -- -"$pgid" 2>/dev/null || true
trap - EXIT
# The README's CLI examples are run verbatim by scripts/readme-commands.mjs.
