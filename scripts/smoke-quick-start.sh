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

reply=$(bash -c "$curl_cmd --max-time 30 --silent --show-error")
grep -q '"content":"' <<<"$reply" || { echo "$reply"; echo "no streamed content"; exit 1; }
grep -q '^data: \[DONE\]' <<<"$reply" || { echo "$reply"; echo "the stream did not finish"; exit 1; }
grep -q 'EMULATOR' "$log" || { cat "$log"; echo "the banner does not say it serves the emulator"; exit 1; }
echo "quick start: the gateway started, and its curl example streamed $(grep -c '^data: {' <<<"$reply") chunks"

# The README's CLI example, through the root script, on the same embedded default.
kill -TERM -- -"$pgid" 2>/dev/null || true
trap - EXIT
chat=$(npx -y pnpm@10.34.9 --silent outcrop chat "Hello there" 2>/dev/null)
grep -q 'Hello there' <<<"$chat" || { echo "$chat"; echo "outcrop chat did not answer"; exit 1; }
echo "quick start: pnpm outcrop chat answered: $chat"
