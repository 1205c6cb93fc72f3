#!/bin/sh
# sqlmap.sh — the SQL injection check of `make test-security`.
#
# Starts midad on 127.0.0.1 with a fresh database (demo newsroom, one admin,
# a second user to act on, a comment and a draft, the comment speed and rate
# checks off so every probe reaches the code), signs in, and runs sqlmap
# (Debian package) against every form and query parameter: the reader's
# pages, search, API, feeds and sitemaps (query parameters and the path
# segments a handler reads: ids, slugs, sitemap names), the login and
# comment forms (sqlmap fetches their signed token before every request
# with --csrf-token/--csrf-url), and every back office page and form, signed
# in (with the session's CSRF token). Bounded: --level=2 --risk=1, --batch.
# Fails if sqlmap reports any injection point, if a run ends otherwise than
# "not injectable", or if it did not test every parameter it was given.
# Logs: build/test/sqlmap/NAME.log (SQLMAP_LOGS=DIR to change).
#
# Usage: tests/security/sqlmap.sh [PATH/TO/midad]   (default build/rel/midad)
#        SQLMAP_ONLY="search api_search" tests/security/sqlmap.sh …   (some runs)
# Only 127.0.0.1 is contacted.
# shellcheck disable=SC2086  # $COMMON, $ADMIN and $FORM are option lists, split on purpose
set -euf    # -f: no globbing (parameter names such as "#1*" hold a '*')
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
printf '%s\n' "$PW" | "$MIDAD" user add victim --role author --db "$DB" >/dev/null
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

# what the runs point at: an article page (its path only: sqlmap mangled
# the absolute, percent-encoded URL given as --csrf-url), a section, a tag,
# a pending comment, the second user, a draft made with the editor and one
# of its revisions
ARTICLE=$(curl -s -o /dev/null -w '%{redirect_url}' "$BASE/article/1")
ARTICLE=${ARTICLE#"$BASE"}
json() { curl -s "$BASE$1" | python3 -c "import json,sys,urllib.parse as u; d=json.load(sys.stdin); print(u.quote($2))"; }
SECTION=$(json /api/v1/sections 'd["sections"][0]["slug"]')
TAG=$(json /api/v1/articles/1 'd["article"]["tags"][0]["slug"]')
CSRF=$(curl -s -b "$COOKIE" "$BASE/admin/articles/new" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
DRAFT=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$COOKIE" "$BASE/admin/articles/new" \
        --data-urlencode "csrf=$CSRF" --data-urlencode "title=مسودة للفحص" \
        --data-urlencode "body=نص المسودة" --data-urlencode "action=save" |
        sed -n 's|.*/admin/articles/\([0-9]*\).*|\1|p')
curl -s -o /dev/null -b "$COOKIE" "$BASE/admin/articles/$DRAFT" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "title=مسودة للفحص ثانية" --data-urlencode "body=نص آخر" --data-urlencode "action=save"
REV=$(curl -s -b "$COOKIE" "$BASE/admin/articles/$DRAFT/revisions" |
      sed -n "s|.*href=\"/admin/articles/$DRAFT/revisions/\([0-9]*\)\".*|\1|p" | head -1)
CTOKEN=$(curl -s "$BASE$ARTICLE" | sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p')
curl -s -o /dev/null "$BASE/article/1/comments" --data-urlencode "token=$CTOKEN" \
    --data-urlencode "name=قارئ" --data-urlencode "email=reader@example.com" --data-urlencode "comment=تعليق"
COMMENT=$(curl -s -b "$COOKIE" "$BASE/admin/comments?status=pending" |
          sed -n 's|.*href="/admin/comments/\([0-9]*\)".*|\1|p' | head -1)
VICTIM=$(curl -s -b "$COOKIE" "$BASE/admin/users" |
         sed -n 's|.*action="/admin/users/\([0-9]*\)/role".*|\1|p' | sort -n | tail -1)
for v in "$ARTICLE" "$SECTION" "$TAG" "$DRAFT" "$REV" "$COMMENT" "$VICTIM"; do
    [ -n "$v" ] || { echo "sqlmap.sh: could not set up the targets" >&2; exit 1; }
done

# 401 (a wrong password), 403 (a refused form) and 429 (the login throttle)
# are answers, not errors: keep testing through them
COMMON="--batch --level=2 --risk=1 --threads=1 --time-sec=2 --disable-coloring
        --output-dir=$TMP/out --flush-session --skip=Cookie,User-Agent,Referer,Host,csrf
        --ignore-code=401,403,429"
# The back office: signed in. Its CSRF token belongs to the session, so
# the forms carry it as it is (sqlmap need not fetch a page before every
# request); a form that succeeds answers 303, which sqlmap follows with a
# GET, as a browser does (re-sending the POST would save everything twice).
ADMIN="--cookie=$COOKIE"
FORM="--cookie=$COOKIE --answers=resend=N"
LOGS=${SQLMAP_LOGS:-build/test/sqlmap}
mkdir -p "$LOGS"
found=0
runs=0
params=0
# run NAME PARAMS SQLMAP-ARGS…: PARAMS is the comma-separated list of
# parameters sqlmap must have tested ("#1*" for a path segment marked * in
# the URL, which sqlmap always tests, with a POST body's parameters but
# without the query's: a path and a query are tested in separate runs)
run() {
    name=$1 want=$2
    shift 2
    case " ${SQLMAP_ONLY:-$name} " in *" $name "*) ;; *) return 0 ;; esac
    t0=$(date +%s)
    # -p: the named parameters (a path segment marked * is always tested)
    only=$(echo "$want" | tr ',' '\n' | grep -v '^#' | paste -sd, -)
    sqlmap $COMMON ${only:+-p "$only"} "$@" >"$LOGS/$name.log" 2>&1 || true
    tested=$(grep -c "testing for SQL injection on" "$LOGS/$name.log" || true)
    runs=$((runs + 1))
    params=$((params + tested))
    echo "sqlmap.sh: $name: $tested parameters, $(($(date +%s) - t0)) s"
    if grep -qiE "identified the following injection point|is vulnerable|appears to be injectable" "$LOGS/$name.log"; then
        echo "sqlmap.sh: INJECTABLE: $name (see $LOGS/$name.log)" >&2
        grep -iE "Parameter:|Type:|Payload:" "$LOGS/$name.log" >&2 || true
        found=1
    elif ! grep -q "all tested parameters do not appear to be injectable" "$LOGS/$name.log"; then
        echo "sqlmap.sh: $name did not finish as expected (see $LOGS/$name.log):" >&2
        grep -E "ERROR|CRITICAL" "$LOGS/$name.log" | tail -3 >&2
        found=1
    fi
    for p in $(echo "$want" | tr ',' ' '); do
        if ! grep "testing for SQL injection on" "$LOGS/$name.log" | grep -qF "'$p'"; then
            echo "sqlmap.sh: $name: parameter $p was not tested (see $LOGS/$name.log)" >&2
            found=1
        fi
    done
}

start=$(date +%s)

# --- the reader's side ---------------------------------------------------------
run login "login,password,next" -u "$BASE/admin/login" \
    --data "token=x&login=chief&password=guess&next=/admin" --csrf-token=token --csrf-url="$BASE/admin/login"
run login_page "next" -u "$BASE/admin/login?next=/admin/comments"
run comment "name,email,website,comment,parent,url_confirm" -u "$BASE/article/1/comments" \
    --data "token=x&name=reader&email=reader%40example.com&website=&comment=hello&parent=0&url_confirm=" \
    --csrf-token=token --csrf-url="$ARTICLE"
run article_page "reply,comment" -u "$BASE$ARTICLE?reply=1&comment=pending"
run article_path "#1*" -u "$BASE/article/1*"
run search "q,section,from,to,page" \
    -u "$BASE/search?q=%D8%AE%D8%A8%D8%B1&section=$SECTION&from=2020-01-01&to=2030-12-31&page=1"
run section_page "page" -u "$BASE/section/$SECTION?page=1"
run section_path "#1*" -u "$BASE/section/$SECTION*"
run tag_page "page" -u "$BASE/tag/$TAG?page=1"
run tag_path "#1*" -u "$BASE/tag/$TAG*"
run home_page "page" -u "$BASE/?page=1"
run api_search "q,section,from,to,page" \
    -u "$BASE/api/v1/search?q=%D8%AE%D8%A8%D8%B1&section=$SECTION&from=2020-01-01&to=2030-12-31&page=1"
run api_articles "section,page" -u "$BASE/api/v1/articles?section=$SECTION&page=1"
run api_articles_tag "tag" -u "$BASE/api/v1/articles?tag=$TAG"
run api_article "#1*" -u "$BASE/api/v1/articles/1*"
run feed_section "#1*" -u "$BASE/section/$SECTION*/feed.xml"
run feed_tag "#1*" -u "$BASE/tag/$TAG*/atom.xml"
run sitemap "#1*" -u "$BASE/sitemaps/articles-1*.xml"

# --- the back office ------------------------------------------------------------
run admin_queue "status,page,done" -u "$BASE/admin/comments?status=pending&page=1&done=1" $ADMIN
run admin_moderate "status,action,id,do" -u "$BASE/admin/comments" $FORM \
    --data "csrf=$CSRF&status=pending&action=approve&id=$COMMENT&do=approve:$COMMENT"
run admin_comment_page "saved" -u "$BASE/admin/comments/$COMMENT?saved=1" $ADMIN
run admin_comment_path "#1*" -u "$BASE/admin/comments/$COMMENT*" $ADMIN
run admin_comment_edit "#1*,name,body" -u "$BASE/admin/comments/$COMMENT*/edit" $FORM \
    --data "csrf=$CSRF&name=reader&body=hello"
run admin_comment_reply "#1*,reply" -u "$BASE/admin/comments/$COMMENT*/reply" $FORM \
    --data "csrf=$CSRF&reply=thanks"
run admin_settings "site_name,site_description,locale,digits,per_page,comment_moderation,comment_close_days" \
    -u "$BASE/admin/settings" $FORM \
    --data "csrf=$CSRF&site_name=midad&site_description=d&locale=ar&digits=latn&per_page=10&comment_moderation=first&comment_close_days=0"
run admin_settings_page "saved" -u "$BASE/admin/settings?saved=1" $ADMIN
run admin_users "login,name,role,password" -u "$BASE/admin/users" $FORM \
    --data "csrf=$CSRF&login=newbie&name=n&role=author&password=short"
run admin_users_page "done" -u "$BASE/admin/users?done=added" $ADMIN
run admin_user_role "#1*,role" -u "$BASE/admin/users/$VICTIM*/role" $FORM --data "csrf=$CSRF&role=editor"
run admin_user_password "#1*,password" -u "$BASE/admin/users/$VICTIM*/password" $FORM \
    --data "csrf=$CSRF&password=a+new+passphrase+for+victim+2026"
run admin_user_disable "#1*" -u "$BASE/admin/users/$VICTIM*/disable" $FORM --data "csrf=$CSRF"
run admin_user_enable "#1*" -u "$BASE/admin/users/$VICTIM*/enable" $FORM --data "csrf=$CSRF"
run admin_articles "status,section,author,q,page,done" \
    -u "$BASE/admin/articles?status=draft&section=$SECTION&author=x&q=x&page=1&done=1" $ADMIN
# The editor's fields. A headline makes the slug when none is typed, and
# the 100th article with one headline is refused (editor_form.c tries
# slug-2 … slug-99): sqlmap types a fresh random slug into each request
# (--randomize) while it tests the other fields, and tests the slug field in
# a run of its own.
EDITOR="title=%D8%B9%D9%86%D9%88%D8%A7%D9%86&subtitle=s&lead=l&body=b&section=$SECTION&section_new=&tags=t1%2C+t2&author=chief&source_name=src&source_url=https%3A%2F%2Fexample.com%2Fa&canonical_url=&comments_open=1"
FIELDS="title,subtitle,lead,body,section,section_new,tags,author,source_name,source_url,canonical_url,publish_at,comments_open,action"
run admin_article_new "$FIELDS" -u "$BASE/admin/articles/new" $FORM --randomize=slug \
    --data "csrf=$CSRF&$EDITOR&slug=proof-slugabcdefgh&publish_at=2030-01-01T09:30&action=schedule"
run admin_article_new_slug "slug" -u "$BASE/admin/articles/new" $FORM \
    --data "csrf=$CSRF&$EDITOR&slug=proof-slugabcdefgh&publish_at=2030-01-01T09:30&action=schedule"
run admin_article_edit "#1*,$FIELDS" -u "$BASE/admin/articles/$DRAFT*" $FORM --randomize=slug \
    --data "csrf=$CSRF&$EDITOR&slug=draft-slugabcdefgh&publish_at=&action=save"
run admin_article_edit_slug "slug" -u "$BASE/admin/articles/$DRAFT" $FORM \
    --data "csrf=$CSRF&$EDITOR&slug=draft-slugabcdefgh&publish_at=&action=save"
run admin_article_page "saved" -u "$BASE/admin/articles/$DRAFT?saved=1" $ADMIN
run admin_article_path "#1*" -u "$BASE/admin/articles/$DRAFT*" $ADMIN
run admin_revisions "#1*" -u "$BASE/admin/articles/$DRAFT*/revisions" $ADMIN
run admin_revision "#1*,#2*" -u "$BASE/admin/articles/$DRAFT*/revisions/$REV*" $ADMIN
run admin_revision_restore "#1*,#2*" -u "$BASE/admin/articles/$DRAFT*/revisions/$REV*/restore" $FORM \
    --data "csrf=$CSRF"
run admin_article_trash "#1*" -u "$BASE/admin/articles/$DRAFT*/trash" $FORM --data "csrf=$CSRF"
run admin_article_restore "#1*" -u "$BASE/admin/articles/$DRAFT*/restore" $FORM --data "csrf=$CSRF"
end=$(date +%s)

if grep -qE "Sanitizer|runtime error" "$TMP/server.log"; then
    echo "sqlmap.sh: sanitizer report in the server log" >&2
    found=1
fi
echo "sqlmap.sh: $runs runs, $params parameters, $((end - start)) s of sqlmap; $([ $found = 0 ] && echo 'nothing injectable' || echo FAILED)"
exit $found
