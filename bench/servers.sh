#!/usr/bin/env bash
# bench/servers.sh — several servers on one PostgreSQL database behind haproxy
# (issue #17 items 4 and 6), under wrk, each figure beside its goal.
#
# Starts a throwaway cluster (tests/pg/cluster.sh), imports the city CSVs of
# bench/gen_city.py (bench/data/*.csv; made by bench/run.sh), starts two
# `ballast serve` on it and haproxy in front, then runs wrk with requests that
# miss the answer cache (bench/wrk/vary.lua, mixed: list, measures, project):
# through haproxy to both servers, and to one server alone for comparison.
# Goal (issue #17): >= 20,000 req/s with p99 < 50 ms through haproxy.
#
# Environment: BALLAST (default build/ballast), SECONDS_PER_RUN (default 10),
# CONNS (default 32), KEEP=1 leaves the cluster running.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BALLAST=${BALLAST:-build/ballast}
DUR=${SECONDS_PER_RUN:-10}
CONNS=${CONNS:-32}
DATA=bench/data
for t in wrk haproxy; do
	command -v $t >/dev/null || { echo "bench/servers.sh: $t is not installed (scripts/deps.sh)"; exit 1; }
done
[[ -x $BALLAST ]] || { echo "bench/servers.sh: $BALLAST is not built"; exit 1; }
[[ -f $DATA/reports.csv ]] || { echo "bench/servers.sh: no city data in $DATA (bench/run.sh or bench/gen_city.py --out $DATA)"; exit 1; }

TMP=$(mktemp -d)
chmod 755 "$TMP" # the cluster runs as postgres under root (tests/pg/cluster.sh)
PG=$TMP/pg
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	[[ ${KEEP:-0} == 1 ]] || tests/pg/cluster.sh stop "$PG"
	rm -rf "$TMP/haproxy.cfg"
}
trap cleanup EXIT
free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
load() { awk '{ print $1 }' /proc/loadavg; }
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }
wait_up() { for _ in $(seq 1200); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return; sleep 0.05; done; echo "no answer on $1"; exit 1; }

DB=$(tests/pg/cluster.sh start "$PG")
echo "PostgreSQL: $DB; load average $(load)"
"$BALLAST" init --db "$DB" >/dev/null
# The projects name their leaders (挂钩领导): an account per name, as bench/run.sh.
i=0
while IFS= read -r name; do
	i=$((i + 1))
	echo "bench-pass-1" | "$BALLAST" user add "$(printf 'leader%02d' "$i")" --role leader \
		--name "$name" --db "$DB" >/dev/null
done < <(/usr/bin/python3 -c 'import csv, sys
print("\n".join(sorted({r["leader"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r.get("leader")})))' "$DATA/projects.csv")
t0=$(date +%s.%N)
for k in units projects listings reports; do
	"$BALLAST" import "$k" "$DATA/$k.csv" --max-rows 16777216 --db "$DB" >/dev/null
done
echo "import of the city: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
echo "bench-pass-1" | "$BALLAST" user add bench --role leader --db "$DB" >/dev/null
TOKEN=$("$BALLAST" user token bench --db "$DB")

A=$(free_port); B=$(free_port); H=$(free_port)
for p in $A $B; do
	"$BALLAST" serve --db "$DB" --listen "127.0.0.1:$p" --access-log off 2>"$TMP/serve-$p.log" &
	PIDS+=($!)
done
wait_up "$A"; wait_up "$B"
cat >"$TMP/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend ballast
    bind 127.0.0.1:$H
    default_backend servers
backend servers
    balance roundrobin
    http-reuse always
    server a 127.0.0.1:$A
    server b 127.0.0.1:$B
CFG
haproxy -f "$TMP/haproxy.cfg" -q &
PIDS+=($!)
wait_up "$H"

run() { # PORT LABEL
	local out rps p99 bad
	out=$(wrk -t2 -c"$CONNS" -d"${DUR}s" --latency -H "Authorization: Bearer $TOKEN" \
		-s bench/wrk/vary.lua "http://127.0.0.1:$1" -- mixed city 2024)
	rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
	p99=$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
	bad=$(awk '/Non-2xx/ { print $NF }' <<<"$out" | grep . || echo 0)
	local verdict=ok why=""
	if ! awk -v r="$rps" -v p="$p99" 'BEGIN { exit !(r >= 20000 && p < 50) }'; then
		verdict=MISS
		why=" — $(nproc) cores for wrk, haproxy, two servers and PostgreSQL; load $(load)"
	fi
	printf '%-34s %8s req/s  p99 %7s ms  non-2xx %s  [%s: >= 20000 req/s, p99 < 50 ms%s]\n' \
		"$2" "$rps" "$p99" "$bad" "$verdict" "$why"
}
echo "== the city, $CONNS connections, every request different (vary.lua mixed), ${DUR}s each"
run "$H" "haproxy -> two servers"
run "$A" "one server alone"
