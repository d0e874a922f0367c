"""Double submission, durability and concurrency."""
import threading

from harness import (shared, expect, valid_fields, encode, receipt_code,
                     Client, CODE_RE)


def _body(h, fields):
    return encode([("csrf", h["csrf"]), ("form_token", h["form_token"])]
                  + list(fields.items()))


def test_same_token_same_fields_twice_same_receipt_one_row():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    f = valid_fields(full_name="Double Click")
    before = site.count()
    a = receipt_code(c.post("/endorse", _body(h, f)))
    b = receipt_code(c.post("/endorse", _body(h, f)))
    assert a == b, (a, b)
    assert site.count() == before + 1
    assert site.query("SELECT count(*) FROM endorsements WHERE "
                      "full_name='Double Click'") == [(1,)]


def test_same_token_resent_from_new_page_csrf_same_receipt():
    # A retry after a timeout: the browser sends the same form again,
    # maybe after the error page gave it a fresh csrf field.
    site = shared()
    c = site.client()
    _, h = c.open_form()
    f = valid_fields(full_name="Retry After Timeout")
    a = receipt_code(c.post("/endorse", _body(h, f)))
    _, h2 = c.open_form()
    h2 = dict(h2, form_token=h["form_token"])
    b = receipt_code(c.post("/endorse", _body(h2, f)))
    assert a == b


def test_same_token_different_fields_409_one_row():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    before = site.count()
    receipt_code(c.post("/endorse", _body(h, valid_fields(
        full_name="First Version"))))
    r = c.post("/endorse", _body(h, valid_fields(full_name="Second Version")))
    expect(r, 409)
    assert r.header("Location") is None
    assert site.count() == before + 1
    assert site.query("SELECT count(*) FROM endorsements WHERE "
                      "full_name='Second Version'") == [(0,)]


def test_same_token_unchecked_box_differs_409():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    receipt_code(c.post("/endorse", _body(h, valid_fields(
        full_name="Box Toggle"))))
    expect(c.post("/endorse", _body(h, valid_fields(
        full_name="Box Toggle", listed=None))), 409)


def test_same_token_twice_concurrently_one_row():
    site = shared()
    c = site.client()
    _, h = c.open_form()
    body = _body(h, valid_fields(full_name="Concurrent Double"))
    out = []

    def go():
        cc = Client(site.port)
        cc.cookies = dict(c.cookies)
        out.append(cc.post("/endorse", body))
    ts = [threading.Thread(target=go) for _ in range(6)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    codes = {receipt_code(r) for r in out}
    assert len(codes) == 1, codes
    assert site.query("SELECT count(*) FROM endorsements WHERE "
                      "full_name='Concurrent Double'") == [(1,)]


def test_row_committed_when_303_arrives():
    site = shared()
    c = site.client()
    r = c.submit(valid_fields(full_name="Durable Row"))
    code = receipt_code(r)
    # A separate connection to the file, opened after the answer.
    rows = site.query("SELECT full_name, status FROM endorsements WHERE "
                      "receipt=?", (code,))
    assert rows == [("Durable Row", "pending")], rows


def test_database_in_wal_mode():
    assert shared().query("PRAGMA journal_mode") == [("wal",)]


def test_concurrent_posts_200_distinct_receipts():
    site = shared()
    n, nthreads = 200, 16
    before = site.count()
    codes, errors = [], []
    lock = threading.Lock()

    def worker(k):
        for i in range(k, n, nthreads):
            try:
                c = Client(site.port)
                r = c.submit(valid_fields(full_name="Load %03d" % i,
                                          email="load%03d@example.org" % i))
                code = receipt_code(r)
                with lock:
                    codes.append((i, code))
            except Exception as e:      # collected, reported below
                with lock:
                    errors.append("%d: %s" % (i, e))
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(nthreads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors, "%d failed, first: %s" % (len(errors), errors[:3])
    assert len(codes) == n
    assert len({c for _, c in codes}) == n, "receipt codes repeat"
    assert all(CODE_RE.match(c) for _, c in codes)
    assert site.count() == before + n, (before, site.count())
    rows = dict(site.query("SELECT receipt, full_name FROM endorsements "
                           "WHERE full_name LIKE 'Load %'"))
    for i, code in codes:
        assert rows.get(code) == "Load %03d" % i, (code, rows.get(code))
