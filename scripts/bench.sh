#!/usr/bin/env bash
# `npm run bench`: the scale run. Installs what it needs, starts the local MariaDB, sizes its buffer pool
# for the data set, builds the production app, fills the scale data set on the first run (1,000,000
# tickets, 5,000,000 messages; reused later) and measures the agent pages, the token API, the portal, mail
# ingestion and a 10-minute soak into bench/results.md. Options go to scripts/bench.ts, e.g.
#   npm run bench -- --only api,portal --seconds 10
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

ensure_node_modules "$root"
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || apt_install dovecot-imapd
(unset DATABASE_URL; bash scripts/db-up.sh)

# A quarter of the machine's memory (1-8 GiB) for InnoDB's buffer pool: the data set is ~3 GB on disk.
# MariaDB resizes the pool online; it only ever grows here.
mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
pool=$(( mem_kb * 1024 / 4 ))
[ "$pool" -lt $((1 << 30)) ] && pool=$((1 << 30))
[ "$pool" -gt $((8 << 30)) ] && pool=$((8 << 30))
sock="$root/.data/mariadb.sock"
if [ -S "$sock" ]; then
  current=$(mariadb --no-defaults --socket="$sock" -uroot -N -e "SELECT @@innodb_buffer_pool_size")
  if [ "$current" -lt "$pool" ]; then
    say "InnoDB buffer pool: $((current >> 20)) → $((pool >> 20)) MiB"
    mariadb --no-defaults --socket="$sock" -uroot -e "SET GLOBAL innodb_buffer_pool_size = $pool"
  fi
  # A 1 GiB redo log: with the default 96 MiB, the write benches fill it within seconds and InnoDB then
  # flushes pages while they run; each run was slower than the one before (reply bench 450 → 406 → 355
  # req/s). With 1 GiB, three runs in a row gave 452, 459 and 489. MariaDB resizes it online.
  redo=$((1 << 30))
  current=$(mariadb --no-defaults --socket="$sock" -uroot -N -e "SELECT @@innodb_log_file_size")
  if [ "$current" -lt "$redo" ]; then
    say "InnoDB redo log: $((current >> 20)) → $((redo >> 20)) MiB"
    mariadb --no-defaults --socket="$sock" -uroot -e "SET GLOBAL innodb_log_file_size = $redo"
  fi
fi

# The build reads the configuration; the bench points each part at its own database afterwards.
[ -f .env ] && set -a && source .env && set +a
# Every part runs against the project-local MariaDB, on this machine: the app reaches it over its Unix
# socket, as a single-machine install should (less CPU per statement than loopback TCP; docs/scaling.md).
export DATABASE_URL="mysql://helpdeck:helpdeck@localhost/helpdeck?socketPath=$sock"
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.data/next-bench}"
say "production build in $NEXT_DIST_DIR"
# next build adds its types folder to tsconfig.json; the bench leaves the working tree as it found it.
cp tsconfig.json .data/tsconfig.json.bench
status=0
NODE_ENV=production npx next build >.data/bench-build.log 2>&1 || status=$?
cp .data/tsconfig.json.bench tsconfig.json
[ "$status" -eq 0 ] || { tail -40 .data/bench-build.log; exit "$status"; }
npm run --silent build:pipe

exec node --experimental-websocket --import tsx scripts/bench.ts "$@"
