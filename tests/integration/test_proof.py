"""Signed receipts, the ledger and declaration versions (doc/RECEIPTS.md):
receipts checked offline and on /verify, a changed character refused, a
direct edit of a row named by "ledger verify", key rotation, the signed
ledger head, and endorsements tied to the exact text of a version."""
import base64
import hashlib
import html
import json
import os
import re
import shutil
import sqlite3
import secrets
import subprocess
import sys
import tempfile
import time

from harness import (DB_VERSION, ENDORSECTL, TOP, start_site, expect,
                     valid_fields, receipt_code, hidden_fields, encode,
                     admin_client, admin_csrf, strip_tags, error_summary,
                     mail_of, confirm_path)
import harness
from commit_helpers import add_report, post_update, withdraw

RECEIPTS_MD = os.path.join(TOP, "doc", "RECEIPTS.md")
VERIFIER = os.path.join(TOP, "doc", "verify_receipt.py")

_site = {}


def site():
    """A site of our own: these tests edit its database behind its back
    and rotate its key, which the shared site's tests must not see."""
    if "s" not in _site:
        _site["s"] = start_site(workers=2)
    return _site["s"]


def ctl(*args, stdin=None):
    return subprocess.run([ENDORSECTL] + list(args), capture_output=True,
                          text=True, timeout=60, input=stdin)


def endorse(s, **over):
    return receipt_code(s.client().submit(valid_fields(**over)))


def download(s, code):
    r = expect(s.client().get("/receipt/%s.receipt" % code), 200)
    assert r.header("Content-Type", "").startswith("text/plain"), r.headers
    assert "attachment" in r.header("Content-Disposition", "")
    assert "no-store" in r.header("Cache-Control", "")
    return r.body


def keys_json(s):
    r = expect(s.client().get("/.well-known/endorse-keys"), 200)
    assert r.header("Content-Type") == "application/json"
    assert "max-age" in r.header("Cache-Control", "")
    return r.body


def save(data, suffix):
    fd, path = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(fd, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    # endorsectl run as root works as the database's owner, who must be
    # able to read what it is given.
    os.chmod(path, 0o644)
    return path


def cli_verify(receipt, keys=None, db=None):
    args = []
    if db:
        args += ["--db", db]
    args += ["verify-receipt", save(receipt, ".receipt")]
    if keys is not None:
        args += ["--keys", save(keys, ".json")]
    return ctl(*args)


def web_verify(s, text):
    """POST /verify as the page's form does (no script): the verdict."""
    c = s.client()
    h = hidden_fields(expect(c.get("/verify"), 200).text)
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    # A browser's text box sends CR LF.
    r = c.post("/verify", encode([("csrf", h["csrf"]),
                                  ("receipt", text.replace("\n", "\r\n"))]))
    expect(r, 200)
    m = re.search(r'<section class="panel verdict".*?</section>', r.text,
                  re.S)
    assert m, r.text[:3000]
    return m.group(0)


def ledger_verify(s):
    return ctl("--db", s.db, "ledger", "verify")


def head_http(s):
    r = expect(s.client().get("/.well-known/endorse-ledger-head"), 200)
    assert r.header("Content-Type") == "application/json"
    return json.loads(r.text)


def python_verifiers():
    """Interpreters here that have PyNaCl or cryptography."""
    found = []
    for py in dict.fromkeys([sys.executable, shutil.which("python3"),
                             "/usr/bin/python3"]):
        if not py or not os.path.exists(py):
            continue
        p = subprocess.run([py, "-c", "import importlib.util as u, sys; "
                            "sys.exit(0 if u.find_spec('nacl') or "
                            "u.find_spec('cryptography') else 1)"])
        if p.returncode == 0:
            found.append(py)
    return found


# ---- receipts ------------------------------------------------------------

def test_receipt_downloaded_over_http_verifies_offline_and_on_verify():
    s = site()
    code = endorse(s, full_name="Zoë Ångström\\Łukasiewicz", region="")
    data = download(s, code)
    text = data.decode()
    assert text.startswith("endorse-receipt 1\nkey "), text
    assert "\nkind endorsement\nreceipt %s\n" % code in text, text
    assert "\nfull_name Zoë Ångström\\\\Łukasiewicz\n" in text, text
    assert "\nregion \n" in text, text
    # Offline with the database's keys, then with the keys from HTTP.
    p = cli_verify(data, db=s.db)
    assert p.returncode == 0 and p.stdout.startswith("genuine"), p
    p = cli_verify(data, keys=keys_json(s), db="/nonexistent/x.db")
    assert p.returncode == 0 and code in p.stdout, p
    v = web_verify(s, data)
    assert "Genuine" in v and "Not genuine" not in v, v
    assert "Zoë Ångström\\Łukasiewicz" in strip_tags(v), v
    # The receipt page links the file.
    page = s.client().get("/receipt/" + code).text
    assert 'href="/receipt/%s.receipt"' % code in page


def test_one_changed_character_is_not_genuine():
    s = site()
    code = endorse(s, full_name="Changed Character", locality="Mechelen")
    data = download(s, code).decode()
    for old, new in (("locality Mechelen", "locality Mechelem"),
                     ("full_name Changed", "full_name Chenged"),
                     ("country BE", "country NL")):
        bad = data.replace(old, new)
        assert bad != data
        p = cli_verify(bad, db=s.db)
        assert p.returncode == 1 and "not genuine" in p.stderr, p
        p = cli_verify(bad, keys=keys_json(s))
        assert p.returncode == 1, p
        v = web_verify(s, bad)
        assert "Not genuine" in v, v
    # A character more or less breaks it too, and so does garbage.
    for bad in (data.replace("Mechelen", "Mechelenn"), "hello", data[:-40]):
        assert cli_verify(bad, db=s.db).returncode == 1
        assert "Not genuine" in web_verify(s, bad)


def test_verify_page_without_receipt_is_422_and_needs_no_script():
    s = site()
    c = s.client()
    r = expect(c.get("/verify"), 200)
    assert '<textarea' in r.text and 'name="receipt"' in r.text
    assert 'method="post" action="/verify"' in r.text
    h = hidden_fields(r.text)
    r = c.post("/verify", encode([("csrf", h["csrf"]), ("receipt", "")]))
    expect(r, 422)
    assert error_summary(r.text) is not None
    # No CSRF pair: 403 as every form.
    r = s.client().post("/verify", "receipt=x")
    expect(r, 403)


def test_unknown_receipt_file_is_404():
    s = site()
    expect(s.client().get("/receipt/%s.receipt" % ("0" * 24)), 404)


def test_report_update_and_withdrawal_are_signed_too():
    s = site()
    c = s.client()
    code = endorse(s, full_name="Every Event")
    rcode = add_report(c, code, description="Line one\n\tLine two \\ end")
    expect(post_update(c, rcode, "achieved", "Done.\nAll of it."), 303)
    expect(withdraw(c, code), 303)
    e = download(s, code).decode()
    assert e.count("endorse-receipt 1\n") == 2, e
    assert "\nkind withdrawal\nreceipt %s\n" % code in e, e
    rf = download(s, rcode).decode()
    assert rf.count("endorse-receipt 1\n") == 2, rf
    assert "kind commitment" in rf and "kind update" in rf, rf
    assert "description Line one\\n\\tLine two \\\\ end\n" in rf, rf
    assert "narrative Done.\\nAll of it.\n" in rf, rf
    assert code not in rf, "a report's receipt must not reveal its " \
        "endorsement's code"
    for f in (e, rf):
        p = cli_verify(f, keys=keys_json(s))
        assert p.returncode == 0, p
        assert "Genuine" in web_verify(s, f)


def test_doc_test_vector_checks_out():
    with open(RECEIPTS_MD, encoding="utf-8") as f:
        md = f.read()

    def block(name):
        m = re.search(r"<!-- vector:%s -->\n```[a-z]*\n(.*?)```" % name,
                      md, re.S)
        assert m, name
        return m.group(1)
    receipt, keys = block("receipt"), block("keys")
    event = re.search(r"<!-- vector:event -->`([0-9a-f]{64})`", md).group(1)
    entry1 = re.search(r"<!-- vector:entry1 -->`([0-9a-f]{64})`",
                       md).group(1)
    record = receipt.split("\n\n", 1)[1].encode()
    assert len(record) == 302
    assert hashlib.sha256(record).hexdigest() == event
    assert hashlib.sha256(("endorse-ledger 1\n1\n%s\n%s\n" % ("0" * 64, event)
                           ).encode()).hexdigest() == entry1
    p = cli_verify(receipt, keys=keys)
    assert p.returncode == 0 and "genuine" in p.stdout, p
    bad = receipt.replace("status planned", "status plannec")
    p = cli_verify(bad, keys=keys)
    assert p.returncode == 1, p
    # The Python verifier of doc/, with each interpreter that can run it.
    pys = python_verifiers()
    for py in pys:
        good = subprocess.run([py, VERIFIER, save(receipt, ".receipt"),
                               save(keys, ".json")], capture_output=True,
                              text=True)
        assert good.returncode == 0 and good.stdout == "genuine\n", good
        no = subprocess.run([py, VERIFIER, save(bad, ".receipt"),
                             save(keys, ".json")], capture_output=True,
                            text=True)
        assert no.returncode == 1 and "not genuine" in no.stderr, no
    if not pys:
        print("# note: no PyNaCl or cryptography here: doc/verify_receipt.py"
              " not run")


def test_python_verifier_checks_a_live_receipt():
    pys = python_verifiers()
    if not pys:
        print("# note: doc/verify_receipt.py not run (no crypto module)")
        return
    s = site()
    code = endorse(s, full_name="Python Checked")
    data, keys = download(s, code), keys_json(s)
    for py in pys:
        p = subprocess.run([py, VERIFIER, save(data, ".receipt"),
                            save(keys, ".json")], capture_output=True,
                           text=True)
        assert p.returncode == 0, p
        p = subprocess.run([py, VERIFIER, save(data.replace(
            b"Python Checked", b"Python Chucked"), ".receipt"),
            save(keys, ".json")], capture_output=True, text=True)
        assert p.returncode == 1, p


# ---- keys ------------------------------------------------------------------

def test_key_file_is_private_and_outside_the_database():
    s = site()
    path = os.path.join(s.state, "signing.key")
    st = os.stat(path)
    assert st.st_mode & 0o777 == 0o600, oct(st.st_mode)
    assert st.st_size == 32
    seed = open(path, "rb").read()
    assert seed not in open(s.db, "rb").read()


def test_key_rotation_keeps_old_receipts_valid():
    s = site()
    old_code = endorse(s, full_name="Before Rotation")
    old = download(s, old_code)
    old_id = re.search(rb"key ([0-9a-f]{16})", old).group(1).decode()
    p = ctl("--db", s.db, "key", "generate")
    assert p.returncode == 0 and re.match(r"^[0-9a-f]{16}\n$", p.stdout), p
    new_id = p.stdout.strip()
    assert new_id != old_id
    new_code = endorse(s, full_name="After Rotation")
    new = download(s, new_code)
    assert ("key %s" % new_id).encode() in new, new
    keys = json.loads(keys_json(s))["keys"]
    byid = {k["key_id"]: k for k in keys}
    assert byid[old_id]["valid_until"] is not None
    assert byid[new_id]["valid_until"] is None
    assert len(base64.b64decode(byid[new_id]["public_key"])) == 32
    for data in (old, new, download(s, old_code)):
        p = cli_verify(data, keys=json.dumps({"keys": keys}))
        assert p.returncode == 0, p
        assert "Genuine" in web_verify(s, data)
    # Without the old key, the old receipt is not provable.
    only_new = json.dumps({"keys": [byid[new_id]]})
    assert cli_verify(old, keys=only_new).returncode == 1
    assert ledger_verify(s).returncode == 0


# ---- the ledger ----------------------------------------------------------------

def test_ledger_head_over_http_equals_cli_and_grows_by_one_per_event():
    s = site()
    p = ledger_verify(s)
    assert p.returncode == 0, p
    m = re.match(r"^ok (\d+) ([0-9a-f]{64})\n$", p.stdout)
    assert m, p.stdout
    h = head_http(s)
    assert (h["count"], h["head"]) == (int(m.group(1)), m.group(2)), h
    home = s.client().get("/").text
    assert m.group(2) in home and ("%d entries" % h["count"]) in home
    c = s.client()
    code = endorse(s, full_name="Grows By One")
    h1 = head_http(s)
    assert h1["count"] == h["count"] + 1 and h1["head"] != h["head"], h1
    rcode = add_report(c, code)
    expect(post_update(c, rcode), 303)
    assert head_http(s)["count"] == h["count"] + 3
    # A moderation decision is an event too.
    mod = admin_client(s)
    (eid,) = s.query("SELECT id FROM endorsements WHERE receipt = ?",
                     (code,))[0]
    csrf = admin_csrf(mod, "/admin/endorsements/%d" % eid)
    expect(mod.post("/admin/endorsements/%d/status" % eid,
                    "csrf=%s&status=verified&reason=checked" % csrf), 303)
    h4 = head_http(s)
    assert h4["count"] == h["count"] + 4, h4
    kinds = [k for (k,) in s.query("SELECT kind FROM ledger ORDER BY seq "
                                   "DESC LIMIT 4")]
    assert kinds == ["moderation", "update", "commitment", "endorsement"], \
        kinds
    p = ledger_verify(s)
    assert p.stdout == "ok %d %s\n" % (h4["count"], h4["head"]), p
    # A head kept from before is still entry COUNT of the longer chain.
    assert s.query("SELECT lower(hex(entry_sha256)) FROM ledger WHERE "
                   "seq = ?", (h["count"],)) == [(h["head"],)] or \
        h["count"] == 0
    # The head is signed with the current key.
    keys = {k["key_id"]: k for k in json.loads(keys_json(s))["keys"]}
    assert h4["key_id"] in keys and keys[h4["key_id"]]["valid_until"] is None
    msg = "endorse-ledger-head 1\ncount %d\nhead %s\ntime %s\n" % (
        h4["count"], h4["head"], h4["time"])
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import \
            Ed25519PublicKey
    except ImportError:
        return
    Ed25519PublicKey.from_public_bytes(base64.b64decode(
        keys[h4["key_id"]]["public_key"])).verify(
        base64.b64decode(h4["signature"]), msg.encode())


def test_ledger_rows_cannot_be_changed_or_deleted():
    s = site()
    endorse(s, full_name="Append Only")
    c = sqlite3.connect(s.db, timeout=10)
    try:
        for sql in ("UPDATE ledger SET kind = 'update' WHERE seq = 1",
                    "DELETE FROM ledger WHERE seq = 1",
                    "DELETE FROM signing_keys",
                    "UPDATE declaration_texts SET text = 'x'"):
            try:
                with c:
                    c.execute(sql)
            except sqlite3.DatabaseError as e:
                assert "append-only" in str(e) or "never" in str(e) or \
                    "stay" in str(e), e
            else:
                raise AssertionError("not refused: " + sql)
    finally:
        c.close()


def test_new_declaration_version_leaves_old_receipts_on_the_old_text():
    s = site()
    old_code = endorse(s, full_name="Version One Signer")
    (v1, h1) = s.query("SELECT declaration_version, declaration_sha256 "
                       "FROM endorsements WHERE receipt = ?",
                       (old_code,))[0]
    text1 = s.query("SELECT text FROM declaration_texts WHERE version = ? "
                    "AND lang = 'en'", (v1,))[0][0]
    assert hashlib.sha256(text1.encode()).hexdigest() == h1
    new_text = text1.replace("more positive narrative",
                             "more truthful and positive narrative")
    assert new_text != text1
    p = ctl("--db", s.db, "declaration", "publish",
            save(new_text.replace("\n", "\r\n"), ".txt"), "--lang", "en")
    assert p.returncode == 0, p
    v2, lang, h2 = p.stdout.split()
    assert int(v2) == v1 + 1 and lang == "en"
    assert h2 == hashlib.sha256(new_text.encode()).hexdigest()
    # The same language again is refused: a text never changes.
    p = ctl("--db", s.db, "declaration", "publish", save("x\n", ".txt"),
            "--lang", "en", "--version", v2)
    assert p.returncode == 1, p
    p = ctl("--db", s.db, "declaration", "list")
    assert p.returncode == 0 and ("%s en %s" % (v2, h2)) in p.stdout, p
    assert ("%d fr " % v1) in p.stdout and ("%d ar " % v1) in p.stdout
    # Old receipt: still version 1, its hash, a link to that very text.
    page = s.client().get("/receipt/" + old_code).text
    assert "Version %d, SHA-256 %s" % (v1, h1) in page, page
    link = "/declaration?version=%d&amp;lang=en" % v1
    assert link in page
    old_page = expect(s.client().get(link.replace("&amp;", "&")), 200).text
    assert "more positive narrative" in old_page
    assert "truthful" not in old_page and h1 in old_page
    # The current text is the new one; a new endorsement records it.
    cur = expect(s.client().get("/declaration"), 200).text
    assert "truthful" in cur and h2 in cur
    new_code = endorse(s, full_name="Version Two Signer")
    assert s.query("SELECT declaration_version, declaration_sha256 FROM "
                   "endorsements WHERE receipt = ?", (new_code,)) == \
        [(int(v2), h2)]
    assert ("declaration_version %s\n" % v2).encode() in \
        download(s, new_code)
    # The old receipt is unchanged and still genuine.
    old = download(s, old_code)
    assert ("declaration_sha256 %s\n" % h1).encode() in old
    assert cli_verify(old, db=s.db).returncode == 0
    # A French signer of version 2 (no French text yet) gets the English.
    fr = endorse(s, full_name="Signataire", lang="fr")
    assert s.query("SELECT declaration_sha256 FROM endorsements WHERE "
                   "receipt = ?", (fr,)) == [(h2,)]
    # Its page in French shows the English text, saying why.
    note = harness.catalog("fr")[(None, "This version has no text in your "
                                  "language yet: shown in English.")]
    page = expect(s.client().get("/declaration?lang=fr"), 200).text
    assert "truthful" in page and h2 in page
    assert html.escape(note, quote=False) in page, page[-3000:]
    assert note not in expect(s.client().get("/declaration?version=%d"
                                             "&lang=fr" % v1), 200).text


def test_declaration_page_in_each_language_with_its_hash():
    s = site()
    rows = s.query("SELECT lang, text, sha256 FROM declaration_texts "
                   "WHERE version = 1 ORDER BY lang")
    assert sorted(r[0] for r in rows) == ["ar", "en", "es", "fr"]
    for lang, text, sha in rows:
        assert hashlib.sha256(text.encode()).hexdigest() == sha
        r = expect(s.client().get("/declaration?version=1&lang=" + lang),
                   200)
        assert sha in r.text and text.split("\n")[0] in r.text
        assert ('lang="%s"' % lang) in r.text
    assert 'dir="rtl"' in s.client().get(
        "/declaration?version=1&lang=ar").text
    # The form says the current text is endorsed, and links it.
    form = expect(s.client().get("/endorse"), 200).text
    assert "current text; your receipt records its version" in form, form
    assert 'href="/declaration?lang=en"' in form
    expect(s.client().get("/declaration?version=999"), 404)
    expect(s.client().get("/declaration?version=abc"), 400)
    expect(s.client().get("/declaration?lang=xx"), 400)


def test_direct_edit_of_a_row_is_named_by_ledger_verify():
    s = site()
    assert ledger_verify(s).returncode == 0
    code = endorse(s, full_name="Edited Behind The Back")
    (eid,) = s.query("SELECT id FROM endorsements WHERE receipt = ?",
                     (code,))[0]
    (seq,) = s.query("SELECT seq FROM ledger WHERE kind = 'endorsement' "
                     "AND ref = ?", (eid,))[0]
    endorse(s, full_name="After The Edited One")
    sql = ("UPDATE endorsements SET locality = 'Antwerp' WHERE id = %d;"
           % eid)
    if shutil.which("sqlite3"):
        p = subprocess.run(["sqlite3", s.db, sql], capture_output=True,
                           text=True)
        assert p.returncode == 0, p
    else:
        c = sqlite3.connect(s.db)
        with c:
            c.execute(sql)
        c.close()
    p = ledger_verify(s)
    assert p.returncode == 1, p
    assert ("ledger entry %d (endorsement %d)" % (seq, eid)) in p.stderr, p
    assert "%d entries before it are good" % (seq - 1) in p.stderr, p
    # Its downloaded receipt no longer verifies either: the row changed.
    assert cli_verify(download(s, code), db=s.db).returncode == 1
    # Put it back: the chain is whole again.
    c = sqlite3.connect(s.db)
    with c:
        c.execute("UPDATE endorsements SET locality = 'Mechelen' WHERE "
                  "id = ?", (eid,))
    c.close()
    assert ledger_verify(s).returncode == 0


# ---- confirmations -------------------------------------------------------------

def endorse_and_open_link(s, **over):
    """Endorse with an address of its own, open the link of its mail:
    client, receipt code, endorsement id, /confirm/ path, csrf."""
    c = s.client()
    addr = "c%s@mechelen.be" % secrets.token_hex(4)
    code = receipt_code(c.submit(valid_fields(email=addr, **over)))
    (eid,) = s.query("SELECT id FROM endorsements WHERE receipt = ?",
                     (code,))[0]
    (_, m), = mail_of(s, addr)
    path = confirm_path(m.get_body(("plain",)).get_content())
    csrf = hidden_fields(expect(c.get(path), 200).text)["csrf"]
    return c, code, eid, path, csrf


def confirm(c, path, csrf, code):
    r = c.post(path, encode([("csrf", csrf)]))
    assert r.status == 303 and r.header("Location") == "/receipt/" + code, r


def confirmed_at(s, eid):
    return s.query("SELECT confirmed_at FROM endorsements WHERE id = ?",
                   (eid,))[0][0]


def test_confirmation_is_one_signed_entry_of_the_ledger_and_the_receipt():
    s = site()
    c, code, eid, path, csrf = endorse_and_open_link(s, full_name="Conf")
    n0 = head_http(s)["count"]
    assert confirmed_at(s, eid) is None
    confirm(c, path, csrf, code)
    at = confirmed_at(s, eid)
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", at), at
    h = head_http(s)
    assert h["count"] == n0 + 1, h
    rows = s.query("SELECT seq, kind, ref, key_id, lower(hex(event_sha256)) "
                   "FROM ledger WHERE seq > ? ORDER BY seq", (n0,))
    assert len(rows) == 1 and rows[0][1:3] == ("confirmation", eid), rows
    seq, _, _, key_id, ev = rows[0]
    assert key_id is not None, "a confirmation is signed like a withdrawal"
    record = "kind confirmation\nreceipt %s\ntime %s\n" % (code, at)
    assert hashlib.sha256(record.encode()).hexdigest() == ev
    # The receipt file carries it after the endorsement, signed.
    f = download(s, code).decode()
    assert f.count("endorse-receipt 1\n") == 2, f
    assert f.endswith("\n\n" + record), f
    assert "key %s\n" % key_id in f
    p = cli_verify(f, keys=keys_json(s))
    assert p.returncode == 0, p
    assert "confirmation" in p.stdout, p.stdout
    assert "Genuine" in web_verify(s, f)
    # A second POST, a second later, changes nothing and appends nothing.
    time.sleep(1.1)
    confirm(c, path, csrf, code)
    assert confirmed_at(s, eid) == at
    assert head_http(s)["count"] == n0 + 1
    assert s.query("SELECT count(*) FROM ledger WHERE kind = "
                   "'confirmation' AND ref = ?", (eid,)) == [(1,)]
    p = ledger_verify(s)
    assert p.returncode == 0 and p.stdout.startswith("ok %d " % (n0 + 1)), p


def test_changed_confirmed_at_is_named_by_ledger_verify():
    s = site()
    c, code, eid, path, csrf = endorse_and_open_link(s, full_name="Conf2")
    confirm(c, path, csrf, code)
    at = confirmed_at(s, eid)
    (seq,) = s.query("SELECT seq FROM ledger WHERE kind = 'confirmation' "
                     "AND ref = ?", (eid,))[0]
    endorse(s, full_name="After The Confirmation")
    assert ledger_verify(s).returncode == 0

    def edit(value, which=eid):
        db = sqlite3.connect(s.db, timeout=10)
        with db:
            db.execute("UPDATE endorsements SET confirmed_at = ? "
                       "WHERE id = ?", (value, which))
        db.close()

    edit("2001-01-01T00:00:00Z")
    p = ledger_verify(s)
    assert p.returncode == 1, p
    assert ("ledger entry %d (confirmation %d) does not match: its "
            "event's row no longer matches its hash" % (seq, eid)) \
        in p.stderr, p
    assert "the %d entries before it are good" % (seq - 1) in p.stderr, p
    assert cli_verify(download(s, code), db=s.db).returncode == 1
    # Cleared: the event is gone.
    edit(None)
    p = ledger_verify(s)
    assert p.returncode == 1, p
    assert ("ledger entry %d (confirmation %d) does not match: its "
            "event's row is gone" % (seq, eid)) in p.stderr, p
    edit(at)
    assert ledger_verify(s).returncode == 0
    # An address marked confirmed by hand has no entry.
    code2 = endorse(s, full_name="Confirmed By Hand")
    (eid2,) = s.query("SELECT id FROM endorsements WHERE receipt = ?",
                      (code2,))[0]
    edit("2030-01-01T00:00:00Z", eid2)
    p = ledger_verify(s)
    assert p.returncode == 1, p
    assert "confirmation %d is in no ledger entry" % eid2 in p.stderr, p
    edit(None, eid2)
    assert ledger_verify(s).returncode == 0


# ---- migration -----------------------------------------------------------------

def test_version_1_database_migrates_and_its_endorsements_get_version_1():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "endorse.db")
        c = sqlite3.connect(db)
        with open(os.path.join(TOP, "schema.sql")) as f:
            c.executescript(f.read())
        c.execute("INSERT INTO receipts (code, kind) VALUES (?, "
                  "'endorsement')", ("A" * 24,))
        c.execute("INSERT INTO endorsements (declaration_id, receipt, "
                  "form_token, fields_hash, full_name, role, "
                  "government_level, locality, country, email, listed, "
                  "consent, lang) VALUES (1, ?, ?, zeroblob(32), 'Old', "
                  "'mayor', 'local', 'Gent', 'BE', 'a@b.be', 1, 1, 'fr')",
                  ("A" * 24, "t" * 40))
        c.execute("PRAGMA user_version = 1")
        c.commit()
        c.close()
        p = ctl("--db", db, "init")
        assert p.returncode == 0, p
        assert ("migrated from schema version 1 to %d" % DB_VERSION) in p.stdout, p.stdout
        assert "signing key" in p.stdout, p.stdout
        c = sqlite3.connect(db)
        row = c.execute("SELECT e.declaration_version, e.declaration_sha256 "
                        "= t.sha256 FROM endorsements e JOIN "
                        "declaration_texts t ON t.version = 1 AND "
                        "t.lang = 'fr'").fetchone()
        c.close()
        assert row == (1, 1), row
        assert os.stat(os.path.join(d, "signing.key")).st_mode & 0o777 == \
            0o600
        # The endorsement from before the ledger is its first entry
        # (unsigned: it had no key then); later ones chain after it.
        assert "1 earlier events entered into the ledger" in p.stdout, p
        p = ctl("--db", db, "ledger", "verify")
        assert re.match(r"^ok 1 [0-9a-f]{64}\n$", p.stdout), p
        c = sqlite3.connect(db)
        assert c.execute("SELECT seq, kind, key_id FROM ledger").fetchall() \
            == [(1, "endorsement", None)]
        assert c.execute("SELECT count(*) FROM meta WHERE key = "
                         "'ledger_backfill'").fetchone() == (0,)
        c.close()
        # Once only: a row slipped in later stays outside the chain.
        c = sqlite3.connect(db)
        with c:
            c.execute("INSERT INTO receipts (code, kind) VALUES (?, "
                      "'endorsement')", ("B" * 24,))
            c.execute("INSERT INTO endorsements (declaration_id, receipt, "
                      "form_token, fields_hash, full_name, role, "
                      "government_level, locality, country, email, "
                      "listed, consent) VALUES (1, ?, ?, zeroblob(32), "
                      "'Sneaked', 'mayor', 'local', 'Gent', 'BE', "
                      "'a@b.be', 1, 1)", ("B" * 24, "u" * 40))
        c.close()
        p = ctl("--db", db, "init")
        assert "earlier events" not in p.stdout, p
        p = ctl("--db", db, "ledger", "verify")
        assert p.returncode == 1, p
        assert "endorsement 2 is in no ledger entry" in p.stderr, p


def v4_ledger_sql():
    """The ledger table and its triggers as schema version 2 made them
    and version 4 still had them, from migrations/2.sql itself."""
    with open(os.path.join(TOP, "migrations", "2.sql")) as f:
        sql = f.read()
    parts = re.findall(r"^CREATE TABLE ledger \(.*?^\);$|"
                       r"^CREATE TRIGGER ledger_\w+ .*?^END;$", sql,
                       re.M | re.S)
    assert len(parts) == 3, parts
    return "\n".join(parts)


def test_version_4_database_migrates_keeping_its_ledger():
    """A database of schema version 4 with ledger entries of every kind
    it knew, and an address confirmed then (without an entry): init
    rebuilds the ledger with every row as it was, enters that
    confirmation once, and the chain verifies."""
    s = start_site(workers=1)
    try:
        c = s.client()
        code = endorse(s, full_name="Confirmed Under Version 4",
                       email="v4@mechelen.be")
        rcode = add_report(c, code)
        expect(post_update(c, rcode), 303)
        gone = endorse(s, full_name="Withdrawn Under Version 4")
        expect(withdraw(c, gone), 303)
        mod = admin_client(s)
        (eid,) = s.query("SELECT id FROM endorsements WHERE receipt = ?",
                         (code,))[0]
        csrf = admin_csrf(mod, "/admin/endorsements/%d" % eid)
        expect(mod.post("/admin/endorsements/%d/status" % eid,
                        "csrf=%s&status=verified&reason=ok" % csrf), 303)
        d = tempfile.mkdtemp(prefix="endorse-v4-")
        db = os.path.join(d, "endorse.db")
        # endorsectl run as root works as the database's owner, who must
        # be able to write there.
        os.chmod(d, 0o777)
        p = ctl("--db", s.db, "backup", db)
        assert p.returncode == 0, p
        key = os.path.join(s.state, "signing.key")
        shutil.copy(key, d)
        st = os.stat(key)
        os.chown(os.path.join(d, "signing.key"), st.st_uid, st.st_gid)
    finally:
        s.stop()
    try:
        # Back to version 4: its ledger, and a confirmation it stored
        # as it did then, with no entry.
        c = sqlite3.connect(db, isolation_level=None)
        c.executescript(
            "BEGIN;"
            "DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete;"
            "ALTER TABLE ledger RENAME TO ledger_v5;" + v4_ledger_sql() +
            "INSERT INTO ledger SELECT * FROM ledger_v5 ORDER BY seq;"
            "DROP TABLE ledger_v5;"
            "UPDATE endorsements SET confirmed_at = '2026-01-02T03:04:05Z' "
            "WHERE id = %d;"
            "PRAGMA user_version = 4;"
            "COMMIT;" % eid)
        before = c.execute("SELECT * FROM ledger ORDER BY seq").fetchall()
        kinds = sorted(set(r[1] for r in before))
        assert kinds == ["commitment", "endorsement", "moderation", "update",
                         "withdrawal"], kinds
        try:
            c.execute("INSERT INTO ledger (seq, kind, ref, event_sha256, "
                      "prev_sha256, entry_sha256) VALUES (999, "
                      "'confirmation', 1, zeroblob(32), zeroblob(32), "
                      "zeroblob(32))")
        except sqlite3.IntegrityError as e:
            assert "CHECK" in str(e), e
        else:
            raise AssertionError("version 4's ledger took a confirmation")
        c.close()
        p = ctl("--db", db, "ledger", "verify")
        assert p.returncode == 1 and "endorsectl init" in p.stderr, p

        p = ctl("--db", db, "init")
        assert p.returncode == 0, p
        assert ("migrated from schema version 4 to %d" % DB_VERSION) in p.stdout, p.stdout
        assert "1 earlier events entered into the ledger" in p.stdout, p
        assert "signing key" not in p.stdout, p.stdout
        c = sqlite3.connect(db)
        after = c.execute("SELECT * FROM ledger ORDER BY seq").fetchall()
        assert after[:len(before)] == before
        assert [r[1:3] + r[6:8] for r in after[len(before):]] == \
            [("confirmation", eid, None, None)], after[len(before):]
        schema = dict(c.execute("SELECT name, tbl_name FROM sqlite_master "
                                "WHERE tbl_name LIKE 'ledger%'").fetchall())
        assert schema == {"ledger": "ledger",
                          "sqlite_autoindex_ledger_1": "ledger",
                          "ledger_no_update": "ledger",
                          "ledger_no_delete": "ledger"}, schema
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        for sql in ("UPDATE ledger SET ref = 0 WHERE seq = 1",
                    "DELETE FROM ledger WHERE seq = 1",
                    "INSERT INTO ledger (seq, kind, ref, event_sha256, "
                    "prev_sha256, entry_sha256) VALUES (999, 'bogus', 1, "
                    "zeroblob(32), zeroblob(32), zeroblob(32))"):
            try:
                with c:
                    c.execute(sql)
            except sqlite3.DatabaseError as e:
                assert "append-only" in str(e) or "CHECK" in str(e), e
            else:
                raise AssertionError("not refused: " + sql)
        c.close()
        p = ctl("--db", db, "ledger", "verify")
        assert p.returncode == 0, p
        assert p.stdout.startswith("ok %d " % (len(before) + 1)), p
        # Once only.
        p = ctl("--db", db, "init")
        assert p.returncode == 0 and "earlier events" not in p.stdout, p
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_init_replaces_a_key_the_database_does_not_publish():
    """After a restore of a backup older than a rotation, the key file
    holds a key the database never published: init makes a new one."""
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "endorse.db")
        assert ctl("--db", db, "init").returncode == 0
        assert ctl("--db", db, "backup", os.path.join(d, "old.db")
                   ).returncode == 0
        assert ctl("--db", db, "key", "generate").returncode == 0
        for f in ("endorse.db", "endorse.db-wal", "endorse.db-shm"):
            if os.path.exists(os.path.join(d, f)):
                os.unlink(os.path.join(d, f))
        os.rename(os.path.join(d, "old.db"), db)
        p = ctl("--db", db, "init")
        assert p.returncode == 0 and "not the published one" in p.stdout, p
        c = sqlite3.connect(db)
        n = c.execute("SELECT count(*) FROM signing_keys WHERE "
                      "valid_until IS NULL").fetchone()[0]
        c.close()
        assert n == 1
        p = ctl("--db", db, "init")
        assert "signing key" not in p.stdout, p
