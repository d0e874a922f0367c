"""The XLSX exports (read back with openpyxl and compared cell by cell
with the JSON export), the exports' filters over HTTP and endorsectl,
wrong filter values, the file names, and the admin list's links."""
import datetime
import json
import os
import pty
import re
import sqlite3
import subprocess
import tempfile
import time

from harness import (ENDORSECTL, TOP, admin_client, expect, receipt_code,
                     shared, start_site, valid_fields)
import test_admin_export as tae

HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's python3-openpyxl lives in Debian's python3, whatever python3
# runs the tests.
READER_PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") \
    else "python3"

E_KEYS = tae.E_KEYS
C_KEYS = tae.C_KEYS
DATETIME_KEYS = {"created_at", "confirmed_at"}
DATE_KEYS = {"target_date"}

ODD = valid_fields(full_name="=1+2 Formula", role="other",
                   role_other="@deputy", locality="Liège «ñ» 東京",
                   region="_x0041_ literal", organisation='<b>&amp; "x"',
                   email="odd-xlsx@example.org")


def ctl(*args, **kw):
    return subprocess.run([ENDORSECTL] + list(args), capture_output=True,
                          timeout=300, **kw)


def read_xlsx(data):
    """What openpyxl reads in the XLSX bytes (see xlsx_read.py)."""
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
        f.write(data)
        f.flush()
        p = subprocess.run([READER_PY, os.path.join(HERE, "xlsx_read.py"),
                            f.name], capture_output=True, timeout=600)
    assert p.returncode == 0, p.stderr.decode()
    return json.loads(p.stdout)


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def expected_cell(key, v):
    """The cell a JSON value must become."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return ["b", v]
    if isinstance(v, int):
        return ["n", v]
    if key in DATETIME_KEYS:
        d = datetime.datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ")
        return ["d", d.isoformat() + "|yyyy-mm-dd hh:mm:ss"]
    if key in DATE_KEYS:
        d = datetime.datetime.strptime(v, "%Y-%m-%d")
        return ["d", d.isoformat() + "|yyyy-mm-dd"]
    return ["s", v]


def assert_same(book, data, keys, sheet):
    """Every cell of the workbook against the JSON export's objects."""
    assert book["sheets"] == [sheet], book["sheets"]
    assert book["formulas"] == 0
    rows = book["rows"]
    assert [c[1] for c in rows[0]] == keys
    assert all(c[0] == "s" for c in rows[0])
    assert len(rows) - 1 == len(data), (len(rows), len(data))
    for o, row in zip(data, rows[1:]):
        row = row + [None] * (len(keys) - len(row))
        for i, k in enumerate(keys):
            assert row[i] == expected_cell(k, o[k]), (o["id"], k, row[i],
                                                      o[k])
    # The header is frozen, the filter covers every column and row.
    assert book["freeze"] == "A2"
    assert book["autofilter"] == "A1:%s%d" % (col_letter(len(keys) - 1),
                                              len(data) + 1)
    for i in range(len(keys)):
        w = book["widths"].get(col_letter(i))
        assert w is not None and 6 <= w <= 61, (keys[i], w)


def test_xlsx_endorsements_every_cell_as_json():
    site = shared()
    receipt_code(site.client().submit(ODD))
    receipt_code(site.client().submit(tae.TRICKY))
    a = admin_client(site)
    r = expect(a.get("/admin/export/endorsements.xlsx"), 200)
    assert r.header("Content-Type") == ("application/vnd.openxmlformats-"
                                        "officedocument.spreadsheetml.sheet")
    assert r.header("Cache-Control") == "no-store"
    assert r.body[:4] == b"PK\x03\x04"
    data = json.loads(a.get("/admin/export/endorsements.json").body)
    book = read_xlsx(r.body)
    assert_same(book, data, E_KEYS, "endorsements")
    odd = [row for row in book["rows"]
           if ["s", "odd-xlsx@example.org"] in row][-1]
    # Text that looks like a formula is text, shown as typed.
    assert odd[4] == ["s", "=1+2 Formula"] and odd[6] == ["s", "@deputy"]
    assert odd[8] == ["s", "Liège «ñ» 東京"]
    assert odd[9] == ["s", "_x0041_ literal"]


def test_xlsx_commitments_every_cell_as_json():
    site = shared()
    code, ids = tae.add_commitments(site)
    a = admin_client(site)
    r = expect(a.get("/admin/export/commitments.xlsx"), 200)
    data = json.loads(a.get("/admin/export/commitments.json").body)
    book = read_xlsx(r.body)
    assert_same(book, data, C_KEYS, "commitments")
    by_id = {row[0][1]: row for row in book["rows"][1:]}
    first, second = by_id[ids[0]], by_id[ids[1]]
    assert first[7] == ["s", "=budget"]
    assert first[6] == ["s", "Line one\nline two"]
    assert first[9] == ["d", "2030-12-31T00:00:00|yyyy-mm-dd"]
    assert second[9] is None and second[12] == ["n", 1]


def _owned_by_db_owner(site, d):
    """endorsectl run as root works as the database's owner: its output
    goes into a folder that user may write."""
    st = os.stat(site.db)
    os.chown(d, st.st_uid, st.st_gid)


def test_endorsectl_xlsx_same_cells_as_http():
    site = shared()
    a = admin_client(site)
    with tempfile.TemporaryDirectory() as d:
        _owned_by_db_owner(site, d)
        for kind, keys in [("endorsements", E_KEYS),
                           ("commitments", C_KEYS)]:
            out = os.path.join(d, kind + ".xlsx")
            p = ctl("--db", site.db, "export", kind, "--format", "xlsx",
                    "--output", out)
            assert p.returncode == 0, p.stderr
            assert os.stat(out).st_mode & 0o777 == 0o600
            with open(out, "rb") as f:
                from_file = read_xlsx(f.read())
            http = read_xlsx(a.get("/admin/export/%s.xlsx" % kind).body)
            assert from_file["rows"] == http["rows"], kind
            data = json.loads(a.get("/admin/export/%s.json" % kind).body)
            assert_same(from_file, data, keys, kind)
            # Standard output that is not a terminal takes it too.
            p = ctl("--db", site.db, "export", kind, "--format", "xlsx")
            assert p.returncode == 0, p.stderr
            assert read_xlsx(p.stdout)["rows"] == http["rows"]
        # No temporary file stays beside the output.
        assert sorted(os.listdir(d)) == ["commitments.xlsx",
                                         "endorsements.xlsx"]


def test_endorsectl_xlsx_refuses_a_terminal():
    site = shared()
    master, slave = pty.openpty()
    try:
        p = subprocess.run([ENDORSECTL, "--db", site.db, "export",
                            "endorsements", "--format", "xlsx"],
                           stdout=slave, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(slave)
        os.close(master)
    assert p.returncode == 2, p.returncode
    assert b"--output" in p.stderr, p.stderr


def test_xlsx_header_translated_with_lang():
    site = shared()
    a = admin_client(site)
    book = read_xlsx(expect(a.get("/admin/export/endorsements.xlsx?"
                                  "lang=en"), 200).body)
    head = [c[1] for c in book["rows"][0]]
    assert head[:5] == ["Number", "Receipt", "Received (UTC)", "Status",
                        "Full name"], head
    assert len(head) == len(E_KEYS)
    r = expect(a.get("/admin/export/commitments.csv?lang=en"), 200)
    assert r.body.decode().split("\r\n")[0].startswith(
        "Number,Receipt,Endorsement receipt,Received (UTC),Thematic area")
    # JSON keys are never translated; without lang the header is the keys.
    data = json.loads(a.get("/admin/export/endorsements.json?lang=en").body)
    assert list(data[0].keys()) == E_KEYS
    assert a.get("/admin/export/endorsements.csv").body.decode().split(
        "\r\n")[0] == ",".join(E_KEYS)
    for lang in ["fr", "es", "ar"]:
        r = expect(a.get("/admin/export/endorsements.xlsx?lang=" + lang),
                   200)
        assert len(read_xlsx(r.body)["rows"][0]) == len(E_KEYS)


def _setup_filter_rows(site):
    """Endorsements in FR and DE, some verified, with dates by SQL."""
    made = {}
    for i, (country, status, day) in enumerate([
            ("FR", "verified", "2026-05-31T23:59:59Z"),
            ("FR", "verified", "2026-06-01T00:00:00Z"),
            ("FR", "pending", "2026-07-01T10:00:00Z"),
            ("DE", "verified", "2026-08-01T10:00:00Z")]):
        code = receipt_code(site.client().submit(valid_fields(
            full_name="Filter %s %d" % (country, i), country=country,
            email="filter%d@example.org" % i)))
        made[code] = (country, status, day)
    c = sqlite3.connect(site.db, timeout=10)
    with c:
        for code, (country, status, day) in made.items():
            c.execute("UPDATE endorsements SET status = ?, created_at = ? "
                      "WHERE receipt = ?", (status, day, code))
    c.close()
    return made


def test_export_filters_over_http():
    site = shared()
    _setup_filter_rows(site)
    a = admin_client(site)

    def want(where, args=()):
        return [i for (i,) in site.query(
            "SELECT id FROM endorsements e WHERE %s ORDER BY id" % where,
            args)]
    cases = [
        ("status=verified&country=FR&since=2026-06-01",
         "status = 'verified' AND country = 'FR' AND "
         "created_at >= '2026-06-01'"),
        ("country=DE", "country = 'DE'"),
        ("since=2026-07-01", "created_at >= '2026-07-01'"),
        ("status=pending", "status = 'pending'"),
        ("status=verified&since=2026-06-01&lang=en",
         "status = 'verified' AND created_at >= '2026-06-01'"),
    ]
    for q, where in cases:
        ids = want(where)
        assert ids, q
        data = json.loads(expect(a.get("/admin/export/endorsements.json?"
                                       + q), 200).body)
        assert [o["id"] for o in data] == ids, q
        csv_rows = a.get("/admin/export/endorsements.csv?" + q
                         ).body.decode().split("\r\n")[1:-1]
        assert len(csv_rows) == len(ids), q
        book = read_xlsx(a.get("/admin/export/endorsements.xlsx?" + q).body)
        assert [row[0][1] for row in book["rows"][1:]] == ids, q
    # Commitments: status is the report's latest status; an endorsement
    # status keeps the reports of such endorsements.
    code, ids = tae.add_commitments(site)
    data = json.loads(expect(a.get("/admin/export/commitments.json?"
                                   "status=achieved"), 200).body)
    assert data and all(o["status"] == "achieved" for o in data)
    assert ids[1] in [o["id"] for o in data]
    assert ids[0] not in [o["id"] for o in data]
    n_pending = site.query(
        "SELECT count(*) FROM commitments c JOIN endorsements e ON "
        "e.id = c.endorsement_id WHERE e.status = 'pending'")[0][0]
    data = json.loads(a.get("/admin/export/commitments.json?"
                            "status=pending").body)
    assert len(data) == n_pending and n_pending >= 2
    data = json.loads(a.get("/admin/export/commitments.json?country=BE"
                            "&since=2000-01-01&status=planned").body)
    assert ids[0] in [o["id"] for o in data]


def test_export_bad_filter_values_are_400():
    site = shared()
    a = admin_client(site)
    for kind in ["endorsements", "commitments"]:
        for fmt in ["csv", "json", "xlsx"]:
            for q, word in [("status=bogus", "status"),
                            ("status=VERIFIED", "status"),
                            ("country=QQ", "country"),
                            ("country=fr", "country"),
                            ("since=2026-13-01", "since"),
                            ("since=2026-02-30", "since"),
                            ("since=yesterday", "since"),
                            ("since=2026-6-1", "since"),
                            ("lang=de", "lang"),
                            ("lang=EN", "lang"),
                            ("country=FR&country=DE", "repeated"),
                            ("status=verified&status=pending", "repeated"),
                            ("since=%00", ""),
                            ("country=FR%00", ""),
                            ("lang=%00en", ""),
                            ("q=%00", ""),
                            ("from=2026-01-01&from=2026-02-01", "")]:
                path = "/admin/export/%s.%s?%s" % (kind, fmt, q)
                r = expect(a.get(path), 400, path)
                assert r.header("Content-Disposition") is None, path
                assert r.header("Content-Type").startswith("text/html")
                # The message names the value that is wrong (a repeated
                # or NUL-holding one is the router's plain 400).
                if word not in ("", "repeated"):
                    assert word + " must be" in r.text, (path, word)


def test_export_file_name_says_what_it_holds():
    site = shared()
    a = admin_client(site)
    day = time.strftime("%Y-%m-%d", time.gmtime())
    r = expect(a.get("/admin/export/endorsements.xlsx?status=verified&"
                     "country=FR"), 200)
    assert r.header("Content-Disposition") == \
        'attachment; filename="endorsements-verified-FR-%s.xlsx"' % day
    r = a.get("/admin/export/commitments.csv?status=achieved&country=BE&"
              "since=2026-06-01&lang=fr")
    assert r.header("Content-Disposition") == (
        'attachment; filename="commitments-achieved-BE-since-2026-06-01-'
        '%s.csv"' % day)
    r = expect(a.get("/admin/export/endorsements.json?q=%22%3B+x%3D%5C%2F"
                     "y"), 200)
    disp = r.header("Content-Disposition")
    assert re.fullmatch(r'attachment; filename="[A-Za-z0-9._-]+"', disp), \
        disp
    assert disp == 'attachment; filename="endorsements-search-%s.json"' % day


def test_endorsectl_export_filters_as_http():
    site = shared()
    a = admin_client(site)
    for kind in ["endorsements", "commitments"]:
        for fmt in ["csv", "json"]:
            for opts, q in [
                    (["--status", "verified", "--country", "FR",
                      "--since", "2026-06-01"],
                     "status=verified&country=FR&since=2026-06-01"),
                    (["--since", "2026-07-01", "--lang", "en"],
                     "since=2026-07-01&lang=en")]:
                p = ctl("--db", site.db, "export", kind, "--format", fmt,
                        *opts)
                assert p.returncode == 0, p.stderr
                http = a.get("/admin/export/%s.%s?%s" % (kind, fmt, q))
                assert p.stdout == expect(http, 200).body, (kind, fmt, q)
    # --output writes the file; a failed export leaves it as it was.
    with tempfile.TemporaryDirectory() as d:
        _owned_by_db_owner(site, d)
        out = os.path.join(d, "e.csv")
        with open(out, "w") as f:
            f.write("before")
        st = os.stat(site.db)
        os.chown(out, st.st_uid, st.st_gid)
        p = ctl("--db", site.db, "export", "endorsements", "--format", "csv",
                "--country", "FR", "--output", out)
        assert p.returncode == 0 and p.stdout == b"", p.stderr
        with open(out, "rb") as f:
            assert f.read() == a.get("/admin/export/endorsements.csv?"
                                     "country=FR").body
        p = ctl("--db", os.path.join(d, "missing", "x.db"), "export",
                "endorsements", "--format", "csv", "--output", out)
        assert p.returncode == 1
        assert os.listdir(d) == ["e.csv"]


def test_endorsectl_bad_filter_values_exit_2():
    site = shared()
    for args, word in [
            (["--status", "bogus"], "status"),
            (["--country", "QQ"], "country"),
            (["--since", "2026-02-30"], "since"),
            (["--since", "June"], "since"),
            (["--lang", "de"], "lang"),
            (["--country", ""], "empty")]:
        for kind in ["endorsements", "commitments"]:
            p = ctl("--db", site.db, "export", kind, "--format", "csv",
                    *args)
            assert p.returncode == 2, (args, p.returncode)
            assert p.stdout == b"", args
            assert word in p.stderr.decode(), (args, p.stderr)
            assert len(p.stderr.decode().strip().splitlines()) == 1


def test_admin_list_export_links_carry_filters():
    site = shared()
    _setup_filter_rows(site)
    a = admin_client(site)
    page = expect(a.get("/admin/endorsements?status=verified&country=FR&"
                        "from=2026-06-01"), 200).text
    links = [h.replace("&amp;", "&") for h in
             re.findall(r'href="(/admin/export/[^"]+)"', page)]
    for kind in ["endorsements", "commitments"]:
        for fmt in ["csv", "json"]:
            assert "/admin/export/%s.%s?status=verified&country=FR&" \
                "from=2026-06-01" % (kind, fmt) in links, links
        assert "/admin/export/%s.xlsx?status=verified&country=FR&" \
            "from=2026-06-01&lang=en" % kind in links, links
    want = [i for (i,) in site.query(
        "SELECT id FROM endorsements WHERE status = 'verified' AND country "
        "= 'FR' AND created_at >= '2026-06-01' ORDER BY id")]
    assert want
    link = [h for h in links if h.startswith("/admin/export/endorsements."
                                             "xlsx")][0]
    r = expect(a.get(link), 200)
    book = read_xlsx(r.body)
    assert [row[0][1] for row in book["rows"][1:]] == want
    assert book["rows"][0][0] == ["s", "Number"]
    assert "endorsements-verified-FR-from-2026-06-01-" in \
        r.header("Content-Disposition")
    # No temporary file is left in the state directory.
    assert not [n for n in os.listdir(site.state)
                if n.startswith("endorse-export-")]


def _sanitized(pid):
    """True if the process runs the AddressSanitizer build."""
    with open("/proc/%d/maps" % pid) as f:
        return "libasan" in f.read()


def test_admin_export_xlsx_200000_rows_memory_flat():
    site = start_site(workers=1)
    try:
        tae._fill(site.db, 200000)
        a = admin_client(site)
        (worker,) = site.admin_workers()
        with open("/proc/%d/clear_refs" % worker, "w") as f:
            f.write("5")
        before = tae._vmhwm(worker)
        assert before < 40 * 1024, "VmHWM after reset: %d kB" % before
        r = expect(a.get("/admin/export/endorsements.xlsx", timeout=300),
                   200)
        after = tae._vmhwm(worker)
        # AddressSanitizer keeps freed memory in quarantine: the bound is
        # the plain build's, which the main run of this suite checks.
        if not _sanitized(worker):
            assert after - before < 10 * 1024, "VmHWM grew by %d kB " \
                "(%d -> %d)" % (after - before, before, after)
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
            f.write(r.body)
            f.flush()
            p = subprocess.run(
                [READER_PY, "-c", "import openpyxl, sys; "
                 "ws = openpyxl.load_workbook(sys.argv[1], read_only=True)"
                 ".worksheets[0]; print(ws.max_row)", f.name],
                capture_output=True, timeout=600)
        assert p.returncode == 0, p.stderr
        assert int(p.stdout) == 200001
        assert not [n for n in os.listdir(site.state)
                    if n.startswith("endorse-export-")]
    finally:
        site.stop()


def test_xlsx_temp_file_of_a_dead_worker_is_removed():
    site = start_site(workers=1)
    try:
        site.settle()
        (worker,) = site.admin_workers()
        alive = os.path.join(site.state, "endorse-export-%d-keep01" %
                             site.admin_pid())
        # A pid past the kernel's pid_max: no process has it.
        with open("/proc/sys/kernel/pid_max") as f:
            dead_pid = int(f.read()) + 1
        dead = os.path.join(site.state, "endorse-export-%d-gone01" %
                            dead_pid)
        other = os.path.join(site.state, "endorse-export-notapid")
        for p in (alive, dead, other):
            with open(p, "w") as f:
                f.write("emails")
        os.kill(worker, 9)
        deadline = time.time() + 10
        while time.time() < deadline and (
                not site.admin_workers() or site.admin_workers() == [worker]
                or os.path.exists(dead)):
            time.sleep(0.05)
        assert not os.path.exists(dead)
        assert os.path.exists(alive) and os.path.exists(other)
    finally:
        site.stop()
