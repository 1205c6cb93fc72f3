#!/bin/sh
# deps.sh — install the Debian packages midad needs to build, run and test,
# when they are missing. As root it runs apt-get; otherwise it prints the
# exact command to run and stops.
set -e
PACKAGES="build-essential pkg-config clang libclang-rt-14-dev bc
libmicrohttpd-dev libsqlite3-dev sqlite3 libicu-dev libsodium-dev zlib1g-dev
libbrotli-dev libmd4c-dev libinih-dev libutf8proc-dev libcmocka-dev
libstemmer-dev libxml2-dev libxml2-utils libcurl4-openssl-dev
python3 python3-feedparser curl wrk nginx-light chromium fonts-dejavu-core slowhttptest sqlmap"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
        missing="$missing $p"
done
# node and npm may come from another packaging of Node.js: check the commands
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "midad: missing Debian packages:$missing" >&2
    echo "midad: run as root:  apt-get update && $cmd" >&2
    exit 1
fi
echo "midad: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends $missing >/dev/null
