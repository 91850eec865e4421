#!/usr/bin/env bash
# Makes sure a JDK (17 or later) and Maven are on PATH for building and testing the generated Java app.
# The generated app targets Java 21, but this Debian has no JDK 21 package: on 17 the test recipe
# (test/apps/recipes/java.ts) swaps the one Java 21 call in its test copy and builds with release 17. Maven resolves the app's plugins and JUnit from
# the local Maven repository (~/.m2/repository), which has to be there already: no Maven repository is
# reachable from these machines.
set -euo pipefail

MIN_JAVA=17
dir="${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/java"

java_major() {
  # `java -version` prints e.g. `openjdk version "17.0.15" 2025-04-15` (or "1.8.0_x" on old JDKs).
  java -version 2>&1 | sed -n '1s/.* version "\([0-9]*\)[."_].*/\1/p'
}

have_toolchain() {
  command -v java >/dev/null && command -v javac >/dev/null && command -v mvn >/dev/null &&
    [ "$(java_major || echo 0)" -ge "$MIN_JAVA" ] 2>/dev/null
}

if ! have_toolchain; then
  echo "java toolchain: installing a JDK and Maven with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends default-jdk-headless maven >/dev/null
  have_toolchain || { echo "java toolchain: still no JDK >= $MIN_JAVA with javac and mvn after apt-get install" >&2; exit 1; }
fi

if [ ! -d "$HOME/.m2/repository/org/junit/jupiter" ]; then
  echo "java toolchain: warning: no JUnit in ~/.m2/repository; offline Maven builds will fail" >&2
fi

# Record what was found, for the test logs (whole outputs captured: `| head` would SIGPIPE under pipefail).
mkdir -p "$dir"
java_version="$(java -version 2>&1)"
mvn_version="$(mvn -v 2>&1 | sed 's/\x1b\[[0-9;]*m//g')" # Maven 3.8 colours -v output whatever the flags
printf '%s\n%s\n' "${java_version%%$'\n'*}" "${mvn_version%%$'\n'*}" >"$dir/versions.txt"
echo "java toolchain: ${java_version%%$'\n'*}; ${mvn_version%%$'\n'*}"
