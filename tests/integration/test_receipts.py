"""The happy path: a valid endorsement, its receipt, and the QR codes."""
import re
import time

from harness import (shared, start_site, expect, valid_fields, receipt_code,
                     summary_rows, zbar, svg_to_png, CODE_RE, Client)

_made = {}


def _receipt():
    """One endorsement of the shared site, made once: (code, fields)."""
    if "code" not in _made:
        f = valid_fields(full_name="Happy Path Mayor", locality="Mechelen",
                         country="BE", email="happy@mechelen.be")
        _made["code"] = receipt_code(shared().client().submit(f))
        _made["fields"] = f
    return _made["code"], _made["fields"]


def test_valid_post_answers_303_to_receipt():
    r = shared().client().submit(valid_fields(full_name="Redirect Check"))
    code = receipt_code(r)
    assert CODE_RE.match(code), code
    assert r.body.strip() == b"" or len(r.body) < 2000


def test_receipt_location_is_absolute_path():
    r = shared().client().submit(valid_fields(full_name="Location Check"))
    loc = r.header("Location")
    assert loc and loc.startswith("/receipt/") and "//" not in loc, loc


def test_receipt_code_is_24_crockford_chars():
    code, _ = _receipt()
    assert len(code) == 24 and CODE_RE.match(code), code
    assert not set("ILOU") & set(code)


def test_receipt_page_shows_what_was_recorded():
    code, f = _receipt()
    r = expect(shared().client().get("/receipt/" + code), 200)
    html = r.text
    rows = summary_rows(html)
    vals = list(rows.values())
    assert f["full_name"] in vals, rows
    assert f["locality"] in vals, rows
    assert "Belgium" in vals, "country name not shown: %r" % rows
    assert code in html


def test_receipt_page_status_pending():
    code, _ = _receipt()
    html = shared().client().get("/receipt/" + code).text
    rows = summary_rows(html)
    status = rows.get("Status", "")
    assert re.search(r"pending|waiting for verification", status, re.I), \
        "status row: %r" % status


def test_receipt_page_same_when_opened_again():
    code, _ = _receipt()
    c = Client(shared().port)     # another browser, later
    a = summary_rows(expect(c.get("/receipt/" + code), 200).text)
    time.sleep(1.1)
    b = summary_rows(expect(Client(shared().port).get("/receipt/" + code),
                            200).text)
    assert a == b and a, (a, b)


def test_receipt_lower_case_code_works():
    code, f = _receipt()
    r = expect(shared().client().get("/receipt/" + code.lower()), 200)
    assert f["full_name"] in summary_rows(r.text).values()


def test_receipt_page_no_store():
    code, _ = _receipt()
    r = shared().client().get("/receipt/" + code)
    assert "no-store" in r.header("Cache-Control", ""), \
        r.header("Cache-Control")


def test_receipt_row_in_database():
    code, f = _receipt()
    rows = shared().query(
        "SELECT full_name, role, government_level, locality, region, "
        "country, email, organisation, listed, consent, status "
        "FROM endorsements WHERE receipt = ?", (code,))
    assert rows, "no row for %s" % code
    assert rows[0] == (f["full_name"], "mayor", "local", "Mechelen",
                       "Flanders", "BE", f["email"], "City of Mechelen",
                       1, 1, "pending"), rows[0]
    k = shared().query("SELECT kind FROM receipts WHERE code = ?", (code,))
    assert k == [("endorsement",)], k


def test_unlisted_stored_as_not_listed():
    f = valid_fields(full_name="Not Listed", listed=None)
    code = receipt_code(shared().client().submit(f))
    rows = shared().query("SELECT listed FROM endorsements WHERE receipt=?",
                          (code,))
    assert rows == [(0,)], rows


def test_role_other_recorded_and_shown():
    f = valid_fields(full_name="Other Role", role="other",
                     role_other="President of the council")
    c = shared().client()
    code = receipt_code(c.submit(f))
    rows = shared().query("SELECT role, role_other FROM endorsements "
                          "WHERE receipt=?", (code,))
    assert rows == [("other", "President of the council")], rows
    assert "President of the council" in c.get("/receipt/" + code).text


def test_utf8_name_stored_exactly():
    name = "Zoë Ångström-Łukasiewicz 市长 مدينة"
    code = receipt_code(shared().client().submit(
        valid_fields(full_name=name)))
    rows = shared().query("SELECT full_name FROM endorsements WHERE "
                          "receipt=?", (code,))
    assert rows == [(name,)], rows
    r = shared().client().get("/receipt/" + code)
    assert name in summary_rows(r.text).values()


def test_charset_utf8_content_type_accepted():
    r = shared().client().submit(
        valid_fields(full_name="Charset Param"),
        content_type="application/x-www-form-urlencoded; charset=UTF-8")
    receipt_code(r)


def test_unknown_fields_ignored():
    f = valid_fields(full_name="Unknown Fields")
    f["favourite_colour"] = "blue"
    f["x"] = ""
    receipt_code(shared().client().submit(f))


# -- QR codes ----------------------------------------------------------------

def test_qr_png_content_type_and_cache_control():
    code, _ = _receipt()
    r = expect(shared().client().get("/receipt/%s.png" % code), 200)
    assert r.header("Content-Type", "").split(";")[0] == "image/png", \
        r.header("Content-Type")
    assert r.body.startswith(b"\x89PNG\r\n\x1a\n")
    assert r.header("Cache-Control"), "no Cache-Control on the PNG"


def test_qr_images_are_not_stored_by_the_browser():
    # The image carries the receipt code, as the receipt page does: a
    # shared tablet's browser must not keep it.
    code, _ = _receipt()
    for ext in ("svg", "png"):
        r = expect(shared().client().get("/receipt/%s.%s" % (code, ext)),
                   200)
        assert r.header("Cache-Control") == "no-store", \
            (ext, r.header("Cache-Control"))


def test_qr_png_decodes_to_receipt_url():
    site = shared()
    code, _ = _receipt()
    png = site.client().get("/receipt/%s.png" % code).body
    assert zbar(png) == site.base_url + "/receipt/" + code


def test_qr_png_of_lower_case_code_has_upper_case_url():
    site = shared()
    code, _ = _receipt()
    png = expect(site.client().get("/receipt/%s.png" % code.lower()),
                 200).body
    assert zbar(png) == site.base_url + "/receipt/" + code


def test_qr_svg_content_type():
    code, _ = _receipt()
    r = expect(shared().client().get("/receipt/%s.svg" % code), 200)
    assert r.header("Content-Type", "").split(";")[0] == "image/svg+xml", \
        r.header("Content-Type")
    assert b"<svg" in r.body
    assert r.header("Cache-Control"), "no Cache-Control on the SVG"


def test_qr_svg_decodes_to_receipt_url():
    site = shared()
    code, _ = _receipt()
    svg = site.client().get("/receipt/%s.svg" % code).body
    assert zbar(svg_to_png(svg)) == site.base_url + "/receipt/" + code


def test_qr_ignores_forged_host_header():
    site = shared()
    code, _ = _receipt()
    c = site.client()
    r = c.get("/receipt/%s.png" % code,
              headers={"Host": "evil.example.com",
                       "X-Forwarded-Host": "evil.example.com"})
    expect(r, 200)
    assert zbar(r.body) == site.base_url + "/receipt/" + code
    page = c.get("/receipt/" + code, headers={"Host": "evil.example.com"})
    assert "evil.example.com" not in page.text


def test_unknown_code_404_page_svg_png():
    c = shared().client()
    code = "0" * 24
    for suffix in ("", ".svg", ".png"):
        r = c.get("/receipt/" + code + suffix)
        expect(r, 404, "/receipt/CODE" + suffix)


def test_malformed_codes_404():
    c = shared().client()
    code, _ = _receipt()
    for bad in ("ABC", code[:-1], code + "0", code[:-1] + "U",
                code[:-1] + "!", code + ".gif", code + "/", "",
                code + ".png.png", "-" * 24, code[:-1] + "%C3%A9"):
        r = c.get("/receipt/" + bad)
        assert r.status in (404,), "/receipt/%s: %d" % (bad, r.status)


def test_receipt_codes_differ():
    c = shared().client()
    a = receipt_code(c.submit(valid_fields(full_name="Code One")))
    b = receipt_code(c.submit(valid_fields(full_name="Code Two")))
    assert a != b


# -- ENDORSE_BASE_URL ----------------------------------------------------------

_https = {}


def _https_site():
    if "site" not in _https:
        s = start_site(workers=2, base_url="https://endorse.example.org")
        code = receipt_code(s.client().submit(valid_fields(
            full_name="Base URL Mayor")))
        _https.update(site=s, code=code)
    return _https["site"], _https["code"]


def test_base_url_qr_png_uses_configured_base():
    s, code = _https_site()
    png = expect(s.client().get("/receipt/%s.png" % code), 200).body
    assert zbar(png) == "https://endorse.example.org/receipt/" + code


def test_base_url_qr_svg_uses_configured_base():
    s, code = _https_site()
    svg = expect(s.client().get("/receipt/%s.svg" % code), 200).body
    assert zbar(svg_to_png(svg)) == \
        "https://endorse.example.org/receipt/" + code


def test_base_url_qr_ignores_host_header():
    s, code = _https_site()
    png = s.client().get("/receipt/%s.png" % code,
                         headers={"Host": "127.0.0.1:%d" % s.port}).body
    assert zbar(png) == "https://endorse.example.org/receipt/" + code
    png = s.client().get("/receipt/%s.png" % code,
                         headers={"Host": "attacker.test"}).body
    assert zbar(png) == "https://endorse.example.org/receipt/" + code


def test_base_url_receipt_page_shows_configured_link():
    s, code = _https_site()
    html = s.client().get("/receipt/" + code,
                          headers={"Host": "attacker.test"}).text
    assert "https://endorse.example.org/receipt/" + code in html
    assert "attacker.test" not in html


def test_base_url_https_csrf_cookie_secure():
    s, _ = _https_site()
    r = s.client().get("/endorse")
    sc = [v for v in r.header_all("Set-Cookie") if v.startswith("csrf=")]
    assert sc and "secure" in [a.strip().lower()
                               for a in sc[0].split(";")[1:]], sc
