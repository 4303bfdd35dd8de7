#!/usr/bin/env bash
# deps.sh — install what ballast needs: Debian's packages (only those missing),
# then the web UI's npm packages (npm ci from web/package-lock.json, only when
# node_modules is older than the lock file). Idempotent: a second run installs
# nothing and is quiet.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
	gcc make pkg-config
	libsqlite3-dev sqlite3
	libpq-dev postgresql-15 python3-psycopg2  # the PostgreSQL store (src/store/db.c); tests start their own cluster (tests/pg/cluster.sh)
	libjansson-dev
	libsodium-dev
	libmicrohttpd-dev
	libcurl4-openssl-dev  # the group-chat webhook's HTTPS client (http/notifier.c)
	openssl ca-certificates  # test_webhook_tls.py makes its certificates; libcurl verifies against the CA store
	libzip-dev libexpat1-dev libxlsxwriter-dev libfreexl-dev
	libcairo2-dev libpango1.0-dev fonts-noto-cjk
	libcmocka-dev
	poppler-utils wrk hyperfine curl  # make bench: wrk and its Lua scripts (bench/wrk)
	haproxy  # test_multi_server.py: a load balancer in front of two servers on one database
	libreoffice-calc-nogui  # headless LibreOffice: the XLSX round trip of test_xlsx.py
	python3 python3-pytest python3-pytest-xdist
	clang libclang-rt-14-dev
	nodejs npm chromium
)

missing=()
for p in "${PKGS[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
# A Node.js installed outside Debian's packages (with its own npm) will do.
if command -v node >/dev/null && command -v npm >/dev/null; then
	kept=()
	for p in "${missing[@]}"; do
		[ "$p" = nodejs ] || [ "$p" = npm ] || kept+=("$p")
	done
	missing=("${kept[@]+"${kept[@]}"}")
fi

if [ ${#missing[@]} -gt 0 ]; then
	echo "deps.sh: installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The web UI's packages, exactly as locked.
stamp=web/node_modules/.package-lock.json
if [ ! -e "$stamp" ] || [ web/package-lock.json -nt "$stamp" ] || [ web/package.json -nt "$stamp" ]; then
	echo "deps.sh: npm ci in web/"
	(cd web && npm ci --no-audit --no-fund --loglevel=error)
	touch "$stamp"
fi
