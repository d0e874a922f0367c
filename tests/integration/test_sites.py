"""Tests that need a site of their own: rate limit, supervision, stop."""
import os
import signal
import sqlite3
import time

from harness import (start_site, expect, valid_fields, receipt_code,
                     proc_children, proc_cmdline, pid_alive, port_listening,
                     encode)

# -- rate limit --------------------------------------------------------------

_rl = {}


def _rate_site():
    if "site" not in _rl:
        _rl["site"] = start_site(workers=2, rate_limit=10)
    return _rl["site"]


def test_rate_limit_burst_of_posts_gets_429_with_retry_after():
    site = _rate_site()
    c = site.client()
    _, h = c.open_form()
    statuses, r429 = [], None
    before = site.count()
    for i in range(25):
        r = c.post("/endorse", encode(
            [("csrf", h["csrf"]), ("form_token", h["form_token"])]
            + list(valid_fields(full_name="Burst").items())))
        statuses.append(r.status)
        if r.status == 429 and r429 is None:
            r429 = r
    assert r429 is not None, "no 429 in 25 POSTs: %r" % statuses
    assert statuses.count(429) >= 25 - 11, statuses
    ra = r429.header("Retry-After")
    assert ra and ra.strip().isdigit() and int(ra) > 0, ra
    assert all(s in (303, 429) for s in statuses), statuses
    # The same form each time: one row whatever got through.
    assert site.count() == before + 1


def test_rate_limit_gets_not_limited():
    site = _rate_site()
    c = site.client()
    # Use up the POST allowance first, then GETs must still answer.
    for _ in range(15):
        c.post("/endorse", "x=1")
    statuses = [c.get(p).status for p in ("/", "/endorse", "/healthz") * 15]
    assert statuses == [200] * len(statuses), statuses


def test_rate_limit_429_has_security_headers():
    site = _rate_site()
    c = site.client()
    r = None
    for _ in range(20):
        r = c.post("/endorse", "x=1")
        if r.status == 429:
            break
    expect(r, 429)
    assert r.header("X-Content-Type-Options") == "nosniff"
    assert "frame-ancestors" in r.header("Content-Security-Policy", "")


# -- supervision ---------------------------------------------------------------


def _wait(cond, timeout=8.0):
    """Poll cond until true; a cond that raises counts as false."""
    def ok():
        try:
            return cond()
        except OSError:
            return False
    end = time.time() + timeout
    while time.time() < end:
        if ok():
            return True
        time.sleep(0.05)
    return ok()


def test_supervisor_pid_file_and_workers():
    site = start_site(workers=3)
    try:
        sup = site.web_pid()
        assert pid_alive(sup)
        assert "endorse-web" in proc_cmdline(sup)
        assert _wait(lambda: len(site.workers_of(sup)) == 3), \
            "workers: %r" % site.workers_of(sup)
    finally:
        site.stop()


def test_killed_worker_replaced_and_site_keeps_answering():
    site = start_site(workers=2)
    site.settle()
    try:
        sup = site.web_pid()
        assert _wait(lambda: len(site.workers_of(sup)) == 2)
        old = site.workers_of(sup)
        victim = old[0]
        os.kill(victim, signal.SIGKILL)
        c = site.client()
        statuses = [c.get("/healthz").status for _ in range(50)]
        statuses += [c.get("/").status for _ in range(20)]
        assert statuses == [200] * len(statuses), statuses
        assert _wait(lambda: len(site.workers_of(sup)) == 2
                     and victim not in site.workers_of(sup)), \
            "workers now %r (was %r)" % (site.workers_of(sup), old)
        new = set(site.workers_of(sup)) - set(old)
        assert new, "no new worker pid"
        assert pid_alive(sup), "the supervisor died"
        # The new worker serves POSTs too.
        for i in range(6):
            receipt_code(site.client().submit(valid_fields(
                full_name="After Kill %d" % i)))
    finally:
        site.stop()


def test_all_workers_killed_are_replaced():
    site = start_site(workers=2)
    site.settle()
    try:
        sup = site.web_pid()
        assert _wait(lambda: len(site.workers_of(sup)) == 2)
        old = site.workers_of(sup)
        for p in old:
            os.kill(p, signal.SIGKILL)
        assert _wait(lambda: len(site.workers_of(sup)) == 2 and
                     not set(old) & set(site.workers_of(sup))), \
            site.workers_of(sup)
        c = site.client()
        assert _wait(lambda: c.get("/healthz").status == 200)
        statuses = [c.get("/healthz").status for _ in range(30)]
        assert statuses == [200] * 30, statuses
    finally:
        site.stop()


def test_sigterm_stops_everything():
    site = start_site(workers=2)
    state = site.state
    sup = site.web_pid()
    ngx = site.nginx_pid()
    workers = site.workers_of(sup)
    ngx_kids = proc_children(ngx)
    all_pids = [sup, ngx] + workers + ngx_kids
    assert workers and ngx_kids
    site.stop(check=False)
    assert site.proc.returncode is not None
    end = time.time() + 5
    while time.time() < end and any(pid_alive(p) for p in all_pids):
        time.sleep(0.05)
    left = [(p, proc_cmdline(p)) for p in all_pids if pid_alive(p)]
    assert not left, "left running: %r" % left
    assert not port_listening(site.port), "port still open"
    assert not os.path.exists(os.path.join(state, "endorse-web.sock")), \
        "socket left behind"
    assert not os.path.exists(os.path.join(state, "endorse-web.pid")), \
        "pid file left behind"


def test_sigterm_exit_status_zero():
    site = start_site(workers=1)
    site.stop()
    assert site.proc.returncode == 0, site.proc.returncode


def test_data_survives_restart():
    site = start_site(workers=1)
    code = receipt_code(site.client().submit(valid_fields(
        full_name="Survives Restart")))
    site.stop()
    # script/server again on the same state directory.
    again = start_site(workers=1, state=site.state)
    r = expect(again.client().get("/receipt/" + code), 200)
    assert "Survives Restart" in r.text
    again.stop()


def test_rate_limit_allows_the_whole_allowance_in_a_burst():
    # DESIGN.md: ENDORSE_RATE_LIMIT is the POSTs a minute allowed per
    # address, "bursts included"; only what is over it gets 429.  So ten
    # quick POSTs pass with a limit of 10, and the eleventh does not.
    site = start_site(workers=2, rate_limit=10)
    try:
        statuses = []
        for i in range(12):
            c = site.client()
            statuses.append(c.submit(valid_fields(
                full_name="Allowance %d" % i)).status)
        assert statuses[:10] == [303] * 10, \
            "the first 10 POSTs of a minute: %r" % statuses
        assert 429 in statuses[10:], statuses
    finally:
        site.stop()


def test_rate_limited_posts_store_nothing():
    site = _rate_site()
    before = site.count()
    ok = 0
    for i in range(15):
        r = site.client().submit(valid_fields(full_name="Limited %d" % i))
        if r.status == 303:
            ok += 1
        else:
            expect(r, 429)
    assert site.count() == before + ok


def test_supervisor_crash_stops_server_and_leaves_no_worker():
    # If endorse-web's supervisor dies, script/server stops the rest
    # ("Run until one of them stops"), and its workers must not live on
    # as orphans holding the socket and the database.
    site = start_site(workers=2)
    sup = site.web_pid()
    assert _wait(lambda: len(site.workers_of(sup)) == 2)
    workers = site.workers_of(sup)
    ngx = site.nginx_pid()
    site.settle()       # script/server is waiting on its children now
    os.kill(sup, signal.SIGKILL)
    try:
        try:
            site.proc.wait(10)
        except Exception:
            raise AssertionError("script/server still running 10 s after "
                                 "the supervisor died")
        assert site.proc.returncode != 0, site.proc.returncode
        assert _wait(lambda: not pid_alive(ngx), 5), "nginx left running"
        assert _wait(lambda: not any(pid_alive(p) for p in workers), 5), \
            "workers left running after their supervisor died: %r" % [
                (p, proc_cmdline(p)) for p in workers if pid_alive(p)]
    finally:
        for p in workers:       # the orphans this test made, by pid
            if pid_alive(p):
                os.kill(p, signal.SIGKILL)
        site.stop(check=False)


def test_rows_that_got_a_receipt_survive_a_crash():
    # "A 303 with a receipt is sent only after the row is committed."
    site = start_site(workers=2)
    site.settle()
    sup = site.web_pid()
    workers = site.workers_of(sup)
    try:
        codes = [receipt_code(site.client().submit(valid_fields(
            full_name="Crash %d" % i))) for i in range(8)]
        for p in [sup] + workers:
            os.kill(p, signal.SIGKILL)
        assert _wait(lambda: not any(pid_alive(p) for p in [sup] + workers))
        got = {r[0] for r in site.query(
            "SELECT receipt FROM endorsements WHERE full_name LIKE 'Crash %'")}
        assert set(codes) <= got, "lost: %r" % (set(codes) - got)
    finally:
        site.stop(check=False)


def test_site_survives_worker_deaths_right_after_ready():
    # Once script/server has printed "ready:", a worker that dies is the
    # supervisor's business (it starts another); the site must not stop.
    site = start_site(workers=2)
    sup = site.web_pid()
    workers = site.workers_of(sup)
    for p in workers:
        os.kill(p, signal.SIGKILL)
    try:
        assert _wait(lambda: len(site.workers_of(sup)) == 2 and not
                     set(workers) & set(site.workers_of(sup)))
        time.sleep(1.5)
        assert site.proc.poll() is None, \
            "script/server stopped after printing ready: %s" % \
            " | ".join(site.logs().splitlines()[:8])
        c = site.client()
        assert _wait(lambda: c.get("/healthz").status == 200, 5)
    finally:
        site.stop(check=False)


def test_base_url_with_a_path_refused_at_start():
    import harness
    try:
        s = harness.Site(workers=1, base_url="http://127.0.0.1:1/endorse")
    except harness.SiteError as e:
        assert "ENDORSE_BASE_URL" in str(e), str(e)[:500]
        return
    s.stop()
    s.cleanup()
    raise AssertionError("script/server started with a base URL with a path")


# -- the database's write lock held by another process ----------------------

def test_write_lock_held_healthz_503_and_posts_503_with_retry_after():
    import sqlite3
    from harness import admin_client, admin_csrf, strip_tags
    site = start_site(workers=1)
    try:
        c = site.client()
        _, h = c.open_form()
        body = encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                      + list(valid_fields(full_name="Locked Out").items()))
        code = receipt_code(c.submit(valid_fields(full_name="Before Lock")))
        (eid,) = site.query("SELECT id FROM endorsements WHERE receipt = ?",
                            (code,))[0]
        a = admin_client(site)
        csrf = admin_csrf(a, "/admin/endorsements/%d" % eid)
        expect(c.get("/healthz"), 200)
        before = site.count()

        # A backup or a long writer: another process holds the lock.
        lock = sqlite3.connect(site.db, timeout=10, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        try:
            t0 = time.monotonic()
            r = c.get("/healthz")
            dt = time.monotonic() - t0
            expect(r, 503)
            assert r.header("Retry-After", "").isdigit(), r.headers
            assert dt < 4, "healthz took %.1fs" % dt

            t0 = time.monotonic()
            r = c.post("/endorse", body)
            dt = time.monotonic() - t0
            expect(r, 503)
            assert r.header("Retry-After", "").isdigit(), r.headers
            assert r.header("Location") is None
            assert "try again" in strip_tags(r.text).lower(), r.text
            assert dt < 15, "the POST took %.1fs" % dt

            r = a.post("/admin/endorsements/%d/status" % eid,
                       "csrf=%s&status=verified&reason=" % csrf)
            expect(r, 503)
            assert r.header("Retry-After", "").isdigit(), r.headers
            # Reading is not held up by a writer (WAL).
            expect(c.get("/receipt/%s" % code), 200)
        finally:
            lock.rollback()
            lock.close()
        assert site.count() == before
        assert site.query("SELECT status FROM endorsements WHERE id = ?",
                          (eid,)) == [("pending",)]
        # The lock is gone: the same form goes through once.
        expect(c.get("/healthz"), 200)
        receipt_code(c.post("/endorse", body))
        assert site.count() == before + 1
        expect(a.post("/admin/endorsements/%d/status" % eid,
                      "csrf=%s&status=verified&reason=" % csrf), 303)
    finally:
        site.stop()


# -- under spawn-fcgi ----------------------------------------------------------

def _fcgi(sock, method, uri, query="", body=b"", ctype="", length=None):
    """One FastCGI request with cgi-fcgi, as nginx's fastcgi_params would
    pass it (CONTENT_LENGTH: length, else the body's); (status line,
    headers, body) of the answer."""
    import subprocess
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "REQUEST_METHOD": method, "DOCUMENT_URI": uri,
           "SCRIPT_NAME": uri, "REQUEST_URI": uri + ("?" + query
                                                     if query else ""),
           "QUERY_STRING": query, "CONTENT_TYPE": ctype,
           "CONTENT_LENGTH": str(len(body)) if length is None else length,
           "HTTP_ACCEPT_LANGUAGE": "fr",
           "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
           "GATEWAY_INTERFACE": "CGI/1.1"}
    p = subprocess.run(["cgi-fcgi", "-bind", "-connect", sock], env=env,
                       input=body, capture_output=True, timeout=30)
    head, _, payload = p.stdout.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    return lines[0], lines[1:], payload


def test_one_plain_responder_under_spawn_fcgi():
    """README's spawn-fcgi deployment: the socket on fd 0, one worker
    that is its own process (no supervisor, no mail helper), serving as
    the service user; SIGTERM stops it, leaving the socket to its
    owner."""
    import pwd
    import shutil
    import subprocess
    import tempfile
    from harness import ENDORSECTL, TOP, proc_status
    user = os.environ.get("ENDORSE_USER", "endorse")
    pw = pwd.getpwnam(user)
    state = tempfile.mkdtemp(prefix="endorse-spawn-")
    try:
        os.chown(state, pw.pw_uid, pw.pw_gid)
        env = dict(os.environ, ENDORSE_STATE_DIR=state,
                   ENDORSE_BASE_URL="http://127.0.0.1:9")
        p = subprocess.run([ENDORSECTL, "init"], env=env,
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, p.stderr
        sock = os.path.join(state, "endorse-web.sock")
        proc = subprocess.Popen(
            ["spawn-fcgi", "-s", sock, "-n", "--",
             os.path.join(TOP, "src", "endorse-web")], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.time() + 20
            status = None
            while time.time() < deadline:
                if os.path.exists(sock):
                    status, headers, body = _fcgi(sock, "GET", "/healthz")
                    if status:
                        break
                time.sleep(0.1)
            assert status == "Status: 200 OK", (status, proc.poll())
            # One process, the service user's, with no children.
            st = proc_status(proc.pid)
            assert st["Uid"].split()[0] == str(pw.pw_uid), st["Uid"]
            assert proc_children(proc.pid) == []
            status, headers, body = _fcgi(sock, "GET", "/endorse")
            assert status == "Status: 200 OK", status
            assert "Content-Language: fr" in headers, headers
            assert b'<html lang="fr"' in body
            status, _, _ = _fcgi(sock, "GET", "/no-such-page")
            assert status.startswith("Status: 404"), status
            # What our nginx never passes on, from another front end: a
            # body announced over the limit, one shorter than announced,
            # a length that is no number, a method of no route.  Each is
            # refused and nothing is stored.
            form = "application/x-www-form-urlencoded"
            for length, code in (("100000", "413"), ("500", "400"),
                                 ("12x", "400"), ("-5", "400")):
                status, _, _ = _fcgi(sock, "POST", "/endorse",
                                     body=b"full_name=X", ctype=form,
                                     length=length)
                assert status.startswith("Status: " + code), (length,
                                                              status)
            status, _, _ = _fcgi(sock, "BREW", "/endorse")
            assert status.startswith("Status: 405"), status
        finally:
            proc.terminate()
            rc = proc.wait(timeout=15)
            err = proc.stderr.read().decode(errors="replace")
        assert rc == 0, (rc, err)
        assert "short body: 11 of 500 bytes" in err, err
        assert os.path.exists(sock)
        c = sqlite3.connect(os.path.join(state, "endorse.db"))
        try:
            assert c.execute("SELECT count(*) FROM endorsements"
                             ).fetchone() == (0,)
        finally:
            c.close()
    finally:
        shutil.rmtree(state, ignore_errors=True)
