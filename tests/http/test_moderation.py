"""The back office's moderation queue, settings and users pages: a reader's
comment reaches the queue, approving it shows it at once, bulk spam,
staff replies threaded, edits; settings take effect without a restart (on
a server of its own); users; and no email, password or session token in
any public page or in the server log."""
import html as htmllib
import os
import re
import subprocess
import time
import urllib.parse

import harness as h
from harness import get, midad, write_fixture, fixture_article
import test_admin_access as acc
import test_comments as tc

_seen = {"emails": set(), "cookies": set()}


def editor():
    cookie = acc.login(acc.add_user("mod_editor", "editor", name="محررة المراجعة"))
    _seen["cookies"].add(cookie)
    return cookie, acc.csrf(cookie)


def reader_comment(title, text, email):
    """A reader's comment from a new address (held for moderation); its id."""
    aid, url = tc.article(title)
    _seen["emails"].add(email)
    status, hd, _ = tc.post(aid, tc.fields(tc.tok(title), email=email, comment=text))
    assert status == 303 and "comment=pending" in hd["location"], (status, hd)
    listed = midad("comments", "list", "--db", h.DB, "--status", "pending").stdout
    line = next(l for l in listed.splitlines() if text[:12] in l or email in l)
    return int(re.match(r"\s*(\d+)", line).group(1)), aid, url


def queue(cookie, status="pending"):
    s, _, body = acc.call("GET", f"/admin/comments?status={status}", cookie)
    assert s == 200
    return body.decode()


def moderate(cookie, token, **fields):
    fields["csrf"] = token
    return acc.call("POST", "/admin/comments", cookie, fields)


def test_reader_comment_reaches_queue_and_approve_shows_it_at_once():
    cookie, token = editor()
    text = "تعليق ينتظر المراجعة في الطابور"
    cid, aid, url = reader_comment("خبر للمراجعة", text, "queue.reader@example.com")
    page = queue(cookie)
    row = page.split(f'id="c-{cid}"')[1].split("</tr>")[0]
    assert text in row and "queue.reader@example.com" in row        # staff see the email
    assert "خبر للمراجعة" in row and f'href="/article/{aid}/' in row  # its article, linked
    assert re.search(r"<time[^>]+datetime=", row)                     # relative + absolute time
    assert re.search(r'class="badge"[^>]*>\d+<', page)                # pending count in the nav
    assert text not in get(url)[2].decode()                           # not public yet
    status, hd, _ = moderate(cookie, token, do=f"approve:{cid}", status="pending")
    assert status == 303 and "done=1" in hd["location"]
    assert text in get(url)[2].decode()                               # at once, no wait
    assert f'id="c-{cid}"' in queue(cookie, "approved")
    # un-approving takes it off the page at once too
    assert moderate(cookie, token, do=f"unapprove:{cid}", status="approved")[0] == 303
    assert text not in get(url)[2].decode()
    assert moderate(cookie, token, do=f"approve:{cid}")[0] == 303


def test_bulk_spam_and_counts():
    cookie, token = editor()
    ids = [reader_comment("خبر للمراجعة", f"رسالة مزعجة رقم {i} للاختبار", f"bulk{i}@example.com")[0]
           for i in range(3)]
    counts = lambda page: {m[0]: int(m[1]) for m in re.findall(
        r'status=(\w+)"[^>]*>[^<]*<span class="count">\((\d+)\)', page)}
    before = counts(queue(cookie))
    body = urllib.parse.urlencode([("csrf", token), ("status", "pending"), ("action", "spam")] +
                                  [("id", str(i)) for i in ids])
    status, hd, _ = h.request("POST", "/admin/comments",
                              {"Cookie": cookie, "Content-Type": acc.FORM}, body)
    assert status == 303 and "done=3" in hd["location"]
    after = counts(queue(cookie))
    assert after["spam"] == before["spam"] + 3 and after["pending"] == before["pending"] - 3
    spam = queue(cookie, "spam")
    assert all(f'id="c-{i}"' in spam for i in ids)
    assert "رسالة مزعجة" not in get(tc.article("خبر للمراجعة")[1])[2].decode()
    # an unknown action or status is refused, not guessed
    assert moderate(cookie, token, do="delete:1")[0] == 400
    assert acc.call("GET", "/admin/comments?status=deleted", cookie)[0] == 400


def test_staff_reply_is_threaded_and_edit_shows_at_once():
    cookie, token = editor()
    text = "سؤال من قارئ ينتظر ردّ التحرير"
    cid, aid, url = reader_comment("خبر الرد من التحرير", text, "asks@example.com")
    page = acc.call("GET", f"/admin/comments/{cid}", cookie)[2].decode()
    assert text in page and 'action="/admin/comments/%d/reply"' % cid in page
    status, hd, body = acc.call("POST", f"/admin/comments/{cid}/reply", cookie,
                                {"csrf": token, "reply": "   "})
    assert status == 400 and 'id="r-reply-err"' in body.decode()
    reply = "شكرًا على السؤال، صحّحنا الخبر."
    status, hd, _ = acc.call("POST", f"/admin/comments/{cid}/reply", cookie,
                             {"csrf": token, "reply": reply})
    assert status == 303
    article = get(url)[2].decode()
    assert text in article                          # replying approved the question
    thread = article.split(f'id="comment-{cid}"')[1]
    assert reply in thread and "comment-list replies" in thread.split(reply)[0]
    assert "محررة المراجعة" in thread                # the staff member's display name
    assert "@staff" not in article
    # edit: name and text, shown at once
    status, _, _ = acc.call("POST", f"/admin/comments/{cid}/edit", cookie,
                            {"csrf": token, "name": "قارئ مصحّح", "body": "نص بعد التحرير"})
    assert status == 303
    article = get(url)[2].decode()
    assert "نص بعد التحرير" in article and text not in article and "قارئ مصحّح" in article
    status, _, body = acc.call("POST", f"/admin/comments/{cid}/edit", cookie,
                               {"csrf": token, "name": "", "body": "نص باق"})
    assert status == 400 and "نص باق" in body.decode() and 'id="e-name-err"' in body.decode()


def test_author_cannot_moderate():
    c = acc.login(acc.add_user("mod_author", "author"))
    assert acc.call("GET", "/admin/comments", c)[0] == 403
    assert acc.call("POST", "/admin/comments", c, {"csrf": acc.csrf(c), "do": "approve:1"})[0] == 403
    assert "/admin/comments" not in acc.call("GET", "/admin", c)[2].decode()


# --- users ----------------------------------------------------------------------

def test_users_page_rules():
    admin = acc.login(acc.add_user("users_admin", "admin"))
    _seen["cookies"].add(admin)
    token = acc.csrf(admin)
    page = acc.call("GET", "/admin/users", admin)[2].decode()
    me = int(re.search(r'id="u-(\d+)">\s*<td dir="ltr">users_admin', page).group(1))
    # a weak password is refused next to its field, the values kept
    status, _, body = acc.call("POST", "/admin/users", admin,
                               {"csrf": token, "login": "new.writer", "name": "كاتبة جديدة",
                                "role": "author", "password": "password123"})
    body = body.decode()
    assert status == 400 and 'id="a-password-err"' in body and 'value="new.writer"' in body
    assert "password123" not in body                 # never echoed back
    status, hd, _ = acc.call("POST", "/admin/users", admin,
                             {"csrf": token, "login": "new.writer", "name": "كاتبة جديدة",
                              "role": "author", "password": acc.PASSWORD})
    assert status == 303
    page = acc.call("GET", "/admin/users", admin)[2].decode()
    uid = int(re.search(r'id="u-(\d+)">\s*<td dir="ltr">new.writer', page).group(1))
    writer = acc.login("new.writer")
    assert acc.call("GET", "/admin", writer)[0] == 200
    # role change, disable (ends the session), enable
    assert acc.call("POST", f"/admin/users/{uid}/role", admin, {"csrf": token, "role": "editor"})[0] == 303
    assert acc.call("GET", "/admin/comments", writer)[0] == 200      # now an editor
    assert acc.call("POST", f"/admin/users/{uid}/disable", admin, {"csrf": token})[0] == 303
    assert acc.call("GET", "/admin", writer)[0] == 303
    assert acc.call("POST", f"/admin/users/{uid}/enable", admin, {"csrf": token})[0] == 303
    # a password reset ends the user's sessions; the new one works
    writer = acc.login("new.writer")
    new_pw = "قلم جديد للكاتبة 77"
    assert acc.call("POST", f"/admin/users/{uid}/password", admin,
                    {"csrf": token, "password": new_pw})[0] == 303
    assert acc.call("GET", "/admin", writer)[0] == 303
    acc.login("new.writer", password=new_pw)
    # oneself: no disabling, no role change
    for action, f in (("disable", {}), ("role", {"role": "author"})):
        status, _, body = acc.call("POST", f"/admin/users/{me}/{action}", admin, dict(f, csrf=token))
        assert status == 400 and 'role="alert"' in body.decode(), (action, status)
    assert acc.call("GET", "/admin/users", admin)[0] == 200
    assert acc.call("POST", "/admin/users/999999/disable", admin, {"csrf": token})[0] == 404


def test_last_admin_cannot_be_removed():
    db = tc.fresh_db("last-admin.db")
    acc.add_user("solo", "admin", db=db)
    acc.add_user("helper", "admin", db=db)
    p, port = tc.own_server(db)
    try:
        solo, helper = acc.login("solo", port=port), acc.login("helper", port=port)
        t_solo = acc.csrf(solo, port)
        page = acc.call("GET", "/admin/users", solo, port=port)[2].decode()
        ids = {m[1]: int(m[0]) for m in re.findall(r'id="u-(\d+)">\s*<td dir="ltr">(\w+)', page)}
        assert set(ids) == {"solo", "helper"}, ids
        assert acc.call("POST", f"/admin/users/{ids['helper']}/role", solo,
                        {"csrf": t_solo, "role": "editor"}, port=port)[0] == 303
        assert acc.call("GET", "/admin/users", helper, port=port)[0] == 403   # at once
        # solo is the last admin: cannot disable or demote themselves
        for action, f in (("disable", {}), ("role", {"role": "editor"})):
            status, _, body = acc.call("POST", f"/admin/users/{ids['solo']}/{action}", solo,
                                       dict(f, csrf=t_solo), port=port)
            assert status == 400, (action, status)
        r = subprocess.run(["sqlite3", db, "SELECT count(*) FROM users"
                            " WHERE role = 'admin' AND disabled = 0"], capture_output=True, text=True)
        assert r.stdout.strip() == "1", r.stdout
    finally:
        p.terminate()
        p.wait(timeout=10)


# --- settings, without a restart -------------------------------------------------

def test_settings_take_effect_without_restart():
    db = tc.fresh_db("settings.db")
    old = fixture_article(2, title="خبر قديم التعليقات").replace("2026-09-03", "2020-01-03")
    r = midad("import", "md", "--db", db, write_fixture("old-story.md", old))
    assert r.returncode == 0, r.stderr
    old_id = int(re.search(r"article (\d+)", r.stdout).group(1))
    acc.add_user("chief", "admin", db=db)
    p, port = tc.own_server(db, [("comment_min_seconds", "0")])
    try:
        c = acc.login("chief", port=port)
        t = acc.csrf(c, port)
        page = acc.call("GET", "/admin/settings", c, port=port)[2].decode()
        assert 'name="comment_close_days"' in page and 'value="first" selected' in page
        good = {"csrf": t, "site_name": "صحيفة الحبر", "site_description": "أخبار",
                "locale": "ar", "digits": "latn", "per_page": "10",
                "comment_moderation": "none", "comment_close_days": "0"}
        bad = dict(good, per_page="0", locale="fr", site_name="")
        status, _, body = acc.call("POST", "/admin/settings", c, bad, port=port)
        body = body.decode()
        assert status == 400 and 'id="s-per-page-err"' in body and 'id="s-locale-err"' in body
        assert 'id="s-name-err"' in body and 'value="أخبار"' in body          # values kept
        assert "صحيفة الحبر" not in acc.call("GET", "/", port=port)[2].decode()
        status, hd, _ = acc.call("POST", "/admin/settings", c, good, port=port)
        assert status == 303
        home = acc.call("GET", "/", port=port)[2].decode()
        assert "صحيفة الحبر" in home and 'lang="ar"' in home
        assert 'title="صحيفة الحبر (RSS)"' in home                    # the feed links too
        for feed in ("/feed.xml", "/atom.xml"):                       # and the feeds
            xml = acc.call("GET", feed, port=port)[2].decode()
            assert "<title>صحيفة الحبر</title>" in xml, feed
        # comment policy "none": a first comment is published at once
        new_id = 3 - old_id
        url = acc.call("GET", f"/article/{new_id}", port=port)[1]["location"]
        form = acc.call("GET", url, port=port)[2].decode()
        token = re.search(r'name="token" value="([^"]+)"', form).group(1)
        status, loc = tc.post_to(port, new_id, tc.fields(token, email="first.time@example.com"))
        assert status == 303 and "comment=approved" in loc
        # English interface, 400-day closing: the 2020 story's form is gone, a POST is 403
        status, _, _ = acc.call("POST", "/admin/settings", c,
                                dict(good, locale="en", comment_close_days="400"), port=port)
        assert status == 303
        home = acc.call("GET", "/", port=port)[2].decode()
        assert 'lang="en"' in home and 'dir="ltr"' in home
        old_url = acc.call("GET", f"/article/{old_id}", port=port)[1]["location"]
        page = acc.call("GET", old_url, port=port)[2].decode()
        assert 'id="comment-form"' not in page and "Comments are closed" in page
        assert tc.post_to(port, old_id, tc.fields(token))[0] == 403
        fresh = acc.call("GET", url, port=port)[2].decode()
        assert 'id="comment-form"' in fresh                           # a recent story stays open
    finally:
        p.terminate()
        p.wait(timeout=10)


# --- privacy --------------------------------------------------------------------

def test_zz_no_email_password_or_token_in_public_pages_or_log():
    secrets = set(_seen["emails"]) | {acc.PASSWORD, "قلم جديد للكاتبة 77"}
    tokens = {c.split("=", 1)[1] for c in _seen["cookies"]}
    paths = ["/", "/feed.xml", "/atom.xml", "/api/v1/articles", "/sitemap.xml",
             "/search?q=" + urllib.parse.quote("خبر")]
    for aid, url in tc._articles.values():
        paths += [url, f"/api/v1/articles/{aid}"]
    for path in paths:
        body = htmllib.unescape(get(path)[2].decode())
        for s in secrets | tokens:
            assert s not in body, (path, s)
        assert "@staff" not in body
    log = open(os.path.join(h.TMP, "server.log"), encoding="utf-8", errors="replace").read()
    for s in secrets | tokens:
        assert s not in log, s
