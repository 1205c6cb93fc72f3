""""See also" (issue 5): lists computed at publish time and read by the
article page and the API; a newer story enters an older one's list; pins
and exclusions survive `midad related rebuild`; a near-duplicate is flagged,
listed by `midad duplicates` and kept out of "see also"; at most 5 stories,
never the article itself."""
import re
import time

import harness as h
from harness import api, html, midad, write_fixture

# Made-up places: only this module's fixtures are about them.
TOPIC = "واحة الكهرمان"
RIVER = "نهر الزيزفون"
P1 = (f"أعلنت سلطات {TOPIC} اليوم بدء أعمال بناء سد جديد على {RIVER} لتأمين مياه الري "
      f"للمزارعين في القرى المجاورة، بكلفة تقدر بمئة مليون دينار تمولها الحكومة والمصارف المحلية.")
P2 = (f"وقال مدير مشروع السد إن الأعمال ستستمر ثلاث سنوات، وإن السد سيخزن مياه الفيضانات "
      f"الموسمية في {RIVER} ويحمي بساتين النخيل في {TOPIC} من الجفاف الذي ضرب المنطقة.")
P3 = (f"ويخشى صيادو {RIVER} أن يؤثر السد في أعداد الأسماك، فيما طالبت جمعيات البيئة "
      f"بدراسة مستقلة لأثر المشروع على الطيور المهاجرة التي تعبر {TOPIC} كل خريف.")
P4 = (f"وكانت {TOPIC} قد شهدت العام الماضي موسم جفاف قاسيا تراجعت فيه مياه {RIVER} "
      f"إلى أدنى مستوى لها منذ عقود، وخسر المزارعون جزءا كبيرا من محصول التمور.")
P5 = (f"وزار وزير الزراعة موقع السد على {RIVER} أمس، ووعد بتعويض المزارعين في {TOPIC} "
      f"عن الأراضي التي ستغمرها بحيرة السد، وبشق قنوات ري جديدة تصل المياه إلى الحقول.")

_ids = {}


def article(name, title, paras, date, lead=""):
    body = "\n\n".join(paras)
    text = (f'---\ntitle: "{title}"\nlead: "{lead}"\nsection: "اقتصاد"\n'
            f'date: {date}T09:00:00+03:00\n---\n\n{body}\n')
    return write_fixture(f"related-{name}.md", text)


def load(*paths):
    r = midad("import", "md", "--db", h.DB, *paths)
    assert r.returncode == 0, r.stderr
    ids = [int(m) for m in re.findall(r"→ article (\d+)", r.stdout)]
    time.sleep(0.7)     # the server drops its page cache within ~0.5 s
    return ids


def see_also(article_id):
    status, data = api(f"/api/v1/articles/{article_id}")
    assert status == 200, (article_id, status)
    return data["article"].get("see_also", {}).get("items", [])


def ids_of(items):
    return [i["id"] for i in items]


def fixtures():
    if _ids:
        return _ids
    (_ids["old"],) = load(article("old", f"بدء بناء سد على {RIVER} في {TOPIC}",
                                  [P1, P2, P3], "2026-03-01", lead=f"سد جديد في {TOPIC}."))
    return _ids


def publish_newer():
    ids = fixtures()
    if "new" not in ids:
        (ids["new"],) = load(article("new", f"وزير الزراعة يزور سد {RIVER} ويعد بالتعويض",
                                     [P5, P4], "2026-04-02", lead=f"تعويضات لمزارعي {TOPIC}."))
    return ids


def test_publishing_enters_an_older_storys_list():
    ids = fixtures()
    assert "new" not in ids
    before = see_also(ids["old"])
    ids = publish_newer()
    assert ids["new"] not in ids_of(before)
    assert ids["new"] in ids_of(see_also(ids["old"]))
    assert ids["old"] in ids_of(see_also(ids["new"]))


def test_block_on_the_page_at_most_five_never_self():
    ids = fixtures()
    status, data = api(f"/api/v1/articles/{ids['old']}")
    url = data["article"]["url"]
    page = html(url)
    block = re.search(r'<aside class="see-also".*?</aside>', page, re.S)
    assert block, "no see-also block"
    block = block.group(0)
    assert "شاهد أيضاً" in block
    items = re.findall(r"<li>.*?</li>", block, re.S)
    assert 1 <= len(items) <= 5
    assert f'href="{url}"' not in block
    for li in items:
        assert re.search(r'<p class="see-also-excerpt">[^<]*…</p>', li), li
        assert "<time datetime=" in li
    # every demo article: at most 5, never itself, only published stories
    status, listing = api("/api/v1/articles?page=1")
    for a in listing["articles"]:
        items = see_also(a["id"])
        assert len(items) <= 5
        assert a["id"] not in ids_of(items)
        assert len(set(ids_of(items))) == len(items)


def test_api_carries_the_list():
    ids = fixtures()
    items = see_also(ids["old"])
    assert items
    for i in items:
        assert i["title"] and i["url"].startswith("/article/") and i["excerpt"].endswith("…")
        assert i["published"]["iso"]
        assert "section" in i


def test_near_duplicate_flagged_and_kept_out():
    ids = publish_newer()
    # an agency copy: another headline, paragraphs reordered, other spellings
    copy = [P3.replace("أن", "ان").replace("يؤثر", "يئثر"), P1, P2 + " وأضاف أن العمل بدأ فعلاً."]
    (ids["copy"],) = load(article("copy", f"{TOPIC}: انطلاق أشغال السد", copy, "2026-03-02"))
    r = midad("duplicates", "--db", h.DB)
    assert r.returncode == 0, r.stderr
    cluster = r.stdout.split("\n\n")
    assert any(f"{ids['old']}\t" in c and f"  {ids['copy']}\t" in c for c in cluster), r.stdout
    assert ids["copy"] not in ids_of(see_also(ids["old"]))
    assert ids["old"] not in ids_of(see_also(ids["copy"]))
    both = {ids["old"], ids["copy"]}
    assert len(both & set(ids_of(see_also(ids["new"])))) == 1     # one copy, never two


def test_pins_and_exclusions_survive_rebuild():
    ids = publish_newer()
    status, listing = api("/api/v1/articles?page=1")
    unrelated = [a["id"] for a in listing["articles"] if a["id"] not in ids.values()][-1]
    assert midad("related", "pin", "--db", h.DB, str(ids["new"]), str(unrelated)).returncode == 0
    assert midad("related", "exclude", "--db", h.DB, str(ids["new"]), str(ids["old"])).returncode == 0
    assert midad("related", "exclude", "--db", h.DB, str(ids["new"]),
                 str(ids.get("copy", ids["old"]))).returncode == 0
    time.sleep(0.7)

    def check():
        got = ids_of(see_also(ids["new"]))
        assert got and got[0] == unrelated, got
        assert ids["old"] not in got and ids.get("copy") not in got, got

    check()
    r = midad("related", "rebuild", "--db", h.DB)
    assert r.returncode == 0, r.stderr
    time.sleep(0.7)
    check()
    assert ids["new"] in ids_of(see_also(ids["old"]))     # the rebuild kept the link
    # self and unknown ids are refused
    assert midad("related", "pin", "--db", h.DB, str(ids["new"]), str(ids["new"])).returncode != 0
    assert midad("related", "pin", "--db", h.DB, str(ids["new"]), "999999").returncode != 0
    for other in (unrelated, ids["old"], ids.get("copy", ids["old"])):
        assert midad("related", "unpin", "--db", h.DB, str(ids["new"]), str(other)).returncode == 0
    time.sleep(0.7)
    got = ids_of(see_also(ids["new"]))
    assert unrelated not in got[:1]


def test_bulk_import_rebuilds_see_also_once():
    """A folder of many files (in sub-folders) into a small database: the
    import saves them all, then rebuilds every list once (faster than one
    by one); each story's list holds stories of its own topic. Hidden and
    non-Markdown files are left alone. A few more files are then updated
    one by one, as usual."""
    import os
    import random
    db = h.TMP + "/bulk.db"
    folder = os.path.join(h.TMP, "export")
    assert midad("init", "--db", db).returncode == 0
    topics = {
        "sea": ["ميناء", "سفن", "بحارة", "مرفأ", "شحنات", "أمواج", "قبطان", "رصيف"],
        "farm": ["قمح", "حصاد", "سنابل", "مزارع", "بيدر", "محراث", "بذور", "سماد"],
        "rail": ["قطار", "سكة", "محطة", "قاطرة", "عربات", "ركاب", "تذاكر", "جسر"],
        "school": ["مدرسة", "طلاب", "معلمون", "امتحانات", "فصول", "مناهج", "كتب", "دفاتر"],
    }
    rnd = random.Random(7)
    topic_of = {}
    for i in range(120):
        topic = list(topics)[i % 4]
        words = topics[topic]
        paras = ["قال مسؤولون إن " + " و".join(rnd.sample(words, 5)) + " في تحسن هذا العام."
                 for _ in range(3)]
        name = f"bulk-{i:03d}.md"
        topic_of[name] = topic
        sub = os.path.join(folder, topic, str(i % 3))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, name), "w", encoding="utf-8") as f:
            f.write(f'---\ntitle: "تقرير {i} عن {words[0]} و{words[1]}"\n'
                    f'date: 2026-05-{1 + i % 28:02d}T08:00:00+03:00\n---\n\n'
                    + "\n\n".join(paras) + "\n")
    for junk in (".draft.md", "notes.txt", ".git/x.md"):
        os.makedirs(os.path.dirname(os.path.join(folder, junk)), exist_ok=True)
        with open(os.path.join(folder, junk), "w") as f:
            f.write("not a story\n")
    r = midad("import", "md", "--db", db, folder + "/")
    assert r.returncode == 0, r.stderr
    assert "for all articles at once" in r.stderr and "rebuilt in" in r.stdout, r.stderr
    ids = {int(m.group(2)): m.group(1)
           for m in re.finditer(r"imported \S*/(bulk-\d+\.md) → article (\d+)", r.stdout)}
    assert len(ids) == 120
    for article_id in list(ids)[:8]:
        shown = midad("related", "show", "--db", db, str(article_id))
        assert shown.returncode == 0, shown.stderr
        listed = [int(line.split("\t")[0]) for line in shown.stdout.splitlines() if "\t" in line]
        assert listed, (article_id, shown.stdout)
        assert all(topic_of[ids[o]] == topic_of[ids[article_id]] for o in listed), shown.stdout
    # a few files more: one by one, no rebuild
    few = [write_fixture("bulk-late.md", '---\ntitle: "قطار جديد"\ndate: 2026-06-01\n---\n\n'
                                        "قال مسؤولون إن قطار وسكة ومحطة وركاب في تحسن.\n")]
    r = midad("import", "md", "--db", db, *few)
    assert r.returncode == 0 and "at once" not in r.stderr, r.stderr
    late = int(re.search(r"→ article (\d+)", r.stdout).group(1))
    shown = midad("related", "show", "--db", db, str(late)).stdout
    listed = [int(line.split("\t")[0]) for line in shown.splitlines() if "\t" in line]
    assert listed and all(topic_of[ids[o]] == "rail" for o in listed), shown
    # a folder with no stories is an error that names the problem
    empty = os.path.join(h.TMP, "empty-export")
    os.makedirs(empty, exist_ok=True)
    r = midad("import", "md", "--db", db, empty)
    assert r.returncode == 1 and "no .md files" in r.stderr, r.stderr
    r = midad("import", "md", "--db", db, "--see-also", "sometimes", folder)
    assert r.returncode == 2 and "--see-also must be each, once or auto" in r.stderr, r.stderr
