#!/usr/bin/env bash
# Sanitizer stages for CI: the test suites again under AddressSanitizer (.build-asan) and
# ThreadSanitizer (.build-tsan), each a separate build. Exits non-zero on any sanitizer report
# or test failure; prints how long each stage took. Expects the packages of
# deploy/local/install-deps.sh (PostgreSQL, libpq, publicsuffix). Details: docs/testing.md.
#
#   deploy/ci/sanitizers.sh            both stages
#   deploy/ci/sanitizers.sh asan|tsan  one of them
#
# Both run every suite, the end-to-end ones included: the executables those start are built with
# the same sanitizer, inherit its options and report into the same log. Excluded from both:
#   - streamsALargeBodyWithBoundedMemory (HTTPTests): asserts resident memory growth, which ASan's
#     quarantine of freed memory and TSan's shadow memory inflate far beyond the bound.
#   - notifyWakes, "NOTIFY wakes an idle worker within milliseconds" (QueueTests): a latency bound
#     that an instrumented build (TSan: 5-15x slower) on a shared machine cannot be held to.
#   - tenThousandLines, a 10,000-line NDJSON file through the intake binary (IntakeTests): a volume
#     test, over 5 minutes under ASan on a loaded machine; BulkTests runs the same path in-process
#     and runsAndStops the binary.
#   - BrowserTests and ConsoleBrowserTests (headless Chromium): the browser is not instrumented and
#     the code they drive runs uninstrumented in the plain run; beside the instrumented suites its
#     rendering only starves their timeouts.
# Known toolchain false positives of TSan are suppressed in deploy/ci/tsan.supp, each with its
# reason and a reproducer; LeakSanitizer is off (see asan below).
set -euo pipefail
cd "$(dirname "$0")/../.."

stages=("$@")
[[ ${#stages[@]} -gt 0 ]] || stages=(asan tsan)
failed=0
timings=()

# Sanitizer runtimes report on stderr and, for TSan, may still exit 0: the logs are searched too.
reports='WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|SUMMARY: (Address|Thread)Sanitizer'

# Sanitized children get a reduced environment (no PATH): name the symbolizer, or their reports
# come out as bare addresses that suppressions cannot match.
symbolizer=$(command -v llvm-symbolizer || true)
symbolize=${symbolizer:+:external_symbolizer_path=$symbolizer}

timed() {
    local label=$1
    shift
    local start=$SECONDS status=0
    "$@" || status=$?
    timings+=("$(printf '%-10s %5ds  %s' "$label" $((SECONDS - start)) "$([[ $status == 0 ]] && echo ok || echo "FAILED ($status)")")")
    echo "== $label: $((SECONDS - start))s" >&2
    return "$status"
}

# Runs `swift test` for one sanitizer, keeping its output in LOG; fails on a test failure or any report.
run_tests() {
    local sanitizer=$1 scratch=$2 log=$3
    shift 3
    local status=0
    swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" "$@" 2>&1 | tee "$log" || status=$?
    if grep -Eq "$reports" "$log"; then
        echo "sanitizers.sh: $sanitizer reported problems (see $log):" >&2
        grep -E "SUMMARY: (Address|Thread)Sanitizer" "$log" | sort | uniq -c >&2 || true
        status=1
    fi
    return "$status"
}

# Instrumented builds run 2-15x slower: tests that wait for something bound to happen wait longer
# (Tests/Support/Eventually.swift). A passing test never waits the bound.
export OCC_TEST_TIME_SCALE=${OCC_TEST_TIME_SCALE:-4}

skip_everywhere='streamsALargeBodyWithBoundedMemory|notifyWakes|tenThousandLines|BrowserTests'

asan() {
    # detect_leaks=0: LeakSanitizer cannot see pointers Swift stores tagged (weak-reference side
    # tables, class references inside multi-payload enums), so it reports live objects as leaked.
    # Freed memory is filled (first 4 KiB) so that a use after free inside an uninstrumented C
    # library such as libpq reads garbage and crashes instead of silently reading stale values.
    export ASAN_OPTIONS="detect_leaks=0:max_free_fill_size=4096:free_fill_byte=190:halt_on_error=1$symbolize"
    timed asan-build swift build --build-tests --sanitize=address --scratch-path .build-asan || return 1
    timed asan-test run_tests address .build-asan .build-asan/sanitizer-tests.log --skip "$skip_everywhere"
}

tsan() {
    export TSAN_OPTIONS="suppressions=$PWD/deploy/ci/tsan.supp:halt_on_error=0$symbolize"
    timed tsan-build swift build --build-tests --sanitize=thread --scratch-path .build-tsan || return 1
    timed tsan-test run_tests thread .build-tsan .build-tsan/sanitizer-tests.log --skip "$skip_everywhere"
}

for stage in "${stages[@]}"; do
    case "$stage" in
        asan) asan || failed=1 ;;
        tsan) tsan || failed=1 ;;
        *) echo "usage: deploy/ci/sanitizers.sh [asan|tsan]..." >&2; exit 64 ;;
    esac
done

echo "sanitizer stages:"
printf '  %s\n' "${timings[@]}"
exit "$failed"
