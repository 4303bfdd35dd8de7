#!/usr/bin/env bash
# tools/compare_writes.sh — two builds of ballast write the same: on a demo
# district each (--asof 2024-06-30, BALLAST_TODAY=2024-06-30) it drives writes
# of every resource through the CLI (imports of what export wrote, changed and
# unchanged; fund, lists, leaders) and through `ballast serve` (items, leads,
# visits, teams, supplies, demolition, applications, policies, the calendar,
# sharing rules, funds, leader links, lists, talents, stale versions), then
# compares byte for byte: every answer, every table of the database (the
# audit trail's entries without their time and hashes; times inside a row
# masked), every export, `ballast audit` and `ballast verify`. For work that
# must not change what the store writes (a fold of the store's writes, issue
# #10): build the commit before into another place and compare.
#
#   tools/compare_writes.sh OLD_BINARY NEW_BINARY
#
# Prints what differs (a unified diff); exit status 1 when anything does.
set -euo pipefail

OLD=${1:?usage: tools/compare_writes.sh OLD_BINARY NEW_BINARY}
NEW=${2:?usage: tools/compare_writes.sh OLD_BINARY NEW_BINARY}
TMP=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
export BALLAST_TODAY=2024-06-30 TZ=UTC

port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Mask what differs between two runs of the same binary: wall-clock times,
# the fingerprints of salted secrets, the chain's head hash, the run's place.
mask() {
	sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z?/<T>/g' \
		-e 's/"(hash_prefix|fingerprint|password_fingerprint)"(: ?)"[0-9a-f]+"/"\1"\2"<F>"/g' \
		-e 's/(head: entry [0-9]+) [0-9a-f]{64}/\1 <H>/' -e "s#$TMP/(old|new)#<D>#g"
}

KINDS="units projects listings reports indicators items supplies demolition applications calendar leads taxes funds"

# run NAME BINARY: every write with BINARY on a fresh demo, its record in $TMP/NAME.
run() {
	local name=$1 b=$2 d="$TMP/$1" db
	mkdir -p "$d"
	db="$d/d.db"
	{
		"$b" demo --db "$db" --asof 2024-06-30 2>&1
		echo "compare-pass-1" | "$b" user add cmp --role admin --db "$db" 2>&1
		# imports: what export wrote (no change), then with changes
		for k in $KINDS; do
			"$b" export "$k" --db "$db" -o "$d/$k.csv" 2>&1 || echo "export $k: $?"
			echo "== import $k (unchanged)"
			"$b" import "$k" "$d/$k.csv" --db "$db" --actor cmp 2>&1 || echo "exit $?"
		done
		for k in items supplies demolition leads taxes funds applications; do
			/usr/bin/python3 - "$d/$k.csv" "$d/$k-changed.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
out = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
out.writerow(rows[0])
# change a numeric cell of every third row (amounts, quantities, done, tax …)
for i, r in enumerate(rows[1:]):
    if i % 3 == 0:
        for j, v in enumerate(r):
            h = rows[0][j]
            if h in ("amount", "amount_wan", "quantity", "done", "tax", "tax_wan", "capital",
                     "capital_wan", "title", "detail", "manager", "focus", "name_note", "source"):
                r[j] = ("1" + v) if v[:1].isdigit() else (v + "改") if v else v
                break
    out.writerow(r)
EOF
			echo "== import $k (changed)"
			"$b" import "$k" "$d/$k-changed.csv" --db "$db" --actor cmp 2>&1 || echo "exit $?"
		done
		echo "== fund"
		"$b" fund holiday 2024-08-01 建军节 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" fund holiday 2024-08-01 八一 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" fund workday 2024-08-03 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" fund unlist 2024-08-03 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" fund policy 比较政策 --kind listing --year 2024 --limits 5,5,5 --owners D02,D02,D01,D02 \
			--db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" fund policy 比较政策 --kind listing --year 2024 --limits 6,5,5 --owners D02,D02,D01,D02 \
			--db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" fund apply --policy 比较政策 --company 比较公司 --uscc 91320214MA1CMP0001 --amount 12.5 \
			--on 2024-06-03 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		for id in 16 17; do
			"$b" fund verify "$id" --on 2024-06-05 --db "$db" --actor cmp 2>&1 || echo "exit $?"
			"$b" fund consult "$id" --on 2024-06-07 --amount 10 --db "$db" --actor cmp 2>&1 || echo "exit $?"
			"$b" fund pay "$id" --on 2024-06-10 --amount 4 --db "$db" --actor cmp 2>&1 || echo "exit $?"
			"$b" fund pay "$id" --on 2024-06-11 --amount 6 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		done
		"$b" fund reject 3 --on 2024-06-12 --reason 材料不全 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		echo "== lists, leaders"
		"$b" lists set 比较清单 2024-001 2024-002 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" lists set 比较清单 2024-002 2024-003 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" lists delete 比较清单 --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" leaders link 2024-010 li --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" leaders unlink 2024-010 li --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" leaders link 2024-011 wang --db "$db" --actor cmp 2>&1 || echo "exit $?"
		"$b" leaders link 2024-011 li --db "$db" --actor cmp 2>&1 || echo "exit $?"
		echo "compare-pass-3" | "$b" user reset cmp --db "$db" 2>&1 || echo "exit $?"
	} | mask >"$d/cli.txt"
	local token p
	token=$("$b" user token cmp --db "$db")
	p=$(port)
	"$b" serve --db "$db" --listen "127.0.0.1:$p" --access-log off 2>/dev/null &
	PID=$!
	for _ in $(seq 200); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
	/usr/bin/python3 "$TMP/drive.py" "http://127.0.0.1:$p" "$token" | mask >"$d/http.txt"
	kill "$PID"
	wait "$PID" 2>/dev/null || true
	PID=
	/usr/bin/python3 "$TMP/dump.py" "$db" | mask >"$d/tables.txt"
	for k in $KINDS; do
		echo "== export $k"
		"$b" export "$k" --db "$db" 2>&1 || echo "exit $?"
	done | mask >"$d/exports.txt"
	{ "$b" audit --db "$db" --limit 100000 2>&1 || echo "exit $?"; } | mask >"$d/audit.txt"
	{ "$b" verify --db "$db" 2>&1 || echo "exit $?"; } | mask >"$d/verify.txt"
}

cat >"$TMP/dump.py" <<'EOF'
# Every table, every row in key order; the audit trail without its time and hashes.
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
skip = {"audit": {"at", "hash", "prev_hash"}, "api_tokens": {"token_hash"},
        "users": {"password_hash"}}
for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                      " AND name NOT LIKE 'sqlite_%' AND name <> 'sessions' ORDER BY name"):
    cols = [r[1] for r in c.execute(f'PRAGMA table_info("{n}")') if r[1] not in skip.get(n, ())]
    print(f"== {n} ({', '.join(cols)})")
    q = ", ".join(f'"{k}"' for k in cols)
    for row in c.execute(f'SELECT {q} FROM "{n}" ORDER BY ' +
                         ", ".join(str(i + 1) for i in range(len(cols)))):
        print(repr(row))
EOF

cat >"$TMP/drive.py" <<'EOF'
# Writes through the API, each answer printed: status and body.
import json, sys, urllib.request, urllib.error
BASE, TOKEN = sys.argv[1], sys.argv[2]

def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    rq = urllib.request.Request(BASE + path, data=data, method=method, headers={
        "Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(rq) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    print(method, path, json.dumps(body, ensure_ascii=False, sort_keys=True), "->", status, text)
    try:
        return json.loads(text)
    except ValueError:
        return {}

def v(doc, *path):
    for k in path:
        doc = doc.get(k, {}) if isinstance(doc, dict) else {}
    return doc if doc != {} else None

# items: raise, reply, answer, resolve, reopen, close, escalate, edit, stale
it = call("POST", "/api/v1/items", {"ref": "2024-001", "title": "比较事项", "category": "land",
                                    "owner": "S01", "deadline": "2024-07-15"})
iid = v(it, "id") or v(it, "item", "id") or 1
for act, body in (("replies", {"text": "已约现场踏勘"}), ("answer", {"text": "已报批"}),
                  ("resolve", {"text": "已解决"}), ("reopen", {"text": "未解决"}),
                  ("escalate", {"text": "升级"}), ("close", {"text": "办结"})):
    call("POST", f"/api/v1/items/{iid}/{act}", body)
doc = call("GET", f"/api/v1/items/{iid}")
ver = v(doc, "version") or v(doc, "item", "version")
call("PATCH", f"/api/v1/items/{iid}", {"version": ver, "title": "比较事项（改）"})
call("PATCH", f"/api/v1/items/{iid}", {"version": ver, "title": "过期"})
call("POST", f"/api/v1/items/{iid}/reopen", {"text": "再开"})
call("PATCH", f"/api/v1/items/{iid}", {"version": ver + 1, "title": "比较事项（改）"})
call("PATCH", f"/api/v1/items/{iid}", {"version": ver + 1, "title": "过期"})
call("PATCH", f"/api/v1/items/{iid}", {"version": ver + 2, "title": "比较事项（改）"})
for i in range(1, 21):
    call("POST", f"/api/v1/items/{i}/replies", {"text": f"回复{i}", "version": 999})
    call("POST", f"/api/v1/items/{i}/replies", {"text": f"回复{i}"})
    call("POST", f"/api/v1/items/{i}/escalate", {"text": f"升级{i}"})

# leads: create, note, advance, edit, sign, drop, reopen, talents
ld = call("POST", "/api/v1/leads", {"company": "比较科技有限公司", "industry": "集成电路",
                                    "found_by": "S01", "followed_by": "S02",
                                    "amount_yuan": 300000000, "source": "以商招商"})
lid = v(ld, "id") or v(ld, "lead", "id") or 1
call("POST", f"/api/v1/leads/{lid}/notes", {"kind": "visit", "text": "走访"})
call("POST", f"/api/v1/leads/{lid}/advance", {"text": "洽谈"})
doc = call("GET", f"/api/v1/leads/{lid}")
ver = v(doc, "version") or v(doc, "lead", "version")
call("PATCH", f"/api/v1/leads/{lid}", {"version": ver, "source": "展会"})
call("PATCH", f"/api/v1/leads/{lid}", {"version": ver, "source": "过期"})
call("POST", f"/api/v1/leads/{lid}/advance", {})
call("POST", f"/api/v1/leads/{lid}/sign", {"ref": "CMP-1", "name": "比较项目"})
call("POST", f"/api/v1/leads/{lid}/notes", {"kind": "note", "text": "签约后"})
for i in range(2, 35):
    call("POST", f"/api/v1/leads/{i}/notes", {"kind": "note", "text": f"记录{i}"})
    call("POST", f"/api/v1/leads/{i}/drop", {"text": "转投外省"})
    call("POST", f"/api/v1/leads/{i}/reopen", {"text": "重新考虑"})
    call("POST", f"/api/v1/leads/{i}/advance", {})
call("POST", "/api/v1/leads/talents", {"unit": "S01", "month": "2024-06", "count": 3})
call("POST", "/api/v1/leads/talents", {"unit": "S01", "month": "2024-06", "count": 3})
call("POST", "/api/v1/leads/talents", {"unit": "S01", "month": "2024-06", "count": 4})

# visits and teams
call("POST", "/api/v1/visits", {"ref": "2024-003", "on": "2024-06-20", "kind": "supervision",
                                "who": "项目办 王科长", "findings": "施工许可未办"})
team = call("GET", "/api/v1/teams/2024-003")
tv = v(team, "version") or v(team, "team", "version") or 0
t = {"name": "比较突击队", "members": ["甲", "乙"]}
call("PUT", "/api/v1/teams/2024-003", {**t, "version": tv})
call("PUT", "/api/v1/teams/2024-003", {**t, "version": tv + 1})
call("PUT", "/api/v1/teams/2024-003", {**t, "version": tv})
call("PUT", "/api/v1/teams/2024-003", {**t, "members": ["甲"], "version": tv + 1})
call("PUT", "/api/v1/teams/2024-004", {**t, "version": 0})

# supplies and demolition reports
g = {"ref": "2024-005", "year": 2024, "element": "land", "kind": "land_grant",
     "on": "2024-06-20", "amount": "20.25", "doc_no": "锡供〔2024〕5号"}
r = call("POST", "/api/v1/supplies", g)
sv = v(r, "supply", "version") or 1
call("POST", "/api/v1/supplies", {**g, "version": sv})
call("POST", "/api/v1/supplies", {**g, "amount": "21", "version": sv})
call("POST", "/api/v1/supplies", {**g, "amount": "22", "version": sv})
call("POST", "/api/v1/supplies", {**g, "kind": "need", "amount": "30"})
for tid in (1, 2):
    r = call("POST", f"/api/v1/demolition/{tid}/reports", {"on": "2024-06-28", "done": 100})
    rv = v(r, "report", "version") or v(r, "version") or 1
    call("POST", f"/api/v1/demolition/{tid}/reports", {"on": "2024-06-28", "done": 100, "version": rv})
    call("POST", f"/api/v1/demolition/{tid}/reports", {"on": "2024-06-28", "done": 150, "version": rv})
    call("POST", f"/api/v1/demolition/{tid}/reports", {"on": "2024-06-28", "done": 160, "version": 9})

# policies, applications, the calendar
call("POST", "/api/v1/policies", {"name": "比较政策二", "kind": "other", "year": 2024,
                                  "limits": {"verify": 5, "consult": 5, "pay": 5},
                                  "owners": {"apply": "D02", "verify": "D02", "consult": "D01",
                                             "pay": "D02"}})
a = call("POST", "/api/v1/applications", {"company": "比较二公司", "uscc": "91320214MA1CMP0002",
                                          "policy": 1, "amount_yuan": 500000,
                                          "applied_on": "2024-06-03", "ref": "2024-006"})
aid = v(a, "id") or 1
call("POST", f"/api/v1/applications/{aid}/verify", {"on": "2024-06-05"})
call("POST", f"/api/v1/applications/{aid}/consult", {"on": "2024-06-07", "amount_yuan": 400000})
call("POST", f"/api/v1/applications/{aid}/pay", {"on": "2024-06-10", "amount_yuan": 100000})
call("POST", f"/api/v1/applications/{aid}/pay", {"on": "2024-06-11", "amount_yuan": 300000})
call("POST", f"/api/v1/applications/{aid}/pay", {"on": "2024-06-12", "amount_yuan": 1})
for i in range(1, 16):
    call("POST", f"/api/v1/applications/{i}/verify", {"on": "2024-06-05", "version": 99})
    call("POST", f"/api/v1/applications/{i}/verify", {"on": "2024-06-05"})
    call("POST", f"/api/v1/applications/{i}/pay", {"on": "2024-06-20", "amount_yuan": 1000})
    call("POST", f"/api/v1/applications/{i}/reject", {"on": "2024-06-21", "reason": "不符合"})
call("PUT", "/api/v1/calendar/2024-09-01", {"kind": "holiday", "name": "比较"})
call("PUT", "/api/v1/calendar/2024-09-01", {"kind": "holiday", "name": "比较"})
call("PUT", "/api/v1/calendar/2024-09-01", {"kind": "workday"})
call("DELETE", "/api/v1/calendar/2024-09-01")

# sharing rules, funds
rule = {"name": "比较规则", "attracted_by": "district", "nth_from": 7, "valid_from": 2025,
        "street_permille": 700}
r = call("POST", "/api/v1/ledger/rules", rule)
rid, rv = v(r, "id") or v(r, "rule", "id") or 1, v(r, "version") or v(r, "rule", "version") or 1
call("PUT", f"/api/v1/ledger/rules/{rid}", {**rule, "version": rv})
call("PUT", f"/api/v1/ledger/rules/{rid}", {**rule, "street_permille": 650, "version": rv})
call("PUT", f"/api/v1/ledger/rules/{rid}", {**rule, "street_permille": 600, "version": rv})
call("PUT", f"/api/v1/ledger/rules/{rid}", {**rule, "nth_to": 9, "landed_in": "S01",
                                            "version": rv + 1})
f = {"name": "比较基金", "manager": "比较资本", "capital": 5000000000,
     "registered_on": "2024-03-05", "focus": "集成电路", "brought_by": "S01"}
call("POST", "/api/v1/funds", f)
call("POST", "/api/v1/funds", {**f, "version": 1})
call("POST", "/api/v1/funds", {**f, "capital": 6000000000, "version": 1})
call("POST", "/api/v1/funds", {**f, "capital": 7000000000, "version": 1})

# leaders and lists
doc = call("GET", "/api/v1/projects/2024-007")
pv = v(doc, "version") or v(doc, "project", "version")
call("PUT", "/api/v1/projects/2024-007/leaders", {"leaders": ["li", "wang"], "version": pv})
call("PUT", "/api/v1/projects/2024-007/leaders", {"leaders": ["li"], "version": pv})
call("POST", "/api/v1/leaders/li/visit", {"seen": 5})
l = call("POST", "/api/v1/lists", {"name": "比较列表", "projects": ["2024-001", "2024-002"]})
lid = v(l, "id") or v(l, "list", "id") or 1
call("PUT", f"/api/v1/lists/{lid}", {"name": "比较列表二", "projects": ["2024-002"], "version": 1})
call("PUT", f"/api/v1/lists/{lid}", {"name": "过期", "projects": [], "version": 1})
call("DELETE", f"/api/v1/lists/{lid}?version=2")

# change requests to the issued plan: proposed, approved, rejected, withdrawn
ids = []
for ref, ch in (("2024-012", {"planned_completion": "2030-06-30"}),
                ("2024-013", {"planned_start": "2024-07-15"}),
                ("2024-014", {"planned_completion": "2029-01-31"})):
    ids.append(v(call("POST", "/api/v1/change-requests", {"ref": ref, "changes": ch,
                                                         "reason": "比较"}), "id"))
call("POST", f"/api/v1/change-requests/{ids[0]}/approve", {"reason": "同意"})
call("POST", f"/api/v1/change-requests/{ids[1]}/reject", {"reason": "依据不足"})
call("POST", f"/api/v1/change-requests/{ids[2]}/withdraw", {})
call("POST", f"/api/v1/change-requests/{ids[2]}/approve", {})

# the map's boundary: the same (no entry), changed, stale
poly = {"type": "Polygon", "coordinates": [[[120.3, 31.5], [120.5, 31.5], [120.5, 31.6],
                                            [120.3, 31.5]]]}
b = call("GET", "/api/v1/map/boundary")
bv = v(b, "version") or 1
call("PUT", "/api/v1/map/boundary", {"name": "新吴区", "geojson": poly, "version": bv})
call("PUT", "/api/v1/map/boundary", {"name": "新吴区", "geojson": poly, "version": bv + 1})
call("PUT", "/api/v1/map/boundary", {"name": "新吴区（改）", "geojson": poly, "version": bv + 1})
call("PUT", "/api/v1/map/boundary", {"name": "过期", "geojson": poly, "version": bv})
# accounts: add, change, password, disable
call("POST", "/api/v1/users", {"username": "cmp2", "role": "section", "unit": "S01",
                               "password": "compare-pass-2", "display_name": "比较"})
call("PATCH", "/api/v1/users/cmp2", {"display_name": "比较二", "version": 1})
call("PATCH", "/api/v1/users/cmp2", {"display_name": "过期", "version": 1})
call("PATCH", "/api/v1/users/cmp2", {"disabled": True, "version": 2})

# what the reads make of it all
for path in ("/items?asof=2024-06-30", "/leads", "/leads/counts?year=2024", "/visits", "/schedule",
             "/supplies?year=2024&asof=2024-06-30", "/demolition?year=2024&asof=2024-06-30",
             "/applications?asof=2024-06-30", "/policies", "/calendar", "/taxes", "/ledger",
             "/ledger/rules", "/funds", "/leaders", "/leaders/li/projects", "/lists",
             "/change-requests", "/plans/2024", "/users", "/teams/2024-003", "/map/boundary",
             "/targets?year=2024&asof=2024-06-30&check=1", "/inbox"):
    call("GET", "/api/v1" + path)
EOF

run old "$OLD"
run new "$NEW"
bad=0
for f in cli http tables exports audit verify; do
	if ! cmp -s "$TMP/old/$f.txt" "$TMP/new/$f.txt"; then
		bad=1
		echo "differs: $f"
		diff -u "$TMP/old/$f.txt" "$TMP/new/$f.txt" | head -60 || true
	fi
	echo "$f: $(wc -l <"$TMP/new/$f.txt") lines"
done
[ -n "${KEEP:-}" ] && cp -r "$TMP" "$KEEP"
[ "$bad" = 0 ] && echo "the same: every answer, table, export, the audit trail and verify"
exit "$bad"
