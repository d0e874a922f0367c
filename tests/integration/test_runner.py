"""test_runner.py: what run.py counts.  Its "N passed, N failed" line
counts the tests only; stopping the sites at the end is not a test, but a
site that does not stop cleanly still fails the run.

run.py's main() is run here on tests made for the purpose, with a harness
of its own: the real one's sites (this run's) are left alone.
"""
import contextlib
import importlib.util
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def run_main(tests, problems, argv=()):
    spec = importlib.util.spec_from_file_location(
        "endorse_it_runner", os.path.join(HERE, "run.py"))
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)

    class Harness:
        stopped = 0

        @classmethod
        def stop_all(cls):
            cls.stopped += 1
            return list(problems)

    run.harness = Harness
    run.load_tests = lambda: list(tests)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = run.main(list(argv))
    assert Harness.stopped == 1
    return rc, out.getvalue().splitlines()


def good():
    pass


def bad():
    raise AssertionError("no")


def test_runner_counts_tests_only():
    rc, lines = run_main([("test_a", good), ("test_b", bad)], [])
    assert lines[-1] == "1 passed, 1 failed", lines
    assert rc == 1
    assert not any("stop_sites" in l for l in lines), lines
    rc, lines = run_main([("test_a", good)], [])
    assert lines[-1] == "1 passed, 0 failed", lines
    assert rc == 0
    # No test chosen: nothing counted.
    rc, lines = run_main([("test_a", good)], [], argv=["nothing-like-it"])
    assert lines[-1] == "0 passed, 0 failed", lines
    assert rc == 0


def test_runner_fails_the_run_on_a_teardown_problem():
    rc, lines = run_main([("test_a", good)], ["port 1 still listening"])
    assert lines[-1] == "1 passed, 0 failed", lines
    assert rc == 1
    assert any(l.startswith("# teardown FAILED: port 1 still listening")
               for l in lines), lines


def test_script_test_counts_a_failed_teardown_once():
    """script/test: a suite that exits 1 with no failed test is a failure."""
    import subprocess
    import tempfile
    top = os.path.abspath(os.path.join(HERE, "..", ".."))
    with open(os.path.join(top, "script", "test")) as f:
        src = f.read()

    def function(name):
        start = src.index("\n%s() {" % name)
        return src[start:src.index("\n}\n", start) + 3]
    with tempfile.TemporaryDirectory() as d:
        fake = os.path.join(d, "fake")
        with open(fake, "w") as f:
            f.write("#!/bin/sh\necho 'ok - test_a'\n"
                    "echo '# teardown FAILED: x'\necho '1 passed, 0 failed'\n"
                    "exit 1\n")
        os.chmod(fake, 0o755)
        script = ("passed=0 failed=0 skipped=0\n" + function("count")
                  + function("suite")
                  + 'suite fake %s\necho "total $passed $failed"\n' % fake)
        out = subprocess.run(["bash", "-c", script], capture_output=True,
                             text=True, timeout=30)
    last = out.stdout.strip().splitlines()[-1]
    assert last == "total 1 1", out.stdout + out.stderr
