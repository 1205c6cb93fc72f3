"""Slow clients: slowloris and slow POST are cut off by the time limits
(libmicrohttpd's own timeout only counts inactivity), the per-address
connection cap holds, and a normal client from another loopback address
keeps being served meanwhile. A server of its own with short limits."""
import http.client
import os
import socket
import subprocess
import threading
import time

import harness as h


def serve(*extra):
    db = os.path.join(h.TMP, "slow.db")
    if not os.path.exists(db):
        assert h.midad("init", "--db", db).returncode == 0
        assert h.midad("demo", "--db", db).returncode == 0
    port = h.free_port()
    p = subprocess.Popen([h.MIDAD, "serve", "--db", db, "--listen", f"127.0.0.1:{port}", *extra],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return p, port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("no server")


def normal_get(port, path="/"):
    """A GET from 127.0.0.2: another client than the attacker."""
    s = socket.socket()
    s.settimeout(5)
    s.bind(("127.0.0.2", 0))
    t0 = time.time()
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return data.startswith(b"HTTP/1.1 200"), time.time() - t0
    except OSError:
        return False, time.time() - t0
    finally:
        s.close()


def trickle(port, n, body, stop, closed):
    """n connections from 127.0.0.1 sending one header line (or one body
    byte) every 0.3 s; records when the server closes each."""
    socks = []
    for _ in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            if body:
                s.sendall(b"POST /article/1/comments HTTP/1.1\r\nHost: x\r\n"
                          b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n")
            else:
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            socks.append([s, time.time()])
        except OSError:
            closed.append(-1)          # refused at once: the per-address cap
    i = 0
    while socks and not stop.is_set():
        for item in list(socks):
            s, t0 = item
            try:
                s.sendall(b"a" if body else f"X-Slow-{i}: {i}\r\n".encode())
            except OSError:
                closed.append(time.time() - t0)
                socks.remove(item)
        i += 1
        time.sleep(0.3)
    for s, _ in socks:
        s.close()


def attack(body):
    p, port = serve("--header-timeout", "3", "--body-timeout", "3", "--max-per-ip", "40")
    try:
        stop, closed = threading.Event(), []
        t = threading.Thread(target=trickle, args=(port, 60, body, stop, closed))
        t.start()
        time.sleep(0.5)
        results = []
        deadline = time.time() + 6
        while time.time() < deadline:
            results.append(normal_get(port))
            time.sleep(0.1)
        stop.set()
        t.join(timeout=20)
        return closed, results
    finally:
        p.terminate()
        p.wait(timeout=10)


def check(closed, results):
    ok = [r for r in results if r[0]]
    assert len(ok) == len(results) and len(results) >= 20, f"{len(ok)}/{len(results)} served"
    assert max(r[1] for r in results) < 2.0, f"slow answers during the attack: {max(r[1] for r in results)}"
    # over the cap, the server closes a connection as soon as it is accepted
    refused = [c for c in closed if c < 1.0]
    cut = [c for c in closed if c >= 1.0]
    assert len(refused) >= 15, f"the per-address cap let {60 - len(refused)} in: {sorted(closed)}"
    assert len(cut) >= 30 and all(2.5 <= c <= 5.5 for c in cut), f"cut after {sorted(cut)}"


def test_slowloris_is_cut_and_others_are_served():
    check(*attack(body=False))


def test_slow_post_is_cut_and_others_are_served():
    check(*attack(body=True))
