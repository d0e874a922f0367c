"""bench_exports.py [ROWS]: time and peak memory of the exports of ROWS
endorsements (1,000,000 unless told), CSV, JSON and XLSX, over HTTP
(the endorse-admin worker's peak RSS, from /proc) and from endorsectl
(the process's peak RSS, from GNU time, Debian's "time").  Not a test:
run it by hand, alone on the machine,

    python3 tests/integration/bench_exports.py 1000000

It starts a private site on a free port, fills it by SQL (a minute or
two for a million rows), prints one line per export, and stops it.
"""
import http.client
import os
import subprocess
import sys
import time

from harness import ENDORSECTL, admin_client, start_site, stop_all
import test_admin_export as tae


def vmhwm(pid):
    return tae._vmhwm(pid)


def http_export(site, a, worker, fmt):
    with open("/proc/%d/clear_refs" % worker, "w") as f:
        f.write("5")
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=900)
    t0 = time.time()
    conn.request("GET", "/admin/export/endorsements.%s" % fmt,
                 headers={"Cookie": "; ".join("%s=%s" % kv
                                              for kv in a.cookies.items())})
    r = conn.getresponse()
    assert r.status == 200, r.status
    size = 0
    while True:
        chunk = r.read(1 << 16)
        if not chunk:
            break
        size += len(chunk)
    conn.close()
    return time.time() - t0, vmhwm(worker), size


def ctl_export(site, fmt, out):
    """GNU time's %M: the peak RSS of endorsectl itself (wait4's
    ru_maxrss would count the forked copy of this Python before exec)."""
    t0 = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", ENDORSECTL, "--db",
                        site.db, "export", "endorsements", "--format", fmt,
                        "--output", out], capture_output=True, timeout=900)
    dt = time.time() - t0
    assert p.returncode == 0, p.stderr
    kb = int(p.stderr.decode().strip().splitlines()[-1])
    size = os.path.getsize(out)
    os.unlink(out)
    return dt, kb, size


def main(n):
    site = start_site(workers=1)
    try:
        t0 = time.time()
        tae._fill(site.db, n)
        print("filled %d rows in %.1f s" % (n, time.time() - t0),
              flush=True)
        a = admin_client(site)
        (worker,) = site.admin_workers()
        for fmt in ["csv", "json", "xlsx"]:
            dt, kb, size = http_export(site, a, worker, fmt)
            print("HTTP        %-4s %9d rows  %6.1f s  peak RSS %6.1f MiB"
                  "  %7.1f MiB" % (fmt, n, dt, kb / 1024, size / 2 ** 20),
                  flush=True)
        for fmt in ["csv", "json", "xlsx"]:
            out = os.path.join(site.state, "bench." + fmt)
            dt, kb, size = ctl_export(site, fmt, out)
            print("endorsectl  %-4s %9d rows  %6.1f s  peak RSS %6.1f MiB"
                  "  %7.1f MiB" % (fmt, n, dt, kb / 1024, size / 2 ** 20),
                  flush=True)
    finally:
        stop_all()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000000)
