"""What is made once and served many times: the blank form and the QR images."""
import os

from harness import (shared, expect, valid_fields, receipt_code, hidden_fields,
                     Client)


def _qr_entries(site):
    """Files in nginx's cache of QR images."""
    n = 0
    for _, _, files in os.walk(os.path.join(site.state, "nginx", "qr")):
        n += len(files)
    return n


def test_blank_form_differs_only_in_csrf_and_form_token():
    site = shared()
    pages = []
    for _ in range(3):
        c = site.client()
        r = expect(c.get("/endorse"), 200)
        h = hidden_fields(r.text)
        pages.append((c, r.text, h))
    csrfs = {h["csrf"] for _, _, h in pages}
    tokens = {h["form_token"] for _, _, h in pages}
    assert len(csrfs) == 3 and len(tokens) == 3, (csrfs, tokens)
    blanked = {t.replace(h["csrf"], "C").replace(h["form_token"], "T")
               for _, t, h in pages}
    assert len(blanked) == 1, "the pages differ beyond csrf and form_token"
    # Every copy is a form that works: its cookie matches its field.
    for i, (c, _, h) in enumerate(pages):
        r = c.submit(valid_fields(full_name="Blank Form %d" % i,
                                  email="blank%d@example.org" % i), hidden=h)
        receipt_code(r)


def test_blank_form_keeps_the_csrf_field_of_a_known_cookie():
    c = shared().client()
    _, first = c.open_form()
    _, again = c.open_form()
    assert first["csrf"] == again["csrf"]
    assert first["form_token"] != again["form_token"]
    receipt_code(c.submit(valid_fields(full_name="Second Copy"), hidden=again))


def test_qr_image_after_head_has_its_whole_body():
    site = shared()
    code = receipt_code(site.client().submit(valid_fields(full_name="Head First")))
    c = site.client()
    for ext, magic in ((".png", b"\x89PNG"), (".svg", b"<svg")):
        h = expect(c.request("HEAD", "/receipt/%s%s" % (code, ext)), 200)
        assert h.body == b""
        r = expect(c.get("/receipt/%s%s" % (code, ext)), 200)
        assert magic in r.body[:200], r.body[:40]
        assert int(r.header("Content-Length")) == len(r.body)
        assert r.header("ETag"), "no ETag on %s" % ext


def test_qr_image_is_drawn_once_then_served_by_nginx():
    site = shared()
    code = receipt_code(site.client().submit(valid_fields(full_name="Drawn Once")))
    c = site.client()
    before = _qr_entries(site)
    first = expect(c.get("/receipt/%s.png" % code), 200)
    kept = _qr_entries(site)
    assert kept == before + 1, (before, kept)
    again = expect(c.get("/receipt/%s.png" % code), 200)
    assert again.body == first.body
    assert again.header("ETag") == first.header("ETag")
    assert _qr_entries(site) == kept
    # The browser's copy is checked against the ETag.
    r = c.get("/receipt/%s.png" % code,
              headers={"If-None-Match": first.header("ETag")})
    assert r.status == 304, r


def test_qr_image_of_unknown_code_is_not_kept():
    site = shared()
    c = site.client()
    before = _qr_entries(site)
    for _ in range(2):
        expect(c.get("/receipt/%s.png" % ("Z" * 24)), 404)
    assert _qr_entries(site) == before


def test_a_form_linked_with_other_parameters_is_not_the_kept_blank_one():
    """The kept blank form's switcher links to /endorse?lang=LL: a form
    opened with another parameter (a newsletter's link) is made afresh,
    its switcher keeping that parameter, and it sends like any other."""
    site = shared()
    c = site.client()
    expect(c.get("/endorse"), 200)          # the blank form is kept
    for path, query in (("/endorse?ref=newsletter", "ref=newsletter"),
                        ("/endorse?lang=fr&ref=x", "ref=x")):
        r = expect(c.get(path), 200)
        assert 'href="/endorse?%s&amp;lang=es"' % query in r.text, path
        h = hidden_fields(r.text)
        code = receipt_code(c.submit(valid_fields(
            full_name="Linked Form Signer"), hidden=h))
        assert site.query("SELECT count(*) FROM endorsements WHERE "
                          "receipt = ?", (code,)) == [(1,)]
