#!/usr/bin/env python3
"""run.py: the integration tests of endorse against the real stack.

Runs every test_* function of every tests/integration/test_*.py module,
in file order, prints "ok - name" or "FAIL - name: reason" for each, and
ends with "N passed, N failed", which counts tests only.  Exit status 1
if any failed, or if a site did not stop cleanly at the end (then a line
"# teardown FAILED: ..." says why).

    python3 tests/integration/run.py [SUBSTRING...]

With arguments, only the tests whose name contains one of them run.
"""
import importlib.util
import inspect
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402


def load_tests():
    tests = []
    for name in sorted(os.listdir(HERE)):
        if not (name.startswith("test_") and name.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(name[:-3],
                                                      os.path.join(HERE, name))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        fns = [(n, f) for n, f in vars(mod).items()
               if n.startswith("test_") and inspect.isfunction(f)
               and f.__module__ == mod.__name__]
        fns.sort(key=lambda nf: nf[1].__code__.co_firstlineno)
        tests.extend(fns)
    return tests


def reason(exc):
    tb = traceback.format_exception(type(exc), exc, exc.__traceback__)
    lines = "".join(tb).rstrip("\n").split("\n")
    return "\n    ".join(lines[-6:])


def main(argv):
    start = time.time()
    try:
        tests = load_tests()
    except Exception as e:      # a broken test module fails the run
        print("FAIL - load: %s" % reason(e))
        print("0 passed, 1 failed")
        return 1
    if argv:
        tests = [(n, f) for n, f in tests if any(a in n for a in argv)]
    passed = failed = 0
    try:
        for name, fn in tests:
            t0 = time.time()
            try:
                fn()
            except BaseException as e:  # noqa: B902 - errors count as failures
                if isinstance(e, KeyboardInterrupt):
                    raise
                failed += 1
                print("FAIL - %s: %s" % (name, reason(e)), flush=True)
            else:
                passed += 1
                dt = time.time() - t0
                print("ok - %s%s" % (name, " (%.1fs)" % dt if dt > 2 else ""),
                      flush=True)
    finally:
        problems = harness.stop_all()
    # Stopping the sites is not a test: it is not counted, but a site
    # that does not stop cleanly fails the run (exit status 1).
    if problems:
        print("# teardown FAILED: %s" % "\n    ".join(problems))
    print("# %.1f s" % (time.time() - start), flush=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
