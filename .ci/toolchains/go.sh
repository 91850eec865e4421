#!/usr/bin/env bash
# Finds or installs Go >= 1.23 (the generated go.mod says `go 1.23`) for building the generated Go app.
# The Go on PATH is used when it is new enough (e.g. one from go.dev/dl in /usr/local/go). Otherwise:
# Debian 12's default golang-go is 1.19: it compiles Go 1.22 mux patterns ("GET /path") but never matches
# them, so we take golang-1.2x-go from <codename>-backports, served by the mirror the machine already uses.
# Modules resolve through the Go module proxy (GOPROXY's default), as for any user.
# Idempotent: a second run only checks what is installed. State (GOCACHE, GOPATH) lives under
# ${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/go.
set -euo pipefail

MIN_MINOR=23
STATE_DIR="${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/go"
APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
SOURCES_FILE=/etc/apt/sources.list.d/create-apprunner-app-backports.sources

log() { echo "go toolchain: $*" >&2; }

# Newest /usr/lib/go-1.N with N >= MIN_MINOR, or nothing.
installed_go() {
  local dir minor best='' best_minor=0
  for dir in /usr/lib/go-1.*; do
    [[ -x "$dir/bin/go" ]] || continue
    minor="${dir##*/go-1.}"
    [[ "$minor" =~ ^[0-9]+$ ]] || continue
    if (( minor >= MIN_MINOR && minor > best_minor )); then best="$dir"; best_minor="$minor"; fi
  done
  [[ -n "$best" ]] && echo "$best"
}

finish() {
  local goroot="$1"
  mkdir -p "$STATE_DIR/gocache" "$STATE_DIR/gopath"
  log "$("$goroot/bin/go" version) at $goroot/bin (state in $STATE_DIR)"
  exit 0
}

# GOROOT of the `go` on PATH if it is Go 1.N with N >= MIN_MINOR (`go env GOVERSION` prints go1.26.8).
path_go() {
  local version minor
  command -v go >/dev/null || return 1
  version="$(go env GOVERSION 2>/dev/null)" || return 1
  minor="$(sed -nE 's/^go1\.([0-9]+).*/\1/p' <<<"$version")"
  [[ -n "$minor" ]] && (( minor >= MIN_MINOR )) && go env GOROOT
}

if goroot="$(path_go)"; then finish "$goroot"; fi
if goroot="$(installed_go)"; then finish "$goroot"; fi

# shellcheck disable=SC1091
codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
[[ -n "$codename" ]] || { log "cannot read VERSION_CODENAME from /etc/os-release"; exit 1; }
backports="$codename-backports"

# Newest golang-1.N-go (N >= MIN_MINOR) that apt can install from any configured suite.
candidate_pkg() {
  apt-cache pkgnames golang-1. 2>/dev/null | grep -E '^golang-1\.[0-9]+-go$' \
    | awk -F'[.-]' -v min="$MIN_MINOR" '$3 >= min { print $3, $0 }' | sort -n | tail -n1 | cut -d' ' -f2
}

# The machine's mirror for the base suite, from deb822 .sources files or one-line .list files.
mirror_uri() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    awk -v suite="$codename" '
      function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uri != "") { print uri, signed; found = 1; exit } types = suites = uri = signed = "" }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      tolower($1) == "types:"     { $1 = ""; types = $0 }
      tolower($1) == "suites:"    { $1 = ""; suites = $0 }
      tolower($1) == "uris:"      { uri = $2 }
      tolower($1) == "signed-by:" { signed = $2 }
      END { if (!found) flush() }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    sed -E 's/\[[^]]*\]//' "$f" | awk -v suite="$codename" '$1 == "deb" && $3 == suite { print $2; exit }'
  done
}

# Whether an active (uncommented) apt source already lists this suite.
has_suite() {
  local f files=()
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] && files+=("$f")
  done
  (( ${#files[@]} )) || return 1
  awk -v s="$1" '!/^[[:space:]]*#/ { for (i = 1; i <= NF; i++) if ($i == s) found = 1 } END { exit !found }' "${files[@]}"
}

pkg="$(candidate_pkg || true)"
if [[ -z "$pkg" ]]; then
  if ! has_suite "$backports"; then
    read -r uri signed < <(mirror_uri | head -n1) || true
    [[ -n "${uri:-}" ]] || { log "no apt source for suite $codename found to derive a mirror from"; exit 1; }
    log "adding $backports from $uri"
    {
      echo "Types: deb"
      echo "URIs: $uri"
      echo "Suites: $backports"
      echo "Components: main"
      if [[ -n "${signed:-}" ]]; then echo "Signed-By: $signed"; fi
    } > "$SOURCES_FILE"
  fi
  log "apt-get update"
  apt-get "${APT_OPTS[@]}" update -qq
  pkg="$(candidate_pkg || true)"
  [[ -n "$pkg" ]] || { log "no golang-1.N-go with N >= $MIN_MINOR in the apt sources"; exit 1; }
fi

# Backports has pin priority 100: -t makes apt take $pkg's dependencies (golang-1.N-src) from there too.
target=()
if has_suite "$backports"; then
  target=(-t "$backports")
fi
log "installing $pkg"
DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends \
  "${target[@]}" "$pkg" >/dev/null
goroot="$(installed_go)" || { log "$pkg installed but no go >= 1.$MIN_MINOR under /usr/lib"; exit 1; }
finish "$goroot"
