"""What every black-box HTTP test module shares: the server, the database,
request helpers. run.py calls setup() once, runs the test_* functions of
every tests/http/test_*.py module against the one server, then teardown().
"""
import gzip
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse

MIDAD = os.path.abspath(os.environ.get("MIDAD", "build/asan/midad"))
TMP = tempfile.mkdtemp(prefix="midad-http-")
DB = os.path.join(TMP, "midad.db")
PORT = 0
SERVER = None


# --- helpers --------------------------------------------------------------

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def midad(*args, stdin=None):
    return subprocess.run([MIDAD, *args], capture_output=True, text=True,
                          timeout=120, input=stdin)


def base_url():
    return f"http://127.0.0.1:{PORT}"


def request(method, path, headers=None, body=None):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


def get(path, headers=None):
    return request("GET", path, headers)


def raw(data, read_timeout=5):
    """Send raw bytes, return the status code of the answer (0 if closed)."""
    s = socket.create_connection(("127.0.0.1", PORT), timeout=read_timeout)
    try:
        s.sendall(data)
        answer = s.recv(4096)
    except (ConnectionResetError, BrokenPipeError, socket.timeout):
        answer = b""
    finally:
        s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return int(m.group(1)) if m else 0


def html(path):
    status, headers, body = get(path)
    assert status == 200, f"{path}: status {status}"
    return body.decode("utf-8")


def api(path):
    status, headers, body = get(path)
    assert headers["content-type"].startswith("application/json"), headers["content-type"]
    return status, json.loads(body)


def write_fixture(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def fixture_article(i, title=None, section="اختبار الصفحات", extra=""):
    return (f'---\ntitle: "{title or f"خبر تجريبي رقم {i}"}"\n'
            f'lead: "فقرة افتتاحية للخبر التجريبي {i}."\n'
            f'section: "{section}"\ntags: ["وسم الاختبار"]\nauthor: "محرر الاختبار"\n'
            f'date: 2026-09-{i + 1:02d}T10:00:00+03:00\n{extra}---\n\n'
            f'نص الخبر التجريبي رقم {i}، فقرة أولى.\n\nفقرة ثانية فيها [رابط](https://example.com/{i}).\n')


def first_article():
    status, data = api("/api/v1/articles")
    return data["articles"][0]


def wait_for_change(path, needle, seconds=5):
    deadline = time.time() + seconds
    while time.time() < deadline:
        status, _, body = get(path)
        if needle in body.decode("utf-8", "replace"):
            return True
        time.sleep(0.2)
    return False


# --- set-up ------------------------------------------------------------------

def setup():
    global PORT, SERVER
    for args in (["init", "--db", DB], ["demo", "--db", DB]):
        r = midad(*args)
        assert r.returncode == 0, f"midad {args}: {r.stderr}"
    paths = [write_fixture(f"fixture-{i:02d}.md", fixture_article(i)) for i in range(1, 13)]
    paths.append(write_fixture("hostile-links.md", fixture_article(
        13, title="روابط عدائية", section="اختبار الصفحات").replace(
        "فقرة ثانية", "[انقر](javascript:alert(1)) و[هنا](java&#115;cript:alert(2)) <script>alert(3)</script> فقرة ثانية")))
    r = midad("import", "md", "--db", DB, *paths)
    assert r.returncode == 0, r.stderr
    # every test posts from 127.0.0.1: the per-IP comment limit is tested on
    # a server of its own (test_comments)
    assert midad("set", "--db", DB, "comment_rate_per_minute", "0").returncode == 0
    PORT = free_port()
    SERVER = subprocess.Popen([MIDAD, "serve", "--db", DB, "--listen", f"127.0.0.1:{PORT}"],
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(TMP, "server.log"), "w"))
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            if get("/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def teardown():
    if SERVER:
        SERVER.terminate()
        try:
            SERVER.wait(timeout=10)
        except subprocess.TimeoutExpired:
            SERVER.kill()
    log = os.path.join(TMP, "server.log")
    if os.path.exists(log):
        text = open(log, encoding="utf-8", errors="replace").read()
        if "Sanitizer" in text or "runtime error" in text:
            print(text[-4000:])
            raise RuntimeError("sanitizer report in server log")




# --- the back office ----------------------------------------------------------

def add_user(login, role, password="correct horse battery staple"):
    """Create a staff account with the CLI (the password goes on stdin)."""
    r = midad("user", "add", login, "--role", role, "--name", login, "--db", DB, stdin=password + "\n")
    assert r.returncode == 0 or "taken" in r.stderr, r.stderr
    return password


class Staff:
    """A signed-in browser: keeps the session cookie and the CSRF token."""

    def __init__(self, login, password, port=None):
        self.port = port or PORT
        self.cookie = None
        page = self.get("/admin/login")[2].decode()
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        status, headers, _ = self.post("/admin/login", {"token": token, "login": login,
                                                        "password": password}, csrf=False)
        self.login_status = status
        if status == 303:
            self.cookie = headers["set-cookie"].split(";")[0]
            page = self.get("/admin")[2].decode()
            self.csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        hdrs = dict(headers or {})
        if self.cookie:
            hdrs["Cookie"] = self.cookie
        c.request(method, path, body=body, headers=hdrs)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, csrf=True):
        fields = dict(fields)
        if csrf:
            fields.setdefault("csrf", self.csrf)
        return self.request("POST", path, urllib.parse.urlencode(fields),
                            {"Content-Type": "application/x-www-form-urlencoded"})
