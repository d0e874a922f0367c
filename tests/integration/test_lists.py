"""The public lists /signatories and /commitments: who is on
them, filters, counts, pages of at most 50 rows, and that they are
answered from indexes with 100,000 endorsements and 300,000 reports."""
import os
import re
import sqlite3
import subprocess
import tempfile
import time

import harness
from harness import start_site, expect, strip_tags, ENDORSECTL, Site
from commit_helpers import endorse, add_report, post_update, set_status

TOP = harness.TOP
PAGE = 50


def entries(html, which):
    """The entries (<li>) of the list with id which, as plain texts."""
    m = re.search(r'<ol class="entries" id="%s">(.*?)</ol>' % which, html,
                  re.S)
    if not m:
        return []
    return [strip_tags(li).strip() for li in
            re.findall(r"<li>(.*?)</li>", m.group(1), re.S)]


def older_link(html):
    m = re.search(r'<a rel="next" href="([^"]+)"', html)
    return m.group(1).replace("&amp;", "&") if m else None


def fill(db, n_endorsements, n_reports, n_updates, verified_every=1):
    """Rows through SQL, fast: endorsement i is in country i mod 249,
    verified unless i mod verified_every != 0... (every one by default),
    listed unless i mod 5 == 4; report j is under endorsement
    j mod n_endorsements + 1, area j mod 8, status j mod 4."""
    c = sqlite3.connect(db, timeout=30)
    c.executescript("PRAGMA synchronous = OFF;")
    with c:
        c.execute("CREATE TEMP TABLE cc AS SELECT row_number() OVER "
                  "(ORDER BY code) - 1 AS k, code FROM countries")
        c.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                WHERE i < ?)
            INSERT INTO receipts (code, kind)
            SELECT printf('E%023d', i), 'endorsement' FROM n""",
                  (n_endorsements,))
        c.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                WHERE i < ?)
            INSERT INTO endorsements (declaration_id, receipt, form_token,
                fields_hash, status, full_name, role, government_level,
                locality, country, email, listed, consent)
            SELECT 1, printf('E%023d', i), printf('%036d', i),
                zeroblob(32),
                CASE WHEN i % ? = 0 THEN 'verified' ELSE 'pending' END,
                'Mayor ' || i, 'mayor', 'local', 'Town ' || i,
                (SELECT code FROM cc WHERE k = i % 249),
                'm' || i || '@example.org', i % 5 <> 4, 1 FROM n""",
                  (n_endorsements, verified_every))
        c.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                WHERE i < ?)
            INSERT INTO receipts (code, kind)
            SELECT printf('C%023d', i), 'commitment' FROM n""", (n_reports,))
        c.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                WHERE i < ?)
            INSERT INTO commitments (endorsement_id, receipt, form_token,
                fields_hash, area, title, description, status)
            SELECT i % ? + 1, printf('C%023d', i), printf('C%035d', i),
                zeroblob(32),
                json_extract('["inclusion","services","work",
                    "safety_justice","local_data","coordination",
                    "origin_transit_return","other"]', '$[' || (i % 8) || ']'),
                'Report ' || i, 'Text of report ' || i,
                json_extract('["planned","in_progress","achieved",
                    "dropped"]', '$[' || (i % 4) || ']') FROM n""",
                  (n_reports, n_endorsements))
        c.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                WHERE i < ?)
            INSERT INTO commitment_updates (commitment_id, form_token,
                fields_hash, status, narrative)
            SELECT i * 3 % ? + 1, printf('U%035d', i), zeroblob(32),
                'achieved', 'Update ' || i FROM n""", (n_updates, n_reports))
    c.close()


def db_statements(prefixes):
    """The SQL of db.c's stmt_sql entries whose names start with one of
    prefixes: the statements the program runs, as it runs them."""
    with open(os.path.join(TOP, "src", "db.c")) as f:
        src = f.read()
    block = src[src.index("stmt_sql[STMT__MAX] = {"):]
    block = block[:block.index("\n};")]
    out, name, parts = {}, None, []
    for line in block.split("\n"):
        m = re.match(r"\s*/\* (STMT_[A-Z_]+)", line)
        if m:
            name, parts = m.group(1), []
            continue
        s = line.strip()
        if name and s.startswith('"'):
            parts.append(re.match(r'"(.*)",?$', s).group(1)
                         .replace('\\"', '"'))
            if s.endswith('",'):
                if name.startswith(prefixes):
                    out[name] = "".join(parts)
                name = None
    return out


# -- who is listed, filters, counts, pages ---------------------------------

_site = None


def _lists_site():
    """A private site, so that the lists hold only what these tests put."""
    global _site
    if _site is None:
        _site = start_site(workers=2)
    return _site


def test_only_verified_listed_not_withdrawn_signatories():
    site = _lists_site()
    c = site.client()
    a = endorse(c, full_name="Listed Verified Aa", country="BE")
    b = endorse(c, full_name="Unlisted Verified Bb", listed=None)
    p = endorse(c, full_name="Pending Listed Pp")
    w = endorse(c, full_name="Withdrawn Ww")
    x = endorse(c, full_name="Rejected Xx")
    for code in (a, b, w):
        set_status(site, code, "verified")
    set_status(site, x, "rejected")
    set_status(site, w, "withdrawn")
    html = expect(c.get("/signatories"), 200).text
    names = " ".join(entries(html, "signatory-list"))
    assert "Listed Verified Aa" in names
    for n in ("Unlisted Verified Bb", "Pending Listed Pp", "Withdrawn Ww",
              "Rejected Xx"):
        assert n not in names, n + " is on the list"
    row = [e for e in entries(html, "signatory-list") if "Aa" in e][0]
    assert "Mayor" in row and "Mechelen" in row and "Belgium" in row
    # The day in words, the English way ("Endorsed 4 December 2026").
    assert re.search(r"Endorsed \d{1,2} [A-Z][a-z]+ \d{4}", row), row
    assert "mayor@mechelen.be" not in html, "an email address is shown"
    del p


def test_signatory_filters_and_continent_counts():
    site = _lists_site()
    c = site.client()
    for name, cc in (("Filter Japan Jj", "JP"), ("Filter Ghana Gg", "GH"),
                     ("Filter Brazil Br", "BR")):
        set_status(site, endorse(c, full_name=name, country=cc),
                   "verified")
    t = lambda q: " ".join(entries(expect(c.get("/signatories" + q),
                                          200).text, "signatory-list"))
    assert "Filter Japan Jj" in t("?continent=asia")
    assert "Filter Ghana Gg" not in t("?continent=asia")
    assert "Filter Ghana Gg" in t("?country=GH")
    assert "Filter Japan Jj" not in t("?country=GH")
    assert "Filter Brazil Br" in t("?continent=americas&country=BR")
    assert t("?continent=europe&country=BR") == ""
    assert "Filter Brazil Br" in t("?country=&continent=")   # empty: any
    html = expect(c.get("/signatories"), 200).text
    want = dict(site.query("SELECT continent, count(*) FROM signatory_list "
                           "GROUP BY continent"))
    for cont, label in (("asia", "Asia"), ("africa", "Africa"),
                        ("americas", "Americas")):
        assert re.search(r'href="/signatories\?continent=%s">%s</a>: %d<'
                         % (cont, label, want[cont]), html), (cont, want)
    # The filter form works without scripts: a GET form.
    assert re.search(r'<form class="filters" method="get" '
                     r'action="/signatories"', html)


def test_commitment_list_filters_status_and_area_counts():
    site = _lists_site()
    c = site.client()
    code = endorse(c, full_name="Reporter Kk", country="KE")
    r1 = add_report(c, code, title="Kenya work report", area="work",
                    status="planned")
    add_report(c, code, title="Kenya data report", area="local_data",
               status="in_progress")
    hidden = endorse(c, full_name="Hidden Reporter")
    add_report(c, hidden, title="Pending signer report")
    assert "Kenya work report" not in expect(c.get("/commitments"),
                                             200).text
    set_status(site, code, "verified")
    t = lambda q: " | ".join(entries(expect(c.get("/commitments" + q),
                                            200).text, "commitment-list"))
    all_ = t("")
    assert "Kenya work report" in all_ and "Kenya data report" in all_
    assert "Pending signer report" not in all_
    assert "Kenya data report" not in t("?area=work")
    assert "Kenya work report" in t("?area=work&continent=africa")
    assert "Kenya work report" not in t("?area=work&continent=asia")
    assert "Kenya work report" in t("?status=planned&country=KE")
    # The status filter follows the latest update.
    assert post_update(c, r1, "achieved", "Done").status == 303
    assert "Kenya work report" not in t("?status=planned")
    assert "Kenya work report" in t("?status=achieved&area=work")
    row = [e for e in t("?country=KE").split(" | ") if "work report" in e][0]
    assert "Achieved" in row and "Reporter Kk" in row and "Kenya" in row
    html = expect(c.get("/commitments"), 200).text
    n_work = site.query("SELECT count(*) FROM commitment_list WHERE "
                        "area = 'work'")[0][0]
    assert re.search(r'href="/commitments\?area=work">Work and economic '
                     r'inclusion</a>: %d<' % n_work, html)
    # Receipt codes are secrets: the public list links to none.
    assert "/receipt/" not in html


def test_invalid_filters_400():
    c = _lists_site().client()
    for q in ("/signatories?country=XX", "/signatories?continent=mars",
              "/signatories?before=abc", "/signatories?before=-5",
              "/signatories?before=0", "/signatories?area=work",
              "/signatories?country=BE&country=FR",
              "/commitments?area=sports", "/commitments?status=done",
              "/commitments?country=be", "/commitments?before=1e3",
              "/commitments?title=%zz"):
        expect(c.get(q), 400, q)


def test_pages_of_50_newest_first_keyset():
    site = _lists_site()
    c = site.client()
    # 120 more verified, listed signatories in Oceania, through SQL.
    db = sqlite3.connect(site.db, timeout=30)
    with db:
        base = db.execute("SELECT coalesce(max(id), 0) FROM "
                          "endorsements").fetchone()[0]
        for i in range(1, 121):
            code = "P%023d" % (base + i)
            db.execute("INSERT INTO receipts (code, kind) VALUES "
                       "(?, 'endorsement')", (code,))
            db.execute("INSERT INTO endorsements (declaration_id, receipt, "
                       "form_token, fields_hash, status, full_name, role, "
                       "government_level, locality, country, email, listed, "
                       "consent) VALUES (1, ?, ?, zeroblob(32), 'verified', "
                       "?, 'mayor', 'local', 'Suva', 'FJ', 'f@x.fj', 1, 1)",
                       (code, "%036d" % (base + i), "Pager %03d" % i))
    db.close()
    seen = []
    path = "/signatories?continent=oceania"
    for _ in range(5):
        html = expect(c.get(path), 200).text
        got = [e.split(" Mayor")[0] for e in entries(html, "signatory-list")]
        assert len(got) <= PAGE
        seen += got
        path = older_link(html)
        if path is None:
            break
        assert "continent=oceania" in path, "the filter is lost: " + path
    assert len(seen) == 120 and len(set(seen)) == 120, len(seen)
    assert seen[0] == "Pager 120" and seen[-1] == "Pager 001", seen[:2]
    assert seen == sorted(seen, reverse=True), "not newest first"
    first = expect(c.get("/signatories?continent=oceania"), 200).text
    assert len(entries(first, "signatory-list")) == PAGE
    assert "Back to the newest" not in first
    second = expect(c.get(older_link(first)), 200).text
    assert "Back to the newest" in second


def test_lists_in_navigation():
    c = _lists_site().client()
    html = expect(c.get("/"), 200).text
    nav = re.search(r"<nav.*?</nav>", html, re.S).group(0)
    assert 'href="/signatories"' in nav and 'href="/commitments"' in nav
    html = expect(c.get("/commitments"), 200).text
    assert 'href="/commitments" aria-current="page"' in html


def test_post_list_405():
    c = _lists_site().client()
    for p in ("/signatories", "/commitments"):
        r = expect(c.post(p, "a=b"), 405)
        assert "GET" in r.header("Allow")


# -- the big database -------------------------------------------------------

BIG_E, BIG_R, BIG_U = 100000, 300000, 100000
LIST_STMTS = ("STMT_LIST_", "STMT_COMMITMENTS_OF", "STMT_UPDATES_OF",
              "STMT_COMMITMENT_GET", "STMT_RECEIPT_KIND")
BIG_TABLES = ("endorsements", "commitments", "commitment_updates",
              "signatory_list", "commitment_list")


def query_plans(db):
    """EXPLAIN QUERY PLAN of each statement: {name: (sql, [detail...])}."""
    c = sqlite3.connect(db)
    plans = {}
    try:
        for name, sql in sorted(db_statements(LIST_STMTS).items()):
            nparams = max([int(x) for x in re.findall(r"\?(\d+)", sql)]
                          or [sql.count("?")])
            rows = c.execute("EXPLAIN QUERY PLAN " + sql,
                             [1] * nparams).fetchall()
            plans[name] = (sql, [r[3] for r in rows])
    finally:
        c.close()
    return plans


def test_big_database_lists_use_indexes_and_pages_of_50():
    start = time.time()
    tmp = tempfile.TemporaryDirectory(prefix="endorse-big-")
    try:
        db = os.path.join(tmp.name, "endorse.db")
        p = subprocess.run([ENDORSECTL, "--db", db, "init"],
                           capture_output=True, timeout=60)
        assert p.returncode == 0, p.stderr
        fill(db, BIG_E, BIG_R, BIG_U, verified_every=1)
        filled = time.time() - start
        counts = sqlite3.connect(db).execute(
            "SELECT (SELECT count(*) FROM endorsements), (SELECT count(*) "
            "FROM commitments), (SELECT count(*) FROM signatory_list), "
            "(SELECT count(*) FROM commitment_list)").fetchone()
        assert counts[:2] == (BIG_E, BIG_R), counts
        assert counts[2] == BIG_E * 4 // 5 and counts[3] == BIG_R * 4 // 5, \
            counts

        plans = query_plans(db)
        assert len([n for n in plans if n.startswith("STMT_LIST_")]) == 9, \
            sorted(plans)
        for name, (sql, details) in plans.items():
            for d in details:
                assert not d.startswith("SCAN"), \
                    "%s: full scan: %s\n%s" % (name, d, "\n".join(details))
                assert "TEMP B-TREE" not in d, \
                    "%s sorts: %s" % (name, d)
        # What the plans say, for doc/QUERY-PLANS.md.
        with open(os.path.join(tmp.name, "plans.txt"), "w") as f:
            for name, (sql, details) in sorted(plans.items()):
                f.write("%s\n%s\n  %s\n\n" % (name, sql,
                                              "\n  ".join(details)))
        if os.environ.get("ENDORSE_PLANS_OUT"):
            with open(os.environ["ENDORSE_PLANS_OUT"], "w") as f, \
                    open(os.path.join(tmp.name, "plans.txt")) as g:
                f.write(g.read())

        site = Site(workers=2, state=tmp.name)
        harness._private.append(site)
        try:
            c = site.client()
            slow = []
            for path, which in (
                    ("/signatories", "signatory-list"),
                    ("/signatories?continent=europe", "signatory-list"),
                    ("/signatories?country=BE", "signatory-list"),
                    ("/signatories?before=25", "signatory-list"),
                    ("/commitments", "commitment-list"),
                    ("/commitments?area=work&status=achieved",
                     "commitment-list"),
                    ("/commitments?continent=asia&area=other",
                     "commitment-list"),
                    ("/commitments?country=FR&status=planned",
                     "commitment-list"),
                    ("/commitments?status=dropped&before=1000",
                     "commitment-list")):
                t0 = time.time()
                html = expect(c.get(path), 200, path).text
                dt = time.time() - t0
                rows = entries(html, which)
                assert 0 < len(rows) <= PAGE, (path, len(rows))
                if "before=25" not in path:
                    assert len(rows) == PAGE, (path, len(rows))
                if dt > 1.0:
                    slow.append("%s %.2f s" % (path, dt))
            assert not slow, "slow pages: %s" % slow
            html = expect(c.get("/signatories"), 200).text
            assert "All: {:,}".format(BIG_E * 4 // 5) in html
        finally:
            site.stop()
    finally:
        tmp.cleanup()
    assert time.time() - start < 90, "took %.0f s (fill %.0f s)" % (
        time.time() - start, filled)


def test_schema_countries_match_country_c():
    """The continents the lists filter by in SQL are src/country.c's."""
    with open(os.path.join(TOP, "src", "country.c")) as f:
        want = {code: cont.lower() for code, cont in re.findall(
            r'\{ "([A-Z]{2})", "(?:[^"\\]|\\.)*", CONT_([A-Z]+)'
            r'(?:, (?:NULL|"(?:[^"\\]|\\.)*"))? \}',
            f.read())}
    assert len(want) == 249
    got = dict(_lists_site().query("SELECT code, continent FROM countries"))
    assert got == want, sorted(set(got.items()) ^ set(want.items()))[:5]


def test_a_signatory_of_another_role_is_listed_with_the_role_given():
    """Role "other": the list shows the role the signer wrote, isolated
    as text of its own (bdi), not a role from the form's choices."""
    site = _lists_site()
    c = site.client()
    code = endorse(c, full_name="Other Role Oo", role="other",
                   role_other="Harbour master <Antwerp>")
    set_status(site, code, "verified")
    html = expect(c.get("/signatories"), 200).text
    row = [e for e in entries(html, "signatory-list") if "Oo" in e]
    assert row and row[0].startswith("Other Role Oo"), row
    assert "Harbour master <Antwerp>" in row[0], row
    assert "<bdi>Harbour master &lt;Antwerp&gt;</bdi>" in html


def test_nothing_older_says_nothing_matches_not_that_the_list_is_empty():
    """A page past the oldest entry: "nothing matches", since the list
    itself is not empty."""
    site = _lists_site()
    c = site.client()
    set_status(site, endorse(c, full_name="Oldest Check Ol"), "verified")
    html = expect(c.get("/signatories?before=1"), 200).text
    assert entries(html, "signatory-list") == []
    assert "Nothing matches these filters." in html
    assert "The list is empty for now." not in html
