"""The pages: the declaration, the form, /healthz, headers and cookies."""
import re

from harness import shared, expect, parse, title, hidden_fields


def test_home_200_with_declaration_and_links():
    r = expect(shared().client().get("/"), 200)
    assert r.header("Content-Type", "").startswith("text/html"), \
        r.header("Content-Type")
    html = r.text
    assert "Mechelen Declaration on Cities and Migration" in html
    assert "<h1>" in html
    links = parse(html).links
    assert "/endorse" in links, "no link to /endorse: %r" % links
    assert "/" in links, "no link home: %r" % links


def test_home_shows_live_count():
    from harness import valid_fields, receipt_code
    site = shared()
    c = site.client()
    receipt_code(c.submit(valid_fields(full_name="Counted Mayor")))
    # Withdrawn (and rejected) endorsements are not counted (the
    # withdrawal tests withdraw some on the shared site).
    n = site.query("SELECT count(*) FROM endorsements WHERE status IN "
                   "('pending', 'verified')")[0][0]
    html = expect(c.get("/"), 200).text
    text = re.sub(r"<[^>]+>", " ", html)
    assert re.search(r"\b%d\b" % n, text), \
        "the count of endorsements (%d) is not on the home page" % n


def test_endorse_form_has_labels_for_every_field():
    r = expect(shared().client().get("/endorse"), 200)
    html = r.text
    for name in ("full_name", "role", "role_other", "government_level",
                 "locality", "region", "country", "email", "organisation",
                 "listed", "consent"):
        assert re.search(r'name="%s"' % name, html), "no field %s" % name
    for fid in ("full_name", "role_other", "locality", "region", "country",
                "email", "organisation", "listed", "consent"):
        assert '<label for="%s"' % fid in html, "no label for %s" % fid
        assert 'id="%s"' % fid in html, "no control with id %s" % fid
    assert re.search(r'<form[^>]*method="post"[^>]*action="/endorse"', html)


def test_endorse_form_has_hidden_csrf_and_form_token():
    c = shared().client()
    html = expect(c.get("/endorse"), 200).text
    h = hidden_fields(html)
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", h.get("csrf", "")), h
    assert len(h.get("form_token", "")) >= 36, h
    assert "csrf" in c.cookies


def test_endorse_form_title_has_no_error_prefix():
    html = expect(shared().client().get("/endorse"), 200).text
    assert not title(html).startswith("Error"), title(html)
    assert 'id="error-summary"' not in html


def test_each_form_gets_a_new_form_token():
    c = shared().client()
    a = hidden_fields(c.get("/endorse").text)["form_token"]
    b = hidden_fields(c.get("/endorse").text)["form_token"]
    assert a != b


def test_healthz_answers_ok():
    r = expect(shared().client().get("/healthz"), 200)
    assert r.body.strip() == b"ok", r.body


def test_unknown_path_404():
    expect(shared().client().get("/no-such-page"), 404)


def test_head_on_home_has_no_body():
    r = shared().client().request("HEAD", "/")
    expect(r, 200)
    assert r.body == b""


def _csp(r):
    csp = r.header("Content-Security-Policy")
    assert csp, "no Content-Security-Policy"
    return {d.strip().split(" ", 1)[0]: d.strip() for d in csp.split(";")
            if d.strip()}


def _security_headers(r):
    d = _csp(r)
    src = d.get("script-src") or d.get("default-src")
    assert src, "no script-src nor default-src"
    assert "'unsafe-inline'" not in src, src
    assert "'unsafe-eval'" not in src, src
    assert "frame-ancestors" in d, "no frame-ancestors in the CSP"
    assert r.header("X-Content-Type-Options", "").lower() == "nosniff"
    assert r.header("Referrer-Policy"), "no Referrer-Policy"


def test_security_headers_on_home():
    _security_headers(shared().client().get("/"))


def test_security_headers_on_form():
    _security_headers(shared().client().get("/endorse"))


def test_security_headers_on_404():
    _security_headers(shared().client().get("/nothing-here"))


def test_security_headers_on_receipt():
    from harness import valid_fields, receipt_code
    site = shared()
    c = site.client()
    code = receipt_code(c.submit(valid_fields(full_name="Header Check")))
    _security_headers(c.get("/receipt/" + code))


def test_csrf_cookie_httponly_samesite_strict():
    r = shared().client().get("/endorse")
    sc = [v for v in r.header_all("Set-Cookie") if v.startswith("csrf=")]
    assert sc, "no csrf cookie: %r" % r.header_all("Set-Cookie")
    attrs = [a.strip().lower() for a in sc[0].split(";")[1:]]
    assert "httponly" in attrs, sc[0]
    assert "samesite=strict" in attrs, sc[0]
    assert "path=/" in attrs, sc[0]


def test_csrf_cookie_not_secure_on_http_base():
    r = shared().client().get("/endorse")
    sc = [v for v in r.header_all("Set-Cookie") if v.startswith("csrf=")][0]
    # On a plain http site a Secure cookie would never come back.
    assert "secure" not in [a.strip().lower() for a in sc.split(";")[1:]]


def test_csrf_cookie_kept_when_sent_back():
    c = shared().client()
    c.get("/endorse")
    r = c.get("/endorse")
    assert not [v for v in r.header_all("Set-Cookie")
                if v.startswith("csrf=")], "a new csrf cookie every GET"


def test_form_page_not_cached():
    r = shared().client().get("/endorse")
    assert "no-store" in r.header("Cache-Control", ""), \
        r.header("Cache-Control")


def test_static_stylesheet_served():
    r = shared().client().get("/style.css")
    expect(r, 200)
    assert r.header("Content-Type", "").startswith("text/css")
