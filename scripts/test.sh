#!/usr/bin/env bash
# Command (2): the whole test suite, installing what it needs when missing.
#
#   1. tools            scripts/setup.sh test (idempotent)
#   2. format           cargo fmt --all --check
#   3. lint             cargo clippy (native, and wasm32 for the browser crates), warnings denied
#   4. native tests     cargo test --workspace (unit, integration, corpus conformance)
#   5. large files      scripts/large-files.sh: signed 320 MiB and 1 GiB PDFs (pyHanko); the
#                       1 GiB one verified natively under ulimit -v 128 MiB, peak RSS ≤ 64 MiB
#   5b. wasm tests      wasm-bindgen-test in headless Chromium (the core through the binding)
#   6. portal build     trunk build --release  → dist/
#   7. process groups   the e2e helpers end only the process groups they started
#   8. browser tests    Chromium, Firefox ESR, WebKitGTK over WebDriver, against dist/,
#                       one step each
#
# Screenshots and driver logs go to $KYSO_ARTIFACTS (default ../artifacts).
# Every step runs even if an earlier one failed (except when the tools or the
# build are missing); the summary at the end lists each step's outcome.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/setup.sh" test || { echo "setup failed"; exit 1; }
eval "$("$ROOT/scripts/setup.sh" env)"
export KYSO_SHARED="${KYSO_SHARED:-$ROOT/../shared}"
export KYSO_ARTIFACTS="${KYSO_ARTIFACTS:-$ROOT/../artifacts}"
export KYSO_E2E_REQUIRED=1
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-always}"
# One build per checkout: incremental caches only cost disk and time here
# (1.9 GB of a clean run's target/).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
mkdir -p "$KYSO_ARTIFACTS"
[ -d "$KYSO_SHARED" ] || echo "note: $KYSO_SHARED absent: tests that need the shared reference files will say SKIPPED"

# Each step's output also goes to a log of its own; the summary repeats the
# end of a failed step's log, so the reason is in the last lines a CI record keeps.
STEP_LOGS="$KYSO_ARTIFACTS/steps"
rm -rf "$STEP_LOGS"; mkdir -p "$STEP_LOGS"
declare -a NAMES=() RESULTS=() TIMES=() LOGS=() FREE=()
# Free disk after each step goes into the summary: a CI machine once ran out
# of disk in the portal build, and the record then said only "os error 28".
free_disk() { df -Pk . 2>/dev/null | awk 'NR==2 { printf "%.1f GB", $4 / 1048576 }'; }
echo "free disk at the start: $(free_disk); target/: $(du -sh target 2>/dev/null | cut -f1)"
step() {
    local name="$1"; shift
    printf '\n\033[1;35m==> %s\033[0m  (%s)\n' "$name" "$*"
    local t0=$SECONDS
    local log="$STEP_LOGS/$(( ${#NAMES[@]} + 1 ))-${name//[^a-zA-Z0-9]/_}.log"
    "$@" 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    NAMES+=("$name"); RESULTS+=("$rc"); TIMES+=($((SECONDS - t0))); LOGS+=("$log")
    FREE+=("$(free_disk)")
    return $rc
}

step "format" cargo fmt --all --check
step "clippy (native)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown -p kyso-web -p kyso-wasm --all-targets --locked -- -D warnings
step "native tests" cargo test --workspace --exclude kyso-e2e --locked
# Also makes the 320 MiB PDF the browser tests verify.
step "large files (1 GiB natively, memory ceiling)" scripts/large-files.sh
# The runner gives chromedriver 5 s to bind its port by default: too short
# on a loaded two-core machine with a cold disk cache.
step "wasm tests (headless Chromium)" env \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER="$(command -v chromedriver)" \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/scripts/wasm-test-webdriver.json" \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 \
    cargo test --target wasm32-unknown-unknown -p kyso-wasm --locked
# Ending driver process groups by system call, never signalling other groups
# (no browser needed; runs before the browsers so a regression stops here).
step "process-group tests" cargo test -p kyso-e2e --locked --lib --test process_groups
if step "portal build" trunk build --release; then
    # One step per browser, so the summary shows that each ran to the end.
    step "browser tests: Chromium" \
        cargo test -p kyso-e2e --locked --test browsers -- --exact chromium --nocapture
    step "browser tests: Firefox ESR" \
        cargo test -p kyso-e2e --locked --test browsers -- --exact firefox --nocapture
    step "browser tests: WebKitGTK" \
        cargo test -p kyso-e2e --locked --test browsers -- --exact webkit --nocapture
fi

for i in "${!NAMES[@]}"; do
    if [ "${RESULTS[$i]}" != 0 ]; then
        printf '\n\033[1;31m── end of the failed step "%s" (exit %s; whole log: %s) ──\033[0m\n' \
            "${NAMES[$i]}" "${RESULTS[$i]}" "${LOGS[$i]}"
        # Failures and errors first (cargo prints them at the end), then the tail.
        grep -a -n -E "panicked|^error|FAILED|failed|^failures:|timed out|driver" "${LOGS[$i]}" | tail -n 25
        echo "…"
        tail -n 25 "${LOGS[$i]}"
    fi
done
printf '\n\033[1m%-52s %-6s %-7s %s\033[0m\n' "step" "result" "time" "free disk after"
fail=0
for i in "${!NAMES[@]}"; do
    if [ "${RESULTS[$i]}" = 0 ]; then r="ok"; else r="FAILED"; fail=1; fi
    printf '%-52s %-6s %-7s %s\n' "${NAMES[$i]}" "$r" "${TIMES[$i]}s" "${FREE[$i]}"
done
if [ -f dist/index.html ]; then
    # The table README.md's "Size of dist/" section quotes.
    printf '\n| File | Raw | gzip -9 |\n|---|---:|---:|\n'
    for f in dist/widget/*.wasm dist/widget/*.js dist/widget/*.css dist/*.js dist/index.html dist/demo/*; do
        [ -f "$f" ] && printf '| `%s` | %s | %s |\n' "${f#dist/}" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
    done
    echo "dist/ total: $(du -sb dist | cut -f1) bytes; artifacts: $KYSO_ARTIFACTS/e2e"
fi
echo "target/: $(du -sh target 2>/dev/null | cut -f1); free disk at the end: $(free_disk)"
if [ $fail = 0 ]; then echo "KYSO TESTS: ALL PASSED"; else echo "KYSO TESTS: FAILED"; fi
exit $fail
