"""Staff accounts: login, sessions, logout, throttling, cookies, proxies."""
import re
import time

import harness as h
from harness import Staff, add_user


def test_login_logout_and_the_old_cookie_is_dead():
    pw = add_user("auth_editor", "editor")
    s = Staff("auth_editor", pw)
    assert s.login_status == 303
    attrs = s.get("/admin")[1]
    assert s.get("/admin")[0] == 200
    first = s.cookie
    status, hd, _ = s.post("/admin/logout", {})
    assert status == 303 and hd["location"] == "/admin/login"
    assert "Max-Age=0" in hd["set-cookie"]
    assert s.get("/admin")[0] == 303, "the session still works after logout"
    again = Staff("auth_editor", pw)
    assert again.cookie != first, "the token must rotate at each login"
    assert attrs


def test_cookie_flags():
    pw = add_user("auth_flags", "author")
    c = h.http.client.HTTPConnection("127.0.0.1", h.PORT, timeout=10) if hasattr(h, "http") else None
    s = Staff("auth_flags", pw)
    assert s.login_status == 303
    # log in again to read the raw Set-Cookie header
    page = s.get("/admin/login")[2].decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    status, hd, _ = s.post("/admin/login", {"token": token, "login": "auth_flags",
                                            "password": pw}, csrf=False)
    cookie = hd["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie and cookie.startswith("midad_session=")
    assert c is None or c


def test_same_answer_for_wrong_password_unknown_and_disabled_users():
    pw = add_user("auth_victim", "author")
    add_user("auth_gone", "author")
    assert h.midad("user", "disable", "auth_gone", "--db", h.DB).returncode == 0
    answers = []
    for login, password in (("auth_victim", "not the password"), ("nobody_here", pw),
                            ("auth_gone", "correct horse battery staple")):
        t0 = time.time()
        s = Staff(login, password)
        elapsed = time.time() - t0
        page = s.get("/admin/login")
        answers.append((s.login_status, elapsed))
    statuses = {a[0] for a in answers}
    assert statuses == {401}, answers
    times = [a[1] for a in answers]
    assert max(times) < 4 * min(times) + 0.2, f"timing differs: {times}"


def test_failures_are_throttled_with_growing_delays():
    add_user("auth_target", "author")
    codes = [Staff("auth_target", f"wrong guess {i}").login_status for i in range(6)]
    assert codes[:3] == [401, 401, 401], codes
    assert 429 in codes[3:], codes


def test_login_needs_the_form_token_and_admin_needs_a_session():
    s = Staff.__new__(Staff)
    s.port, s.cookie = h.PORT, None
    status, _, _ = s.post("/admin/login", {"login": "x", "password": "y"}, csrf=False)
    assert status == 403
    status, hd, _ = s.get("/admin")
    assert status == 303 and hd["location"].startswith("/admin/login?next=/admin")
    pw = add_user("auth_csrf", "editor")
    s = Staff("auth_csrf", pw)
    assert s.post("/admin/logout", {"csrf": "forged"}, csrf=False)[0] == 403
    assert s.post("/admin/logout", {}, csrf=False)[0] == 403
    assert s.get("/admin")[0] == 200, "a refused logout must not end the session"


def test_disabling_ends_sessions_and_passwd_too():
    pw = add_user("auth_cut", "editor")
    s = Staff("auth_cut", pw)
    assert s.get("/admin")[0] == 200
    assert h.midad("user", "disable", "auth_cut", "--db", h.DB).returncode == 0
    assert s.get("/admin")[0] == 303
    assert h.midad("user", "enable", "auth_cut", "--db", h.DB).returncode == 0
    s = Staff("auth_cut", pw)
    r = h.midad("user", "passwd", "auth_cut", "--db", h.DB, stdin="another long passphrase\n")
    assert r.returncode == 0, r.stderr
    assert s.get("/admin")[0] == 303
    assert Staff("auth_cut", "another long passphrase").login_status == 303


def test_cli_refuses_weak_passwords_and_bad_roles():
    r = h.midad("user", "add", "weakling", "--role", "author", "--db", h.DB, stdin="password123\n")
    assert r.returncode != 0 and "common" in r.stderr
    r = h.midad("user", "add", "shorty", "--role", "author", "--db", h.DB, stdin="short\n")
    assert r.returncode != 0 and "shorter than 10" in r.stderr
    r = h.midad("user", "add", "boss", "--role", "king", "--db", h.DB, stdin="long enough pass\n")
    assert r.returncode == 2 and "--role" in r.stderr
    r = h.midad("user", "passwd", "ghost", "--db", h.DB, stdin="long enough pass\n")
    assert r.returncode == 1 and "no user" in r.stderr
    listed = h.midad("user", "list", "--db", h.DB).stdout
    assert "weakling" not in listed and "$argon2" not in listed


def test_forwarded_proto_is_trusted_only_from_the_proxy():
    pw = add_user("auth_proxy", "author")
    s = Staff.__new__(Staff)
    s.port, s.cookie = h.PORT, None
    page = s.get("/admin/login")[2].decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    status, hd, _ = s.request("POST", "/admin/login", h.urllib.parse.urlencode(
        {"token": token, "login": "auth_proxy", "password": pw}),
        {"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-Proto": "https"})
    assert status == 303 and "Secure" not in hd["set-cookie"], "an untrusted client set HTTPS"
