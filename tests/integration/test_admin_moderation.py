"""Roles, moderation, events, the dashboard and the audit log."""
import re
import sqlite3

from harness import (admin_client, admin_csrf, ctl_user_add, expect,
                     receipt_code, start_site, strip_tags, summary_rows,
                     valid_fields)

_users = set()
_site = None


def shared():
    """A site of this module's own: moderation rejects and withdraws,
    which the shared site's other tests do not expect."""
    global _site
    if _site is None:
        _site = start_site(workers=2)
    return _site


def user(site, role):
    """A client signed in with a user of that role."""
    name = "t-%s" % role
    if name not in _users:
        ctl_user_add(site, name, role, "password-of-%s" % role)
        _users.add(name)
    return admin_client(site, name, "password-of-%s" % role)


def endorse(site, **over):
    code = receipt_code(site.client().submit(valid_fields(**over)))
    (eid,) = site.query("SELECT id FROM endorsements WHERE receipt = ?",
                        (code,))[0]
    return code, eid


def set_status(client, eid, status, reason="", csrf=None, ret=None):
    csrf = csrf or admin_csrf(client, "/admin/endorsements/%d" % eid)
    body = "csrf=%s&status=%s&reason=%s" % (csrf, status, reason)
    if ret is not None:
        body += "&return=" + ret
    return client.post("/admin/endorsements/%d/status" % eid, body)


def test_admin_moderation_changes_public_status():
    site = shared()
    code, eid = endorse(site, full_name="Moderated Mayor",
                        email="moderated@example.org")
    mod = user(site, "moderator")
    r = set_status(mod, eid, "verified", "checked+by+phone")
    expect(r, 303)
    assert r.header("Location") == "/admin/endorsements/%d" % eid
    assert site.query("SELECT status FROM endorsements WHERE id = ?",
                      (eid,))[0][0] == "verified"
    # The public receipt says so.
    page = site.client().get("/receipt/" + code)
    assert summary_rows(page.text)["Status"] == "Verified"
    # History and audit.
    rows = site.query("SELECT old_status, new_status, reason FROM "
                      "status_changes WHERE endorsement_id = ?", (eid,))
    assert rows == [("pending", "verified", "checked by phone")], rows
    a = site.query("SELECT actor, detail FROM audit_log WHERE action = "
                   "'status' AND target = ?", ("endorsement %d" % eid,))
    assert a == [("t-moderator", "pending -> verified: checked by phone")], a
    # Back to pending, then rejected; the page shows the history.
    expect(set_status(mod, eid, "rejected"), 303)
    page = expect(mod.get("/admin/endorsements/%d" % eid), 200).text
    assert "checked by phone" in page
    assert site.client().get("/receipt/" + code).text.count("Not accepted")
    # The home page's counts no longer count a rejected one.
    assert site.query("SELECT n FROM endorsement_counts WHERE status = "
                      "'rejected' AND country = 'BE'")[0][0] >= 1


def test_admin_status_returns_to_the_page_it_came_from():
    site = shared()
    _, eid = endorse(site, full_name="Return Mayor")
    mod = user(site, "moderator")
    r = set_status(mod, eid, "verified",
                   ret="%2Fadmin%2Fendorsements%3Fstatus%3Dpending")
    expect(r, 303)
    assert r.header("Location") == "/admin/endorsements?status=pending"
    # Elsewhere than the console: refused, back to the endorsement.
    r = set_status(mod, eid, "pending", ret="https%3A%2F%2Fevil.example%2F")
    expect(r, 303)
    assert r.header("Location") == "/admin/endorsements/%d" % eid


def test_admin_status_bad_values_422_nothing_changed():
    site = shared()
    _, eid = endorse(site, full_name="Bad Status Mayor")
    mod = user(site, "moderator")
    for st in ["withdrawn", "approved", ""]:
        r = set_status(mod, eid, st)
        expect(r, 422)
        assert 'id="error-summary"' in r.text
    r = set_status(mod, eid, "verified", reason="x" * 1001)
    expect(r, 422)
    assert site.query("SELECT status FROM endorsements WHERE id = ?",
                      (eid,))[0][0] == "pending"
    assert site.query("SELECT count(*) FROM status_changes WHERE "
                      "endorsement_id = ?", (eid,))[0][0] == 0
    expect(set_status(mod, 99999999, "verified",
                      csrf=admin_csrf(mod)), 404)


def test_admin_withdrawn_cannot_be_moderated():
    site = shared()
    _, eid = endorse(site, full_name="Withdrawn Mayor")
    db = sqlite3.connect(site.db, timeout=10)
    db.execute("UPDATE endorsements SET status = 'withdrawn', withdrawn_at = "
               "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", (eid,))
    db.commit()
    db.close()
    mod = user(site, "moderator")
    expect(set_status(mod, eid, "verified", csrf=admin_csrf(mod)), 422)
    assert site.query("SELECT status FROM endorsements WHERE id = ?",
                      (eid,))[0][0] == "withdrawn"


def test_admin_viewer_reads_but_cannot_change_or_export():
    site = shared()
    _, eid = endorse(site, full_name="Viewer Sees", email="hidden@viewer.org")
    v = user(site, "viewer")
    for path in ["/admin/", "/admin/endorsements", "/admin/events",
                 "/admin/endorsements/%d" % eid]:
        r = expect(v.get(path), 200)
        assert "hidden@viewer.org" not in r.text, path
    assert "Viewer Sees" in v.get("/admin/endorsements").text
    # Searching by email finds nothing for a viewer.
    assert "Viewer Sees" not in v.get(
        "/admin/endorsements?q=hidden%40viewer").text
    csrf = admin_csrf(v)
    expect(set_status(v, eid, "verified", csrf=csrf), 403)
    assert site.query("SELECT status FROM endorsements WHERE id = ?",
                      (eid,))[0][0] == "pending"
    for kind in ["endorsements", "commitments"]:
        for fmt in ["csv", "json", "xlsx"]:
            expect(v.get("/admin/export/%s.%s" % (kind, fmt)), 403)
    expect(v.get("/admin/audit"), 403)
    expect(v.post("/admin/events", "csrf=%s&action=create&name=V" % csrf),
           403)
    assert 'action="/admin/endorsements/%d/status"' % eid not in \
        v.get("/admin/endorsements/%d" % eid).text


def test_admin_moderator_and_admin_roles():
    site = shared()
    m = user(site, "moderator")
    expect(m.get("/admin/export/endorsements.csv"), 200)
    expect(m.get("/admin/audit"), 200)
    a = user(site, "admin")
    expect(a.get("/admin/export/endorsements.json"), 200)
    expect(a.get("/admin/audit"), 200)
    # The user name is isolated (<bdi>), the role named in words.
    assert "<bdi>t-admin</bdi> (admin)" in a.get("/admin/").text


def test_admin_list_search_filter_and_duplicates():
    site = shared()
    endorse(site, full_name="Dupe One", locality="Zzyzx", country="US",
            email="dupe1@example.org")
    _, two = endorse(site, full_name="Dupe Two", locality="zzyzx",
                     country="US", email="dupe2@example.org")
    endorse(site, full_name="Lonely Unique", locality="Qwertyville",
            country="NZ", email="lonely@example.org")
    a = admin_client(site)
    r = expect(a.get("/admin/endorsements?q=zzyzx"), 200).text
    assert "Dupe One" in r and "Dupe Two" in r and "Lonely" not in r
    assert r.count("Likely duplicate") >= 2
    r = a.get("/admin/endorsements?q=Lonely").text
    assert "Lonely Unique" in r and "Likely duplicate" not in \
        r.split("<tbody>")[1]
    r = a.get("/admin/endorsements?country=NZ").text
    assert "Lonely Unique" in r and "Dupe" not in r
    r = a.get("/admin/endorsements?q=dupe2%40example").text
    assert "Dupe Two" in r and "Dupe One" not in r
    # Side by side on the endorsement's page.
    page = a.get("/admin/endorsements/%d" % two).text
    assert "Likely duplicates" in page and "Dupe One" in page
    # Bad filters: 400.
    for q in ["status=maybe", "country=XX", "from=2026-02-30", "page=0",
              "event=abc"]:
        expect(a.get("/admin/endorsements?" + q), 400)
    # LIKE's own characters are literal.
    assert "No endorsement matches" in a.get(
        "/admin/endorsements?q=%25%25_").text


def test_admin_list_paginates_at_50():
    site = shared()
    a = admin_client(site)
    n = site.count()
    r = a.get("/admin/endorsements").text
    rows = r.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")
    assert rows == min(50, n), (rows, n)
    if n > 50:
        assert 'rel="next"' in r
        r2 = a.get("/admin/endorsements?page=2").text
        assert 'rel="prev"' in r2


def test_admin_events_create_list_close():
    site = shared()
    a = admin_client(site)
    csrf = admin_csrf(a)
    r = a.post("/admin/events", "csrf=%s&action=create&name=Mechelen+"
               "Summit&date=2030-11-16&place=Lamot" % csrf)
    expect(r, 303)
    assert r.header("Location") == "/admin/events"
    (eid, token) = site.query("SELECT id, token FROM events WHERE name = "
                              "'Mechelen Summit'")[0]
    assert re.match(r"^[A-Za-z0-9_-]{43}$", token), token
    page = a.get("/admin/events").text
    assert "%s/kiosk/%s" % (site.base_url, token) in page
    assert site.query("SELECT action FROM audit_log WHERE action = "
                      "'event_create' AND target = 'Mechelen Summit'")
    # Missing name, bad date: 422, nothing stored.
    n = site.count("events")
    expect(a.post("/admin/events", "csrf=%s&action=create&name=" % csrf), 422)
    expect(a.post("/admin/events", "csrf=%s&action=create&name=X&date="
                  "2030-13-01" % csrf), 422)
    expect(a.post("/admin/events", "csrf=%s&action=open" % csrf), 422)
    assert site.count("events") == n
    # Close it.
    expect(a.post("/admin/events", "csrf=%s&action=close&id=%d"
                  % (csrf, eid)), 303)
    assert site.query("SELECT closed_at IS NOT NULL FROM events WHERE id = ?",
                      (eid,))[0][0] == 1
    assert token not in a.get("/admin/events").text
    expect(a.post("/admin/events", "csrf=%s&action=close&id=%d"
                  % (csrf, eid)), 404)
    assert site.query("SELECT count(*) FROM audit_log WHERE action = "
                      "'event_close'")[0][0] >= 1


def test_admin_dashboard_counts():
    site = shared()
    endorse(site, full_name="Dash Ghana", country="GH", email="gh@x.org")
    a = admin_client(site)
    page = expect(a.get("/admin/"), 200).text
    assert page.count("<svg") >= 4
    assert "<script" not in page
    text = strip_tags(page)
    (pending,) = site.query("SELECT count(*) FROM endorsements WHERE "
                            "status = 'pending'")[0]
    assert re.search(r"Pending %d\b" % pending, text), text[:2000]
    (africa,) = site.query("SELECT count(*) FROM endorsements WHERE "
                           "status IN ('pending', 'verified') AND "
                           "country = 'GH'")[0]
    assert re.search(r"Africa %d\b" % africa, text)
    assert "Ghana" in text


def test_admin_audit_log_lists_actions_newest_first():
    site = shared()
    a = admin_client(site)
    page = expect(a.get("/admin/audit"), 200).text
    ids = [int(i) for i in re.findall(r'<tr id="audit-(\d+)"', page)]
    assert ids == sorted(ids, reverse=True) and ids, ids[:5]
    assert len(ids) <= 50
    actions = set(re.findall(r'<td class="action">([a-z_]+)</td>', page))
    assert "login" in actions, actions
    # The log cannot be changed, even with SQL.
    db = sqlite3.connect(site.db, timeout=10)
    for sql in ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"]:
        try:
            db.execute(sql)
            raise AssertionError("%s was allowed" % sql)
        except sqlite3.DatabaseError as e:
            assert "append-only" in str(e)
    db.close()


def test_admin_query_value_with_nul_is_400():
    # "rejected%00junk" must not be read as "rejected" (cut at the NUL).
    a = admin_client(shared())
    for path in ["/admin/endorsements?status=rejected%00junk",
                 "/admin/endorsements?q=Dupe%00x",
                 "/admin/endorsements?page=2%00",
                 "/admin/audit?page=1%00",
                 "/admin/export/endorsements.csv?status=rejected%00junk",
                 "/admin/export/commitments.json?country=BE%00"]:
        expect(a.get(path), 400, path)
    expect(a.get("/admin/endorsements?status=rejected"), 200)


def test_public_list_query_value_with_nul_is_400():
    c = shared().client()
    for path in ["/signatories?country=BE%00", "/commitments?area=work%00x"]:
        expect(c.get(path), 400, path)


def test_admin_status_return_paths_that_are_refused_and_the_same_status():
    """A return path within the console but with "//", or a character
    outside the plain ones, is refused (back to the endorsement); the
    status it already has changes nothing: no history, no audit line."""
    site = shared()
    _, eid = endorse(site, full_name="Same Status Mayor")
    mod = user(site, "moderator")
    own = "/admin/endorsements/%d" % eid
    for ret, where in (("%2Fadmin%2F%2Fevil.example%2F", own),
                       ("%2Fadmin%2Fendorsements%3Fq%3D%3Cb%3E", own),
                       ("%2Fadmin%2Fendorsements%3Fq%3DA%2BB%26page%3D2",
                        "/admin/endorsements?q=A+B&page=2")):
        r = expect(set_status(mod, eid, "verified", ret=ret), 303)
        assert r.header("Location") == where, (ret, r.header("Location"))
    changes = site.query("SELECT count(*) FROM status_changes WHERE "
                         "endorsement_id = ?", (eid,))
    audit = site.query("SELECT count(*) FROM audit_log")
    assert changes == [(1,)], changes
    r = expect(set_status(mod, eid, "verified", "again"), 303)
    assert r.header("Location") == own
    assert site.query("SELECT count(*) FROM status_changes WHERE "
                      "endorsement_id = ?", (eid,)) == changes
    assert site.query("SELECT count(*) FROM audit_log") == audit


def test_admin_list_export_links_carry_every_filter_the_list_shows():
    """The export links under the list carry its filters, each one
    given; filters given empty are no filter and are left out."""
    site = shared()
    _, eid = endorse(site, full_name="Filter Carry", locality="Carryville",
                     email="carry@mechelen.be")
    a = admin_client(site)
    q = ("q=Carryville&status=pending&country=BE&from=2026-01-01"
         "&to=2099-12-31&confirmed=no&official=yes")
    r = expect(a.get("/admin/endorsements?" + q), 200)
    links = re.findall(r'href="(/admin/export/endorsements\.csv\?[^"]*)"',
                       r.text)
    assert links == ["/admin/export/endorsements.csv?" +
                     q.replace("&", "&amp;")], links
    q2 = "confirmed=yes&official=no"
    r = expect(a.get("/admin/endorsements?" + q2), 200)
    assert ('href="/admin/export/endorsements.json?%s"'
            % q2.replace("&", "&amp;")) in r.text
    r = expect(a.get("/admin/endorsements?q=&status=&country=&from=&to="
                     "&confirmed=&official="), 200)
    assert 'href="/admin/export/endorsements.csv?"' in r.text, \
        re.findall(r'href="/admin/export/[^"]*"', r.text)
    # The export of the first link holds what the list held.
    r = expect(a.get("/admin/endorsements?q=Carryville&official=no"), 200)
    assert "Filter Carry" in r.text
    r = expect(a.get("/admin/export/endorsements.csv?q=Carryville"
                     "&official=no"), 200)
    assert "Filter Carry" in r.text and r.text.count("\n") == 2, r.text


def test_admin_endorsement_page_shows_listing_signature_event_and_language():
    """An endorsement from an event's kiosk, not to be listed, sent in
    French: its page in the console says so, row by row, and draws the
    signature; a plain one says Yes, No signature, no event."""
    import os
    import subprocess
    from harness import ENDORSECTL, hidden_fields, encode
    site = shared()
    p = subprocess.run([ENDORSECTL, "--db", site.db, "event", "add",
                        "Console Stand"], capture_output=True, text=True,
                       timeout=30,
                       env=dict(os.environ, ENDORSE_BASE_URL=site.base_url))
    assert p.returncode == 0, p.stderr
    kiosk = "/kiosk/" + p.stdout.strip().rsplit("/", 1)[1]
    c = site.client()
    h = hidden_fields(expect(c.get(kiosk + "?lang=fr"), 200).text)
    f = valid_fields(full_name="Kiosk Unlisted", listed=None,
                     signature="10,10 20,20 30,10")
    r = c.post(kiosk, encode([("csrf", h["csrf"]),
                              ("form_token", h["form_token"])]
                             + list(f.items())))
    assert r.status == 303, (r.status, strip_tags(r.text)[:300])
    ((kid,),) = site.query("SELECT id FROM endorsements WHERE full_name = "
                           "'Kiosk Unlisted'")
    _, pid = endorse(site, full_name="Plain Listed")
    a = admin_client(site)
    page = expect(a.get("/admin/endorsements/%d" % kid), 200).text
    rows = summary_rows(page)
    assert rows["Shown on the public list once verified"] == "No", rows
    assert rows["Agreed to the processing of the data"] == "Yes", rows
    # (The signature's row holds a figure: the event's row is read
    # on its own.)
    assert re.search(r"<dt>Event</dt><dd>(<bdi>)?Console Stand<", page), \
        page[:3000]
    assert rows["Language"] == "Français", rows
    assert re.search(r'<svg[^>]*class="signature"', page), page[:2000]
    rows = summary_rows(expect(a.get("/admin/endorsements/%d" % pid),
                               200).text)
    assert rows["Shown on the public list once verified"] == "Yes", rows
    assert rows["Drawn signature"] == "No", rows
    assert rows["Language"] == "English", rows


def test_admin_list_second_page_links_back_with_its_filter():
    """Page 2 of a filtered list: the one row past the first 50, a link
    back to page 1 (no page number) keeping the filter, none onward."""
    site = start_site(workers=1)
    try:
        c = site.client()
        for i in range(51):
            receipt_code(c.submit(valid_fields(full_name="Pager %02d" % i,
                                               locality="Pagerville")))
        receipt_code(c.submit(valid_fields(full_name="Not Paged")))
        a = admin_client(site)
        r = expect(a.get("/admin/endorsements?q=Pagerville&page=2"), 200)
        body = r.text.split("<tbody>")[1].split("</tbody>")[0]
        assert body.count("<tr>") == 1 and "Pager 00" in body, body
        assert re.search(r'<a rel="prev" href="/admin/endorsements\?'
                         r'q=Pagerville">', r.text), r.text[-3000:]
        assert 'rel="next"' not in r.text
        r = expect(a.get("/admin/endorsements?q=Pagerville"), 200)
        assert 'rel="prev"' not in r.text
        assert re.search(r'<a rel="next" href="/admin/endorsements\?'
                         r'q=Pagerville&amp;page=2">', r.text)
    finally:
        site.stop()


def test_admin_events_closing_without_a_good_id_and_a_viewers_view():
    """Closing with no id, a zero or a word: 422 asking to choose an
    event; an id no event has: 404; nothing closed either way.  A viewer
    sees an open event as open, with no button to close it."""
    site = shared()
    a = admin_client(site)
    csrf = admin_csrf(a)
    expect(a.post("/admin/events", "csrf=%s&action=create&name=Viewer+"
                  "Watched+Fair" % csrf), 303)
    ((eid,),) = site.query("SELECT id FROM events WHERE name = "
                           "'Viewer Watched Fair'")
    open_ = "SELECT count(*) FROM events WHERE closed_at IS NULL"
    before = site.query(open_)
    for extra in ("", "&id=", "&id=0", "&id=abc"):
        r = expect(a.post("/admin/events", "csrf=%s&action=close%s"
                          % (csrf, extra)), 422)
        assert "Choose an event to close" in r.text, extra
    expect(a.post("/admin/events", "csrf=%s&action=close&id=%d"
                  % (csrf, eid + 100000)), 404)
    assert site.query(open_) == before
    v = user(site, "viewer")
    page = expect(v.get("/admin/events"), 200).text
    row = [tr for tr in re.findall(r"<tr>(.*?)</tr>", page, re.S)
           if "Viewer Watched Fair" in tr]
    assert row and "<td>Open</td>" in row[0], row
    assert 'value="close"' not in page


def test_admin_dashboard_of_a_site_with_nothing_yet():
    """A new site's dashboard: every count zero, and the charts that
    would have no bar say "Nothing yet" instead of drawing one."""
    site = start_site(workers=1)
    try:
        page = expect(admin_client(site).get("/admin/"), 200).text
        text = strip_tags(page)
        assert "E-mail confirmed: 0. From an official domain: 0." in text
        assert "Mail waiting to be sent: 0. Mail that failed: 0." in text
        assert re.search(r"Pending 0 Verified 0 Rejected 0 Withdrawn 0 "
                         r"Status Number", text), text[:1500]
        # By country, per day, the reports: nothing to draw.
        assert text.count("Nothing yet.") == 3, text[:2000]
    finally:
        site.stop()
