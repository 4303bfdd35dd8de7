#!/usr/bin/env bash
# tools/compare_servers.sh — two builds of ballast answer the same: a few
# hundred GETs (lists in every sort with filters and pages, measures in every
# breakdown with filters, warnings, targets, listings, reports, the contest,
# single projects, periods, units) and `ballast measures --format json` in
# every breakdown and filter set, byte for byte, on the demo district. For
# work on the server's speed: build the commit before into another worktree
# and compare.
#
#   tools/compare_servers.sh OLD_BINARY NEW_BINARY
#
# Prints each request whose answers differ; exit status 1 when any does.
set -euo pipefail

OLD=${1:?usage: tools/compare_servers.sh OLD_BINARY NEW_BINARY}
NEW=${2:?usage: tools/compare_servers.sh OLD_BINARY NEW_BINARY}
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The demo is OLD's: NEW migrates a database of the schema before it, OLD
# refuses one of a newer schema.
"$OLD" demo --db "$TMP/d.db" --asof 2024-06-30 >/dev/null 2>&1
echo "compare-pass-1" | "$OLD" user add cmp --role admin --db "$TMP/d.db" >/dev/null 2>&1
TOKEN=$("$OLD" user token cmp --db "$TMP/d.db")
cp "$TMP/d.db" "$TMP/old.db"
cp "$TMP/d.db" "$TMP/new.db"
P1=$(port)
P2=$(port)
"$OLD" serve --db "$TMP/old.db" --listen "127.0.0.1:$P1" --access-log off 2>/dev/null &
PIDS+=($!)
"$NEW" serve --db "$TMP/new.db" --listen "127.0.0.1:$P2" --access-log off 2>/dev/null &
PIDS+=($!)
for p in "$P1" "$P2"; do
	for _ in $(seq 200); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
done

urls=()
for a in 2024-03-31 2024-06-30 2024-11-30; do
	for s in ref -name total_investment -light section planned_start -annual_plan; do
		for x in "" "&section=S01" "&light=red" "&offset=50&limit=20" "&reached=started&tier=district" \
			"&q=项目&industrial=1" "&kind=new&due_start=1" "&stage=completed"; do
			urls+=("/api/v1/projects?year=2024&asof=$a&sort=$s$x")
		done
	done
	for by in "" "&by=section" "&by=month" "&by=industry" "&by=tier" "&by=department"; do
		for x in "" "&include_drafts=1&section=S03" "&reached=started" "&stage=filed&tier=city" \
			"&due_start=1" "&light=yellow"; do
			urls+=("/api/v1/measures?year=2024&asof=$a$by$x")
		done
	done
	urls+=("/api/v1/warnings?asof=$a" "/api/v1/warnings?asof=$a&min=red&section=S02"
		"/api/v1/targets?year=2024&asof=$a&check=1" "/api/v1/targets?year=2024&asof=$a&include_drafts=1"
		"/api/v1/listings?year=2024&asof=$a&tier=city" "/api/v1/reports?month=${a:0:7}"
		"/api/v1/reports?month=${a:0:7}&status=not_reported&section=S01" "/api/v1/ranking?month=${a:0:7}")
	for r in 2024-001 2024-050 2024-120 2024-164; do
		urls+=("/api/v1/projects/$r?year=2024&asof=$a" "/api/v1/projects/$r?year=2023&asof=$a")
	done
done
urls+=("/api/v1/periods" "/api/v1/units" "/api/v1/projects?year=2023" "/api/v1/measures?year=2025&asof=2025-03-01")
# The month's report list (from the snapshot since h-bench1): every month, every
# status, with filters.
for m in 2023-12 2024-01 2024-02 2024-03 2024-04 2024-05 2024-06 2024-07 2024-12 2025-01; do
	for x in "" "&status=missing" "&status=not_reported" "&status=draft" "&status=submitted" \
		"&status=returned" "&status=verified" "&section=S02" "&tier=city&industrial=1" "&q=项目" \
		"&section=S04&status=not_reported" "&year=2023" "&light=red"; do
		urls+=("/api/v1/reports?month=$m$x")
	done
done

n=0
bad=0
for u in "${urls[@]}"; do
	n=$((n + 1))
	curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$P1$u" >"$TMP/o"
	curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$P2$u" >"$TMP/n"
	cmp -s "$TMP/o" "$TMP/n" || { bad=$((bad + 1)); echo "differs: GET $u"; }
done
for a in 2024-01-15 2024-06-30 2024-12-31; do
	for by in "" "--by section" "--by tier" "--by department" "--by month" "--by industry"; do
		for f in "" "--tier province" "--section S01" "--industrial" "--stage started" "--q 项目" \
			"--include-drafts --kind new" "--due-start" "--reached filed --reached-from 2023-01-01"; do
			n=$((n + 1))
			# shellcheck disable=SC2086
			"$OLD" measures --db "$TMP/old.db" --year 2024 --asof "$a" $by $f --format json >"$TMP/o" 2>&1 || true
			# shellcheck disable=SC2086
			"$NEW" measures --db "$TMP/new.db" --year 2024 --asof "$a" $by $f --format json >"$TMP/n" 2>&1 || true
			cmp -s "$TMP/o" "$TMP/n" || { bad=$((bad + 1)); echo "differs: ballast measures --asof $a $by $f"; }
		done
	done
done
echo "$n compared, $bad differ"
[[ $bad = 0 ]]
