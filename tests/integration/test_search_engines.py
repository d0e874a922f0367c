"""What search engines are told: public pages describe themselves, the
pages of one submission, the kiosk and the admin console say noindex, and
/robots.txt lets crawlers read the public pages only."""
import re

from harness import shared, expect, valid_fields, receipt_code, admin_client
from commit_helpers import add_report
from test_kiosk import new_event

PUBLIC = ["/", "/?lang=en", "/endorse", "/signatories",
          "/signatories?country=BE", "/commitments"]


def description(html):
    m = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(m) <= 1, m
    return m[0] if m else None


def robots_rules(text):
    rules = []
    agent = None
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            agent = value
        elif key in ("allow", "disallow") and agent == "*":
            rules.append((key == "allow", value))
    return rules


def robots_allows(rules, url):
    """Google's reading: the longest matching rule wins, Allow on a tie;
    "*" is any run of characters and "$" the end of the URL."""
    best = None
    for allow, pat in rules:
        if not pat:
            continue
        rx = "".join(".*" if ch == "*" else "$" if ch == "$" else
                     re.escape(ch) for ch in pat)
        if re.match(rx, url):
            key = (len(pat), allow)
            if best is None or key > best:
                best = key
    return True if best is None else best[1]


def test_public_pages_have_a_description():
    c = shared().client()
    seen = set()
    for p in ["/", "/endorse", "/signatories", "/commitments"]:
        r = expect(c.get(p), 200)
        d = description(r.text)
        assert d and len(d) >= 50, (p, d)
        assert d not in seen, "the same description twice: %r" % d
        seen.add(d)
        # In the head, before the body.
        assert r.text.index('name="description"') < r.text.index("<body")


def test_pages_of_one_submission_kiosk_and_admin_say_noindex():
    site = shared()
    c = site.client()
    code = receipt_code(c.submit(valid_fields(full_name="Robots Test")))
    rcode = add_report(c, code)
    kiosk, _, _ = new_event(site, "Robots Forum")
    private = ["/receipt/" + code, "/receipt/" + code + "/withdraw",
               "/receipt/" + code + ".svg", "/receipt/" + code + ".png",
               "/receipt/" + rcode, "/receipt/NO-SUCH-CODE",
               "/confirm/no-such-token", kiosk, "/admin/login",
               "/admin/", "/admin"]
    for p in private:
        r = c.get(p)
        tag = r.header("X-Robots-Tag", "")
        assert "noindex" in tag, (p, r.status, tag)
        assert description(r.text) is None, p
    a = admin_client(site)
    for p in ["/admin/", "/admin/endorsements"]:
        r = expect(a.get(p), 200)
        assert "noindex" in r.header("X-Robots-Tag", ""), p
    for p in PUBLIC:
        r = expect(c.get(p), 200)
        assert r.header("X-Robots-Tag") is None, (p, r.header("X-Robots-Tag"))


def test_robots_txt_allows_the_public_pages_only():
    r = expect(shared().client().get("/robots.txt"), 200)
    assert r.header("Content-Type", "").startswith("text/plain")
    rules = robots_rules(r.text)
    assert rules, r.text
    for p in PUBLIC + ["/signatories.csv", "/commitments.json",
                       "/style.css", "/favicon.svg"]:
        assert robots_allows(rules, p), p
    code = "0123456789ABCDEFGHJKMNPQ"
    for p in ["/receipt/" + code, "/receipt/%s/withdraw" % code,
              "/receipt/%s.svg" % code, "/confirm/abc", "/kiosk/abc",
              "/admin/", "/admin/login", "/healthz", "/endorsements",
              "/endorse/x"]:
        assert not robots_allows(rules, p), p


def test_robots_reader():
    rules = robots_rules("User-agent: *\nAllow: /a$\nDisallow: /\n")
    assert robots_allows(rules, "/a") and not robots_allows(rules, "/ab")
    assert not robots_allows(rules, "/")
