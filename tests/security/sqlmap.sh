#!/bin/sh
# sqlmap.sh — the SQL injection check of `make test-security`.
#
# Starts midad on 127.0.0.1 with a fresh database (demo newsroom, one admin,
# the comment speed and rate checks off so every probe reaches the code),
# signs in, and runs sqlmap (Debian package) against the login form, the
# reader's comment form, the search query and the back office's forms (with
# the session cookie; sqlmap fetches each form's CSRF or signed token before
# every request with --csrf-token/--csrf-url). Bounded: --level=2 --risk=1,
# --batch. Fails if sqlmap reports any injection point.
#
# Usage: tests/security/sqlmap.sh [PATH/TO/midad]   (default build/rel/midad)
# Only 127.0.0.1 is contacted.
set -eu
MIDAD=$(readlink -f "${1:-build/rel/midad}")
command -v sqlmap >/dev/null || { echo "sqlmap.sh: sqlmap is not installed (apt-get install sqlmap)" >&2; exit 2; }
TMP=$(mktemp -d /tmp/midad-sqlmap-XXXXXX)
DB=$TMP/midad.db
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
PW='ink on paper: sqlmap check 2026'
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

"$MIDAD" init --db "$DB" >/dev/null
"$MIDAD" demo --db "$DB" >/dev/null
printf '%s\n' "$PW" | "$MIDAD" user add chief --role admin --db "$DB" >/dev/null
for kv in "comment_min_seconds 0" "comment_rate_per_minute 0"; do
    # shellcheck disable=SC2086
    "$MIDAD" set --db "$DB" $kv
done
"$MIDAD" serve --db "$DB" --listen "127.0.0.1:$PORT" >"$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# sign in: the session cookie for the back office forms
TOKEN=$(curl -s "$BASE/admin/login" | sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p')
COOKIE=$(curl -s -o /dev/null -D - "$BASE/admin/login" --data-urlencode "token=$TOKEN" \
         --data-urlencode "login=chief" --data-urlencode "password=$PW" |
         sed -n 's/^[Ss]et-[Cc]ookie: \(midad_session=[^;]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "sqlmap.sh: could not sign in" >&2; exit 1; }
ARTICLE=$(curl -s -o /dev/null -w '%{redirect_url}' "$BASE/article/1")

# 401 (a wrong password), 403 (a refused form) and 429 (the login throttle)
# are answers, not errors: keep testing through them
COMMON="--batch --level=2 --risk=1 --threads=1 --time-sec=2 --disable-coloring
        --output-dir=$TMP/out --flush-session --skip=Cookie,User-Agent,Referer,Host
        --ignore-code=401,403,429"
LOGS=${SQLMAP_LOGS:-build/test/sqlmap}
mkdir -p "$LOGS"
found=0
run() {
    name=$1
    shift
    echo "sqlmap.sh: $name"
    # shellcheck disable=SC2086
    sqlmap $COMMON "$@" >"$LOGS/$name.log" 2>&1 || true
    if grep -qiE "identified the following injection point|is vulnerable|appears to be injectable" "$LOGS/$name.log"; then
        echo "sqlmap.sh: INJECTABLE: $name (see $LOGS/$name.log)" >&2
        grep -iE "Parameter:|Type:|Payload:" "$LOGS/$name.log" >&2 || true
        found=1
    elif ! grep -q "all tested parameters do not appear to be injectable" "$LOGS/$name.log"; then
        echo "sqlmap.sh: $name did not finish as expected (see $LOGS/$name.log):" >&2
        grep -E "ERROR|CRITICAL" "$LOGS/$name.log" | tail -3 >&2
        found=1
    fi
}

start=$(date +%s)
run login -u "$BASE/admin/login" --data "token=x&login=chief&password=guess" -p login,password \
    --csrf-token=token --csrf-url="$BASE/admin/login"
run comment -u "$BASE/article/1/comments" \
    --data "token=x&name=reader&email=reader%40example.com&website=&comment=hello&parent=0" \
    -p name,email,website,comment,parent --csrf-token=token --csrf-url="$ARTICLE"
run search -u "$BASE/search?q=%D8%AE%D8%A8%D8%B1&page=1" -p q,page
run admin_queue -u "$BASE/admin/comments?status=pending&page=1" -p status,page --cookie="$COOKIE"
run admin_moderate -u "$BASE/admin/comments" --cookie="$COOKIE" \
    --data "csrf=x&status=pending&action=approve&id=1" -p status,action,id \
    --csrf-token=csrf --csrf-url="$BASE/admin/comments"
run admin_settings -u "$BASE/admin/settings" --cookie="$COOKIE" \
    --data "csrf=x&site_name=midad&site_description=d&locale=ar&digits=latn&per_page=10&comment_moderation=first&comment_close_days=0" \
    -p site_name,site_description,locale,per_page,comment_moderation,comment_close_days \
    --csrf-token=csrf --csrf-url="$BASE/admin/settings"
run admin_users -u "$BASE/admin/users" --cookie="$COOKIE" \
    --data "csrf=x&login=newbie&name=n&role=author&password=short" -p login,name,role \
    --csrf-token=csrf --csrf-url="$BASE/admin/users"
if curl -s -o /dev/null -w '%{http_code}' -b "$COOKIE" "$BASE/admin/articles" | grep -q 200; then
    run admin_articles -u "$BASE/admin/articles?status=draft&section=x&author=x&q=x" \
        -p status,section,author,q --cookie="$COOKIE"
fi
end=$(date +%s)

if grep -qE "Sanitizer|runtime error" "$TMP/server.log"; then
    echo "sqlmap.sh: sanitizer report in the server log" >&2
    found=1
fi
echo "sqlmap.sh: $((end - start)) s of sqlmap; $([ $found = 0 ] && echo 'nothing injectable' || echo FAILED)"
exit $found
