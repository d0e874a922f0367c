"""What the programs say when started or called wrongly: usage errors
exit 2, errors of the environment or the data 1, each with a line on
standard error, and nothing is started or written."""
import os
import sqlite3
import subprocess
import tempfile
import time

from harness import ENDORSECTL

SRC = os.path.dirname(ENDORSECTL)


def run(prog, *args, env=None, stdin=""):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([os.path.join(SRC, prog)] + list(args),
                          capture_output=True, text=True, input=stdin,
                          timeout=30, env=e)


def test_fastcgi_programs_refuse_bad_options_and_environment():
    with tempfile.TemporaryDirectory() as d:
        sock = os.path.join(d, "s.sock")
        for prog in ("endorse-web", "endorse-admin"):
            for args in (["--workers", "0"], ["--workers", "x"],
                         ["--nonsense"], ["extra"]):
                p = run(prog, "--listen", sock, *args,
                        env={"ENDORSE_STATE_DIR": d})
                assert p.returncode == 2, (prog, args, p.returncode)
                assert "usage" in p.stderr, p.stderr
            for env, what in (({"ENDORSE_WORKERS": "0"}, "ENDORSE_WORKERS"),
                              ({"ENDORSE_WORKERS": "9x"}, "ENDORSE_WORKERS"),
                              ({"ENDORSE_BASE_URL": "ftp://x"},
                               "ENDORSE_BASE_URL"),
                              ({"ENDORSE_BASE_URL": "http://x/path"},
                               "ENDORSE_BASE_URL"),
                              ({"ENDORSE_BASE_URL": "https://"},
                               "ENDORSE_BASE_URL")):
                env = dict(env, ENDORSE_STATE_DIR=d)
                p = run(prog, "--listen", sock, env=env)
                assert p.returncode == 1, (prog, env, p.returncode)
                assert what in p.stderr, p.stderr
            assert not os.path.exists(sock)


def test_endorsectl_usage_and_user_errors():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "e.db")
        assert run("endorsectl", "--db", db, "init").returncode == 0
        usage = [[], ["nonsense"], ["init", "extra"], ["verify"],
                 ["event"], ["event", "add"], ["event", "nonsense"],
                 ["user"], ["user", "add"], ["user", "nonsense"],
                 ["user", "add", "x", "--role"], ["export"],
                 ["export", "endorsements"], ["backup"], ["--bad"]]
        for args in usage:
            p = run("endorsectl", "--db", db, *args)
            assert p.returncode == 2, (args, p.returncode, p.stderr)
            assert "usage" in p.stderr.lower(), (args, p.stderr)
        errors = [
            (["verify", "not-a-code"], "", "not a receipt code"),
            (["verify", "0123456789ABCDEFGHJKMNPQ"], "", "no such receipt"),
            (["event", "add", "X", "--date", "2030-02-30"], "",
             "not a date"),
            (["event", "add", ""], "", "empty"),
            (["event", "close", "no-such-event"], "", "no such event"),
            (["user", "add", "bob", "--role", "king"], "pw-long-enough-1\n",
             "not a role"),
            (["user", "add", "bad name!"], "pw-long-enough-1\n",
             "user name"),
            (["user", "add", "bob"], "short\n", "too short"),
            (["user", "add", "bob"], "", "empty"),
            (["user", "passwd", "nobody-here"], "pw-long-enough-1\n",
             "no such user"),
        ]
        for args, stdin, what in errors:
            p = run("endorsectl", "--db", db, *args, stdin=stdin)
            assert p.returncode == 1, (args, p.returncode, p.stderr)
            assert what in p.stderr, (args, p.stderr)
        p = run("endorsectl", "--db", db, "user", "add", "bob",
                stdin="pw-long-enough-1\n")
        assert p.returncode == 0, p.stderr
        p = run("endorsectl", "--db", db, "user", "add", "bob",
                stdin="pw-long-enough-1\n")
        assert p.returncode == 1 and "exists" in p.stderr, p.stderr
        # A database that cannot be opened.
        p = run("endorsectl", "--db", os.path.join(d, "no", "such", "x.db"),
                "user", "list")
        assert p.returncode == 1, (p.returncode, p.stderr)
        p = run("endorsectl", "--db", db, "backup", db)
        assert p.returncode == 1, (p.returncode, p.stderr)


def _ctl(db, *args, stdin="", env=None):
    return run("endorsectl", "--db", db, *args, stdin=stdin, env=env)


def _fails(p, status, what, args):
    assert p.returncode == status, (args, p.returncode, p.stdout, p.stderr)
    assert what in p.stderr, (args, p.stderr)


def test_every_endorsectl_command_without_a_database_fails_and_makes_none():
    with tempfile.TemporaryDirectory() as d:
        keys = os.path.join(d, "keys.json")
        decl = os.path.join(d, "decl.txt")
        with open(keys, "w") as f:
            f.write("{}")
        with open(decl, "w") as f:
            f.write("The text.\n")
        for db in (os.path.join(d, "no", "such", "e.db"),
                   os.path.join(d, "absent.db")):
            cmds = [["verify", "0" * 24], ["event", "add", "Conf"],
                    ["event", "close", "1"], ["user", "list"],
                    ["export", "endorsements", "--format", "csv"],
                    ["backup", os.path.join(d, "b.db")],
                    ["key", "generate"], ["verify-receipt", decl],
                    ["ledger", "verify"], ["declaration", "list"],
                    ["declaration", "publish", decl, "--lang", "en"],
                    ["domain", "list"], ["domain", "add", "gent.be"],
                    ["domain", "remove", "gent.be"], ["mail", "status"],
                    ["mail", "retry"]]
            for args in cmds:
                _fails(_ctl(db, *args), 1, "cannot open the database", args)
            assert not os.path.exists(db)
            assert not os.path.exists(os.path.join(d, "b.db"))


def test_endorsectl_proof_commands_refuse_bad_input():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "e.db")
        assert _ctl(db, "init").returncode == 0
        notkeys = os.path.join(d, "notkeys.json")
        with open(notkeys, "w") as f:
            f.write("[1, 2]")
        junk = os.path.join(d, "junk.receipt")
        with open(junk, "w") as f:
            f.write("not a receipt\n")
        latin1 = os.path.join(d, "latin1.txt")
        with open(latin1, "wb") as f:
            f.write("D\xe9claration\n".encode("latin-1"))
        empty = os.path.join(d, "empty.txt")
        open(empty, "w").close()
        text = os.path.join(d, "text.txt")
        with open(text, "w") as f:
            f.write("Une déclaration.\n")
        usage = [["key"], ["key", "rotate"], ["key", "generate", "x"],
                 ["verify-receipt"], ["verify-receipt", junk, junk],
                 ["verify-receipt", "--nonsense", junk],
                 ["ledger"], ["ledger", "check"], ["declaration"],
                 ["declaration", "list", "x"], ["declaration", "drop"],
                 ["declaration", "publish", text],
                 ["declaration", "publish", "--lang", "en"],
                 ["declaration", "publish", text, "--lang", "en", "--bad"],
                 ["declaration", "publish", text, "--lang", "en",
                  "--version", "0"],
                 ["declaration", "publish", text, "--lang", "en",
                  "--version", "01"],
                 ["declaration", "publish", text, "--lang", "en",
                  "--version", "2x"],
                 ["declaration", "publish", text, "--lang", "en",
                  "--version", "99999999999999999999"]]
        for args in usage:
            _fails(_ctl(db, *args), 2, "usage", args)
        _fails(_ctl(db, "declaration", "publish", text, "--lang", "de"), 2,
               "one of en, fr, es, ar", "--lang de")
        errors = [
            (["verify-receipt", os.path.join(d, "none.receipt")],
             "No such file"),
            (["verify-receipt", junk, "--keys",
              os.path.join(d, "none.json")], "No such file"),
            (["verify-receipt", junk, "--keys", notkeys],
             "not a keys document"),
            (["verify-receipt", junk], "not genuine"),
            (["declaration", "publish", os.path.join(d, "none.txt"),
              "--lang", "fr"], "No such file"),
            (["declaration", "publish", latin1, "--lang", "fr"],
             "not UTF-8 text"),
            (["declaration", "publish", empty, "--lang", "fr"],
             "not UTF-8 text"),
            (["declaration", "publish", text, "--lang", "en",
              "--version", "1"], "already has a text in en"),
            (["declaration", "publish", text, "--lang", "fr",
              "--version", "7"], "no version 7"),
        ]
        before = _ctl(db, "declaration", "list").stdout
        for args, what in errors:
            _fails(_ctl(db, *args), 1, what, args)
        assert _ctl(db, "declaration", "list").stdout == before
        # A receipt on standard input ("-"), checked against the
        # database's keys: not genuine either.
        _fails(_ctl(db, "verify-receipt", "-", stdin="junk\n"), 1,
               "not genuine", "stdin")
        # A new version from a file, then its French from standard input.
        p = _ctl(db, "declaration", "publish", text, "--lang", "en")
        assert p.returncode == 0 and p.stdout.startswith("2 en "), p
        p = _ctl(db, "declaration", "publish", "-", "--lang", "fr",
                 "--version", "2", stdin="Une déclaration.\n")
        assert p.returncode == 0 and p.stdout.startswith("2 fr "), p
        assert p.stdout.split()[2] in _ctl(db, "declaration",
                                           "list").stdout
        p = _ctl(db, "ledger", "verify")
        assert p.returncode == 0 and p.stdout.startswith("ok "), p


def test_endorsectl_events_users_and_exports_refuse_bad_input():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "e.db")
        assert _ctl(db, "init").returncode == 0
        errors = [
            (["event", "add", "x" * 201], "", "longer than 200"),
            (["event", "add", "Conf\x01"], "", "not UTF-8 text"),
            (["event", "add", "Conf", "--place", "p" * 201], "",
             "place: longer than 200"),
            (["event", "close", "https://x/kiosk/" + "A" * 43], "",
             "no such event"),
            (["event", "close", "-3"], "", "no such event"),
            (["user", "add", "ann"], "p" * 2000 + "\n", "longer than"),
            (["user", "add", "ann"], "\n", "empty"),
            (["user", "add", "ann"], "pass\tword-long-1\n", "one line"),
            (["user", "passwd", "ann"], "pw-long-enough-1\n",
             "no such user"),
            (["backup", os.path.join(d, "no", "such", "b.db")], "",
             "the backup failed"),
            (["export", "endorsements", "--format", "csv", "--output",
              os.path.join(d, "no", "such", "out.csv")], "",
             "the export failed"),
        ]
        for args, stdin, what in errors:
            _fails(_ctl(db, *args, stdin=stdin), 1, what, args)
        assert not os.path.exists(os.path.join(d, "no"))
        for args in (["export", "endorsements", "--format", "csv",
                      "--status", ""],
                     ["export", "endorsements", "--format", "csv",
                      "--output", ""]):
            _fails(_ctl(db, *args), 2, "empty", args)
        _fails(_ctl(db, "export", "endorsements", "--format", "csv",
                    "--since", "yesterday"), 2, "", "--since")
        _fails(_ctl(db, "user", "list", "--role", "admin"), 2, "usage",
               "list --role")
        # A password ending in CRLF (typed on Windows) is taken without it,
        # and signs in as typed; the user can then be listed.
        p = _ctl(db, "user", "add", "ann", "--role", "moderator",
                 stdin="pw-long-enough-1\r\n")
        assert p.returncode == 0, p.stderr
        p = _ctl(db, "user", "passwd", "ann", stdin="pw-long-enough-2\n")
        assert p.returncode == 0, p.stderr
        assert "ann moderator" in _ctl(db, "user", "list").stdout
        c = sqlite3.connect(db)
        c.execute("UPDATE admin_users SET disabled = 1 WHERE name = 'ann'")
        c.commit()
        acts = [r[0] for r in c.execute("SELECT action FROM audit_log "
                                        "ORDER BY id")]
        c.close()
        assert acts[-2:] == ["user_add", "user_passwd"], acts
        assert "ann moderator disabled" in _ctl(db, "user", "list").stdout
        # Events: the kiosk URL from the base URL the database recorded,
        # else ENDORSE_PORT; closing by URL, by id, twice.
        p = _ctl(db, "event", "add", "Conf", "--place", "",
                 env={"ENDORSE_BASE_URL": "", "ENDORSE_PORT": "9999"})
        assert p.returncode == 0, p.stderr
        url = p.stdout.strip()
        assert url.startswith("http://127.0.0.1:9999/kiosk/"), url
        p = _ctl(db, "event", "close", url)
        assert p.returncode == 0 and "closed: Conf" in p.stdout, p
        p = _ctl(db, "event", "close", "1")
        assert p.returncode == 0 and "already closed" in p.stdout, p
        p = _ctl(db, "event", "add", "Two",
                 env={"ENDORSE_BASE_URL": "https://example.org//"})
        assert p.stdout.startswith("https://example.org/kiosk/"), p
        # An export into a file named without a folder: made beside us.
        p = subprocess.run([os.path.join(SRC, "endorsectl"), "--db", db,
                            "export", "commitments", "--format", "json",
                            "--output", "out.json"], cwd=d,
                           capture_output=True, text=True, timeout=30)
        assert p.returncode == 0, p.stderr
        with open(os.path.join(d, "out.json")) as f:
            assert f.read().strip().startswith("[")


def test_endorsectl_domain_and_mail_refuse_bad_input():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "e.db")
        assert _ctl(db, "init").returncode == 0
        for args in (["domain"], ["domain", "list", "x"],
                     ["domain", "add"], ["domain", "purge", "gent.be"],
                     ["domain", "remove", "gent.be", "--country", "BE"],
                     ["mail"], ["mail", "send"], ["mail", "status", "x"]):
            _fails(_ctl(db, *args), 2, "usage", args)
        for args, what in ((["domain", "add", "not a domain"],
                            "not a domain name"),
                           (["domain", "add", "gent.be", "--country",
                             "BEL"], "not an ISO 3166-1"),
                           (["domain", "add", "gent.be", "--country",
                             "QQ"], "not an ISO 3166-1"),
                           (["domain", "remove", "gent.be"],
                            "is not listed")):
            _fails(_ctl(db, *args), 1, what, args)
        assert _ctl(db, "domain", "add", "gent.be", "--country",
                    "be").returncode == 0
        assert _ctl(db, "domain", "list").stdout.startswith("gent.be BE ")
        p = _ctl(db, "mail", "status")
        assert p.returncode == 0 and p.stdout == "no mail\n", p
        p = _ctl(db, "mail", "retry")
        assert p.returncode == 0 and p.stdout == "0 queued again\n", p


def test_endorsectl_waits_for_a_locked_database_then_fails_storing_nothing():
    """A write lock held elsewhere (a long backup, a stuck process):
    each writing command gives up after DB_BUSY_MS with a database error
    and exit status 1, and nothing of it is stored."""
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "e.db")
        assert _ctl(db, "init").returncode == 0
        hold = sqlite3.connect(db, isolation_level=None)
        hold.execute("BEGIN IMMEDIATE")
        try:
            for args, stdin in ((["domain", "add", "gent.be"], ""),
                                (["user", "add", "bob"],
                                 "pw-long-enough-1\n"),
                                (["mail", "retry"], "")):
                _fails(_ctl(db, *args, stdin=stdin), 1, "database error",
                       args)
        finally:
            hold.execute("ROLLBACK")
            hold.close()
        assert _ctl(db, "domain", "list").stdout == ""
        assert _ctl(db, "user", "list").stdout == ""


def _pty_run(argv, typed, env=None):
    """argv with a terminal as standard input; typed goes to it once
    the program asks.  (exit status, what the terminal showed)."""
    import pty
    import select
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(argv[0], argv, dict(os.environ, **(env or {})))
        finally:
            os._exit(127)
    shown = b""
    sent = False
    while True:
        r, _, _ = select.select([fd], [], [], 30)
        assert r, "the program said nothing for 30 s: %r" % shown
        try:
            chunk = os.read(fd, 4096)
        except OSError:         # EIO: the program closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        if not sent and b"Password: " in shown:
            # The prompt comes before echo is turned off: type once it is.
            import termios
            deadline = time.time() + 10
            while termios.tcgetattr(fd)[3] & termios.ECHO:
                assert time.time() < deadline, "echo never turned off"
                time.sleep(0.01)
            os.write(fd, typed)
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


def test_endorsectl_passwords_outputs_and_defaults_at_their_edges():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "e.db")
        # No folder for it: nothing made.
        bad = os.path.join(d, "no", "such", "e.db")
        _fails(_ctl(bad, "init"), 1, "cannot initialise the database",
               "init")
        assert not os.path.exists(os.path.join(d, "no"))
        assert _ctl(db, "init").returncode == 0
        # On a terminal the password is asked for and not echoed.
        secret = "typed-at-a-terminal-1"
        rc, shown = _pty_run([os.path.join(SRC, "endorsectl"), "--db", db,
                              "user", "add", "tty"], secret.encode() + b"\n")
        assert rc == 0, shown
        assert shown.startswith("Password: "), shown
        assert secret not in shown, shown
        # The longest password, one without a line end, and bytes that
        # are not UTF-8.
        p = run("endorsectl", "--db", db, "user", "add", "long",
                stdin="p" * 1024 + "\n")
        assert p.returncode == 0, p.stderr
        p = run("endorsectl", "--db", db, "user", "add", "noeol",
                stdin="no-line-end-at-all")
        assert p.returncode == 0, p.stderr
        p = subprocess.run([os.path.join(SRC, "endorsectl"), "--db", db,
                            "user", "add", "latin1"],
                           input=b"mot-de-passe-\xe9t\xe9\n",
                           capture_output=True, timeout=30)
        assert p.returncode == 1 and b"one line of text" in p.stderr, p
        assert [r.split()[0] for r in _ctl(db, "user", "list").stdout
                .splitlines()] == ["long", "noeol", "tty"]
        # Events: an id too long to be one, a second argument; the kiosk
        # URL of a database that never recorded one, without a port.
        _fails(_ctl(db, "event", "close", "1" * 19), 1, "no such event",
               "19 digits")
        _fails(_ctl(db, "event", "close", "1", "2"), 2, "usage", "close 1 2")
        env = {"ENDORSE_BASE_URL": "", "ENDORSE_PORT": ""}
        p = _ctl(db, "event", "add", "Default Port", env=env)
        assert p.stdout.startswith("http://127.0.0.1:8080/kiosk/"), p
        # Exports that cannot be written: exit status 1, and a file to
        # be replaced is left as it was.
        for fmt in ("csv", "xlsx"):
            with open("/dev/full", "w") as full:
                p = subprocess.run([os.path.join(SRC, "endorsectl"), "--db",
                                    db, "export", "endorsements", "--format",
                                    fmt], stdout=full, stderr=subprocess.PIPE,
                                   text=True, timeout=30)
            _fails(p, 1, "the export failed", fmt)
        taken = os.path.join(d, "taken.csv")
        os.makedirs(os.path.join(taken, "inside"))
        _fails(_ctl(db, "export", "endorsements", "--format", "csv",
                    "--output", taken), 1, "the export failed", "onto a dir")
        assert os.listdir(taken) == ["inside"]
        assert sorted(os.listdir(d)) == ["e.db", "signing.key", "taken.csv"], \
            os.listdir(d)
        _fails(_ctl(db, "export", "endorsements", "--format", "csv",
                    "--lang", ""), 2, "empty", "--lang ''")
        # Options and arguments a command does not take, names it does
        # not accept, a keys document with no key.
        for args in (["user", "list", "extra"],
                     ["export", "endorsements", "--format", "csv",
                      "--bogus"],
                     ["domain", "add", "gent.be", "--bogus"]):
            _fails(_ctl(db, *args), 2, "usage", args)
        _fails(_ctl(db, "export", "endorsements", "--format", "csv",
                    "--country", ""), 2, "empty", "--country ''")
        _fails(_ctl(db, "user", "add", "bad name!",
                    stdin="pw-long-enough-1\n"), 1, "a user name is",
               "bad name!")
        _fails(_ctl(db, "event", "close", "12abc"), 1, "no such event",
               "12abc")
        nokeys = os.path.join(d, "nokeys.json")
        with open(nokeys, "w") as f:
            f.write('{"keys": []}')
        _fails(_ctl(db, "verify-receipt", nokeys, "--keys", nokeys), 1,
               "not a keys document", "no keys")
        assert [r.split()[0] for r in _ctl(db, "user", "list").stdout
                .splitlines()] == ["long", "noeol", "tty"]
        # ENDORSE_STATE_DIR empty: ./var, as when it is unset.
        os.mkdir(os.path.join(d, "var"))
        p = subprocess.run([os.path.join(SRC, "endorsectl"), "init"], cwd=d,
                           env=dict(os.environ, ENDORSE_STATE_DIR=""),
                           capture_output=True, text=True, timeout=30)
        assert p.returncode == 0, p.stderr
        assert os.path.exists(os.path.join(d, "var", "endorse.db"))
