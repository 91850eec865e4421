#!/usr/bin/env bash
# Ruby for the generated Ruby app, which asks for Ruby >= 3.3. rubygems.org cannot be reached from the
# CI machines, and Debian 12 ships Ruby 3.1, so the app is built and tested in a Debian 13 (trixie) root
# made by debootstrap, with Debian's Ruby 3.3 and Debian's packaged gems (Sinatra 4.1, Puma 6.6, Rack 3.1,
# rack-test 2.2, minitest 5.25, rake 13.2; the Gemfile's ranges allow them). The test recipe runs
# commands in it with test/apps/ruby-root.sh. Nothing of trixie is installed on the machine itself.
# The root is cached under $CAA_TOOLCHAIN_DIR/ruby/<hash of suite, mirror and package list>.
# The machine's own Ruby (any version, from apt) is installed too: other tests read Ruby string
# literals with it and check the CLI's message for a Ruby older than 3.3.
set -euo pipefail

SUITE=trixie
# ruby-sinatra pulls rack, rack-protection, mustermann and tilt; puma pulls nio4r.
PACKAGES=(ruby ruby-bundler ruby-sinatra puma ruby-rack ruby-rack-test ruby-minitest rake)
state="${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/ruby"
APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)

log() { echo "ruby toolchain: $*" >&2; }
installed() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends "$@" >/dev/null
}

# The Debian mirror this machine uses (deb822 .sources first, then the one-line format).
mirror() {
  local f uri=''
  shopt -s nullglob
  for f in /etc/apt/sources.list.d/*.sources; do
    uri="$(awk 'tolower($1)=="uris:" && $2 ~ /\/debian\/?$/ {print $2; exit}' "$f")"
    [[ -n "$uri" ]] && break
  done
  if [[ -z "$uri" && -f /etc/apt/sources.list ]]; then
    uri="$(awk '$1=="deb" {for (i=2;i<=NF;i++) if ($i ~ /^(https?|ftp):\/\/.*\/debian\/?$/) {print $i; exit}}' /etc/apt/sources.list)"
  fi
  uri="${uri:-http://deb.debian.org/debian}"
  echo "${uri%/}"
}

todo=()
for tool in ruby debootstrap; do installed "$tool" || todo+=("$tool"); done
if (( ${#todo[@]} )); then
  log "installing ${todo[*]} on the machine"
  apt_install "${todo[@]}"
fi

url="$(mirror)"
key="$(printf '%s\n' "$SUITE" "$url" "${PACKAGES[@]}" | sha256sum | cut -c1-16)"
root="$state/$key"
if [[ ! -f "$root/.complete" ]]; then
  log "making a Debian $SUITE root with ${PACKAGES[*]} from $url (a few minutes, once)"
  rm -rf "$root.partial"
  mkdir -p "$state"
  debootstrap --variant=minbase "$SUITE" "$root.partial" "$url" >"$state/debootstrap.log" 2>&1 \
    || { tail -n 20 "$state/debootstrap.log" >&2; log "debootstrap failed (log: $state/debootstrap.log)"; exit 1; }
  {
    chroot "$root.partial" apt-get "${APT_OPTS[@]}" update -qq &&
      chroot "$root.partial" env DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y -qq \
        --no-install-recommends "${PACKAGES[@]}" &&
      chroot "$root.partial" apt-get clean
  } >"$state/apt.log" 2>&1 || { tail -n 20 "$state/apt.log" >&2; log "apt-get in the $SUITE root failed"; exit 1; }
  touch "$root.partial/.complete"
  rm -rf "$root"
  mv "$root.partial" "$root"
fi
# What the recipe reads: the root in use, and what it holds.
echo "$root" >"$state/root"
# shellcheck disable=SC2016 # ${Package} is dpkg-query's format, not the shell's
chroot "$root" dpkg-query -W -f='${Package} ${Version}\n' "${PACKAGES[@]}" >"$state/packages.txt"
log "$(chroot "$root" ruby --version | cut -d' ' -f1-2) in $root; gems: $(awk '{printf "%s %s, ", $1, $2}' "$state/packages.txt" | sed 's/, $//')"
