# Shared steps of scripts/run and scripts/test. Sourced, not run.
# Each step is idempotent and skips work whose inputs have not changed, so a second run is fast.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
export PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'Error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  # Install Debian packages when missing; only root can, others get a clear message.
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root || die "missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})"
  say "Installing Debian packages: ${missing[*]}"
  if [ ! -f /var/lib/apt/periodic/tillid-updated ] || ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/tillid-updated
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Of the contents only: checkouts in other folders sharing one .venv agree on its stamps.
file_hash() { cat "$@" | sha256sum | cut -c1-16; }

ensure_python() {
  # $1: the lock file to install (requirements.lock or requirements-dev.lock).
  local lock="$1" stamp
  command -v python3 >/dev/null || die "python3 (3.11 or newer) is required"
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "Python 3.11 or newer is required"
  if [ ! -x "$PY" ]; then
    say "Creating .venv"
    python3 -m venv "$VENV"
  fi
  stamp="$VENV/.installed-$(basename "$lock")"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$(file_hash "$ROOT/$lock")" ]; then
    say "Installing Python packages from $lock"
    "$PY" -m pip install -q --require-hashes --no-deps -r "$ROOT/$lock" 2> >(grep -v 'is ignored: it is neither' >&2)
    file_hash "$ROOT/$lock" > "$stamp"
  fi
}

ensure_node_assets() {
  local stamp="$ROOT/node_modules/.installed-lock"
  command -v npm >/dev/null || die "Node.js 20 and npm are required for the front-end assets (dkfds, htmx)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$(file_hash "$ROOT/package-lock.json")" ]; then
    say "Installing front-end assets (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error 2> >(grep -v 'Unknown user config' >&2) >/dev/null)
    file_hash "$ROOT/package-lock.json" > "$stamp"
  fi
}

ensure_test_oidc_provider() {
  # The loopback OpenID provider of the single sign-on tests (tests/oidc, its own package.json
  # and node_modules: never deployed, never mixed with the front-end assets).
  local dir="$ROOT/tests/oidc" stamp="$ROOT/tests/oidc/node_modules/.installed-lock"
  command -v npm >/dev/null || die "Node.js 20 and npm are required for the test OpenID provider (oidc-provider)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$(file_hash "$dir/package-lock.json")" ]; then
    say "Installing the test OpenID provider (npm ci in tests/oidc)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error 2> >(grep -v 'Unknown user config' >&2) >/dev/null)
    file_hash "$dir/package-lock.json" > "$stamp"
  fi
}

ensure_messages() {
  # Compile translations when a .po file is newer than its .mo.
  local po mo stale=0
  command -v msgfmt >/dev/null || apt_install gettext
  while IFS= read -r po; do
    mo="${po%.po}.mo"
    [ "$mo" -nt "$po" ] || stale=1
  done < <(find "$ROOT/src/tillid" -path '*/locale/*' -name '*.po')  # project and app catalogues
  if [ "$stale" = 1 ]; then
    say "Compiling translations"
    (cd "$ROOT/src/tillid" && "$PY" "$ROOT/manage.py" compilemessages -v0)
  fi
}

ensure_static() {
  # Collect, compress and hash the static files for WhiteNoise (production's storage) when the
  # front-end assets, Python packages or any app's static files changed since the last time.
  local root="${STATIC_ROOT:-$ROOT/staticfiles}" stamp inputs
  stamp="$root/.collected"
  inputs="$( { file_hash "$ROOT/requirements.lock" "$ROOT/package-lock.json"
    find "$ROOT/src/tillid" -path '*/static/*' -type f -printf '%p %T@ %s\n' | sort; } | sha256sum | cut -c1-16)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$inputs" ]; then
    say "Collecting static files"
    manage collectstatic --noinput --clear -v0
    echo "$inputs" > "$stamp"
  fi
}

manage() { "$PY" "$ROOT/manage.py" "$@"; }
