#!/usr/bin/env bash
# bench/http.sh — the server's figures: wrk (2 threads × 64 connections) against
# GET /api/v1/measures?…&by=section and GET /api/v1/projects?limit=50 on the
# demo district with a logged-in caller, printing requests/s, p50/p99 latency
# and the server's RSS. Goals on a 2-core machine: measures ≥ 20,000 req/s,
# p99 < 20 ms, RSS < 64 MB. `make bench` runs it after bench/run.sh.
#
# Environment: BALLAST (default build/ballast), SECONDS_PER_RUN (default 10).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BALLAST=${BALLAST:-build/ballast}
DUR=${SECONDS_PER_RUN:-10}
command -v wrk >/dev/null || { echo "bench/http.sh: wrk is not installed (scripts/deps.sh)"; exit 1; }
[[ -x $BALLAST ]] || { echo "bench/http.sh: $BALLAST is not built"; exit 1; }

TMP=$(mktemp -d)
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { [[ -n ${PID:-} ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

"$BALLAST" demo --db "$TMP/d.db" --asof 2024-06-30 2>/dev/null
echo "bench-pass-1" | "$BALLAST" user add bench --role leader --db "$TMP/d.db" 2>/dev/null
TOKEN=$("$BALLAST" user token bench --db "$TMP/d.db")
"$BALLAST" serve --db "$TMP/d.db" --listen "127.0.0.1:$PORT" --access-log off 2>"$TMP/serve.log" &
PID=$!
for _ in $(seq 100); do
	curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
	sleep 0.05
done

run() {
	local name=$1 path=$2 out
	out=$(wrk -t2 -c64 -d"${DUR}s" --latency -H "Authorization: Bearer $TOKEN" \
		"http://127.0.0.1:$PORT$path")
	printf '%-10s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$name" \
		"$(awk '/Requests\/sec/ { print $2 }' <<<"$out")" \
		"$(awk '$1 == "50%" { print $2 }' <<<"$out")" \
		"$(awk '$1 == "99%" { print $2 }' <<<"$out")" \
		"$(awk '/Non-2xx/ { print $NF }' <<<"$out" | grep . || echo 0)"
}

echo "HTTP figures ($(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c64 -d${DUR}s, demo district)"
run measures "/api/v1/measures?year=2024&asof=2024-06-30&by=section"
run projects "/api/v1/projects?year=2024&asof=2024-06-30&limit=50"
printf '%-10s %10s MiB\n' "server RSS" "$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' /proc/$PID/status)"
echo "goals: measures >= 20000 req/s, p99 < 20 ms, RSS < 64 MiB"
