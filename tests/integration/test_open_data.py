"""Open data: /signatories.csv|.json and /commitments.csv|.json hold
exactly what the public lists show, with their filters, never an email,
a receipt code, a token or an internal id; cacheable for a minute; linked
from the lists with the licence the organisers set."""
import csv
import gzip
import io
import json
import os
import re
import sqlite3

from harness import (admin_client, expect, receipt_code, shared, start_site,
                     valid_fields)
from commit_helpers import add_report, endorse, post_update, set_status

S_KEYS = ["full_name", "role", "organisation", "locality", "region",
          "country", "endorsed_on"]
C_KEYS = S_KEYS + ["area", "title", "description", "means", "indicators",
                   "target_date", "status", "sdg", "updates", "created_at"]


def _people(site):
    """Signers in three countries: listed or not, verified or not."""
    c = site.client()
    made = {}
    for name, country, status, listed in [
            ("Open Verified FR", "FR", "verified", 1),
            ("Open Hidden FR", "FR", "verified", 0),
            ("Open Pending FR", "FR", "pending", 1),
            ("Open Verified JP", "JP", "verified", 1),
            ("Open Rejected DE", "DE", "rejected", 1),
            ("=Open Formula BR", "BR", "verified", 1)]:
        code = endorse(c, full_name=name, country=country,
                       email="%s@example.org" % name.strip("=").replace(
                           " ", ".").lower(), organisation="Org " + name,
                       region="Region " + country)
        made[name] = code
    for name, country, status, listed in [
            ("Open Verified FR", "FR", "verified", 1),
            ("Open Hidden FR", "FR", "verified", 0),
            ("Open Pending FR", "FR", "pending", 1),
            ("Open Verified JP", "JP", "verified", 1),
            ("Open Rejected DE", "DE", "rejected", 1),
            ("=Open Formula BR", "BR", "verified", 1)]:
        set_status(site, made[name], status, listed=listed)
    return made


def _public_rows(site, where="1"):
    return site.query(
        "SELECT e.full_name, e.role, e.organisation, e.locality, e.region, "
        "e.country, substr(e.created_at, 1, 10) FROM endorsements e WHERE "
        "e.status = 'verified' AND e.listed = 1 AND (%s) ORDER BY e.id"
        % where)


def test_open_data_signatories_exactly_the_public_ones():
    site = shared()
    _people(site)
    c = site.client()
    r = expect(c.get("/signatories.json"), 200)
    assert r.header("Content-Type") == "application/json; charset=utf-8"
    assert r.header("Cache-Control") == "public, max-age=60"
    data = json.loads(r.body)
    assert all(list(o.keys()) == S_KEYS for o in data)
    want = [list(x) for x in _public_rows(site)]
    assert [[o[k] for k in S_KEYS] for o in data] == want
    names = [o["full_name"] for o in data]
    assert "Open Verified FR" in names and "=Open Formula BR" in names
    for gone in ["Open Hidden FR", "Open Pending FR", "Open Rejected DE"]:
        assert gone not in names
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", o["endorsed_on"])
               for o in data)
    r = expect(c.get("/signatories.csv"), 200)
    assert r.header("Content-Type").startswith("text/csv; charset=utf-8")
    assert r.header("Cache-Control") == "public, max-age=60"
    rows = list(csv.reader(io.StringIO(r.body.decode(), newline="")))
    assert rows[0] == S_KEYS
    assert len(rows) - 1 == len(want)
    # Formula-safe as the admin CSV.
    assert ["'=Open Formula BR" == x[0] for x in rows].count(True) >= 1


def test_open_data_filters_as_the_pages():
    site = shared()
    _people(site)
    c = site.client()
    data = json.loads(expect(c.get("/signatories.json?country=FR"),
                             200).body)
    assert [o["full_name"] for o in data] == \
        [x[0] for x in _public_rows(site, "e.country = 'FR'")]
    assert data and {o["country"] for o in data} == {"FR"}
    data = json.loads(c.get("/signatories.json?continent=asia").body)
    assert "Open Verified JP" in [o["full_name"] for o in data]
    assert "Open Verified FR" not in [o["full_name"] for o in data]
    # A country outside its continent: nothing, as the page shows.
    assert json.loads(c.get("/signatories.json?country=FR&"
                            "continent=asia").body) == []
    # The page's "before" is a page of the list: the data is whole.
    assert json.loads(c.get("/signatories.json?before=1").body) == \
        json.loads(c.get("/signatories.json").body)
    for path in ["/signatories.json?country=QQ",
                 "/signatories.csv?continent=atlantis",
                 "/signatories.json?area=inclusion",
                 "/commitments.json?status=verified",
                 "/commitments.csv?area=nowhere",
                 "/signatories.json?country=FR&country=JP",
                 "/commitments.json?country=F%00R"]:
        r = expect(c.get(path), 400, path)
        assert r.header("Cache-Control") != "public, max-age=60"
    expect(c.get("/signatories.xml"), 404)
    expect(c.get("/signatories.xlsx"), 404)
    r = c.request("POST", "/signatories.json", body="")
    assert r.status == 405 and "GET" in r.header("Allow")


def test_open_data_commitments():
    site = shared()
    made = _people(site)
    c = site.client()
    fr = made["Open Verified FR"]
    rcode = add_report(c, fr, title="=Open report", area="local_data",
                       status="planned", target_date="2031-01-31")
    expect(post_update(c, rcode, status="achieved", narrative="Done."), 303)
    add_report(c, made["Open Pending FR"], title="Hidden report")
    r = expect(c.get("/commitments.json"), 200)
    assert r.header("Cache-Control") == "public, max-age=60"
    data = json.loads(r.body)
    assert all(list(o.keys()) == C_KEYS for o in data)
    mine = [o for o in data if o["title"] == "=Open report"]
    assert len(mine) == 1
    o = mine[0]
    assert o["full_name"] == "Open Verified FR" and o["country"] == "FR"
    assert o["status"] == "achieved" and o["updates"] == 1
    assert o["area"] == "local_data" and o["target_date"] == "2031-01-31"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", o["created_at"])
    assert "Hidden report" not in [x["title"] for x in data]
    n = site.query("SELECT count(*) FROM commitment_list")[0][0]
    assert len(data) == n
    for q, ok in [("area=local_data", lambda x: x["area"] == "local_data"),
                  ("status=achieved", lambda x: x["status"] == "achieved"),
                  ("country=FR", lambda x: x["country"] == "FR"),
                  ("continent=europe&area=local_data",
                   lambda x: x["area"] == "local_data")]:
        sub = json.loads(expect(c.get("/commitments.json?" + q), 200).body)
        assert sub and all(ok(x) for x in sub), q
        assert "=Open report" in [x["title"] for x in sub], q
    rows = list(csv.reader(io.StringIO(
        c.get("/commitments.csv").body.decode(), newline="")))
    assert rows[0] == C_KEYS and len(rows) - 1 == n
    assert ["'=Open report" == x[8] for x in rows].count(True) == 1


def test_open_data_holds_no_email_code_token_or_id():
    site = shared()
    _people(site)
    c = site.client()
    a = admin_client(site)
    es = json.loads(a.get("/admin/export/endorsements.json").body)
    cs = json.loads(a.get("/admin/export/commitments.json").body)
    secrets = set()
    for o in es:
        secrets.add(o["email"])
        secrets.add(o["receipt"])
    for o in cs:
        secrets.add(o["receipt"])
        secrets.add(o["endorsement_receipt"])
    for (t,) in site.query("SELECT form_token FROM endorsements UNION ALL "
                           "SELECT form_token FROM commitments"):
        secrets.add(t)
    assert len(secrets) > 10
    lowered = {s.lower() for s in secrets}
    for path in ["/signatories.csv", "/signatories.json",
                 "/commitments.csv", "/commitments.json"]:
        body = expect(c.get(path), 200).body.decode()
        low = body.lower()
        found = [s for s in lowered if s in low]
        assert not found, (path, found[:3])
        assert not re.search(r"[\w.+-]+@[\w-]+\.\w", body), path
        if path.endswith(".json"):
            for o in json.loads(body):
                assert not set(o) & {"id", "email", "receipt", "token",
                                     "form_token", "endorsement_receipt"}


def test_open_data_linked_from_the_lists_with_the_licence():
    site = shared()
    c = site.client()
    for path in ["/signatories", "/commitments"]:
        page = expect(c.get(path), 200).text
        m = re.search(r'<p class="open-data"[^>]*>(.*?)</p>', page, re.S)
        assert m, path
        notice = m.group(1)
        assert 'href="%s.csv"' % path in notice
        assert 'href="%s.json"' % path in notice
        assert ('<a rel="license" href="https://creativecommons.org/'
                'licenses/by/4.0/">CC BY 4.0</a>') in notice
        assert "\n" not in notice
    # The filters of the page go into its data links.
    page = c.get("/commitments?country=FR&area=inclusion").text
    assert 'href="/commitments.csv?country=FR&amp;area=inclusion"' in page
    r = c.get("/signatories.json")
    assert r.header("Link") == \
        '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def test_open_data_licence_is_a_setting():
    old = {k: os.environ.get(k) for k in ["ENDORSE_DATA_LICENSE",
                                          "ENDORSE_DATA_LICENSE_URL"]}
    os.environ["ENDORSE_DATA_LICENSE"] = "Licence Ouverte 2.0 <Etalab>"
    os.environ.pop("ENDORSE_DATA_LICENSE_URL", None)
    try:
        site = start_site(workers=1)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    try:
        c = site.client()
        page = c.get("/signatories").text
        # Escaped, and no link to a deed the organisers did not give.
        assert "Licence Ouverte 2.0 &lt;Etalab&gt;" in page
        assert 'rel="license"' not in page
        assert c.get("/signatories.json").header("Link") is None
    finally:
        site.stop()



def test_open_data_licence_url_is_linked_only_when_safe_and_http():
    """ENDORSE_DATA_LICENSE_URL goes into a Link header and an href: an
    http(s) URL of plain printable ASCII is linked; anything else (a
    space, a quote, another scheme) is left out rather than passed on."""
    deed = "https://opendatacommons.org/licenses/odbl/1-0/"
    for url, linked in ((deed, True), ("https://x.org/a b", False),
                        ('https://x.org/"><script>', False),
                        ("ftp://x.org/odbl", False)):
        site = start_site(workers=1, extra_env={
            "ENDORSE_DATA_LICENSE": "ODbL 1.0",
            "ENDORSE_DATA_LICENSE_URL": url})
        try:
            c = site.client()
            r = c.get("/signatories.json")
            assert r.status == 200, r
            page = c.get("/signatories").text
            assert "ODbL 1.0" in page
            if linked:
                assert r.header("Link") == '<%s>; rel="license"' % deed, \
                    r.headers
                assert 'href="%s"' % deed in page
            else:
                assert r.header("Link") is None, (url, r.headers)
                assert 'rel="license"' not in page, url
                assert "<script>" not in page
        finally:
            site.stop()


def _list_version(site, n=None):
    c = sqlite3.connect(site.db, timeout=10)
    try:
        with c:
            if n is not None:
                c.execute("UPDATE list_version SET n = ?", (n,))
            return c.execute("SELECT n FROM list_version").fetchone()[0]
    finally:
        c.close()


def test_open_data_kept_by_nginx_until_the_lists_change():
    site = shared()
    _people(site)
    c = site.client()
    cache = os.path.join(site.state, "nginx", "opendata")
    first = expect(c.get("/signatories.json"), 200).body
    v1 = _list_version(site)
    assert any(files for _, _, files in os.walk(cache)), \
        "nothing in nginx's open data cache"
    # A change to what the lists show moves the version on, and the
    # next download has it: the copy is never staler than the database.
    code = endorse(c, full_name="Open Fresh NL", country="NL",
                   email="fresh@example.org")
    set_status(site, code, "verified", listed=1)
    v2 = _list_version(site)
    assert v2 > v1
    fresh = expect(c.get("/signatories.json"), 200).body
    assert b"Open Fresh NL" in fresh and b"Open Fresh NL" not in first
    # Under the old version nginx answers with its old copy, which
    # endorse-web could no longer make: the download came from the cache.
    _list_version(site, v1)
    assert expect(c.get("/signatories.json"), 200).body == first
    _list_version(site, v2 + 1)
    assert expect(c.get("/signatories.json"), 200).body == fresh
    # Hiding someone moves it on as well.
    set_status(site, code, "verified", listed=0)
    assert b"Open Fresh NL" not in expect(c.get("/signatories.json"),
                                           200).body
    # The version is nginx's question, not a public page.
    expect(c.get("/opendata-version"), 404)


def test_head_of_each_data_set_has_the_headers_and_no_body():
    """HEAD of a data set: the GET's status and headers, no body (the
    set is streamed by a GET only), and the same on the admin's
    exports."""
    site = shared()
    c = site.client()
    for path in ("/signatories.csv", "/signatories.json",
                 "/commitments.csv", "/commitments.json"):
        g = expect(c.get(path), 200)
        h = expect(c.request("HEAD", path), 200)
        assert h.body == b"", (path, h.body[:200])
        for name in ("Content-Type", "Cache-Control", "Content-Disposition",
                     "Link"):
            assert h.header(name) == g.header(name), (path, name)
    a = admin_client(site)
    for path in ("/admin/export/endorsements.csv",
                 "/admin/export/commitments.json"):
        g = expect(a.get(path), 200)
        h = expect(a.request("HEAD", path), 200)
        assert h.body == b"" and g.body != b"", path
        # (The file name holds the day: compared without it.)
        day = re.compile(r"\d{4}-\d\d-\d\d")
        assert day.sub("", h.header("Content-Disposition")) == \
            day.sub("", g.header("Content-Disposition")), path


def test_open_data_gzipped_once_for_clients_that_take_it():
    """A client that takes gzip gets the file gzipped by endorse-web and
    kept so by nginx: the same bytes once unzipped, a fraction of the
    size.  One that does not (no header, another coding, gzip;q=0) gets
    it plain, even right after a gzip download of the same file, and
    nginx compresses nothing on the fly for it either."""
    site = shared()
    _people(site)
    c = site.client()
    for path in ("/signatories.csv", "/signatories.json",
                 "/commitments.csv", "/commitments.json"):
        z = expect(c.get(path, headers={"Accept-Encoding": "gzip"}), 200)
        assert z.header("Content-Encoding") == "gzip", (path, z.headers)
        assert "Accept-Encoding" in (z.header("Vary") or ""), path
        plain = expect(c.get(path), 200)
        assert plain.header("Content-Encoding") is None, path
        assert gzip.decompress(z.body) == plain.body, path
        for ae in ("br, deflate", "gzip;q=0", "identity"):
            r = expect(c.get(path, headers={"Accept-Encoding": ae}), 200)
            assert r.header("Content-Encoding") is None, (path, ae)
            assert r.body == plain.body, (path, ae)
        # Kept apart in nginx's cache: the gzip form again after a plain one.
        z2 = expect(c.get(path, headers={"Accept-Encoding": "x-gzip, br"}),
                    200)
        assert z2.header("Content-Encoding") == "gzip" and z2.body == z.body
    # Long lists shrink: the seeded people repeat their columns.
    big = expect(c.get("/signatories.json"), 200).body
    small = expect(c.get("/signatories.json",
                         headers={"Accept-Encoding": "gzip"}), 200).body
    assert len(small) < len(big), (len(small), len(big))
