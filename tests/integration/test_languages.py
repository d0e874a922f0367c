"""Languages: every page in en, fr, es and ar (GNU gettext catalogs), the
choice of language (query, cookie, a submission's own language,
Accept-Language, English), the switcher, right to left, dates, country
names, and nginx's own error pages."""
import datetime
import html as htmlmod
import re
from html.parser import HTMLParser

from harness import (shared, expect, valid_fields, receipt_code,
                     admin_client, error_texts, title)
from commit_helpers import add_report, report_fields
from test_kiosk import new_event, ctl

LANGS = ("en", "fr", "es", "ar")
HTML_RE = re.compile(r'<html lang="([a-z]+)" dir="(ltr|rtl)">')

# Text that is the same in a language as in English and rightly so:
# names of languages, proper names, words that are spelled alike.
SAME = {
    "*": {"English", "Français", "Español", "العربية", "QR", "CSV",
          "JSON", "UTC", "endorsectl", "Mechelen Forum", "CC BY 4.0"},
    "fr": {"Contact", "Description", "Signature", "Total", "Continent",
           "Europe", "Pages", "Console", "Pays", "Titre"},
    "es": {"Total", "Asia", "No", "Error:"},
    "ar": set(),
}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
           "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
           "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
           "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
}


class _Texts(HTMLParser):
    """The text nodes a person reads (not script, style or title), plus
    the attributes read out loud (alt, aria-label, placeholder)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"):
            self.skip += 1
        for k, v in attrs:
            if k in ("alt", "aria-label", "placeholder") and v:
                self.out.append(v.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.out.append(" ".join(data.split()))


def texts(html):
    p = _Texts()
    p.feed(html)
    return p.out


def html_lang(html):
    m = HTML_RE.search(html)
    assert m, "no <html lang dir>: %r" % html[:200]
    return m.groups()


def get_in(c, path, lang, status=200):
    sep = "&" if "?" in path else "?"
    return expect(c.get(path + sep + "lang=" + lang), status,
                  "%s in %s" % (path, lang)).text


def country_options(html):
    """The names of the country <select>s: iso-codes' catalogs name them,
    and many are spelled alike in several languages."""
    out = set()
    for sel in re.findall(r'<select[^>]*name="country"[^>]*>(.*?)</select>',
                          html, re.S):
        out |= {htmlmod.unescape(n) for n in re.findall(
            r'<option value="[A-Z]{2}"[^>]*>([^<]*)<', sel)}
    return out


def without_rows(html):
    """A table's body is records (the audit log, the list of
    endorsements), not our text; so are the entries of the public lists
    and the events' names offered as a filter."""
    html = re.sub(r"<tbody>.*?</tbody>", "", html, flags=re.S)
    html = re.sub(r'<ol class="entries".*?</ol>', "", html, flags=re.S)
    return re.sub(r'(<select[^>]*name="event"[^>]*>\s*<option[^>]*>[^<]*'
                  r'</option>).*?(</select>)', r"\1\2", html, flags=re.S)


def untranslated(en_html, other_html, lang, data=()):
    """English text nodes left as they are in the other page."""
    allowed = SAME["*"] | SAME[lang] | set(data) | \
        (country_options(en_html) & country_options(other_html))
    en = set(texts(en_html))
    left = []
    for t in texts(other_html):
        if t in en and t not in allowed and t.strip(" ,") not in allowed and re.search(r"[A-Za-z]{2}", t) \
                and not re.fullmatch(r"[0-9A-Z]{24}|[A-Z]{2}", t) \
                and not t.startswith("http"):
            left.append(t)
    return left


def fixtures(site):
    """A receipt, a report's receipt and a kiosk, made once per site."""
    if getattr(site, "_lang_fixtures", None):
        return site._lang_fixtures
    c = site.client()
    code = receipt_code(c.submit(valid_fields(full_name="Ana Gómez",
                                              locality="Medellín",
                                              region="Antioquia",
                                              country="CO",
                                              organisation="Alcaldía")))
    rep = add_report(c, code)
    kiosk, _, _ = new_event(site, "Mechelen Forum")
    site._lang_fixtures = (code, rep, kiosk)
    return site._lang_fixtures


DATA = ("Ana Gómez", "Medellín", "Antioquia", "Alcaldía", "Bart Somers",
        "Mechelen", "Flanders", "City of Mechelen", "mayor@mechelen.be",
        "A welcome desk for newcomers", "not-an-address",
        # The audit log's records: user names, action codes, the address
        # endorsectl writes.
        "admin", "login", "logout", "user_add", "user_passwd", "local",
        "endorsectl:root", "event_add", "status", "export",
        # Spelled the same in Spanish.
        "Colombia (CO)", "Colombia") + tuple(
            v for v in report_fields().values() if isinstance(v, str))


def public_pages(site):
    code, rep, kiosk = fixtures(site)
    return ["/", "/endorse", "/signatories", "/commitments",
            "/receipt/" + code, "/receipt/" + code + "/withdraw",
            "/receipt/" + rep, kiosk]


ADMIN_PAGES = ["/admin/", "/admin/endorsements", "/admin/events",
               "/admin/audit"]


def test_every_page_says_its_language_and_direction():
    site = shared()
    c = site.client()
    for path in public_pages(site):
        for lang in LANGS:
            got = html_lang(get_in(c, path, lang))
            assert got == (lang, "rtl" if lang == "ar" else "ltr"), \
                "%s?lang=%s: %r" % (path, lang, got)
    a = admin_client(site)
    for path in ADMIN_PAGES + ["/admin/endorsements/1"]:
        for lang in LANGS:
            got = html_lang(get_in(a, path, lang))
            assert got == (lang, "rtl" if lang == "ar" else "ltr"), \
                "%s?lang=%s: %r" % (path, lang, got)
    # The sign-in page and an error page, without a session.
    for lang in LANGS:
        assert html_lang(get_in(site.client(), "/admin/login", lang))[0] \
            == lang
        html = get_in(c, "/no-such-page", lang, 404)
        assert html_lang(html)[0] == lang


def test_no_english_text_left_on_any_page():
    site = shared()
    c = site.client()
    a = admin_client(site)
    code = fixtures(site)[0]
    eid = site.query("SELECT id FROM endorsements WHERE receipt = ?",
                     (code,))[0][0]
    pages = [(c, p) for p in public_pages(site)] + \
        [(a, p) for p in ADMIN_PAGES + ["/admin/endorsements/%d" % eid]] + \
        [(site.client(), "/admin/login")]
    problems = []
    # Country names iso-codes spells alike ("France" in French).
    alike = {lang: country_options(get_in(c, "/endorse", "en")) &
             country_options(get_in(c, "/endorse", lang))
             for lang in ("fr", "es", "ar")}
    for client, path in pages:
        en = without_rows(get_in(client, path, "en"))
        for lang in ("fr", "es", "ar"):
            other = without_rows(get_in(client, path, lang))
            left = untranslated(en, other, lang, DATA + tuple(alike[lang]))
            if left:
                problems.append("%s in %s: %r" % (path, lang, left))
    for lang in ("fr", "es", "ar"):
        left = untranslated(get_in(c, "/nothing-here", "en", 404),
                            get_in(c, "/nothing-here", lang, 404), lang)
        if left:
            problems.append("404 in %s: %r" % (lang, left))
    assert not problems, "\n".join(problems)


def test_language_switcher_keeps_the_path_and_query_and_sets_the_cookie():
    site = shared()
    c = site.client()
    html = get_in(c, "/signatories?continent=europe", "fr")
    for lang in LANGS:
        href = "/signatories?continent=europe&amp;lang=%s" % lang
        assert 'hreflang="%s" href="%s"' % (lang, href) in html, \
            "no switcher link %s" % href
    assert 'lang="ar" dir="rtl" hreflang="ar"' in html
    assert c.cookies.get("lang") == "fr"
    # The cookie then chooses, without the query.
    assert html_lang(expect(c.get("/endorse"), 200).text)[0] == "fr"
    # On the admin console and the kiosk too.
    _, _, kiosk = fixtures(site)
    assert 'hreflang="es" href="%s?lang=es"' % kiosk in get_in(c, kiosk,
                                                                "fr")
    a = admin_client(site)
    assert 'hreflang="ar" href="/admin/events?lang=ar"' in get_in(
        a, "/admin/events", "en")


def test_negotiation_order_query_cookie_accept_language_english():
    c = shared().client()

    def lang_of(path="/endorse", cookie=None, accept=None):
        h = {}
        if cookie:
            h["Cookie"] = "lang=" + cookie
        if accept:
            h["Accept-Language"] = accept
        r = expect(c.request("GET", path, headers=h, send_cookies=False),
                   200)
        assert r.header("Content-Language") == html_lang(r.text)[0]
        return html_lang(r.text)[0]

    assert lang_of() == "en"
    assert lang_of(accept="fr") == "fr"
    assert lang_of(accept="fr-CA") == "fr"
    assert lang_of(accept="es-419,es;q=0.9") == "es"
    assert lang_of(accept="de-DE, fr;q=0.5, ar;q=0.8") == "ar"
    assert lang_of(accept="fr;q=0.1, es;q=0.2") == "es"
    assert lang_of(accept="ar;q=0, fr;q=0.01") == "fr"
    assert lang_of(accept="de, nl") == "en"
    assert lang_of(accept="*") == "en"
    assert lang_of(cookie="es", accept="ar") == "es"
    assert lang_of(cookie="xx", accept="ar") == "ar"
    assert lang_of("/endorse?lang=ar", cookie="es", accept="fr") == "ar"
    assert lang_of("/endorse?lang=zz", cookie="es", accept="fr") == "es"


def test_a_lang_in_the_query_sets_the_cookie_for_a_year():
    c = shared().client()
    r = expect(c.get("/?lang=es"), 200)
    sc = [v for v in r.header_all("Set-Cookie") if v.startswith("lang=")]
    assert sc and "Path=/" in sc[0] and "Max-Age=31536000" in sc[0], sc
    r = expect(c.get("/"), 200)
    assert not [v for v in r.header_all("Set-Cookie")
                if v.startswith("lang=")], "cookie set without a choice"


def test_422_summary_and_field_messages_in_each_language():
    site = shared()
    want = {
        "fr": ("Erreur\u00a0: ", "Il y a un problème",
               "Saisissez votre nom complet"),
        "es": ("Error: ", "Hay un problema", "Escriba su nombre completo"),
        "ar": ("خطأ: ", "هناك مشكلة", "أدخل اسمك الكامل"),
    }
    for lang, (prefix, heading, name_msg) in want.items():
        c = site.client()
        _, hidden = c.open_form("/endorse?lang=" + lang)
        assert hidden.get("lang") == lang, hidden
        fields = valid_fields(full_name=None, email="not-an-address")
        fields["lang"] = lang
        r = expect(c.submit(fields, hidden=hidden), 422)
        assert html_lang(r.text)[0] == lang
        assert title(r.text).startswith(prefix), title(r.text)
        assert heading in r.text
        msgs = error_texts(r.text)
        assert name_msg in msgs, msgs
        assert not [m for m in msgs if re.search(r"\bEnter\b", m)], msgs
        en = site.client()
        _, h = en.open_form("/endorse?lang=en")
        r_en = expect(en.submit(valid_fields(full_name=None,
                                             email="not-an-address"),
                                hidden=h), 422)
        left = untranslated(r_en.text, r.text, lang, DATA)
        assert left == [], left


def test_country_names_from_iso_codes_sorted_by_shown_name():
    c = shared().client()

    def options(lang):
        html = get_in(c, "/endorse", lang)
        sel = html[html.index('id="country"'):]
        sel = sel[:sel.index("</select>")]
        return re.findall(r'<option value="([A-Z]{2})"[^>]*>([^<]*)<', sel)

    fr = dict(options("fr"))
    assert fr["DE"] == "Allemagne" and fr["BE"] == "Belgique"
    assert dict(options("es"))["DE"] == "Alemania"
    assert dict(options("ar"))["DE"] == "ألمانيا"
    # Sorted as a reader sorts: accents and case after the letter.
    names = [n for _, n in options("fr")]
    assert names.index("Afrique du Sud") < names.index("Albanie")
    assert names.index("Équateur") < names.index("Érythrée") < \
        names.index("Espagne") < names.index("Estonie") < \
        names.index("États-Unis") < names.index("Éthiopie")
    es = [n for _, n in options("es")]
    assert es.index("Austria") < es.index("Azerbaiyán") < \
        es.index("Bahamas")
    ar = [n for _, n in options("ar")]
    assert ar.index("ألمانيا") < ar.index("بلجيكا") < ar.index("فرنسا")


def test_receipt_date_in_the_language_and_its_recorded_language():
    site = shared()
    c = site.client()
    _, hidden = c.open_form("/endorse?lang=fr")
    fields = valid_fields(full_name="Jean Dupont", locality="Lyon",
                          country="FR")
    fields["lang"] = "fr"
    code = receipt_code(c.submit(fields, hidden=hidden))
    created = site.query("SELECT created_at, lang FROM endorsements WHERE "
                         "receipt=?", (code,))[0]
    assert created[1] == "fr"
    d = datetime.date.fromisoformat(created[0][:10])
    day = "1er" if d.day == 1 else str(d.day)
    fresh = site.client()
    # No query, no cookie, no Accept-Language: the recorded language.
    r = expect(fresh.request("GET", "/receipt/" + code, send_cookies=False),
               200)
    assert html_lang(r.text)[0] == "fr"
    assert "%s %s %d" % (day, MONTHS["fr"][d.month - 1], d.year) in r.text
    # The recorded language comes before Accept-Language ...
    r = expect(fresh.request("GET", "/receipt/" + code, send_cookies=False,
                             headers={"Accept-Language": "es"}), 200)
    assert html_lang(r.text)[0] == "fr"
    # ... after the cookie and the query.
    r = expect(fresh.request("GET", "/receipt/" + code, send_cookies=False,
                             headers={"Cookie": "lang=es"}), 200)
    assert html_lang(r.text)[0] == "es"
    assert "%d de %s de %d" % (d.day, MONTHS["es"][d.month - 1], d.year) \
        in r.text
    r = expect(fresh.get("/receipt/%s?lang=ar" % code), 200)
    assert "%d %s %d" % (d.day, MONTHS["ar"][d.month - 1], d.year) in r.text
    r = expect(fresh.get("/receipt/%s/withdraw" % code, send_cookies=False),
               200)
    assert html_lang(r.text)[0] == "fr"


def test_typed_values_are_isolated_on_arabic_pages():
    site = shared()
    code, _, _ = fixtures(site)
    html = get_in(site.client(), "/receipt/" + code, "ar")
    for v in ("Ana Gómez", "Medellín", "Alcaldía"):
        assert "<bdi>%s</bdi>" % v in html, v
    assert "كولومبيا" in html


def test_counts_use_plural_forms():
    site = shared()
    c = site.client()
    fixtures(site)
    n = site.query("SELECT count(*) FROM endorsements WHERE status IN "
                   "('pending', 'verified')")[0][0]
    text = " ".join(texts(get_in(c, "/", "fr")))
    assert ("%d adhésions à ce jour." % n if n > 1 else
            "%d adhésion à ce jour." % n) in text, text[:400]
    text = " ".join(texts(get_in(c, "/", "ar")))
    if n >= 11 and n % 100 >= 11:
        assert "%d تأييدًا حتى الآن." % n in text
    elif n % 100 >= 3 and n % 100 <= 10:
        assert "%d تأييدات حتى الآن." % n in text


def test_nginx_error_pages_in_the_chosen_language():
    c = shared().client()
    big = "full_name=" + "a" * (70 * 1024)
    for lang, hdrs in (("fr", {"Cookie": "lang=fr"}),
                       ("ar", {"Accept-Language": "ar, en;q=0.5"}),
                       ("es", {"Cookie": "lang=es",
                               "Accept-Language": "fr"}),
                       ("en", {})):
        r = c.request("POST", "/endorse?x=1", body=big, send_cookies=False,
                      headers=dict(hdrs, **{
                          "Content-Type":
                          "application/x-www-form-urlencoded"}))
        assert r.status == 413, r.status
        assert html_lang(r.text) == (lang, "rtl" if lang == "ar" else
                                     "ltr"), (lang, r.text[:200])
    r = c.request("POST", "/endorse?lang=es", body=big, send_cookies=False,
                  headers={"Content-Type":
                           "application/x-www-form-urlencoded"})
    assert html_lang(r.text)[0] == "es"
    assert "Se envió demasiado" in r.text


def test_csv_header_row_in_the_language_asked_json_keys_never():
    site = shared()
    fixtures(site)
    a = admin_client(site)
    r = expect(a.get("/admin/export/endorsements.csv?lang=fr"), 200)
    head = r.text.split("\r\n", 1)[0].split(",")
    assert head[:4] == ["Numéro", "Reçu", "Reçue le (UTC)", "Statut"], \
        head
    assert "Nom complet" in head and "Pays" in head
    r = expect(a.get("/admin/export/commitments.csv?lang=ar"), 200)
    assert "إيصال التأييد" in r.text.split("\r\n", 1)[0]
    r = expect(a.get("/admin/export/endorsements.csv"), 200)
    assert r.text.startswith("id,receipt,created_at,status,full_name,")
    r = expect(a.get("/admin/export/endorsements.json?lang=es"), 200)
    assert '"full_name":' in r.text and "Nombre completo" not in r.text
    expect(a.get("/admin/export/endorsements.csv?lang=xx"), 400)
    p = ctl(site, "export", "endorsements", "--format", "csv",
            "--lang", "es")
    assert p.returncode == 0, p.stderr
    assert p.stdout.split("\r\n", 1)[0].startswith(
        "Número,Recibo,Recibida (UTC),Estado,Nombre completo")
    assert ctl(site, "export", "endorsements", "--format", "csv",
               "--lang", "xx").returncode == 2
