#!/usr/bin/env python3
"""Black-box HTTP tests: a real midad server on 127.0.0.1, a real SQLite file.

Usage: run.py PATH/TO/midad
Creates a database in a temporary folder (init, demo, and fixture articles
imported with `midad import md`), starts `midad serve` on a free port, runs
the test_* functions of every tests/http/test_*.py module, stops the server,
and prints "N passed, N failed". Only 127.0.0.1 is contacted; every request
has a timeout. Run with Debian's /usr/bin/python3 (python3-feedparser).
"""
import importlib
import os
import shutil
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) > 1:
    os.environ["MIDAD"] = os.path.abspath(sys.argv[1])
import harness  # noqa: E402  (reads MIDAD)


def collect():
    here = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(here)):
        if name.startswith("test_") and name.endswith(".py"):
            module = importlib.import_module(name[:-3])
            for attr, fn in list(vars(module).items()):
                if attr.startswith("test_") and callable(fn) and fn.__module__ == module.__name__:
                    yield f"{name[:-3]}.{attr}", fn


def main():
    passed = failed = 0
    try:
        harness.setup()
        for name, fn in collect():
            try:
                fn()
                passed += 1
                print(f"ok   {name}")
            except Exception:
                failed += 1
                print(f"FAIL {name}")
                traceback.print_exc()
    except Exception:
        failed += 1
        print("FAIL setup")
        traceback.print_exc()
    finally:
        try:
            harness.teardown()
        except Exception:
            failed += 1
            print("FAIL teardown")
            traceback.print_exc()
        shutil.rmtree(harness.TMP, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
