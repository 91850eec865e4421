#!/usr/bin/env bash
# Installs every toolchain the generated apps' end-to-end tests build with (see each script).
# Idempotent and quick when everything is there; `npm test` runs it first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# A fresh Debian machine has empty package lists: apt-cache and apt-get install need them once.
if command -v apt-get >/dev/null && ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
fi

for runtime in node python go rust java ruby lint; do
  bash "$here/$runtime.sh"
done
