#!/bin/sh
# demo.sh — what `make run` does after building: the demo district as of
# 2024-06-30 with one account per role, then the server on 127.0.0.1:PORT.
#
#   scripts/demo.sh sqlite PORT     the demo in ./demo.db (made afresh)
#   scripts/demo.sh postgres PORT   the demo in a local PostgreSQL cluster in
#                                   build/pg-demo (started if it is not
#                                   running; its database `demo` made afresh,
#                                   its anchor log build/pg-demo.anchor)
set -eu
kind=${1:-sqlite}
port=${2:-8080}
ballast=build/ballast
password=demo-pass-1
users="admin:admin coord:coordinator s01:section:S01 s02:section:S02 dept:department:D01 leader:leader auditor:auditor"

case $kind in
sqlite)
	rm -f demo.db demo.db-wal demo.db-shm demo.db.anchor
	db=demo.db
	;;
postgres)
	dir=$(pwd)/build/pg-demo
	if [ ! -f "$dir/data/postmaster.pid" ]; then
		tests/pg/cluster.sh stop "$dir"
		tests/pg/cluster.sh start "$dir" >/dev/null
	fi
	dropdb -h "$dir" -U ballast --if-exists demo
	createdb -h "$dir" -U ballast demo
	db="host=$dir dbname=demo user=ballast"
	# its anchor log (docs/postgresql.md), for every command below and the server
	BALLAST_ANCHOR=$(pwd)/build/pg-demo.anchor
	export BALLAST_ANCHOR
	echo "  PostgreSQL: $db (stop it with: tests/pg/cluster.sh stop build/pg-demo)"
	echo "  anchor log: $BALLAST_ANCHOR (ballast verify --db '$db' with BALLAST_ANCHOR set)"
	;;
*)
	echo "usage: scripts/demo.sh sqlite|postgres [PORT]" >&2
	exit 2
	;;
esac

$ballast demo --db "$db" --asof 2024-06-30
for u in $users; do
	name=$(echo "$u" | cut -d: -f1)
	role=$(echo "$u" | cut -d: -f2)
	unit=$(echo "$u" | cut -d: -f3)
	echo "$password" | $ballast user add "$name" --role "$role" ${unit:+--unit "$unit"} \
		--db "$db" >/dev/null
done
$ballast overview --db "$db" --year 2024 --asof 2024-06-30
echo
echo "  ballast 压舱石 — the demo district: http://127.0.0.1:$port/"
echo "  accounts (password $password):"
echo "    admin 系统管理员 · coord 发改委项目办 · s01 s02 板块 · dept 部门 · leader 区领导 · auditor 审计"
echo
exec $ballast serve --db "$db" --listen "127.0.0.1:$port" --access-log off
