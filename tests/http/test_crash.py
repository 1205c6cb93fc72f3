"""Crash and restart: a mixed load (page reads, comment posts, editor
saves) on a server of its own, killed with SIGKILL at random moments 20
times. After each restart the server answers within a second; at the end
every acknowledged write is present and PRAGMA integrity_check is ok."""
import http.client
import os
import random
import re
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.parse

import harness as h

ROUNDS = 20


def start(db, port):
    t0 = time.time()
    p = subprocess.Popen([h.MIDAD, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while time.time() - t0 < 10:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return p, time.time() - t0
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("no answer within 10 s")


def request(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request(method, path, body, headers or {})
    r = c.getresponse()
    data = r.read()
    return r.status, r.getheader("Location") or "", data


def test_sigkill_twenty_times_under_mixed_load():
    db = os.path.join(h.TMP, "crash.db")
    assert h.midad("init", "--db", db).returncode == 0
    assert h.midad("demo", "--db", db).returncode == 0
    for k, v in (("comment_min_seconds", "0"), ("comment_rate_per_minute", "0")):
        assert h.midad("set", "--db", db, k, v).returncode == 0
    pw = "crash test editor passphrase"
    assert h.midad("user", "add", "crasher", "--role", "editor", "--db", db,
                   stdin=pw + "\n").returncode == 0
    port = h.free_port()
    comments, articles, starts = [], [], []
    lock = threading.Lock()
    rng = random.Random(7)
    p, took = start(db, port)
    starts.append(took)
    editor = h.Staff("crasher", pw, port=port)
    assert editor.login_status == 303
    loc = request(port, "GET", "/article/1")[1]
    tok = re.search(r'name="token" value="([^"]+)"', request(port, "GET", loc)[2].decode()).group(1)

    def reader(stop):
        while not stop.is_set():
            try:
                request(port, "GET", rng.choice(["/", "/article/2", "/api/v1/articles", loc]))
            except OSError:
                time.sleep(0.01)

    def commenter(stop, k):
        i = 0
        while not stop.is_set():
            text = f"تعليق متين {k}-{i}-{time.time()}"
            i += 1
            try:
                status = request(port, "POST", "/article/1/comments", urllib.parse.urlencode(
                    {"token": tok, "name": "n", "email": "durable@example.com", "comment": text}),
                    {"Content-Type": "application/x-www-form-urlencoded",
                     "Origin": f"http://127.0.0.1:{port}"})[0]
            except OSError:
                continue
            if status == 303:
                with lock:
                    comments.append(text)

    def saver(stop):
        i = 0
        while not stop.is_set():
            title = f"خبر متين {i}-{time.time()}"
            i += 1
            try:
                status, where, _ = editor.post("/admin/articles/new", {
                    "title": title, "lead": "مقدمة.", "body": "نص الخبر.", "action": "save",
                    "comments_open": "1"})
            except OSError:
                continue
            if status == 303:
                with lock:
                    articles.append(title)

    for round_ in range(ROUNDS):
        stop = threading.Event()
        workers = [threading.Thread(target=reader, args=(stop,)),
                   threading.Thread(target=saver, args=(stop,))]
        workers += [threading.Thread(target=commenter, args=(stop, k)) for k in range(3)]
        for w in workers:
            w.start()
        time.sleep(rng.uniform(0.2, 0.7))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=10)
        stop.set()
        for w in workers:
            w.join(timeout=20)
        p, took = start(db, port)
        starts.append(took)
    p.terminate()
    p.wait(timeout=20)

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored_comments = {r[0] for r in conn.execute("SELECT body FROM comments")}
        stored_titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
    finally:
        conn.close()
    lost_c = [c for c in comments if c not in stored_comments]
    lost_a = [a for a in articles if a not in stored_titles]
    assert comments and articles, (len(comments), len(articles))
    assert not lost_c and not lost_a, f"lost {len(lost_c)} comments, {len(lost_a)} articles"
    assert max(starts) < 1.0, f"slowest restart answered after {max(starts):.2f} s"
    print(f"    {len(comments)} comments and {len(articles)} editor saves acknowledged over "
          f"{ROUNDS} kills; slowest restart {max(starts):.2f} s")
