"""Event kiosks.  endorsectl event add/close, GET and POST
/kiosk/TOKEN (event recorded, closed events, UUID form tokens, the input
rules), the hand-off page, and the signature on the receipt."""
import os
import re
import sqlite3
import subprocess
import uuid

from harness import (ENDORSECTL, shared, expect, valid_fields, encode,
                     rejected, rejected_422, error_links, field_error, title,
                     parse, strip_tags, receipt_code, Client)

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")
DONE_RE = re.compile(r"^/kiosk/([A-Za-z0-9_-]{43})/done/"
                     r"([0-9A-HJKMNP-TV-Z]{24})$")
SIG = "100,200 150,260 220,300;500,500;0,0 1000,1000"


def ctl(site, *args):
    env = dict(os.environ)
    env.pop("ENDORSE_STATE_DIR", None)
    env["ENDORSE_BASE_URL"] = site.base_url
    return subprocess.run([ENDORSECTL, "--db", site.db] + list(args),
                          capture_output=True, text=True, timeout=30,
                          env=env)


def new_event(site, name="Mechelen Forum", *args):
    """endorsectl event add; returns (kiosk path, token, event id)."""
    p = ctl(site, "event", "add", name, *args)
    assert p.returncode == 0, p.stderr
    url = p.stdout.rstrip("\n")
    prefix = site.base_url + "/kiosk/"
    assert url.startswith(prefix), url
    token = url[len(prefix):]
    assert TOKEN_RE.match(token), token
    eid = site.query("SELECT id FROM events WHERE token=?", (token,))[0][0]
    return "/kiosk/" + token, token, eid


def done_code(resp, token):
    """The receipt code of a 303 to the kiosk's hand-off page."""
    assert resp.status == 303, "expected 303, got %d: %s" % (
        resp.status, strip_tags(resp.text)[:300])
    m = DONE_RE.match(resp.header("Location") or "")
    assert m, "Location is not the hand-off: %r" % resp.header("Location")
    assert m.group(1) == token
    return m.group(2)


def body(h, fields, token=None):
    return encode([("csrf", h["csrf"]),
                   ("form_token", token or h["form_token"])]
                  + list(fields.items()))


# -- endorsectl ------------------------------------------------------------

def test_event_add_prints_the_kiosk_url_alone():
    site = shared()
    p = ctl(site, "event", "add", "Global Conference", "--date",
            "2026-11-16", "--place", "Lamot, Mechelen")
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    lines = p.stdout.split("\n")
    assert len(lines) == 2 and lines[1] == "", repr(p.stdout)
    m = re.match(r"^%s/kiosk/([A-Za-z0-9_-]{43})$" % re.escape(
        site.base_url), lines[0])
    assert m, lines[0]
    rows = site.query("SELECT name, date, place, closed_at FROM events "
                      "WHERE token=?", (m.group(1),))
    assert rows == [("Global Conference", "2026-11-16", "Lamot, Mechelen",
                     None)], rows


def test_event_add_without_the_sites_environment_uses_its_base_url():
    """Run by an operator in another shell (no ENDORSE_BASE_URL, no
    ENDORSE_PORT), endorsectl prints the URL the site itself uses: the
    one it recorded in its database at start."""
    from harness import start_site
    site = start_site(base_url="https://sign.example.org")
    try:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("ENDORSE_")}
        p = subprocess.run([ENDORSECTL, "--db", site.db, "event", "add",
                            "Elsewhere"], capture_output=True, text=True,
                           timeout=30, env=env)
        assert p.returncode == 0, p.stderr
        assert re.match(r"^https://sign\.example\.org/kiosk/[A-Za-z0-9_-]"
                        r"{43}\n$", p.stdout), p.stdout
        # ENDORSE_BASE_URL, when given, still wins.
        env["ENDORSE_BASE_URL"] = "http://127.0.0.1:9"
        p = subprocess.run([ENDORSECTL, "--db", site.db, "event", "add",
                            "Given"], capture_output=True, text=True,
                           timeout=30, env=env)
        assert p.stdout.startswith("http://127.0.0.1:9/kiosk/"), p.stdout
    finally:
        site.stop()
        site.cleanup()


def test_event_add_tokens_differ():
    site = shared()
    a = new_event(site, "Twice")[1]
    b = new_event(site, "Twice")[1]
    assert a != b


def test_event_add_refuses_bad_input_and_stores_nothing():
    site = shared()
    before = site.count("events")
    for args in (["Bad Date", "--date", "2026-02-30"],
                 ["Bad Date", "--date", "16/11/2026"],
                 ["x" * 201],
                 ["Line\nBreak"],
                 [""]):
        p = ctl(site, "event", "add", *args)
        assert p.returncode == 1, (args, p.returncode, p.stderr)
        assert p.stdout == "" and p.stderr.count("\n") == 1, p.stderr
    p = ctl(site, "event", "add")
    assert p.returncode == 2
    assert site.count("events") == before


def test_event_close_by_id_token_or_url():
    site = shared()
    for how in ("id", "token", "url"):
        path, token, eid = new_event(site, "Close by " + how)
        arg = {"id": str(eid), "token": token,
               "url": site.base_url + path}[how]
        p = ctl(site, "event", "close", arg)
        assert p.returncode == 0, p.stderr
        closed = site.query("SELECT closed_at FROM events WHERE id=?",
                            (eid,))[0][0]
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", closed or "")
        # Again: no change, not an error.
        p = ctl(site, "event", "close", arg)
        assert p.returncode == 0
        assert site.query("SELECT closed_at FROM events WHERE id=?",
                          (eid,))[0][0] == closed


def test_event_close_unknown_exit_1():
    site = shared()
    for arg in ("999999", "A" * 43, "nonsense"):
        p = ctl(site, "event", "close", arg)
        assert p.returncode == 1, (arg, p.returncode)
        assert "no such event" in p.stderr


# -- GET /kiosk/TOKEN ----------------------------------------------------------

def test_kiosk_form_for_a_touch_screen_without_autofill():
    site = shared()
    path, token, _ = new_event(site, "Kiosk Form")
    c = site.client()
    r = expect(c.get(path), 200)
    assert r.header("Cache-Control") == "no-store"
    assert "csrf" in c.cookies
    html = r.text
    assert re.search(r'<script src="/kiosk\.[0-9a-f]{12}\.js" defer>'
                     r'</script>', html), html
    m = re.search(r'<form[^>]*id="kiosk"[^>]*>', html)
    assert m and 'autocomplete="off"' in m.group(0), m
    assert 'action="%s"' % path in m.group(0)
    p = parse(html)
    for a in p.inputs:
        if a.get("type") in ("text", "email"):
            assert a.get("autocomplete") == "off", a
    assert re.search(r'<select[^>]*autocomplete="off"', html)
    names = {a.get("name") for a in p.inputs}
    for n in ("full_name", "role", "role_other", "government_level",
              "locality", "region", "email", "organisation", "listed",
              "consent", "signature", "csrf", "form_token", "lang"):
        assert n in names, n
    assert '<canvas class="sigpad"' in html
    assert "Kiosk Form" in html
    # No links off the kiosk in its header.
    assert 'href="/endorse"' not in html


def test_kiosk_head_405_and_unknown_paths():
    site = shared()
    path, _, _ = new_event(site, "Methods")
    c = site.client()
    assert c.request("HEAD", path).status == 200
    r = expect(c.request("PUT", path, body=""), 405)
    assert r.header("Allow") == "GET, HEAD, POST"
    expect(c.get(path + "/"), 404)
    expect(c.get(path + "/other"), 404)
    expect(c.get("/kiosk/"), 404)
    expect(c.get("/kiosk/short"), 404)


def test_unknown_kiosk_token_404_get_and_post():
    site = shared()
    path, _, _ = new_event(site, "Real One")
    c = site.client()
    _, h = c.open_form(path)
    unknown = "/kiosk/" + "Q" * 43
    expect(c.get(unknown), 404)
    before = site.count()
    expect(c.post(unknown, body(h, valid_fields())), 404)
    assert site.count() == before
    # Nor the hand-off page of a real receipt under an unknown event.
    code = done_code(c.post(path, body(h, valid_fields())), path[7:])
    expect(c.get("%s/done/%s" % (unknown, code)), 404)
    expect(c.get("%s/done/%s" % (path, code)), 200)


# -- POST /kiosk/TOKEN ---------------------------------------------------------

def test_kiosk_post_records_the_event_and_signature():
    site = shared()
    path, token, eid = new_event(site, "Signing Stand")
    c = site.client()
    r = c.submit(valid_fields(full_name="Kiosk Signer",
                              email="kiosk.signer@example.org",
                              signature=SIG), path=path)
    code = done_code(r, token)
    rows = site.query("SELECT event_id, signature, full_name FROM "
                      "endorsements WHERE receipt=?", (code,))
    assert rows == [(eid, SIG, "Kiosk Signer")], rows
    # The receipt names the event and draws the signature.
    rc = expect(c.get("/receipt/" + code), 200)
    assert "Signing Stand" in rc.text
    svg = re.search(r"<svg[^>]*class=\"signature\".*?</svg>", rc.text, re.S)
    assert svg, "no signature SVG on the receipt"
    assert svg.group(0).count("<polyline") == 3
    assert 'points="100,200 150,260 220,300"' in svg.group(0)
    assert 'points="500,500 500,500"' in svg.group(0)


def test_kiosk_post_without_signature_is_fine():
    site = shared()
    path, token, eid = new_event(site, "No Pad")
    c = site.client()
    code = done_code(c.submit(valid_fields(signature=""), path=path), token)
    assert site.query("SELECT event_id, signature FROM endorsements WHERE "
                      "receipt=?", (code,)) == [(eid, None)]
    assert "<svg" not in c.get("/receipt/" + code).text.split(
        "receipt-qr")[1]


def test_endorse_rows_have_no_event():
    site = shared()
    c = site.client()
    r = c.submit(valid_fields(full_name="Not At An Event"))
    loc = r.header("Location")
    assert loc.startswith("/receipt/")
    assert site.query("SELECT event_id FROM endorsements WHERE receipt=?",
                      (loc[9:],)) == [(None,)]


def test_handoff_page_shows_only_the_qr_code():
    site = shared()
    path, token, _ = new_event(site, "Hand-off")
    c = site.client()
    r = c.submit(valid_fields(full_name="Private Person",
                              email="private.person@example.org",
                              locality="Secretville", region="Hiddenshire",
                              organisation="Covert Council"), path=path)
    code = done_code(r, token)
    d = expect(c.get(r.header("Location")), 200)
    assert d.header("Cache-Control") == "no-store"
    html = d.text
    assert 'src="/receipt/%s.svg"' % code in html
    assert "Scan to keep your receipt" in html
    assert re.search(r'<a[^>]*id="kiosk-done"[^>]*href="%s"' % path, html)
    for secret in ("Private Person", "private.person", "Secretville",
                   "Hiddenshire", "Covert Council"):
        assert secret not in html, secret
    # Another client (the next signer) sees the same: nothing personal.
    other = Client(site.port)
    assert "Private Person" not in other.get(r.header("Location")).text


def test_handoff_only_for_this_events_recent_receipts():
    site = shared()
    path_a, token_a, _ = new_event(site, "Event A")
    path_b, token_b, _ = new_event(site, "Event B")
    c = site.client()
    code = done_code(c.submit(valid_fields(), path=path_a), token_a)
    expect(c.get("%s/done/%s" % (path_a, code)), 200)
    expect(c.get("%s/done/%s" % (path_a, code.lower())), 200)
    expect(c.get("%s/done/%s" % (path_b, code)), 404)
    expect(c.get("%s/done/%s" % (path_a, "0" * 24)), 404)
    expect(c.get("%s/done/%s" % (path_a, "notacode")), 404)
    # A receipt from /endorse has no hand-off.
    loc = c.submit(valid_fields()).header("Location")
    expect(c.get("%s/done/%s" % (path_a, loc[9:])), 404)
    # Ten minutes on, the hand-off is gone (the receipt stays).
    db = sqlite3.connect(site.db, timeout=10)
    try:
        db.execute("UPDATE endorsements SET created_at = strftime("
                   "'%Y-%m-%dT%H:%M:%SZ', 'now', '-11 minutes') "
                   "WHERE receipt=?", (code,))
        db.commit()
    finally:
        db.close()
    expect(c.get("%s/done/%s" % (path_a, code)), 404)
    expect(c.get("/receipt/" + code), 200)


def test_uuid_form_token_resend_stores_once_same_receipt():
    site = shared()
    path, token, eid = new_event(site, "Offline Resend")
    c = site.client()
    _, h = c.open_form(path)
    key = str(uuid.uuid4())
    f = valid_fields(full_name="Queued Offline", signature=SIG)
    before = site.count()
    a = done_code(c.post(path, body(h, f, key)), token)
    b = done_code(c.post(path, body(h, f, key)), token)
    assert a == b
    assert site.count() == before + 1
    assert site.query("SELECT count(*), event_id FROM endorsements WHERE "
                      "form_token=?", (key,)) == [(1, eid)]
    # Sent later from a page with a new cookie: its own csrf pair.
    c2 = site.client()
    _, h2 = c2.open_form(path)
    assert done_code(c2.post(path, body(h2, f, key)), token) == a
    # The same key with other fields: 409, nothing stored.
    r = c.post(path, body(h, valid_fields(full_name="Someone Else"), key))
    expect(r, 409)
    assert site.count() == before + 1


def test_uuid_upper_case_accepted_on_kiosk():
    site = shared()
    path, token, _ = new_event(site, "Upper UUID")
    c = site.client()
    _, h = c.open_form(path)
    done_code(c.post(path, body(h, valid_fields(),
                                str(uuid.uuid4()).upper())), token)


def test_uuid_refused_on_endorse():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    before = site.count()
    r = c.post("/endorse", body(h, valid_fields(), str(uuid.uuid4())))
    expect(r, 422)
    assert "form_token" in error_links(r.text)
    assert site.count() == before


def test_kiosk_refuses_made_up_tokens():
    site = shared()
    path, _, _ = new_event(site, "Bad Tokens")
    for tok in ("not-a-uuid", "0" * 36, "g" * 8 + "-1234-1234-1234-" +
                "1" * 12, "12345678-1234-1234-1234-1234567890123"):
        c = site.client()
        _, h = c.open_form(path)
        before = site.count()
        r = c.post(path, body(h, valid_fields(), tok))
        expect(r, 422, tok)
        assert "form_token" in error_links(r.text)
        assert site.count() == before


def test_server_form_token_also_works_and_is_one_time():
    site = shared()
    path, token, _ = new_event(site, "Server Token")
    c = site.client()
    _, h = c.open_form(path)
    f = valid_fields(full_name="Server Token Signer")
    a = done_code(c.post(path, body(h, f)), token)
    assert done_code(c.post(path, body(h, f)), token) == a
    expect(c.post(path, body(h, valid_fields(full_name="Changed"))), 409)


# -- closed events -----------------------------------------------------------

def test_closed_event_refuses_and_stores_nothing():
    site = shared()
    path, token, eid = new_event(site, "Closing Soon")
    c = site.client()
    _, h = c.open_form(path)
    assert ctl(site, "event", "close", str(eid)).returncode == 0
    r = expect(c.get(path), 410)
    assert r.header("Cache-Control") == "no-store"
    assert "Signing is closed" in r.text
    assert '<form' not in r.text
    before = site.count()
    r = c.post(path, body(h, valid_fields(), str(uuid.uuid4())))
    expect(r, 410)
    assert r.header("Location") is None
    assert "Signing is closed" in r.text
    assert site.count() == before
    assert site.query("SELECT count(*) FROM endorsements WHERE event_id=?",
                      (eid,)) == [(0,)]


def test_handoff_still_shown_after_the_event_closes():
    site = shared()
    path, token, eid = new_event(site, "Closes After")
    c = site.client()
    code = done_code(c.submit(valid_fields(), path=path), token)
    ctl(site, "event", "close", str(eid))
    expect(c.get("%s/done/%s" % (path, code)), 200)


# -- the input rules on the kiosk POST ------------------------------------------

def _kiosk():
    site = shared()
    if not hasattr(_kiosk, "ev"):
        _kiosk.ev = new_event(site, "Rules")
    return site, _kiosk.ev[0]


def test_kiosk_cache_control_no_store_on_every_page():
    site, path = _kiosk()
    c = site.client()
    r = c.submit(valid_fields(full_name=""), path=path)
    expect(r, 422)
    assert r.header("Cache-Control") == "no-store"
    assert title(r.text).startswith("Error: ")


def test_kiosk_413_405_415_403_400_in_order():
    site, path = _kiosk()
    c = site.client()
    _, h = c.open_form(path)
    good = body(h, valid_fields(), str(uuid.uuid4()))
    before = site.count()
    r = c.post(path, good + "&pad=" + "a" * (64 * 1024))
    expect(r, 413)
    r = c.request("DELETE", path, body=good)
    expect(r, 405)
    assert r.header("Allow") == "GET, HEAD, POST"
    expect(c.post(path, good, content_type="text/plain"), 415)
    expect(c.post(path, good, content_type=None), 415)
    # CSRF: no cookie, no field, a field of another cookie.
    expect(c.post(path, good, send_cookies=False), 403)
    expect(c.post(path, re.sub(r"^csrf=[^&]*&", "", good)), 403)
    other = site.client()
    _, h2 = other.open_form(path)
    expect(c.post(path, body(h2, valid_fields(), str(uuid.uuid4()))), 403)
    # 403 before 400; then 400 for a broken escape.
    expect(c.post(path, "csrf=nope&full_name=%zz"), 403)
    expect(c.post(path, good + "&full_name=%zz"), 400)
    assert site.count() == before


def test_kiosk_fields_422_each_named():
    site, path = _kiosk()
    cases = [
        (valid_fields(full_name=None), "full_name"),
        (valid_fields(full_name="x" * 201), "full_name"),
        (valid_fields(full_name=b"Bad \xff UTF-8"), "full_name"),
        (valid_fields(full_name="Tab\there"), "full_name"),
        (valid_fields(role="king"), "role"),
        (valid_fields(role="other", role_other=""), "role_other"),
        (valid_fields(government_level=None), "government_level"),
        (valid_fields(locality=""), "locality"),
        (valid_fields(country="XX"), "country"),
        (valid_fields(email="no-at-sign"), "email"),
        (valid_fields(email="a" * 250 + "@x.org"), "email"),
        (valid_fields(consent=None), "consent"),
        (valid_fields(organisation="o" * 201), "organisation"),
    ]
    for fields, fid in cases:
        rejected_422(site, fields, fid, path=path)


def test_kiosk_repeated_field_422():
    site, path = _kiosk()
    rejected_422(site, list(valid_fields().items()) + [("email",
                 "second@example.org")], "email", path=path)


def test_kiosk_signature_grammar_422():
    site, path = _kiosk()
    bad = ["junk", "1,2;", "1,2  3,4", "1001,5", "-1,5", "01,5", "1.5,2",
           "1,2;;3,4", " 1,2", "1,2\n3,4",
           " ".join("%d,%d" % (i % 1000, i % 7) for i in range(1501)),
           ";".join("1,1" for _ in range(65))]
    for sig in bad:
        r = rejected_422(site, valid_fields(signature=sig), "signature",
                         path=path)
        msg = field_error(r.text, "signature")
        assert msg and "signature" in msg.lower(), msg
        # A value that failed is not sent back for the pad to draw.
        assert re.search(r'name="signature" id="signature-value" '
                         r'value=""', r.text), sig[:20]


def test_kiosk_signature_on_endorse_checked_too():
    site = shared()
    rejected_422(site, valid_fields(signature="1,2;"), "signature")
    c = site.client()
    r = c.submit(valid_fields(signature="10,10 20,20"))
    assert r.status == 303


def test_kiosk_error_page_keeps_values_and_signature():
    site, path = _kiosk()
    c = site.client()
    _, h = c.open_form(path)
    key = str(uuid.uuid4())
    r = c.post(path, body(h, valid_fields(email="bad", full_name="Kept "
                                         "<Name>", signature=SIG), key))
    expect(r, 422)
    html = r.text
    assert 'value="Kept &lt;Name&gt;"' in html
    assert 'value="%s"' % SIG in html
    assert 'name="form_token" value="%s"' % key in html
    assert "<Name>" not in html


# -- the kiosk's service worker (www/kiosk-sw.js) ------------------------------

def test_service_worker_served_as_script_never_stale():
    site = shared()
    path, _, _ = new_event(site, "Worker")
    c = site.client()
    r = expect(c.get("/kiosk-sw.js"), 200)
    assert r.header("Content-Type") == "application/javascript", \
        r.header("Content-Type")
    assert r.header("Cache-Control") == "no-cache", r.header("Cache-Control")
    # Scope /kiosk/ lies below its path: no wider scope is granted.
    assert r.header("Service-Worker-Allowed") is None
    # The server's security headers, as on every page.
    page = expect(c.get(path), 200)
    for h in ("Content-Security-Policy", "X-Content-Type-Options",
              "Referrer-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert r.header(h) == page.header(h), (h, r.header(h))
    assert "self.addEventListener('fetch'" in r.text
    # The kiosk page's CSP allows the worker: worker-src falls back to
    # script-src 'self' (nothing narrower is set).
    csp = page.header("Content-Security-Policy")
    assert "script-src 'self'" in csp and "worker-src" not in csp, csp
    js = re.search(r'<script src="(/kiosk\.[0-9a-f]{12}\.js)"', page.text)
    assert "/kiosk-sw.js" in expect(c.get(js.group(1)), 200).text
    assert c.request("HEAD", "/kiosk-sw.js").status == 200


def test_closed_kiosk_status_line_says_gone():
    site = shared()
    path, _, eid = new_event(site, "Closed Reason Phrase")
    assert ctl(site, "event", "close", str(eid)).returncode == 0
    r = expect(site.client().get(path), 410)
    assert r.reason == "Gone", r.reason


def test_uuid_form_token_of_another_event_409():
    # A token belongs to the submission it made, event included: the
    # same UUID and fields sent to another event's kiosk is another
    # submission, never the first event's receipt.
    site = shared()
    path_a, token_a, eid_a = new_event(site, "Token Event A")
    path_b, token_b, eid_b = new_event(site, "Token Event B")
    key = str(uuid.uuid4())
    f = valid_fields(full_name="Two Events Signer")
    c = site.client()
    _, h = c.open_form(path_a)
    done_code(c.post(path_a, body(h, f, key)), token_a)
    before = site.count()
    _, h = c.open_form(path_b)
    r = c.post(path_b, body(h, f, key))
    expect(r, 409)
    assert r.header("Location") is None
    assert site.count() == before
    assert site.query("SELECT event_id FROM endorsements WHERE "
                      "form_token = ?", (key,)) == [(eid_a,)]
    # The same for a token the public form made and spent there.
    _, he = c.open_form("/endorse")
    fe = valid_fields(full_name="Public Then Kiosk")
    receipt_code(c.post("/endorse", body(he, fe)))
    _, h = c.open_form(path_b)
    expect(c.post(path_b, body(h, fe, he["form_token"])), 409)
