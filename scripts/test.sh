#!/usr/bin/env bash
# Runs every test: type check, lint, unit, integration (real MariaDB, SMTP, IMAP) and end-to-end (real
# Chromium) against a test database migrated from scratch. Installs what it needs on first run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

ensure_node_modules "$root"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

# The project-local MariaDB, whatever DATABASE_URL the caller's shell has: tests never touch other data.
(unset DATABASE_URL; bash scripts/db-up.sh)

source scripts/test-env.sh
mkdir -p test-results/screenshots

say "fresh test database"
mariadb --no-defaults --socket="$root/.data/mariadb.sock" -uroot -e "DROP DATABASE IF EXISTS ${HELPDECK_TEST_DB:-helpdeck_test}"
rm -rf "$ATTACHMENTS_DIR"
npx tsx scripts/migrate.ts

say "type check"
npx tsc --noEmit
say "lint"
npx eslint --max-warnings=0 .

say "build"
# The production build the end-to-end tests run against (NODE_ENV must be production for next build).
NODE_ENV=production npx next build >.data/test-build.log 2>&1 || { tail -40 .data/test-build.log; exit 1; }
npm run --silent build:pipe

say "tests"
set +e
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
status=$?
set -e
node scripts/test-summary.mjs test-results/vitest.json || true
exit $status
