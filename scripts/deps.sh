#!/usr/bin/env bash
# deps.sh — install what ballast needs from Debian's packages (and, later, npm),
# only what is missing. Idempotent: a second run installs nothing and is quiet.
set -euo pipefail

PKGS=(
	gcc make pkg-config
	libsqlite3-dev sqlite3
	libjansson-dev
	libsodium-dev
	libmicrohttpd-dev
	libzip-dev libexpat1-dev libxlsxwriter-dev libfreexl-dev
	libcairo2-dev libpango1.0-dev fonts-noto-cjk
	libcmocka-dev
	poppler-utils wrk hyperfine
	python3 python3-pytest
	clang libclang-rt-14-dev
)

missing=()
for p in "${PKGS[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -gt 0 ]; then
	echo "deps.sh: installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
