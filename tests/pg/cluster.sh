#!/bin/sh
# cluster.sh — a throwaway PostgreSQL cluster for the tests (issue #17): initdb
# and pg_ctl in a temporary folder, listening on a Unix socket in that folder
# only (no TCP port), stopped and removed at the end, also on failure.
#
#   tests/pg/cluster.sh run CMD [ARG...]   start one, run CMD with $BALLAST_TEST_PG
#                                          set to its connection string, stop it;
#                                          exits with CMD's status
#   tests/pg/cluster.sh start DIR          start one in DIR (created), print the
#                                          connection string
#   tests/pg/cluster.sh stop DIR           stop it and remove DIR
#
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres`
# account Debian's package creates, and the folder is handed to it. The cluster
# trades durability for speed (fsync off): it lives for one test run.
set -eu

bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
		echo "cluster.sh: no PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb): scripts/deps.sh installs postgresql-15" >&2
		exit 2
	fi
	echo "$d"
}

# Run a server program as the cluster's owner.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start() {
	dir=$1
	bin=$(bindir)
	mkdir -p "$dir"
	[ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
	as_owner "$bin/initdb" -D "$dir/data" --auth=trust --username=ballast \
		--encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	"$bin/createdb" -h "$dir" -U ballast ballast
	echo "host=$dir dbname=ballast user=ballast"
}

stop() {
	dir=$1
	bin=$(bindir)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

case "${1:-}" in
start) start "$2" ;;
stop) stop "$2" ;;
run)
	shift
	dir=$(mktemp -d "${TMPDIR:-/tmp}/ballast-pg.XXXXXX")
	trap 'stop "$dir"' EXIT INT TERM
	BALLAST_TEST_PG=$(start "$dir")
	export BALLAST_TEST_PG
	set +e
	"$@"
	rc=$?
	set -e
	exit $rc
	;;
*)
	echo "usage: tests/pg/cluster.sh run CMD [ARG...] | start DIR | stop DIR" >&2
	exit 2
	;;
esac
