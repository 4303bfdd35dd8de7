#!/usr/bin/env bash
# bench/province.sh — the province on PostgreSQL (issue #17 item 6): start a
# throwaway PostgreSQL cluster (tests/pg/cluster.sh), generate the province's
# data if missing (bench/gen_province.py: 100 districts, 100,000 projects,
# ~5.8 M reports), import it, and time the import (rows/s, client and server
# CPU), the measures for the province and --by district (fresh processes,
# median of RUNS), and `ballast serve` on it (start time, memory, the list and
# measures endpoints). The same on SQLite for comparison unless SQLITE=0.
# Each figure is printed against its goal: ok, or MISS with the reason
# measured in the same run. A benchmark, not a test. See bench/README.md.
#
# Environment:
#   BALLAST=path     the binary (default build/ballast)
#   SCALE=province   or city: the city of bench/gen_city.py (20,000 projects,
#                    ~1 M rows), for trying the script out
#   SEED=n           generator seed (default 1)
#   RUNS=n           runs per measures query and per endpoint (default 7)
#   SQLITE=0         skip the SQLite comparison
#   PG_DIR=dir       where the cluster lives (default a fresh folder in /tmp;
#                    stopped and removed at the end)
#   KEEP=1           keep the cluster running at the end (prints how to stop it)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3
BALLAST=${BALLAST:-build/ballast}
SCALE=${SCALE:-province}
SEED=${SEED:-1}
RUNS=${RUNS:-7}
SQLITE=${SQLITE:-1}
YEAR=2024
ASOF=$YEAR-06-30

GOAL_IMPORT=200000   # rows/s, the whole import on PostgreSQL (COPY)
GOAL_MEASURES=200    # ms, a measures run for the province, and --by district

die() { echo "bench/province.sh: $*" >&2; exit 1; }
[[ -x $BALLAST ]] || die "$BALLAST is not built (make build/ballast)"
case $BALLAST in /*) ;; *) BALLAST=$ROOT/$BALLAST ;; esac

case $SCALE in
province) DATA=bench/data/province GEN=(bench/gen_province.py) ;;
city) DATA=bench/data/city-scale GEN=(bench/gen_city.py) ;;
*) die "SCALE is province or city" ;;
esac

TMP=$(mktemp -d)
PG_DIR=${PG_DIR:-/tmp/ballast-bench-pg.$$} # not under $TMP: the server may run as postgres
SERVER=
cleanup() {
	[[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	if [[ ${KEEP:-0} = 1 ]]; then
		echo "cluster kept: tests/pg/cluster.sh stop $PG_DIR"
	else
		tests/pg/cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
row() { printf '%-46s %16s   %-14s %s\n' "$1" "$2" "$3" "$4"; }
# mark VALUE GOAL ge|lt REASON: ok, or MISS and the reason measured.
mark() {
	if awk -v v="$1" -v g="$2" -v d="$3" 'BEGIN { exit !(d == "ge" ? v + 0 >= g : v + 0 < g) }'; then
		echo ok
	else
		echo "MISS (${4:-no reason measured})"
	fi
}

echo "province bench ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), load average $(load))"

# ---- data ----------------------------------------------------------------------

mkdir -p "$DATA"
stamp="scale=$SCALE seed=$SEED gen=$(cat bench/gen_city.py "${GEN[0]}" | sha256sum | cut -c1-16)"
have=1
for f in units projects listings reports; do [[ -s $DATA/$f.csv ]] || have=0; done
if [[ $have = 1 && -f $DATA/.stamp && "$(cat "$DATA/.stamp")" = "$stamp" ]]; then
	echo "== data: $DATA is up to date ($stamp)"
else
	echo "== generating $DATA ($stamp)"
	rm -f "$DATA/.stamp"
	nice "$PY" "${GEN[@]}" --out "$DATA" --seed "$SEED"
	echo "$stamp" >"$DATA/.stamp"
fi
rows_of() { echo $(($(wc -l <"$1") - 1)); } # the generators write no line breaks in cells

# ---- PostgreSQL ----------------------------------------------------------------

PG=$(tests/pg/cluster.sh start "$PG_DIR") || die "no PostgreSQL cluster (scripts/deps.sh)"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_VERSION=$("$PG_BIN/postgres" --version)
echo "== PostgreSQL: $PG ($PG_VERSION; fsync off, as tests/pg/cluster.sh runs it)"

# The server's CPU seconds so far: the postmaster's own and its reaped
# children's (each connection's backend is reaped when the client leaves).
server_cpu() {
	local pid hz
	pid=$(head -n 1 "$PG_DIR/data/postmaster.pid")
	hz=$(getconf CLK_TCK)
	awk -v hz="$hz" '{ printf "%.2f", ($14 + $15 + $16 + $17) / hz }' "/proc/$pid/stat"
}

# One leader account per name in projects.csv, as bench/run.sh does (untimed).
add_leaders() {
	local db=$1 i=0 name
	while IFS= read -r name; do
		i=$((i + 1))
		echo "bench-pass-1" | "$BALLAST" user add "$(printf 'leader%02d' "$i")" --role leader \
			--name "$name" --db "$db" >/dev/null 2>&1 || die "user add leader $name"
	done < <("$PY" -c 'import csv, sys
names = {r["leader"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r.get("leader")}
print("\n".join(sorted(names)))' "$DATA/projects.csv")
}

declare -A ROWS WALL CCPU SCPU RSS
# import_all DB LABEL: the four files in order into a fresh DB; per kind the
# wall time, the client's CPU (user + system), the server's (PostgreSQL only)
# and the client's peak RSS.
import_all() {
	local db=$1 label=$2 kind t0 t1 s0 s1
	"$BALLAST" init --db "$db" >/dev/null || die "init $db"
	add_leaders "$db"
	for kind in units projects listings reports; do
		[[ $label = pg ]] && s0=$(server_cpu)
		t0=$(now)
		/usr/bin/time -f "%U %S %M" -o "$TMP/time" "$BALLAST" import "$kind" "$DATA/$kind.csv" --max-rows 16777216 \
			--db "$db" >"$TMP/import.log" 2>&1 || { tail -n 5 "$TMP/import.log" >&2; die "import $kind ($label) failed"; }
		t1=$(now)
		sleep 0.2 # the backend reaped
		[[ $label = pg ]] && s1=$(server_cpu)
		ROWS[$kind]=$(rows_of "$DATA/$kind.csv")
		WALL[$label.$kind]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
		CCPU[$label.$kind]=$(awk '{ printf "%.2f", $1 + $2 }' "$TMP/time")
		RSS[$label.$kind]=$(awk '{ printf "%.0f", $3 / 1024 }' "$TMP/time")
		SCPU[$label.$kind]=$([[ $label = pg ]] && awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.2f", b - a }' || echo -)
		printf '   %-9s %9d rows %8.2f s %9s rows/s   client cpu %6.2f s  server cpu %6s s  client RSS %4d MiB  (load %s)\n' \
			"$kind" "${ROWS[$kind]}" "${WALL[$label.$kind]}" "$(rate "${ROWS[$kind]}" "${WALL[$label.$kind]}")" \
			"${CCPU[$label.$kind]}" "${SCPU[$label.$kind]}" "${RSS[$label.$kind]}" "$(load)"
	done
}

total() { # total LABEL FIELD-ARRAY: the sum over the four kinds
	local label=$1 kind sum=0
	local -n arr=$2
	for kind in units projects listings reports; do
		sum=$(awk -v a="$sum" -v b="${arr[$label.$kind]}" 'BEGIN { printf "%.2f", a + b }')
	done
	echo "$sum"
}

# median_ms CMD…: RUNS fresh runs of CMD (after one to warm up), the median
# wall time in ms; $TMP/cpu.median the median client CPU (user + system) in ms.
median_ms() {
	local i t0 t1
	: >"$TMP/walls"
	: >"$TMP/cpus"
	for ((i = 0; i < RUNS + 1; i++)); do
		t0=$(now)
		/usr/bin/time -f '%U %S' -o "$TMP/time" "$@" >/dev/null 2>"$TMP/m.err" || { cat "$TMP/m.err" >&2; die "failed: $*"; }
		t1=$(now)
		((i == 0)) && continue # a warm-up run
		awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }' >>"$TMP/walls"
		awk '{ printf "%.1f\n", ($1 + $2) * 1000 }' "$TMP/time" >>"$TMP/cpus"
	done
	sort -n "$TMP/cpus" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }' >"$TMP/cpu.median"
	sort -n "$TMP/walls" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

measures() { # measures LABEL DB: the province, and --by district
	local label=$1 db=$2 ms why
	for by in "" district; do
		ms=$(median_ms "$BALLAST" measures --year "$YEAR" --asof "$ASOF" ${by:+--by "$by"} \
			--format json --db "$db")
		MEDIAN_CPU=$(cat "$TMP/cpu.median")
		why="the client's CPU is ${MEDIAN_CPU} ms a run; the rest is the database's answer and waiting, load $(load)"
		row "measures $label ${by:+--by $by}" "$ms ms" "< $GOAL_MEASURES ms" \
			"$(mark "$ms" "$GOAL_MEASURES" lt "$why")  (median of $RUNS, client cpu $MEDIAN_CPU ms)"
	done
}

free_port() {
	"$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# serve_figures LABEL DB: the server's start (until /healthz answers), its
# memory then and at the end, and the list and measures endpoints, each alone
# (curl, median of RUNS; the HTTP figures under load through haproxy with two
# servers are bench/multi's, issue #17 item 4).
serve_figures() {
	local label=$1 db=$2 port t0 t1 token url ms
	echo "bench-pass-1" | "$BALLAST" user add bench --role leader --db "$db" >/dev/null 2>&1 || true
	token=$("$BALLAST" user token bench --db "$db")
	port=$(free_port)
	t0=$(now)
	"$BALLAST" serve --db "$db" --listen "127.0.0.1:$port" --access-log off 2>"$TMP/serve.log" &
	SERVER=$!
	for _ in $(seq 3000); do
		curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
		kill -0 "$SERVER" 2>/dev/null || { cat "$TMP/serve.log" >&2; die "serve ($label) exited"; }
		sleep 0.05
	done
	t1=$(now)
	row "serve $label: start until /healthz answers" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s" "" \
		"RSS then $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER/status") MiB (load $(load))"
	# each run another as-of date: not an answer the server has cached
	for what in "measures by district|/api/v1/measures?year=$YEAR&by=district&asof=$YEAR-06-" \
		"measures|/api/v1/measures?year=$YEAR&asof=$YEAR-06-" \
		"project list, 50 a page|/api/v1/projects?year=$YEAR&limit=50&asof=$YEAR-06-"; do
		url=http://127.0.0.1:$port${what#*|}
		: >"$TMP/curl"
		for ((i = 10; i < RUNS + 10; i++)); do
			curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url$i" \
				>>"$TMP/curl" || die "GET $url$i failed"
		done
		ms=$(sort -n "$TMP/curl" | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f", v[int((NR + 1) / 2)] }')
		row "GET $label: ${what%%|*}" "$ms ms" "" "median of $RUNS, one at a time, each uncached"
	done
	row "serve $label: peak RSS" "$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER/status") MiB" "" ""
	kill "$SERVER"
	wait "$SERVER" 2>/dev/null || true
	SERVER=
}

echo "== import into PostgreSQL (a first load: COPY), load $(load)"
import_all "$PG" pg
n=0
for kind in units projects listings reports; do n=$((n + ROWS[$kind])); done
pg_wall=$(total pg WALL) pg_ccpu=$(total pg CCPU) pg_scpu=$(total pg SCPU)
t0=$(now)
"$BALLAST" verify --db "$PG" >"$TMP/verify.log" 2>&1 || { cat "$TMP/verify.log" >&2; die "verify on PostgreSQL failed"; }
verify_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
db_size=$("$PG_BIN/psql" "$PG" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))" \
	2>/dev/null || echo "?")

echo
echo "== figures ($SCALE, $n rows; load average now $(load))"
row "what" "figure" "goal" ""
overlap=$(awk -v c="$pg_ccpu" -v s="$pg_scpu" -v n="$n" 'BEGIN { m = c > s ? c : s; printf "%.0f", (m > 0 ? n / m : 0) }')
serial=$(awk -v c="$pg_ccpu" -v s="$pg_scpu" -v n="$n" 'BEGIN { printf "%.0f", (c + s > 0 ? n / (c + s) : 0) }')
why="client cpu ${pg_ccpu} s, server cpu ${pg_scpu} s: the CPU allows ${serial} rows/s on one core, ${overlap} on two; load $(load)"
row "import, all four files, PostgreSQL" "$(rate "$n" "$pg_wall") rows/s" ">= $GOAL_IMPORT" \
	"$(mark "$(rate "$n" "$pg_wall")" "$GOAL_IMPORT" ge "$why")  ($pg_wall s)"
for kind in projects listings reports; do
	row "  import $kind, PostgreSQL" "$(rate "${ROWS[$kind]}" "${WALL[pg.$kind]}") rows/s" "" \
		"${WALL[pg.$kind]} s; client cpu ${CCPU[pg.$kind]} s, server cpu ${SCPU[pg.$kind]} s"
done
row "verify, PostgreSQL" "$verify_s s" "" "$(tail -n 2 "$TMP/verify.log" | head -n 1 | cut -c1-90)"
row "database size, PostgreSQL" "$db_size" "" ""
measures PostgreSQL "$PG"
serve_figures PostgreSQL "$PG"

if [[ $SQLITE = 1 ]]; then
	echo
	echo "== the same on SQLite, load $(load)"
	lite=$TMP/province.db
	import_all "$lite" lite
	row "import, all four files, SQLite" "$(rate "$n" "$(total lite WALL)") rows/s" "" \
		"$(total lite WALL) s; cpu $(total lite CCPU) s"
	row "database size, SQLite" "$(awk -v b="$(stat -c %s "$lite")" 'BEGIN { printf "%.0f MiB", b / 1048576 }')" "" ""
	measures SQLite "$lite"
	serve_figures SQLite "$lite"
fi
echo "load average at the end: $(load)"
