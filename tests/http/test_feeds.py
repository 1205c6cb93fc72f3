"""Feeds and discovery (issue 7): RSS and Atom read by the Universal Feed
Parser (Debian's python3-feedparser), sitemaps validated with xmllint
against the Sitemap 0.9 schema, the news sitemap, robots.txt, the article's
canonical link, JSON-LD and share-card tags, conditional GET, Arabic URLs
fetched both percent-encoded (a crawler) and raw (a reader's copy-paste),
and WebSub pings with a retry, against a second server with its own
settings (base_url, summary-only feeds, small sitemap pages, a hub)."""
import calendar
import datetime
import html as htmllib
import http.server
import json
import os
import re
import subprocess
import threading
import time
import urllib.parse

import feedparser

import harness as h
from harness import api, get, html, midad, raw, write_fixture, wait_for_change

SECTION = "اختبار الخلاصات"
TAG = "وسم الخلاصات"
# what a headline may hold: diacritics, both quotes, &, <, >, emoji
FANCY = 'مُحَمَّدٌ يَقُولُ: "الأسعار" و\'التضخم\' & <الأجور> 😀🇸🇦 — عاجل'
# what must never break a feed or the JSON-LD: CDATA end, a script end tag,
# C0 and C1 controls and U+FFFE, written as front-matter escapes
HOSTILE_SRC = r"خبر ]]> </script><script>alert(1)</script> \u0001\u0008\u000b\u001b[0m\u007f\u0085\uFFFE نهاية"
HOSTILE_SHOWN = "خبر ]]> </script><script>alert(1)</script> [0m نهاية"
SOURCE_IRI = "https://wakala.example/أخبار/2026/خبر-مهم?ref=مداد"

_imported = {}


def _quoted(title):
    """A double-quoted front-matter scalar: JSON escapes, except that a title
    already written with \\u escapes (HOSTILE_SRC) goes in as it is."""
    return '"' + title + '"' if "\\u" in title else json.dumps(title, ensure_ascii=False)


def _fixture(name, title, date, extra="", section=SECTION):
    return write_fixture(name, (
        f'---\ntitle: {_quoted(title)}\n'
        f'lead: "مقدمة الخبر: أرقام & نسب <مهمة>."\nsection: "{section}"\n'
        f'tags: ["{TAG}"]\nauthor: "كاتبة الخلاصات"\ndate: {date}\n{extra}---\n\n'
        f'نص **الخبر** مع [رابط](https://example.com/x?a=1&b=2) و`<code>`.\n'))


def _import_fixtures():
    """Import the feed fixtures once (old dates: they never become the
    newest stories other test modules look at)."""
    if _imported:
        return _imported
    # the server notices writes from its first watcher tick on (≤ 0.5 s after
    # start); a write before that tick would be missed (see the report)
    time.sleep(1.0)
    paths = [
        _fixture("feeds-fancy.md", FANCY, "2025-03-01T09:00:00+03:00"),
        _fixture("feeds-hostile.md", HOSTILE_SRC, "2025-03-02T09:00:00+03:00"),
        _fixture("feeds-syndicated.md", "خبر منقول عن وكالة", "2025-03-03T09:00:00+03:00",
                 extra=f'source: "وكالة الأنباء"\nsource_url: "{SOURCE_IRI}"\ncanonical_url: source\n'),
    ]
    r = midad("import", "md", "--db", h.DB, *paths)
    assert r.returncode == 0, r.stderr
    section_url = "/section/" + urllib.parse.quote(SECTION.replace(" ", "-"))
    assert wait_for_change(section_url, "خبر منقول"), "fixtures not visible"
    for card in api(f"/api/v1/articles?section={urllib.parse.quote(SECTION.replace(' ', '-'))}")[1]["articles"]:
        _imported[card["id"]] = api(f"/api/v1/articles/{card['id']}")[1]["article"]
    assert len(_imported) == 3, _imported
    return _imported


def _section_path():
    return "/section/" + urllib.parse.quote(SECTION.replace(" ", "-"))


def _tag_path():
    return "/tag/" + urllib.parse.quote(TAG.replace(" ", "-"))


def _shown(text):
    """The visible text: controls (C0 but tab/LF/CR, DEL, C1) and U+FFFE/U+FFFF
    dropped. Feeds drop them all (XML 1.0 cannot carry most of them); the
    HTML page drops C0 and DEL and keeps the invisible rest."""
    return "".join(c for c in text if not (ord(c) < 32 and c not in "\t\n\r")
                   and not 0x7f <= ord(c) <= 0x9f and c not in "\ufffe\uffff")


def _parse(path):
    status, headers, body = get(path)
    assert status == 200, (path, status)
    feed = feedparser.parse(body)
    assert feed.bozo == 0, (path, feed.get("bozo_exception"))
    return feed, headers, body


def _iso_to_epoch(iso):
    return datetime.datetime.fromisoformat(iso).timestamp()


def _xmllint(body, *args):
    return subprocess.run(["xmllint", "--noout", "--nonet", *args, "-"], input=body,
                          capture_output=True, timeout=30)


def _locs(body):
    return re.findall(r"<loc>([^<]+)</loc>", body.decode("utf-8"))


# --- feeds ------------------------------------------------------------------

def test_every_feed_parses_without_errors():
    _import_fixtures()
    for path in ("/feed.xml", "/atom.xml", _section_path() + "/feed.xml", _section_path() + "/atom.xml",
                 _tag_path() + "/feed.xml", _tag_path() + "/atom.xml"):
        feed, headers, body = _parse(path)
        assert feed.entries, path
        assert feed.feed.get("language", feed.feed.get("title_detail", {}).get("language")) == "ar" \
            or b'xml:lang="ar"' in body, path
        assert _xmllint(body).returncode == 0, path
        kind = "atom" if path.endswith("atom.xml") else "rss"
        assert headers["content-type"] == f"application/{kind}+xml; charset=utf-8", headers["content-type"]


def test_feed_items_equal_what_the_site_shows():
    arts = _import_fixtures()
    base = h.base_url()
    for path in (_section_path() + "/feed.xml", _section_path() + "/atom.xml"):
        feed, _, _ = _parse(path)
        assert len(feed.entries) == 3, path
        for e in feed.entries:
            art = next(a for a in arts.values() if base + a["url"] == e.link)
            assert e.title == _shown(art["title"]), (path, e.title, art["title"])
            assert e.id == f"{base}/article/{art['id']}", e.id     # the GUID: never changes
            assert calendar.timegm(e.published_parsed) == _iso_to_epoch(art["published"]["iso"])
            assert e.author == art["author"]
            assert e.tags[0].get("label") or e.tags[0].term
            assert art["section"]["name"] in (e.tags[0].get("label"), e.tags[0].term)
            assert e.summary == art["lead"], e.summary
            assert "الخبر" in e.content[0].value and "<strong>" in e.content[0].value
            page = html(art["url"])          # and the page itself shows the same title
            h1 = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
            assert _shown(htmllib.unescape(h1)) == e.title, (h1, e.title)


def test_site_feed_lists_newest_with_channel_data():
    feed, _, body = _parse("/feed.xml")
    newest = api("/api/v1/articles")[1]["articles"]
    assert feed.entries[0].link == h.base_url() + newest[0]["url"]
    assert len(feed.entries) == 20
    assert feed.feed.link == h.base_url() + "/"
    assert feed.feed.language == "ar"
    assert b'<atom:link rel="self" type="application/rss+xml" href="' + h.base_url().encode() + b'/feed.xml"/>' in body
    assert b'rel="hub"' not in body, "no hub configured: none advertised"
    atom, _, abody = _parse("/atom.xml")
    assert atom.feed.id == h.base_url() + "/atom.xml"
    assert b'xml:lang="ar"' in abody


def test_hostile_headline_never_breaks_feeds_or_json_ld():
    arts = _import_fixtures()
    art = next(a for a in arts.values() if "]]>" in a["title"])
    assert _shown(art["title"]) == HOSTILE_SHOWN
    for path in (_section_path() + "/feed.xml", _section_path() + "/atom.xml"):
        feed, _, body = _parse(path)
        assert any(e.title == HOSTILE_SHOWN for e in feed.entries), [e.title for e in feed.entries]
        assert b"\x01" not in body and b"\xc2\x85" not in body and b"\xef\xbf\xbe" not in body
    page = html(art["url"])
    data = _json_ld(page)
    assert _shown(data["headline"]) == HOSTILE_SHOWN
    assert page.count("</script>") == 1, "the headline ended the JSON-LD block"


def test_feeds_for_unknown_groups_are_404():
    for path in ("/section/no-such-section/feed.xml", "/tag/no-such-tag/atom.xml"):
        assert get(path)[0] == 404, path


def test_conditional_get_etag_and_last_modified():
    for path in ("/feed.xml", _section_path() + "/atom.xml", "/sitemap.xml", "/news-sitemap.xml"):
        status, headers, _ = get(path)
        assert status == 200 and "etag" in headers and "last-modified" in headers, (path, headers)
        assert get(path, {"If-None-Match": headers["etag"]})[0] == 304
        s304, h304, _ = get(path, {"If-Modified-Since": headers["last-modified"]})
        assert s304 == 304 and h304.get("last-modified") == headers["last-modified"], path
        assert get(path, {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0] == 200
        # If-None-Match wins over If-Modified-Since (RFC 9110)
        assert get(path, {"If-None-Match": '"other"', "If-Modified-Since": headers["last-modified"]})[0] == 200
        # gzip variant keeps Last-Modified too
        sg, hg, _ = get(path, {"Accept-Encoding": "gzip"})
        assert sg == 200 and hg.get("last-modified") == headers["last-modified"]


def test_feeds_follow_new_articles():
    path = write_fixture("feeds-late.md", (
        f'---\ntitle: "خبر لاحق للخلاصة"\nsection: "{SECTION}"\ndate: 2025-03-04T09:00:00+03:00\n---\n\nنص.\n'))
    r = midad("import", "md", "--db", h.DB, path)
    assert r.returncode == 0, r.stderr
    assert wait_for_change(_section_path() + "/feed.xml", "خبر لاحق للخلاصة")
    assert "خبر لاحق للخلاصة" in feedparser.parse(get(_section_path() + "/atom.xml")[2]).entries[0].title


def test_pages_link_their_feeds():
    home = html("/")
    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/feed.xml"' in home
    assert 'href="/atom.xml"' in home
    section = html(_section_path())
    for href in re.findall(r'<link rel="alternate" type="[^"]+" title="[^"]*" href="([^"]+)"', section):
        assert get(href)[0] == 200, href
    assert f'href="{_section_path()}/feed.xml"' in section and f'href="{_section_path()}/atom.xml"' in section


# --- sitemaps ---------------------------------------------------------------

XSD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sitemap-0.9.xsd")


def test_sitemaps_validate_and_cover_every_article():
    _import_fixtures()
    status, headers, index = get("/sitemap.xml")
    assert status == 200 and headers["content-type"].startswith("application/xml")
    r = _xmllint(index, "--schema", XSD)
    assert r.returncode == 0, r.stderr.decode()
    urls = set()
    for loc in _locs(index):
        assert loc.startswith(h.base_url() + "/sitemaps/"), loc
        s, _, body = get(loc[len(h.base_url()):])
        assert s == 200, loc
        r = _xmllint(body, "--schema", XSD)
        assert r.returncode == 0, (loc, r.stderr.decode())
        urls.update(_locs(body))
    total = api("/api/v1/articles")[1]["total"]
    articles = {u for u in urls if "/article/" in u}
    assert len(articles) == total, (len(articles), total)
    assert h.base_url() + "/" in urls
    assert h.base_url() + _section_path() in urls and h.base_url() + _tag_path() in urls
    assert get("/sitemaps/articles-99.xml")[0] == 404
    assert get("/sitemaps/articles-0.xml")[0] == 404
    assert get("/sitemaps/nope.xml")[0] == 404


def test_sitemap_urls_work_for_crawlers_and_copy_paste():
    _, _, body = get("/sitemaps/articles-1.xml")
    locs = [l for l in _locs(body) if re.search(r"%D[89]", l)][:5]
    assert locs, "no Arabic slugs in the sitemap"
    for loc in locs:
        path = urllib.parse.urlsplit(loc).path
        assert all(ord(c) < 128 for c in loc), "sitemap URLs are percent-encoded"
        assert get(path)[0] == 200, loc                               # a crawler's fetch
        iri = urllib.parse.unquote(path)                               # a reader's copy-paste
        status = raw(f"GET {iri} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode("utf-8"))
        assert status == 200, (iri, status)


def test_robots_txt_points_at_both_sitemaps():
    status, headers, body = get("/robots.txt")
    text = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert f"Sitemap: {h.base_url()}/sitemap.xml" in text
    assert f"Sitemap: {h.base_url()}/news-sitemap.xml" in text
    assert "User-agent: *" in text and "Disallow: /admin/" in text


def test_news_sitemap_is_well_formed_even_when_empty():
    status, headers, body = get("/news-sitemap.xml")
    assert status == 200 and _xmllint(body, "--schema", XSD).returncode == 0
    assert b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in body


# --- the article page -------------------------------------------------------

def _json_ld(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def _meta(page, prop):
    m = re.search(r'<meta (?:property|name)="' + re.escape(prop) + r'" content="([^"]*)">', page)
    return htmllib.unescape(m.group(1)) if m else None


def test_article_meta_tags_and_json_ld():
    arts = _import_fixtures()
    art = next(a for a in arts.values() if a["title"] == FANCY)
    page = html(art["url"])
    own = h.base_url() + art["url"]
    assert f'<link rel="canonical" href="{own}">' in page
    data = _json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == FANCY
    assert data["description"] == art["lead"]
    assert _iso_to_epoch(data["datePublished"]) == _iso_to_epoch(art["published"]["iso"])
    assert "dateModified" in data
    assert data["author"] == {"@type": "Person", "name": art["author"]}
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"]
    assert data["articleSection"] == SECTION and data["inLanguage"] == "ar"
    assert data["url"] == own and data["mainEntityOfPage"] == own
    assert "isBasedOn" not in data
    # the block never carries raw markup characters
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    # Open Graph and Twitter cards, escaped
    assert _meta(page, "og:title") == FANCY and _meta(page, "twitter:title") == FANCY
    assert _meta(page, "og:type") == "article" and _meta(page, "og:url") == own
    assert _meta(page, "og:description") == art["lead"] and _meta(page, "twitter:card") == "summary"
    assert _meta(page, "og:locale") == "ar_AR" and _meta(page, "article:section") == SECTION
    assert _meta(page, "article:tag") == TAG
    assert 'content="مُحَمَّدٌ يَقُولُ: &quot;الأسعار&quot; و&#39;التضخم&#39; &amp; &lt;الأجور&gt;' in page


def test_syndicated_story_points_canonical_at_the_original():
    arts = _import_fixtures()
    art = next(a for a in arts.values() if a.get("source"))
    page = html(art["url"])
    encoded = urllib.parse.quote(SOURCE_IRI, safe=":/?=&")
    assert f'<link rel="canonical" href="{encoded}">' in page, re.findall(r'<link rel="canonical"[^>]*>', page)
    assert all(ord(c) < 128 for c in encoded)
    data = _json_ld(page)
    assert data["mainEntityOfPage"] == encoded and data["url"] == h.base_url() + art["url"]
    assert data["isBasedOn"]["url"] == encoded and data["isBasedOn"]["name"] == "وكالة الأنباء"
    assert _meta(page, "og:url") == h.base_url() + art["url"]
    assert urllib.parse.unquote(encoded) == SOURCE_IRI, "the IRI and the URI name the same page"


# --- a second server: settings, WebSub, news sitemap, paging ----------------

class _Hub(http.server.BaseHTTPRequestHandler):
    received = []
    lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        with _Hub.lock:
            _Hub.received.append(urllib.parse.parse_qs(body))
            first = len(_Hub.received) == 1
        self.send_response(500 if first else 204)   # the first ping fails: retried
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _start_hub():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hub)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def test_second_server_settings_websub_news_and_paging():
    db = os.path.join(h.TMP, "feeds2.db")
    hub = _start_hub()
    port = h.free_port()
    base = f"http://localhost:{port}"
    for args in (["init", "--db", db], ["demo", "--db", db],
                 ["set", "--db", db, "websub_hub", f"http://127.0.0.1:{hub.server_port}/hub"],
                 ["set", "--db", db, "feed_full_text", "0"],
                 ["set", "--db", db, "sitemap_page_size", "5"],
                 ["set", "--db", db, "base_url", base + "/"]):
        r = midad(*args)
        assert r.returncode == 0, (args, r.stderr)
    assert midad("set", "--db", db, "bad key", "x").returncode == 2
    log = open(os.path.join(h.TMP, "server2.log"), "w")
    server = subprocess.Popen([h.MIDAD, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=log)
    try:
        _check_second_server(db, port, base, hub)
    finally:
        server.terminate()
        server.wait(timeout=20)
        hub.shutdown()
        text = open(os.path.join(h.TMP, "server2.log"), encoding="utf-8", errors="replace").read()
        assert "AddressSanitizer" not in text and "runtime error" not in text, text[-3000:]


def _get2(port, path, headers=None):
    saved = h.PORT
    h.PORT = port
    try:
        return get(path, headers)
    finally:
        h.PORT = saved


def _check_second_server(db, port, base, hub):
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            if _get2(port, "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    time.sleep(1.2)   # the watcher takes its first stamp of the published set
    # settings: base_url, hub advertised, summary only
    _, _, body = _get2(port, "/feed.xml")
    feed = feedparser.parse(body)
    assert feed.bozo == 0 and feed.entries
    assert feed.entries[0].link.startswith(base + "/article/")
    assert f'<atom:link rel="hub" href="http://127.0.0.1:{hub.server_port}/hub"/>'.encode() in body
    assert all("content" not in e for e in feed.entries), "feed_full_text 0: summary only"
    _, _, abody = _get2(port, "/atom.xml")
    assert b'<link rel="hub"' in abody and b"<content" not in abody
    # publish a story now: news sitemap, and the hub is pinged (after a retry)
    now = datetime.datetime.now(datetime.timezone.utc)
    fresh = write_fixture("feeds-fresh.md", (
        f'---\ntitle: "خبر عاجل & جديد <الآن>"\nsection: "عاجل"\ntags: ["وسم عاجل"]\n'
        f'date: {(now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")}\n---\n\nنص.\n'))
    old = write_fixture("feeds-stale.md", (
        f'---\ntitle: "خبر قديم"\nsection: "عاجل"\n'
        f'date: {(now - datetime.timedelta(hours=49)).strftime("%Y-%m-%dT%H:%M:%SZ")}\n---\n\nنص.\n'))
    t0 = time.time()
    r = midad("import", "md", "--db", db, fresh, old)
    assert r.returncode == 0, r.stderr
    assert time.time() - t0 < 5, "publishing waited on the hub"
    want = {f"{base}/feed.xml", f"{base}/atom.xml",
            f"{base}/section/{urllib.parse.quote('عاجل')}/feed.xml",
            f"{base}/tag/{urllib.parse.quote('وسم-عاجل')}/atom.xml"}
    deadline = time.time() + 15
    got = set()
    while time.time() < deadline and not want <= got:
        time.sleep(0.2)
        with _Hub.lock:
            got = {q["hub.url"][0] for q in _Hub.received if q.get("hub.mode") == ["publish"]}
    assert want <= got, (want - got, got)
    deadline = time.time() + 10     # the first ping failed (500): retried after 1 s
    while time.time() < deadline:
        with _Hub.lock:
            retried = len(_Hub.received) > len({q["hub.url"][0] for q in _Hub.received})
        if retried:
            break
        time.sleep(0.2)
    assert retried, "the failed first ping was not retried"
    # the news sitemap: the fresh story only, with publication name and language
    deadline = time.time() + 5
    while time.time() < deadline:
        _, _, news = _get2(port, "/news-sitemap.xml")
        if "خبر عاجل".encode() in news:
            break
        time.sleep(0.2)
    assert _xmllint(news, "--schema", XSD).returncode == 0
    text = news.decode()
    assert text.count("<url>") == 1 and "خبر قديم" not in text
    assert "<news:title>خبر عاجل &amp; جديد &lt;الآن&gt;</news:title>" in text
    assert "<news:language>ar</news:language>" in text and "<news:name>" in text
    assert re.search(r"<news:publication_date>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d<", text)
    # paging: 5 URLs a sitemap, every article once
    _, _, index = _get2(port, "/sitemap.xml")
    pages = [l for l in _locs(index) if "/articles-" in l]
    total = api_total(port)
    assert len(pages) == (total + 4) // 5, (len(pages), total)
    seen = []
    for loc in pages:
        s, _, body = _get2(port, urllib.parse.urlsplit(loc).path)
        assert s == 200 and 1 <= len(_locs(body)) <= 5
        seen += _locs(body)
    assert len(seen) == len(set(seen)) == total


def api_total(port):
    _, _, body = _get2(port, "/api/v1/articles")
    return json.loads(body)["total"]
