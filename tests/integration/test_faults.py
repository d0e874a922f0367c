"""Faults: a full disk, a WAL sync that fails, a worker killed between
COMMIT and the WAL sync, a client that trickles its body.  The disk
faults come from faultshim.c, preloaded into the site's programs and
switched on by a file in $ENDORSE_STATE_DIR/faults/."""
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time

from harness import (start_site, valid_fields, receipt_code, encode,
                     pid_alive, admin_client, admin_csrf)

HERE = os.path.dirname(os.path.abspath(__file__))
_shim = None


def shim():
    """faultshim.so, built once per run."""
    global _shim
    if _shim is None:
        out = os.path.join(tempfile.mkdtemp(prefix="endorse-shim-"),
                           "faultshim.so")
        subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-o", out,
                        os.path.join(HERE, "faultshim.c"), "-ldl"],
                       check=True)
        os.chmod(os.path.dirname(out), 0o755)
        _shim = out
    return _shim


def fault_site(**kw):
    # In the sanitizer build the shim comes before ASan's runtime, which
    # only wraps what the shim passes on: tell ASan that is fine.
    asan = os.environ.get("ASAN_OPTIONS", "")
    asan = (asan + ":" if asan else "") + "verify_asan_link_order=0"
    site = start_site(extra_env={"LD_PRELOAD": shim(),
                                 "ASAN_OPTIONS": asan}, **kw)
    os.makedirs(os.path.join(site.state, "faults"), exist_ok=True)
    return site


def fault(site, name, on=True):
    path = os.path.join(site.state, "faults", name)
    if on:
        open(path, "w").close()
    elif os.path.exists(path):
        os.unlink(path)


def integrity(site):
    c = sqlite3.connect("file:%s?mode=ro" % site.db, uri=True)
    try:
        return c.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        c.close()


def submit_form(client, fields):
    """Open the form and send it; (response, the hidden fields) so that
    the same form can be sent again."""
    _, hidden = client.open_form()
    return client.submit(fields, hidden=hidden), hidden


def _no_rollback_noise(site):
    """SQLite rolls a transaction back itself when the disk is full: the
    log says what failed, never that a rollback of nothing failed."""
    logdir = os.path.join(site.state, "log")
    text = ""
    for name in sorted(os.listdir(logdir)):
        with open(os.path.join(logdir, name), errors="replace") as f:
            text += f.read()
    assert "rollback failed" not in text, text[-2000:]
    assert "rollback of a failed batch failed" not in text, text[-2000:]


def test_full_disk_answers_503_and_recovers_losing_nothing():
    site = fault_site(workers=2)
    try:
        c = site.client()
        acked = [receipt_code(c.submit(valid_fields(
            full_name="Before Full %d" % i))) for i in range(5)]
        fault(site, "full")
        statuses = []
        for i in range(5):
            r, hidden = submit_form(c, valid_fields(
                full_name="While Full %d" % i))
            statuses.append(r.status)
            assert r.status == 503, (r.status, r.text[:300])
            assert r.header("Retry-After"), r.headers
            assert "try again" in r.text.lower(), r.text[:500]
        # Pages that only read still answer.
        assert c.get("/").status == 200
        assert c.get("/receipt/" + acked[0]).status == 200
        fault(site, "full", on=False)
        # Space is back: the same form sent again is stored, once.
        r = c.submit(valid_fields(full_name="While Full 4"), hidden=hidden)
        again = receipt_code(r)
        acked.append(again)
        for i in range(3):
            acked.append(receipt_code(c.submit(valid_fields(
                full_name="After Full %d" % i))))
        assert integrity(site) == "ok"
        got = {row[0] for row in site.query("SELECT receipt FROM endorsements")}
        assert set(acked) <= got, set(acked) - got
        assert site.count() == len(acked), (site.count(), len(acked))
        _no_rollback_noise(site)
    finally:
        fault(site, "full", on=False)
        site.stop()
    # Nothing acknowledged is lost across a restart either.
    again_site = start_site(workers=1, state=site.state)
    try:
        got = {row[0] for row in again_site.query(
            "SELECT receipt FROM endorsements")}
        assert set(acked) <= got
        assert integrity(again_site) == "ok"
    finally:
        again_site.stop()
        site.cleanup()


def test_failed_wal_sync_answers_503_and_a_resend_finds_its_receipt():
    site = fault_site(workers=1)
    try:
        c = site.client()
        fault(site, "sync-eio")
        fields = valid_fields(full_name="Sync Failed")
        r, hidden = submit_form(c, fields)
        # Committed, but not known to be durable: never acknowledged.
        assert r.status == 503, (r.status, r.text[:300])
        assert r.header("Location") is None
        assert r.header("Retry-After")
        fault(site, "sync-eio", on=False)
        code = receipt_code(c.submit(fields, hidden=hidden))
        assert site.query("SELECT count(*) FROM endorsements "
                          "WHERE full_name='Sync Failed'") == [(1,)]
        assert c.get("/receipt/" + code).status == 200
        assert integrity(site) == "ok"
        with open(os.path.join(site.state, "log", "endorse-web.log")) as f:
            text = f.read()
            assert "fdatasync" in text, text
    finally:
        fault(site, "sync-eio", on=False)
        site.stop()


def test_worker_killed_between_commit_and_sync_loses_no_receipt():
    site = fault_site(workers=1)
    try:
        sup = site.web_pid()
        old = site.workers_of(sup)
        c = site.client()
        fault(site, "sync-kill")
        fields = valid_fields(full_name="Killed Before Sync")
        r, hidden = submit_form(c, fields)
        # The worker died after COMMIT, before the sync and the answer:
        # nginx answers for it, and no receipt went out.
        assert r.status in (502, 503), (r.status, r.text[:300])
        assert r.header("Location") is None
        fault(site, "sync-kill", on=False)
        deadline = time.time() + 5
        while time.time() < deadline and (
                len(site.workers_of(sup)) != 1
                or site.workers_of(sup) == old):
            time.sleep(0.05)
        assert site.workers_of(sup) != old and pid_alive(sup)
        # The resend of the same form gets the one row's receipt.
        code = receipt_code(c.submit(fields, hidden=hidden))
        assert site.query("SELECT receipt FROM endorsements "
                          "WHERE full_name='Killed Before Sync'") == [(code,)]
        assert integrity(site) == "ok"
        assert c.get("/healthz").status == 200
    finally:
        fault(site, "sync-kill", on=False)
        site.stop()


def test_trickled_body_is_cut_by_nginx_without_holding_a_worker():
    site = start_site(workers=1)
    try:
        c = site.client()
        _, hidden = c.open_form()
        body = encode(list(hidden.items())
                      + list(valid_fields(full_name="Slow").items()))
        s = socket.create_connection(("127.0.0.1", site.port), timeout=30)
        s.sendall(("POST /endorse HTTP/1.1\r\nHost: x\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: %d\r\n\r\n" % len(body)).encode())
        s.sendall(body[:10].encode())
        t0 = time.time()
        # While it trickles, the site's one worker serves everyone else.
        served = 0
        for i in range(5):
            s.sendall(body[10 + i:11 + i].encode())
            assert c.get("/healthz").status == 200
            served += 1
            time.sleep(0.5)
        receipt_code(site.client().submit(valid_fields(full_name="Fast")))
        # Then it stops sending: nginx cuts it after client_body_timeout.
        data = b""
        try:
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            raise AssertionError("nginx did not cut the trickling client")
        waited = time.time() - t0
        assert waited < 25, waited
        assert data == b"" or data.startswith(b"HTTP/1.1 408"), data[:200]
        s.close()
        assert site.query("SELECT count(*) FROM endorsements "
                          "WHERE full_name='Slow'") == [(0,)]
        assert served == 5
    finally:
        site.stop()


def test_admin_changes_on_a_full_disk_answer_503_and_store_nothing():
    """Each change of the admin console on a full disk: 503, no half of
    it stored (nor its audit line), and the same change goes through
    once there is space again."""
    site = fault_site(workers=1)
    try:
        code = receipt_code(site.client().submit(valid_fields(
            full_name="Full Disk Admin")))
        ((eid, status),) = site.query("SELECT id, status FROM endorsements "
                                      "WHERE receipt = ?", (code,))
        a = admin_client(site)
        csrf = admin_csrf(a)
        audit = site.query("SELECT count(*) FROM audit_log")
        posts = [("/admin/domains", [("action", "add"),
                                     ("domain", "gent.be")]),
                 ("/admin/endorsements/verify-official", []),
                 ("/admin/endorsements/%d/status" % eid,
                  [("status", "verified"), ("reason", "checked")]),
                 ("/admin/events", [("action", "create"),
                                    ("name", "Full Conf")])]
        fault(site, "full")
        for path, fields in posts:
            r = a.post(path, encode([("csrf", csrf)] + fields))
            assert r.status == 503, (path, r.status, r.text[:300])
        fault(site, "full", on=False)
        assert site.query("SELECT count(*) FROM official_domains") == [(0,)]
        assert site.query("SELECT count(*) FROM events") == [(0,)]
        assert site.query("SELECT status FROM endorsements WHERE id = ?",
                          (eid,)) == [(status,)]
        assert site.query("SELECT count(*) FROM audit_log") == audit
        for path, fields in posts:
            r = a.post(path, encode([("csrf", csrf)] + fields))
            assert r.status == 303, (path, r.status, r.text[:300])
        assert site.query("SELECT status FROM endorsements WHERE id = ?",
                          (eid,)) == [("verified",)]
        assert site.query("SELECT count(*) FROM official_domains") == [(1,)]
        assert integrity(site) == "ok"
        _no_rollback_noise(site)
    finally:
        fault(site, "full", on=False)
        site.stop()
        site.cleanup()


def test_reports_updates_withdrawal_kiosk_and_confirm_on_a_full_disk():
    """Every other form a visitor sends, on a full disk: 503 saying to
    try again, nothing of it stored; once there is space, the same form
    goes through."""
    from commit_helpers import (form_of, post_report, post_update,
                                report_fields, withdraw)
    from harness import (ENDORSECTL, mail_of, confirm_path, hidden_fields)
    site = fault_site(workers=1)
    try:
        c = site.client()
        addr = "full.disk@mechelen.be"
        code = receipt_code(c.submit(valid_fields(email=addr)))
        (_, m), = mail_of(site, addr)
        confirm = confirm_path(m.get_body(("plain",)).get_content())
        rcode = receipt_code(post_report(c, code))
        p = subprocess.run([ENDORSECTL, "--db", site.db, "event", "add",
                            "Full Stand"], capture_output=True, text=True,
                           timeout=30)
        assert p.returncode == 0, p.stderr
        kiosk = "/kiosk/" + p.stdout.strip().rsplit("/", 1)[1]
        # Every form opened before the disk fills.
        h_report = form_of(c, "/receipt/" + code)
        h_update = form_of(c, "/receipt/" + rcode)
        h_kiosk = form_of(c, kiosk)
        h_confirm = hidden_fields(c.get(confirm).text)
        tables = ("endorsements", "commitments", "commitment_updates",
                  "status_changes")
        counts = [site.count(t) for t in tables]

        def sends():
            yield "report", post_report(c, code, report_fields(
                title="Stored later"), hidden=h_report)
            yield "update", post_update(c, rcode, "achieved", "Done.",
                                        hidden=h_update)
            yield "kiosk", c.submit(valid_fields(full_name="Kiosk Full"),
                                    path=kiosk, hidden=h_kiosk)
            yield "confirm", c.post(confirm, encode(
                [("csrf", h_confirm["csrf"])]))
            yield "withdraw", withdraw(c, code)

        fault(site, "full")
        for what, r in sends():
            assert r.status == 503, (what, r.status, r.text[:300])
            assert "try again" in r.text.lower(), (what, r.text[:500])
        fault(site, "full", on=False)
        assert [site.count(t) for t in tables] == counts
        assert site.query("SELECT status, confirmed_at FROM endorsements "
                          "WHERE receipt = ?", (code,)) == [("pending", None)]
        for what, r in sends():
            assert r.status == 303, (what, r.status, r.text[:300])
        assert site.query("SELECT status, confirmed_at IS NOT NULL FROM "
                          "endorsements WHERE receipt = ?",
                          (code,)) == [("withdrawn", 1)]
        assert site.query("SELECT count(*) FROM commitments WHERE title = "
                          "'Stored later'") == [(1,)]
        assert site.query("SELECT status FROM commitment_updates") == \
            [("achieved",)]
        assert site.query("SELECT count(*) FROM endorsements WHERE "
                          "full_name = 'Kiosk Full'") == [(1,)]
        assert integrity(site) == "ok"
        _no_rollback_noise(site)
    finally:
        fault(site, "full", on=False)
        site.stop()
        site.cleanup()


def test_sign_in_out_events_and_domains_on_a_full_disk():
    """The admin console's other writes on a full disk: a sign-in (right
    or wrong password), a sign-out, closing an event, removing a domain.
    Each answers 503 and changes nothing; with space back, each works."""
    from harness import admin_login, ADMIN_PASSWORD
    site = fault_site(workers=1)
    try:
        a = admin_client(site)
        csrf = admin_csrf(a)
        assert a.post("/admin/events", encode(
            [("csrf", csrf), ("action", "create"),
             ("name", "Full Stand")])).status == 303
        assert a.post("/admin/domains", encode(
            [("csrf", csrf), ("action", "add"),
             ("domain", "gent.be")])).status == 303
        ((eid,),) = site.query("SELECT id FROM events")
        state = ("SELECT (SELECT count(*) FROM sessions), "
                 "(SELECT count(*) FROM audit_log), "
                 "(SELECT count(*) FROM official_domains), "
                 "(SELECT count(*) FROM events WHERE closed_at IS NULL)")
        before = site.query(state)
        posts = [("/admin/events", [("action", "close"), ("id", str(eid))]),
                 ("/admin/domains", [("action", "remove"),
                                     ("domain", "gent.be")])]
        # A session last seen two minutes ago: its next page moves
        # last_seen, which the full disk stops, and the page is read all
        # the same.
        db = sqlite3.connect(site.db, timeout=10)
        with db:
            db.execute("UPDATE sessions SET last_seen = strftime("
                       "'%Y-%m-%dT%H:%M:%SZ', 'now', '-120 seconds')")
        ((old_seen,),) = db.execute("SELECT last_seen FROM sessions")
        db.close()
        fault(site, "full")
        r = a.get("/admin/")
        assert r.status == 200, (r.status, r.text[:300])
        assert site.query("SELECT last_seen FROM sessions") == [(old_seen,)]
        for path, fields in posts:
            r = a.post(path, encode([("csrf", csrf)] + fields))
            assert r.status == 503, (path, r.status, r.text[:300])
        fresh = site.client()
        for password in (ADMIN_PASSWORD, "wrong password"):
            r = admin_login(fresh, "admin", password)
            assert r.status == 503, (password, r.status, r.text[:300])
        r = a.post("/admin/logout", encode([("csrf", csrf)]))
        assert r.status == 503, (r.status, r.text[:300])
        # An export is audited first: one that cannot be is not given.
        r = a.get("/admin/export/endorsements.csv")
        assert r.status == 503 and b"full_name" not in r.body, \
            (r.status, r.body[:300])
        fault(site, "full", on=False)
        assert site.query(state) == before
        assert site.query("SELECT count(*) FROM login_failures") == [(0,)]
        # Still signed in: the sign-out did not happen; with space, the
        # session is seen again.
        assert a.get("/admin/").status == 200
        ((seen,),) = site.query("SELECT last_seen FROM sessions")
        assert seen > old_seen, (seen, old_seen)
        for path, fields in posts:
            r = a.post(path, encode([("csrf", csrf)] + fields))
            assert r.status == 303, (path, r.status, r.text[:300])
        assert site.query("SELECT count(*) FROM official_domains") == [(0,)]
        assert site.query("SELECT count(*) FROM events WHERE closed_at "
                          "IS NULL") == [(0,)]
        r = a.get("/admin/export/endorsements.csv")
        assert r.status == 200 and b"full_name" in r.body, r.body[:300]
        assert admin_login(fresh, "admin", "wrong password").status == 422
        assert site.query("SELECT count(*) FROM login_failures") == [(1,)]
        assert admin_login(fresh, "admin", ADMIN_PASSWORD).status == 303
        r = a.post("/admin/logout", encode([("csrf", csrf)]))
        assert r.status == 303, r.status
        assert a.get("/admin/").status == 303
        assert integrity(site) == "ok"
        _no_rollback_noise(site)
    finally:
        fault(site, "full", on=False)
        site.stop()
        site.cleanup()


def test_endorsectl_writes_on_a_full_disk_fail_and_store_nothing():
    """Each endorsectl command that writes, on a full disk: exit status
    1 with a message, the database as it was; the same command works
    once there is space."""
    from harness import ENDORSECTL
    site = fault_site(workers=1)
    try:
        env = dict(os.environ, LD_PRELOAD=shim(),
                   ENDORSE_STATE_DIR=site.state,
                   ASAN_OPTIONS="verify_asan_link_order=0")

        def ctl(*args, stdin=""):
            return subprocess.run([ENDORSECTL, "--db", site.db] + list(args),
                                  input=stdin, capture_output=True,
                                  text=True, timeout=60, env=env)

        assert ctl("event", "add", "Open Stand").returncode == 0
        assert ctl("domain", "add", "mechelen.be").returncode == 0
        ((eid,),) = site.query("SELECT id FROM events")
        decl = os.path.join(site.state, "declaration-full.txt")
        with open(decl, "w") as f:
            f.write("A declaration written on a full disk\n\nIts text.\n")
        key = os.path.join(site.state, "signing.key")
        with open(key, "rb") as f:
            key_before = f.read()
        pw = "a new password for the full disk"
        cmds = [(["user", "add", "clerk", "--role", "viewer"], pw + "\n"),
                (["user", "passwd", "admin"], pw + "\n"),
                (["event", "add", "Full Stand"], ""),
                (["event", "close", str(eid)], ""),
                (["domain", "add", "gent.be", "--country", "BE"], ""),
                (["domain", "remove", "mechelen.be"], ""),
                (["mail", "retry"], ""),
                (["key", "generate"], ""),
                (["declaration", "publish", decl, "--lang", "en"], "")]
        state = ("SELECT (SELECT group_concat(name || ':' || pwhash)"
                 " FROM admin_users), (SELECT count(*) FROM audit_log), "
                 "(SELECT group_concat(domain) FROM official_domains), "
                 "(SELECT group_concat(name || ':' || (closed_at IS NULL))"
                 " FROM events), (SELECT count(*) FROM signing_keys), "
                 "(SELECT count(*) FROM declaration_texts)")
        before = site.query(state)
        fault(site, "full")
        for args, stdin in cmds:
            p = ctl(*args, stdin=stdin)
            assert p.returncode == 1, (args, p.returncode, p.stdout,
                                       p.stderr)
            # The database layer's log lines come first; what the
            # command says, last.
            assert p.stderr.splitlines()[-1].startswith("endorsectl: "), \
                (args, p.stderr)
            assert p.stdout == "", (args, p.stdout)
        fault(site, "full", on=False)
        assert site.query(state) == before
        # The key that signs stays the published one, with no new one
        # left half made beside it.
        with open(key, "rb") as f:
            assert f.read() == key_before
        assert not [n for n in os.listdir(site.state)
                    if n.startswith("signing.key.")], os.listdir(site.state)
        for args, stdin in cmds:
            p = ctl(*args, stdin=stdin)
            assert p.returncode == 0, (args, p.returncode, p.stderr)
        assert site.query("SELECT group_concat(domain) FROM "
                          "official_domains") == [("gent.be",)]
        assert site.query("SELECT count(*) FROM admin_users") == [(2,)]
        assert site.query("SELECT count(*) FROM signing_keys") == \
            [(before[0][4] + 1,)]
        assert site.query("SELECT name, closed_at IS NULL FROM events "
                          "ORDER BY id") == [("Open Stand", 0),
                                             ("Full Stand", 1)]
        assert integrity(site) == "ok"
    finally:
        fault(site, "full", on=False)
        site.stop()
        site.cleanup()


def test_endorsectl_init_on_a_full_disk_fails_and_works_once_there_is_space():
    """A database made on a full disk: init says it cannot, exit 1; the
    same command with space back makes a whole one."""
    from harness import ENDORSECTL
    d = tempfile.mkdtemp(prefix="endorse-initfull-")
    try:
        os.makedirs(os.path.join(d, "faults"))
        env = dict(os.environ, LD_PRELOAD=shim(), ENDORSE_STATE_DIR=d,
                   ASAN_OPTIONS="verify_asan_link_order=0")
        db = os.path.join(d, "endorse.db")
        open(os.path.join(d, "faults", "full"), "w").close()
        p = subprocess.run([ENDORSECTL, "--db", db, "init"], env=env,
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 1, (p.returncode, p.stdout, p.stderr)
        assert "cannot initialise the database" in p.stderr, p.stderr
        assert "created" not in p.stdout, p.stdout
        os.unlink(os.path.join(d, "faults", "full"))
        p = subprocess.run([ENDORSECTL, "--db", db, "init"], env=env,
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, (p.returncode, p.stdout, p.stderr)
        assert "created at schema version" in p.stdout, p.stdout
        c = sqlite3.connect(db)
        try:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert c.execute("SELECT count(*) FROM signing_keys "
                             "WHERE valid_until IS NULL").fetchone()[0] == 1
        finally:
            c.close()
    finally:
        shutil.rmtree(d, ignore_errors=True)
