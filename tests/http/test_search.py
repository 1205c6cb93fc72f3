"""Search (issue 4): the header box, /search and /api/v1/search, Arabic
variants, phrases and exclusions, filters, paging, snippets, hostile
queries, and the index kept in step with publishing, editing and drafts."""
import re
import time
import urllib.parse

import harness as h
from harness import api, get, html, midad, write_fixture

MARK = "زمردانية"   # a made-up word: only the fixtures of this module contain it
_imported = False


def article(name, title, body, date="2026-10-01", section="اقتصاد", lead="", draft=False):
    text = (f'---\ntitle: "{title}"\nlead: "{lead}"\nsection: "{section}"\n'
            f'date: {date}T09:00:00+03:00\n{"draft: true" + chr(10) if draft else ""}---\n\n'
            f'{body}\n')
    return write_fixture(f"search-{name}.md", text)


def load(*paths):
    r = midad("import", "md", "--db", h.DB, *paths)
    assert r.returncode == 0, r.stderr
    time.sleep(0.7)     # the server drops its page cache within ~0.5 s


def fixtures():
    global _imported
    if _imported:
        return
    _imported = True
    load(
        article("crisis", f"تفاقم الأزمة في مدينة {MARK}",
                f"قال المستشار إن الأزمة بلغت ذروتها في عام 2026 وإن مستشفى المدينة امتلأ. "
                f"وأضاف أن المفاوضات مع وزير الخارجية مستمرة. Elections are due, said the COVID team.\n\n"
                f"سطر فيه <script>alert(1)</script> قرب كلمة {MARK}.", lead=f"خبر عن {MARK}"),
        article("digits", f"تقرير {MARK} الرقمي",
                f"صدر التقرير في ٢٠٢٦ عن مستشفي الجامعة بمشاركة المستشارين والخبراء.",
                date="2025-03-10", section="صحة"),
        article("phrase", f"الخارجية {MARK} تعلن",
                f"أعلنت الخارجية أن الوزير سيزور العاصمة، وقال وزير آخر إن الزيارة مؤجلة.",
                date="2024-06-01", section="سياسة"),
        article("body-only", "عنوان بلا الكلمة",
                f"في النص وحده ترد كلمة الياقوتة مرة واحدة، وكلمة {MARK} أيضا.", date="2026-10-02"),
        article("title-word", "الياقوتة في العنوان",
                f"نص عادي عن {MARK} لا يكرر الكلمة.", date="2020-10-02"),
        article("draft", f"مسودة {MARK} عن الزبرجدية", "نص المسودة عن الزبرجدية.", draft=True),
    )


def search(q, **params):
    fixtures()
    query = urllib.parse.urlencode({"q": q, **params})
    status, data = api(f"/api/v1/search?{query}")
    assert status == 200, (q, status, data)
    return data


def titles(data):
    return [r["title"] for r in data["results"]]


def test_search_box_in_every_page_header():
    for path in ("/", h.first_article()["url"], "/search"):
        page = html(path)
        form = re.search(r'<form class="site-search" action="/search" method="get"[^>]*>(.*?)</form>',
                         page, re.S)
        assert form, f"{path}: no search form in the header"
        assert 'for="site-search-q"' in form.group(1) and 'id="site-search-q"' in form.group(1)
        assert 'name="q"' in form.group(1), "a GET form: works with no JavaScript"


def test_written_variants_find_the_article():
    for q in ("ازمة", "أزمة", "الازمه", "والأزمة", "الأزمَة", "الأزمــة", "أزمات", "الأزمة"):
        got = titles(search(f"{q} {MARK}"))
        assert any("تفاقم الأزمة" in t for t in got), f"{q} did not find الأزمة: {got}"


def test_digits_both_ways_and_alef_maqsura():
    assert any("الرقمي" in t for t in titles(search(f"2026 {MARK}")))      # ٢٠٢٦ in the text
    assert any("تفاقم" in t for t in titles(search(f"٢٠٢٦ {MARK}")))        # 2026 in the text
    got = titles(search(f"مستشفى {MARK}"))
    assert any("الرقمي" in t for t in got) and any("تفاقم" in t for t in got), got
    got = titles(search(f"مستشفي {MARK}"))
    assert any("الرقمي" in t for t in got) and any("تفاقم" in t for t in got), got


def test_clitics_and_plurals():
    got = titles(search(f"بالمستشارين {MARK}"))
    assert any("تفاقم" in t for t in got), got          # المستشار
    assert any("الرقمي" in t for t in got), got         # المستشارين


def test_phrase_and_exclusion():
    got = titles(search(f'"وزير الخارجية" {MARK}'))
    assert any("تفاقم" in t for t in got) and not any("تعلن" in t for t in got), got
    got = titles(search(f"الخارجية {MARK}"))
    assert any("تعلن" in t for t in got) and any("تفاقم" in t for t in got), got
    got = titles(search(f"الخارجية {MARK} -المستشار"))
    assert any("تعلن" in t for t in got) and not any("تفاقم" in t for t in got), got


def test_latin_words_in_arabic_text():
    assert any("تفاقم" in t for t in titles(search("election")))
    assert any("تفاقم" in t for t in titles(search("covid")))


def test_prefix():
    assert any("تفاقم" in t for t in titles(search("زمردان*")))


def test_headline_ranks_above_body():
    got = titles(search("الياقوتة"))
    assert got[:2] == ["الياقوتة في العنوان", "عنوان بلا الكلمة"], got


def test_drafts_never_found_then_published_then_withdrawn():
    assert search("الزبرجدية")["total"] == 0
    path = article("draft", f"مسودة {MARK} عن الزبرجدية", "نص المسودة عن الزبرجدية.")
    load(path)
    assert search("الزبرجدية")["total"] == 1, "a published story must be found"
    load(article("draft", f"مسودة {MARK} عن الزبرجدية", "نص المسودة عن الزبرجدية.", draft=True))
    assert search("الزبرجدية")["total"] == 0, "back to draft: gone from search"


def test_edit_reindexes():
    load(article("edit", "خبر سيعدل", "الكلمة القديمة هنا: البلورية.", date="2026-09-09"))
    assert search("البلورية")["total"] == 1
    load(article("edit", "خبر سيعدل", "الكلمة الجديدة هنا: الفيروزية.", date="2026-09-09"))
    assert search("البلورية")["total"] == 0 and search("الفيروزية")["total"] == 1


def test_snippet_is_escaped_and_marked():
    data = search(MARK)
    crisis = next(r for r in data["results"] if "تفاقم" in r["title"])
    assert f"<mark>{MARK}</mark>" in crisis["title_html"]
    page = html("/search?" + urllib.parse.urlencode({"q": "قرب " + MARK}))
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert f"<mark>{MARK}</mark>" in page
    assert re.search(r"<mark>[^<]*</mark>", page)
    for m in re.finditer(r"<(/?)(\w+)", page.split('<main', 1)[1]):
        assert m.group(2) != "script"


def test_count_and_pages():
    data = search("التجريبي")                      # the 12 harness fixtures
    assert data["total"] >= 12 and len(data["results"]) == 10
    assert data["pager"]["pages"] >= 2 and data["pager"]["next"].startswith("/search?q=")
    page2 = search("التجريبي", page="2")
    assert page2["results"] and set(titles(page2)).isdisjoint(titles(data))
    page = html(data["pager"]["next"])
    assert 'rel="prev"' in page and "&amp;page=" not in data["pager"]["next"]
    assert get("/search?q=x&page=0")[0] == 400
    assert get("/search?q=%D8%A7%D9%84%D8%AA%D8%AC%D8%B1%D9%8A%D8%A8%D9%8A&page=999")[0] == 400


def test_section_and_date_filters():
    got = titles(search(MARK, section="صحة"))
    assert got == [f"تقرير {MARK} الرقمي"], got
    got = titles(search(MARK, **{"from": "2024-01-01", "to": "2024-12-31"}))
    assert got == [f"الخارجية {MARK} تعلن"], got
    got = titles(search(MARK, **{"from": "2024-06-01", "to": "2024-06-01"}))   # the day itself
    assert got == [f"الخارجية {MARK} تعلن"], got
    assert search(MARK, **{"from": "not-a-date"})["total"] >= 5              # ignored


def test_empty_and_no_result_pages_are_helpful():
    for path in ("/search", "/search?q=", "/search?q=%D9%81%D9%8A",
                 "/search?q=" + urllib.parse.quote("كلمةلاوجودلها")):
        status, headers, body = get(path)
        page = body.decode()
        assert status == 200, path
        assert 'id="search-q"' in page and "search-help" in page, path
    assert "لم نجد أخبارًا" in html("/search?q=" + urllib.parse.quote("كلمةلاوجودلها"))
    assert "اكتب كلمة" in html("/search")


def test_hostile_queries_never_error():
    noise = ['"', '""', '*', ':', '^', 'NEAR', 'NEAR(', '(', ')', 'سوريا-لبنان', 'a-b-c',
             '"unclosed', '-', '--', '- -x', 'title:x', '^x', 'x*', '**', '*x', 'AND', 'OR',
             'NOT', 'x OR y', '{title}: x', '"a" NEAR/2 "b"', '\\', "'", '%', '\u200f',
             'ـــ', 'َ', '\u202e\u202d', '<script>', "x" * 3000, "ب " * 1000,
             "".join(chr(c) for c in range(0x21, 0x7f)) * 20]
    for q in noise:
        for base in ("/search", "/api/v1/search"):
            path = base + "?q=" + urllib.parse.quote(q)
            status = get(path)[0]
            assert status == 200, f"{q[:40]!r}: {status}"


def test_api_is_the_same_view_as_the_page():
    data = search(MARK)
    page = html("/search?q=" + urllib.parse.quote(MARK))
    for r in data["results"]:
        assert r["url"] in page
    assert str(data["total"]) in page
    assert data["query"] == MARK and "filters" in data and "snippet" in data["results"][0]
