#!/usr/bin/env bash
# Finds (or installs) a JDK >= 21 and Maven 3.9 for building and testing the generated Java app, which
# compiles with `maven.compiler.release` 21 and runs each request on a virtual thread (Java 21 API).
# A JDK 21 is looked for in JAVA_HOME, then in /usr/lib/jvm (Debian's and Temurin's packages install
# there), then on PATH; the default `java` may stay older. Debian 12 has no openjdk-21 package, so apt
# is tried only where one exists (Debian 13, Ubuntu 24.04). The JDK found is recorded in
# $CAA_TOOLCHAIN_DIR/java/java-home for the test recipe (test/apps/recipes/java.ts), which sets
# JAVA_HOME from it. Maven resolves plugins and JUnit from Maven Central. Debian 12's Maven is 3.8.7 and
# the app asks for 3.9 (the CLI checks it), so Debian's Maven fetches Maven MAVEN_VERSION (the release the
# Dockerfile's maven image has) from Maven Central as the artifact org.apache.maven:apache-maven:bin, into
# $CAA_TOOLCHAIN_DIR/java/apache-maven-<version>, recorded in .../java/maven-home.
set -euo pipefail

MIN_JAVA=21
MAVEN_VERSION=3.9.16
dir="${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/java"
APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)

log() { echo "java toolchain: $*" >&2; }

# Major version of <home>/bin/java: `openjdk version "25.0.1" 2025-10-21` gives 25 ("1.8.0_x" gives 1).
major_of() {
  "$1/bin/java" -version 2>&1 | sed -n '1s/.* version "\([0-9]*\)[."_-].*/\1/p;1s/.* version "\([0-9]*\)".*/\1/p' | head -n1
}

# The newest JDK home (with javac) of major >= MIN_JAVA among the candidates, or nothing.
find_jdk() {
  local home major best='' best_major=0
  local candidates=("${JAVA_HOME:-}" /usr/lib/jvm/*)
  if command -v javac >/dev/null; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"); fi
  for home in "${candidates[@]}"; do
    [[ -n "$home" && -x "$home/bin/java" && -x "$home/bin/javac" ]] || continue
    major="$(major_of "$home")"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if (( major >= MIN_JAVA && major > best_major )); then best="$(readlink -f "$home")"; best_major="$major"; fi
  done
  [[ -n "$best" ]] && echo "$best"
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends "$@" >/dev/null
}

mkdir -p "$dir"
home="$(find_jdk || true)"
if [[ -z "$home" ]]; then
  pkg="$(apt-cache pkgnames openjdk- 2>/dev/null | grep -E '^openjdk-[0-9]+-jdk-headless$' \
    | awk -F- -v min="$MIN_JAVA" '$2 >= min { print $2, $0 }' | sort -n | tail -n1 | cut -d' ' -f2 || true)"
  [[ -n "$pkg" ]] || { log "no JDK >= $MIN_JAVA found (JAVA_HOME, /usr/lib/jvm, PATH) and apt has none: install one, e.g. Eclipse Temurin 21 (https://adoptium.net/installation/linux/)"; exit 1; }
  log "installing $pkg"
  apt_install "$pkg"
  home="$(find_jdk || true)"
  [[ -n "$home" ]] || { log "$pkg installed but no JDK >= $MIN_JAVA under /usr/lib/jvm"; exit 1; }
fi
maven_home="$dir/apache-maven-$MAVEN_VERSION"
if [[ ! -x "$maven_home/bin/mvn" ]]; then
  if ! command -v mvn >/dev/null; then
    log "installing Debian's Maven (to fetch Maven $MAVEN_VERSION with)"
    apt_install maven
  fi
  log "fetching Maven $MAVEN_VERSION from Maven Central"
  rm -rf "$dir/download" && mkdir -p "$dir/download"
  # JDK 23+ warns about Maven's use of sun.misc.Unsafe on every run (JEP 471) unless it is allowed.
  opts=''; (( $(major_of "$home") >= 23 )) && opts='--sun-misc-unsafe-memory-access=allow'
  out="$(JAVA_HOME="$home" MAVEN_OPTS="$opts" mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy \
    "-Dartifact=org.apache.maven:apache-maven:$MAVEN_VERSION:tar.gz:bin" -DoutputDirectory="$dir/download" 2>&1)" \
    || { echo "$out" >&2; log "fetching Maven $MAVEN_VERSION failed"; exit 1; }
  tar -xzf "$dir/download/apache-maven-$MAVEN_VERSION-bin.tar.gz" -C "$dir"
  rm -rf "$dir/download"
  [[ -x "$maven_home/bin/mvn" ]] || { log "no mvn in $maven_home after unpacking"; exit 1; }
fi

# Record what was found, for the recipe and the test logs (whole outputs captured: `| head` would SIGPIPE under pipefail).
mkdir -p "$dir"
echo "$home" >"$dir/java-home"
echo "$maven_home" >"$dir/maven-home"
java_version="$("$home/bin/java" -version 2>&1)"
mvn_version="$(JAVA_HOME="$home" "$maven_home/bin/mvn" -v 2>&1 | sed 's/\x1b\[[0-9;]*m//g')" # Maven 3.8 colours -v output whatever the flags
printf '%s\n%s\n' "${java_version%%$'\n'*}" "${mvn_version%%$'\n'*}" >"$dir/versions.txt"
log "JAVA_HOME=$home: ${java_version%%$'\n'*}; ${mvn_version%%$'\n'*}"
