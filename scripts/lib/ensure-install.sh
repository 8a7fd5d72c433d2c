# Sourced by start.sh and test.sh: install the workspace when node_modules is missing or older than the lockfile.
ensure_install() {
  if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> installing dependencies (npm ci; better-sqlite3 compiles from source, about 2 minutes the first time)"
    npm ci --no-audit --no-fund
  fi
}

# Builds only what changed since the last build, so a second start is quick.
stale() { # stale <output-marker> <source dirs...>
  local marker=$1; shift
  [ ! -e "$marker" ] && return 0
  [ -n "$(find "$@" -newer "$marker" -type f -print -quit 2>/dev/null)" ]
}

build_server() {
  if stale server/dist/src/main.js server/src shared-types/src; then
    echo "==> building shared-types and server"
    npm run build -w shared-types >/dev/null
    npm run build -w server >/dev/null
  fi
}

build_h5() {
  if stale miniapp/dist/h5/index.html miniapp/src miniapp/config shared-types/src; then
    echo "==> building the mini-program for H5 (about 30 s)"
    npm run build:h5 -w miniapp >/dev/null
  fi
}

build_admin() {
  if stale admin/dist/index.html admin/src admin/index.html admin/vite.config.ts shared-types/src; then
    echo "==> building the web console (served at /admin)"
    npm run build -w admin | grep -v '^$' | sed -n '/console (admin\/) JavaScript/,$p'
  fi
}
