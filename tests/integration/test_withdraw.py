"""Withdrawing an endorsement from its receipt."""
import datetime
import re

from harness import shared, expect, encode, title, error_links, strip_tags
from commit_helpers import (endorse, form_of, add_report, withdraw,
                            set_status)


def test_withdraw_page_explains_and_asks_to_confirm():
    c = shared().client()
    code = endorse(c)
    r = expect(c.get("/receipt/%s/withdraw" % code), 200)
    assert re.search(r'<form[^>]*method="post"[^>]*action="/receipt/%s/'
                     r'withdraw"' % code, r.text)
    assert 'name="confirm"' in r.text and 'value="yes"' in r.text
    assert 'name="csrf"' in r.text
    assert "cannot be undone" in strip_tags(r.text)


def test_withdraw_without_confirm_422_nothing_changed():
    site = shared()
    c = site.client()
    code = endorse(c)
    for confirm in (None, "no", ""):
        r = expect(withdraw(c, code, confirm), 422)
        assert title(r.text).startswith("Error: ")
        assert "confirm" in error_links(r.text)
    assert site.query("SELECT status, withdrawn_at FROM endorsements WHERE "
                      "receipt = ?", (code,)) == [("pending", None)]


def test_withdraw_without_csrf_403():
    site = shared()
    c = site.client()
    code = endorse(c)
    expect(c.post("/receipt/%s/withdraw" % code, "confirm=yes"), 403)
    assert site.query("SELECT status FROM endorsements WHERE receipt = ?",
                      (code,)) == [("pending",)]


def test_withdraw_unknown_code_404():
    c = shared().client()
    code = endorse(c)
    h = form_of(c, "/receipt/%s/withdraw" % code)
    expect(c.get("/receipt/%s/withdraw" % ("1" * 24)), 404)
    expect(c.post("/receipt/%s/withdraw" % ("1" * 24),
                  encode([("csrf", h["csrf"]), ("confirm", "yes")])), 404)


def test_withdraw_303_keeps_record_and_logs_change():
    site = shared()
    c = site.client()
    code = endorse(c)
    r = withdraw(c, code)
    assert r.status == 303 and r.header("Location") == "/receipt/" + code
    (eid, status, at), = site.query(
        "SELECT id, status, withdrawn_at FROM endorsements WHERE "
        "receipt = ?", (code,))
    assert status == "withdrawn"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", at), at
    assert site.query("SELECT old_status, new_status, reason, user_id FROM "
                      "status_changes WHERE endorsement_id = ?", (eid,)) == \
        [("pending", "withdrawn", "withdrawn by the signer", None)]
    page = expect(c.get("/receipt/" + code), 200).text
    text = strip_tags(page)
    # The date in words, the English way: "4 December 2026, 16:54 UTC".
    day = datetime.date.fromisoformat(at[:10])
    assert "was withdrawn on %d %s %d, %s UTC" % (
        day.day, day.strftime("%B"), day.year, at[11:16]) in text, text
    assert "/commitments" not in re.sub(r"<nav.*?</nav>", "", page, flags=re.S)
    assert "/withdraw" not in page, "a withdrawn receipt still offers actions"


def test_withdraw_twice_same_303():
    site = shared()
    c = site.client()
    code = endorse(c)
    h = form_of(c, "/receipt/%s/withdraw" % code)
    assert withdraw(c, code).status == 303
    first = site.query("SELECT withdrawn_at FROM endorsements WHERE "
                       "receipt = ?", (code,))
    r = c.post("/receipt/%s/withdraw" % code,
               encode([("csrf", h["csrf"]), ("confirm", "yes")]))
    assert r.status == 303 and r.header("Location") == "/receipt/" + code
    assert site.query("SELECT withdrawn_at FROM endorsements WHERE "
                      "receipt = ?", (code,)) == first
    assert site.query("SELECT count(*) FROM status_changes s JOIN "
                      "endorsements e ON e.id = s.endorsement_id WHERE "
                      "e.receipt = ?", (code,)) == [(1,)]


def test_withdraw_drops_off_both_public_lists():
    site = shared()
    c = site.client()
    name = "Withdrawing Mayor Zq"
    code = endorse(c, full_name=name)
    add_report(c, code, title="Report of Zq")
    set_status(site, code, "verified")
    assert name in expect(c.get("/signatories"), 200).text
    assert "Report of Zq" in expect(c.get("/commitments"), 200).text
    assert withdraw(c, code).status == 303
    assert name not in expect(c.get("/signatories"), 200).text
    assert "Report of Zq" not in expect(c.get("/commitments"), 200).text
    # The report's receipt is still there, without its update form.
    rc = site.query("SELECT c.receipt FROM commitments c JOIN endorsements "
                    "e ON e.id = c.endorsement_id WHERE e.receipt = ?",
                    (code,))[0][0]
    page = expect(c.get("/receipt/" + rc), 200).text
    assert "Report of Zq" in page and "/updates" not in page
