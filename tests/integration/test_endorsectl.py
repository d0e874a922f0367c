"""endorsectl: init, verify, exit statuses."""
import os
import re
import sqlite3
import subprocess
import tempfile

from harness import (DB_VERSION, ENDORSECTL, TOP, shared, valid_fields,
                     receipt_code)



def ctl(*args, env=None):
    e = dict(os.environ)
    e.pop("ENDORSE_STATE_DIR", None)
    e.update(env or {})
    return subprocess.run([ENDORSECTL] + list(args), capture_output=True,
                          text=True, timeout=30, env=e)


def _schema(db):
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return (c.execute("PRAGMA user_version").fetchone()[0],
                sorted(r[0] for r in c.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'")))
    finally:
        c.close()


def test_init_creates_the_latest_schema_version():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "e.db")
        p = ctl("--db", db, "init")
        assert p.returncode == 0, p.stderr
        version, tables = _schema(db)
        assert version == DB_VERSION
        assert {"endorsements", "receipts", "meta", "outbox",
                "confirm_tokens", "official_domains", "ledger",
                "signing_keys", "declaration_texts"} <= set(tables), tables


def test_init_migrates_a_version_1_database_keeping_its_rows():
    top = os.path.join(os.path.dirname(__file__), "..", "..")
    with open(os.path.join(top, "schema.sql")) as f:
        v1 = f.read()
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "e.db")
        c = sqlite3.connect(db)
        c.executescript(v1)
        c.execute("PRAGMA user_version = 1")
        c.execute("INSERT INTO receipts (code, kind) VALUES (?, "
                  "'endorsement')", ("A" * 24,))
        c.execute("INSERT INTO endorsements (declaration_id, receipt, "
                  "form_token, fields_hash, full_name, role, "
                  "government_level, locality, country, email, listed, "
                  "consent) VALUES (1, ?, ?, zeroblob(32), 'Ana', 'mayor', "
                  "'local', 'Gent', 'BE', 'ana@gent.be', 1, 1)",
                  ("A" * 24, "t" * 40))
        c.commit()
        c.close()
        p = ctl("--db", db, "init")
        assert p.returncode == 0, p.stderr
        assert ("migrated from schema version 1 to %d" % DB_VERSION
                in p.stdout), p.stdout
        assert _schema(db)[0] == DB_VERSION
        c = sqlite3.connect(db)
        assert c.execute("SELECT full_name, confirmed_at FROM endorsements"
                         ).fetchall() == [("Ana", None)]
        # The address is still found in any case, by the one index left.
        indexes = {r[0] for r in c.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND "
            "tbl_name = 'endorsements'")}
        assert "endorsements_email" not in indexes, indexes
        plan = " ".join(r[3] for r in c.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM endorsements "
            "WHERE email = ? COLLATE NOCASE", ("ANA@GENT.BE",)))
        assert "endorsements_email_nocase" in plan, plan
        assert c.execute("SELECT full_name FROM endorsements WHERE "
                         "email = ? COLLATE NOCASE", ("ANA@GENT.BE",)
                         ).fetchall() == [("Ana",)]
        c.close()


def test_init_twice_is_idempotent():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "e.db")
        assert ctl("--db", db, "init").returncode == 0
        first = _schema(db)
        c = sqlite3.connect(db)
        secret = c.execute("SELECT value FROM meta WHERE key='secret'"
                           ).fetchone()
        c.close()
        p = ctl("--db", db, "init")
        assert p.returncode == 0, p.stderr
        assert _schema(db) == first
        assert first[0] == DB_VERSION
        c = sqlite3.connect(db)
        assert c.execute("SELECT value FROM meta WHERE key='secret'"
                         ).fetchone() == secret, "init changed the secret"
        c.close()


def test_init_uses_state_dir_by_default():
    with tempfile.TemporaryDirectory() as d:
        p = ctl("init", env={"ENDORSE_STATE_DIR": d})
        assert p.returncode == 0, p.stderr
        assert os.path.exists(os.path.join(d, "endorse.db"))


def test_verify_prints_status():
    site = shared()
    code = receipt_code(site.client().submit(valid_fields(
        full_name="Ctl Verify")))
    p = ctl("--db", site.db, "verify", code)
    assert p.returncode == 0, p.stderr
    assert code in p.stdout and "pending" in p.stdout, p.stdout


def test_verify_lower_case_code():
    site = shared()
    code = receipt_code(site.client().submit(valid_fields(
        full_name="Ctl Verify Lower")))
    p = ctl("--db", site.db, "verify", code.lower())
    assert p.returncode == 0, p.stderr
    assert "pending" in p.stdout


def test_verify_unknown_code_exits_1():
    p = ctl("--db", shared().db, "verify", "0" * 24)
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert p.stderr.strip() and len(p.stderr.strip().splitlines()) == 1, \
        p.stderr
    assert p.stdout == ""


def test_verify_malformed_code_exits_1():
    p = ctl("--db", shared().db, "verify", "not-a-code")
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert len(p.stderr.strip().splitlines()) == 1, p.stderr


def test_no_command_exits_2():
    p = ctl()
    assert p.returncode == 2, p.returncode
    assert "usage" in p.stderr.lower()


def test_unknown_command_exits_2():
    assert ctl("--db", shared().db, "frobnicate").returncode == 2


def test_verify_without_code_exits_2():
    assert ctl("--db", shared().db, "verify").returncode == 2


def test_verify_extra_argument_exits_2():
    assert ctl("--db", shared().db, "verify", "A" * 24, "B").returncode == 2


def test_init_extra_argument_exits_2():
    with tempfile.TemporaryDirectory() as d:
        assert ctl("--db", os.path.join(d, "e.db"), "init",
                   "extra").returncode == 2


def test_unknown_option_exits_2():
    assert ctl("--bogus", "init").returncode == 2
