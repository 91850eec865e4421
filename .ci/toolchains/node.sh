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

# pnpm, Yarn 1 and Bun, for the tests that scaffold as `pnpm create` / `yarn create` / `bun create` would
# (they are on the npm registry too). A folder of their own, so their bin/ does not put Node 22 first on PATH.
install_package_managers() {
  local pm_dir="$dir/pm"
  if [ -x "$pm_dir/node_modules/.bin/pnpm" ] && [ -x "$pm_dir/node_modules/.bin/yarn" ] && [ -x "$pm_dir/node_modules/.bin/bun" ]; then
    return 0
  fi
  mkdir -p "$pm_dir"
  npm install --prefix "$pm_dir" --no-audit --no-fund --loglevel=error pnpm@10 yarn@1 bun@1
}

# Yarn 4 ("Berry"; its CLI is @yarnpkg/cli-dist on npm) is also called `yarn`: a folder of its own.
install_yarn_berry() {
  local berry_dir="$dir/yarn-berry"
  [ -x "$berry_dir/node_modules/.bin/yarn" ] && return 0
  mkdir -p "$berry_dir"
  npm install --prefix "$berry_dir" --no-audit --no-fund --loglevel=error @yarnpkg/cli-dist@4
}

if [ "$(installed_major || true)" = "$MAJOR" ]; then
  install_package_managers
install_yarn_berry
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
install_package_managers
install_yarn_berry
echo "node toolchain: installed Node $("$bin" --version) in $dir"
