#!/usr/bin/env bash
# npm start: install, build, migrate, seed a new embedded database, serve. Honours PORT, DATABASE_URL, REDIS_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure-install.sh
ensure_install
build_server
build_h5
build_admin
if [ -z "${DATABASE_URL:-}" ] && [ ! -f "${DATA_DIR:-data}/huiyuan.sqlite" ]; then
  echo "==> new embedded database: migrating and loading the demo data"
  node server/dist/src/cli/seed.js
fi
exec node server/dist/src/main.js
