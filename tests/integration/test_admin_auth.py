"""issue 5: the admin console's sign-in, sessions, checks and lockout."""
import re
import sqlite3
import time

from harness import (ADMIN_PASSWORD, admin_client, admin_csrf, admin_login,
                     ctl_user_add, encode, expect, hidden_fields, shared,
                     start_site, title)

GET_ROUTES = ["/admin/", "/admin/endorsements", "/admin/endorsements/1",
              "/admin/events", "/admin/audit", "/admin/no-such-page",
              "/admin/export/endorsements.csv",
              "/admin/export/endorsements.json",
              "/admin/export/commitments.csv",
              "/admin/export/commitments.json"]
POST_ROUTES = ["/admin/logout", "/admin/endorsements/1/status",
               "/admin/events"]


def audit_rows(site, action, target=None):
    sql = "SELECT actor, action, target, detail, client FROM audit_log " \
          "WHERE action = ?"
    args = [action]
    if target is not None:
        sql += " AND target = ?"
        args.append(target)
    return site.query(sql + " ORDER BY id", args)


def test_admin_sign_in_good():
    site = shared()
    c = site.client()
    r = admin_login(c, "admin", ADMIN_PASSWORD)
    expect(r, 303)
    assert r.header("Location") == "/admin/"
    cookie = [v for v in r.header_all("Set-Cookie")
              if v.startswith("admin_session=")]
    assert len(cookie) == 1, r.header_all("Set-Cookie")
    attrs = [a.strip() for a in cookie[0].split(";")]
    assert "HttpOnly" in attrs and "SameSite=Strict" in attrs, attrs
    assert "Path=/admin/" in attrs, attrs
    assert "Secure" not in attrs, "Secure on an http base URL"
    tok = attrs[0].split("=", 1)[1]
    assert re.match(r"^[A-Za-z0-9_-]{43}$", tok), tok
    # Only a hash of the token is stored.
    rows = site.query("SELECT token_hash FROM sessions")
    assert rows and all(len(h) == 32 for (h,) in rows)
    assert not any(tok.encode() in h for (h,) in rows)
    page = expect(c.get("/admin/"), 200)
    # The user name is isolated (<bdi>), the role named in words.
    assert "Signed in as <bdi>admin</bdi> (admin)" in page.text
    assert title(page.text).startswith("Dashboard"), title(page.text)
    assert audit_rows(site, "login", "admin")


def test_admin_password_hash_is_argon2id():
    (h,) = shared().query("SELECT pwhash FROM admin_users "
                          "WHERE name = 'admin'")[0]
    assert h.startswith("$argon2id$"), h
    assert ADMIN_PASSWORD not in h


def test_admin_sign_in_bad_password():
    site = shared()
    c = site.client()
    before = site.count("sessions")
    r = admin_login(c, "admin", "not the password at all")
    expect(r, 422)
    assert "admin_session" not in c.cookies
    assert title(r.text).startswith("Error: ")
    assert "not right" in r.text
    assert "not the password" not in r.text, "the password was echoed"
    assert site.count("sessions") == before
    rows = audit_rows(site, "login_failed", "admin")
    assert rows and rows[-1][4] == "127.0.0.1", rows


def test_admin_sign_in_missing_fields_422():
    c = shared().client()
    r = c.get("/admin/login")
    csrf = hidden_fields(r.text)["csrf"]
    r = c.post("/admin/login", encode([("csrf", csrf), ("username", "")]))
    expect(r, 422)
    assert 'href="#username"' in r.text and 'href="#password"' in r.text


def test_admin_routes_without_session_redirect_to_login():
    site = shared()
    c = site.client()
    for path in GET_ROUTES:
        r = c.get(path)
        assert r.status == 303, "%s: %d" % (path, r.status)
        assert r.header("Location") == "/admin/login", (path, r.headers)
    csrf = hidden_fields(c.get("/admin/login").text)["csrf"]
    for path in POST_ROUTES:
        r = c.post(path, encode([("csrf", csrf), ("status", "verified")]))
        assert r.status == 303, "POST %s: %d" % (path, r.status)
        assert r.header("Location") == "/admin/login"
    # A made-up session is no session.
    c.cookies["admin_session"] = "A" * 43
    assert c.get("/admin/").status == 303
    # The login itself answers.
    assert site.client().get("/admin/login").status == 200


def test_admin_without_slash_redirects():
    r = shared().client().get("/admin")
    expect(r, 303)
    assert r.header("Location") == "/admin/", r.headers


def test_admin_post_check_order():
    site = shared()
    c = site.client()
    csrf = hidden_fields(c.get("/admin/login").text)["csrf"]
    body = encode([("csrf", csrf), ("status", "verified")])
    # 405 with Allow before anything else.
    r = c.request("PUT", "/admin/events", body="x",
                  headers={"Content-Type": "text/plain"})
    expect(r, 405)
    assert "POST" in (r.header("Allow") or "")
    # 415 before the session check.
    expect(c.post("/admin/endorsements/1/status", body,
                  content_type="text/plain"), 415)
    # No session: 303 before CSRF.
    c2 = site.client()
    r = c2.post("/admin/endorsements/1/status", "status=verified")
    expect(r, 303)
    # Signed in, no CSRF: 403.
    a = admin_client(site)
    expect(a.post("/admin/endorsements/1/status", "status=verified"), 403)
    # Signed in, CSRF good, broken encoding: 400.
    csrf = admin_csrf(a)
    expect(a.post("/admin/events", "csrf=%s&action=%%zz" % csrf), 400)
    # Too big: 413 (nginx or the program).
    expect(a.post("/admin/events", "csrf=%s&name=%s" % (csrf, "x" * 70000)),
           413)


def test_admin_csrf_refused():
    site = shared()
    a = admin_client(site)
    csrf = admin_csrf(a)
    events = site.count("events")
    for body in ["action=create&name=No+csrf",
                 "csrf=%s&action=create&name=Bad" % ("A" * 43),
                 "csrf=%s&csrf=%s&action=create&name=Twice" % (csrf, csrf)]:
        expect(a.post("/admin/events", body), 403)
    assert site.count("events") == events
    # A csrf field that belongs to another browser's cookie.
    other = site.client()
    other_csrf = hidden_fields(other.get("/admin/login").text)["csrf"]
    if other_csrf != csrf:
        expect(a.post("/admin/events", "csrf=%s&action=create&name=X"
                      % other_csrf), 403)
    assert site.count("events") == events
    # Sign-in without csrf.
    c = site.client()
    c.get("/admin/login")
    expect(c.post("/admin/login", encode([("username", "admin"),
                                          ("password", ADMIN_PASSWORD)])),
           403)


def test_admin_sign_out_ends_session():
    site = shared()
    a = admin_client(site)
    old = a.cookies["admin_session"]
    csrf = admin_csrf(a)
    r = a.post("/admin/logout", "csrf=" + csrf)
    expect(r, 303)
    assert r.header("Location") == "/admin/login"
    assert any(v.startswith("admin_session=;") for v in
               r.header_all("Set-Cookie"))
    # The old token no longer works, even sent again by hand.
    a.cookies["admin_session"] = old
    expect(a.get("/admin/"), 303)
    assert audit_rows(site, "logout")


def test_admin_session_expires_after_inactivity():
    site = shared()
    a = admin_client(site)
    expect(a.get("/admin/"), 200)
    # 31 minutes idle: signed out.
    db = sqlite3.connect(site.db, timeout=10)
    db.execute("UPDATE sessions SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ',"
               " 'now', '-31 minutes')")
    db.commit()
    db.close()
    expect(a.get("/admin/"), 303)


def test_admin_session_absolute_limit():
    site = shared()
    a = admin_client(site)
    db = sqlite3.connect(site.db, timeout=10)
    db.execute("UPDATE sessions SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ',"
               " 'now', '-13 hours')")
    db.commit()
    db.close()
    expect(a.get("/admin/"), 303)


def test_admin_secure_cookie_on_https_base_url():
    site = start_site(base_url="https://endorse.example.org")
    try:
        c = site.client()
        r = admin_login(c, "admin", ADMIN_PASSWORD)
        expect(r, 303)
        cookie = [v for v in r.header_all("Set-Cookie")
                  if v.startswith("admin_session=")][0]
        assert "Secure" in [a.strip() for a in cookie.split(";")], cookie
    finally:
        site.stop()


def _fail(site, client_addr_user, user, n):
    c = site.client()
    out = []
    for _ in range(n):
        t0 = time.time()
        r = admin_login(c, user, "wrong password number x")
        out.append((r.status, time.time() - t0, r))
    return out


def test_admin_lockout_no_user_name_oracle():
    site = start_site(workers=1)
    try:
        ctl_user_add(site, "moda", "moderator", "moderator-password-1")
        known = _fail(site, None, "moda", 5)
        unknown = _fail(site, None, "nobody-here", 5)
        assert [s for s, _, _ in known] == [422] * 5, known
        assert [s for s, _, _ in unknown] == [422] * 5, unknown
        # The same page for both (but the typed name).
        page = lambda r: re.sub(r'value="[^"]*"', "", r.text)
        assert page(known[0][2]) == page(unknown[0][2])
        # Similar timing: both did a full argon2id verify.
        tk = sorted(t for _, t, _ in known)[2]
        tu = sorted(t for _, t, _ in unknown)[2]
        assert 0.4 < tk / tu < 2.5, (tk, tu)
        # Locked: even the right password is refused, unchecked.
        r = admin_login(site.client(), "moda", "moderator-password-1")
        expect(r, 429)
        assert r.header("Retry-After")
        assert "admin_session" not in r.header("Set-Cookie", "")
        r2 = admin_login(site.client(), "nobody-here", "whatever password")
        expect(r2, 429)
        assert page(r) == page(r2), "locked pages differ by user"
        assert "Try again in 15 minutes" in r.text
        # Another account from the same address still works (under the
        # per-address limit).
        expect(admin_login(site.client(), "admin", ADMIN_PASSWORD), 303)
        assert site.query("SELECT count(*) FROM audit_log WHERE action = "
                          "'login_locked'")[0][0] >= 2
        assert site.query("SELECT count(*) FROM audit_log WHERE action = "
                          "'login_failed' AND target = 'nobody-here'"
                          )[0][0] == 5
    finally:
        site.stop()


def test_admin_lockout_per_client_address():
    site = start_site(workers=1)
    try:
        # 20 failures from one address over many names: the address is
        # locked for every name, the right password included.
        db = sqlite3.connect(site.db, timeout=10)
        db.executemany("INSERT INTO login_failures (username, client) "
                       "VALUES (?, '127.0.0.1')",
                       [("name%d" % i,) for i in range(20)])
        db.commit()
        db.close()
        expect(admin_login(site.client(), "admin", ADMIN_PASSWORD), 429)
    finally:
        site.stop()


def test_admin_nginx_limits_login_posts():
    site = start_site(workers=1, login_rate_limit=2)
    try:
        statuses = [admin_login(site.client(), "nobody", "x" * 12).status
                    for _ in range(9)]
        assert 429 in statuses, statuses
        # GETs of the form are not limited.
        assert all(site.client().get("/admin/login").status == 200
                   for _ in range(5))
    finally:
        site.stop()


def test_admin_password_reset_by_environment():
    site = start_site(workers=1, admin_password="first-password-12")
    state = site.state
    try:
        expect(admin_login(site.client(), "admin", "first-password-12"), 303)
    finally:
        site.stop()
    site2 = start_site(workers=1, state=state,
                       admin_password="second-password-12")
    try:
        expect(admin_login(site2.client(), "admin", "first-password-12"),
               422)
        expect(admin_login(site2.client(), "admin", "second-password-12"),
               303)
        assert site2.query("SELECT count(*) FROM admin_users")[0][0] == 1
    finally:
        site2.stop()
        site.cleanup()


def test_admin_random_password_printed_once():
    site = start_site(workers=1, admin_password=None)
    state = site.state
    try:
        lines = [l for l in site.lines if l.startswith("admin: ")]
        assert len(lines) == 1, site.lines
        m = re.search(r"password (\S+)", lines[0])
        assert m and len(m.group(1)) >= 20, lines
        expect(admin_login(site.client(), "admin", m.group(1)), 303)
    finally:
        site.stop()
    # Started again: an admin exists, nothing printed, nothing changed.
    site2 = start_site(workers=1, state=state, admin_password=None)
    try:
        assert not [l for l in site2.lines if l.startswith("admin: ")]
        expect(admin_login(site2.client(), "admin", m.group(1)), 303)
    finally:
        site2.stop()
        site.cleanup()
