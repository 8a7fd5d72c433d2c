#!/usr/bin/env bash
# npm test: server unit + integration (MySQL when TEST_DATABASE_URL is set, embedded SQLite otherwise),
# mini-program and web console unit tests, and the browser journeys when Chromium is installed. Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure-install.sh
ensure_install || exit 1
RESULTS=${TEST_RESULTS_DIR:-artifacts/test-results}
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
status=0

db_label=${TEST_DATABASE_URL:+mysql}
db_label=${db_label:-sqlite}
echo "==> server: unit and integration tests on ${db_label}"
(cd server && npx jest --ci --json --outputFile="../$RESULTS/server-$db_label.json" 2>&1 | grep -v '^npm warn') || status=1

echo "==> mini-program: unit tests"
(cd miniapp && npx jest --ci --json --outputFile="../$RESULTS/miniapp.json" 2>&1 | grep -v '^npm warn') || status=1

echo "==> web console: component tests"
(cd admin && npx jest --ci --json --outputFile="../$RESULTS/admin.json" 2>&1 | grep -v '^npm warn') || status=1

if [ -x /usr/bin/chromium ]; then
  echo "==> browser journeys (H5 build and web console in Chromium against the server on the embedded database)"
  build_server && build_h5 && build_admin || status=1
  E2E_DIR=$(mktemp -d)
  export E2E_PORT=${E2E_PORT:-3987}
  PORT=$E2E_PORT DATA_DIR="$E2E_DIR/data" LOG_LEVEL=warn node server/dist/src/cli/seed.js >"$E2E_DIR/seed.log" 2>&1 || status=1
  # The automations scan and care-task generation run every few seconds, so journeys 32 and 33 need not wait an hour.
  PORT=$E2E_PORT DATA_DIR="$E2E_DIR/data" LOG_LEVEL=warn JOB_INTERVALS=automations-scan=3000,care-tasks-generate=3000 node server/dist/src/main.js >"$E2E_DIR/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$E2E_PORT/api/health" >/dev/null 2>&1 && break; sleep 1; done
  E2E_BASE_URL="http://127.0.0.1:$E2E_PORT" node scripts/e2e/run.mjs | tee "$RESULTS/e2e.txt" || status=1
  kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null
else
  echo "e2e: skipped (Chromium not installed: apt-get install chromium fonts-noto-cjk)" | tee "$RESULTS/e2e.txt"
fi

node scripts/tally.mjs "$RESULTS" || status=1
exit $status
