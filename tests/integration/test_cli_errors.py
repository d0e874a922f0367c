"""What the programs say when started or called wrongly: usage errors
exit 2, errors of the environment or the data 1, each with a line on
standard error, and nothing is started or written."""
import os
import subprocess
import tempfile

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
