#!/bin/sh
# Browser tests: a fresh demo database, a server on a free 127.0.0.1 port,
# then tests/e2e/site.test.js (playwright-core driving Debian's chromium),
# and tests/e2e/xss.test.js (the XSS run) against the same server.
#
#   sh tests/e2e/run.sh PATH/TO/midad
#
# Screenshots go to $SHOT_DIR (default build/test/screenshots under the repo).
# The last line is "N passed, N failed" (both scripts); the exit code is node's.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: sh tests/e2e/run.sh PATH/TO/midad" >&2
	exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
case $1 in
/*) MIDAD=$1 ;;
*) MIDAD=$(pwd)/$1 ;;
esac
if [ ! -x "$MIDAD" ]; then
	echo "e2e: $MIDAD is not an executable" >&2
	exit 2
fi
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
	echo "e2e: $CHROMIUM is missing (apt-get install chromium); no browser is ever downloaded" >&2
	exit 2
fi
for tool in node npm timeout; do
	command -v "$tool" >/dev/null 2>&1 || { echo "e2e: $tool is missing" >&2; exit 2; }
done

# Only 127.0.0.1 is ever contacted: keep any proxy setting out of the way.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY || true
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

# (1) node modules, from the lockfile, when missing or older than it
if [ ! -f "$HERE/node_modules/.package-lock.json" ] ||
	[ -n "$(find "$HERE/package-lock.json" -newer "$HERE/node_modules/.package-lock.json")" ]; then
	echo "e2e: npm ci"
	(cd "$HERE" && timeout 300 npm ci --no-audit --no-fund)
fi

# (2) a fresh database with the demo articles
DIR=$(mktemp -d "${TMPDIR:-/tmp}/midad-e2e.XXXXXX")
PID=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$PID" ]; then
		kill "$PID" 2>/dev/null || true
		i=0
		while kill -0 "$PID" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$PID" 2>/dev/null || true
		wait "$PID" 2>/dev/null || true
	fi
	rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

timeout 60 "$MIDAD" init --db "$DIR/m.db" >"$DIR/init.log" 2>&1 ||
	{ echo "e2e: midad init failed:" >&2; cat "$DIR/init.log" >&2; exit 1; }
timeout 120 "$MIDAD" demo --db "$DIR/m.db" >"$DIR/demo.log" 2>&1 ||
	{ echo "e2e: midad demo failed:" >&2; tail -20 "$DIR/demo.log" >&2; exit 1; }
# xss.test.js posts hundreds of comments from one address, at once
for kv in "comment_min_seconds 0" "comment_rate_per_minute 0" "comment_max_links 100"; do
	# shellcheck disable=SC2086 # KEY VALUE
	"$MIDAD" set --db "$DIR/m.db" $kv >/dev/null
done

# (3) the server on a free port; wait for /healthz (at most ~20 s)
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')
BASE_URL=http://127.0.0.1:$PORT
"$MIDAD" serve --db "$DIR/m.db" --listen "127.0.0.1:$PORT" >"$DIR/serve.log" 2>&1 &
PID=$!

HEALTH='const http=require("http");
const r=http.get(process.argv[1],{timeout:1000},(res)=>{res.resume();process.exit(res.statusCode===200?0:1)});
r.on("timeout",()=>r.destroy());r.on("error",()=>process.exit(1));'
i=0
until node -e "$HEALTH" "$BASE_URL/healthz" 2>/dev/null; do
	i=$((i + 1))
	if ! kill -0 "$PID" 2>/dev/null; then
		echo "e2e: the server exited; its log:" >&2
		tail -40 "$DIR/serve.log" >&2
		exit 1
	fi
	if [ "$i" -ge 80 ]; then
		echo "e2e: no 200 from $BASE_URL/healthz after 20 s; server log:" >&2
		tail -40 "$DIR/serve.log" >&2
		exit 1
	fi
	sleep 0.25
done

# (4) the browser tests: site.test.js, then xss.test.js
SHOT_DIR=${SHOT_DIR:-$ROOT/build/test/screenshots}
mkdir -p "$SHOT_DIR"
echo "e2e: $MIDAD serving $BASE_URL"
set +e
{
	(cd "$ROOT" && BASE_URL=$BASE_URL SHOT_DIR=$SHOT_DIR CHROMIUM=$CHROMIUM \
		MIDAD_BIN=$MIDAD MIDAD_DB=$DIR/m.db \
		timeout -k 10 300 node "$HERE/site.test.js")
	echo $? >"$DIR/site.rc"
} | tee "$DIR/site.out"
rc=$(cat "$DIR/site.rc")
# the XSS run (tests/e2e/xss.test.js) after the site tests, on the same
# server; the last line sums both scripts' "N passed, N failed"
if [ "$rc" -eq 0 ]; then
	{
		(cd "$ROOT" && BASE_URL=$BASE_URL CHROMIUM=$CHROMIUM MIDAD_BIN=$MIDAD MIDAD_DB=$DIR/m.db \
			timeout -k 10 300 node "$HERE/xss.test.js")
		echo $? >"$DIR/xss.rc"
	} | tee "$DIR/xss.out" | sed 's/^\([0-9]* passed, [0-9]* failed\)$/xss.test.js: \1/'
	rc=$(cat "$DIR/xss.rc")
	count() { tail -n 1 "$1" | sed -n "s/^\([0-9]*\) passed, \([0-9]*\) failed$/\\$2/p"; }
	sp=$(count "$DIR/site.out" 1); sf=$(count "$DIR/site.out" 2)
	xp=$(count "$DIR/xss.out" 1); xf=$(count "$DIR/xss.out" 2)
	[ -n "$xp" ] || { xp=0; xf=1; }
	echo "$((${sp:-0} + xp)) passed, $((${sf:-0} + xf)) failed"
fi
set -e
if [ $rc -ne 0 ]; then
	# the server's side of the story goes to stderr, so node's summary stays the last line on stdout
	echo "e2e: server log (last 40 lines):" >&2
	tail -40 "$DIR/serve.log" >&2
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "e2e: the browser tests timed out" >&2
		echo "0 passed, 1 failed"
	fi
fi
# (5) the trap stops the server and removes the temporary directory
exit $rc
