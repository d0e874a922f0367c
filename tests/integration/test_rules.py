"""DESIGN.md "Rules for input and output", one behaviour a test.

Every rejected request is also checked to have stored nothing.
"""
import html as htmllib
import re

from harness import (shared, expect, valid_fields, encode, receipt_code,
                     rejected, rejected_422, error_links, error_summary,
                     field_error, title, input_values, hidden_fields,
                     element_ids, parse, Client)

FORM = "application/x-www-form-urlencoded"


def _valid_body(c):
    _, h = c.open_form()
    return encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                  + list(valid_fields().items()))


# -- 413 -------------------------------------------------------------------

def test_body_over_64k_413():
    site = shared()
    c = site.client()
    body = _valid_body(c) + "&pad=" + "a" * (64 * 1024)
    before = site.count()
    r = c.post("/endorse", body)
    expect(r, 413)
    assert site.count() == before


def test_body_of_exactly_64k_not_413():
    site = shared()
    c = site.client()
    body = _valid_body(c) + "&pad="
    body += "a" * (64 * 1024 - len(body))
    assert len(body) == 64 * 1024
    r = c.post("/endorse", body)
    assert r.status != 413, "64 KiB exactly is not over 64 KiB"
    receipt_code(r)


def test_413_before_405():
    r = shared().client().request("PUT", "/endorse", body="a" * 70000,
                                  headers={"Content-Type": FORM})
    expect(r, 413)


# -- 405 -------------------------------------------------------------------

def _allow(r):
    a = r.header("Allow")
    assert a, "405 without Allow"
    return {m.strip().upper() for m in a.split(",")}


def test_put_endorse_405_with_allow():
    c = shared().client()
    r = expect(c.request("PUT", "/endorse", body="x=1",
                         headers={"Content-Type": FORM}), 405)
    allow = _allow(r)
    assert {"GET", "POST"} <= allow and "PUT" not in allow, allow


def test_delete_endorse_405_with_allow():
    r = expect(shared().client().request("DELETE", "/endorse"), 405)
    allow = _allow(r)
    assert {"GET", "POST"} <= allow and "DELETE" not in allow, allow


def test_post_home_405_with_allow():
    site = shared()
    c = site.client()
    before = site.count()
    r = expect(c.post("/", _valid_body(c)), 405)
    assert "POST" not in _allow(r) and "GET" in _allow(r)
    assert site.count() == before


def test_post_healthz_405():
    r = expect(shared().client().post("/healthz", "a=b"), 405)
    assert "GET" in _allow(r)


def test_post_receipt_405():
    c = shared().client()
    code = receipt_code(c.submit(valid_fields(full_name="Post Receipt")))
    r = expect(c.post("/receipt/" + code, _valid_body(c)), 405)
    assert "POST" not in _allow(r)


def test_trace_and_unknown_methods_405_with_allow_everywhere():
    """nginx refuses TRACE and CONNECT itself, and any method but GET and
    HEAD on the static files: those 405s carry Allow too, and TRACE on a
    program's path is answered as any other method the path does not
    take."""
    c = shared().client()
    paths = ["/", "/endorse", "/signatories", "/healthz", "/admin/login",
             "/style.css", "/favicon.svg", "/kiosk.js", "/kiosk-sw.js"]
    for method in ["TRACE", "CONNECT", "FOO", "DELETE", "PUT", "PATCH",
                   "OPTIONS", "POST"]:
        for p in paths:
            r = c.request(method, p)
            if r.status == 405:
                _allow(r)
            else:
                assert method == "POST" or method == "PUT", (method, p,
                                                             r.status)
    # The same answer as for a method nobody has heard of.
    for p in ["/", "/endorse", "/admin/login"]:
        assert _allow(expect(c.request("TRACE", p), 405)) == \
            _allow(expect(c.request("FOO", p), 405)), p
    hashed = re.search(r'href="(/style\.[0-9a-f]{12}\.css)"',
                       c.get("/").text).group(1)
    for p in ["/style.css", "/kiosk-sw.js", hashed]:
        assert _allow(expect(c.request("TRACE", p), 405)) == {"GET", "HEAD"}
        assert _allow(expect(c.request("POST", p, body="a=b",
                                       headers={"Content-Type": FORM}),
                             405)) == {"GET", "HEAD"}
    expect(c.request("TRACE", "/no-such-page"), 404)
    # Every 405 carries Allow once.
    r = expect(c.request("TRACE", "/"), 405)
    assert len(r.header_all("Allow")) == 1, r.headers


# -- 415 -------------------------------------------------------------------

def test_missing_content_type_415():
    site = shared()
    c = site.client()
    body = _valid_body(c)
    before = site.count()
    expect(c.post("/endorse", body, content_type=None), 415)
    assert site.count() == before


def test_text_plain_415():
    site = shared()
    c = site.client()
    before = site.count()
    expect(c.post("/endorse", _valid_body(c), content_type="text/plain"), 415)
    assert site.count() == before


def test_multipart_415():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    b = "XyZzY"
    parts = [("csrf", h["csrf"]), ("form_token", h["form_token"])] + \
        list(valid_fields().items())
    body = "".join('--%s\r\nContent-Disposition: form-data; name="%s"\r\n'
                   '\r\n%s\r\n' % (b, k, v) for k, v in parts) + \
        "--%s--\r\n" % b
    before = site.count()
    expect(c.post("/endorse", body,
                  content_type="multipart/form-data; boundary=" + b), 415)
    assert site.count() == before


def test_json_415():
    c = shared().client()
    expect(c.post("/endorse", '{"full_name": "x"}',
                  content_type="application/json"), 415)


def test_other_charset_415():
    c = shared().client()
    expect(c.post("/endorse", _valid_body(c),
                  content_type=FORM + "; charset=iso-8859-1"), 415)


def test_charset_utf8_lower_case_accepted():
    c = shared().client()
    receipt_code(c.post("/endorse", _valid_body(c),
                        content_type=FORM + ";charset=utf-8"))


def test_415_before_403():
    c = shared().client()
    expect(c.post("/endorse", "full_name=x", content_type="text/plain"), 415)


# -- 403 CSRF --------------------------------------------------------------

def test_csrf_missing_cookie_403():
    site = shared()
    c = site.client()
    body = _valid_body(c)
    before = site.count()
    expect(c.post("/endorse", body, send_cookies=False), 403)
    assert site.count() == before


def test_csrf_missing_field_403():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    body = encode([("form_token", h["form_token"])]
                  + list(valid_fields().items()))
    before = site.count()
    expect(c.post("/endorse", body), 403)
    assert site.count() == before


def test_csrf_wrong_pair_403():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    bad = h["csrf"][:-2] + ("AA" if h["csrf"][-2:] != "AA" else "BB")
    body = encode([("csrf", bad), ("form_token", h["form_token"])]
                  + list(valid_fields().items()))
    before = site.count()
    expect(c.post("/endorse", body), 403)
    assert site.count() == before


def test_csrf_cookie_from_another_session_403():
    site = shared()
    a, b = site.client(), site.client()
    _, ha = a.open_form()
    b.open_form()
    assert a.cookies["csrf"] != b.cookies["csrf"]
    body = encode([("csrf", ha["csrf"]), ("form_token", ha["form_token"])]
                  + list(valid_fields().items()))
    before = site.count()
    # a's form with b's cookie.
    expect(b.post("/endorse", body), 403)
    assert site.count() == before


def test_csrf_forged_cookie_403():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    c.cookies["csrf"] = "A" * len(c.cookies["csrf"])
    before = site.count()
    expect(c.post("/endorse", encode(
        [("csrf", h["csrf"]), ("form_token", h["form_token"])]
        + list(valid_fields().items()))), 403)
    assert site.count() == before


def test_csrf_empty_field_403():
    c = shared().client()
    _, h = c.open_form()
    expect(c.post("/endorse", encode(
        [("csrf", ""), ("form_token", h["form_token"])]
        + list(valid_fields().items()))), 403)


def test_csrf_sent_twice_403():
    c = shared().client()
    _, h = c.open_form()
    expect(c.post("/endorse", encode(
        [("csrf", h["csrf"]), ("csrf", h["csrf"]),
         ("form_token", h["form_token"])]
        + list(valid_fields().items()))), 403)


def test_403_before_400():
    c = shared().client()
    c.open_form()
    expect(c.post("/endorse", "full_name=%zz&a=%"), 403)


# -- 400 -------------------------------------------------------------------

def test_broken_percent_escape_400():
    site = shared()
    for bad in ("%zz", "%4", "%", "%G1", "abc%2"):
        c = site.client()
        before = site.count()
        r = c.submit(valid_fields(), extra="locality2=" + bad)
        expect(r, 400, "escape %r" % bad)
        assert site.count() == before


def test_broken_percent_escape_in_known_field_400():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    f = valid_fields(full_name=None)
    body = encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                  + list(f.items())) + "&full_name=Bad%2"
    before = site.count()
    expect(c.post("/endorse", body), 400)
    assert site.count() == before


def test_more_than_200_fields_400():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    pairs = [("csrf", h["csrf"]), ("form_token", h["form_token"])] + \
        list(valid_fields().items())
    pairs += [("x%d" % i, "1") for i in range(201 - len(pairs))]
    assert len(pairs) == 201
    before = site.count()
    expect(c.post("/endorse", encode(pairs)), 400)
    assert site.count() == before


def test_200_fields_accepted():
    c = shared().client()
    _, h = c.open_form()
    pairs = [("csrf", h["csrf"]), ("form_token", h["form_token"])] + \
        list(valid_fields(full_name="Two Hundred Fields").items())
    pairs += [("x%d" % i, "1") for i in range(200 - len(pairs))]
    assert len(pairs) == 200
    receipt_code(c.post("/endorse", encode(pairs)))


def test_400_before_422():
    c = shared().client()
    expect(c.submit(valid_fields(full_name=None, email="bad"),
                    extra="q=%zz"), 400)


# -- 422: bad bytes ----------------------------------------------------------

def test_bad_utf8_full_name_422_with_error_summary():
    site = shared()
    r = rejected_422(site, valid_fields(full_name=b"Ann \xff\xfe Smith"),
                     "full_name")
    html = r.text
    s = error_summary(html)
    assert re.search(r'<div[^>]*id="error-summary"[^>]*role="alert"', s) or \
        re.search(r'<div[^>]*role="alert"[^>]*id="error-summary"', s), s
    assert 'href="#full_name"' in s
    assert title(html).startswith("Error: "), title(html)
    # The summary comes before the form.
    assert html.index('id="error-summary"') < html.index("<form")


def test_bad_utf8_message_beside_field():
    r = rejected_422(shared(), valid_fields(full_name=b"\xc3\x28"),
                     "full_name")
    msg = field_error(r.text, "full_name")
    assert msg, "no message beside full_name"
    # The input points at its message.
    m = re.search(r'<input[^>]*id="full_name"[^>]*>', r.text)
    assert m and "full_name-error" in m.group(0), m and m.group(0)


def test_bad_utf8_other_values_kept():
    f = valid_fields(full_name=b"\xff", locality="Mechelen-Noord",
                     region="Antwerp", email="kept@example.org",
                     organisation="Kept Org", role="governor",
                     government_level="regional", country="NL")
    r = rejected_422(shared(), f, "full_name")
    vals = input_values(r.text)
    for k in ("locality", "region", "email", "organisation"):
        assert vals.get(k) == f[k], "%s: %r" % (k, vals.get(k))
    p = parse(r.text)
    checked = {a.get("name"): a.get("value") for a in p.inputs
               if a.get("type") == "radio" and "checked" in a}
    assert checked.get("role") == "governor", checked
    assert checked.get("government_level") == "regional", checked
    assert p.selected.get("country") == "NL", p.selected
    boxes = {a.get("name") for a in p.inputs
             if a.get("type") == "checkbox" and "checked" in a}
    assert {"listed", "consent"} <= boxes, boxes


def test_error_page_escapes_values():
    nasty = '<script>alert("x")</script> \' " & <b>'
    f = valid_fields(full_name=b"\xff", locality=nasty, region=nasty,
                     organisation=nasty, email='"><script>@x.org')
    r = rejected_422(shared(), f, "full_name")
    assert "<script>alert" not in r.text
    assert '"><script>' not in r.text
    assert "<b>" not in r.text
    vals = input_values(r.text)
    assert vals.get("locality") == nasty, vals.get("locality")
    assert vals.get("organisation") == nasty
    assert "&lt;script&gt;" in r.text


def test_error_page_keeps_form_token_and_can_be_resent():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    body = encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                  + list(valid_fields(full_name="").items()))
    r = expect(c.post("/endorse", body), 422)
    h2 = hidden_fields(r.text)
    assert h2["form_token"] == h["form_token"]
    body = encode([("csrf", h2["csrf"]), ("form_token", h2["form_token"])]
                  + list(valid_fields(full_name="Fixed Later").items()))
    receipt_code(c.post("/endorse", body))


def test_error_summary_links_point_at_fields():
    f = valid_fields(full_name="", locality="", email="bad", consent=None,
                     role=None, government_level=None, country="XX")
    r = rejected_422(shared(), f, "full_name")
    ids = element_ids(r.text)
    links = error_links(r.text)
    assert len(links) >= 7, links
    missing = [l for l in links if l not in ids]
    assert not missing, "summary links to missing ids: %r" % missing


def test_error_message_beside_each_field():
    f = valid_fields(full_name="", locality="", email="bad", consent=None,
                     country="XX")
    r = rejected_422(shared(), f, "full_name")
    for name in ("full_name", "locality", "email", "consent", "country"):
        assert field_error(r.text, name), "no message beside %s" % name


def test_nul_in_full_name_422():
    rejected_422(shared(), valid_fields(full_name="Ann\x00Smith"),
                 "full_name")


def test_nul_in_locality_422():
    rejected_422(shared(), valid_fields(locality="Mech\x00elen"), "locality")


def test_control_characters_422():
    for ch in ("\x01", "\x08", "\x1b", "\x7f", "\x0b", "\x0c"):
        rejected_422(shared(), valid_fields(full_name="Ann%sSmith" % ch),
                     "full_name")


def test_c1_control_character_422():
    rejected_422(shared(), valid_fields(organisation="Org\u0085Name"),
                 "organisation")


def test_tab_in_one_line_field_422():
    rejected_422(shared(), valid_fields(full_name="Ann\tSmith"), "full_name")


def test_newline_in_one_line_field_422():
    rejected_422(shared(), valid_fields(locality="Mech\nelen"), "locality")


def test_crlf_in_one_line_field_422():
    rejected_422(shared(), valid_fields(region="A\r\nB"), "region")


def test_control_error_message_names_field():
    r = rejected_422(shared(), valid_fields(full_name="A\x01B"), "full_name")
    msg = field_error(r.text, "full_name") or ""
    assert "full name" in msg.lower(), msg


def test_overlong_utf8_422():
    # "/" as an overlong two-byte sequence is not valid UTF-8.
    rejected_422(shared(), valid_fields(full_name=b"A\xc0\xafB"), "full_name")


def test_utf16_surrogate_bytes_422():
    rejected_422(shared(), valid_fields(full_name=b"A\xed\xa0\x80B"),
                 "full_name")


# -- 422: lengths ------------------------------------------------------------

def test_full_name_200_chars_ok():
    code = receipt_code(shared().client().submit(
        valid_fields(full_name="a" * 200)))
    assert shared().query("SELECT length(full_name) FROM endorsements "
                          "WHERE receipt=?", (code,)) == [(200,)]


def test_full_name_201_chars_422():
    r = rejected_422(shared(), valid_fields(full_name="a" * 201), "full_name")
    msg = field_error(r.text, "full_name") or ""
    assert "200" in msg and "full name" in msg.lower(), msg


def test_full_name_200_accented_chars_ok():
    # 200 characters, 400 bytes: the limit counts characters.
    code = receipt_code(shared().client().submit(
        valid_fields(full_name="é" * 200)))
    assert shared().query("SELECT full_name FROM endorsements WHERE "
                          "receipt=?", (code,)) == [("é" * 200,)]


def test_full_name_201_accented_chars_422():
    rejected_422(shared(), valid_fields(full_name="é" * 201), "full_name")


def test_full_name_200_four_byte_chars_ok():
    receipt_code(shared().client().submit(
        valid_fields(full_name="😀" * 200)))


def test_role_other_100_ok():
    receipt_code(shared().client().submit(
        valid_fields(role="other", role_other="r" * 100)))


def test_role_other_101_422():
    rejected_422(shared(), valid_fields(role="other", role_other="r" * 101),
                 "role_other")


def test_locality_201_422():
    rejected_422(shared(), valid_fields(locality="l" * 201), "locality")


def test_region_201_422():
    rejected_422(shared(), valid_fields(region="r" * 201), "region")


def test_organisation_201_422():
    rejected_422(shared(), valid_fields(organisation="o" * 201),
                 "organisation")


def test_locality_region_organisation_200_ok():
    receipt_code(shared().client().submit(valid_fields(
        locality="l" * 200, region="r" * 200, organisation="o" * 200)))


# -- 422: email ----------------------------------------------------------------

def _email(n):
    """An address of n characters that keeps to RFC 5321 otherwise:
    a 64-character local part, domain labels of at most 63."""
    head = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "."
    last = n - len(head) - len(".org")
    assert 1 <= last <= 63
    e = head + "d" * last + ".org"
    assert len(e) == n
    return e


def test_email_254_ok():
    e = _email(254)
    assert len(e) == 254
    code = receipt_code(shared().client().submit(valid_fields(email=e)))
    assert shared().query("SELECT email FROM endorsements WHERE receipt=?",
                          (code,)) == [(e,)]


def test_email_255_422():
    rejected_422(shared(), valid_fields(email=_email(255)), "email")


def test_email_without_at_422():
    rejected_422(shared(), valid_fields(email="mayor.mechelen.be"), "email")


def test_email_with_two_at_422():
    rejected_422(shared(), valid_fields(email="mayor@city@mechelen.be"),
                 "email")


def test_email_domain_without_dot_422():
    rejected_422(shared(), valid_fields(email="mayor@localhost"), "email")


def test_email_empty_local_part_422():
    rejected_422(shared(), valid_fields(email="@mechelen.be"), "email")


def test_email_with_space_422():
    rejected_422(shared(), valid_fields(email="may or@mechelen.be"), "email")


# -- 422: required fields --------------------------------------------------------

# Words by which a message names its field.
NAMES = {"full_name": "full name", "role": "role",
         "government_level": "government", "locality": "locality",
         "country": "country", "email": "email", "consent": "agree",
         "role_other": "role", "region": "region",
         "organisation": "organisation"}


def _missing(name):
    r = rejected_422(shared(), valid_fields(**{name: None}), name)
    msg = field_error(r.text, name)
    assert msg, "no message beside %s" % name
    assert NAMES[name] in msg.lower(), "%s: message %r does not name it" % (
        name, msg)
    summary = error_summary(r.text).lower()
    assert NAMES[name] in summary, "summary does not name %s" % name
    return r


def test_missing_full_name_422():
    _missing("full_name")


def test_missing_role_422():
    _missing("role")


def test_missing_government_level_422():
    _missing("government_level")


def test_missing_locality_422():
    _missing("locality")


def test_missing_country_422():
    _missing("country")


def test_missing_email_422():
    _missing("email")


def test_missing_consent_422():
    _missing("consent")


def test_missing_form_token_422():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    body = encode([("csrf", h["csrf"])] + list(valid_fields().items()))
    before = site.count()
    r = expect(c.post("/endorse", body), 422)
    assert site.count() == before
    assert "form_token" in error_links(r.text), error_links(r.text)
    assert title(r.text).startswith("Error: ")


def test_empty_full_name_422():
    rejected_422(shared(), valid_fields(full_name=""), "full_name")


def test_empty_consent_value_still_needs_a_tick():
    # An unticked box is not sent at all; "consent=" alone is odd but a
    # value that is present.  Either way, no consent means no row.
    rejected_422(shared(), valid_fields(consent=None, listed=None),
                 "consent")


def test_role_other_without_words_422():
    r = rejected_422(shared(), valid_fields(role="other", role_other=""),
                     "role_other")
    assert field_error(r.text, "role_other")


def test_role_other_absent_422():
    rejected_422(shared(), valid_fields(role="other", role_other=None),
                 "role_other")


def test_missing_optional_fields_ok():
    receipt_code(shared().client().submit(valid_fields(
        full_name="Only Required", region=None, organisation=None,
        role_other=None, listed=None)))


def test_many_missing_fields_all_named():
    f = {"consent": "yes"}
    r = rejected_422(shared(), f, "full_name")
    links = set(error_links(r.text))
    want = {"full_name", "role", "government_level", "locality", "country",
            "email"}
    assert want <= links, "missing from the summary: %r" % (want - links)


# -- 422: values outside their lists -------------------------------------------

def test_role_king_422():
    rejected_422(shared(), valid_fields(role="king"), "role")


def test_country_xx_422():
    rejected_422(shared(), valid_fields(country="XX"), "country")


def test_country_three_letters_422():
    rejected_422(shared(), valid_fields(country="BEL"), "country")


def test_government_level_federal_422():
    rejected_422(shared(), valid_fields(government_level="federal"),
                 "government_level")


def test_lang_outside_list_rejected():
    site = shared()
    before = site.count()
    r = site.client().submit(valid_fields(lang="xx"))
    assert r.status == 422, "lang=xx: %d" % r.status
    assert site.count() == before


def test_role_case_matters_422():
    rejected_422(shared(), valid_fields(role="Mayor"), "role")


# -- 422: repeated fields ----------------------------------------------------------

def test_full_name_repeated_422():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    pairs = [("csrf", h["csrf"]), ("form_token", h["form_token"])] + \
        list(valid_fields().items()) + [("full_name", "Second Name")]
    before = site.count()
    r = expect(c.post("/endorse", encode(pairs)), 422)
    assert site.count() == before
    assert "full_name" in error_links(r.text)


def test_role_repeated_422():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    pairs = [("csrf", h["csrf"]), ("form_token", h["form_token"])] + \
        list(valid_fields().items()) + [("role", "mayor")]
    before = site.count()
    r = expect(c.post("/endorse", encode(pairs)), 422)
    assert site.count() == before
    assert "role" in error_links(r.text)


def test_form_token_repeated_422():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    pairs = [("csrf", h["csrf"]), ("form_token", h["form_token"]),
             ("form_token", h["form_token"])] + list(valid_fields().items())
    before = site.count()
    expect(c.post("/endorse", encode(pairs)), 422)
    assert site.count() == before


def test_unknown_field_repeated_ignored():
    c = shared().client()
    receipt_code(c.submit(valid_fields(full_name="Repeat Unknown"),
                          extra="foo=1&foo=2&foo=3"))


# -- 422: form_token ---------------------------------------------------------------

def test_forged_form_token_422():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    t = h["form_token"]
    forged = t[:5] + ("A" if t[5] != "A" else "B") + t[6:]
    r = rejected(site, c, 422, valid_fields(),
                 hidden={"csrf": h["csrf"], "form_token": forged})
    assert "form_token" in error_links(r.text)


def test_random_uuid_form_token_422_on_endorse():
    # A UUID made by a browser is the kiosk's; /endorse takes only ours.
    site = shared()
    c = site.client()
    _, h = c.open_form()
    rejected(site, c, 422, valid_fields(), hidden={
        "csrf": h["csrf"],
        "form_token": "123e4567-e89b-42d3-a456-426614174000"})


def test_garbage_form_token_422():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    rejected(site, c, 422, valid_fields(),
             hidden={"csrf": h["csrf"], "form_token": "<x>" * 20})


def test_error_page_title_and_status_on_422():
    r = rejected_422(shared(), valid_fields(email="nope"), "email")
    assert r.header("Content-Type", "").startswith("text/html")
    assert "no-store" in r.header("Cache-Control", "")


def test_rejected_request_stores_nothing_at_all():
    site = shared()
    tables = ("endorsements", "receipts")
    before = [site.count(t) for t in tables]
    for f in (valid_fields(full_name=""), valid_fields(role="king"),
              valid_fields(email="x"), valid_fields(full_name=b"\xff")):
        expect(site.client().submit(f), 422)
    assert [site.count(t) for t in tables] == before


def test_bidi_and_zero_width_in_one_line_fields_422():
    # One name must not pose as another on the public list.
    cases = [("full_name", "Ann \u202eSmith"), ("full_name", "Ann\u200bSmith"),
             ("locality", "Mech\u2066elen\u2069"), ("region", "\ufeffFlanders"),
             ("organisation", "City\u2060Hall"), ("role_other", "x\u200fy"),
             ("email", "a\u200db@example.org")]
    for name, value in cases:
        over = {name: value}
        if name == "role_other":
            over["role"] = "other"
        r = rejected_422(shared(), valid_fields(**over), name)
        msg = field_error(r.text, name) or ""
        assert "invisible characters" in msg, (name, msg)
    r = rejected_422(shared(), valid_fields(full_name="Ann\u202eSmith"),
                     "full_name")
    assert "Full name" in field_error(r.text, "full_name")


def test_right_to_left_name_accepted():
    # A right-to-left name is a name: only the controls are refused.
    receipt_code(shared().client().submit(
        valid_fields(full_name="\u0645\u062f\u064a\u0646\u0629 Ann")))
