"""Operating safely: online backup under load and the restore steps of
docs/operations.md, graceful shutdown, and refusing a database that cannot
be locked. Each test runs a server of its own."""
import http.client
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.parse

import harness as h


def start(db, *extra):
    port = h.free_port()
    log = open(os.path.join(h.TMP, f"ops-{port}.log"), "w")
    p = subprocess.Popen([h.MIDAD, "serve", "--db", db, "--listen", f"127.0.0.1:{port}", *extra],
                         stdout=subprocess.DEVNULL, stderr=log)
    for _ in range(200):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return p, port
        except OSError:
            time.sleep(0.05)
        if p.poll() is not None:
            return p, None
    raise RuntimeError("no server")


def fresh_db(name):
    db = os.path.join(h.TMP, name)
    assert h.midad("init", "--db", db).returncode == 0
    assert h.midad("demo", "--db", db).returncode == 0
    for k, v in (("comment_min_seconds", "0"), ("comment_rate_per_minute", "0"),
                 ("comment_moderation", "none")):
        assert h.midad("set", "--db", db, k, v).returncode == 0
    return db


def token(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", "/article/1")
    loc = c.getresponse().getheader("Location")
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", loc)
    return re.search(r'name="token" value="([^"]+)"', c.getresponse().read().decode()).group(1)


def post_comment(port, tok, text):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("POST", "/article/1/comments", urllib.parse.urlencode(
        {"token": tok, "name": "n", "email": "e@example.com", "comment": text}),
        {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://127.0.0.1:{port}"})
    r = c.getresponse()
    r.read()
    return r.status


def bodies(db):
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {row[0] for row in conn.execute("SELECT body FROM comments")}
    finally:
        conn.close()


def test_backup_under_load_and_restore_as_documented():
    db = fresh_db("ops.db")
    p, port = start(db)
    tok = token(port)
    before = [f"قبل النسخ {i}" for i in range(20)]
    for text in before:
        assert post_comment(port, tok, text) == 303
    stop = threading.Event()
    during = []

    def writer():
        i = 0
        while not stop.is_set():
            if post_comment(port, tok, f"أثناء النسخ {i}") == 303:
                during.append(i)
            i += 1

    t = threading.Thread(target=writer)
    t.start()
    time.sleep(0.3)
    backup = os.path.join(h.TMP, "ops-backup.db")
    r = h.midad("backup", "--db", db, backup)
    stop.set()
    t.join(timeout=20)
    assert r.returncode == 0, r.stderr
    assert during, "no writes ran during the backup"
    assert h.midad("backup", "--db", db, backup).returncode == 1      # never overwrites
    p.send_signal(signal.SIGTERM)
    assert p.wait(timeout=20) == 0
    # the restore steps of docs/operations.md
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.rename(db + suffix, db + suffix + ".broken")
    shutil.copy(backup, db)
    assert set(before) <= bodies(db)
    p, port = start(db)
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/api/v1/articles/1")
        data = c.getresponse().read().decode()
        assert "قبل النسخ 19" in data
    finally:
        p.terminate()
        p.wait(timeout=10)


def test_sigterm_lets_requests_in_flight_finish_and_checkpoints():
    db = fresh_db("graceful.db")
    p, port = start(db)
    tok = token(port)
    body = urllib.parse.urlencode({"token": tok, "name": "n", "email": "e@example.com",
                                   "comment": "أرسل ببطء ثم أُغلق الخادم"}).encode()
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"POST /article/1/comments HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: http://127.0.0.1:%d\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n"
              % (port, port, len(body)))
    s.sendall(body[:10])
    time.sleep(0.3)
    p.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    s.sendall(body[10:])
    answer = s.recv(4096)
    s.close()
    assert answer.startswith(b"HTTP/1.1 303"), answer[:80]
    assert p.wait(timeout=20) == 0
    assert "أرسل ببطء ثم أُغلق الخادم" in bodies(db)
    wal = db + "-wal"
    assert not os.path.exists(wal) or os.path.getsize(wal) == 0, "WAL not checkpointed"


def test_refuses_a_database_it_cannot_lock():
    db = fresh_db("locked.db")
    holder = sqlite3.connect(db, timeout=0, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        t0 = time.time()
        r = subprocess.run([h.MIDAD, "serve", "--db", db, "--listen", f"127.0.0.1:{h.free_port()}"],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 1 and ("lock" in r.stderr or "locked" in r.stderr), r.stderr
        assert time.time() - t0 < 30
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def mount_tmpfs(name, size):
    """A small tmpfs of its own under h.TMP (needs root, as here and in CI);
    the caller unmounts it with `umount -l`."""
    mnt = os.path.join(h.TMP, name)
    os.makedirs(mnt, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mnt],
                       capture_output=True, text=True)
    assert r.returncode == 0, f"cannot mount a tmpfs for the test: {r.stderr}"
    return mnt


def test_disk_full_gives_503_and_corrupts_nothing():
    """The database on a small tmpfs (needs root, as the tests run here and
    in CI): comment posts fill it until writes fail with 503; reads go on;
    what was acknowledged is all there and the file is intact."""
    mnt = mount_tmpfs("full", "12m")
    p = None
    try:
        db = os.path.join(mnt, "m.db")
        assert h.midad("init", "--db", db).returncode == 0
        assert h.midad("demo", "--db", db).returncode == 0
        for k, v in (("comment_min_seconds", "0"), ("comment_rate_per_minute", "0"),
                     ("comment_max_links", "0")):
            assert h.midad("set", "--db", db, k, v).returncode == 0
        p, port = start(db)
        tok = token(port)
        acked, last = [], 303
        filler = "حشو " * 1000
        for i in range(6000):
            last = post_comment(port, tok, f"{i} {filler}")
            if last != 303:
                break
            acked.append(i)
        assert last == 503, f"a full disk answered {last}"
        assert acked, "nothing fitted at all"
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/api/v1/articles/1")
        assert c.getresponse().status == 200, "reads stop when the disk is full"
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=20)
        p = None
        stored = bodies(db)
        missing = [i for i in acked if f"{i} {filler}".strip() not in stored]   # stored trimmed
        assert not missing, f"{len(missing)} acknowledged comments lost"
    finally:
        if p:
            p.kill()
            p.wait(timeout=10)
        subprocess.run(["umount", "-l", mnt], capture_output=True)


def test_read_only_database_still_serves_readers():
    """The database on a file system remounted read-only (needs root, as
    here and in CI): pages, the API and search answer 200; a comment gets
    503 and changes nothing."""
    mnt = mount_tmpfs("ro", "20m")
    p = None
    try:
        db = os.path.join(mnt, "m.db")
        assert h.midad("init", "--db", db).returncode == 0
        assert h.midad("demo", "--db", db).returncode == 0
        assert h.midad("set", "--db", db, "comment_min_seconds", "0").returncode == 0
        r = subprocess.run(["mount", "-o", "remount,ro", mnt], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        p, port = start(db)
        assert port, "the server did not start on a read-only database"
        for path in ("/", "/api/v1/articles/3", "/search?q=" + urllib.parse.quote("المياه"),
                     "/feed.xml", "/healthz"):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", path)
            assert c.getresponse().status == 200, path
        assert post_comment(port, token(port), "لن يُحفظ") == 503
    finally:
        if p:
            p.terminate()
            p.wait(timeout=10)
        subprocess.run(["umount", "-l", mnt], capture_output=True)


def test_started_as_root_runs_as_the_given_user():
    """--user: the socket is bound as root, then the process becomes that
    user (here `nobody`), and still serves and writes."""
    if os.geteuid() != 0:
        raise AssertionError("this test needs root (as the tests run here and in CI)")
    import pwd
    nobody = pwd.getpwnam("nobody")
    import tempfile
    d = tempfile.mkdtemp(prefix="midad-nobody-")      # outside h.TMP, which is root's only
    os.chmod(d, 0o755)
    db = os.path.join(d, "m.db")
    assert h.midad("init", "--db", db).returncode == 0
    assert h.midad("demo", "--db", db).returncode == 0
    assert h.midad("set", "--db", db, "comment_min_seconds", "0").returncode == 0
    for path in [d] + [os.path.join(d, f) for f in os.listdir(d)]:
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    p, port = start(db, "--user", "nobody")
    try:
        assert port, "the server did not start with --user nobody"
        with open(f"/proc/{p.pid}/status") as f:
            uids = re.search(r"^Uid:\s+(\d+)\s+(\d+)\s+(\d+)", f.read(), re.M).groups()
        assert set(map(int, uids)) == {nobody.pw_uid}, uids
        assert post_comment(port, token(port), "كتبه مستخدم غير مميز") == 303
    finally:
        p.terminate()
        p.wait(timeout=10)
        shutil.rmtree(d, ignore_errors=True)
