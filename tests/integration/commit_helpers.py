"""commit_helpers.py: shared steps of the tests of commitment reports,
updates, withdrawal and the public lists.  Not a test module."""
import sqlite3

from harness import (valid_fields, receipt_code, hidden_fields, encode,
                     expect)


def report_fields(**over):
    """A complete valid commitment report; None drops a field."""
    f = {
        "area": "inclusion",
        "title": "A welcome desk for newcomers",
        "description": "We open a welcome desk at the town hall.",
        "means": "Budget of the social department; two staff.",
        "indicators": "People served a month, reported each year.",
        "target_date": "2030-12-31",
        "status": "planned",
        "sdg": "10.7, 11.1",
    }
    for k, v in over.items():
        if v is None:
            f.pop(k, None)
        else:
            f[k] = v
    return f


def endorse(client, **over):
    """A new endorsement; its receipt code."""
    return receipt_code(client.submit(valid_fields(**over)))


def form_of(client, path):
    """GET path; the hidden fields of its (last) form."""
    r = expect(client.get(path), 200, "GET " + path)
    return hidden_fields(r.text)


def post_report(client, code, fields=None, hidden=None, extra=None,
                raw=None, content_type="application/x-www-form-urlencoded"):
    """POST a report to /receipt/CODE/commitments, as from its receipt."""
    if hidden is None and raw is None:
        hidden = form_of(client, "/receipt/" + code)
    if raw is None:
        pairs = [("csrf", hidden["csrf"]),
                 ("form_token", hidden["form_token"])]
        f = report_fields() if fields is None else fields
        pairs += list(f.items()) if isinstance(f, dict) else list(f)
        raw = encode(pairs)
        if extra:
            raw += "&" + extra
    return client.post("/receipt/%s/commitments" % code, raw,
                       content_type=content_type)


def add_report(client, code, **over):
    return receipt_code(post_report(client, code, report_fields(**over)))


def post_update(client, rcode, status="in_progress", narrative="Progress.",
                hidden=None):
    if hidden is None:
        hidden = form_of(client, "/receipt/" + rcode)
    raw = encode([("csrf", hidden["csrf"]),
                  ("form_token", hidden["form_token"]),
                  ("status", status), ("narrative", narrative)])
    return client.post("/receipt/%s/updates" % rcode, raw)


def withdraw(client, code, confirm="yes"):
    h = form_of(client, "/receipt/%s/withdraw" % code)
    pairs = [("csrf", h["csrf"])]
    if confirm is not None:
        pairs.append(("confirm", confirm))
    return client.post("/receipt/%s/withdraw" % code, encode(pairs))


def set_status(site, code, status, listed=None):
    """Set an endorsement's status in the database (the admin console's
    job), as the tests may."""
    c = sqlite3.connect(site.db, timeout=10)
    try:
        with c:
            if status == "withdrawn":
                c.execute("UPDATE endorsements SET status = ?, withdrawn_at"
                          " = '2026-01-01T00:00:00Z' WHERE receipt = ?",
                          (status, code))
            else:
                c.execute("UPDATE endorsements SET status = ? WHERE "
                          "receipt = ?", (status, code))
            if listed is not None:
                c.execute("UPDATE endorsements SET listed = ? WHERE "
                          "receipt = ?", (listed, code))
    finally:
        c.close()


def reports(site):
    return site.count("commitments")


def updates(site):
    return site.count("commitment_updates")
