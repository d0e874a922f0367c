"""test_toolchain.py: the tools the tests need are those of a stock
Debian 12, whose nodejs is 18.20.4 (the machines we develop on may have a
newer Node.js from elsewhere, which would hide a package that needs it).
"""
import json
import os
import re
import subprocess

from harness import TOP

DEBIAN12_NODE = (18, 20, 4)
LOCK = os.path.join(TOP, "tests", "browser", "package-lock.json")


def version(text):
    parts = [int(p) for p in re.findall(r"\d+", text)[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


def accepts(rng, have):
    """Whether an npm engines range accepts version have.

    Handles what the pinned packages use: alternatives joined by "||",
    each a list of >=, >, <=, <, = or ^ comparators; anything else is an
    error, so that a new form of range is looked at, not passed.
    """
    for alt in rng.split("||"):
        ok = True
        for part in alt.split():
            m = re.fullmatch(r"(>=|<=|>|<|=|\^)?v?(\d+(?:\.\d+){0,2})(?:\.x)?",
                             part)
            assert m, "engines range %r: cannot read %r" % (rng, part)
            op, want = m.group(1) or "=", version(m.group(2))
            if op == ">=":
                ok &= have >= want
            elif op == ">":
                ok &= have > want
            elif op == "<=":
                ok &= have <= want
            elif op == "<":
                ok &= have < want
            elif op == "^":
                ok &= have >= want and have[0] == want[0]
            else:
                n = len(m.group(2).split("."))
                ok &= have[:n] == want[:n]
        if ok:
            return True
    return False


def test_browser_packages_run_on_debian12_node():
    with open(LOCK) as f:
        lock = json.load(f)
    with open(os.path.join(TOP, "tests", "browser", "package.json")) as f:
        pkg = json.load(f)
    seen = []
    for path, meta in lock["packages"].items():
        if not path:
            continue
        rng = meta.get("engines", {}).get("node")
        if rng is not None:
            assert accepts(rng, DEBIAN12_NODE), (
                "%s %s needs node %s; Debian 12 has %s" % (
                    path, meta.get("version"), rng,
                    ".".join(map(str, DEBIAN12_NODE))))
        seen.append(path.rsplit("node_modules/", 1)[-1])
    # The lock holds what package.json pins, at the same versions.
    for name, want in pkg["dependencies"].items():
        got = lock["packages"]["node_modules/" + name]["version"]
        assert got == want, "%s: package.json %s, lock %s" % (name, want, got)
    assert "playwright-core" in seen


def test_engines_range_reader():
    assert accepts(">=18", (18, 20, 4))
    assert not accepts(">=20", (18, 20, 4))
    assert accepts("^18.12.0 || >=20", (18, 20, 4))
    assert not accepts(">=18 <18.20", (18, 20, 4))


def test_bootstrap_names_the_node_it_uses():
    """script/bootstrap says which Node.js it found and what it needs."""
    out = subprocess.run([os.path.join(TOP, "script", "bootstrap")],
                         cwd=TOP, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    have = subprocess.run(["node", "-p", "process.versions.node"],
                          capture_output=True, text=True).stdout.strip()
    line = [l for l in (out.stdout + out.stderr).splitlines()
            if l.startswith("bootstrap: Node.js")]
    assert line, out.stdout + out.stderr
    assert ("Node.js %s " % have) in line[0], line
    assert "18 or later" in line[0], line
