#!/usr/bin/env bash
# Load test of `recueil serve`: 1,000 connections at once for 10 s with Debian's wrk, on the home
# page and on a resolution page of a copy of the bundled archive. Fails if wrk reports a single
# socket error or a non-2xx/3xx answer.
#
#   apt-get install wrk          # once
#   bash tests/load/wrk.sh       # from the repository's folder; CONNECTIONS=… DURATION=… to vary
set -euo pipefail
connections=${CONNECTIONS:-1000}
duration=${DURATION:-10s}
repo=$(cd "$(dirname "$0")/../.." && pwd)
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
# wrk and the server each hold one descriptor per connection.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((connections + 100)) ]; then
    echo "ulimit -n is $(ulimit -n): too few descriptors for $connections connections" >&2
    exit 2
fi
cargo build --release --manifest-path "$repo/Cargo.toml" >&2
bin=${CARGO_TARGET_DIR:-$repo/target}/release/recueil
archive=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$archive"' EXIT
cp -r "$repo/content" "$repo/book.toml" "$archive/"
"$bin" --root "$archive" serve --port 0 >"$archive/serve.out" 2>"$archive/serve.err" &
server=$!
for _ in $(seq 100); do
    grep -q serving "$archive/serve.out" 2>/dev/null && break
    sleep 0.1
done
url=$(sed -n 's|^serving \(http://[^ ]*\)$|\1|p' "$archive/serve.out")
[ -n "$url" ] || { cat "$archive/serve.err" >&2; exit 2; }
failed=0
for path in "" fr/a-res-61-168.html; do
    echo "== wrk -t2 -c$connections -d$duration --latency $url$path"
    report=$(wrk -t2 -c"$connections" -d"$duration" --latency "$url$path")
    echo "$report"
    if grep -Eq "Socket errors|Non-2xx" <<<"$report"; then failed=1; fi
done
[ "$failed" = 0 ] && echo "no socket error, no non-2xx answer" || { echo "errors above" >&2; exit 1; }
