"""The back office's access table: every /admin route (read from the routes
table in src/admin/admin.c at test time) × anonymous / author / editor /
admin, plus CSRF, and session rotation at login. The helpers at the top
(staff users, signing in, a session's CSRF token) are shared with
test_moderation."""
import os
import re
import time
import urllib.parse

import harness as h
from harness import request, midad

FORM = "application/x-www-form-urlencoded"
PASSWORD = "حبر أزرق على ورق 2026"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
_users = {}


def add_user(login, role, name=None, db=None):
    """A staff user (made once per database) with the shared password."""
    key = (db or h.DB, login)
    if key not in _users:
        args = ["user", "add", login, "--role", role, "--db", db or h.DB]
        if name:
            args += ["--name", name]
        r = midad(*args, stdin=PASSWORD + "\n")
        assert r.returncode == 0, r.stderr
        _users[key] = True
    return login


def call(method, path, cookie=None, fields=None, port=None, headers=None):
    hdrs = dict(headers or {})
    if cookie:
        hdrs["Cookie"] = cookie
    body = None
    if fields is not None:
        body = urllib.parse.urlencode(fields)
        hdrs["Content-Type"] = FORM
    if port is None:
        return request(method, path, hdrs, body)
    import http.client
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, path, body=body, headers=hdrs)
    r = c.getresponse()
    data = r.read()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


def login(user, cookie=None, port=None, password=PASSWORD):
    """Sign in; returns the session cookie ("name=value"). Waits out a 429
    (login is rationed per address, and other tests sign in too)."""
    for _ in range(30):
        page = call("GET", "/admin/login", port=port)[2].decode()
        tok = re.search(r'name="token" value="([^"]+)"', page).group(1)
        status, hd, _ = call("POST", "/admin/login", cookie,
                             {"token": tok, "login": user, "password": password}, port=port)
        if status == 429:
            time.sleep(min(int(hd.get("retry-after", "1")), 5))
            continue
        assert status == 303, status
        m = re.search(r"((?:__Host-midad|midad_session)=[^;]+)", hd["set-cookie"])
        return m.group(1)
    raise AssertionError("login kept being refused")


def csrf(cookie, port=None):
    page = call("GET", "/admin", cookie, port=port)[2].decode()
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


# --- the access table ------------------------------------------------------------

ROLES = ("author", "editor", "admin")
# who passes each route's door (by path prefix); routes not listed here
# are checked for anonymous visitors, CSRF and the admin only
ALLOWED = [
    ("/admin/comments", {"editor", "admin"}),
    ("/admin/settings", {"admin"}),
    ("/admin/users", {"admin"}),
    ("/admin/articles", {"author", "editor", "admin"}),
]


def routes():
    src = open(os.path.join(ROOT, "src", "admin", "admin.c"), encoding="utf-8").read()
    table = src[src.index("admin_routes[]"):src.index("admin_n_routes")]
    found = re.findall(r'\{\s*HTTP_(GET|POST),\s*"(/admin[^"]*)"', table)
    assert len(found) >= 17, found
    return found


def allowed(path):
    if path == "/admin":
        return set(ROLES)
    for prefix, roles in ALLOWED:
        if path == prefix or path.startswith(prefix + "/"):
            return roles
    return None


def concrete(path):
    return re.sub(r":[a-z]+", "999999", path)


def test_access_table():
    cookies = {r: login(add_user(f"access_{r}", r)) for r in ROLES}
    tokens = {r: csrf(c) for r, c in cookies.items()}
    checked = 0
    for method, pattern in routes():
        path = concrete(pattern)
        if pattern in ("/admin/login", "/admin/logout"):
            continue            # test_login_logout_and_csrf below
        roles = allowed(pattern)
        if method == "GET":
            status, hd, _ = call("GET", path)
            assert status == 303 and hd["location"].startswith("/admin/login?next="), (path, status)
        else:
            status, _, body = call("POST", path, fields={"x": "1"})
            assert status == 401 and b'action="/admin/login"' in body, (path, status)
        for r in ROLES:
            c = cookies[r]
            if method == "POST":
                assert call("POST", path, c, {"x": "1"})[0] == 403, (path, r, "no csrf")
                assert call("POST", path, c, {"x": "1", "csrf": "forged" + tokens[r]})[0] == 403
                status = call("POST", path, c, {"x": "1", "csrf": tokens[r]})[0]
            else:
                status = call("GET", path, c)[0]
            if roles is not None and r not in roles:
                assert status == 403, (method, path, r, status)
            elif roles is not None or r == "admin":
                # through the door: the page, a 404 for the made-up id, or
                # a 400 for the empty form; never a refusal or the login
                assert status in (200, 400, 404), (method, path, r, status)
            checked += 1
    assert checked >= 3 * 15


def test_login_logout_and_csrf():
    c = login(add_user("access_editor", "editor"))
    # the login form needs its signed token, signed in or not
    assert call("POST", "/admin/login", c, {"login": "x", "password": "y"})[0] == 403
    assert call("POST", "/admin/logout", c, {})[0] == 403            # no CSRF token
    assert call("GET", "/admin", c)[0] == 200
    status, hd, _ = call("POST", "/admin/logout", c, {"csrf": csrf(c)})
    assert status == 303 and hd["location"] == "/admin/login"
    status, hd, _ = call("GET", "/admin", c)                           # really ended
    assert status == 303 and hd["location"].startswith("/admin/login")
    assert call("GET", "/admin/logout")[0] == 405                      # no state change on GET


def test_session_rotates_at_each_login():
    user = add_user("access_author", "author")
    first = login(user)
    second = login(user, cookie=first)            # the same browser signs in again
    assert first != second
    assert call("GET", "/admin", first)[0] == 303  # the old token stopped working
    assert call("GET", "/admin", second)[0] == 200
    third = login(user, cookie=second)
    assert len({first, second, third}) == 3
    assert call("GET", "/admin", second)[0] == 303
    cookie = call("GET", "/admin/login")[1].get("set-cookie", "")
    assert "midad_session" not in cookie          # no session before signing in
