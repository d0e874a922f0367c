"""test_confirm_flow.py: the whole e-mail confirmation, in Spanish, from
the form to the admin console's list and exports and the ledger.

A signer opens /endorse?lang=es and endorses with an address in a domain
an administrator listed as official; the confirmation mail comes in
Spanish; opening its link changes nothing, posting it confirms; the
receipt says so in Spanish, the admin list marks the endorsement
confirmed and official-domain, the exports carry confirmed_at and
official_domain, and the ledger holds the signed confirmation.  The
Spanish texts are those of po/es.po.
"""
import csv
import html as htmlmod
import io
import json
import re
import secrets
import subprocess

import harness
from harness import (ENDORSECTL, admin_client, catalog, confirm_path,
                     encode, expect, hidden_fields, mail_of, receipt_code,
                     strip_tags, valid_fields)
from test_languages import MONTHS, html_lang


def es(msgid, ctx=None):
    """The Spanish of an English message, from po/es.po."""
    text = catalog("es").get((ctx, msgid))
    assert text and text != msgid, "no Spanish for %r in po/es.po" % msgid
    return text


def words(s):
    """Text with its runs of white space (a mail's line breaks) as one
    space."""
    return " ".join(s.split())


def page_text(html):
    return words(htmlmod.unescape(strip_tags(html)))


def es_date(iso):
    """A date as the Spanish pages write it: 4 de diciembre de 2026."""
    y, m, d = (int(x) for x in iso[:10].split("-"))
    return "%d de %s de %d" % (d, MONTHS["es"][m - 1], y)


def test_the_whole_confirmation_in_spanish():
    s = harness.start_site(workers=2)
    try:
        _flow(s)
    finally:
        s.stop()


def _flow(s):
    dom = "sevilla-%s.es" % secrets.token_hex(3)
    addr = "alcaldia.%s@%s" % (secrets.token_hex(3), dom)
    name = "Ana Muñoz Peña"

    # An administrator lists the domain as official for Spain.
    a = admin_client(s)
    csrf = hidden_fields(expect(a.get("/admin/domains"), 200).text)["csrf"]
    r = a.post("/admin/domains", encode([("csrf", csrf), ("action", "add"),
                                         ("domain", dom),
                                         ("country", "ES")]))
    assert r.status == 303, r
    assert s.query("SELECT country FROM official_domains WHERE domain = ?",
                   (dom,)) == [("ES",)]

    # The signer endorses in Spanish, sending the form as a browser does.
    c = s.client()
    r, hidden = c.open_form("/endorse?lang=es")
    assert html_lang(r.text) == ("es", "ltr")
    assert es("Endorse the declaration") in page_text(r.text)
    fields = valid_fields(full_name=name, locality="Sevilla",
                          region="Andalucía", country="ES", email=addr)
    pairs = list(hidden.items()) + [kv for kv in fields.items()
                                    if kv[0] not in hidden]
    r = c.post("/endorse", encode(pairs))
    code = receipt_code(r)
    (eid, lang, at0), = s.query("SELECT id, lang, confirmed_at FROM "
                                "endorsements WHERE receipt = ?", (code,))
    assert (lang, at0) == ("es", None)
    receipt = expect(c.get("/receipt/" + code), 200).text
    assert html_lang(receipt)[0] == "es"
    assert es("Not confirmed yet: open the link in the e-mail we sent to "
              "this address.") in page_text(receipt)

    # The mail: well formed, to the signer, in Spanish, with the link.
    got = mail_of(s, addr)
    assert len(got) == 1, got
    raw, m = got[0]
    assert m.defects == [], m.defects
    for part in m.walk():
        assert part.defects == [], (part.get_content_type(), part.defects)
    assert [x.addr_spec for x in m["To"].addresses] == [addr]
    assert m["Subject"] == es("Confirm your endorsement of the Mechelen "
                              "Declaration"), m["Subject"]
    assert m["Content-Language"] == "es"
    text = m.get_body(("plain",)).get_content()
    body = words(text)
    for msgid in ("Thank you for endorsing the Mechelen Declaration on "
                  "Cities and Migration.",
                  "To confirm that this e-mail address is yours, open this "
                  "link and press the button on the page (the link works "
                  "for 30 days):"):
        assert es(msgid) in body, (es(msgid), body)
    assert es("Dear %s,") % name in body, body
    assert "Thank you for endorsing" not in body
    path = confirm_path(text)
    assert path in m.get_body(("html",)).get_content()
    assert "%s/receipt/%s" % (s.base_url, code) in text

    # Opening the link (a mail scanner would) changes nothing.
    r = expect(c.get(path), 200)
    assert html_lang(r.text)[0] == "es"
    assert es("Confirm your e-mail address") in page_text(r.text)
    assert s.query("SELECT confirmed_at FROM endorsements WHERE id = ?",
                   (eid,)) == [(None,)]
    n0 = s.query("SELECT count(*) FROM ledger")[0][0]

    # Posting it with its csrf confirms, and leads to the receipt.
    r = c.post(path, encode([("csrf", hidden_fields(r.text)["csrf"])]))
    assert r.status == 303 and r.header("Location") == "/receipt/" + code, r
    (at,), = s.query("SELECT confirmed_at FROM endorsements WHERE id = ?",
                     (eid,))
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", at or ""), at
    receipt = page_text(expect(c.get(r.header("Location")), 200).text)
    want = es("E-mail confirmed on %s") % es_date(at)
    assert want in receipt, (want, receipt)

    # The admin list: confirmed, and in an official domain.
    lst = expect(a.get("/admin/endorsements?confirmed=yes&official=yes"),
                 200).text
    row = re.search(r'<tr><td><a href="/admin/endorsements/%d">.*?</tr>'
                    % eid, lst, re.S)
    assert row, lst[:3000]
    assert 'tag-confirmed' in row.group(0) and \
        'tag-official' in row.group(0), row.group(0)

    # The exports: confirmed_at set, official_domain true.
    rows = json.loads(expect(a.get("/admin/export/endorsements.json"),
                             200).text)
    mine = [x for x in rows if x["id"] == eid]
    assert len(mine) == 1, rows
    assert mine[0]["confirmed_at"] == at
    assert mine[0]["official_domain"] is True
    assert mine[0]["lang"] == "es" and mine[0]["email"] == addr
    data = list(csv.DictReader(io.StringIO(
        expect(a.get("/admin/export/endorsements.csv"), 200).text)))
    crow = [x for x in data if x["id"] == str(eid)]
    assert len(crow) == 1, data
    assert crow[0]["confirmed_at"] == at
    assert crow[0]["official_domain"] == "true"

    # The ledger: one more entry, the signed confirmation, and whole.
    assert s.query("SELECT count(*) FROM ledger")[0][0] == n0 + 1
    (kind, ref, key_id), = s.query("SELECT kind, ref, key_id FROM ledger "
                                   "WHERE seq = ?", (n0 + 1,))
    assert (kind, ref) == ("confirmation", eid) and key_id
    f = expect(c.get("/receipt/%s.receipt" % code), 200).text
    assert f.endswith("\n\nkind confirmation\nreceipt %s\ntime %s\n"
                      % (code, at)), f
    p = subprocess.run([ENDORSECTL, "--db", s.db, "ledger", "verify"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.startswith("ok %d " % (n0 + 1)), p
