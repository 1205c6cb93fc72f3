#!/bin/sh
# test.sh — run every suite against the sanitizer build and end with one
# line "N passed, N failed". Suites: unit (cmocka), http (a real server on
# 127.0.0.1 with a real SQLite file), e2e (Debian's chromium via
# playwright-core), fuzz smoke (each libFuzzer target for a few seconds).
# Logs go to build/test/.
cd "$(dirname "$0")/.." || exit 1
out=build/test
mkdir -p "$out"
passed=0
failed=0

count() {   # count SUITE PASSED FAILED
    echo "$1: $2 passed, $3 failed"
    passed=$((passed + $2))
    failed=$((failed + $3))
}

# --- unit tests: cmocka prints its summary on stderr ----------------------
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in build/asan/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    "$t" >"$out/$name.log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out/$name.log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out/$name.log" | tail -n 1)
    p=${p:-0}; f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed before its summary
    [ "$f" -ne 0 ] && { echo "--- $name failed:"; tail -n 30 "$out/$name.log"; }
    count "unit/$name" "$p" "$f"
done

# --- suites that print their own "N passed, N failed" line -----------------
run_suite() {   # run_suite NAME COMMAND…
    name=$1; shift
    "$@" >"$out/$name.log" 2>&1
    rc=$?
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/$name.log" | tail -n 1)
    p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); p=${p:-0}
    f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p'); f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    [ "$f" -ne 0 ] && { echo "--- $name failed:"; grep -E 'FAIL|Error|error' "$out/$name.log" | head -n 40; }
    count "$name" "$p" "$f"
}

run_suite http /usr/bin/python3 tests/http/run.py build/asan/midad
[ -f tests/e2e/run.sh ] && run_suite e2e sh tests/e2e/run.sh build/asan/midad
run_suite fuzz sh tests/fuzz/run.sh 3

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
