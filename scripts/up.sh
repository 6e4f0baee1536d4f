#!/usr/bin/env bash
# Brings the whole help desk up on this machine: npm packages, a local MariaDB (unless DATABASE_URL
# points elsewhere), migrations, demo data on first run, a production build, and the server on
# http://localhost:3000 (PORT and HOST change that). Prints the URL and the demo logins. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

ensure_node_modules "$root"

if [ ! -f .env ]; then
  say "writing .env with fresh secrets (see .env.example)"
  umask 077
  # Without a DATABASE_URL of the caller's, the help desk gets its own MariaDB (scripts/db-up.sh).
  if [ -n "${DATABASE_URL:-}" ]; then
    database_lines="DATABASE_URL=$DATABASE_URL"
  else
    database_lines="DATABASE_URL=$(local_database_url helpdeck)
HELPDECK_LOCAL_DB=1
HELPDECK_DB_PORT=${HELPDECK_DB_PORT:-3391}"
  fi
  cat >.env <<ENV
$database_lines
APP_URL=http://localhost:${PORT:-3000}
NEXTAUTH_URL=http://localhost:${PORT:-3000}
NEXTAUTH_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')
HELPDECK_SECRET_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')
ATTACHMENTS_DIR=.data/attachments
ENV
fi
set -a
source .env
set +a
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1

bash scripts/db-up.sh
npx tsx scripts/migrate.ts
seed_output="$(npx tsx scripts/seed.ts)"

# Rebuild only when a source file is newer than the last build.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib db public package-lock.json next.config.mjs proxy.ts -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  say "building (about a minute on two cores)"
  npx next build >.data/build.log 2>&1 || { tail -40 .data/build.log; exit 1; }
fi
npm run --silent build:pipe

port="${PORT:-3000}"
if curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then
  echo "Something already answers on port $port (an earlier 'npm run up'?). Stop it or set PORT." >&2
  echo "$seed_output"
  exit 1
fi
say "starting Helpdeck on port $port"
PORT="$port" HOST="${HOST:-0.0.0.0}" node --import tsx scripts/server.ts &
server=$!
trap 'kill $server 2>/dev/null' INT TERM
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "The server exited; see the messages above." >&2; exit 1; }
  sleep 0.5
done
echo "$seed_output"
echo "  Ready: http://localhost:$port   (Ctrl-C stops the server; MariaDB keeps running: scripts/db-down.sh stops it)"
wait $server
