"""The admin console's sign-in, sessions, checks and lockout."""
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
              "/admin/export/commitments.json",
              "/admin/export/endorsements.xlsx",
              "/admin/export/commitments.xlsx"]
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
                  if v.startswith("__Host-admin_session=")][0]
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


def test_admin_failed_sign_ins_no_user_name_oracle():
    site = start_site(workers=1)
    try:
        ctl_user_add(site, "moda", "moderator", "moderator-password-1")
        known = _fail(site, None, "moda", 3)
        unknown = _fail(site, None, "nobody-here", 3)
        assert [s for s, _, _ in known] == [422] * 3, known
        assert [s for s, _, _ in unknown] == [422] * 3, unknown
        # The same page for both (but the typed name).
        page = lambda r: re.sub(r'value="[^"]*"', "", r.text)
        assert page(known[0][2]) == page(unknown[0][2])
        # Similar timing: both did a full argon2id verify.
        tk = sorted(t for _, t, _ in known)[1]
        tu = sorted(t for _, t, _ in unknown)[1]
        assert 0.4 < tk / tu < 2.5, (tk, tu)
        # Both names are now slowed down alike: more failures, and the
        # next try, the right password included, waits, unchecked.
        _add_failures(site, "moda", 3, "192.0.2.7")
        _add_failures(site, "nobody-here", 3, "192.0.2.7")
        r = admin_login(site.client(), "moda", "moderator-password-1")
        expect(r, 429)
        assert r.header("Retry-After", "").isdigit(), r.headers
        assert "admin_session" not in r.header("Set-Cookie", "")
        r2 = admin_login(site.client(), "nobody-here", "whatever password")
        expect(r2, 429)
        assert page(r) == page(r2), "delayed pages differ by user"
        assert "Nothing was checked" in r.text
        # Another account from the same address still works (under the
        # per-address limit).
        expect(admin_login(site.client(), "admin", ADMIN_PASSWORD), 303)
        assert site.query("SELECT count(*) FROM audit_log WHERE action = "
                          "'login_delayed'")[0][0] >= 2
        assert site.query("SELECT count(*) FROM audit_log WHERE action = "
                          "'login_failed' AND target = 'nobody-here'"
                          )[0][0] == 3
    finally:
        site.stop()


def _add_failures(site, user, n, client, ago=0):
    """n failed sign-ins for user from client, ago seconds back."""
    db = sqlite3.connect(site.db, timeout=10)
    db.executemany(
        "INSERT INTO login_failures (username, client, created_at) VALUES "
        "(?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?))",
        [(user, client, "-%d seconds" % ago)] * n)
    db.commit()
    db.close()


def _clear_failures(site):
    db = sqlite3.connect(site.db, timeout=10)
    db.execute("DELETE FROM login_failures")
    db.commit()
    db.close()


def test_admin_failures_from_anywhere_delay_the_account_at_most_a_minute():
    # Failures from many addresses cannot lock "admin" out: they slow its
    # tries down, a minute at most after the latest one.
    site = start_site(workers=1)
    try:
        _add_failures(site, "admin", 40, "198.51.100.9")
        r = admin_login(site.client(), "admin", ADMIN_PASSWORD)
        expect(r, 429)
        ra = int(r.header("Retry-After"))
        assert 55 <= ra <= 60, ra
        # A refused try is no failure: it does not make the wait longer.
        n = site.count("login_failures")
        r = admin_login(site.client(), "admin", ADMIN_PASSWORD)
        expect(r, 429)
        assert site.count("login_failures") == n
        assert int(r.header("Retry-After")) <= ra
        # A minute after the latest failure the right password signs in.
        _clear_failures(site)
        _add_failures(site, "admin", 40, "198.51.100.9", ago=61)
        expect(admin_login(site.client(), "admin", ADMIN_PASSWORD), 303)
        # ... and its failures are forgotten.
        assert site.count("login_failures") == 0
    finally:
        site.stop()


def test_admin_failure_delay_grows_then_stops_growing():
    # The delays after n failures: none, none, then 1, 2, 4, 8, 16, 32
    # seconds, then 60 at most.  Retry-After is what is left of the delay
    # (a second or two may pass between the failures and the try).
    site = start_site(workers=1)
    try:
        waits = []
        for n in range(1, 12):
            _clear_failures(site)
            _add_failures(site, "growing", n, "203.0.113.5")
            r = admin_login(site.client(), "growing", "not the password 1")
            if r.status == 422:
                waits.append(0)
            else:
                expect(r, 429)
                waits.append(int(r.header("Retry-After")))
        assert waits[:2] == [0, 0], waits      # a typo or two is free
        for w, most in zip(waits[2:5], (1, 2, 4)):
            assert w <= most, waits
        assert 4 <= waits[5] <= 8 < waits[6] <= 16 < waits[7] <= 32, waits
        assert all(50 <= w <= 60 for w in waits[8:]), waits
    finally:
        site.stop()


def test_admin_delayed_try_then_right_password_after_retry_after():
    site = start_site(workers=1)
    try:
        _add_failures(site, "admin", 6, "198.51.100.10")   # 8 s
        r = admin_login(site.client(), "admin", ADMIN_PASSWORD)
        expect(r, 429)
        ra = int(r.header("Retry-After"))
        assert 1 <= ra <= 8, ra
        time.sleep(ra + 1)
        expect(admin_login(site.client(), "admin", ADMIN_PASSWORD), 303)
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


def _timed_login(site, user, password):
    """The time of the sign-in POST alone (the form is fetched first)."""
    c = site.client()
    csrf = hidden_fields(expect(c.get("/admin/login"), 200).text)["csrf"]
    body = encode([("csrf", csrf), ("username", user),
                   ("password", password)])
    t0 = time.monotonic()
    r = c.post("/admin/login", body)
    return r, time.monotonic() - t0


def _fresh_admin_worker(site):
    """Kill the one admin worker; the pid of the one that replaces it,
    once it serves (a worker serves only after its start)."""
    import os
    import signal
    (old,) = site.admin_workers()
    os.kill(old, signal.SIGKILL)
    deadline = time.time() + 10
    while time.time() < deadline:
        now = site.admin_workers()
        if now and now != [old]:
            break
        time.sleep(0.05)
    expect(site.client().get("/admin/login"), 200)
    (new,) = site.admin_workers()
    return new


def _vmhwm_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM for %d" % pid)


def test_admin_dummy_hash_made_when_the_worker_starts():
    # argon2id (INTERACTIVE) works in 64 MiB: a worker that made its
    # dummy hash at start has used that much before any sign-in.
    site = start_site(workers=1)
    try:
        pid = _fresh_admin_worker(site)
        hwm = _vmhwm_kb(pid)
        assert hwm >= 64 * 1024, "VmHWM %d kB: no hash made at start" % hwm
    finally:
        site.stop()


def _cpu_ns(pid):
    """CPU time the process has used, in ns (not its wall time, which a
    busy machine stretches at random)."""
    with open("/proc/%d/schedstat" % pid) as f:
        return int(f.read().split()[0])


def test_admin_unknown_user_first_try_not_slower_in_new_worker():
    # The first try with an unknown name in a fresh worker costs one
    # argon2id verify, as with a known name, not a hash and a verify.
    # Measured in the worker's CPU time, the median of three workers.
    site = start_site(workers=1)
    try:
        ratios = []
        for i in range(3):
            ctl_user_add(site, "known%d" % i, "viewer",
                         "known-password-%d-long" % i)
            pid = _fresh_admin_worker(site)
            t0 = _cpu_ns(pid)
            r, _ = _timed_login(site, "nobody-%d" % i, "wrong password 1")
            expect(r, 422)
            t1 = _cpu_ns(pid)
            r, _ = _timed_login(site, "known%d" % i, "wrong password 1")
            expect(r, 422)
            t2 = _cpu_ns(pid)
            ratios.append((t1 - t0) / (t2 - t1))
        ratios.sort()
        assert ratios[1] < 1.5, ratios
    finally:
        site.stop()


def test_admin_password_with_spaces_signs_in_byte_for_byte():
    # endorsectl stores the password as typed; the sign-in compares it
    # as typed too: a leading or trailing space is part of it.
    site = shared()
    pw = "  spaced password 1 "
    ctl_user_add(site, "spacey", "viewer", pw)
    expect(admin_login(site.client(), "spacey", pw), 303)
    expect(admin_login(site.client(), "spacey", pw.strip()), 422)
    expect(admin_login(site.client(), "spacey", " " + pw), 422)


def test_admin_refuses_the_public_forms_csrf_pair():
    # The public form's csrf cookie and field are a valid pair for the
    # site, never for the console.
    site = shared()
    a = admin_client(site)
    _, h = a.open_form("/endorse")
    assert "csrf" in a.cookies
    events = site.count("events")
    expect(a.post("/admin/events", "csrf=%s&action=create&name=Public+Pair"
                  % h["csrf"]), 403)
    assert site.count("events") == events
    # The console's own field still works.
    expect(a.post("/admin/events", "csrf=%s&action=create&name=Own+Pair"
                  % admin_csrf(a)), 303)


def test_admin_csrf_bound_to_the_session_and_rotated_at_sign_in():
    site = shared()
    a = admin_client(site)
    s1 = a.cookies["admin_session"]
    f1 = admin_csrf(a)
    # Another session of the same user has another field.
    b = admin_client(site)
    assert admin_csrf(b) != f1
    expect(b.post("/admin/events", "csrf=%s&action=create&name=Cross" % f1),
           403)
    # Signing in again in the same browser: a new session and field; the
    # old session is over and its field no longer counts.
    expect(admin_login(a, "admin", ADMIN_PASSWORD), 303)
    s2 = a.cookies["admin_session"]
    assert s2 != s1
    f2 = admin_csrf(a)
    assert f2 != f1
    expect(a.post("/admin/events", "csrf=%s&action=create&name=Old" % f1),
           403)
    expect(a.post("/admin/events", "csrf=%s&action=create&name=New+Field"
                  % f2), 303)
    old = site.client()
    old.cookies["admin_session"] = s1
    expect(old.get("/admin/"), 303)
    # The field is no MAC of any cookie the browser holds.
    assert f2 not in a.cookies.values()


def test_admin_cookies_host_prefix_on_https_base_url():
    site = start_site(base_url="https://endorse.example.org")
    try:
        c = site.client()
        r = expect(c.get("/admin/login"), 200)
        sc = r.header_all("Set-Cookie")
        assert len(sc) == 1 and sc[0].startswith("__Host-admin_login="), sc
        attrs = [x.strip() for x in sc[0].split(";")]
        assert "Path=/" in attrs and "Secure" in attrs, attrs
        assert not any(x.lower().startswith("domain") for x in attrs)
        r = admin_login(c, "admin", ADMIN_PASSWORD)
        expect(r, 303)
        cookie = [v for v in r.header_all("Set-Cookie")
                  if v.startswith("__Host-admin_session=")]
        assert len(cookie) == 1, r.header_all("Set-Cookie")
        attrs = [x.strip() for x in cookie[0].split(";")]
        for want in ("Path=/", "Secure", "HttpOnly", "SameSite=Strict"):
            assert want in attrs, (want, attrs)
        assert not any(x.lower().startswith("domain") for x in attrs)
        assert not any(v.startswith("admin_session=")
                       for v in r.header_all("Set-Cookie"))
        expect(c.get("/admin/"), 200)
        # The same token without the prefix is no session.
        tok = c.cookies["__Host-admin_session"]
        d = site.client()
        d.cookies["admin_session"] = tok
        expect(d.get("/admin/"), 303)
        # Signing out clears the prefixed cookie, on the same path.
        r = c.post("/admin/logout", "csrf=" + admin_csrf(c))
        expect(r, 303)
        assert any(v.startswith("__Host-admin_session=;") and
                   "Path=/;" in v for v in r.header_all("Set-Cookie")), \
            r.header_all("Set-Cookie")
    finally:
        site.stop()


def test_a_disabled_user_is_signed_out_and_cannot_sign_in():
    """Disabling a user (in the database, as an operator does) ends its
    open sessions at the next page, and its right password no longer
    signs in: the same 422 as a wrong one, saying nothing more."""
    site = shared()
    ctl_user_add(site, "to-disable", "moderator", "password-to-disable")
    c = admin_client(site, "to-disable", "password-to-disable")
    expect(c.get("/admin/"), 200)
    db = sqlite3.connect(site.db, timeout=10)
    with db:
        db.execute("UPDATE admin_users SET disabled = 1 WHERE name = "
                   "'to-disable'")
    db.close()
    r = expect(c.get("/admin/"), 303)
    assert r.header("Location") == "/admin/login", r.headers
    right = admin_login(site.client(), "to-disable", "password-to-disable")
    wrong = admin_login(site.client(), "to-disable", "not-the-password")
    expect(right, 422)
    expect(wrong, 422)
    strip = lambda t: re.sub(r'value="[^"]*"', "", t)
    assert strip(right.text) == strip(wrong.text)
