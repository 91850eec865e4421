#!/usr/bin/env bash
# Installs Ruby, Bundler and the gems the generated Ruby app needs, from Debian's archive.
# rubygems.org is unreachable here, so the app is built with `bundle install --local` against the gems
# Debian ships as packages (bookworm: Ruby 3.1, Sinatra 3.0, Puma 5.6, Rack 2.2); the test recipe relaxes
# the app's Gemfile to those versions. Idempotent: a second run only checks what is installed.
# Nothing is generated besides the apt packages; the state dir only records what was installed.
set -euo pipefail

STATE_DIR="${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/ruby"
APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
# ruby-sinatra pulls rack-protection, mustermann and tilt; puma pulls nio4r.
PACKAGES=(ruby ruby-bundler ruby-sinatra puma ruby-rack ruby-rack-test ruby-minitest rake)

log() { echo "ruby toolchain: $*" >&2; }

missing() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}

finish() {
  mkdir -p "$STATE_DIR"
  dpkg-query -W -f='${Package} ${Version}\n' "${PACKAGES[@]}" > "$STATE_DIR/packages.txt"
  log "$(ruby --version | cut -d' ' -f1-2), bundler $(bundle --version | awk '{print $NF}') (packages listed in $STATE_DIR/packages.txt)"
  exit 0
}

todo="$(missing)"
if [[ -z "$todo" ]]; then finish; fi

log "installing $(echo "$todo" | tr '\n' ' ')"
apt-get "${APT_OPTS[@]}" update -qq
# shellcheck disable=SC2086 # one package name per word
DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends $todo >/dev/null
todo="$(missing)"
[[ -z "$todo" ]] || { log "still missing after apt-get install: $todo"; exit 1; }
for tool in ruby bundle; do
  command -v "$tool" >/dev/null || { log "$tool not on PATH after installing"; exit 1; }
done
finish
