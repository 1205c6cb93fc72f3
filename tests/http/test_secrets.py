"""Secrets (issue 8, "Hostile users"): after sign-in, comment, editor,
moderation and user-management flows — good and bad — no password, session
token, CSRF token or reader email appears in the server's log (stderr), in
the audit table, or in any error page; and the public pages, feeds and API
never contain a reader's email.

A form that comes back with the reader's own values kept (a comment with an
error) may hold that reader's email in its email field, and a staff page
its own session's CSRF token in its forms' csrf fields: only there."""
import html as htmllib
import os
import re
import sqlite3
import urllib.parse

import harness as h
from harness import get, midad
import test_admin_access as acc
import test_comments as tc

ARTICLE = "خبر اختبار الأسرار"
WRONG_PASSWORD = "كلمة سر خاطئة للاختبار 9181"
NEW_PASSWORD = "a fresh long password for secrets 7734"
WEAK_PASSWORD = "weakpw7"
_s = {"emails": set(), "cookies": set(), "csrf": set(), "tokens": set(), "pages": []}


def seen_cookie(cookie):
    _s["cookies"].add(cookie.split("=", 1)[1])
    return cookie


def error_page(label, status, body):
    """Keep a 4xx/5xx answer for the final check."""
    assert status >= 400, (label, status)
    _s["pages"].append((label, body.decode("utf-8", "replace")))


def secrets():
    return ({acc.PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, WEAK_PASSWORD} | _s["emails"]
            | _s["cookies"] | _s["csrf"])


def test_flows_with_secrets():
    # sign in: a wrong password first, then the right one
    acc.add_user("secrets_admin", "admin", name="مدير الأسرار")
    page = acc.call("GET", "/admin/login")[2].decode()
    tok = re.search(r'name="token" value="([^"]+)"', page).group(1)
    status, _, body = acc.call("POST", "/admin/login", None,
                               {"token": tok, "login": "secrets_admin", "password": WRONG_PASSWORD})
    if status != 429:
        error_page("wrong password", status, body)
    admin = seen_cookie(acc.login("secrets_admin"))
    token = acc.csrf(admin)
    _s["csrf"].add(token)
    _s["own_csrf"] = token

    # readers comment: accepted, refused (bad field), too long
    aid, url = tc.article(ARTICLE)
    ftok = tc.tok(ARTICLE)
    for i in range(3):
        email = f"secret.reader.{i}@example.org"
        _s["emails"].add(email)
        status, hd, _ = tc.post(aid, tc.fields(ftok, email=email, comment=f"تعليق سري رقم {i} على الخبر."))
        assert status == 303, status
    bad_email = "secret.refused@example.org"
    _s["emails"].add(bad_email)
    status, _, body = tc.post(aid, tc.fields(ftok, email=bad_email, name=""))
    _s["pages"].append(("comment refused (its own form)", body.decode()))
    assert status == 400
    status, _, body = tc.post(aid, tc.fields(ftok, email=bad_email, comment="ك" * 70000))
    error_page("comment too long", status, body)
    ids = [l.split()[0] for l in midad("comments", "list", "--db", h.DB, "--status", "pending",
                                       "--article", str(aid)).stdout.splitlines() if l.strip()]
    assert len(ids) >= 3, ids
    assert acc.call("POST", "/admin/comments", admin,
                    {"csrf": token, "status": "pending", "action": "approve", "id": ids[0]})[0] == 303
    assert acc.call("POST", f"/admin/comments/{ids[1]}/edit", admin,
                    {"csrf": token, "name": "قارئ معدل", "body": "نص معدل"})[0] == 303
    assert acc.call("POST", f"/admin/comments/{ids[1]}/reply", admin,
                    {"csrf": token, "reply": "رد من التحرير"})[0] == 303

    # the editor: a save, and a save with a bad CSRF token
    status, hd, _ = acc.call("POST", "/admin/articles/new", admin,
                             {"csrf": token, "title": "خبر من اختبار الأسرار", "body": "نص",
                              "action": "publish"})
    assert status == 303, status
    forged = "F" * len(token)
    _s["csrf"].add(forged)
    status, _, body = acc.call("POST", "/admin/articles/new", admin,
                               {"csrf": forged, "title": "مزور", "body": "نص", "action": "save"})
    error_page("bad csrf", status, body)

    # users: add (weak, then good), reset a password (weak, then good), disable
    status, _, body = acc.call("POST", "/admin/users", admin, {"csrf": token, "login": "secrets.writer",
                               "name": "كاتب الأسرار", "role": "author", "password": WEAK_PASSWORD})
    error_page("weak password", status, body)
    status, hd, _ = acc.call("POST", "/admin/users", admin, {"csrf": token, "login": "secrets.writer",
                             "name": "كاتب الأسرار", "role": "author", "password": acc.PASSWORD})
    assert status == 303, status
    db = sqlite3.connect(f"file:{h.DB}?mode=ro", uri=True, timeout=10)
    uid = db.execute("SELECT id FROM users WHERE login = 'secrets.writer'").fetchone()[0]
    db.close()
    writer = seen_cookie(acc.login("secrets.writer"))
    status, _, body = acc.call("POST", f"/admin/users/{uid}/password", admin,
                               {"csrf": token, "password": WEAK_PASSWORD})
    error_page("weak password reset", status, body)
    assert acc.call("POST", f"/admin/users/{uid}/password", admin,
                    {"csrf": token, "password": NEW_PASSWORD})[0] == 303
    # the writer's old session is gone: a POST with it (and a password in the
    # body) gets the sign-in page, which must not echo any of it
    status, _, body = acc.call("POST", "/admin/users", writer, {"csrf": token, "login": "x.y",
                               "name": "س", "role": "author", "password": NEW_PASSWORD})
    error_page("stale session", status, body)
    assert acc.call("POST", f"/admin/users/{uid}/disable", admin, {"csrf": token})[0] == 303

    # generic errors with secrets in the body, a cookie and the headers
    for label, method, path, hdrs, body in [
        ("bad form encoding", "POST", "/admin/articles/new",
         {"Content-Type": acc.FORM, "Cookie": admin},
         f"csrf={token}&password={urllib.parse.quote(acc.PASSWORD)}&title=%ZZ"),
        ("wrong content type", "POST", "/admin/login", {"Content-Type": "text/plain"},
         f"login=secrets_admin&password={acc.PASSWORD}"),
        ("unknown path", "GET", "/admin/nowhere", {"Cookie": admin}, None),
        ("method", "PUT", "/admin/login", {"Content-Type": acc.FORM},
         f"password={urllib.parse.quote(acc.PASSWORD)}"),
        ("forged session", "POST", "/admin/settings", {"Content-Type": acc.FORM,
         "Cookie": "midad_session=" + "A" * 43}, f"csrf={token}&site_name=x"),
    ]:
        status, _, data = h.request(method, path, hdrs, body.encode() if body else None)
        if status >= 400:
            error_page(label, status, data)

    # sign out: the cookie is gone for good
    assert acc.call("POST", "/admin/logout", admin, {"csrf": token})[0] in (303, 200)


def test_zz_no_secret_in_log_audit_or_error_pages():
    assert _s["pages"], "the flows ran first"
    log = open(os.path.join(h.TMP, "server.log"), encoding="utf-8", errors="replace").read()
    db = sqlite3.connect(f"file:{h.DB}?mode=ro", uri=True, timeout=10)
    audit = "\n".join(" ".join(str(c) for c in row) for row in db.execute("SELECT * FROM audit"))
    db.close()
    for s in secrets():
        assert s not in log, f"in the server log: {s}"
        assert s not in audit, f"in the audit table: {s}"
    for label, body in _s["pages"]:
        # a staff page carries the session's own CSRF token in its forms (and
        # only there); a reader's form kept after an error, the email typed
        body = body.replace(f'name="csrf" value="{_s["own_csrf"]}"', "")
        if label.endswith("(its own form)"):
            body = re.sub(r'<input id="c-email"[^>]*>', "", body)
        text = htmllib.unescape(body)
        for s in secrets():
            assert s not in text, f"{label}: {s}"


def test_zz_no_reader_email_in_public_pages_or_api():
    aid, url = tc.article(ARTICLE)
    assert _s["emails"]
    paths = [url, f"/api/v1/articles/{aid}", "/", "/feed.xml", "/atom.xml", "/api/v1/articles",
             "/api/v1/sections", "/sitemap.xml", "/news-sitemap.xml", "/sitemaps/site.xml",
             "/sitemaps/articles-0.xml", "/search?q=" + urllib.parse.quote("الأسرار"),
             "/api/v1/search?q=" + urllib.parse.quote("الأسرار")]
    body = get(url)[2].decode()
    paths += sorted(set(re.findall(r'href="(/(?:section|tag)/[^"#?]+)"', body)))
    for path in paths:
        status, _, data = get(path)
        text = htmllib.unescape(data.decode("utf-8", "replace"))
        for e in _s["emails"]:
            assert e not in text and urllib.parse.quote(e) not in text, (path, e)
        assert "@example.org" not in text, path
