#!/usr/bin/env bash
# Stops the project-local MariaDB started by db-up.sh (its data stays in .data/mariadb).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$PATH:/usr/sbin"
if mariadb-admin --no-defaults --socket="$root/.data/mariadb.sock" -uroot shutdown 2>/dev/null; then
  echo "MariaDB stopped."
else
  echo "MariaDB was not running."
fi
