#!/usr/bin/env bash
# Runs a command, in the current folder, inside the Debian root that .ci/toolchains/ruby.sh made
# (its path in CAA_RUBY_ROOT). The mounts it needs (the current folder at the same path inside, /proc,
# /dev, a fresh /tmp) live in a private mount namespace (unshare(1) --mount): they vanish with the
# process, so nothing stays mounted on the machine. Every step execs the next, so the process the caller
# started ends up being the command itself and signals (SIGTERM) reach it. Needs root, as chroot does.
set -euo pipefail
root="${CAA_RUBY_ROOT:?CAA_RUBY_ROOT must name the root made by .ci/toolchains/ruby.sh}"
[[ -f "$root/.complete" ]] || { echo "ruby-root: no finished root at $root" >&2; exit 1; }
# shellcheck disable=SC2016 # the inner scripts expand their own arguments
exec unshare --mount --propagation private -- /bin/sh -c '
  set -e
  root=$1; shift
  mount -t tmpfs tmpfs "$root/tmp"
  mkdir -p "$root$PWD"
  mount --bind "$PWD" "$root$PWD"
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  exec chroot "$root" /usr/bin/env PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$PWD" "$@"
' ruby-root "$root" "$@"
