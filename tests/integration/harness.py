"""harness.py: start the real stack (script/server --no-build) for the
integration tests, and talk to it over HTTP with full control.

Standard library only.  A Site is one running script/server with its own
port and state directory; shared() gives the site most tests use (started
once per run); start_site() gives a private one (stop it when done).
"""
import atexit
import email
import email.policy
import http.client
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse
from html.parser import HTMLParser

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _db_version():
    """DB_VERSION of src/db.h: the schema version init makes."""
    with open(os.path.join(TOP, "src", "db.h")) as f:
        return int(re.search(r"#define\s+DB_VERSION\s+(\d+)",
                             f.read()).group(1))


DB_VERSION = _db_version()
SERVER = os.path.join(TOP, "script", "server")
ENDORSECTL = os.path.join(TOP, "src", "endorsectl")


def _fake_sendmail():
    """A copy of tests/integration/fake-sendmail in a 0755 folder of its
    own, removed when the run ends: the mail helper runs it as the
    service user, who may not reach into the tree (a clone in a 0700
    folder, as mktemp -d makes)."""
    d = tempfile.mkdtemp(prefix="endorse-sendmail-")
    atexit.register(shutil.rmtree, d, True)
    os.chmod(d, 0o755)
    path = os.path.join(d, "fake-sendmail")
    shutil.copyfile(os.path.join(TOP, "tests", "integration",
                                 "fake-sendmail"), path)
    os.chmod(path, 0o755)
    return path


FAKE_SENDMAIL = _fake_sendmail()
READY_TIMEOUT = 60
# Every test site has user "admin" with this password.
ADMIN_PASSWORD = "admin-password-for-tests"

# Crockford base32, upper case: digits and letters without I, L, O, U.
CODE_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{24}$")
# What AddressSanitizer, LeakSanitizer and UBSan print when they report.
SANITIZER_RE = re.compile(r"ERROR: (Address|Leak)Sanitizer|runtime error: "
                          r"|SUMMARY: (Address|Undefined|Leak)"
                          r"|Sanitizer has encountered a fatal error")
RECEIPT_LOCATION_RE = re.compile(r"^/receipt/([0-9A-HJKMNP-TV-Z]{24})$")


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def port_listening(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(0.5)
    try:
        s.connect(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def proc_children(pid):
    """Process ids whose parent is pid (from /proc/*/stat)."""
    kids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces or parens.
        rest = st[st.rindex(")") + 2:].split()
        if int(rest[1]) == pid and rest[0] != "Z":
            kids.append(int(d))
    return kids


def proc_cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def proc_comm(pid):
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except OSError:
        return ""


def proc_status(pid):
    """The fields of /proc/PID/status as a dict of strings."""
    out = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            k, _, v = line.partition(":")
            out[k] = v.strip()
    return out


def pid_alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            st = f.read()
    except OSError:
        return False
    return st[st.rindex(")") + 2:].split()[0] != "Z"


class SiteError(Exception):
    pass


class Site:
    """One script/server --no-build with its own port and state dir."""

    def __init__(self, workers=2, rate_limit=0, base_url=None, state=None,
                 admin_password=ADMIN_PASSWORD, login_rate_limit=0,
                 extra_env=None):
        self.port = free_port()
        if state is None:
            self.tmp = tempfile.TemporaryDirectory(prefix="endorse-it-")
            self.state = self.tmp.name
        else:                   # a restart on an earlier site's state
            self.tmp = None
            self.state = state
        self.workers = workers
        self.expect_sigsys = False  # a test kills a worker with SIGSYS
        self.base_url = base_url or "http://127.0.0.1:%d" % self.port
        env = dict(os.environ)
        env.update({
            "ENDORSE_PORT": str(self.port),
            "ENDORSE_STATE_DIR": self.state,
            "ENDORSE_RATE_LIMIT": str(rate_limit),
            "ENDORSE_WORKERS": str(workers),
            "ENDORSE_BASE_URL": self.base_url,
            # The admin console; sign-ins unlimited by nginx
            # unless a test asks (tests sign in many times).
            "ENDORSE_LOGIN_RATE_LIMIT": str(login_rate_limit),
            # Mail goes to $STATE/mail through a fake sendmail, never to
            # a real MTA; tests may give another command.
            "ENDORSE_SENDMAIL": FAKE_SENDMAIL + " -t -i",
        })
        env.pop("FAKE_MAIL_DIR", None)
        env.update(extra_env or {})
        env.pop("ENDORSE_ADMIN_PASSWORD", None)
        if admin_password is not None:
            env["ENDORSE_ADMIN_PASSWORD"] = admin_password
        self.out_path = os.path.join(self.state, "server-%d.out" % self.port)
        self.out = open(self.out_path, "w+b")
        self.proc = subprocess.Popen(
            [SERVER, "--no-build"], cwd=TOP, env=env,
            stdout=subprocess.PIPE, stderr=self.out,
            start_new_session=True)
        self.lines = []
        self._ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._ready.wait(READY_TIMEOUT)
        if not any(l.startswith("ready: ") for l in self.lines):
            why = ("exited with %d before it was ready" % self.proc.returncode
                   if self.proc.poll() is not None else
                   "not ready within %ds" % READY_TIMEOUT)
            logs = self.logs()
            self.stop(check=False)
            self.cleanup()
            raise SiteError("script/server %s\n%s" % (why, logs))
        want = "ready: http://127.0.0.1:%d/" % self.port
        if want not in self.lines:
            self.stop(check=False)
            self.cleanup()
            raise SiteError("ready line %r, expected %r" % (
                [l for l in self.lines if l.startswith("ready")], want))
        self.db = os.path.join(self.state, "endorse.db")

    def _read(self):
        for raw in self.proc.stdout:
            line = raw.decode(errors="replace").rstrip("\n")
            self.lines.append(line)
            if line.startswith("ready: "):
                self._ready.set()
        self._ready.set()   # EOF: the waiter checks poll()

    def sigsys_kills(self):
        """Log lines of workers killed by their seccomp filter (SIGSYS):
        a system call the filter does not list."""
        found = []
        for name in ("endorse-web.log", "endorse-admin.log"):
            try:
                with open(os.path.join(self.state, "log", name), "rb") as f:
                    text = f.read().decode(errors="replace")
            except OSError:
                continue
            found += ["%s: %s" % (name, line) for line in text.split("\n")
                      if "killed by signal %d" % signal.SIGSYS in line]
        return found

    def sanitizer_reports(self):
        """Lines of AddressSanitizer, LeakSanitizer or UBSan reports in
        the site's logs and script/server's standard error."""
        found = []
        paths = [self.out_path]
        logdir = os.path.join(self.state, "log")
        if os.path.isdir(logdir):
            paths += [os.path.join(logdir, n) for n in sorted(os.listdir(logdir))]
        for path in paths:
            try:
                with open(path, "rb") as f:
                    text = f.read().decode(errors="replace")
            except OSError:
                continue
            for i, line in enumerate(text.split("\n")):
                if SANITIZER_RE.search(line):
                    found.append("%s:%d: %s" % (os.path.basename(path),
                                                i + 1, line.strip()))
        return found

    def logs(self):
        parts = ["--- script/server stdout:\n" + "\n".join(self.lines)]
        try:
            if not self.out.closed:
                self.out.flush()
            with open(self.out_path, "rb") as f:
                parts.append("--- script/server stderr:\n"
                             + f.read().decode(errors="replace"))
        except OSError:
            pass
        logdir = os.path.join(self.state, "log")
        if os.path.isdir(logdir):
            for name in sorted(os.listdir(logdir)):
                try:
                    with open(os.path.join(logdir, name), "rb") as f:
                        data = f.read()[-4000:]
                except OSError:
                    continue
                parts.append("--- log/%s:\n%s" % (name,
                             data.decode(errors="replace")))
        return "\n".join(parts)

    def settle(self, timeout=5.0):
        """Wait until script/server is past its start checks.

        It prints "ready:" and then probes /healthz once more before it
        waits on its children; a test that kills workers waits for that
        probe (a curl child) to be over first.
        """
        end = time.time() + timeout
        while time.time() < end:
            kids = [proc_cmdline(p) for p in proc_children(self.proc.pid)]
            if kids and not any("curl" in k for k in kids):
                break
            time.sleep(0.02)
        time.sleep(0.3)

    @property
    def url(self):
        return "http://127.0.0.1:%d/" % self.port

    def web_pid(self):
        with open(os.path.join(self.state, "endorse-web.pid")) as f:
            return int(f.read().strip())

    def admin_pid(self):
        """The supervisor of endorse-admin."""
        with open(os.path.join(self.state, "endorse-admin.pid")) as f:
            return int(f.read().strip())

    def admin_workers(self):
        return [p for p in proc_children(self.admin_pid())
                if "endorse-admin" in proc_cmdline(p)]

    def nginx_pid(self):
        with open(os.path.join(self.state, "nginx.pid")) as f:
            return int(f.read().strip())

    def workers_of(self, sup):
        """The supervisor's children that are endorse-web workers."""
        return [p for p in proc_children(sup)
                if "endorse-web" in proc_cmdline(p)
                and proc_comm(p) != "endorse-mail"]

    def mailer_of(self, sup):
        """endorse-web's mail helper (its comm is "endorse-mail")."""
        return [p for p in proc_children(sup)
                if proc_comm(p) == "endorse-mail"]

    def stop(self, check=True):
        """SIGTERM script/server; with check, assert everything is gone."""
        pids = []
        if check:
            try:
                pids.append(self.web_pid())
                pids.extend(proc_children(pids[0]))
            except (OSError, ValueError):
                pass
            try:
                a = self.admin_pid()
                pids.append(a)
                pids.extend(proc_children(a))
            except (OSError, ValueError):
                pass
            try:
                pids.append(self.nginx_pid())
                pids.extend(proc_children(pids[-1]))
            except (OSError, ValueError):
                pass
        problems = []
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                problems.append("script/server did not exit on SIGTERM")
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                self.proc.wait(5)
        if check:
            deadline = time.time() + 5
            while time.time() < deadline and \
                    (any(pid_alive(p) for p in pids)
                     or port_listening(self.port)):
                time.sleep(0.05)
            left = [p for p in pids if pid_alive(p)]
            if left:
                problems.append("processes left: %s" % ", ".join(
                    "%d (%s)" % (p, proc_cmdline(p)) for p in left))
            if port_listening(self.port):
                problems.append("port %d still listening" % self.port)
        # Whatever remains of the session, kill it so no run leaks.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        self.out.close()
        # A sanitizer report in any program's log fails the run, whatever
        # the answers looked like (the sanitizer build writes them there).
        reports = self.sanitizer_reports()
        if not self.expect_sigsys:
            reports += self.sigsys_kills()
        if reports:
            problems.append("sanitizer reports:\n" + "\n".join(reports))
            check = True
        if check and problems:
            raise AssertionError("; ".join(problems) + "\n" + self.logs())

    def cleanup(self):
        try:
            if self.tmp is not None:
                self.tmp.cleanup()
        except OSError:
            pass

    # -- database, read-only, a separate connection each time ------------

    def ro(self):
        uri = "file:%s?mode=ro" % urllib.parse.quote(self.db)
        c = sqlite3.connect(uri, uri=True, timeout=10)
        return c

    def query(self, sql, args=()):
        c = self.ro()
        try:
            return c.execute(sql, args).fetchall()
        finally:
            c.close()

    @property
    def mail_dir(self):
        return os.path.join(self.state, "mail")

    def mails(self):
        """The messages the fake sendmail kept, oldest first (bytes)."""
        try:
            names = sorted(n for n in os.listdir(self.mail_dir)
                           if n.endswith(".eml"))
        except FileNotFoundError:
            return []
        out = []
        for n in names:
            with open(os.path.join(self.mail_dir, n), "rb") as f:
                out.append(f.read())
        return out

    def count(self, table="endorsements"):
        return self.query("SELECT count(*) FROM %s" % table)[0][0]

    def client(self):
        return Client(self.port)


_shared = None
_private = []


def shared():
    global _shared
    if _shared is None:
        _shared = Site(workers=2)
    return _shared


def start_site(**kw):
    s = Site(**kw)
    _private.append(s)
    return s


def stop_all():
    """Stop every site still running; return a list of problems."""
    global _shared
    problems = []
    for s in list(reversed(_private)) + ([_shared] if _shared else []):
        if s.proc.poll() is None or not s.out.closed:
            try:
                s.stop(check=True)
            except AssertionError as e:
                problems.append(str(e))
        s.cleanup()
    _private.clear()
    _shared = None
    return problems


# -- HTTP ------------------------------------------------------------------

class Response:
    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers          # list of (name, value)
        self.body = body                # bytes

    def header(self, name, default=None):
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return default

    def header_all(self, name):
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def __repr__(self):
        return "<Response %d %s, %d bytes>" % (self.status, self.reason,
                                               len(self.body))


def cookies_from(resp):
    out = {}
    for v in resp.header_all("Set-Cookie"):
        pair = v.split(";", 1)[0]
        if "=" in pair:
            k, val = pair.split("=", 1)
            out[k.strip()] = val.strip()
    return out


class Client:
    """One user agent: keeps cookies, never follows redirects."""

    def __init__(self, port, host="127.0.0.1"):
        self.port = port
        self.host = host
        self.cookies = {}

    def request(self, method, path, body=None, headers=None,
                send_cookies=True, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                          timeout=timeout)
        try:
            conn.putrequest(method, path, skip_host=True,
                            skip_accept_encoding=True)
            hdrs = {"Host": "127.0.0.1:%d" % self.port}
            if send_cookies and self.cookies:
                hdrs["Cookie"] = "; ".join("%s=%s" % kv for kv in
                                           self.cookies.items())
            if body is not None:
                if isinstance(body, str):
                    body = body.encode("utf-8")
                hdrs["Content-Length"] = str(len(body))
            for k, v in (headers or {}).items():
                # None removes a default header.
                match = [h for h in hdrs if h.lower() == k.lower()]
                for h in match:
                    del hdrs[h]
                if v is not None:
                    hdrs[k] = v
            for k, v in hdrs.items():
                conn.putheader(k, v)
            try:
                conn.endheaders(body)
            except (BrokenPipeError, ConnectionResetError):
                pass    # answered (413) before the whole body was read
            r = conn.getresponse()
            data = r.read()
            resp = Response(r.status, r.reason, r.getheaders(), data)
        finally:
            conn.close()
        self.cookies.update(cookies_from(resp))
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body, content_type="application/x-www-form-urlencoded", headers=None, **kw):
        h = {}
        if content_type is not None:
            h["Content-Type"] = content_type
        h.update(headers or {})
        return self.request("POST", path, body=body, headers=h, **kw)

    # -- the endorsement form ---------------------------------------------

    def open_form(self, path="/endorse"):
        """GET the form; return (response, hidden fields dict)."""
        r = self.get(path)
        assert r.status == 200, "GET %s: %r" % (path, r)
        assert "csrf" in self.cookies, "no csrf cookie from GET %s" % path
        hidden = hidden_fields(r.text)
        assert "csrf" in hidden and "form_token" in hidden, \
            "no csrf/form_token in the form"
        return r, hidden

    def submit(self, fields, path="/endorse", hidden=None, extra=None,
               raw=None, content_type="application/x-www-form-urlencoded"):
        """Open the form (unless hidden is given) and POST fields.

        fields: dict or list of pairs (the form's fields); the hidden
        csrf and form_token are added first.  extra: raw string appended
        to the encoded body.  raw: the whole body as given.
        """
        if hidden is None:
            _, hidden = self.open_form(path)
        if raw is None:
            pairs = [("csrf", hidden["csrf"]),
                     ("form_token", hidden["form_token"])]
            pairs += list(fields.items()) if isinstance(fields, dict) \
                else list(fields)
            raw = encode(pairs)
            if extra:
                raw += "&" + extra
        return self.post(path, raw, content_type=content_type)


# -- the admin console ------------------------------------------------------

def admin_client(site, user="admin", password=ADMIN_PASSWORD):
    """A client signed in to /admin/ (asserts the sign-in worked)."""
    c = site.client()
    r = admin_login(c, user, password)
    assert r.status == 303 and r.header("Location") == "/admin/", \
        "sign-in as %s: %d %s" % (user, r.status, error_texts(r.text))
    assert "admin_session" in c.cookies or \
        "__Host-admin_session" in c.cookies
    return c


def admin_login(c, user, password):
    """GET the login form, POST the credentials; the POST's response."""
    r = c.get("/admin/login")
    assert r.status == 200, r
    csrf = hidden_fields(r.text)["csrf"]
    return c.post("/admin/login", encode([("csrf", csrf),
                                          ("username", user),
                                          ("password", password)]))


def admin_csrf(c, path="/admin/"):
    """The csrf field of an admin page (every page has the sign-out form)."""
    r = c.get(path)
    assert r.status == 200, "GET %s: %r" % (path, r)
    return hidden_fields(r.text)["csrf"]


def ctl_user_add(site, name, role, password):
    p = subprocess.run([ENDORSECTL, "--db", site.db, "user", "add", name,
                        "--role", role], input=password + "\n",
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return p


# -- the confirmation mail (fake sendmail, $STATE/mail) ----------------------

def wait_for(pred, timeout=10.0, step=0.05):
    """pred()'s first true value within timeout, else its last value."""
    end = time.time() + timeout
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return pred()


def mails_to(site, addr):
    """(raw bytes, email.message.EmailMessage) of each mail to addr."""
    out = []
    for raw in site.mails():
        head = raw.split(b"\r\n\r\n", 1)[0]
        # The To: line, unfolded, ends with the bare address.
        to = re.search(rb"^To: (.*?)(?=\r\n\S|\Z)", head, re.M | re.S)
        if to and to.group(1).endswith(b"<" + addr.encode() + b">"):
            out.append((raw, email.message_from_bytes(
                raw, policy=email.policy.default)))
    return out


def mail_of(site, addr, timeout=15.0):
    """mails_to once at least one has come (asserts it does in time)."""
    got = wait_for(lambda: mails_to(site, addr), timeout)
    assert got, "no mail to %s within %ss; outbox: %r\n%s" % (
        addr, timeout, site.query("SELECT status, attempts, last_error "
                                  "FROM outbox WHERE recipient = ?",
                                  (addr,)),
        site.logs()[-3000:])
    return got


def confirm_path(text):
    """The /confirm/TOKEN path of the link in a mail's text."""
    m = re.search(r"http://127\.0\.0\.1:\d+(/confirm/[A-Za-z0-9_-]{43})\b",
                  text)
    assert m, "no confirmation link in:\n%s" % text
    return m.group(1)


# -- the translations, as the catalogs in po/ give them ---------------------

def _po_string(lines):
    """The value of a PO keyword's quoted lines, unescaped."""
    out = ""
    for l in lines:
        m = re.match(r'^(?:\S+ )?"(.*)"$', l)
        assert m, "not a PO string: %r" % l
        out += re.sub(r'\\(.)', lambda e: {"n": "\n", "t": "\t"}.get(
            e.group(1), e.group(1)), m.group(1))
    return out


def catalog(lang):
    """po/LANG.po as {(msgctxt or None, msgid): msgstr}, translated
    entries only (not fuzzy, not empty; a plural's first form)."""
    with open(os.path.join(TOP, "po", lang + ".po"), encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    out = {}
    for b in blocks:
        if re.search(r"^#,.*\bfuzzy\b", b, re.M):
            continue
        fields, key = {}, None
        for l in b.split("\n"):
            if l.startswith("#") or not l.strip():
                continue
            m = re.match(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[0\])?"
                         r"|msgstr\[\d+\]) ", l)
            if m:
                key = m.group(1)
                fields[key] = [l]
            else:
                fields[key].append(l)
        if "msgid" not in fields:
            continue
        msgid = _po_string(fields["msgid"])
        msgstr = _po_string(fields.get("msgstr") or fields.get("msgstr[0]"))
        if msgid and msgstr:
            ctx = _po_string(fields["msgctxt"]) if "msgctxt" in fields \
                else None
            out[(ctx, msgid)] = msgstr
    return out


def encode(pairs):
    """urlencode that also takes bytes values (for bad UTF-8)."""
    out = []
    for k, v in pairs:
        if isinstance(v, bytes):
            ev = urllib.parse.quote_from_bytes(v, safe="")
        else:
            ev = urllib.parse.quote(v, safe="", encoding="utf-8")
        out.append(urllib.parse.quote(k, safe="") + "=" + ev)
    return "&".join(out)


def valid_fields(**over):
    """A complete valid endorsement; override or drop (None) fields."""
    f = {
        "full_name": "Bart Somers",
        "role": "mayor",
        "role_other": "",
        "government_level": "local",
        "locality": "Mechelen",
        "region": "Flanders",
        "country": "BE",
        "email": "mayor@mechelen.be",
        "organisation": "City of Mechelen",
        "listed": "yes",
        "consent": "yes",
    }
    for k, v in over.items():
        if v is None:
            f.pop(k, None)
        else:
            f[k] = v
    return f


def receipt_code(resp):
    """The code of a 303 to /receipt/CODE, or an AssertionError."""
    assert resp.status == 303, "expected 303, got %d: %s" % (
        resp.status, error_texts(resp.text) or resp.text[:300])
    loc = resp.header("Location")
    m = RECEIPT_LOCATION_RE.match(loc or "")
    assert m, "Location is not /receipt/CODE: %r" % loc
    return m.group(1)


# -- HTML ------------------------------------------------------------------

class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs = []    # attrs dicts of <input>
        self.links = []     # hrefs
        self.title = None
        self._in_title = False
        self.selected = {}  # select name -> selected option value
        self._select = None
        self.textareas = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input":
            self.inputs.append(a)
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "title":
            self._in_title = True
            self.title = ""
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.selected[self._select] = a.get("value")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(html):
    p = _Inputs()
    p.feed(html)
    p.close()
    return p


def hidden_fields(html):
    return {a.get("name"): a.get("value", "") for a in parse(html).inputs
            if a.get("type") == "hidden"}


def input_values(html):
    """name -> value of text-like inputs (decoded from HTML)."""
    out = {}
    for a in parse(html).inputs:
        if a.get("type") in ("text", "email", "tel", None, "url", "hidden"):
            out[a.get("name")] = a.get("value", "")
    return out


def title(html):
    return (parse(html).title or "").strip()


def error_summary(html):
    """The error summary's HTML (the div with id error-summary) or None."""
    m = re.search(r'<div[^>]*id="error-summary"[^>]*>.*?</div>', html, re.S)
    return m.group(0) if m else None


def error_links(html):
    """The #field targets the error summary links to."""
    s = error_summary(html)
    if s is None:
        return []
    return re.findall(r'href="#([^"]+)"', s)


def error_texts(html):
    s = error_summary(html)
    if s is None:
        return ""
    return re.sub(r"<[^>]+>", " ", s)


def strip_tags(html):
    t = re.sub(r"<[^>]+>", " ", html)
    import html as _h
    return re.sub(r"\s+", " ", _h.unescape(t))


def expect(resp, status, what=""):
    """Assert the status, with what the page said when it is not."""
    if resp.status != status:
        detail = error_texts(resp.text) or strip_tags(resp.text)[:300]
        raise AssertionError("%sexpected %d, got %d %s: %s" % (
            what + ": " if what else "", status, resp.status, resp.reason,
            detail.strip()))
    return resp


def rejected(site, client, status, fields=None, **kw):
    """Submit and assert the status and that no row was added."""
    before = site.count()
    r = client.submit(valid_fields() if fields is None else fields, **kw)
    expect(r, status)
    assert r.header("Location") is None, "a rejected request redirected"
    after = site.count()
    assert after == before, "rows went from %d to %d" % (before, after)
    return r


def rejected_422(site, fields, field_id, **kw):
    """Submit with a fresh client; 422, nothing stored, error on field_id."""
    c = site.client()
    r = rejected(site, c, 422, fields, **kw)
    html = r.text
    assert title(html).startswith("Error: "), "title: %r" % title(html)
    links = error_links(html)
    assert field_id in links, "error summary links %r, not #%s" % (
        links, field_id)
    return r


def summary_rows(html):
    """The receipt's recorded values: label -> text."""
    import html as _h
    rows = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    return {_h.unescape(re.sub(r"<[^>]+>", "", k)).strip():
            _h.unescape(re.sub(r"<[^>]+>", "", v)).strip() for k, v in rows}


def field_error(html, name):
    """The text of the message beside field name, or None."""
    import html as _h
    m = re.search(r'<[^>]*id="%s-error"[^>]*>(.*?)</p>' % re.escape(name),
                  html, re.S)
    if not m:
        return None
    return _h.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()


def element_ids(html):
    return set(re.findall(r'\sid="([^"]+)"', html))


def have(cmd):
    import shutil
    return shutil.which(cmd) is not None


def zbar(png_bytes):
    """Decode a QR code in a PNG with zbarimg; the text."""
    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        f.write(png_bytes)
        f.flush()
        p = subprocess.run(["zbarimg", "--raw", "-q", f.name],
                           capture_output=True, timeout=30)
    assert p.returncode == 0, "zbarimg exit %d: %s" % (
        p.returncode, p.stderr.decode(errors="replace"))
    return p.stdout.decode().rstrip("\n")


def _png(rows, scale=8, quiet=4):
    """A grey PNG from rows of 0/1 (1 = dark), scaled, with a margin."""
    import struct
    import zlib
    w = len(rows[0]) if rows else 0
    W = (w + 2 * quiet) * scale
    blank = b"\x00" + b"\xff" * W
    lines = [blank] * (quiet * scale)
    for row in rows:
        px = b"\xff" * (quiet * scale) + b"".join(
            (b"\x00" if v else b"\xff") * scale for v in row) \
            + b"\xff" * (quiet * scale)
        lines += [b"\x00" + px] * scale
    lines += [blank] * (quiet * scale)
    H = len(lines)

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(
            ">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(lines)))
            + chunk(b"IEND", b""))


def svg_to_png(svg):
    """Rasterise a QR code SVG to PNG bytes.

    rsvg-convert when installed; else a small rasteriser of our own for
    what a QR SVG is made of: a viewBox grid, white background, and dark
    <rect>s and <path>s of straight lines (M m H h V v L l Z z), filled
    even-odd at each module's centre.
    """
    import shutil
    if shutil.which("rsvg-convert"):
        p = subprocess.run(["rsvg-convert", "-w", "400", "-b", "white"],
                           input=svg, capture_output=True, timeout=30)
        assert p.returncode == 0, p.stderr
        return p.stdout
    text = svg.decode() if isinstance(svg, bytes) else svg
    m = re.search(r'viewBox="\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)'
                  r'[\s,]+([\d.]+)\s*"', text)
    assert m, "SVG has no viewBox"
    x0, y0, vw, vh = (float(g) for g in m.groups())
    n_w, n_h = int(round(vw)), int(round(vh))
    grid = [[0] * n_w for _ in range(n_h)]
    dark = ("#000", "#000000", "black")

    def is_dark(tag):
        fm = re.search(r'fill="([^"]*)"', tag)
        return fm is None or fm.group(1).lower() in dark

    # Rects (the background is white; dark ones are modules).
    for tag in re.findall(r"<rect\b[^>]*>", text):
        if not is_dark(tag):
            continue
        g = {k: float(v) for k, v in re.findall(
            r'\b(x|y|width|height)="([-\d.]+)"', tag)}
        for yy in range(n_h):
            for xx in range(n_w):
                cx, cy = x0 + xx + .5, y0 + yy + .5
                if g.get("x", 0) <= cx < g.get("x", 0) + g["width"] and \
                        g.get("y", 0) <= cy < g.get("y", 0) + g["height"]:
                    grid[yy][xx] ^= 1
    # Paths: collect the polygons' vertical edges, then even-odd fill.
    edges = []
    for tag in re.findall(r"<path\b[^>]*>", text):
        if not is_dark(tag):
            continue
        d = re.search(r'\sd="([^"]*)"', tag).group(1)
        toks = re.findall(r"[MmHhVvLlZz]|-?\d*\.?\d+(?:e-?\d+)?", d)
        i, cmd = 0, None
        x = y = sx = sy = 0.0

        def num():
            nonlocal i
            v = float(toks[i])
            i += 1
            return v
        while i < len(toks):
            t = toks[i]
            if t.isalpha():
                cmd = t
                i += 1
                if cmd in "Zz":
                    if x != sx:
                        assert y == sy, "diagonal close in path"
                    if sx == x and sy != y:
                        edges.append((x, y, sy))
                    x, y = sx, sy
                continue
            px, py = x, y
            if cmd == "M":
                x, y = num(), num()
                sx, sy = x, y
                cmd = "L"
                continue
            if cmd == "m":
                x, y = x + num(), y + num()
                sx, sy = x, y
                cmd = "l"
                continue
            if cmd == "H":
                x = num()
            elif cmd == "h":
                x += num()
            elif cmd == "V":
                y = num()
            elif cmd == "v":
                y += num()
            elif cmd == "L":
                x, y = num(), num()
            elif cmd == "l":
                x, y = x + num(), y + num()
            else:
                raise AssertionError("path command %r not understood" % cmd)
            if px == x and py != y:
                edges.append((x, py, y))
            elif py != y:
                raise AssertionError("diagonal line in a QR path")
    for yy in range(n_h):
        cy = y0 + yy + .5
        for xx in range(n_w):
            cx = x0 + xx + .5
            crossings = sum(1 for ex, ya, yb in edges
                            if ex > cx and min(ya, yb) <= cy < max(ya, yb))
            grid[yy][xx] ^= crossings & 1
    return _png(grid)
