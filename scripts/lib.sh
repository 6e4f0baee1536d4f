# Shared shell helpers for the project's scripts (sourced, not run).
say() { printf '\033[1;34m›\033[0m %s\n' "$*" >&2; }

# Installs Debian packages, refreshing the package lists once per hour at most.
apt_install() {
  local stamp=/var/lib/apt/periodic/helpdeck-update-stamp
  if [ "$(id -u)" != 0 ]; then
    echo "Need root to install: $* (apt-get install -y $*)" >&2
    exit 1
  fi
  say "installing $* (Debian packages)"
  if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +60 2>/dev/null)" ]; then
    apt-get update -qq >/dev/null
    mkdir -p "$(dirname "$stamp")" && touch "$stamp"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Installs node modules when package-lock.json changed since the last install.
ensure_node_modules() {
  local root="$1"
  if [ ! -f "$root/node_modules/.package-lock.json" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    say "installing npm packages"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error 2>&1 | grep -v 'Unknown user config' || true)
    [ -d "$root/node_modules/next" ] || { echo "npm ci failed" >&2; exit 1; }
  fi
}

local_database_url() { echo "mysql://helpdeck:helpdeck@127.0.0.1:${HELPDECK_DB_PORT:-3391}/${1:-helpdeck}"; }
