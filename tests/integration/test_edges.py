"""Edges of the form encoding and of the answers."""
import http.client
import re

from harness import (shared, expect, valid_fields, encode, receipt_code,
                     rejected, rejected_422, error_links, element_ids,
                     input_values, hidden_fields, field_error)

FORM = "application/x-www-form-urlencoded"


def test_plus_decodes_to_space():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    f = valid_fields(full_name=None)
    body = encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                  + list(f.items())) + "&full_name=Plus+Sign+Name"
    code = receipt_code(c.post("/endorse", body))
    assert site.query("SELECT full_name FROM endorsements WHERE receipt=?",
                      (code,)) == [("Plus Sign Name",)]


def test_percent_encoded_field_name_decoded():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    f = valid_fields(full_name=None)
    body = encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                  + list(f.items())) + "&full%5Fname=Encoded+Name"
    code = receipt_code(c.post("/endorse", body))
    assert site.query("SELECT full_name FROM endorsements WHERE receipt=?",
                      (code,)) == [("Encoded Name",)]


def test_upper_and_lower_case_hex_escapes():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    f = valid_fields(full_name=None)
    body = encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                  + list(f.items())) + "&full_name=Z%c3%a9lie%20%C3%89"
    code = receipt_code(c.post("/endorse", body))
    assert site.query("SELECT full_name FROM endorsements WHERE receipt=?",
                      (code,)) == [("Zélie É",)]


def test_content_type_with_suffix_415():
    c = shared().client()
    expect(c.post("/endorse", "a=b",
                  content_type=FORM + "-extra"), 415)


def test_content_type_with_other_parameter_415():
    # Only a charset parameter is named as fine; anything else is refused.
    c = shared().client()
    r = c.post("/endorse", "a=b", content_type=FORM + "; boundary=x")
    expect(r, 415)


def test_chunked_body_over_64k_413():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    body = (encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                   + list(valid_fields().items()))
            + "&pad=" + "a" * 70000).encode()
    before = site.count()
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    try:
        conn.putrequest("POST", "/endorse")
        conn.putheader("Content-Type", FORM)
        conn.putheader("Transfer-Encoding", "chunked")
        conn.putheader("Cookie", "csrf=" + c.cookies["csrf"])
        conn.endheaders()
        try:
            for i in range(0, len(body), 8192):
                part = body[i:i + 8192]
                conn.send(b"%x\r\n%s\r\n" % (len(part), part))
            conn.send(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        r = conn.getresponse()
        r.read()
        assert r.status == 413, r.status
    finally:
        conn.close()
    assert site.count() == before


def test_chunked_small_body_accepted():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    body = encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                  + list(valid_fields(full_name="Chunked").items())).encode()
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    try:
        conn.putrequest("POST", "/endorse")
        conn.putheader("Content-Type", FORM)
        conn.putheader("Transfer-Encoding", "chunked")
        conn.putheader("Cookie", "csrf=" + c.cookies["csrf"])
        conn.endheaders()
        conn.send(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
        r = conn.getresponse()
        r.read()
        assert r.status == 303, r.status
        assert re.match(r"^/receipt/[0-9A-Z]{24}$", r.getheader("Location"))
    finally:
        conn.close()


def test_error_summary_link_for_form_token_has_a_target():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    t = h["form_token"]
    r = rejected(site, c, 422, valid_fields(), hidden={
        "csrf": h["csrf"], "form_token": t[:3] + ("x" if t[3] != "x" else "y")
        + t[4:]})
    links = error_links(r.text)
    assert links, "no link in the error summary"
    ids = element_ids(r.text)
    missing = [l for l in links if l not in ids]
    assert not missing, "summary links to ids not on the page: %r" % missing


def test_too_long_value_kept_as_typed():
    name = "n" * 201
    r = rejected_422(shared(), valid_fields(full_name=name,
                                            locality="Kept Town"),
                     "full_name")
    vals = input_values(r.text)
    assert vals.get("full_name") == name
    assert vals.get("locality") == "Kept Town"


def test_role_other_kept_on_error():
    r = rejected_422(shared(), valid_fields(role="other",
                                            role_other="Chief <Elder>",
                                            email="bad"), "email")
    assert input_values(r.text).get("role_other") == "Chief <Elder>"
    assert "Chief <Elder>" not in r.text


def test_error_page_new_csrf_field_still_matches_cookie():
    c = shared().client()
    r = c.submit(valid_fields(email="bad"))
    expect(r, 422)
    h = hidden_fields(r.text)
    receipt_code(c.submit(valid_fields(full_name="After Error"),
                          hidden=h))


def test_signature_optional_field_accepted():
    site = shared()
    code = receipt_code(site.client().submit(valid_fields(
        full_name="Signed", signature="10,10 20,20;30,30")))
    assert site.query("SELECT signature FROM endorsements WHERE receipt=?",
                      (code,)) == [("10,10 20,20;30,30",)]


def test_role_other_dropped_when_role_not_other():
    site = shared()
    code = receipt_code(site.client().submit(valid_fields(
        full_name="Mayor Not Other", role="mayor", role_other="Ignored")))
    assert site.query("SELECT role_other FROM endorsements WHERE receipt=?",
                      (code,)) == [("",)]


def test_lang_default_stored_as_en():
    site = shared()
    code = receipt_code(site.client().submit(valid_fields(
        full_name="Lang Default")))
    assert site.query("SELECT lang FROM endorsements WHERE receipt=?",
                      (code,)) == [("en",)]


def test_healthz_plain_text_not_cached():
    r = expect(shared().client().get("/healthz"), 200)
    assert r.header("Content-Type", "").startswith("text/plain")
    assert "no-store" in r.header("Cache-Control", "") or \
        "no-cache" in r.header("Cache-Control", "")


def test_shared_site_runs_its_workers():
    site = shared()
    sup = site.web_pid()
    assert len(site.workers_of(sup)) == site.workers, \
        site.workers_of(sup)


def test_403_page_is_html_with_security_headers():
    c = shared().client()
    r = expect(c.post("/endorse", "full_name=x"), 403)
    assert r.header("X-Content-Type-Options") == "nosniff"
    assert "frame-ancestors" in r.header("Content-Security-Policy", "")


def test_keep_alive_connection_serves_many_requests():
    site = shared()
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    try:
        for path in ("/", "/endorse", "/healthz") * 5:
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            assert r.status == 200, (path, r.status)
    finally:
        conn.close()


def test_email_message_beside_field():
    r = rejected_422(shared(), valid_fields(email="no-at-sign"), "email")
    assert "email" in (field_error(r.text, "email") or "").lower()
