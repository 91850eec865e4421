#!/usr/bin/env bash
# Makes sure `python3 -m venv` can create a virtual environment with pip in it, which is all the
# generated Python app needs to build (its packages come from the pip index configured on the machine).
# Debian ships venv/ensurepip as a separate package (python3-venv), installed here if it is missing.
# Idempotent: the probe venv it creates under the state dir is reused while it still works.
set -euo pipefail

dir="${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/python"
probe="$dir/probe-venv"

log() { echo "python toolchain: $*" >&2; }

works() {
  [ -x "$probe/bin/python" ] && "$probe/bin/python" -m pip --version >/dev/null 2>&1 &&
    [ "$("$probe/bin/python" -c 'import sys; print(sys.version)')" = "$(python3 -c 'import sys; print(sys.version)')" ]
}

make_probe() {
  rm -rf "$probe"
  mkdir -p "$dir"
  python3 -m venv "$probe" >/dev/null 2>&1 && works
}

if command -v python3 >/dev/null && { works || make_probe; }; then
  log "$(python3 --version) with venv and pip (probe: $probe)"
  exit 0
fi

log "installing python3 and python3-venv from apt"
apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
  python3 python3-venv >/dev/null
make_probe || { log "python3 -m venv still cannot create a venv with pip"; exit 1; }
log "$(python3 --version) with venv and pip (probe: $probe)"
