"""Least privilege: the service user, the seccomp filters, a private state
directory, and logs that name routes, never receipt codes or tokens."""
import os
import pwd
import signal
import stat
import subprocess
import tempfile
import time

from harness import (proc_status, start_site, valid_fields, receipt_code,
                     pid_alive,
                     proc_children,
                     ENDORSECTL)
from test_kiosk import new_event, done_code

AS_ROOT = os.geteuid() == 0
SERVICE_USER = os.environ.get("ENDORSE_USER", "endorse")


def _wait(cond, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def _expected_uid():
    return pwd.getpwnam(SERVICE_USER).pw_uid if AS_ROOT else os.geteuid()


def test_programs_run_as_the_service_user_under_seccomp():
    site = start_site(workers=2)
    try:
        site.settle()
        uid = _expected_uid()
        for sup, workers in ((site.web_pid(), site.workers_of(site.web_pid())),
                             (site.admin_pid(), site.admin_workers())):
            assert len(workers) == 2, workers
            for pid in [sup] + workers:
                st = proc_status(pid)
                uids = st["Uid"].split()
                assert uids == [str(uid)] * 4, (pid, st["Uid"])
                assert "0" not in st["Gid"].split(), (pid, st["Gid"])
                if AS_ROOT:
                    assert st["Groups"].split() == \
                        [str(pwd.getpwnam(SERVICE_USER).pw_gid)], st["Groups"]
                assert st["Seccomp"] == "2", (pid, st["Seccomp"])
                assert st["NoNewPrivs"] == "1", (pid, st["NoNewPrivs"])
            # A worker is held by the supervisor's filter and its own.
            assert int(proc_status(workers[0])["Seccomp_filters"]) == 2
            assert int(proc_status(sup)["Seccomp_filters"]) == 1
        nginx_workers = proc_children(site.nginx_pid())
        assert nginx_workers
        for pid in nginx_workers:
            assert proc_status(pid)["Uid"].split()[0] == str(uid), pid
        assert site.client().get("/").status == 200
    finally:
        site.stop()


def test_state_directory_is_private():
    site = start_site(workers=1)
    try:
        c = site.client()
        receipt_code(c.submit(valid_fields(full_name="Private State")))
        assert c.get("/").status == 200
        uid = _expected_uid()
        bad = []
        for root, dirs, files in os.walk(site.state):
            for name in dirs + files:
                path = os.path.join(root, name)
                st = os.lstat(path)
                if stat.S_ISDIR(st.st_mode) and \
                        stat.S_IMODE(st.st_mode) != 0o700:
                    bad.append("%s %o" % (path, stat.S_IMODE(st.st_mode)))
                elif not stat.S_ISDIR(st.st_mode) and \
                        st.st_mode & 0o077:
                    bad.append("%s %o" % (path, stat.S_IMODE(st.st_mode)))
        assert not bad, bad
        assert stat.S_IMODE(os.stat(site.state).st_mode) == 0o700
        for name in ("endorse.db", "endorse.db-wal", "endorse.db-shm",
                     "endorse-web.sock", "endorse-admin.sock"):
            assert os.stat(os.path.join(site.state, name)).st_uid == uid, name
    finally:
        site.stop()


def test_modes_of_an_existing_state_directory_are_fixed_at_start():
    site = start_site(workers=1)
    state = site.state
    site.stop()
    os.chmod(state, 0o755)
    os.chmod(os.path.join(state, "log"), 0o755)
    os.chmod(os.path.join(state, "endorse.db"), 0o644)
    for name in os.listdir(os.path.join(state, "log")):
        os.chmod(os.path.join(state, "log", name), 0o644)
    again = start_site(workers=1, state=state)
    try:
        assert stat.S_IMODE(os.stat(state).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(os.path.join(state, "log")).st_mode) \
            == 0o700
        assert stat.S_IMODE(os.stat(os.path.join(state, "endorse.db")
                                    ).st_mode) == 0o600
        for name in os.listdir(os.path.join(state, "log")):
            m = stat.S_IMODE(os.stat(os.path.join(state, "log", name)).st_mode)
            assert m & 0o077 == 0, (name, oct(m))
    finally:
        again.stop()
        site.cleanup()


def test_access_log_names_routes_not_codes_or_tokens():
    site = start_site(workers=1)
    try:
        c = site.client()
        code = receipt_code(c.submit(valid_fields(full_name="Log Check")))
        for path in ("/receipt/" + code, "/receipt/" + code + ".svg",
                     "/receipt/" + code.lower() + "/withdraw",
                     "/receipt/" + code + "?lang=fr"):
            assert c.get(path).status == 200, path
        kiosk, token, _ = new_event(site)
        assert c.get(kiosk).status == 200
        r = c.submit(valid_fields(full_name="Kiosk Log"), path=kiosk)
        kcode = done_code(r, token)
        assert c.get(r.header("Location")).status == 200
        assert c.get("/confirm/" + token).status in (200, 404)
    finally:
        site.stop()
    with open(os.path.join(site.state, "log", "nginx-access.log")) as f:
        log = f.read()
    assert "/receipt/* " in log and "/receipt/*.svg " in log, log
    assert "/receipt/*/withdraw " in log and "/kiosk/* " in log, log
    assert "/kiosk/*/done/* " in log, log
    for secret in (code, code.lower(), token, kcode):
        assert secret not in log, "%s in the access log:\n%s" % (secret, log)
    for name in os.listdir(os.path.join(site.state, "log")):
        with open(os.path.join(site.state, "log", name), errors="replace") \
                as f:
            text = f.read()
        for secret in (code, code.lower(), token, kcode):
            assert secret not in text, (name, secret)
    site.cleanup()


def test_worker_killed_by_sigsys_is_replaced():
    """What the supervisor sees of a seccomp kill: a worker dead of
    SIGSYS.  It is replaced and the site keeps answering."""
    site = start_site(workers=2)
    site.expect_sigsys = True
    try:
        site.settle()
        sup = site.web_pid()
        old = site.workers_of(sup)
        os.kill(old[0], signal.SIGSYS)
        assert _wait(lambda: len(site.workers_of(sup)) == 2
                     and old[0] not in site.workers_of(sup)), \
            site.workers_of(sup)
        assert pid_alive(sup)
        c = site.client()
        assert [c.get("/healthz").status for _ in range(20)] == [200] * 20
        with open(os.path.join(site.state, "log", "endorse-web.log")) as f:
            assert "killed by signal %d" % signal.SIGSYS in f.read()
        new = set(site.workers_of(sup)) - set(old)
        assert new and all(proc_status(p)["Seccomp"] == "2" for p in new)
    finally:
        site.stop()


def _ctl(*args, **kw):
    return subprocess.run([ENDORSECTL] + list(args), capture_output=True,
                          text=True, timeout=60, **kw)


def test_endorsectl_as_root_leaves_no_root_owned_files():
    if not AS_ROOT:
        # Started as another user, that user is kept: nothing to switch.
        with tempfile.TemporaryDirectory() as d:
            p = _ctl("--db", os.path.join(d, "x.db"), "init")
            assert p.returncode == 0, p.stderr
            assert os.stat(os.path.join(d, "x.db")).st_uid == os.geteuid()
        return
    owner = pwd.getpwnam("nobody")
    with tempfile.TemporaryDirectory() as d:
        os.chown(d, owner.pw_uid, owner.pw_gid)
        db = os.path.join(d, "x.db")
        p = _ctl("--db", db, "init")
        assert p.returncode == 0, p.stderr
        p = _ctl("--db", db, "event", "add", "Owner Test")
        assert p.returncode == 0, p.stderr
        for name in os.listdir(d):
            st = os.stat(os.path.join(d, name))
            assert st.st_uid == owner.pw_uid, (name, st.st_uid)
            assert st.st_mode & 0o077 == 0, (name, oct(st.st_mode))
        # A site running as the service user keeps its database after
        # endorsectl ran as root on it.
    site = start_site(workers=1)
    try:
        p = _ctl("--db", site.db, "user", "list")
        assert p.returncode == 0, p.stderr
        uid = _expected_uid()
        for name in os.listdir(site.state):
            if name.startswith("endorse.db"):
                assert os.stat(os.path.join(site.state, name)).st_uid == uid
        receipt_code(site.client().submit(valid_fields(full_name="After Ctl")))
    finally:
        site.stop()


def test_programs_refuse_to_serve_as_root():
    if not AS_ROOT:
        return
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, ENDORSE_USER="root", ENDORSE_STATE_DIR=d)
        web = os.path.join(os.path.dirname(ENDORSECTL), "endorse-web")
        p = subprocess.run([web, "--listen", os.path.join(d, "s.sock"),
                            "--workers", "1"], env=env, capture_output=True,
                           text=True, timeout=30)
        assert p.returncode == 1, (p.returncode, p.stderr)
        assert "root" in p.stderr, p.stderr
        env["ENDORSE_USER"] = "no-such-user-here"
        p = subprocess.run([web, "--listen", os.path.join(d, "s.sock"),
                            "--workers", "1"], env=env, capture_output=True,
                           text=True, timeout=30)
        assert p.returncode == 1 and "does not exist" in p.stderr, p.stderr
