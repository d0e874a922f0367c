"""The static files as nginx serves them: content-hashed names that the
pages link to, kept a year; text sent gzip-compressed, the static files
from the .gz copies that make writes beside them (gzip_static)."""
import gzip
import hashlib
import os
import re

from harness import TOP, shared, expect, valid_fields, receipt_code
from test_kiosk import new_event

FORM = "application/x-www-form-urlencoded"
HASHED = re.compile(r"^/(style|kiosk|favicon)\.([0-9a-f]{12})\.(css|js|svg)$")
IMMUTABLE = "public, max-age=31536000, immutable"
GZ = {"Accept-Encoding": "gzip"}


def links(html):
    """The stylesheet, icon and scripts a page links to."""
    return (re.findall(r'<link rel="stylesheet" href="([^"]+)"', html),
            re.findall(r'<link rel="icon" href="([^"]+)"', html),
            re.findall(r'<script src="([^"]+)"', html))


def check_hashed(c, path, source):
    """path is source's content-hashed copy, sent as immutable."""
    m = HASHED.match(path)
    assert m, "%s is not a content-hashed name" % path
    r = expect(c.get(path), 200)
    with open(os.path.join(TOP, "www", source), "rb") as f:
        want = f.read()
    assert r.body == want, "%s is not www/%s" % (path, source)
    assert hashlib.sha256(r.body).hexdigest().startswith(m.group(2)), path
    assert r.header("Cache-Control") == IMMUTABLE, r.header("Cache-Control")
    # The security headers are the site's, as on every answer.
    assert r.header("X-Content-Type-Options") == "nosniff"
    assert r.header("Content-Security-Policy")


def test_pages_link_content_hashed_static_files_kept_a_year():
    site = shared()
    c = site.client()
    code = receipt_code(c.submit(valid_fields(full_name="Hashed Names")))
    kiosk, _, _ = new_event(site, "Hashed Stand")
    seen = set()
    for p in ["/", "/endorse", "/signatories", "/receipt/" + code, kiosk,
              "/admin/login", "/no-such-page"]:
        r = c.get(p)
        css, icon, js = links(r.text)
        assert len(css) == 1 and len(icon) == 1, (p, css, icon)
        seen.update(css + icon + js)
        if p == kiosk:
            assert len(js) == 1, js
    names = {HASHED.match(u).group(1) for u in seen if HASHED.match(u)}
    assert names == {"style", "kiosk", "favicon"}, seen
    for u in seen:
        src = {"style": "style.css", "kiosk": "kiosk.js",
               "favicon": "favicon.svg"}[HASHED.match(u).group(1)]
        check_hashed(c, u, src)
    # nginx's own error pages link to the same stylesheet.
    r = expect(c.request("POST", "/endorse", body="a" * 70000,
                         headers={"Content-Type": FORM}), 413)
    assert links(r.text)[0] == [u for u in seen if "style" in u], r.text
    # A name that is not (or no longer) there: 404, never kept a year.
    r = expect(c.get("/style.000000000000.css"), 404)
    assert r.header("Cache-Control") != IMMUTABLE
    # The plain names stay, kept an hour; the service worker's URL is
    # fixed and always revalidated.
    r = expect(c.get("/style.css"), 200)
    assert r.header("Cache-Control") == "max-age=3600", r.header(
        "Cache-Control")
    r = expect(c.get("/kiosk-sw.js"), 200)
    assert r.header("Cache-Control") == "no-cache"


def gz_get(c, path):
    r = c.get(path, headers=GZ)
    assert r.status == 200, (path, r.status)
    assert r.header("Content-Encoding") == "gzip", (path, r.headers)
    assert "Accept-Encoding" in (r.header("Vary") or ""), (path, r.headers)
    plain = c.get(path)
    assert plain.header("Content-Encoding") is None, path
    return r, plain


def test_text_sent_gzipped_to_clients_that_take_it():
    site = shared()
    c = site.client()
    for p in ["/", "/endorse", "/signatories", "/commitments"]:
        r, plain = gz_get(c, p)
        body = gzip.decompress(r.body)
        assert len(r.body) < len(body), p
        # A page carries a fresh csrf field each time: compare the shape.
        assert body.decode().count("<") == plain.text.count("<"), p


def test_static_files_sent_from_their_precompressed_copies():
    c = shared().client()
    css, icon, _ = links(c.get("/").text)
    kiosk_js = links(c.get(new_event(shared(), "Gz Stand")[0]).text)[2][0]
    for path in css + icon + [kiosk_js, "/style.css", "/kiosk.js",
                              "/kiosk-sw.js", "/robots.txt", "/favicon.svg"]:
        r, plain = gz_get(c, path)
        assert gzip.decompress(r.body) == plain.body, path
        # gzip_static: the very .gz file that make wrote, with its length
        # (compressed on the fly, the answer would be chunked).
        with open(os.path.join(TOP, "www", path.lstrip("/") + ".gz"),
                  "rb") as f:
            made = f.read()
        assert r.body == made, path + ": not the .gz copy"
        assert r.header("Content-Length") == str(len(made)), path
    # The big ones shrink to a third or less.
    for path in css + [kiosk_js]:
        r = c.get(path, headers=GZ)
        assert len(r.body) * 3 <= len(c.get(path).body), path
