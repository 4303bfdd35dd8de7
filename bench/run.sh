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
#   IMPORT_RUNS=n     fresh imports of the whole city; the best is reported (default 3)
#   BENCH_PROFILE=1   also profile the reports import with perf (Linux perf, a
#                     dev tool: apt-get install linux-perf) and print where it spends
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

IMPORT_RUNS=${IMPORT_RUNS:-3}
GOAL_IMPORT=500000   # rows/s, every file of 10,000 rows or more and all files together
GOAL_IMPORT_SECS=2   # s, all files together (issue #12: 1.03 M rows fully validated and audited)
GOAL_RSS_MIB=150     # MiB, the peak of any import
GOAL_DB_RATIO=2      # the database after import, at most this times the plain SQLite file
GOAL_MEASURES=50     # ms, mean of a whole-city measures query

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
# mark VALUE GOAL ge|lt [REASON]: "ok", or "MISS" and the reason, a figure
# measured in the same run (the why_* helpers below), never a bare MISS.
mark() {
	if awk -v v="$1" -v g="$2" -v dir="$3" 'BEGIN { exit !((dir == "ge") ? (v + 0 >= g) : (v + 0 < g)) }'; then
		echo ok
	else
		echo "MISS (${4:-no reason measured})"
	fi
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b > 0 ? 100 * a / b : 0) }'; }

# ---- import --------------------------------------------------------------------

# The projects name their leaders (挂钩领导), and an import refuses a name that
# is no leader account's: one account of role leader per distinct name in
# projects.csv (leader01 …, display name the name), made before the import and
# not timed with it.
add_leaders() {
	local i=0 name out
	while IFS= read -r name; do
		i=$((i + 1))
		out=$(echo "bench-pass-1" | "$BALLAST" user add "$(printf 'leader%02d' "$i")" \
			--role leader --name "$name" --db "$DB" 2>&1) || die "user add leader $name: $out"
	done < <("$PY" -c 'import csv, sys
names = {r["leader"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r.get("leader")}
print("\n".join(sorted(names)))' "$DATA/projects.csv")
}

# One fresh import of the four files into $DB: ROWS, SECS, RSS, CPU per kind.
import_city() {
	local kind file secs rss cpu
	rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.anchor"
	init_out=$("$BALLAST" init --db "$DB" 2>&1) || die "init failed: $init_out"
	add_leaders
	for kind in units projects listings reports; do
		file=$DATA/$kind.csv
		if [[ $kind = reports && ${BENCH_DRY_RUN:-0} = 1 ]]; then
			# the database as the real reports import finds it, for the dry run
			for f in "$DB" "$DB-wal"; do [[ -f $f ]] && cp "$f" "$TMP/pre${f#"$DB"}.db"; done
		fi
		if [[ ($kind = listings || $kind = reports) && ! -f $TMP/floor-$kind.db ]]; then
			# the database as this import finds it, for SQLite's floor (below)
			cp "$DB" "$TMP/floor-$kind.db"
			[[ -f $DB-wal ]] && cp "$DB-wal" "$TMP/floor-$kind.db-wal"
		fi
		if ! run_timed "$TMP/$kind" "$BALLAST" import "$kind" "$file" --db "$DB"; then
			head -n 20 "$TMP/$kind.log" >&2
			die "import $kind failed: the generated data must import cleanly (fix bench/gen_city.py)"
		fi
		read -r secs rss cpu <"$TMP/$kind"
		ROWS[$kind]=$(rows_of "$file")
		SECS[$kind]=$secs
		RSS[$kind]=$rss
		CPU[$kind]=$cpu
	done
}

declare -A ROWS SECS RSS CPU BEST_SECS BEST_CPU
best_total=
for ((run = 1; run <= IMPORT_RUNS; run++)); do
	echo "== import $run of $IMPORT_RUNS into a fresh $DB ($BALLAST), load $(cut -d' ' -f1-3 /proc/loadavg)"
	import_city
	total_rows=0 total_secs=0 total_cpu=0 peak_rss=0
	for kind in units projects listings reports; do
		total_rows=$((total_rows + ROWS[$kind]))
		total_secs=$(awk -v a="$total_secs" -v b="${SECS[$kind]}" 'BEGIN { printf "%.3f", a + b }')
		total_cpu=$(awk -v a="$total_cpu" -v b="${CPU[$kind]}" 'BEGIN { printf "%.2f", a + b }')
		((RSS[$kind] > peak_rss)) && peak_rss=${RSS[$kind]}
		printf '   %-9s %9d rows %8.2f s %9s rows/s  cpu %6.2f s  peak RSS %6.1f MiB\n' "$kind" \
			"${ROWS[$kind]}" "${SECS[$kind]}" "$(rate "${ROWS[$kind]}" "${SECS[$kind]}")" \
			"${CPU[$kind]}" "$(awk -v k="${RSS[$kind]}" 'BEGIN { print k / 1024 }')"
		if [[ -z ${BEST_SECS[$kind]:-} ]] || awk -v a="${SECS[$kind]}" -v b="${BEST_SECS[$kind]}" 'BEGIN { exit !(a < b) }'; then
			BEST_SECS[$kind]=${SECS[$kind]}
		fi
		if [[ -z ${BEST_CPU[$kind]:-} ]] || awk -v a="${CPU[$kind]}" -v b="${BEST_CPU[$kind]}" 'BEGIN { exit !(a < b) }'; then
			BEST_CPU[$kind]=${CPU[$kind]}
		fi
	done
	if [[ -z $best_total ]] || awk -v a="$total_secs" -v b="$best_total" 'BEGIN { exit !(a < b) }'; then
		best_total=$total_secs best_cpu=$total_cpu
	fi
	worst_peak=$(( ${worst_peak:-0} > peak_rss ? ${worst_peak:-0} : peak_rss ))
done
db_bytes=$(($(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null || echo 0)))

# The same rows in plain SQLite: the sqlite3 shell's .import of each file into a
# table of text columns, no index, no check (the issue's yardstick).
plain_bytes=
if command -v sqlite3 >/dev/null; then
	rm -f "$TMP/plain.db"
	t0=$(now)
	for kind in units projects listings reports; do
		sqlite3 "$TMP/plain.db" ".import --csv $DATA/$kind.csv $kind" || die "sqlite3 .import $kind failed"
	done
	t1=$(now)
	plain_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	plain_bytes=$(stat -c %s "$TMP/plain.db")
fi

# SQLite's floor for a file: the time SQLite alone takes to put the same rows
# into the same table and indexes, in the database as ballast's import found
# it (the first run's), as the import does it (one transaction, foreign keys
# on, a 16 MiB page cache, the non-unique indexes built after the rows of a
# first load) but with nothing read, parsed, checked or audited: one
# INSERT … SELECT from the plain tables above. A MISS of the import rate says
# how much of its CPU time this floor is.
declare -A FLOOR_CPU
floor_select() {
	local y='CASE WHEN %s <> '"''"' THEN CAST(round(%s * 10000) AS INTEGER) END' m cols=
	case $1 in
	reports)
		echo "INSERT INTO reports (project_id, month, invest, output, progress, problems, status)" \
			"SELECT j.id, r.month, $(printf "$y" r.invest r.invest), $(printf "$y" r.output r.output)," \
			"nullif(r.progress, ''), nullif(r.problems, ''), 'verified'" \
			"FROM p.reports r JOIN projects j ON j.ref = r.ref;" ;;
	listings)
		for m in 01 02 03 04 05 06 07 08 09 10 11 12; do cols+=", $(printf "$y" "l.m$m" "l.m$m")"; done
		echo "INSERT INTO listings (project_id, year, province, city, district, annual_plan," \
			"m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12)" \
			"SELECT j.id, l.year, instr(l.tiers, 'province') > 0, instr(l.tiers, 'city') > 0," \
			"instr(l.tiers, 'district') > 0, $(printf "$y" l.annual_plan l.annual_plan)$cols" \
			"FROM p.listings l JOIN projects j ON j.ref = l.ref;" ;;
	esac
}
if [[ -n $plain_bytes ]]; then
	for kind in listings reports; do
		f=$TMP/floor-$kind.db
		[[ -f $f ]] || continue
		idx=$(sqlite3 "$f" "SELECT 'DROP INDEX \"' || name || '\";' FROM sqlite_master WHERE type = 'index'
			AND tbl_name = '$kind' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
			AND NOT EXISTS (SELECT 1 FROM $kind)")
		mk=$(sqlite3 "$f" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index'
			AND tbl_name = '$kind' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
			AND NOT EXISTS (SELECT 1 FROM $kind)")
		printf '%s\n' "PRAGMA foreign_keys = ON;" "PRAGMA synchronous = NORMAL;" \
			"PRAGMA cache_size = -16384;" "ATTACH '$TMP/plain.db' AS p;" "BEGIN IMMEDIATE;" \
			"$idx" "$(floor_select "$kind")" "$mk" "COMMIT;" >"$TMP/floor-$kind.sql"
		if run_timed "$TMP/floor-$kind" sqlite3 "$f" ".read $TMP/floor-$kind.sql" &&
			[[ ! -s $TMP/floor-$kind.log ]]; then
			read -r _ _ FLOOR_CPU[$kind] <"$TMP/floor-$kind"
		else
			echo "== SQLite's floor for $kind failed: $(head -n1 "$TMP/floor-$kind.log")"
		fi
		rm -f "$f" "$f-wal" "$f-shm"
	done
fi

# Where the reports import spends its time (perf, a dev tool; not needed otherwise).
if [[ ${BENCH_PROFILE:-0} = 1 ]]; then
	if command -v perf >/dev/null; then
		echo "== perf profile of import reports (children, by symbol; the top)"
		"$BALLAST" init --db "$TMP/prof.db" >/dev/null
		for kind in units projects listings; do
			"$BALLAST" import "$kind" "$DATA/$kind.csv" --db "$TMP/prof.db" >/dev/null 2>&1
		done
		perf record -q -o "$TMP/perf.data" -F 499 --call-graph dwarf,16384 \
			"$BALLAST" import reports "$DATA/reports.csv" --db "$TMP/prof.db" >/dev/null 2>&1 ||
			die "perf record failed"
		perf report -i "$TMP/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
			grep '%' | grep -v '\[k\]' | head -n 40 || true # head ends the pipe early
	else
		echo "== perf profile skipped: no perf (apt-get install linux-perf)"
	fi
fi

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

declare -A MEAN MIN MCPU MLOAD
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
			read -r mean min mcpu < <("$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f %.1f" % (r["mean"]*1000, r["min"]*1000, (r["user"] + r["system"])*1000))' "$TMP/h.json")
		else
			for i in 1 2; do "${cmd[@]}" >/dev/null; done
			ts=()
			for ((i = 0; i < RUNS; i++)); do
				t0=$(now); "${cmd[@]}" >/dev/null; t1=$(now)
				ts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) * 1000 }')")
			done
			read -r mean min < <(printf '%s\n' "${ts[@]}" | awk 'NR == 1 || $1 < m { m = $1 } { s += $1 } END { printf "%.1f %.1f\n", s / NR, m }')
			mcpu=
		fi
		MEAN[$name]=$mean
		MIN[$name]=$min
		MCPU[$name]=$mcpu
		MLOAD[$name]=$(load)
	done
else
	echo "== measures skipped: $measures_why"
fi

# ---- figures -------------------------------------------------------------------

total_rate=$(rate "$total_rows" "$best_total")
echo
echo "Figures ($(date -u +%Y-%m-%d), $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "import: the best of $IMPORT_RUNS fresh imports (wall time; CPU seconds, steadier on a shared machine, beside it)"
printf '%-34s %17s %11s  %s\n' "what" "figure" "" "goal"
# Why an import rate missed: its CPU time and the rate that alone allows,
# SQLite's floor for the same rows where measured, and the share of the wall
# time the import had a core (the rest: waiting for one, at this load).
why_import() { # ROWS CPU_S WALL_S FLOOR_CPU_S (empty: not measured)
	local w
	w="cpu $2 s ($(rate "$1" "$2") rows/s by CPU)"
	[[ -n $4 ]] && w+="; SQLite alone $4 s ($(rate "$1" "$4") rows/s), $(pct "$4" "$2") % of that CPU"
	echo "$w; on a core $(pct "$2" "$3") % of the $(printf %.2f "$3") s, load $(load)"
}
floor_all=
[[ -n ${FLOOR_CPU[listings]:-} && -n ${FLOOR_CPU[reports]:-} ]] &&
	floor_all=$(awk -v a="${FLOOR_CPU[listings]}" -v b="${FLOOR_CPU[reports]}" 'BEGIN { printf "%.2f", a + b }')
for kind in units projects listings reports; do
	r=$(rate "${ROWS[$kind]}" "${BEST_SECS[$kind]}")
	verdict=$(mark "$r" "$GOAL_IMPORT" ge "$(why_import "${ROWS[$kind]}" "${BEST_CPU[$kind]}" \
		"${BEST_SECS[$kind]}" "${FLOOR_CPU[$kind]:-}")")
	((ROWS[$kind] >= 10000)) || verdict="(too few rows to rate)"
	printf '%-34s %10s rows/s %9.2f s  >= %d rows/s  %s (cpu %.2f s)\n' "import $kind (${ROWS[$kind]} rows)" \
		"$r" "${BEST_SECS[$kind]}" "$GOAL_IMPORT" "$verdict" "${BEST_CPU[$kind]}"
done
printf '%-34s %10s rows/s %9.2f s  >= %d rows/s  %s\n' "import, all files ($total_rows rows)" \
	"$total_rate" "$best_total" "$GOAL_IMPORT" "$(mark "$total_rate" "$GOAL_IMPORT" ge \
	"$(why_import "$total_rows" "$best_cpu" "$best_total" "")${floor_all:+; SQLite alone $floor_all s for the listings and reports}")"
printf '%-34s %17.2f s  <= %d s  %s (cpu %.2f s)\n' "import, all files, time" "$best_total" \
	"$GOAL_IMPORT_SECS" "$(mark "$best_total" "$(awk -v g="$GOAL_IMPORT_SECS" 'BEGIN { print g + 0.0005 }')" lt \
	"cpu $best_cpu s${floor_all:+, SQLite alone $floor_all s of it for the listings and reports}; load $(load)")" "$best_cpu"
[[ -n $dry_line ]] && echo "$dry_line"
printf '%-34s %13.1f MiB  <= %d MiB  %s\n' "peak RSS, any import (worst run)" \
	"$(awk -v k="$worst_peak" 'BEGIN { print k / 1024 }')" "$GOAL_RSS_MIB" \
	"$(mark "$(awk -v k="$worst_peak" 'BEGIN { print k / 1024 }')" "$((GOAL_RSS_MIB + 1))" lt \
	"of the file $(for k in units projects listings reports; do ((RSS[$k] == worst_peak)) && echo "$k"; done | head -n1)")"
db_mib=$(awk -v b="$db_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
if [[ -n $plain_bytes ]]; then
	plain_mib=$(awk -v b="$plain_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
	ratio=$(awk -v a="$db_bytes" -v b="$plain_bytes" 'BEGIN { printf "%.2f", a / b }')
	# Why the file is larger: the indexes plain SQLite has not, the largest
	# first, and the free pages (dbstat, the sqlite3 shell's).
	why_db=$(sqlite3 "$DB" "SELECT printf('indexes %.1f MiB', sum(pgsize) / 1048576.0) FROM dbstat
		WHERE name IN (SELECT name FROM sqlite_master WHERE type = 'index');
		SELECT printf('%s %.1f MiB', name, sum(pgsize) / 1048576.0) FROM dbstat
		WHERE name IN (SELECT name FROM sqlite_master WHERE type = 'index')
		GROUP BY name ORDER BY sum(pgsize) DESC LIMIT 2;
		SELECT printf('free pages %.1f MiB', freelist_count * page_size / 1048576.0)
		FROM pragma_freelist_count, pragma_page_size" 2>/dev/null | paste -sd, - | sed 's/,/, /g')
	printf '%-34s %13s MiB  <= %d x %s MiB  %s (%s x)\n' "database size after import" "$db_mib" \
		"$GOAL_DB_RATIO" "$plain_mib" "$(mark "$ratio" "$(awk -v g="$GOAL_DB_RATIO" 'BEGIN { print g + 0.005 }')" lt \
		"${why_db:-no dbstat to say why}")" "$ratio"
	printf '%-34s %13s MiB %9.2f s  (sqlite3 .import: no check, no audit)\n' "the same rows in plain SQLite" \
		"$plain_mib" "$plain_secs"
else
	printf '%-34s %13s MiB  (no sqlite3 shell: no plain SQLite to compare)\n' "database size after import" "$db_mib"
fi
if command -v sqlite3 >/dev/null &&
	audit_bytes=$(sqlite3 "$DB" "SELECT sum(pgsize) FROM dbstat WHERE name IN ('audit',"\
" 'audit_chunks', 'audit_entity', 'audit_imports')" 2>/dev/null) && [[ -n $audit_bytes ]]; then
	printf '%-34s %13.1f MiB  (%.1f %% of the file)\n' "of which the audit trail" \
		"$(awk -v b="$audit_bytes" 'BEGIN { print b / 1048576 }')" \
		"$(awk -v a="$audit_bytes" -v b="$db_bytes" 'BEGIN { print 100 * a / b }')"
fi
# Why a measures query missed: its own CPU time per run (hyperfine's user +
# system) against the goal, and the load it ran under.
why_measures() {
	local c=${MCPU[$1]:-}
	if [[ -z $c ]]; then
		echo "no CPU figure without hyperfine; load ${MLOAD[$1]}"
	elif awk -v c="$c" -v g="$GOAL_MEASURES" 'BEGIN { exit !(c < g) }'; then
		echo "its CPU, $c ms a run, is under the goal: the rest is waiting for a core, load ${MLOAD[$1]}"
	else
		echo "its CPU alone is $c ms a run; load ${MLOAD[$1]}"
	fi
}
if [[ $measures_ok = 1 ]]; then
	for q in "${queries[@]}"; do
		name=${q%%:*}
		printf '%-34s %9s ms mean %6s ms min  < %d ms  %s\n' "measures, city, $name" \
			"${MEAN[$name]}" "${MIN[$name]}" "$GOAL_MEASURES" "$(mark "${MEAN[$name]}" "$GOAL_MEASURES" lt \
			"$(why_measures "$name")")"
	done
else
	printf '%-34s %17s\n' "measures, city" "skipped ($measures_why)"
fi
