#!/usr/bin/env bash
# Makes the crates a generated Rust app needs available offline.
#
# crates.io is unreachable on the CI machine, but Debian packages crates as `librust-*-dev` debs
# whose files form a cargo directory registry (usr/share/cargo/registry). Debian 12 (bookworm) has
# no axum; Debian 13 (trixie) has axum 0.7.9. So this script downloads the trixie debs of axum,
# tokio, serde_json, tower and http-body-util with their whole dependency closure and unpacks them
# under $CAA_TOOLCHAIN_DIR/rust/crates. It never installs them and never touches the machine's apt
# sources: it uses a private apt configuration (own sources list, lists, cache and an empty dpkg
# status) pointed at the Debian mirror the machine already uses. rustc and cargo must be on PATH.
set -euo pipefail

SUITE=trixie
ROOTS=(librust-axum-dev librust-tokio-dev librust-serde-json-dev librust-tower-dev librust-http-body-util-dev)

base="${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/rust"
crates="$base/crates"
registry="$crates/usr/share/cargo/registry"
stamp="$crates/.complete"

say() { echo "rust toolchain: $*" >&2; }

command -v cargo >/dev/null || { say "cargo is not on PATH (install Rust with rustup first)"; exit 1; }
if [[ -f "$stamp" ]] && compgen -G "$registry/axum-0.*" >/dev/null; then
  say "crates already in $registry ($(cargo --version))"
  exit 0
fi

# The Debian mirror this machine uses (deb822 .sources first, then the one-line format).
mirror=""
shopt -s nullglob
for f in /etc/apt/sources.list.d/*.sources; do
  mirror=$(awk 'tolower($1)=="uris:" && $2 ~ /\/debian\/?$/ {print $2; exit}' "$f")
  [[ -n "$mirror" ]] && break
done
if [[ -z "$mirror" && -f /etc/apt/sources.list ]]; then
  mirror=$(awk '$1=="deb" {for (i=2;i<=NF;i++) if ($i ~ /^(https?|ftp):\/\/.*\/debian\/?$/) {print $i; exit}}' /etc/apt/sources.list)
fi
mirror="${mirror:-http://deb.debian.org/debian}"
mirror="${mirror%/}"

# Private apt state: nothing here is seen by the system's apt, nothing is installed.
apt_dir="$base/apt"
rm -rf "$apt_dir" "$crates"
mkdir -p "$apt_dir"/{etc/sources.list.d,etc/preferences.d,state/lists/partial,cache/archives/partial,debs} "$crates"
: >"$apt_dir/state/status"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
signed=""; [[ -f "$keyring" ]] && signed="[signed-by=$keyring] "
echo "deb ${signed}$mirror $SUITE main" >"$apt_dir/etc/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$apt_dir/etc/sources.list"
  -o "Dir::Etc::SourceParts=$apt_dir/etc/sources.list.d"
  -o "Dir::Etc::Preferences=$apt_dir/etc/preferences"
  -o "Dir::Etc::PreferencesParts=$apt_dir/etc/preferences.d"
  -o "Dir::State=$apt_dir/state"
  -o "Dir::State::status=$apt_dir/state/status"
  -o "Dir::Cache=$apt_dir/cache"
  -o "DPkg::Lock::Timeout=600"
  # apt's _apt download user cannot write into root's home.
  -o "APT::Sandbox::User=root"
)

say "reading the $SUITE package list from $mirror"
apt-get "${apt_opts[@]}" -qq update

# Every librust package the roots depend on, recursively (all providers of virtual packages).
mapfile -t pkgs < <(apt-cache "${apt_opts[@]}" depends --recurse --no-recommends --no-suggests \
  --no-conflicts --no-breaks --no-replaces --no-enhances "${ROOTS[@]}" | grep -E '^librust-' | sort -u)
(( ${#pkgs[@]} > 0 )) || { say "no librust packages found in $SUITE"; exit 1; }
say "downloading ${#pkgs[@]} crate packages"
(cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" -qq download "${pkgs[@]}")

for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$crates"; done
compgen -G "$registry/axum-0.*" >/dev/null || { say "no axum crate in $registry"; exit 1; }
rm -rf "$apt_dir"
touch "$stamp"
say "$(find "$registry" -mindepth 1 -maxdepth 1 -type d | wc -l) crates in $registry"
