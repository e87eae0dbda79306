#!/usr/bin/env bash
# Runs every Perigee test suite and ends with one line totalling them all:
#   N passed, N failed[, N skipped]
# Suites: vitest (unit tests + integration tests against real PostgreSQL/TimescaleDB
# and the librdkafka mock Kafka cluster) and Playwright (Chromium against a running Perigee).
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 NEXT_TELEMETRY_DISABLED=1 FORCE_COLOR=0
out=test-results
rm -rf "$out" && mkdir -p "$out"

bash scripts/install-test-packages.sh || { echo "0 passed, 1 failed"; exit 1; }

echo "== unit and integration tests (vitest)"
npx vitest run --config scripts/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
vitest_rc=$?

echo "== console build (next build)"
if npx next build > "$out/next-build.log" 2>&1; then
  build_ok=1
else
  build_ok=0
  tail -40 "$out/next-build.log"
fi

if [ "$build_ok" = 1 ]; then
  echo "== end-to-end tests (playwright, chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright.json" npx playwright test
fi

node scripts/summarize-tests.mjs "$out/vitest.json" "$out/playwright.json" "$build_ok" "$vitest_rc"
