"""Commitment reports and their follow-up updates: the report
form on an endorsement's receipt, a report's own receipt, its history,
and DESIGN.md's input rules on both forms.  Every refused request is
checked to have stored nothing."""
import re

from harness import (shared, expect, encode, receipt_code, error_links,
                     field_error, title, summary_rows, strip_tags,
                     hidden_fields, input_values, parse, zbar, have,
                     RECEIPT_LOCATION_RE)
from commit_helpers import (report_fields, endorse, form_of, post_report,
                            add_report, post_update, withdraw, set_status,
                            reports, updates)

FORM = "application/x-www-form-urlencoded"


def _report_refused(site, c, code, status, fields=None, **kw):
    before, ub = reports(site), site.count("receipts")
    r = post_report(c, code, fields, **kw)
    expect(r, status)
    assert r.header("Location") is None
    assert reports(site) == before and site.count("receipts") == ub, \
        "a refused report stored something"
    return r


def _report_422(field, fields):
    site = shared()
    c = site.client()
    code = endorse(c)
    r = _report_refused(site, c, code, 422, fields)
    assert title(r.text).startswith("Error: "), title(r.text)
    assert field in error_links(r.text), (field, error_links(r.text))
    assert field_error(r.text, field), "no message beside " + field
    return r


# -- the flow ---------------------------------------------------------------

def test_receipt_has_report_form_with_design_fields():
    c = shared().client()
    code = endorse(c)
    r = expect(c.get("/receipt/" + code), 200)
    m = re.search(r'<form[^>]*action="/receipt/%s/commitments"' % code,
                  r.text)
    assert m, "no report form posting to /receipt/CODE/commitments"
    names = {a.get("name") for a in parse(r.text).inputs}
    names |= set(re.findall(r'<textarea[^>]*name="([^"]+)"', r.text))
    for f in ("area", "title", "description", "means", "indicators",
              "target_date", "status", "sdg", "csrf", "form_token", "lang"):
        assert f in names, "report form lacks " + f
    assert 'href="/receipt/%s/withdraw"' % code in r.text


def test_add_report_303_to_its_own_receipt():
    site = shared()
    c = site.client()
    code = endorse(c)
    r = post_report(c, code)
    rcode = receipt_code(r)
    assert rcode != code
    assert site.query("SELECT kind FROM receipts WHERE code = ?",
                      (rcode,)) == [("commitment",)]
    page = expect(c.get("/receipt/" + rcode), 200).text
    rows = summary_rows(page)
    assert rows["Title"] == "A welcome desk for newcomers", rows
    assert rows["Thematic area"] == "Inclusion and social cohesion"
    assert rows["Status now"] == "Planned"
    assert rows["SDG targets"] == "10.7, 11.1"
    assert rows["Target date"] == "31 December 2030"
    # The endorsement's receipt lists it, linked.
    e = expect(c.get("/receipt/" + code), 200).text
    assert 'href="/receipt/%s"' % rcode in e
    assert "A welcome desk for newcomers" in e and "Planned" in e


def test_report_qr_codes_work_for_report_receipts():
    site = shared()
    c = site.client()
    rcode = add_report(c, endorse(c))
    svg = expect(c.get("/receipt/%s.svg" % rcode), 200)
    assert svg.header("Content-Type").startswith("image/svg+xml")
    png = expect(c.get("/receipt/%s.png" % rcode.lower()), 200)
    assert png.body[:8] == b"\x89PNG\r\n\x1a\n"
    if have("zbarimg"):
        assert zbar(png.body) == "%s/receipt/%s" % (site.base_url, rcode)


def test_update_twice_history_oldest_first_latest_status():
    site = shared()
    c = site.client()
    rcode = add_report(c, endorse(c))
    r = post_update(c, rcode, "in_progress", "First step: desk opened.")
    assert r.status == 303 and r.header("Location") == "/receipt/" + rcode
    r = post_update(c, rcode, "achieved", "All done: 400 people served.")
    assert r.status == 303 and r.header("Location") == "/receipt/" + rcode
    page = expect(c.get("/receipt/" + rcode), 200).text
    assert summary_rows(page)["Status now"] == "Achieved"
    assert summary_rows(page)["Status when reported"] == "Planned"
    a = page.index("First step: desk opened.")
    b = page.index("All done: 400 people served.")
    assert a < b, "history is not oldest first"
    rid = site.query("SELECT id FROM commitments WHERE receipt = ?",
                     (rcode,))[0][0]
    assert site.query("SELECT status FROM commitment_updates WHERE "
                      "commitment_id = ? ORDER BY id", (rid,)) == \
        [("in_progress",), ("achieved",)]


def test_report_status_without_updates_is_its_own():
    c = shared().client()
    rcode = add_report(c, endorse(c), status="in_progress")
    page = expect(c.get("/receipt/" + rcode), 200).text
    assert summary_rows(page)["Status now"] == "In progress"
    assert "No follow-up updates yet." in page


def test_report_to_unknown_code_404():
    site = shared()
    c = site.client()
    code = endorse(c)
    h = form_of(c, "/receipt/" + code)
    _report_refused(site, c, "0" * 24, 404, hidden=h)


def test_report_to_a_report_code_404():
    site = shared()
    c = site.client()
    rcode = add_report(c, endorse(c))
    h = form_of(c, "/receipt/" + rcode)
    _report_refused(site, c, rcode, 404, hidden=h)


def test_report_to_withdrawn_endorsement_409():
    site = shared()
    c = site.client()
    code = endorse(c)
    h = form_of(c, "/receipt/" + code)
    assert withdraw(c, code).status == 303
    r = _report_refused(site, c, code, 409, hidden=h)
    assert "withdrawn" in strip_tags(r.text)


def test_update_on_withdrawn_endorsement_409():
    site = shared()
    c = site.client()
    code = endorse(c)
    rcode = add_report(c, code)
    h = form_of(c, "/receipt/" + rcode)
    assert withdraw(c, code).status == 303
    before = updates(site)
    expect(post_update(c, rcode, hidden=h), 409)
    assert updates(site) == before
    page = expect(c.get("/receipt/" + rcode), 200).text
    assert "/updates" not in page, "a withdrawn report still offers updates"


def test_update_to_unknown_code_404():
    site = shared()
    c = site.client()
    code = endorse(c)
    h = form_of(c, "/receipt/" + code)
    before = updates(site)
    expect(post_update(c, "Z" * 24, hidden=h), 404)
    # An endorsement code takes no updates.
    expect(post_update(c, code, hidden=h), 404)
    assert updates(site) == before


def test_get_on_post_only_routes_405():
    c = shared().client()
    code = endorse(c)
    for p in ("/receipt/%s/commitments" % code, "/receipt/%s/updates" % code):
        r = expect(c.get(p), 405)
        assert "POST" in r.header("Allow", "")


# -- the rules, on the report form --------------------------------------------

def test_report_without_csrf_403():
    site = shared()
    c = site.client()
    code = endorse(c)
    h = form_of(c, "/receipt/" + code)
    raw = encode([("form_token", h["form_token"])]
                 + list(report_fields().items()))
    _report_refused(site, c, code, 403, raw=raw)


def test_report_wrong_content_type_415():
    site = shared()
    c = site.client()
    code = endorse(c)
    _report_refused(site, c, code, 415, content_type="text/plain")


def test_report_over_64k_413():
    site = shared()
    c = site.client()
    code = endorse(c)
    _report_refused(site, c, code, 413, extra="pad=" + "a" * 65536)


def test_report_broken_encoding_400():
    site = shared()
    c = site.client()
    code = endorse(c)
    _report_refused(site, c, code, 400, extra="title=%zz")


def test_report_missing_required_fields_422_each_named():
    site = shared()
    c = site.client()
    code = endorse(c)
    r = _report_refused(site, c, code, 422, {"means": "kept"})
    for f in ("area", "title", "description", "status"):
        assert f in error_links(r.text), (f, error_links(r.text))
    assert "kept" in r.text


def test_report_title_200_ok_201_422():
    c = shared().client()
    add_report(c, endorse(c), title="é" * 200)
    _report_422("title", report_fields(title="é" * 201))


def test_report_description_5000_ok_5001_422():
    c = shared().client()
    add_report(c, endorse(c), description="x" * 5000)
    _report_422("description", report_fields(description="x" * 5001))


def test_report_means_and_indicators_5001_422():
    _report_422("means", report_fields(means="m" * 5001))
    _report_422("indicators", report_fields(indicators="i" * 5001))


def test_report_bad_date_422():
    r = _report_422("target_date", report_fields(target_date="2023-02-30"))
    assert "2023-02-30" in r.text, "the typed date was not kept"
    _report_422("target_date", report_fields(target_date="31/12/2030"))


def test_report_bad_sdg_422():
    _report_422("sdg", report_fields(sdg="18.1"))
    _report_422("sdg", report_fields(sdg="10.7;11.1"))


def test_report_bad_area_and_status_422():
    _report_422("area", report_fields(area="sports"))
    _report_422("status", report_fields(status="finished"))


def test_report_repeated_field_422():
    f = list(report_fields().items()) + [("title", "Second title")]
    _report_422("title", f)


def test_report_control_character_422():
    _report_422("title", report_fields(title="Bell\x07"))
    _report_422("description", report_fields(description="a\x1bb"))


def test_report_bad_utf8_422():
    _report_422("title", report_fields(title=b"caf\xe9"))


def test_report_422_keeps_every_value():
    site = shared()
    c = site.client()
    code = endorse(c)
    f = report_fields(title="Kept <title> & \"quotes\"", sdg="99.9",
                      description="Line one\r\nLine\ttwo", area="work",
                      status="achieved")
    r = _report_refused(site, c, code, 422, f)
    v = input_values(r.text)
    assert v["title"] == 'Kept <title> & "quotes"', v["title"]
    assert v["sdg"] == "99.9"
    assert re.search(r'value="work" checked', r.text)
    assert re.search(r'value="achieved" checked', r.text)
    assert "Line two".replace(" ", "\t") in r.text
    assert "<title>" not in r.text.split("</title>", 1)[1], "not escaped"


def test_report_multiline_keeps_tabs_and_newlines_crlf_to_lf():
    site = shared()
    c = site.client()
    rcode = add_report(c, endorse(c), description="One\r\nTwo\tTabbed\nThree",
                       means="a\r\nb", indicators="x\ty")
    got = site.query("SELECT description, means, indicators FROM "
                     "commitments WHERE receipt = ?", (rcode,))[0]
    assert got == ("One\nTwo\tTabbed\nThree", "a\nb", "x\ty"), got


def test_report_sent_twice_same_receipt():
    site = shared()
    c = site.client()
    code = endorse(c)
    h = form_of(c, "/receipt/" + code)
    before = reports(site)
    a = receipt_code(post_report(c, code, hidden=h))
    b = receipt_code(post_report(c, code, hidden=h))
    assert a == b and reports(site) == before + 1


def test_report_same_token_other_fields_409():
    site = shared()
    c = site.client()
    code = endorse(c)
    h = form_of(c, "/receipt/" + code)
    receipt_code(post_report(c, code, hidden=h))
    _report_refused(site, c, code, 409, report_fields(title="Other"),
                    hidden=h)


def test_report_forged_token_422():
    r = None
    site = shared()
    c = site.client()
    code = endorse(c)
    h = form_of(c, "/receipt/" + code)
    h = dict(h, form_token="x" * 43 + "." + "y" * 22)
    r = _report_refused(site, c, code, 422, hidden=h)
    assert "form_token" in error_links(r.text)


# -- the rules, on the update form ---------------------------------------------

def _update_refused(site, c, rcode, status, raw, content_type=FORM):
    before = updates(site)
    r = c.post("/receipt/%s/updates" % rcode, raw, content_type=content_type)
    expect(r, status)
    assert updates(site) == before
    return r


def _update_setup():
    site = shared()
    c = site.client()
    rcode = add_report(c, endorse(c))
    return site, c, rcode, form_of(c, "/receipt/" + rcode)


def test_update_rules_403_415_413_400():
    site, c, rcode, h = _update_setup()
    good = [("csrf", h["csrf"]), ("form_token", h["form_token"]),
            ("status", "achieved"), ("narrative", "Done.")]
    _update_refused(site, c, rcode, 403, encode(good[1:]))
    _update_refused(site, c, rcode, 415, encode(good),
                    content_type="text/plain")
    _update_refused(site, c, rcode, 413, encode(good) + "&p=" + "a" * 65536)
    _update_refused(site, c, rcode, 400, encode(good) + "&narrative=%g")


def test_update_field_rules_422():
    site, c, rcode, h = _update_setup()
    base = [("csrf", h["csrf"]), ("form_token", h["form_token"])]
    for fields, field in (
            ([("narrative", "No status")], "status"),
            ([("status", "done"), ("narrative", "x")], "status"),
            ([("status", "achieved")], "narrative"),
            ([("status", "achieved"), ("narrative", "n" * 5001)],
             "narrative"),
            ([("status", "achieved"), ("narrative", "bad\x00nul")],
             "narrative")):
        r = _update_refused(site, c, rcode, 422, encode(base + fields))
        assert title(r.text).startswith("Error: ")
        assert field in error_links(r.text), (fields, error_links(r.text))


def test_update_narrative_5000_kept_with_tabs_lf():
    site, c, rcode, h = _update_setup()
    text = ("a\tb\r\n" * 1000)[:5000 + 1000]   # 5 chars a line, CR LF
    r = c.post("/receipt/%s/updates" % rcode, encode(
        [("csrf", h["csrf"]), ("form_token", h["form_token"]),
         ("status", "achieved"), ("narrative", text)]))
    assert r.status == 303, r.status
    got = site.query("SELECT narrative FROM commitment_updates u JOIN "
                     "commitments c ON c.id = u.commitment_id WHERE "
                     "c.receipt = ?", (rcode,))[0][0]
    assert got == text.replace("\r\n", "\n") and len(got) == 4000


def test_update_sent_twice_once_other_fields_409():
    site, c, rcode, h = _update_setup()
    before = updates(site)
    a = post_update(c, rcode, "achieved", "Same", hidden=h)
    b = post_update(c, rcode, "achieved", "Same", hidden=h)
    assert a.status == b.status == 303
    assert a.header("Location") == b.header("Location") == "/receipt/" + rcode
    assert updates(site) == before + 1
    expect(post_update(c, rcode, "dropped", "Other", hidden=h), 409)
    assert updates(site) == before + 1


def test_report_values_escaped_on_its_receipt():
    c = shared().client()
    rcode = add_report(c, endorse(c), title="<script>alert(1)</script>",
                       description="<b>bold</b> & more")
    page = expect(c.get("/receipt/" + rcode), 200).text
    assert "<script>alert(1)" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_rejected_endorsement_takes_no_report_nor_update_valid_or_not():
    """Once the moderators reject an endorsement, a report on it and an
    update of its reports answer 409 saying it was not accepted, whether
    or not the form was filled in well; its report no longer offers the
    update form.  After a withdrawal, an ill-filled form is a 409 too,
    not a 422 that would invite fixing it."""
    site = shared()
    c = site.client()
    code = endorse(c)
    rcode = add_report(c, code)
    h_report = form_of(c, "/receipt/" + code)
    h_update = form_of(c, "/receipt/" + rcode)
    set_status(site, code, "rejected")
    before = (reports(site), updates(site))
    for r in (post_report(c, code, hidden=h_report),
              post_report(c, code, report_fields(title=None),
                          hidden=h_report),
              post_update(c, rcode, hidden=h_update),
              post_update(c, rcode, status="nonsense", hidden=h_update)):
        expect(r, 409)
        assert "This endorsement was not accepted" in r.text, r.text[:500]
    assert (reports(site), updates(site)) == before
    page = expect(c.get("/receipt/" + rcode), 200).text
    assert "/updates" not in page, "a rejected report still offers updates"
    assert "was withdrawn or not accepted: no more updates" in page, page
    # Withdrawn: the same for forms that would be a 422.
    code2 = endorse(c)
    rcode2 = add_report(c, code2)
    h_report = form_of(c, "/receipt/" + code2)
    h_update = form_of(c, "/receipt/" + rcode2)
    assert withdraw(c, code2).status == 303
    before = (reports(site), updates(site))
    for r in (post_report(c, code2, report_fields(title=None),
                          hidden=h_report),
              post_update(c, rcode2, status="nonsense", hidden=h_update)):
        expect(r, 409)
        assert "This endorsement was withdrawn" in r.text, r.text[:500]
    assert (reports(site), updates(site)) == before
    # An ill-filled withdrawal of a receipt that does not exist: 404.
    r = c.post("/receipt/%s/withdraw" % ("Z" * 24), encode(
        [("csrf", h_report["csrf"]), ("confirm", "no")]))
    expect(r, 404)


def test_a_report_sent_from_the_french_form_opens_in_french():
    """The report form carries the page's language: a report sent from
    the French form is kept as French and, opened afresh without a
    cookie or a choice, speaks French; a report without a target date
    stores none."""
    site = shared()
    c = site.client()
    code = endorse(c)
    h = hidden_fields(expect(c.get("/receipt/%s?lang=fr" % code), 200).text)
    assert h.get("lang") == "fr", h
    r = post_report(c, code, list(report_fields(
        title="Rapport en français", target_date=None).items())
        + [("lang", h["lang"])], hidden=h)
    rcode = receipt_code(r)
    assert site.query("SELECT lang, target_date FROM commitments WHERE "
                      "receipt = ?", (rcode,)) == [("fr", None)]
    page = expect(site.client().get("/receipt/" + rcode), 200).text
    assert re.search(r'<html lang="fr"', page), page[:300]


def test_the_receipt_of_an_unlisted_endorsement_says_it_is_not_listed():
    site = shared()
    c = site.client()
    code = endorse(c, listed=None)
    rows = summary_rows(expect(c.get("/receipt/" + code), 200).text)
    assert rows["Shown on the public list once verified"] == "No", rows
    code = endorse(c)
    rows = summary_rows(expect(c.get("/receipt/" + code), 200).text)
    assert rows["Shown on the public list once verified"] == "Yes", rows
