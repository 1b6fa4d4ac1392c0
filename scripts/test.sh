#!/usr/bin/env bash
# Runs every test: type check, vitest (unit + integration), Playwright suites.
# Ends with one plain line "N passed, N failed, N skipped" counted over all runners.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
status=0
echo "== typecheck"
npx tsc --noEmit || status=1
echo "== format (prettier --check; fix with npm run format)"
npx prettier --check --log-level warn . || status=1
echo "== layers (dependency-cruiser: the import order of assessment.md §5; npm run deps)"
npx depcruise harness --config .dependency-cruiser.cjs --output-type err || status=1
echo "== vitest"
bash scripts/private-net.sh npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || status=1
if compgen -G "suites/**/*.spec.ts" >/dev/null || compgen -G "suites/*.spec.ts" >/dev/null; then
  echo "== playwright"
  PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/playwright.json bash scripts/private-net.sh npx playwright test --reporter=list,json || status=1
fi
node scripts/test-summary.mjs .tmp/vitest.json .tmp/playwright.json || status=1
exit $status
