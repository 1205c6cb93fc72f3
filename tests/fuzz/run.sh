#!/bin/sh
# run.sh SECONDS — run every libFuzzer target (build/fuzz/bin/*) for SECONDS
# each, starting from the seeds in tests/fuzz/corpus/NAME and keeping what
# it finds in build/fuzz/corpus/NAME (the tree's seeds are not changed).
# Prints one line per target and ends with "N passed, N failed"; a crash
# leaves its input in build/fuzz/crashes/. Used short by `make test`
# (tools/test.sh runs it with 3 s) and long by `make fuzz`.
cd "$(dirname "$0")/../.." || exit 1
secs=${1:-3}
passed=0
failed=0
mkdir -p build/fuzz/crashes
for bin in build/fuzz/bin/fuzz_*; do
    [ -x "$bin" ] || continue
    name=${bin##*/fuzz_}
    work=build/fuzz/corpus/$name
    mkdir -p "$work"
    [ -d "tests/fuzz/corpus/$name" ] && cp -n tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null
    log=build/fuzz/$name.log
    if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=build/fuzz/crashes/"$name"- "$work" >"$log" 2>&1; then
        stats=$(grep -aE '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 | sed 's/ *lim:.*//')
        echo "ok   fuzz_$name ($secs s): $stats"
        passed=$((passed + 1))
    else
        echo "FAIL fuzz_$name: see $log"
        tail -n 30 "$log"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
