"""test_official_domains.py: the list of official e-mail domains (admin
console and endorsectl), the marks and filters of the admin list, the
one-action verification, the dashboard and the exports' new keys."""
import csv
import io
import json
import re
import secrets
import subprocess

import harness
from harness import (ENDORSECTL, admin_client, admin_csrf, ctl_user_add,
                     encode, receipt_code, valid_fields)

_site = None


def site():
    global _site
    if _site is None or _site.proc.poll() is not None:
        _site = harness.start_site(workers=2)
    return _site


def ctl(s, *args):
    return subprocess.run([ENDORSECTL, "--db", s.db] + list(args),
                          capture_output=True, text=True, timeout=60)


def _endorse(s, domain, country="BE"):
    addr = "x%s@%s" % (secrets.token_hex(4), domain)
    c = s.client()
    code = receipt_code(c.submit(valid_fields(email=addr, country=country)))
    (eid,) = s.query("SELECT id FROM endorsements WHERE receipt = ?",
                     (code,))[0]
    return c, code, eid, addr


def _confirm(s, c, addr):
    (_, m), = harness.mail_of(s, addr)
    path = harness.confirm_path(m.get_body(("plain",)).get_content())
    r = c.get(path)
    csrf = harness.hidden_fields(r.text)["csrf"]
    r = c.post(path, encode([("csrf", csrf)]))
    assert r.status == 303, r


def _export(s, fmt="json"):
    a = admin_client(s)
    r = a.get("/admin/export/endorsements.%s" % fmt)
    assert r.status == 200, r
    return r.text


def test_endorsectl_domain_add_list_remove():
    s = site()
    p = ctl(s, "domain", "add", "Example-City.BE")
    assert p.returncode == 0, p.stderr
    p = ctl(s, "domain", "add", "lyon.fr", "--country", "fr")
    assert p.returncode == 0, p.stderr
    p = ctl(s, "domain", "list")
    assert p.returncode == 0
    lines = p.stdout.splitlines()
    assert any(l.startswith("example-city.be * ") for l in lines), lines
    assert any(l.startswith("lyon.fr FR ") for l in lines), lines
    p = ctl(s, "domain", "add", "example-city.be")
    assert p.returncode == 1 and "listed already" in p.stderr
    for bad in ("be", "a..b", "x_y.be", "ex ample.be"):
        p = ctl(s, "domain", "add", bad)
        assert p.returncode == 1 and len(p.stderr.splitlines()) == 1, bad
    assert ctl(s, "domain", "add", "ok.be", "--country", "XX").returncode == 1
    assert ctl(s, "domain", "add").returncode == 2
    assert ctl(s, "domain", "remove", "lyon.fr").returncode == 0
    p = ctl(s, "domain", "remove", "lyon.fr")
    assert p.returncode == 1 and "not listed" in p.stderr
    assert "lyon.fr" not in ctl(s, "domain", "list").stdout
    assert ctl(s, "domain", "remove", "example-city.be").returncode == 0
    acts = [a for (a,) in s.query("SELECT action FROM audit_log")]
    assert acts.count("domain.add") >= 2 and "domain.remove" in acts


def test_official_domain_follows_the_current_list_and_its_country():
    s = site()
    _, _, e1, _ = _endorse(s, "stad.mechelen-t.be")      # a subdomain
    _, _, e2, _ = _endorse(s, "MECHELEN-T.BE")            # any case
    _, _, e3, _ = _endorse(s, "notmechelen-t.be")         # not a subdomain
    _, _, e4, _ = _endorse(s, "lyon-t.fr", country="FR")
    _, _, e5, _ = _endorse(s, "lyon-t.fr", country="BE")  # other country

    def marks():
        rows = json.loads(_export(s))
        return {r["id"]: r["official_domain"] for r in rows
                if r["id"] in (e1, e2, e3, e4, e5)}
    assert set(marks().values()) == {False}
    assert ctl(s, "domain", "add", "mechelen-t.be").returncode == 0
    assert ctl(s, "domain", "add", "lyon-t.fr", "--country",
               "FR").returncode == 0
    assert marks() == {e1: True, e2: True, e3: False, e4: True, e5: False}
    # Always from the list as it is now.
    assert ctl(s, "domain", "remove", "mechelen-t.be").returncode == 0
    assert marks() == {e1: False, e2: False, e3: False, e4: True, e5: False}
    ctl(s, "domain", "remove", "lyon-t.fr")


def test_admin_domains_page_adds_and_removes_admins_only():
    s = site()
    a = admin_client(s)
    r = a.get("/admin/domains")
    assert r.status == 200 and "Official e-mail domains" in r.text
    csrf = harness.hidden_fields(r.text)["csrf"]
    r = a.post("/admin/domains", encode([("csrf", csrf), ("action", "add"),
                                         ("domain", "Gent-T.be"),
                                         ("country", "BE")]))
    assert r.status == 303 and r.header("Location") == "/admin/domains", r
    assert s.query("SELECT country FROM official_domains WHERE domain = ?",
                   ("gent-t.be",)) == [("BE",)]
    r = a.get("/admin/domains")
    assert "gent-t.be" in r.text and "Belgium" in r.text
    # Bad or repeated: 422 with the message beside the field.
    for dom in ("not a domain", "gent-t.be"):
        r = a.post("/admin/domains", encode([("csrf", csrf),
                                             ("action", "add"),
                                             ("domain", dom)]))
        assert r.status == 422, (dom, r)
        assert 'id="error-summary"' in r.text
    r = a.post("/admin/domains", encode([("csrf", csrf), ("action", "x"),
                                         ("domain", "a.be")]))
    assert r.status == 422
    assert a.post("/admin/domains", encode([("action", "add"),
                                            ("domain", "b.be")])).status \
        == 403
    # A moderator reads but may not change the list.
    ctl_user_add(s, "mod-dom", "moderator", "password-of-mod-dom")
    m = admin_client(s, "mod-dom", "password-of-mod-dom")
    r = m.get("/admin/domains")
    assert r.status == 200 and "gent-t.be" in r.text
    assert 'value="remove"' not in r.text
    mcsrf = harness.hidden_fields(r.text)["csrf"]
    r = m.post("/admin/domains", encode([("csrf", mcsrf),
                                         ("action", "remove"),
                                         ("domain", "gent-t.be")]))
    assert r.status == 403
    r = a.post("/admin/domains", encode([("csrf", csrf),
                                         ("action", "remove"),
                                         ("domain", "GENT-T.BE")]))
    assert r.status == 303
    assert s.query("SELECT count(*) FROM official_domains WHERE domain = ?",
                   ("gent-t.be",)) == [(0,)]
    assert harness.Client(s.port).get("/admin/domains").status == 303
    acts = [(a_, t) for (a_, t) in s.query(
        "SELECT action, target FROM audit_log WHERE actor = 'admin'")]
    assert ("domain.add", "gent-t.be") in acts
    assert ("domain.remove", "gent-t.be") in acts


def test_admin_list_marks_filters_and_verifies_in_one_action():
    s = site()
    assert ctl(s, "domain", "add", "antwerpen-t.be").returncode == 0
    c1, code1, e1, a1 = _endorse(s, "antwerpen-t.be")   # confirmed, official
    c2, code2, e2, a2 = _endorse(s, "antwerpen-t.be")   # official only
    c3, code3, e3, a3 = _endorse(s, "gmail-t.com")      # confirmed only
    _confirm(s, c1, a1)
    _confirm(s, c3, a3)
    a = admin_client(s)
    r = a.get("/admin/endorsements?confirmed=yes&official=yes")
    assert r.status == 200
    ids = set(int(i) for i in re.findall(r'href="/admin/endorsements/(\d+)"',
                                         r.text))
    assert e1 in ids and e2 not in ids and e3 not in ids
    assert 'tag-confirmed' in r.text and 'tag-official' in r.text
    detail = a.get("/admin/endorsements/%d" % e1).text
    at = detail.find("E-mail confirmed")
    assert at >= 0 and re.search(r"\d{4}", detail[at:at + 200]), \
        detail[at:at + 200]
    r = a.get("/admin/endorsements?official=no")
    ids = set(int(i) for i in re.findall(r'href="/admin/endorsements/(\d+)"',
                                         r.text))
    assert e3 in ids and e1 not in ids and e2 not in ids
    assert a.get("/admin/endorsements?confirmed=maybe").status == 400
    # Viewers may not verify.
    ctl_user_add(s, "view-dom", "viewer", "password-of-view-dom")
    v = admin_client(s, "view-dom", "password-of-view-dom")
    vcsrf = admin_csrf(v, "/admin/endorsements")
    assert v.post("/admin/endorsements/verify-official",
                  encode([("csrf", vcsrf)])).status == 403
    csrf = admin_csrf(a, "/admin/endorsements")
    r = a.post("/admin/endorsements/verify-official", encode([("csrf", csrf)]))
    assert r.status == 303, r
    st = dict(s.query("SELECT id, status FROM endorsements WHERE id IN "
                      "(?, ?, ?)", (e1, e2, e3)))
    assert st == {e1: "verified", e2: "pending", e3: "pending"}, st
    assert s.query("SELECT new_status, reason FROM status_changes WHERE "
                   "endorsement_id = ?", (e1,)) == [
        ("verified", "confirmed e-mail in an official domain")]
    # Each of those decisions is in the ledger, which stays whole.
    assert s.query("SELECT l.kind, l.key_id FROM status_changes c JOIN "
                   "ledger l ON l.ref = c.id AND l.kind = 'moderation' "
                   "WHERE c.endorsement_id = ?", (e1,)) == [
        ("moderation", None)]
    p = ctl(s, "ledger", "verify")
    assert p.returncode == 0, p
    (detail,) = s.query("SELECT detail FROM audit_log WHERE action = "
                        "'endorsement.verify_official' ORDER BY id DESC "
                        "LIMIT 1")[0]
    assert re.match(r"^\d+ verified$", detail), detail
    assert "endorsements verified" in a.get(r.header("Location")).text
    ctl(s, "domain", "remove", "antwerpen-t.be")


def test_dashboard_shows_how_many_are_confirmed():
    s = site()
    a = admin_client(s)
    (n,) = s.query("SELECT count(*) FROM endorsements WHERE confirmed_at "
                   "IS NOT NULL AND status IN ('pending', 'verified')")[0]
    r = a.get("/admin/")
    m = re.search(r'id="confirmed-count">E-mail confirmed: (\d+)\.', r.text)
    assert m and int(m.group(1)) == n, (n, r.text[:3000])
    assert 'id="mail-count"' in r.text


def test_exports_carry_confirmed_at_and_official_domain():
    s = site()
    assert ctl(s, "domain", "add", "brugge-t.be").returncode == 0
    c, code, eid, addr = _endorse(s, "sub.brugge-t.be")
    _confirm(s, c, addr)
    # One left unconfirmed, whatever other tests ran before.
    _, _, plain, _ = _endorse(s, "example.org")
    rows = {r["id"]: r for r in json.loads(_export(s))}
    assert rows[plain]["confirmed_at"] is None
    assert rows[plain]["official_domain"] is False
    row = rows[eid]
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", row["confirmed_at"])
    assert row["official_domain"] is True
    keys = list(row.keys())
    assert keys.index("confirmed_at") == keys.index("lang") + 1
    assert keys.index("official_domain") == keys.index("confirmed_at") + 1
    other = [r for r in rows.values() if r["confirmed_at"] is None]
    assert other and all(r["official_domain"] in (True, False)
                         for r in other)
    text = _export(s, "csv")
    data = list(csv.DictReader(io.StringIO(text)))
    crow = [r for r in data if r["id"] == str(eid)][0]
    assert crow["confirmed_at"] == row["confirmed_at"]
    assert crow["official_domain"] == "true"
    # endorsectl's export holds the same rows and columns.
    p = ctl(s, "export", "endorsements", "--format", "json")
    assert p.returncode == 0, p.stderr
    assert {r["id"]: r for r in json.loads(p.stdout)}[eid] == row
    ctl(s, "domain", "remove", "brugge-t.be")


def test_admin_domains_any_country_and_removing_one_not_listed():
    """A domain for any country says so in the list; removing a domain
    that is not listed is a 422 saying so beside the field, and changes
    neither the list nor the audit log."""
    s = site()
    a = admin_client(s)
    csrf = harness.hidden_fields(a.get("/admin/domains").text)["csrf"]
    r = a.post("/admin/domains", encode([("csrf", csrf), ("action", "add"),
                                         ("domain", "anywhere-t.org")]))
    assert r.status == 303, r
    rows = re.findall(r'<tr class="domain">(.*?)</tr>',
                      a.get("/admin/domains").text, re.S)
    row = [x for x in rows if "anywhere-t.org" in x]
    assert row and "<td>Any country</td>" in row[0], rows
    audit = s.query("SELECT count(*) FROM audit_log")
    listed = s.query("SELECT domain FROM official_domains ORDER BY domain")
    r = a.post("/admin/domains", encode([("csrf", csrf),
                                         ("action", "remove"),
                                         ("domain", "never-listed.org")]))
    assert r.status == 422, r
    assert "This domain is not on the list" in harness.field_error(
        r.text, "domain"), r.text[-2000:]
    assert s.query("SELECT count(*) FROM audit_log") == audit
    assert s.query("SELECT domain FROM official_domains ORDER BY "
                   "domain") == listed
