"""Exports (HTTP and endorsectl), their memory, backups, users."""
import csv
import io
import json
import os
import sqlite3
import subprocess
import tempfile
import threading
import time

from harness import (ENDORSECTL, admin_client, admin_login, expect, have,
                     receipt_code, shared, start_site, valid_fields)

E_KEYS = ["id", "receipt", "created_at", "status", "full_name", "role",
          "role_other", "government_level", "locality", "region", "country",
          "email", "organisation", "listed", "event", "lang",
          "confirmed_at", "official_domain",
          "declaration_version", "declaration_sha256"]
C_KEYS = ["id", "receipt", "endorsement_receipt", "created_at", "area",
          "title", "description", "means", "indicators", "target_date",
          "status", "sdg", "updates"]
E_SQL = ("SELECT e.id, e.receipt, e.created_at, e.status, e.full_name, "
         "e.role, e.role_other, e.government_level, e.locality, e.region, "
         "e.country, e.email, e.organisation, e.listed, ev.name, e.lang, "
         "e.confirmed_at, e.declaration_version, e.declaration_sha256 "
         "FROM endorsements e LEFT JOIN events ev ON ev.id = e.event_id "
         "ORDER BY e.id")

TRICKY = valid_fields(full_name='=HYPERLINK("http://x","click"), "Jr."',
                      locality="Liège, Wallonie", region="+32 line",
                      organisation="@home city", email="tricky@example.org")


def ctl(*args, **kw):
    return subprocess.run([ENDORSECTL] + list(args), capture_output=True,
                          timeout=120, **kw)


def official(email, country, domains):
    """DESIGN.md's rule: the address's domain is a listed one or a
    subdomain of one, in any case; a per-country entry only counts for
    that country."""
    host = email.rsplit("@", 1)[1].lower()
    return any((c is None or c == country) and
               (host == d or host.endswith("." + d)) for d, c in domains)


def db_rows(site):
    domains = site.query("SELECT domain, country FROM official_domains")
    # official_domain stands after confirmed_at, as in E_KEYS.
    return [list(r[:17]) + [official(r[11], r[10], domains)] + list(r[17:])
            for r in site.query(E_SQL)]


def as_json_values(row):
    out = list(row)
    out[13] = bool(out[13])
    return out


def as_csv_values(row):
    out = []
    for k, v in zip(E_KEYS, row):
        if k in ("listed", "official_domain"):
            v = "true" if v else "false"
        elif v is None:
            v = ""
        else:
            v = str(v)
            if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
                v = "'" + v
        out.append(v)
    return out


def add_commitments(site):
    """Reports and updates, by SQL (the forms have tests of their own)."""
    code = receipt_code(site.client().submit(valid_fields(
        full_name="Committed Mayor", email="committed@example.org")))
    db = sqlite3.connect(site.db, timeout=10)
    (eid,) = db.execute("SELECT id FROM endorsements WHERE receipt = ?",
                        (code,)).fetchone()
    ids = []
    for i, (area, st) in enumerate([("inclusion", "planned"),
                                    ("local_data", "in_progress")]):
        rc = "C%023d" % (int(time.time() * 1000) % 10 ** 12 * 10 + i)
        db.execute("INSERT INTO receipts (code, kind) VALUES (?, "
                   "'commitment')", (rc,))
        cur = db.execute(
            "INSERT INTO commitments (endorsement_id, receipt, form_token, "
            "fields_hash, area, title, description, means, indicators, "
            "target_date, status, sdg) VALUES (?, ?, ?, randomblob(32), ?, "
            "?, ?, ?, ?, ?, ?, ?)",
            (eid, rc, "ctok-%031d" % (time.time_ns() % 10 ** 20 + i), area,
             "Title %d, \"quoted\"" % i, "Line one\nline two", "=budget",
             "", None if i else "2030-12-31", st, "10.7, 11.1"))
        ids.append(cur.lastrowid)
    db.execute("INSERT INTO commitment_updates (commitment_id, form_token, "
               "fields_hash, status, narrative) VALUES (?, ?, randomblob(32),"
               " 'achieved', 'done')", (ids[1], "utok-%031d" % time.time_ns()))
    db.commit()
    db.close()
    return code, ids


def test_admin_export_endorsements_csv_matches_database():
    site = shared()
    receipt_code(site.client().submit(TRICKY))
    a = admin_client(site)
    r = expect(a.get("/admin/export/endorsements.csv"), 200)
    assert r.header("Content-Type").startswith("text/csv")
    disp = r.header("Content-Disposition")
    assert disp.startswith("attachment;") and ".csv" in disp, disp
    assert r.header("Cache-Control") == "no-store"
    assert b"\r\n" in r.body
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"),
                                       newline="")))
    assert rows[0] == E_KEYS, rows[0]
    want = [as_csv_values(x) for x in db_rows(site)]
    assert rows[1:] == want
    tricky = [x for x in rows if x[11] == "tricky@example.org"][0]
    assert tricky[4].startswith("'=HYPERLINK")
    assert tricky[9] == "'+32 line" and tricky[12] == "'@home city"
    assert tricky[8] == "Liège, Wallonie"


def test_admin_export_endorsements_json_matches_database():
    site = shared()
    a = admin_client(site)
    r = expect(a.get("/admin/export/endorsements.json"), 200)
    assert r.header("Content-Type").startswith("application/json")
    data = json.loads(r.body)
    assert isinstance(data, list)
    assert all(list(o.keys()) == E_KEYS for o in data)
    assert [[o[k] for k in E_KEYS] for o in data] == \
        [as_json_values(x) for x in db_rows(site)]
    assert all(isinstance(o["listed"], bool) for o in data)
    if have("jq"):
        p = subprocess.run(["jq", "-r", "length"], input=r.body,
                           capture_output=True, timeout=30)
        assert p.returncode == 0, p.stderr
        assert int(p.stdout) == site.count()
        p = subprocess.run(["jq", "-e", "all(.[]; .event == null or "
                            "(.event|type) == \"string\")"], input=r.body,
                           capture_output=True, timeout=30)
        assert p.returncode == 0, p.stdout


def test_admin_export_filtered_as_the_list():
    site = shared()
    receipt_code(site.client().submit(valid_fields(
        full_name="Filter Japan", country="JP", email="jp@example.org")))
    a = admin_client(site)
    data = json.loads(a.get("/admin/export/endorsements.json?country=JP"
                            "&status=pending").body)
    want = site.query("SELECT id FROM endorsements WHERE country = 'JP' AND "
                      "status = 'pending' ORDER BY id")
    assert [o["id"] for o in data] == [i for (i,) in want] and want
    data = json.loads(a.get("/admin/export/endorsements.json?q=filter+japan"
                            ).body)
    assert [o["full_name"] for o in data] == ["Filter Japan"] * len(want)
    expect(a.get("/admin/export/endorsements.csv?country=QQ"), 400)
    # The export is audited with its filter.
    rows = site.query("SELECT actor, target, detail FROM audit_log WHERE "
                      "action = 'export' ORDER BY id DESC LIMIT 3")
    assert ("admin", "endorsements.json", "q=filter+japan") in rows, rows


def test_admin_export_commitments():
    site = shared()
    code, ids = add_commitments(site)
    a = admin_client(site)
    data = json.loads(expect(a.get("/admin/export/commitments.json"),
                             200).body)
    assert all(list(o.keys()) == C_KEYS for o in data)
    mine = {o["id"]: o for o in data if o["endorsement_receipt"] == code}
    assert sorted(mine) == ids
    first, second = mine[ids[0]], mine[ids[1]]
    assert first["status"] == "planned" and first["updates"] == 0
    assert first["target_date"] == "2030-12-31"
    assert second["status"] == "achieved" and second["updates"] == 1
    assert second["target_date"] is None
    assert first["description"] == "Line one\nline two"
    r = a.get("/admin/export/commitments.csv")
    rows = list(csv.reader(io.StringIO(r.body.decode(), newline="")))
    assert rows[0] == C_KEYS
    by_id = {int(x[0]): x for x in rows[1:]}
    assert by_id[ids[0]][7] == "'=budget"
    assert by_id[ids[1]][9] == "" and by_id[ids[1]][12] == "1"
    assert by_id[ids[0]][6] == "Line one\nline two"
    assert len(rows) - 1 == site.count("commitments")


def test_endorsectl_export_same_as_http():
    site = shared()
    a = admin_client(site)
    for kind in ["endorsements", "commitments"]:
        for fmt in ["csv", "json"]:
            http = a.get("/admin/export/%s.%s" % (kind, fmt)).body
            p = ctl("--db", site.db, "export", kind, "--format", fmt)
            assert p.returncode == 0, p.stderr
            assert p.stdout == http, (kind, fmt)
    assert ctl("--db", site.db, "export", "people", "--format",
               "csv").returncode == 2
    assert ctl("--db", site.db, "export", "endorsements").returncode == 2
    assert ctl("--db", site.db, "export", "endorsements", "--format",
               "xml").returncode == 2
    assert site.query("SELECT count(*) FROM audit_log WHERE action = "
                      "'export' AND actor LIKE 'endorsectl:%'")[0][0] >= 4


def _vmhwm(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])     # kB
    raise AssertionError("no VmHWM for %d" % pid)


def _fill(db, n):
    """n endorsements by SQL, in one transaction."""
    alpha = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

    def code(i):
        s = ""
        for _ in range(23):
            s = alpha[i % 32] + s
            i //= 32
        return "Z" + s
    c = sqlite3.connect(db, timeout=30)
    c.execute("BEGIN")
    c.executemany("INSERT INTO receipts (code, kind) VALUES (?, "
                  "'endorsement')", ((code(i),) for i in range(n)))
    c.executemany(
        "INSERT INTO endorsements (declaration_id, receipt, form_token, "
        "fields_hash, full_name, role, government_level, locality, region, "
        "country, email, organisation, listed, consent) VALUES (1, ?, ?, "
        "x'00000000000000000000000000000000000000000000000000000000000000"
        "00', ?, 'mayor', 'local', ?, 'Region', 'BE', ?, 'City "
        "government, \"quoted\"', 1, 1)",
        ((code(i), "bulk-%031d" % i, "Mayor number %d" % i,
          "Town %d" % (i % 1000), "m%d@example.org" % i)
         for i in range(n)))
    c.commit()
    c.close()


def test_admin_export_200000_rows_memory_flat():
    site = start_site(workers=1)
    try:
        _fill(site.db, 200000)
        a = admin_client(site)
        (worker,) = site.admin_workers()
        # Forget the sign-in's argon2id peak (64 MiB): measure from here.
        with open("/proc/%d/clear_refs" % worker, "w") as f:
            f.write("5")
        before = _vmhwm(worker)
        # The reset worked (else the 64 MiB peak would hide any growth).
        assert before < 40 * 1024, "VmHWM after reset: %d kB" % before
        for fmt in ["csv", "json"]:
            conn = __import__("http.client").client.HTTPConnection(
                "127.0.0.1", site.port, timeout=120)
            conn.request("GET", "/admin/export/endorsements.%s" % fmt,
                         headers={"Cookie": "; ".join(
                             "%s=%s" % kv for kv in a.cookies.items())})
            r = conn.getresponse()
            assert r.status == 200, r.status
            n, size, tail = 0, 0, b""
            while True:
                chunk = r.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                n += chunk.count(b"\n")
                tail = (tail + chunk)[-100:]
            conn.close()
            if fmt == "csv":
                assert n == 200001, n       # header + rows
            else:
                assert tail.endswith(b"}\n]\n"), tail
                assert n == 200002, n       # "[", rows, "]"
            assert size > 200000 * 100, size
        after = _vmhwm(worker)
        assert after - before < 10 * 1024, \
            "VmHWM grew by %d kB (%d -> %d)" % (after - before, before, after)
    finally:
        site.stop()


def test_endorsectl_backup_while_site_runs():
    site = start_site(workers=2)
    try:
        _fill(site.db, 20000)
        stop = threading.Event()
        made = []

        def writer():
            c = site.client()
            while not stop.is_set() and len(made) < 200:
                r = c.submit(valid_fields(full_name="During Backup"))
                made.append(r.status)
        t = threading.Thread(target=writer)
        t.start()
        time.sleep(0.3)
        with tempfile.TemporaryDirectory() as d:
            # endorsectl as root works as the database's owner: the
            # backup goes where that user may write.
            st = os.stat(site.db)
            os.chown(d, st.st_uid, st.st_gid)
            out = os.path.join(d, "backup.db")
            p = ctl("--db", site.db, "backup", out)
            stop.set()
            t.join(60)
            assert p.returncode == 0, p.stderr
            assert made and all(s == 303 for s in made), made[:5]
            b = sqlite3.connect("file:%s?mode=ro" % out, uri=True)
            assert b.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            n_backup = b.execute("SELECT count(*) FROM endorsements"
                                 ).fetchone()[0]
            ids = [r[0] for r in b.execute(
                "SELECT id FROM endorsements ORDER BY id")]
            b.close()
            live = [r[0] for r in site.query(
                "SELECT id FROM endorsements ORDER BY id")]
            # A consistent snapshot: a prefix of the live rows.
            assert n_backup >= 20000 and ids == live[:n_backup]
            # The site kept answering; refuse to overwrite.
            p = ctl("--db", site.db, "backup", out)
            assert p.returncode == 1 and b"exists" in p.stderr, p.stderr
            assert site.client().get("/healthz").status == 200
            # Restore: the copy opens as a site's database.
            restored = os.path.join(d, "state")
            os.mkdir(restored)
            os.rename(out, os.path.join(restored, "endorse.db"))
            site2 = start_site(workers=1, state=restored)
            try:
                assert site2.count() == n_backup
                expect(admin_login(site2.client(), "admin",
                                   "admin-password-for-tests"), 303)
            finally:
                site2.stop()
    finally:
        site.stop()


def test_endorsectl_user_add_and_passwd():
    site = shared()
    db = site.db

    def run(*args, pw=None):
        return subprocess.run([ENDORSECTL, "--db", db] + list(args),
                              input=pw, capture_output=True, text=True,
                              timeout=60)
    p = run("user", "add", "ctl-user", "--role", "moderator",
            pw="a good long password\n")
    assert p.returncode == 0, p.stderr
    assert site.query("SELECT role FROM admin_users WHERE name = "
                      "'ctl-user'") == [("moderator",)]
    expect(admin_login(site.client(), "ctl-user", "a good long password"),
           303)
    # Errors: one line on stderr, exit 1.
    for args, pw, word in [
            (("user", "add", "ctl-short"), "short\n", "short"),
            (("user", "add", "ctl-empty"), "\n", "empty"),
            (("user", "add", "ctl-user"), "another long password\n",
             "exists"),
            (("user", "add", "bad name"), "another long password\n",
             "user name"),
            (("user", "add", "x", "--role", "boss"), "long password here\n",
             "role"),
            (("user", "passwd", "nobody-at-all"), "long password here\n",
             "no such user")]:
        p = run(*args, pw=pw)
        assert p.returncode == 1, (args, p.returncode, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1, p.stderr
        assert word in p.stderr, (word, p.stderr)
    assert site.query("SELECT count(*) FROM admin_users WHERE name IN "
                      "('ctl-short', 'ctl-empty')")[0][0] == 0
    # The password never comes from argv.
    assert run("user", "add", "ctl-x", "--password", "abc").returncode == 2
    assert run("user").returncode == 2
    assert run("user", "passwd").returncode == 2
    # passwd: the new one works, the old one and old sessions do not.
    a = admin_client(site, "ctl-user", "a good long password")
    p = run("user", "passwd", "ctl-user", pw="the new long password\n")
    assert p.returncode == 0, p.stderr
    expect(a.get("/admin/"), 303)
    expect(admin_login(site.client(), "ctl-user", "a good long password"),
           422)
    expect(admin_login(site.client(), "ctl-user", "the new long password"),
           303)
    acts = site.query("SELECT action FROM audit_log WHERE target = "
                      "'ctl-user' AND actor LIKE 'endorsectl:%'")
    assert ("user_add",) in acts and ("user_passwd",) in acts, acts
