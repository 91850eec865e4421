#!/usr/bin/env bash
# Installs Node.js 22, the line App Runner's managed `nodejs22` runtime runs, so the generated Node app
# is tested on the same major it deploys to (the machine's own Node may be older or newer).
# Node ships on the npm registry as the `node` package (its postinstall fetches the matching
# `node-<os>-<arch>` package from the same registry), so this needs only npm.
set -euo pipefail

MAJOR=22
dir="${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/node"
bin="$dir/node_modules/.bin/node"

installed_major() {
  [ -x "$bin" ] && "$bin" -p 'process.versions.node.split(".")[0]' 2>/dev/null
}

if [ "$(installed_major || true)" = "$MAJOR" ]; then
  echo "node toolchain: Node $("$bin" --version) already in $dir"
  exit 0
fi

command -v npm >/dev/null || { echo "node toolchain: npm is needed to install Node $MAJOR" >&2; exit 1; }
mkdir -p "$dir"
# --prefix keeps everything under $dir; the package.json npm writes there records what was installed.
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node@$MAJOR"

if [ "$(installed_major || true)" != "$MAJOR" ]; then
  echo "node toolchain: installing node@$MAJOR did not give a working Node $MAJOR at $bin" >&2
  exit 1
fi
echo "node toolchain: installed Node $("$bin" --version) in $dir"
