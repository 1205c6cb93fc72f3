#!/usr/bin/env python3
"""Helper of bench/search: queries drawn from the corpus's word frequencies,
search latency through HTTP, and the same queries with LIKE.

  search_bench.py queries CORPUS_DIR OUT_DIR [SEED]
      count the words of every 10th article and write queries-K.txt and
      content-K.txt (K = 1, 2, 3 words; 300 each): words are drawn with
      their corpus frequency, so common words come up often; "content"
      leaves out the generator's function words (which midad does not index).
  search_bench.py http PORT FILE SECONDS [PID]
      ask GET /search?q=… for the queries of FILE in turn (one client,
      keep-alive) for SECONDS; print p50, p99, requests and the share of
      queries with results, and with the server's PID its CPU time per
      request (user + system, from /proc: on a shared, busy machine this
      is the steadier figure, since waiting for a core is not counted).
  search_bench.py like DB FILE N PORT
      the first N queries of FILE: time a LIKE search on the same database
      as WordPress makes it (every word in title, subtitle, lead or body;
      the newest 10 and the number of matches) and the same queries through
      midad's HTTP; print both medians.
"""
import collections
import http.client
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import time
import urllib.parse

WORD = re.compile(r"[\u0600-\u06FF\w]+")


def body_words(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    body = text.split("\n---\n", 1)[-1]
    return WORD.findall(body)


def cmd_queries(corpus, out, seed=1):
    rng = random.Random(int(seed))
    files = sorted(os.listdir(corpus))[::10]
    freq = collections.Counter()
    for name in files:
        freq.update(body_words(os.path.join(corpus, name)))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gen_corpus import FUNCTION
    function = set(FUNCTION)
    for kind, words in (("queries", list(freq)), ("content", [w for w in freq if w not in function])):
        weights = [freq[w] for w in words]
        for k in (1, 2, 3):
            with open(os.path.join(out, f"{kind}-{k}.txt"), "w", encoding="utf-8") as f:
                for _ in range(300):
                    f.write(" ".join(rng.choices(words, weights=weights, k=k)) + "\n")
    print(f"{len(freq)} distinct words in {len(files)} articles; top: "
          + " ".join(w for w, _ in freq.most_common(8)))


def read_queries(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def timed_get(conn, q):
    path = "/search?" + urllib.parse.urlencode({"q": q})
    t0 = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    dt = time.perf_counter() - t0
    assert r.status == 200, (q, r.status)
    return dt, b'class="result"' in body


def cpu_seconds(pid):
    if not pid:
        return 0.0
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cmd_http(port, path, seconds, pid=None):
    queries = read_queries(path)
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    times, hits, i = [], 0, 0
    cpu0 = cpu_seconds(pid)
    deadline = time.time() + float(seconds)
    while time.time() < deadline:
        dt, found = timed_get(conn, queries[i % len(queries)])
        times.append(dt)
        hits += found
        i += 1
    cpu = (cpu_seconds(pid) - cpu0) / len(times) * 1000
    times.sort()
    p = lambda x: times[min(len(times) - 1, int(x * len(times)))] * 1000
    print(f"p50 {p(0.50):.2f} ms  p99 {p(0.99):.2f} ms  max {times[-1] * 1000:.1f} ms"
          f"  ({len(times)} requests, {100 * hits // max(1, len(times))}% with results"
          + (f"; server CPU {cpu:.2f} ms/request)" if pid else ")"))


# As WordPress runs it: the newest 10 with SQL_CALC_FOUND_ROWS, i.e. the
# number of matches too (midad's page shows it), so every row is read.
LIKE_SQL = ("SELECT id, count(*) OVER () FROM articles WHERE status = 'published' AND {conds}"
            " ORDER BY published_at DESC LIMIT 10")
LIKE_ONE = ("(title LIKE ?{n} OR subtitle LIKE ?{n} OR lead LIKE ?{n}"
            " OR body_src LIKE ?{n})")


def cmd_like(db, path, n, port):
    queries = read_queries(path)[:int(n)]
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    like, ours = [], []
    for q in queries:
        words = q.split()
        sql = LIKE_SQL.format(conds=" AND ".join(LIKE_ONE.format(n=i + 1) for i in range(len(words))))
        t0 = time.perf_counter()
        con.execute(sql, [f"%{w}%" for w in words]).fetchall()
        like.append(time.perf_counter() - t0)
        ours.append(min(timed_get(conn, q)[0] for _ in range(3)))
    ml, mo = statistics.median(like) * 1000, statistics.median(ours) * 1000
    print(f"median over {len(queries)} queries: LIKE {ml:.1f} ms, midad (HTTP) {mo:.2f} ms"
          f" -> midad {ml / mo:.0f}x faster")


if __name__ == "__main__":
    cmds = {"queries": cmd_queries, "http": cmd_http, "like": cmd_like}
    cmds[sys.argv[1]](*sys.argv[2:])
