#!/usr/bin/env bash
# bench/run.sh — city-scale figures for ballast: generate a city's data set
# (bench/gen_city.py), import it into a fresh database, time each import and
# the measures over the whole city. `make bench` runs it after building
# build/ballast; it also runs alone from anywhere. See bench/README.md.
#
# Environment:
#   BALLAST=path      the binary (default build/ballast)
#   SEED=n            generator seed (default 1); PROJECTS=n (default 20000);
#   DISTRICTS=n (default 10); YEARS=first-last (default 2020-2024)
#   RUNS=n            hyperfine runs per measures query (default 10)
#   BENCH_DRY_RUN=1   also time `import reports --dry-run` on the same database
#   BENCH_NO_TIME=1, BENCH_NO_HYPERFINE=1   use the fallbacks (python's getrusage
#                     for peak RSS; a plain loop for the measures timings)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3
BALLAST=${BALLAST:-build/ballast}
SEED=${SEED:-1}
PROJECTS=${PROJECTS:-20000}
DISTRICTS=${DISTRICTS:-10}
YEARS=${YEARS:-2020-2024}
RUNS=${RUNS:-10}
DATA=bench/data
DB=$DATA/city.db
LAST_YEAR=${YEARS#*-}
ASOF=$LAST_YEAR-06-30

GOAL_IMPORT=100000 # rows/s, every file and overall
GOAL_MEASURES=50   # ms, mean of a whole-city measures query

die() { echo "bench: $*" >&2; exit 1; }
[[ -x $BALLAST ]] || die "$BALLAST is not built (make build/ballast)"
case $BALLAST in /*) ;; *) BALLAST=$ROOT/$BALLAST ;; esac

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ---- data ----------------------------------------------------------------------

mkdir -p "$DATA"
stamp="seed=$SEED projects=$PROJECTS districts=$DISTRICTS years=$YEARS gen=$(sha256sum bench/gen_city.py | cut -c1-16)"
have_data=1
for f in units projects listings reports; do [[ -s $DATA/$f.csv ]] || have_data=0; done
if [[ $have_data = 1 && -f $DATA/.stamp && "$(cat "$DATA/.stamp")" = "$stamp" ]]; then
	echo "== data: $DATA is up to date ($stamp)"
else
	echo "== generating $DATA ($stamp)"
	rm -f "$DATA/.stamp"
	"$PY" bench/gen_city.py --out "$DATA" --seed "$SEED" --projects "$PROJECTS" \
		--districts "$DISTRICTS" --years "$YEARS"
	echo "$stamp" >"$DATA/.stamp"
fi

# ---- timing helpers ------------------------------------------------------------

now() { date +%s.%N; }
# run_timed OUT CMD…: run CMD, write "wall_s peak_rss_kb cpu_s" to OUT (cpu: user +
# system, steadier than wall time when the machine is shared); CMD's stdout and
# stderr go to OUT.log. Exit status of CMD.
if [[ -x /usr/bin/time && ${BENCH_NO_TIME:-0} != 1 ]]; then
	run_timed() {
		local out=$1 t0 t1 rc=0
		shift
		t0=$(now)
		/usr/bin/time -f '%M %U %S' -o "$out.rss" "$@" >"$out.log" 2>&1 || rc=$?
		t1=$(now)
		echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" \
			"$(tail -n1 "$out.rss" | awk '{ printf "%d %.2f", $1, $2 + $3 }')" >"$out"
		return $rc
	}
else
	run_timed() { # resource.getrusage(RUSAGE_CHILDREN) wrapper
		local out=$1
		shift
		"$PY" - "$out" "$@" <<-'EOF'
		import resource, subprocess, sys, time
		out, cmd = sys.argv[1], sys.argv[2:]
		t0 = time.monotonic()
		with open(out + ".log", "wb") as log:
		    rc = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT)
		wall = time.monotonic() - t0
		ru = resource.getrusage(resource.RUSAGE_CHILDREN)
		with open(out, "w") as f:
		    f.write("%.3f %d %.2f\n" % (wall, ru.ru_maxrss, ru.ru_utime + ru.ru_stime))
		sys.exit(rc)
		EOF
	}
fi
rows_of() { echo $(($(wc -l <"$1") - 1)); } # the generator writes no line breaks in cells
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
mark() { awk -v v="$1" -v g="$2" -v dir="$3" 'BEGIN { ok = (dir == "ge") ? (v + 0 >= g) : (v + 0 < g); print (ok ? "ok" : "MISS") }'; }

# ---- import --------------------------------------------------------------------

rm -f "$DB" "$DB-wal" "$DB-shm"
init_out=$("$BALLAST" init --db "$DB" 2>&1) || die "init failed: $init_out"
echo "== importing into a fresh $DB ($BALLAST)"

declare -A ROWS SECS RSS
total_rows=0
total_secs=0
for kind in units projects listings reports; do
	file=$DATA/$kind.csv
	if [[ $kind = reports && ${BENCH_DRY_RUN:-0} = 1 ]]; then
		# the database as the real reports import finds it, for the dry run
		for f in "$DB" "$DB-wal"; do [[ -f $f ]] && cp "$f" "$TMP/pre${f#"$DB"}.db"; done
	fi
	if ! run_timed "$TMP/$kind" "$BALLAST" import "$kind" "$file" --db "$DB"; then
		head -n 20 "$TMP/$kind.log" >&2
		die "import $kind failed: the generated data must import cleanly (fix bench/gen_city.py)"
	fi
	read -r secs rss cpu <"$TMP/$kind"
	ROWS[$kind]=$(rows_of "$file")
	SECS[$kind]=$secs
	RSS[$kind]=$rss
	total_rows=$((total_rows + ROWS[$kind]))
	total_secs=$(awk -v a="$total_secs" -v b="$secs" 'BEGIN { printf "%.3f", a + b }')
	printf '   %-9s %9d rows %8.2f s %9s rows/s  cpu %6.2f s  peak RSS %6.1f MiB\n' "$kind" \
		"${ROWS[$kind]}" "$secs" "$(rate "${ROWS[$kind]}" "$secs")" "$cpu" \
		"$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
done
db_bytes=$(($(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null || echo 0)))

dry_line=
if [[ ${BENCH_DRY_RUN:-0} = 1 ]]; then
	echo "== import reports --dry-run on the database as it was before the reports"
	[[ -f $TMP/pre-wal.db ]] && mv "$TMP/pre-wal.db" "$TMP/pre.db-wal"
	run_timed "$TMP/dry" "$BALLAST" import reports "$DATA/reports.csv" --db "$TMP/pre.db" --dry-run ||
		die "import reports --dry-run failed"
	read -r dsecs _ <"$TMP/dry"
	dry_line=$(printf '%-34s %10s rows/s %9.2f s' "import reports --dry-run" \
		"$(rate "${ROWS[reports]}" "$dsecs")" "$dsecs")
fi

# ---- measures ------------------------------------------------------------------

declare -A MEAN MIN
queries=("by section:--by section" "by month:--by month" "no breakdown:")
measures_ok=1
mq=(measures --db "$DB" --year "$LAST_YEAR" --asof "$ASOF" --format json)
if ! "$BALLAST" measures --help >/dev/null 2>&1; then
	measures_ok=0
	measures_why="'ballast measures' is not available in this build"
elif ! "$BALLAST" "${mq[@]}" >/dev/null 2>"$TMP/measures.err"; then
	measures_ok=0
	measures_why="'ballast measures' failed: $(head -n1 "$TMP/measures.err")"
fi
if [[ $measures_ok = 1 ]]; then
	echo "== measures --year $LAST_YEAR --asof $ASOF over the whole city"
	for q in "${queries[@]}"; do
		name=${q%%:*}
		# shellcheck disable=SC2206
		extra=(${q#*:})
		cmd=("$BALLAST" "${mq[@]}" "${extra[@]}")
		if [[ ${BENCH_NO_HYPERFINE:-0} != 1 ]] && command -v hyperfine >/dev/null; then
			hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$TMP/h.json" \
				"$(printf '%q ' "${cmd[@]}")" >/dev/null 2>&1 ||
				die "measures $name failed under hyperfine"
			read -r mean min < <("$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f" % (r["mean"]*1000, r["min"]*1000))' "$TMP/h.json")
		else
			for i in 1 2; do "${cmd[@]}" >/dev/null; done
			ts=()
			for ((i = 0; i < RUNS; i++)); do
				t0=$(now); "${cmd[@]}" >/dev/null; t1=$(now)
				ts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) * 1000 }')")
			done
			read -r mean min < <(printf '%s\n' "${ts[@]}" | awk 'NR == 1 || $1 < m { m = $1 } { s += $1 } END { printf "%.1f %.1f\n", s / NR, m }')
		fi
		MEAN[$name]=$mean
		MIN[$name]=$min
	done
else
	echo "== measures skipped: $measures_why"
fi

# ---- figures -------------------------------------------------------------------

total_rate=$(rate "$total_rows" "$total_secs")
echo
echo "Figures ($(date -u +%Y-%m-%d), $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-34s %17s %11s  %s\n' "what" "figure" "" "goal"
for kind in units projects listings reports; do
	r=$(rate "${ROWS[$kind]}" "${SECS[$kind]}")
	verdict=$(mark "$r" "$GOAL_IMPORT" ge)
	((ROWS[$kind] >= 10000)) || verdict="(too few rows to rate)"
	printf '%-34s %10s rows/s %9.2f s  >= %d rows/s  %s\n' "import $kind (${ROWS[$kind]} rows)" \
		"$r" "${SECS[$kind]}" "$GOAL_IMPORT" "$verdict"
done
printf '%-34s %10s rows/s %9.2f s  >= %d rows/s  %s\n' "import, all files ($total_rows rows)" \
	"$total_rate" "$total_secs" "$GOAL_IMPORT" "$(mark "$total_rate" "$GOAL_IMPORT" ge)"
[[ -n $dry_line ]] && echo "$dry_line"
printf '%-34s %13.1f MiB\n' "peak RSS, import reports" "$(awk -v k="${RSS[reports]}" 'BEGIN { print k / 1024 }')"
printf '%-34s %13.1f MiB\n' "database size after import" "$(awk -v b="$db_bytes" 'BEGIN { print b / 1048576 }')"
if [[ $measures_ok = 1 ]]; then
	for q in "${queries[@]}"; do
		name=${q%%:*}
		printf '%-34s %9s ms mean %6s ms min  < %d ms  %s\n' "measures, city, $name" \
			"${MEAN[$name]}" "${MIN[$name]}" "$GOAL_MEASURES" "$(mark "${MEAN[$name]}" "$GOAL_MEASURES" lt)"
	done
else
	printf '%-34s %17s\n' "measures, city" "skipped ($measures_why)"
fi
